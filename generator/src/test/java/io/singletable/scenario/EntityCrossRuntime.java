package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.model.EntityModel;
import io.singletable.model.OperationKind;
import io.singletable.model.OperationModel;
import io.singletable.model.UniqueModel;
import io.singletable.render.java.GeneratedJava;
import io.singletable.render.java.SampleValues;
import io.singletable.scenario.EntityChanges.Round;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One {@code @model} type written with the same values through the GraphQL resolvers (item A) and
 * through the Java data-access class (item B). Their stored items (node and unique items, index
 * attributes included) must be equal but for ids and timestamps after the create and after each
 * update round ({@link Round}), the rounds alternating which runtime writes which item; after each
 * step both runtimes read both items by id, by unique value, in batches and through every relation;
 * each runtime refuses the other's unique values, ids and items of other types ({@link
 * RefusalChecks}); deletes through either leave nothing behind. Operations the schema does not
 * expose are done through the Java layer instead.
 *
 * <p>Unique values cannot be held by A and B at once: one item's are moved away ("parked") after
 * its items are captured and before the other takes the same values.
 */
final class EntityCrossRuntime {
  private final CrossRuntimeBackend rt;
  private final EntityModel e;
  private final String type;
  private final RelationReads relations;
  private final EntityChanges changeSets;
  private final RefusalChecks refusals;
  private final String a = CrossRuntimeBackend.newId("a");
  private final String b = CrossRuntimeBackend.newId("b");
  /** The values each item must have, automatic timestamps null. */
  private final Map<String, Map<String, Object>> values = new HashMap<>();
  private final Map<String, String> createdAt = new HashMap<>();

  EntityCrossRuntime(CrossRuntimeBackend rt, EntityModel e) {
    this.rt = rt;
    this.e = e;
    this.type = e.name();
    this.relations = new RelationReads(rt, e);
    this.changeSets = new EntityChanges(rt, e, relations);
    this.refusals = new RefusalChecks(rt, e, changeSets);
  }

  void run() {
    create();
    relations.pointAt(a, b);
    verifyReads("after create");
    refusals.typeConfusion(a);
    addUnknownAttribute();
    update(Round.MOVE, Via.GRAPHQL, "update (GraphQL on A, Java on B)");
    update(Round.RESORT, Via.JAVA, "crossed update (Java on A, GraphQL on B)");
    if (!relations.keyFields().isEmpty()) {
      update(Round.DETACH, Via.GRAPHQL, "update of the keys (GraphQL on A, Java on B)");
    }
    if (!e.uniques().isEmpty()) {
      touch();
    }
    delete();
  }

  /** A through GraphQL, B through Java with the same values; each refuses the other's unique values and id. */
  private void create() {
    Map<String, Object> initial = changeSets.initial();
    values.put(a, withId(initial, a));
    write(a, Via.GRAPHQL, null, "create A through GraphQL");
    List<Map<String, AttributeValue>> stored = capture(a, "create A");
    refusals.uniqueClashes(Via.JAVA, values.get(a), label(a));
    assertEquals(stored, StoredItems.normalised(rt, e, a), "A is unchanged by the refused creates");
    park(a);
    values.put(b, withId(initial, b));
    write(b, Via.JAVA, null, "create B through Java");
    assertEquals(stored, capture(b, "create B"), type + ": items of a GraphQL create (A) vs a Java create (B)");
    refusals.uniqueClashes(Via.GRAPHQL, values.get(b), label(b));
    refusals.idClashes(a, b);
  }

  /** Updates A and B with the same changes, through {@code first} on A and the other runtime on B; compares, reads. */
  private void update(Round round, Via first, String what) {
    Map<String, Object> changes = changeSets.of(round);
    Map<String, Object> oldB = new HashMap<>(values.get(b));
    values.get(a).putAll(changes);
    write(a, first, changes, what + ": A");
    List<Map<String, AttributeValue>> stored = capture(a, what);
    assertUnknownAttributeDropped(stored, what);
    park(a);
    values.get(b).putAll(changes);
    write(b, first.other(), changes, what + ": B");
    assertEquals(stored, capture(b, what), type + ": items after " + what + " of " + changes.keySet());
    GraphQLBatch batch = new GraphQLBatch(rt);
    for (UniqueModel u : e.uniques()) {
      Object old = oldB.get(u.field());
      if (old != null && !old.equals(changes.get(u.field()))) {
        lookup(u, old, null, what + ": B's old " + u.field() + " is free", batch);
      }
    }
    batch.run();
    verifyReads("after " + what);
  }

