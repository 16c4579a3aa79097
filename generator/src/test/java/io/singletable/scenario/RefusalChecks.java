package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.model.EntityModel;
import io.singletable.model.FieldModel;
import io.singletable.model.KeyStrategy;
import io.singletable.model.OperationKind;
import io.singletable.model.UniqueModel;
import io.singletable.render.java.GeneratedJava;
import io.singletable.render.java.SampleValues;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What both runtimes refuse, across them, with the same {@code errorType}: a create with another
 * item's unique value ({@code NotUnique:Type.field}), a create with a taken id ({@code
 * NotUnique:Type.id}), a read, update or delete of an item as another type ({@code NotFound}).
 * A refused operation writes nothing.
 */
final class RefusalChecks {
  private static final int CLASH_SEED = 20;

  private final CrossRuntimeBackend rt;
  private final EntityModel e;
  private final String type;
  private final EntityChanges changes;

  RefusalChecks(CrossRuntimeBackend rt, EntityModel e, EntityChanges changes) {
    this.rt = rt;
    this.e = e;
    this.type = e.name();
    this.changes = changes;
  }

  /** A create through {@code via} reusing one unique value of {@code holder} (written by the other runtime) at a time. */
  void uniqueClashes(Via via, Map<String, Object> holder, String holderLabel) {
    List<UniqueModel> uniques = e.uniques();
    for (int i = 0; i < uniques.size(); i++) {
      UniqueModel u = uniques.get(i);
      String id = CrossRuntimeBackend.newId("c");
      Map<String, Object> overrides = new HashMap<>(Map.of("id", id));
      overrides.put(u.field(), holder.get(u.field()));
      Object record = SampleValues.record(rt.java(), e, CLASH_SEED + i, true, overrides);
      String what = via + " create of a " + type + " with the " + u.field() + " of " + holderLabel;
      assertEquals("NotUnique:" + type + "." + u.field(), refusedCreate(via, record), what);
      rt.assertNoItems(id, what);
    }
  }

  /**
   * Creates with other values under the id of an existing item: through Java on {@code
   * graphqlWritten}, through GraphQL on {@code javaWritten}. (A type with nothing but an id has no
   * other values: see {@link #exactRecreate}.)
   */
  void idClashes(String graphqlWritten, String javaWritten) {
    if (e.storedFields().size() == 1) {
      return;
    }
    for (Via via : Via.values()) {
      String taken = via == Via.JAVA ? graphqlWritten : javaWritten;
      refusedCreateWithId(via, taken, via + " create of a " + type + " with the id of one written by the other runtime");
    }
  }

  /**
   * Creates an item through Java, then creates it again, same id and same values, through GraphQL
   * and through Java: both runtimes must answer alike (SPEC §4: a create is conditioned on {@code
   * attribute_not_exists(PK)}) and leave the item as it was. Returns the difference, or null. One
   * documented difference: for a type without unique fields Java also counts a stored item equal but for
   * its {@code createdAt}/{@code updatedAt} as written (the resolver only an identical one), so its
   * repeated create succeeds and returns the stored item.
   */
  String exactRecreate() {
    String id = CrossRuntimeBackend.newId("r");
    Object record = SampleValues.record(rt.java(), e, CLASH_SEED + 40, true, Map.of("id", id));
    String create = rt.java().accessMethod("create " + type);
    Object stored = rt.access(create, record);
    List<Map<String, AttributeValue>> before = rt.itemsOf(id);
    String graphql = rt.graphqlOutcome(rt.operation(type, OperationKind.CREATE).orElseThrow(), createInput(record));
    String java = rt.accessOutcome(create, record);
    assertEquals(before, rt.itemsOf(id), type + ": an exact re-create changed the item");
    if (e.uniques().isEmpty()) {
      assertEquals(stored, rt.access(create, record), type + ": a repeated Java create returns the stored item");
    }
    rt.access(rt.java().accessMethod("delete " + type), id);
    boolean javaOnlyRule = e.uniques().isEmpty() && e.storedFields().stream().anyMatch(FieldModel::automaticTimestamp);
    if (javaOnlyRule) {
      return java.equals(CrossRuntimeBackend.SUCCEEDED) ? null : type + " (Java: " + java + ", expected success)";
    }
    return graphql.equals(java) ? null : type + " (GraphQL: " + graphql + ", Java: " + java + ")";
  }

