package io.singletable.scenario;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.harness.Backend;
import io.singletable.harness.Caller;
import io.singletable.harness.GraphQLResponse;
import io.singletable.model.AuthProvider;
import io.singletable.model.EntityModel;
import io.singletable.model.OperationKind;
import io.singletable.model.OperationModel;
import io.singletable.model.ServiceModel;
import io.singletable.render.java.GeneratedJava;
import io.singletable.render.java.SampleValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One generated backend reachable both ways: its resolvers in the AppSync simulator (GraphQL over
 * HTTP) and its compiled Java data-access class, on the same DynamoDB Local table. Operations are
 * found through the {@link ServiceModel}, Java methods by the names the renderers give them.
 */
final class CrossRuntimeBackend implements AutoCloseable {
  /** What {@link #accessOutcome} and {@link #graphqlOutcome} answer for a call that succeeded. */
  static final String SUCCEEDED = "(succeeded)";
  /** Seeds of helper items: far from the seeds the scenarios use for the values under test. */
  private static final int FIRST_HELPER_SEED = 100;

  private final String label;
  private final GeneratedJava java;
  private final Backend backend;
  /** Who sends the GraphQL requests: the owner of the sample items when rules name user pools, else the API key. */
  private final Caller caller;
  private final Object access;
  private final AtomicInteger seeds = new AtomicInteger(FIRST_HELPER_SEED);
  /** What the scenarios read through which runtime, e.g. {@code graphql:Farm.cows}: the proof they were not vacuous. */
  private final Map<String, Integer> coverage = new TreeMap<>();