  /**
   * An update that keeps every unique value, so that the unique items are refreshed in place: B (which
   * holds the values) through GraphQL; then B's values move to A, and A gets the same update through Java.
   */
  private void touch() {
    String what = "update keeping the unique values (GraphQL on B, Java on A)";
    Map<String, Object> changes = changeSets.keepingUniqueValues();
    values.get(b).putAll(changes);
    write(b, Via.GRAPHQL, changes, what + ": B");
    List<Map<String, AttributeValue>> stored = capture(b, what);
    assertUnknownAttributeDropped(stored, what);
    Map<String, Object> held = new LinkedHashMap<>();
    changeSets.uniqueFields().forEach(u -> held.put(u, values.get(b).get(u)));
    park(b);
    values.get(a).putAll(held);
    write(a, Via.JAVA, held, "A takes B's unique values");
    values.get(a).putAll(changes);
    write(a, Via.JAVA, changes, what + ": A");
    assertEquals(stored, capture(a, what), type + ": items after " + what + " of " + changes.keySet());
    verifyReads("after " + what);
  }

  /**
   * An attribute the schema does not know (left by an older schema, say: a removed field, or the index attributes of
   * a removed relation) on both nodes: an update through either runtime writes what a create writes and drops it,
   * so that a write based on a read made before a backfill cannot bring back what the backfill removed.
   */
  private void addUnknownAttribute() {
    for (String id : List.of(a, b)) {
      String pk = rt.itemsOf(id).stream().map(i -> i.get("PK").s()).filter(k -> k.contains(id)).findFirst().orElseThrow();
      rt.setAttribute(pk, "legacy", AttributeValue.fromS("kept"));
    }
  }

  private static void assertUnknownAttributeDropped(List<Map<String, AttributeValue>> items, String what) {
    for (Map<String, AttributeValue> item : items) {
      assertEquals(null, item.get("legacy"), what + ": an attribute the schema does not know is dropped from " + item.get("PK"));
    }
  }

  /** Moves an item's unique values away (through GraphQL if it can) so that the other item can take the same ones. */
  private void park(String id) {
    if (e.uniques().isEmpty()) {
      return;
    }
    Map<String, Object> changes = changeSets.parking();
    values.get(id).putAll(changes);
    write(id, Via.GRAPHQL, changes, "park " + label(id) + "'s unique values");
  }

  /** Creates ({@code changes} null) or updates {@code id} to its expected values, checking what the write returns. */
  private void write(String id, Via via, Map<String, Object> changes, String what) {
    OperationKind kind = changes == null ? OperationKind.CREATE : OperationKind.UPDATE;
    Optional<OperationModel> op = rt.operation(type, kind);
    Written written = new Written(Instant.now().truncatedTo(ChronoUnit.MILLIS), changes == null);
    if (via == Via.GRAPHQL && op.isPresent()) {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("id", id);
      input.putAll(GraphQLValues.input(e, changes == null ? EntityChanges.present(values.get(id)) : changes));
      JsonNode node = rt.result(op.get(), input, GraphQLValues.selection(e));
      assertJson(id, node, what + " (GraphQL " + op.get().field() + ")", written);
    } else if (changes == null) {
      Object record = SampleValues.construct(rt.java(), e, values.get(id));
      assertRecord(id, rt.access(rt.java().accessMethod("create " + type), record), what + " (Java)", written);
    } else {
      UnaryOperator<Object> change = before -> {
        Map<String, Object> after = SampleValues.fields(e, before);
        after.putAll(changes);
        return SampleValues.construct(rt.java(), e, after);
      };
      assertRecord(id, rt.access(rt.java().accessMethod("update " + type), id, change), what + " (Java)", written);
    }
  }