  /** Another type's item (written by Java) is neither created over, read nor changed as this type, and {@code a} not as the other type. */
  void typeConfusion(String a) {
    Optional<EntityModel> other = rt.model().entities().stream().filter(x -> !x.name().equals(type)).findFirst();
    if (other.isEmpty()) {
      return;
    }
    String otherType = other.get().name();
    String foreign = rt.createHelper(otherType, Map.of());
    List<Map<String, AttributeValue>> foreignItems = rt.itemsOf(foreign);
    List<Map<String, AttributeValue>> itemsOfA = rt.itemsOf(a);
    String what = type + " operations on a " + otherType + " written by Java";
    assertEquals(Optional.empty(), rt.access(rt.java().accessMethod("get " + type), foreign), what + ": Java get");
    rt.operation(type, OperationKind.GET).ifPresent(op ->
        assertTrue(rt.result(op, foreign, "id").isNull(), what + ": GraphQL get"));
    String javaUpdate = rt.accessFailure(rt.java().accessMethod("update " + type), foreign, UnaryOperator.identity());
    String javaDelete = rt.accessFailure(rt.java().accessMethod("delete " + type), foreign);
    assertEquals(List.of("NotFound", "NotFound"), List.of(javaUpdate, javaDelete), what + ": Java update, delete");
    Map<String, Object> input = new LinkedHashMap<>(Map.of("id", foreign));
    input.putAll(GraphQLValues.input(e, changes.of(EntityChanges.Round.MOVE, CLASH_SEED)));
    rt.operation(type, OperationKind.UPDATE).ifPresent(op -> assertEquals(javaUpdate,
        rt.run(op, input, "id").firstError().path("errorType").asText(), what + ": GraphQL update"));
    rt.operation(type, OperationKind.DELETE).ifPresent(op -> assertEquals(javaDelete,
        rt.run(op, foreign, "id").firstError().path("errorType").asText(), what + ": GraphQL delete"));
    if (rt.model().keyStrategy() == KeyStrategy.NODE) {
      for (Via via : Via.values()) {
        refusedCreateWithId(via, foreign, what + ": " + via + " create under its id");
      }
    }
    String otherWhat = otherType + " operations on " + type + " A written by GraphQL";
    assertEquals(Optional.empty(), rt.access(rt.java().accessMethod("get " + otherType), a), otherWhat + ": Java get");
    assertEquals("NotFound", rt.accessFailure(rt.java().accessMethod("update " + otherType), a, UnaryOperator.identity()), otherWhat);
    assertEquals("NotFound", rt.accessFailure(rt.java().accessMethod("delete " + otherType), a), otherWhat);
    assertEquals(foreignItems, rt.itemsOf(foreign), what + " changed nothing");
    assertEquals(itemsOfA, rt.itemsOf(a), otherWhat + " changed nothing");
  }

  /** A create under a taken id fails with NotUnique:Type.id, leaves the item as it was and takes no unique value. */
  private void refusedCreateWithId(Via via, String taken, String what) {
    List<Map<String, AttributeValue>> before = rt.itemsOf(taken);
    Map<String, Object> overrides = new HashMap<>(Map.of("id", taken));
    e.uniques().stream().filter(u -> !u.type().nonNull()).forEach(u -> overrides.put(u.field(), null));
    Object record = SampleValues.record(rt.java(), e, CLASH_SEED + 10, false, overrides);
    assertEquals("NotUnique:" + type + ".id", refusedCreate(via, record), what);
    assertEquals(before, rt.itemsOf(taken), what + " changed nothing");
    Map<String, Object> values = SampleValues.fields(e, record);
    for (UniqueModel u : e.uniques()) {
      if (values.get(u.field()) != null) {
        assertEquals(Optional.empty(), rt.access(rt.java().accessMethod("getBy " + type + "." + u.field()), values.get(u.field())),
            what + ": no unique item for " + u.field());
      }
    }
  }

  /** Creates {@code record} through {@code via}: the errorType, or {@link CrossRuntimeBackend#SUCCEEDED}. */
  private String refusedCreate(Via via, Object record) {
    return via == Via.JAVA ? rt.accessOutcome(rt.java().accessMethod("create " + type), record)
        : rt.graphqlOutcome(rt.operation(type, OperationKind.CREATE).orElseThrow(), createInput(record));
  }

  /** The GraphQL create input of a record: its non-null values but the automatic timestamps. */
  private Map<String, Object> createInput(Object record) {
    Map<String, Object> fields = EntityChanges.present(SampleValues.fields(e, record));
    changes.automaticTimestamps().forEach(fields::remove);
    return GraphQLValues.input(e, fields);
  }
}
