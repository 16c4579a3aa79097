package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.singletable.harness.Backend;
import io.singletable.model.EntityModel;
import io.singletable.model.KeyStrategy;
import io.singletable.model.OperationKind;
import io.singletable.render.java.GeneratedJava;
import io.singletable.render.java.SampleValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Between the deploy that makes a field {@code @unique} (or changes its {@code ignoreCase}) and the end
 * of the generated backfill, items exist without their unique item. Both runtimes (the resolvers in
 * the AppSync simulator and the generated Java data-access class, on DynamoDB Local) must still update
 * and delete them, building the missing unique item on update; and a unique item another id holds must
 * still never be overwritten nor deleted, with the same error types in both runtimes.
 *
 * <p>An item "before the backfill" is planted as the create writes it minus its unique item: created
 * through the runtime under test, then its unique item deleted directly in the table.
 */
@Tag("simulator")
class UniqueBeforeBackfillScenarioTest {
  @TempDir
  static Path dir;
  static CrossRuntimeBackend farm;
  static CrossRuntimeBackend library;

  @BeforeAll
  static void start() throws Exception {
    farm = start("farm", GeneratedJava.sample("farm", dir.resolve("farm")));
    library = start("library", GeneratedJava.inline(DataAccessCrossRuntimeTest.LIBRARY, dir.resolve("library"), KeyStrategy.TYPE));
  }

  private static CrossRuntimeBackend start(String label, GeneratedJava java) {
    try {
      return new CrossRuntimeBackend(label, java, Backend.start(dir.resolve(label).resolve("out")));
    } catch (RuntimeException e) {
      java.close();
      throw e;
    }
  }

