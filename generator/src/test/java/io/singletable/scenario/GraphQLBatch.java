package io.singletable.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.model.OperationModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Queries of one argument sent as a single GraphQL request (aliases {@code r0}, {@code r1}, …), each
 * result checked on its own: the reads of a scenario step cost one HTTP round trip, not dozens.
 */
final class GraphQLBatch {
  private final CrossRuntimeBackend rt;
  private final List<String> declarations = new ArrayList<>();
  private final StringBuilder fields = new StringBuilder();
  private final Map<String, Object> variables = new HashMap<>();
  private final List<Consumer<JsonNode>> checks = new ArrayList<>();

  GraphQLBatch(CrossRuntimeBackend rt) {
    this.rt = rt;
  }

  /** Adds {@code op(arg: argument) { selection }}, whose result (a null node when null) {@code check} asserts. */
  void add(OperationModel op, Object argument, String selection, Consumer<JsonNode> check) {
    if (!op.rootType().equals("Query")) {
      throw new IllegalArgumentException("only queries are batched: " + op.signature());
    }
    int i = checks.size();
    declarations.add("$v" + i + ": " + op.argumentType().sdl());
    variables.put("v" + i, argument);
    fields.append(" r").append(i).append(": ").append(op.field()).append('(').append(op.argumentName())
        .append(": $v").append(i).append(") { ").append(selection).append(" }");
    checks.add(check);
  }

  /** Sends the request, which must succeed, and runs the checks in the order they were added. */
  void run() {
    if (checks.isEmpty()) {
      return;
    }
    JsonNode data = rt.data("query(" + String.join(", ", declarations) + ") {" + fields + " }", variables);
    for (int i = 0; i < checks.size(); i++) {
      checks.get(i).accept(data.path("r" + i));
    }
  }
}
