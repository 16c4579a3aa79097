package io.singletable.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One GraphQL subscription over the simulator's real-time endpoint ({@code /graphql/realtime}), spoken as AppSync's
 * real-time protocol ({@code graphql-ws} sub-protocol: the caller's headers base64-encoded in the {@code header} query
 * parameter, {@code connection_init} / {@code connection_ack}, {@code start} with the query and the same headers,
 * {@code start_ack} or {@code error}, then a {@code data} message per event). Opened by
 * {@link AppSyncSimulator#subscribe}, which returns once the subscription is started (or refused), so that every
 * mutation sent afterwards is seen by it.
 */
public final class RealtimeSubscription implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final List<JsonNode> events = new ArrayList<>();
  private final CompletableFuture<JsonNode> started = new CompletableFuture<>();
  private final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
  private final WebSocket socket;

  private RealtimeSubscription(URI realtime, Caller caller, String query, Map<String, Object> variables) {
    Map<String, String> headers = new LinkedHashMap<>(caller.headers());
    headers.put("host", realtime.getHost() + ":" + realtime.getPort());
    String encoded;
    String start;
    try {
      encoded = Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(headers));
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("query", query);
      data.put("variables", variables == null ? Map.of() : variables);
      ObjectNode message = JSON.createObjectNode().put("id", "1").put("type", "start");
      ObjectNode payload = message.putObject("payload");
      payload.put("data", JSON.writeValueAsString(data));
      payload.putObject("extensions").set("authorization", JSON.valueToTree(headers));
      start = JSON.writeValueAsString(message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    URI uri = URI.create(realtime + "?header=" + encoded + "&payload=e30=");
    WebSocket.Listener listener = new WebSocket.Listener() {
      private final StringBuilder text = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence part, boolean last) {
        text.append(part);
        if (last) {
          String message = text.toString();
          text.setLength(0);
          onMessage(message);
        }
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
        started.completeExceptionally(new IllegalStateException("the real-time endpoint closed the connection: "
            + status + " " + reason));
        return null;
      }

      @Override
      public void onError(WebSocket ws, Throwable error) {
        started.completeExceptionally(error);
      }
    };
    try {
      socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-ws")
          .connectTimeout(TIMEOUT).buildAsync(uri, listener).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      // The simulator's server listens for messages only after its (asynchronous) connection handler: a
      // connection_init sent at once can be lost, so it is sent again until acknowledged.
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!acknowledged.isDone() && System.nanoTime() < deadline) {
        socket.sendText("{\"type\":\"connection_init\"}", true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
          acknowledged.get(100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException again) {
          // not yet
        }
      }
      if (!acknowledged.isDone()) {
        throw new TimeoutException("no connection_ack");
      }
      // sent from here, never from the listener: a WebSocket takes one send at a time
      socket.sendText(start, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      started.get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("subscription not started: " + e + "; received " + events(), e);
    }
  }

  static RealtimeSubscription open(URI realtime, Caller caller, String query, Map<String, Object> variables) {
    return new RealtimeSubscription(realtime, caller, query, variables);
  }

  private void onMessage(String message) {
    JsonNode json;
    try {
      json = JSON.readTree(message);
    } catch (IOException e) {
      started.completeExceptionally(e);
      return;
    }
    switch (json.path("type").asText()) {
      case "connection_ack" -> acknowledged.complete(null);
      case "start_ack" -> started.complete(json);
      case "error", "connection_error" -> {
        synchronized (events) {
          events.add(json);
          events.notifyAll();
        }
        started.complete(json);
      }
      case "data" -> {
        synchronized (events) {
          events.add(json.path("payload"));
          events.notifyAll();
        }
      }
      default -> { } // ka (keep-alive), complete
    }
  }

  /**
   * The {@code error} message refusing the subscription ({@code {"type":"error","payload":{"errors":[…]}}}), or null
   * when it was started.
   */
  public JsonNode refusal() {
    JsonNode m = started.getNow(null);
    return m != null && !m.path("type").asText().equals("start_ack") ? m : null;
  }

  /** The {@code payload} of each {@code data} message received so far, e.g. {@code {"data":{"onCreatePost":{…}}}}. */
  public List<JsonNode> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** Waits until {@code n} events have arrived; returns them all. */
  public List<JsonNode> await(int n) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    synchronized (events) {
      while (events.size() < n) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new IllegalStateException(new TimeoutException(n + " events expected, " + events.size()
              + " received: " + events));
        }
        try {
          events.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return List.copyOf(events);
    }
  }

  @Override
  public void close() {
    try {
      socket.sendText("{\"type\":\"stop\",\"id\":\"1\"}", true).get(5, TimeUnit.SECONDS);
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      socket.abort();
    }
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