  /** The normalised items of {@code id}: its node and exactly one unique item per non-null unique value, as the Java codec keys it. */
  private List<Map<String, AttributeValue>> capture(String id, String what) {
    List<Map<String, AttributeValue>> items = StoredItems.normalised(rt, e, id);
    List<String> keys = new ArrayList<>();
    for (UniqueModel u : e.uniques()) {
      Object value = values.get(id).get(u.field());
      if (value != null) {
        keys.add((String) rt.java().call(rt.java().codecType().getSimpleName(),
            rt.java().uniqueKeyMethod(type, u.field()), value));
      }
    }
    List<String> stored = items.stream().map(i -> i.get("PK").s()).filter(pk -> !pk.contains("<id>")).toList();
    assertEquals(keys.stream().sorted().toList(), stored, what + ": unique items of " + label(id));
    assertEquals(1 + keys.size(), items.size(), what + ": one node item and its unique items: " + items);
    return items;
  }

  /** Both runtimes read both items by id, by each unique value and in a batch; then every relation. */
  private void verifyReads(String when) {
    GraphQLBatch batch = new GraphQLBatch(rt);
    List<RelationReads.Side> sides = new ArrayList<>();
    for (String id : List.of(a, b)) {
      String what = when + ": " + label(id);
      Object record = ((Optional<?>) rt.access(rt.java().accessMethod("get " + type), id))
          .orElseThrow(() -> new AssertionError(what + ": Java get found nothing"));
      Map<String, Object> expected = assertRecord(id, record, what + " (Java get)", null);
      rt.operation(type, OperationKind.GET).ifPresent(op -> batch.add(op, id, GraphQLValues.selection(e), node ->
          assertEquals(GraphQLValues.expected(e, expected), GraphQLValues.comparable(e, node), what + " (GraphQL get)")));
      for (UniqueModel u : e.uniques()) {
        Object value = expected.get(u.field());
        if (value != null) {
          lookup(u, value, expected, what + " by " + u.field(), batch);
        }
        if (value instanceof String s && !swapCase(s).equals(s)
            && swapCase(s).toLowerCase(Locale.ROOT).equals(s.toLowerCase(Locale.ROOT))) {
          lookup(u, swapCase(s), u.ignoreCase() ? expected : null, what + " by " + u.field() + " in another case", batch);
        }
      }
      sides.add(new RelationReads.Side(id, expected));
    }
    List<?> batchGet = (List<?>) rt.access(rt.java().accessMethod("batchGet " + type), Arrays.asList(b, null, a, b));
    assertEquals(Arrays.asList(sides.get(1).values(), null, sides.get(0).values(), sides.get(1).values()),
        batchGet.stream().map(x -> x == null ? null : SampleValues.fields(e, x)).toList(), when + ": Java batch get");
    relations.verify(sides.get(0), sides.get(1), when, batch);
    batch.run();
  }

  /**
   * Looks {@code value} up through Java now and through GraphQL (if exposed) when {@code batch} runs:
   * the unique item must be a current copy of the node with {@code expected} values, or absent (null).
   */
  private void lookup(UniqueModel u, Object value, Map<String, Object> expected, String what, GraphQLBatch batch) {
    Optional<?> found = (Optional<?>) rt.access(rt.java().accessMethod("getBy " + type + "." + u.field()), value);
    assertEquals(expected, found.map(x -> SampleValues.fields(e, x)).orElse(null), what + " (Java)");
    rt.operation(type, OperationKind.GET, u.field()).ifPresent(op ->
        batch.add(op, GraphQLValues.input(e, Map.of(u.field(), value)).get(u.field()), GraphQLValues.selection(e), node ->
            assertEquals(expected == null ? null : GraphQLValues.expected(e, expected),
                node.isNull() ? null : GraphQLValues.comparable(e, node), what + " (GraphQL " + op.field() + ")")));
  }