  CrossRuntimeBackend(String label, GeneratedJava java, Backend backend) {
    this.label = label;
    this.java = java;
    this.backend = backend;
    this.caller = java.model().authProviders().contains(AuthProvider.USER_POOLS) ? Caller.user(SampleValues.OWNER)
        : Caller.apiKey();
    try {
      this.access = java.dataAccessType().getConstructor(DynamoDbClient.class, String.class)
          .newInstance(backend.dynamoDbClient(), backend.tableName());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  String label() {
    return label;
  }

  GeneratedJava java() {
    return java;
  }

  /** The simulator and DynamoDB Local behind the resolvers, for reads and writes straight into the table. */
  Backend backend() {
    return backend;
  }

  ServiceModel model() {
    return java.model();
  }

  EntityModel entity(String name) {
    return model().entity(name).orElseThrow();
  }

  /** The GraphQL operation of a kind for an entity ({@code by}: {@code id} or a unique field), if the schema exposes it. */
  Optional<OperationModel> operation(String entity, OperationKind kind, String by) {
    return model().operations().stream()
        .filter(o -> o.entity().equals(entity) && o.kind() == kind && o.by().equals(by))
        .findFirst();
  }

  Optional<OperationModel> operation(String entity, OperationKind kind) {
    return operation(entity, kind, "id");
  }

  GraphQLResponse graphql(String query, Map<String, Object> variables) {
    return backend.graphql(caller, query, variables);
  }

  /** {@code data} of a request that must succeed. */
  JsonNode data(String query, Map<String, Object> variables) {
    return graphql(query, variables).requireNoErrors().data();
  }

  /** {@code op(arg: $v) { selection }} answered as {@code node}: a query or mutation of one argument. */
  GraphQLResponse run(OperationModel op, Object argument, String selection) {
    String kind = op.rootType().equals("Mutation") ? "mutation" : "query";
    Map<String, Object> variables = new HashMap<>();
    variables.put("v", argument);
    return graphql(kind + "($v: " + op.argumentType().sdl() + ") { node: " + op.field() + "(" + op.argumentName()
        + ": $v) { " + selection + " } }", variables);
  }

  /** {@link #run} that must succeed: the operation's result. */
  JsonNode result(OperationModel op, Object argument, String selection) {
    return run(op, argument, selection).requireNoErrors().data().path("node");
  }

  /** Calls a method of the data-access object, e.g. {@code access("getFarm", id)}. */
  Object access(String method, Object... args) {
    return GeneratedJava.callOn(access, method, args);
  }

  /** Calls a method that must fail with one of the data-access exceptions; returns its {@code errorType()}. */
  String accessFailure(String method, Object... args) {
    String outcome = accessOutcome(method, args);
    assertNotEquals(SUCCEEDED, outcome, method + " was expected to fail");
    return outcome;
  }

  /** Calls a method: {@link #SUCCEEDED}, or the {@code errorType()} of the data-access exception it threw. */
  String accessOutcome(String method, Object... args) {
    try {
      access(method, args);
      return SUCCEEDED;
    } catch (RuntimeException e) {
      if (!java.type("runtime.DataAccessException").isInstance(e)) {
        throw e;
      }
      return (String) GeneratedJava.callOn(e, "errorType");
    }
  }

  /** Runs an operation: {@link #SUCCEEDED}, or the {@code errorType} of its first error. */
  String graphqlOutcome(OperationModel op, Object argument) {
    GraphQLResponse response = run(op, argument, "id");
    return response.hasErrors() ? response.firstError().path("errorType").asText() : SUCCEEDED;
  }

  /** {@code DataAccess.PageRequest.first()}, ascending or descending. */
  Object pageRequest(boolean descending) {
    Object first = java.call("runtime.PageRequest", "first");
    if (!descending) {
      return first;
    }
    Object desc = java.call("runtime.Direction", "valueOf", "DESC");
    return GeneratedJava.callOn(first, "withDirection", desc);
  }

  /** The generated sort encoding of an {@code AWSDateTime}, as index sort keys embed it. */
  String sortDateTime(String value) {
    return (String) java.call("runtime." + java.valuesType().getSimpleName(), "sortDateTime", value);
  }

  /** A fresh id: {@code prefix} and a UUID, lower case. */
  static String newId(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  /** Counts one check of {@code what}. */
  void count(String what) {
    coverage.merge(what, 1, Integer::sum);
  }

  Map<String, Integer> coverage() {
    return coverage;
  }

  int nextSeed() {
    return seeds.getAndIncrement();
  }

  /** Creates an item through the Java layer, nullable fields null but for {@code overrides}; returns its id. */
  String createHelper(String type, Map<String, Object> overrides) {
    EntityModel e = entity(type);
    String id = newId("h-" + type.toLowerCase(Locale.ROOT));
    Map<String, Object> values = new HashMap<>(overrides);
    values.put("id", id);
    Object record = SampleValues.record(java, e, nextSeed(), true, values);
    access(java.accessMethod("create " + type), record);
    return id;
  }

  /** Sets an attribute of the item with key {@code pk} directly, as another writer would. */
  void setAttribute(String pk, String name, AttributeValue value) {
    backend.dynamoDbClient().updateItem(r -> r.tableName(backend.tableName()).key(Map.of("PK", AttributeValue.fromS(pk)))
        .updateExpression("SET #n = :v").expressionAttributeNames(Map.of("#n", name))
        .expressionAttributeValues(Map.of(":v", value)));
  }

  /**
   * Every item of the table that belongs to {@code id}: its node and unique items, or any key naming
   * it (a consistent scan, filtered by DynamoDB), sorted by {@code PK}.
   */
  List<Map<String, AttributeValue>> itemsOf(String id) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    backend.dynamoDbClient().scanPaginator(r -> r.tableName(backend.tableName()).consistentRead(true)
        .filterExpression("#id = :id OR contains(PK, :id)").expressionAttributeNames(Map.of("#id", "id"))
        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(id)))).items().forEach(out::add);
    out.sort(Comparator.comparing(i -> i.get("PK").s()));
    return out;
  }

  /** Asserts that the table holds nothing of {@code id}. */
  void assertNoItems(String id, String when) {
    assertEquals(List.of(), itemsOf(id), when + ": items left of " + id);
  }

  @Override
  public void close() {
    try {
      backend.close();
    } finally {
      java.close();
    }
  }

  @Override
  public String toString() {
    return label;
  }
}
