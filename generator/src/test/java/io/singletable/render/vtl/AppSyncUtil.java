package io.singletable.render.vtl;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * What the generated templates call on {@code $util}, as AppSync's {@code $util} does it, for running them on
 * Apache Velocity in the JVM (the simulator tests run them on the AppSync simulator). A fixed clock.
 */
public final class AppSyncUtil {
  public final Dynamodb dynamodb = new Dynamodb();
  public final Time time = new Time();
  public final Transform transform = new Transform();
  /** What {@code $util.authType()} answers: "API Key Authorization", "User Pool Authorization", … */
  public String authType = "API Key Authorization";

  public Transform getTransform() {
    return transform;
  }

  public String authType() {
    return authType;
  }

  public boolean isString(Object v) {
    return v instanceof String;
  }

  public boolean isList(Object v) {
    return v instanceof java.util.List;
  }

  public Object unauthorized() {
    throw new IllegalStateException("Unauthorized");
  }

  public Dynamodb getDynamodb() {
    return dynamodb;
  }

  public Time getTime() {
    return time;
  }

  public String autoId() {
    return UUID.randomUUID().toString();
  }

  public String qr(Object ignored) {
    return "";
  }

  public boolean isNull(Object v) {
    return v == null;
  }

  public boolean isNullOrEmpty(Object v) {
    return v == null || v.toString().isEmpty();
  }

  public Object defaultIfNull(Object v, Object fallback) {
    return v == null ? fallback : v;
  }

  public String urlDecode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  public Object parseJson(String json) throws Exception {
    return JSON.readValue(json, Object.class);
  }

  public String toJson(Object v) throws Exception {
    return JSON.writeValueAsString(v);
  }

  public Object error(String message, String type) {
    throw new IllegalStateException(type + ": " + message);
  }

  public Object error(String message, String type, Object data, Object info) {
    throw new IllegalStateException(type + ": " + message);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code $util.dynamodb}. */
  public static final class Dynamodb {
    public Object toDynamoDB(Object v) {
      return Map.of("S", String.valueOf(v));
    }

    public Object toMapValues(Object v) {
      return v;
    }
  }

  /** {@code $util.transform}: {@code toSubscriptionFilter} returns its filter map unchanged, for tests to read. */
  public static final class Transform {
    public Object toSubscriptionFilter(Object filter) {
      return filter;
    }
  }

  /** {@code $util.time}, at 2024-01-01T00:00:00.000Z. */
  public static final class Time {
    public String nowISO8601() {
      return "2024-01-01T00:00:00.000Z";
    }

    public long parseISO8601ToEpochMilliSeconds(String s) {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    }
  }
}
