package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.model.EntityModel;
import io.singletable.model.FieldModel;
import io.singletable.model.KeyStrategy;
import io.singletable.model.OperationNames;
import io.singletable.model.RelationModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** record → item → record for every entity of both samples and of a schema using every scalar. */
class ItemCodecRoundTripTest {
  @TempDir
  static Path dir;
  static List<GeneratedJava> schemas = new ArrayList<>();
  static GeneratedJava sink;

  @BeforeAll
  static void generate() throws Exception {
    schemas.add(GeneratedJava.sample("farm", dir.resolve("farm")));
    schemas.add(GeneratedJava.sample("social", dir.resolve("social")));
    sink = GeneratedJava.inline(GeneratedJava.KITCHEN_SINK, dir.resolve("sink"), KeyStrategy.TYPE);
    schemas.add(sink);
  }

  @AfterAll
  static void close() {
    schemas.forEach(GeneratedJava::close);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, AttributeValue> toItem(GeneratedJava java, Object record) {
    return (Map<String, AttributeValue>) java.call("ItemCodec", "toItem", record);
  }

  @Test
  void everyEntityRoundTripsWithAllFieldsAndWithNulls() {
    int checked = 0;
    for (GeneratedJava java : schemas) {
      for (EntityModel e : java.model().entities()) {
        for (boolean nulls : List.of(false, true)) {
          Object record = SampleValues.record(java, e, 3, nulls, Map.of());
          Map<String, AttributeValue> item = toItem(java, record);
          assertEquals(e.name(), item.get("__typename").s());
          String prefix = java.model().keyStrategy() == KeyStrategy.NODE ? "NODE#" : e.name() + "#";
          assertEquals(prefix + "id-3", item.get("PK").s());
          for (FieldModel f : e.storedFields()) {
            assertEquals(!nulls || f.type().nonNull(), item.containsKey(f.name()), e.name() + "." + f.name());
          }
          Object back = java.call("ItemCodec", OperationNames.lowerFirst(e.name()) + "FromItem", item);
          assertEquals(record, back, e.name());
          assertEquals(record, java.call("ItemCodec", "decode", item));
          assertEquals(item, java.call("ItemCodec", "encode", record));
          checked++;
        }
      }
    }
    assertEquals(2 * (4 + 4 + 10), checked); // farm, social (with Tag), the kitchen sink
  }

  @Test
  void nullListElementsAndJsonAreStoredAsDynamoDbValues() {
    EntityModel gizmo = sink.model().entity("Gizmo").orElseThrow();
    Map<String, AttributeValue> item = toItem(sink, SampleValues.record(sink, gizmo, 4, false, Map.of("ratio", 4.0)));
    assertEquals(AttributeValue.fromNul(true), item.get("dates").l().get(2));
    assertEquals("1700000004", item.get("stamps").l().get(0).n());
    assertTrue(item.get("json").hasM());
    assertEquals("4", item.get("ratio").n(), "4.0 is written without a trailing .0");
    assertEquals(true, item.get("flag").bool());
    assertTrue(item.containsKey("class") && item.containsKey("hashCode"), "GraphQL names are kept as attribute names");
  }

  @Test
  void decodeRejectsOtherTypesAndUnknownTypenames() {
    GeneratedJava farm = schemas.get(0);
    EntityModel cow = farm.model().entity("Cow").orElseThrow();
    Map<String, AttributeValue> item = toItem(farm, SampleValues.record(farm, cow, 1, false, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> farm.call("ItemCodec", "farmFromItem", item));
    var other = new java.util.HashMap<>(item);
    other.put("__typename", AttributeValue.fromS("Horse"));
    assertThrows(IllegalArgumentException.class, () -> farm.call("ItemCodec", "decode", other));
    other.put("__typename", AttributeValue.fromS("Cow"));
    other.remove("name");
    assertThrows(NullPointerException.class, () -> farm.call("ItemCodec", "decode", other), "non-null name missing");
  }

  @Test
  void indexAttributesFollowTheRelationsIncludingOnlyIfAndEmptyParents() {
    EntityModel gadget = sink.model().entity("Gadget").orElseThrow();
    List<RelationModel> relations = sink.model().relationsTargeting("Gadget");
    assertEquals(4, relations.size());
    Map<String, AttributeValue> shiny = toItem(sink, SampleValues.record(sink, gadget, 2, false, Map.of("shiny", true)));
    Map<String, AttributeValue> dull = toItem(sink, SampleValues.record(sink, gadget, 2, false, Map.of("shiny", false)));
    Map<String, AttributeValue> orphan = toItem(sink, SampleValues.record(sink, gadget, 2, false, Map.of("shelfId", "")));
    for (RelationModel r : relations) {
      assertEquals(r.target() + "#shelfId Value 2", shiny.get(r.partitionAttribute()).s(), r.id());
      assertEquals(r.sortBy().size(), shiny.get(r.sortAttribute()).s().split("\u0001", -1).length - 1, r.id());
      assertTrue(shiny.get(r.sortAttribute()).s().endsWith(r.sortBy().isEmpty() ? "id-2" : "\u0001id-2"), r.id());
      assertEquals(r.onlyIf() == null, dull.containsKey(r.partitionAttribute()), r.id());
      assertEquals(r.onlyIf() == null, dull.containsKey(r.sortAttribute()), r.id());
      assertFalse(orphan.containsKey(r.partitionAttribute()), "an empty parent id writes no index attributes");
    }
  }

  @Test
  void uniqueItemsAreNodeCopiesWithoutIndexAttributesUnderLowerCasedKeys() {
    EntityModel shelf = sink.model().entity("Shelf").orElseThrow();
    Object record = SampleValues.record(sink, shelf, 1, false, Map.of("label", "Top SHELF", "code", 42));
    @SuppressWarnings("unchecked")
    List<Map<String, AttributeValue>> uniques = (List<Map<String, AttributeValue>>) sink.call("ItemCodec", "uniqueItems", record);
    assertEquals(List.of("Shelf#label#top shelf", "Shelf#code#42"), uniques.stream().map(u -> u.get("PK").s()).toList());
    Map<String, AttributeValue> node = toItem(sink, record);
    node.remove("PK");
    for (Map<String, AttributeValue> u : uniques) {
      Map<String, AttributeValue> copy = new java.util.HashMap<>(u);
      copy.remove("PK");
      assertEquals(node, copy);
    }
    Object noCode = SampleValues.record(sink, shelf, 1, true, Map.of("label", "x"));
    assertEquals(1, ((List<?>) sink.call("ItemCodec", "uniqueItemsOf", noCode)).size(), "a null unique value has no item");
    EntityModel gizmo = sink.model().entity("Gizmo").orElseThrow();
    Object g = SampleValues.record(sink, gizmo, 1, false, Map.of("email", "Ann@Example.COM"));
    @SuppressWarnings("unchecked")
    var gUniques = (List<Map<String, AttributeValue>>) sink.call("ItemCodec", "uniqueItemsOf", g);
    assertEquals("Gizmo#email#ann@example.com", gUniques.get(0).get("PK").s());
    assertFalse(gUniques.get(0).keySet().stream().anyMatch(k -> k.matches("(PK|SK)\\d\\d")));
  }

  @Test
  void numberEncodingMatchesTheResolversAndSortsNumerically() {
    assertEquals("1", sink.call("runtime.ItemValues", "encodeNumber", "0"));
    assertEquals("1", sink.call("runtime.ItemValues", "encodeNumber", "-0.000"));
    assertEquals("25015", sink.call("runtime.ItemValues", "encodeNumber", "5"));
    assertEquals("250215", sink.call("runtime.ItemValues", "encodeNumber", "15"));
    assertEquals("24995", sink.call("runtime.ItemValues", "encodeNumber", "0.05"));
    assertEquals("04994~", sink.call("runtime.ItemValues", "encodeNumber", "-5"));
    assertEquals("25111", sink.call("runtime.ItemValues", "encodeNumber", "1.0E10"));
    assertEquals("25222", sink.call("runtime.ItemValues", "encodeNumber", "2e+21"));
    assertEquals("048788~", sink.call("runtime.ItemValues", "encodeNumber", "-1.1E+12"));
    assertEquals("24941", sink.call("runtime.ItemValues", "encodeNumber", "1e-7"));
    Random random = new Random(42);
    List<Double> numbers = new ArrayList<>(List.of(0.0, -0.5, 0.5, 1e-7, -1e-7, 1e21, -1e21, 10.0, 9.99, -10.0, -9.99, 100.0));
    for (int i = 0; i < 300; i++) {
      numbers.add((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(30) - 10));
    }
    List<Double> byEncoding = new ArrayList<>(numbers);
    byEncoding.sort(Comparator.comparing((Double d) -> (String) sink.call("runtime.ItemValues", "sortNumber", d)));
    List<Double> byValue = new ArrayList<>(numbers);
    byValue.sort(Comparator.naturalOrder());
    assertEquals(byValue, byEncoding);
  }

  @Test
  void sortKeysEncodeEachKindAsTheResolversDo() {
    String sep = "\u0001";
    // Shelf.things: rank (Int), when (AWSDateTime), kind (enum), nulls FIRST
    assertEquals("1" + "25015" + sep + "1" + "2513" + "17040672" + sep + "1huge" + sep + "g1",
        sink.call("ItemCodec", "shelfThingsSortKey", 5, "2024-01-01T01:00:00+01:00",
            sink.type("Kind").getEnumConstants()[2], "g1"));
    assertEquals("0" + sep + "0" + sep + "0" + sep + "g1", sink.call("ItemCodec", "shelfThingsSortKey", null, null, null, "g1"));
    // Shelf.gadgets: weight (Float), day (AWSDate), title case kept (ignoreCase false), nulls LAST
    assertEquals("104994~" + sep + "12024-05-06" + sep + "1MiXed" + sep + "g2",
        sink.call("ItemCodec", "shelfGadgetsSortKey", -5.0, "2024-05-06+02:00", "MiXed", "g2"));
    assertEquals("2" + sep + "2" + sep + "2" + sep + "g2", sink.call("ItemCodec", "shelfGadgetsSortKey", null, null, null, "g2"));
    // Shelf.stamps: at (AWSTimestamp), on (Boolean)
    assertEquals("125011" + sep + "11" + sep + "s", sink.call("ItemCodec", "shelfStampsSortKey", 1L, true, "s"));
    String longTitle = "A".repeat(300);
    String key = (String) sink.call("ItemCodec", "shelfShinySortKey", longTitle, "x");
    assertEquals("1" + "a".repeat(240) + sep + "x", key, "lower-cased and cut to 240 characters");
    // offsets compare as instants
    String early = (String) sink.call("runtime.ItemValues", "sortDateTime", "2024-01-01T10:00:00+05:00");
    String late = (String) sink.call("runtime.ItemValues", "sortDateTime", "2024-01-01T09:00:00Z");
    assertTrue(early.compareTo(late) < 0);
    assertNotEquals(early, late);
  }
}
