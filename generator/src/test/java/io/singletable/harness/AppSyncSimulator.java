package io.singletable.harness;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The AppSync simulator serving one generated backend: its {@code template.yaml}, every nested
 * stack ({@code AWS::CloudFormation::Stack}) recursively, and for a split backend the further
 * top-level stacks {@code stacks/group-*.yaml}, deployed after the root in name order (see
 * {@code lib/template.js}); the root stack is named {@value #ROOT_STACK_NAME}. Served by
 * {@code node server.js} (from
 * {@code src/test/appsync-harness}, with the node_modules Maven installs under
 * {@code target/appsync-harness}) as a child process on a free port of 127.0.0.1, answering real
 * GraphQL requests over HTTP. Its stderr is kept (the last lines) for the failure messages.
 * {@link #close()} kills the process and any children; a JVM shutdown hook does it too, and the
 * server exits by itself when this JVM's end of its stdin closes.
 *
 * <p>System properties: {@code singletable.harness.script} (server.js), {@code
 * singletable.harness.nodeModules}, {@code singletable.harness.node} (the node executable),
 * {@code singletable.harness.verbose=true} to echo the server's stderr; {@code singletable.tier=fast}
 * (the fast tier, see {@link TestTier}) makes {@link #start} fail, naming the tag the test class lacks.
 */
public final class AppSyncSimulator implements AutoCloseable {

  /** The API key the simulator accepts when API_KEY is a provider of the API ({@link Caller#apiKey()}). */
  public static final String API_KEY = Caller.HARNESS_API_KEY;

  /**
   * The root stack's name: {@code AWS::StackName} in {@code template.yaml}, the {@code RootStackName}
   * parameter of the group stacks, so the prefix of the root's export names ({@code ${AWS::StackName}-ApiId}).
   */
  public static final String ROOT_STACK_NAME = "singletable-harness";

  /**
   * A stack the simulator loaded: its name (the root is {@value #ROOT_STACK_NAME}, a nested stack
   * {@code <parent>-<logical id>}, a group stack {@code <root>-<file name>}), its template (relative
   * to the output directory), its parent's name (null for a top-level stack) and how many resolvers
   * it declares.
   */
  public record Stack(String name, String template, String parent, int resolvers) {
  }

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final int LOG_LINES = 400;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Deque<String> log;
  private final URI base;
  private final URI realtime;
  private final HttpClient http;
  private final Thread shutdownHook;
  private final long startupMillis;
  private final List<Stack> stacks;
  private final int resolverCount;
  private final Map<String, Long> serverMillis;
  private final List<String> authenticationTypes;
  private final List<String> userPoolIssuers;

  private AppSyncSimulator(Process process, Deque<String> log, JsonNode ready, long startupMillis) {
    this.process = process;
    this.log = log;
    this.base = URI.create("http://127.0.0.1:" + ready.path("port").asInt());
    this.realtime = URI.create(ready.path("realtimeUrl").asText());
    this.startupMillis = startupMillis;
    this.stacks = JSON.convertValue(ready.path("stacks"), new TypeReference<List<Stack>>() { });
    this.resolverCount = ready.path("resolvers").asInt();
    this.serverMillis = new TreeMap<>(JSON.convertValue(ready.path("millis"), new TypeReference<Map<String, Long>>() { }));
    JsonNode authentication = ready.path("authentication");
    List<String> types = new ArrayList<>();
    types.add(authentication.path("default").asText());
    authentication.path("additional").forEach(type -> types.add(type.asText()));
    this.authenticationTypes = List.copyOf(types);
    List<String> issuers = new ArrayList<>();
    authentication.path("userPools").forEach(issuer -> issuers.add(issuer.asText()));
    this.userPoolIssuers = List.copyOf(issuers);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.shutdownHook = new Thread(this::kill, "appsync-simulator-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts the simulator on the backend in {@code outputDir} ({@code template.yaml} and the files
   * it names), against the table {@code tableName} of the DynamoDB at {@code dynamoDbEndpoint},
   * which is also what {@code Ref: Table} means in the template (e.g. in {@code $ctx.env}).
   */
  public static AppSyncSimulator start(Path outputDir, URI dynamoDbEndpoint, String tableName) {
    TestTier.requireFullTier("the AppSync simulator (Node and npm ci)", TestTier.SIMULATOR);
    Path script = configuredPath("singletable.harness.script", "src/test/appsync-harness/server.js");
    Path nodeModules = configuredPath("singletable.harness.nodeModules", "target/appsync-harness/node_modules");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("no harness server at " + script);
    }
    if (!Files.isDirectory(nodeModules.resolve("@aws-amplify/amplify-appsync-simulator"))) {
      throw new IllegalStateException("the AppSync simulator is not installed in " + nodeModules
          + ": run `mvn generate-test-resources -pl generator` (npm ci of src/test/appsync-harness)");
    }
    ProcessBuilder builder = new ProcessBuilder(
        System.getProperty("singletable.harness.node", "node"),
        script.toString(),
        "--output-dir", outputDir.toAbsolutePath().toString(),
        "--dynamodb-endpoint", dynamoDbEndpoint.toString(),
        "--table", tableName,
        "--port", "0",
        "--api-key", API_KEY,
        "--region", DynamoDbLocal.REGION.id(),
        "--stack-name", ROOT_STACK_NAME,
        "--user-pool-id", Caller.USER_POOL_ID,
        "--iam-authenticated-key-id", Caller.IAM_AUTHENTICATED_KEY_ID,
        "--iam-unauthenticated-key-id", Caller.IAM_UNAUTHENTICATED_KEY_ID,
        "--exit-on-stdin-close");
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("AWS_"));
    env.put("NODE_PATH", nodeModules.toString());
    env.put("NODE_NO_WARNINGS", "1");
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run node (" + builder.command().get(0) + "): " + e.getMessage(), e);
    }
    Deque<String> log = new ArrayDeque<>();
    CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    boolean verbose = Boolean.getBoolean("singletable.harness.verbose");
    Thread stderr = pump(process.getErrorStream(), "appsync-simulator-stderr", line -> {
      remember(log, line);
      if (verbose) {
        System.err.println("[appsync-simulator] " + line);
      }
    }, () -> { });
    pump(process.getInputStream(), "appsync-simulator-stdout", line -> {
      JsonNode event = readyEvent(line);
      if (event != null) {
        ready.complete(event);
      } else {
        remember(log, line);
      }
    }, () -> ready.completeExceptionally(new IllegalStateException("the server exited before it was ready")));
    try {
      JsonNode event = ready.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      long millis = (System.nanoTime() - started) / 1_000_000;
      return new AppSyncSimulator(process, log, event, millis);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      killTree(process);
      joinQuietly(stderr);
      String why = e instanceof TimeoutException ? "not ready after " + STARTUP_TIMEOUT.toSeconds() + " s" : String.valueOf(e.getCause());
      throw new IllegalStateException("the AppSync simulator did not start (" + why + ") for " + outputDir
          + "\n--- its output ---\n" + tail(log), e);
    }
  }

  /** Sends a GraphQL request as a client would, with the API key; returns the parsed response. */
  public GraphQLResponse graphql(String query, Map<String, Object> variables) {
    return graphql(Caller.apiKey(), query, variables);
  }

  /** {@link #graphql(String, Map)} without variables. */
  public GraphQLResponse graphql(String query) {
    return graphql(query, Map.of());
  }

  /**
   * Sends a GraphQL request as {@code caller} (its headers: API key, user-pool token, SigV4 credential or
   * none); returns the parsed response. A caller the API does not admit gets the simulator's HTTP 401 with
   * an {@code UnauthorizedException} error ({@link GraphQLResponse#status()}).
   */
  public GraphQLResponse graphql(Caller caller, String query, Map<String, Object> variables) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    body.put("variables", variables == null ? Map.of() : variables);
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(base.resolve("/graphql"))
          .timeout(REQUEST_TIMEOUT)
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    caller.headers().forEach(builder::header);
    HttpResponse<String> response = exchange(builder.build());
    JsonNode json = parse(response);
    if (!json.has("data") && !json.has("errors")) {
      throw new IllegalStateException("not a GraphQL response (HTTP " + response.statusCode() + " as " + caller + "): " + json
          + "\n--- simulator output ---\n" + tail(log));
    }
    return new GraphQLResponse(json, response.statusCode());
  }

  /**
   * Subscribes as {@code caller} over the simulator's real-time endpoint; returns once the subscription is started
   * ({@link RealtimeSubscription#refusal()} null) or refused (its error message). Close it when done.
   */
  public RealtimeSubscription subscribe(Caller caller, String query, Map<String, Object> variables) {
    return RealtimeSubscription.open(realtime, caller, query, variables);
  }

  /** {@link #graphql(Caller, String, Map)} without variables. */
  public GraphQLResponse graphql(Caller caller, String query) {
    return graphql(caller, query, Map.of());
  }

  /**
   * The API's authentication types as the simulator was configured from the template: the default
   * ({@code AuthenticationType}) first, then the {@code AdditionalAuthenticationProviders}, e.g. {@code
   * [AMAZON_COGNITO_USER_POOLS, API_KEY, AWS_IAM]}.
   */
  public List<String> authenticationTypes() {
    return authenticationTypes;
  }

  /** The issuers of the API's user pools ({@link Caller#USER_POOL_ISSUER} for the template's UserPoolId parameter). */
  public List<String> userPoolIssuers() {
    return userPoolIssuers;
  }

  /**
   * DynamoDB requests the resolvers made since the start or the last {@link #resetCounts()}, per
   * API operation ({@code GetItem}, {@code Query}, {@code TransactWriteItems}, ...), sorted by name;
   * operations not called are absent.
   */
  public Map<String, Integer> requestCounts() {
    JsonNode json = send(HttpRequest.newBuilder(base.resolve("/__harness/counts")).timeout(REQUEST_TIMEOUT).GET().build());
    return new TreeMap<>(JSON.convertValue(json, new TypeReference<Map<String, Integer>>() { }));
  }

  /** Sets every request count to zero. */
  public void resetCounts() {
    send(HttpRequest.newBuilder(base.resolve("/__harness/counts/reset"))
        .timeout(REQUEST_TIMEOUT)
        .POST(HttpRequest.BodyPublishers.noBody())
        .build());
  }

  /** The GraphQL endpoint, {@code http://127.0.0.1:<port>/graphql}. */
  public URI url() {
    return base.resolve("/graphql");
  }

  /** The node process. */
  public ProcessHandle process() {
    return process.toHandle();
  }

  /** How long {@link #start} took until the server answered requests. */
  public long startupMillis() {
    return startupMillis;
  }

  /**
   * The stacks loaded, in deployment order: each top-level stack ({@code template.yaml}, then
   * {@code stacks/group-*.yaml} by name) followed by its nested stacks, depth first.
   */
  public List<Stack> stacks() {
    return stacks;
  }

  /** How many resolvers the simulator serves, over all stacks. */
  public int resolverCount() {
    return resolverCount;
  }

  /**
   * The server's own start-up times in milliseconds: {@code load} (reading the templates and the
   * files they name), {@code init} (the simulator's init: parsing the schema and every mapping
   * template), {@code total} (from the server's start to ready, including loading its modules).
   */
  public Map<String, Long> serverMillis() {
    return serverMillis;
  }

  /** The last lines the server printed (stderr and stray stdout). */
  public String log() {
    return tail(log);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs anyway
    }
    kill();
  }

  private void kill() {
    killTree(process);
  }

  private JsonNode send(HttpRequest request) {
    return parse(exchange(request));
  }

  private JsonNode parse(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(response.request().method() + " " + response.request().uri() + ": HTTP "
          + response.statusCode() + ", not JSON: " + response.body() + "\n--- simulator output ---\n" + tail(log), e);
    }
  }

  private HttpResponse<String> exchange(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed (" + e + "), server "
          + (process.isAlive() ? "running" : "exited with " + process.exitValue())
          + "\n--- simulator output ---\n" + tail(log), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static JsonNode readyEvent(String line) {
    if (!line.startsWith("{")) {
      return null;
    }
    try {
      JsonNode json = JSON.readTree(line);
      return "ready".equals(json.path("event").asText()) ? json : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Thread pump(InputStream stream, String name, Consumer<String> onLine, Runnable onEnd) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          onLine.accept(line);
        }
      } catch (IOException e) {
        // the process is gone
      } finally {
        onEnd.run();
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void remember(Deque<String> log, String line) {
    synchronized (log) {
      log.addLast(line);
      while (log.size() > LOG_LINES) {
        log.removeFirst();
      }
    }
  }

  private static String tail(Deque<String> log) {
    synchronized (log) {
      return String.join("\n", List.copyOf(log));
    }
  }

  private static Path configuredPath(String property, String fallback) {
    return Path.of(System.getProperty(property, fallback)).toAbsolutePath();
  }
}