  /** A through Java, B through GraphQL (if exposed): nothing of either is left, no runtime finds them, deleting again fails. */
  private void delete() {
    Map<String, Object> lastA = values.get(a);
    Map<String, Object> lastB = values.get(b);
    assertRecord(a, rt.access(rt.java().accessMethod("delete " + type), a), "delete A through Java", null);
    Optional<OperationModel> deleteOp = rt.operation(type, OperationKind.DELETE);
    if (deleteOp.isPresent()) {
      assertJson(b, rt.result(deleteOp.get(), b, GraphQLValues.selection(e)), "delete B through GraphQL", null);
    } else {
      assertRecord(b, rt.access(rt.java().accessMethod("delete " + type), b), "delete B through Java", null);
    }
    GraphQLBatch batch = new GraphQLBatch(rt);
    for (String id : List.of(a, b)) {
      rt.assertNoItems(id, "after delete");
      assertEquals(Optional.empty(), rt.access(rt.java().accessMethod("get " + type), id), "Java get after delete");
      rt.operation(type, OperationKind.GET).ifPresent(op ->
          batch.add(op, id, "id", node -> assertTrue(node.isNull(), "GraphQL get after delete of " + label(id))));
    }
    for (UniqueModel u : e.uniques()) {
      for (Map<String, Object> last : List.of(lastA, lastB)) {
        if (last.get(u.field()) != null) {
          lookup(u, last.get(u.field()), null, "after delete, by " + u.field(), batch);
        }
      }
    }
    relations.verifyGone(a, b, "after delete", batch);
    batch.run();
    assertEquals("NotFound", rt.accessFailure(rt.java().accessMethod("delete " + type), b), "Java delete of B again");
    deleteOp.ifPresent(op -> assertEquals("NotFound", rt.run(op, a, "id").firstError().path("errorType").asText(),
        "GraphQL delete of A again"));
  }

  /** A write that began at {@code at}: the timestamps it sets ({@code updatedAt}; on a create both) are not older. */
  private record Written(Instant at, boolean create) {}

  /** Asserts a returned record has the expected values; returns them with its (checked) timestamps. */
  private Map<String, Object> assertRecord(String id, Object record, String what, Written written) {
    Map<String, Object> actual = SampleValues.fields(e, record);
    Map<String, Object> expected = withTimestamps(id, f -> (String) actual.get(f), what, written);
    assertEquals(expected, actual, what);
    return expected;
  }

  private void assertJson(String id, JsonNode node, String what, Written written) {
    Map<String, Object> expected = withTimestamps(id, f -> node.path(f).isNull() ? null : node.path(f).asText(), what, written);
    assertEquals(GraphQLValues.expected(e, expected), GraphQLValues.comparable(e, node), what);
  }

  /**
   * The expected values with the timestamps {@code actual} has, which must be well-formed, {@code
   * createdAt} never changing and those a write sets not older than the write.
   */
  private Map<String, Object> withTimestamps(String id, UnaryOperator<String> actual, String what, Written written) {
    Map<String, Object> expected = new LinkedHashMap<>(values.get(id));
    for (String f : changeSets.automaticTimestamps()) {
      String value = actual.apply(f);
      assertTrue(value != null && StoredItems.TIMESTAMP.matcher(value).matches(), what + ": " + f + " = " + value);
      if (f.equals("createdAt")) {
        assertEquals(createdAt.computeIfAbsent(id, k -> value), value, what + ": createdAt is kept");
      }
      if (written != null && (written.create() || f.equals("updatedAt"))) {
        assertTrue(!Instant.parse(value).isBefore(written.at()), what + ": " + f + " " + value + " is set by the write of " + written.at());
      }
      expected.put(f, value);
    }
    return expected;
  }

  private String label(String id) {
    return type + " " + (id.equals(a) ? "A (GraphQL-written)" : id.equals(b) ? "B (Java-written)" : id);
  }

  private static Map<String, Object> withId(Map<String, Object> values, String id) {
    Map<String, Object> out = new LinkedHashMap<>(values);
    out.put("id", id);
    return out;
  }

  private static String swapCase(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(c -> out.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)));
    return out.toString();
  }
}
