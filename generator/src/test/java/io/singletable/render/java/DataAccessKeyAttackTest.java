package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.harness.DynamoDbLocal;
import io.singletable.model.EntityModel;
import io.singletable.model.KeyStrategy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The attacks of issue 10 on the generated data-access class with {@code keyStrategy TYPE}, where node
 * keys {@code Member#<id>} and unique keys {@code Member#handle#<value>} share one key space, on
 * DynamoDB Local: an id naming a unique item ({@code handle#bob}) is refused everywhere with {@code
 * InvalidId} and writes nothing, so no create takes over a handle and no get, update or delete
 * reaches another item; items planted under a key are never taken for the node or unique item the
 * key names; a taken id is {@code NotUnique:Member.id}; an over-long unique value is {@code
 * ValidationError}.
 */
class DataAccessKeyAttackTest {
  static final String SCHEMA = """
      type Member @model {
        id: ID!
        handle: String! @unique
        teamId: ID
        team: Team @belongsTo(field: "teamId")
      }
      type Team @model {
        id: ID!
        name: String @unique
        members: [Member] @hasMany(field: "teamId", sortBy: ["handle"])
      }
      """;

  @TempDir
  static Path dir;
  static GeneratedJava java;
  static int tables;
  DynamoDbClient client;
  String table;
  Object access;

  @BeforeAll
  static void generate() throws Exception {
    java = GeneratedJava.inline(SCHEMA, dir, KeyStrategy.TYPE);
  }

  @AfterAll
  static void close() {
    java.close();
  }

  @BeforeEach
  void freshTable() throws Exception {
    client = DynamoDbLocal.shared().client();
    table = "key-attack-" + ++tables + "-" + System.nanoTime();
    client.createTable((CreateTableRequest) java.dataAccessType().getMethod("createTableRequest", String.class).invoke(null, table));
    access = java.dataAccessType().getConstructor(DynamoDbClient.class, String.class).newInstance(client, table);
  }

  private EntityModel entity(String name) {
    return java.model().entity(name).orElseThrow();
  }

  private Object member(String id, String handle, String teamId) {
    Map<String, Object> values = new HashMap<>();
    values.put("id", id);
    values.put("handle", handle);
    values.put("teamId", teamId);
    return SampleValues.construct(java, entity("Member"), values);
  }

  private Object call(String method, Object... args) {
    return GeneratedJava.callOn(access, java.accessMethod(method), args);
  }

  /** The errorType() of the data-access exception the call throws, or "(succeeded)". */
  private String outcome(String method, Object... args) {
    try {
      call(method, args);
      return "(succeeded)";
    } catch (RuntimeException e) {
      assertTrue(java.type("runtime.DataAccessException").isInstance(e), () -> "a data-access exception: " + e);
      return (String) GeneratedJava.callOn(e, "errorType");
    }
  }

  private SortedMap<String, Map<String, AttributeValue>> items() {
    SortedMap<String, Map<String, AttributeValue>> out = new TreeMap<>();
    client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(i -> out.put(i.get("PK").s(), i));
    return out;
  }

  private void plant(Map<String, AttributeValue> item) {
    client.putItem(b -> b.tableName(table).item(item));
  }

  private static String id(Object entity) {
    return (String) GeneratedJava.callOn(entity, "id");
  }

  @Test
  void anIdNamingAUniqueItemIsRefusedEverywhereAndWritesNothing() {
    call("create Member", member("m-alice", "Alice", null));
    var before = items();
    assertEquals(List.of("Member#handle#alice", "Member#m-alice"), List.copyOf(before.keySet()));
    // the take-over of a handle by a create whose id is the unique key's tail
    assertEquals("InvalidId", outcome("create Member", member("handle#bob", "mallory", null)));
    // reads, updates and deletes through Alice's unique item
    assertEquals("InvalidId", outcome("get Member", "handle#alice"));
    assertEquals("InvalidId", outcome("update Member", "handle#alice", (UnaryOperator<Object>) m -> m));
    assertEquals("InvalidId", outcome("delete Member", "handle#alice"));
    assertEquals(Arrays.asList((Object) null), call("batchGet Member", List.of("handle#alice")));
    // a @belongsTo key naming the unique item, on create and on update
    assertEquals("InvalidId", outcome("create Member", member("m-eve", "eve", "handle#alice")));
    assertEquals("InvalidId", outcome("update Member", "m-alice", (UnaryOperator<Object>) m -> member("m-alice", "Alice", "name#x")));
    assertEquals(before, items(), "nothing written, nothing changed");
    // Bob can still register his handle, and the lookups find the right items
    call("create Member", member("m-bob", "Bob", null));
    assertEquals("m-bob", id(((Optional<?>) call("getBy Member.handle", "BOB")).orElseThrow()));
    assertEquals("m-alice", id(((Optional<?>) call("getBy Member.handle", "alice")).orElseThrow()));
  }

  @Test
  void itemsPlantedUnderAKeyAreNeverTakenForTheItemTheKeyNames() {
    call("create Member", member("m-alice", "Alice", null));
    @SuppressWarnings("unchecked")
    Map<String, AttributeValue> alice = (Map<String, AttributeValue>) java.call(java.codecType().getSimpleName(), "encode",
        member("m-alice", "Alice", null));
    // Alice's item copied under another node key (stored id m-alice) and under Carol's unique key, as a
    // hostile create under the old code left it (id "handle#carol")
    Map<String, AttributeValue> copy = new HashMap<>(alice);
    copy.put("PK", AttributeValue.fromS("Member#m-zed"));
    plant(copy);
    Map<String, AttributeValue> intruder = new HashMap<>(alice);
    intruder.put("PK", AttributeValue.fromS("Member#handle#carol"));
    intruder.put("id", AttributeValue.fromS("handle#carol"));
    plant(intruder);
    var before = items();
    assertEquals(Optional.empty(), call("get Member", "m-zed"));
    assertEquals(Arrays.asList(null, null), call("batchGet Member", List.of("m-zed", "handle#carol")));
    assertEquals(Optional.empty(), call("getBy Member.handle", "carol"), "the unique item of carol holds another handle");
    assertEquals("NotFound", outcome("update Member", "m-zed", (UnaryOperator<Object>) m -> m));
    assertEquals("NotFound", outcome("delete Member", "m-zed"));
    assertEquals("NotFound", outcome("delete Team", "m-alice"), "a Member's id is no Team's");
    assertEquals(before, items());
  }

  @Test
  void aTakenIdIsNotUniqueOfTheIdAndAnOverLongUniqueValueIsAValidationError() {
    call("create Member", member("m1", "Alice", null));
    var before = items();
    assertEquals("NotUnique:Member.id", outcome("create Member", member("m1", "Other", null)));
    assertEquals("NotUnique:Member.handle", outcome("create Member", member("m2", "ALICE", null)));
    assertEquals("ValidationError", outcome("create Member", member("m3", "x".repeat(2100), null)));
    assertEquals("ValidationError", outcome("update Member", "m1", (UnaryOperator<Object>) m -> member("m1", "y".repeat(2100), null)));
    assertEquals(before, items());
    // under TYPE keys another type may use the same id
    Map<String, Object> team = new HashMap<>(Map.of("id", "m1", "name", "Team m1"));
    call("create Team", SampleValues.construct(java, entity("Team"), team));
    assertTrue(items().containsKey("Team#m1"));
  }
}