  @AfterAll
  static void stop() {
    for (CrossRuntimeBackend rt : new CrossRuntimeBackend[] {farm, library}) {
      if (rt != null) {
        rt.close();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void anUpdateKeepingTheValueSucceedsAndBuildsTheMissingUniqueItem(Via via) {
    String name = "Keep " + via + " " + UUID.randomUUID();
    String id = create(farm, via, "Farm", Map.of("name", name));
    String key = uniqueKey(farm, "Farm", "name", name);
    plantWithoutUniqueItem(farm, key);

    assertEquals(CrossRuntimeBackend.SUCCEEDED, update(farm, via, "Farm", id, Map.of("name", name, "galleryIds", List.of("img-1"))),
        via + ": update keeping the value of an item without its unique item");
    assertCopy(farm, id, key, via + ": the update built the missing unique item");
    assertEquals(2, farm.itemsOf(id).size(), via + ": the node and its one unique item: " + farm.itemsOf(id));
    assertEquals(List.of("img-1"), node(farm, "Farm", id).get("galleryIds").l().stream().map(AttributeValue::s).toList());

    // an update that does not name the field keeps the value too, and refreshes the item just built
    assertEquals(CrossRuntimeBackend.SUCCEEDED, update(farm, via, "Farm", id, Map.of("galleryIds", List.of("img-2"))));
    assertCopy(farm, id, key, via + ": the unique item refreshed");
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void anUpdateChangingTheValueSucceedsWithTheNewUniqueItemOnly(Via via) {
    String name = "Move " + via + " " + UUID.randomUUID();
    String id = create(farm, via, "Farm", Map.of("name", name));
    String oldKey = uniqueKey(farm, "Farm", "name", name);
    plantWithoutUniqueItem(farm, oldKey);

    String moved = "Moved " + via + " " + UUID.randomUUID();
    assertEquals(CrossRuntimeBackend.SUCCEEDED, update(farm, via, "Farm", id, Map.of("name", moved)),
        via + ": update changing the value of an item without its unique item");
    String newKey = uniqueKey(farm, "Farm", "name", moved);
    assertCopy(farm, id, newKey, via + ": the new unique item");
    assertNull(item(farm, oldKey), via + ": nothing under the old value's key");
    assertEquals(2, farm.itemsOf(id).size(), via + ": the node and its one unique item: " + farm.itemsOf(id));
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void aDeleteSucceedsAndLeavesNothing(Via via) {
    String name = "Delete " + via + " " + UUID.randomUUID();
    String id = create(farm, via, "Farm", Map.of("name", name));
    plantWithoutUniqueItem(farm, uniqueKey(farm, "Farm", "name", name));

    assertEquals(CrossRuntimeBackend.SUCCEEDED, delete(farm, via, "Farm", id), via + ": delete of an item without its unique item");
    farm.assertNoItems(id, via + ": after the delete");
  }

  /**
   * Two items with one value, as a new {@code @unique} finds them in existing data: the unique item is
   * the other's. The item that does not hold it can neither take it over (update keeping the value:
   * {@code NotUnique}) nor delete it (update changing the value, delete: {@code ConditionalCheckFailed});
   * nothing is written. Once the holder moves away, the value is free and the update builds its item.
   */
  @ParameterizedTest
  @EnumSource(Via.class)
  void aUniqueItemAnotherIdHoldsIsNeverOverwrittenNorDeleted(Via via) {
    String name = "Held " + via + " " + UUID.randomUUID();
    String holder = create(farm, via, "Farm", Map.of("name", name));
    String key = uniqueKey(farm, "Farm", "name", name);
    String temporary = "Temporary " + via + " " + UUID.randomUUID();
    String other = create(farm, via, "Farm", Map.of("name", temporary));
    plantWithoutUniqueItem(farm, uniqueKey(farm, "Farm", "name", temporary));
    farm.setAttribute(nodeKey(farm, "Farm", other), "name", AttributeValue.fromS(name));
    Map<String, AttributeValue> held = item(farm, key);
    assertEquals(holder, held.get("id").s());
    Map<String, AttributeValue> otherNode = node(farm, "Farm", other);
    List<Map<String, AttributeValue>> before = farm.itemsOf(other);
    assertEquals(List.of(otherNode), before, "the other item has no unique item");

    assertEquals("NotUnique:Farm.name", update(farm, via, "Farm", other, Map.of("name", name)),
        via + ": update keeping a value another id holds");
    assertEquals("NotUnique:Farm.name", update(farm, via, "Farm", other, Map.of("galleryIds", List.of("img-3"))),
        via + ": update of another field, keeping a value another id holds");
    String elsewhere = "Elsewhere " + via + " " + UUID.randomUUID();
    assertEquals("ConditionalCheckFailed", update(farm, via, "Farm", other, Map.of("name", elsewhere)),
        via + ": update away from a value another id holds (its unique item is not this item's to delete)");
    assertEquals("ConditionalCheckFailed", delete(farm, via, "Farm", other),
        via + ": delete of an item whose value another id holds");
    assertEquals(held, item(farm, key), via + ": the holder's unique item is byte-identical");
    assertNull(item(farm, uniqueKey(farm, "Farm", "name", elsewhere)), via + ": nothing written under the other value");
    assertEquals(before, farm.itemsOf(other), via + ": the other item is unchanged");

    // the holder moves away: its unique item moves, and the value is free for the other item
    String away = "Away " + via + " " + UUID.randomUUID();
    assertEquals(CrossRuntimeBackend.SUCCEEDED, update(farm, via, "Farm", holder, Map.of("name", away)));
    assertNull(item(farm, key), via + ": the holder's old unique item deleted");
    assertEquals(CrossRuntimeBackend.SUCCEEDED, update(farm, via, "Farm", other, Map.of("name", name)));
    assertCopy(farm, other, key, via + ": the value's unique item, now the other item's");
    assertEquals(CrossRuntimeBackend.SUCCEEDED, delete(farm, via, "Farm", other));
    assertNull(item(farm, key), via + ": deleted with the item that holds it");
  }

  /**
   * A type with two unique fields ({@code <Type>#<id>} keys, a case-insensitive string and a number):
   * one unique item present, the other missing, in one transaction.
   */
  @ParameterizedTest
  @EnumSource(Via.class)
  void oneUniqueItemPresentAndAnotherMissingInOneWrite(Via via) {
    String isbn = "Isbn-" + via + "-" + UUID.randomUUID();
    double shelf = 10 + via.ordinal() + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000) / 1000.0;
    String id = create(library, via, "Book", Map.of("title", "T", "isbn", isbn, "shelf", shelf));
    String isbnKey = uniqueKey(library, "Book", "isbn", isbn);
    String shelfKey = uniqueKey(library, "Book", "shelf", shelf);
    plantWithoutUniqueItem(library, shelfKey);

    String isbn2 = "Isbn2-" + via + "-" + UUID.randomUUID();
    assertEquals(CrossRuntimeBackend.SUCCEEDED, update(library, via, "Book", id, Map.of("isbn", isbn2, "title", "T2")),
        via + ": moving the present unique item, keeping the missing one's value");
    String isbn2Key = uniqueKey(library, "Book", "isbn", isbn2);
    assertNull(item(library, isbnKey), via + ": old isbn item deleted");
    assertCopy(library, id, isbn2Key, via + ": new isbn item");
    assertCopy(library, id, shelfKey, via + ": the missing shelf item built");
    assertEquals(3, library.itemsOf(id).size(), via + ": node and two unique items: " + library.itemsOf(id));

    plantWithoutUniqueItem(library, isbn2Key);
    double shelf2 = shelf + 0.5;
    assertEquals(CrossRuntimeBackend.SUCCEEDED, update(library, via, "Book", id, Map.of("isbn", isbn, "shelf", shelf2)),
        via + ": both values changed, the old isbn item missing");
    assertNull(item(library, isbn2Key), via + ": nothing under the old isbn");
    assertNull(item(library, shelfKey), via + ": old shelf item deleted");
    assertCopy(library, id, isbnKey, via + ": isbn item");
    assertCopy(library, id, uniqueKey(library, "Book", "shelf", shelf2), via + ": shelf item");

    plantWithoutUniqueItem(library, isbnKey);
    assertEquals(CrossRuntimeBackend.SUCCEEDED, delete(library, via, "Book", id), via + ": delete with one unique item missing");
    library.assertNoItems(id, via + ": after the delete");
  }

  // ---------------------------------------------------------------- helpers

  /** Creates an item through {@code via}; returns its id. */
  private static String create(CrossRuntimeBackend rt, Via via, String type, Map<String, Object> values) {
    if (via == Via.GRAPHQL) {
      return rt.result(rt.operation(type, OperationKind.CREATE).orElseThrow(), values, "id").path("id").asText();
    }
    String id = CrossRuntimeBackend.newId(type.toLowerCase(java.util.Locale.ROOT));
    Map<String, Object> all = new HashMap<>(values);
    all.put("id", id);
    rt.access(rt.java().accessMethod("create " + type), SampleValues.construct(rt.java(), rt.entity(type), all));
    return id;
  }

  /** Updates through {@code via}: {@link CrossRuntimeBackend#SUCCEEDED} or the error type. */
  private static String update(CrossRuntimeBackend rt, Via via, String type, String id, Map<String, Object> changes) {
    if (via == Via.GRAPHQL) {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("id", id);
      input.putAll(changes);
      return rt.graphqlOutcome(rt.operation(type, OperationKind.UPDATE).orElseThrow(), input);
    }
    EntityModel e = rt.entity(type);
    UnaryOperator<Object> change = before -> {
      Map<String, Object> after = SampleValues.fields(e, before);
      after.putAll(changes);
      return SampleValues.construct(rt.java(), e, after);
    };
    return rt.accessOutcome(rt.java().accessMethod("update " + type), id, change);
  }

  /** Deletes through {@code via}: {@link CrossRuntimeBackend#SUCCEEDED} or the error type. */
  private static String delete(CrossRuntimeBackend rt, Via via, String type, String id) {
    if (via == Via.GRAPHQL) {
      return rt.graphqlOutcome(rt.operation(type, OperationKind.DELETE).orElseThrow(), id);
    }
    return rt.accessOutcome(rt.java().accessMethod("delete " + type), id);
  }

  /** The unique item's key, as the generated codec builds it. */
  private static String uniqueKey(CrossRuntimeBackend rt, String type, String field, Object value) {
    return (String) rt.java().call(rt.java().codecType().getSimpleName(), rt.java().uniqueKeyMethod(type, field), value);
  }

  private static String nodeKey(CrossRuntimeBackend rt, String type, String id) {
    String method = Character.toLowerCase(type.charAt(0)) + type.substring(1) + "NodeKey";
    return (String) rt.java().call(rt.java().codecType().getSimpleName(), method, id);
  }

  /** Deletes a unique item directly in the table: the item it belonged to is now as before a backfill. */
  private static void plantWithoutUniqueItem(CrossRuntimeBackend rt, String key) {
    Map<String, AttributeValue> old = rt.backend().dynamoDbClient().deleteItem(r -> r.tableName(rt.backend().tableName())
        .key(Map.of("PK", AttributeValue.fromS(key))).returnValues(ReturnValue.ALL_OLD)).attributes();
    assertFalse(old == null || old.isEmpty(), "the create wrote the unique item " + key);
  }

  /** The item under {@code pk} (consistent read), or null. */
  private static Map<String, AttributeValue> item(CrossRuntimeBackend rt, String pk) {
    Map<String, AttributeValue> found = rt.backend().dynamoDbClient().getItem(r -> r.tableName(rt.backend().tableName())
        .key(Map.of("PK", AttributeValue.fromS(pk))).consistentRead(true)).item();
    return found == null || found.isEmpty() ? null : found;
  }

  private static Map<String, AttributeValue> node(CrossRuntimeBackend rt, String type, String id) {
    Map<String, AttributeValue> node = item(rt, nodeKey(rt, type, id));
    assertNotNull(node, type + " " + id);
    return node;
  }

  /** The unique item under {@code key} exists and is a copy of the node of {@code id} without its index attributes. */
  private static void assertCopy(CrossRuntimeBackend rt, String id, String key, String what) {
    Map<String, AttributeValue> unique = item(rt, key);
    assertNotNull(unique, what + ": no item under " + key);
    String type = unique.get("__typename").s();
    Map<String, AttributeValue> expected = new HashMap<>(node(rt, type, id));
    expected.keySet().removeIf(a -> a.equals("PK") || a.matches("(PK|SK)\\d\\d"));
    expected.put("PK", AttributeValue.fromS(key));
    assertEquals(expected, unique, what);
    List<String> keys = new ArrayList<>(unique.keySet());
    assertFalse(keys.stream().anyMatch(a -> a.matches("(PK|SK)\\d\\d")), what + ": no index attributes on a unique item");
  }
}
