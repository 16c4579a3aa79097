package io.singletable.harness;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A GraphQL response as the server sent it: {@code data} and, when something failed, {@code
 * errors} (AppSync's shape: {@code message}, {@code errorType}, {@code data}, {@code errorInfo},
 * {@code path}, {@code locations}), and the HTTP status: 200, or 401 when the API does not admit the caller
 * (then one {@code UnauthorizedException} error and no {@code data}).
 */
public record GraphQLResponse(JsonNode json, int status) {

  /** A response with HTTP status 200. */
  public GraphQLResponse(JsonNode json) {
    this(json, 200);
  }

  /** {@code data}, a missing node when absent. */
  public JsonNode data() {
    return json.path("data");
  }

  /** The value at a JSON pointer into {@code data}, e.g. {@code "/getThing/name"}. */
  public JsonNode data(String pointer) {
    return data().at(pointer);
  }

  /** {@code errors}, a missing node when absent. */
  public JsonNode errors() {
    return json.path("errors");
  }

  /** Whether the response has at least one error. */
  public boolean hasErrors() {
    return errors().isArray() && !errors().isEmpty();
  }

  /** The first error; fails when there is none. */
  public JsonNode firstError() {
    if (!hasErrors()) {
      throw new AssertionError("expected a GraphQL error, got " + json);
    }
    return errors().get(0);
  }

  /** This response; fails with the whole response when it has errors. */
  public GraphQLResponse requireNoErrors() {
    if (hasErrors()) {
      throw new AssertionError("GraphQL errors: " + json);
    }
    return this;
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
