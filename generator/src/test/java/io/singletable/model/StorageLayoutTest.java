package io.singletable.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.TestSchemas;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The storage layout of SPEC §3 as the model states it, for a schema built by the real pipeline. */
class StorageLayoutTest {
  private static final String SDL = """
      enum Kind { BIG small }
      "Shops and items."
      union Thing = Shop | Item
      type Shop @model {
        id: ID!
        name: String @unique
        code: String @unique(ignoreCase: false)
        rank: Int @unique
        weight: Float @unique
        kind: Kind @unique
        items: [Item] @hasMany(field: "shopId", sortBy: ["title", "kind", "price", "at", "day", "open", "note"], nulls: FIRST)
        plain: [Item] @hasMany(field: "shopId", ignoreCase: false)
      }
      "Things a shop sells."
      type Item @model {
        id: ID!
        shopId: ID
        title: String
        kind: Kind
        price: Float
        at: AWSDateTime
        day: AWSDate
        open: Boolean
        note: AWSTime
      }
      """;

  private static ServiceModel model(KeyStrategy keys) {
    GeneratorOptions defaults = GeneratorOptions.of(Path.of("schema.graphql"), Path.of("out"));
    GeneratorOptions options = new GeneratorOptions(defaults.schema(), defaults.displayBase(),
        defaults.outputDirectory(), defaults.packageName(), keys, defaults.maxIndexes(), defaults.templateDirectory());
    return new Generator().plan(TestSchemas.inline(SDL), options).model();
  }

  private static RelationModel relation(ServiceModel m, String id) {
    return m.relations().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void nodeKeysFollowTheKeyStrategy() {
    assertEquals("NODE#", model(KeyStrategy.NODE).layout().nodePrefix("Shop"));
    assertEquals("Shop#", model(KeyStrategy.TYPE).layout().nodePrefix("Shop"));
    assertEquals("PK", StorageLayout.PARTITION_KEY);
    assertEquals("__typename", StorageLayout.TYPENAME);
    for (String reserved : List.of("PK", "PK01", "SK20", "PK99", "__typename")) {
      assertTrue(StorageLayout.reservedAttribute(reserved), reserved);
    }
    for (String free : List.of("pk", "PK1", "SK", "SK001", "GSI01", "typename", "PKA1")) {
      assertFalse(StorageLayout.reservedAttribute(free), free);
    }
  }

  @Test
  void uniqueKeysNameTypeFieldAndHowTheValueIsWritten() {
    EntityModel shop = model(KeyStrategy.NODE).entity("Shop").orElseThrow();
    List<UniqueKeyFormat> keys = shop.uniques().stream().map(shop::uniqueKey).toList();
    assertEquals(List.of(
        new UniqueKeyFormat("Shop#name#", false, true, true),
        new UniqueKeyFormat("Shop#code#", false, false, true),
        new UniqueKeyFormat("Shop#rank#", false, true, false),
        new UniqueKeyFormat("Shop#weight#", true, true, false),
        new UniqueKeyFormat("Shop#kind#", false, true, true)), keys);
  }

  @Test
  void relationKeysAndSortComponents() {
    ServiceModel m = model(KeyStrategy.NODE);
    RelationModel items = relation(m, "Shop.items");
    RelationModel plain = relation(m, "Shop.plain");
    assertEquals("Item#", items.partitionPrefix());
    assertEquals(StorageLayout.indexName(items.slot()), items.indexName());
    assertTrue(items.indexName().matches("GSI0[12]") && items.partitionAttribute().matches("PK0[12]")
        && items.sortAttribute().matches("SK0[12]"), items.indexName());
    assertFalse(items.indexName().equals(plain.indexName()), "both target Item: two slots");
    // two string components (title, note) share the 240 units; the enum takes the same cut; nulls FIRST
    assertEquals(List.of(
        new SortKeyComponent(items.sortBy().get(0), SortEncoding.STRING, true, "0", 120),
        new SortKeyComponent(items.sortBy().get(1), SortEncoding.ENUM, false, "0", 120),
        new SortKeyComponent(items.sortBy().get(2), SortEncoding.NUMBER, false, "0", 120),
        new SortKeyComponent(items.sortBy().get(3), SortEncoding.DATETIME, false, "0", 120),
        new SortKeyComponent(items.sortBy().get(4), SortEncoding.DATE, false, "0", 120),
        new SortKeyComponent(items.sortBy().get(5), SortEncoding.BOOLEAN, false, "0", 120),
        new SortKeyComponent(items.sortBy().get(6), SortEncoding.STRING, true, "0", 120)), items.sortComponents());
    assertEquals(List.of(), plain.sortComponents());
    assertEquals("2", StorageLayout.nullBucket(NullsOrder.LAST));
    assertEquals("01/07", StorageLayout.slotSuffix(1) + "/" + StorageLayout.slotSuffix(7));
  }

  @Test
  void enumsAndDescriptionsComeFromTheModel() {
    ServiceModel m = model(KeyStrategy.NODE);
    EnumModel kind = m.enumType("Kind").orElseThrow();
    assertEquals(List.of("BIG", "small"), kind.values().stream().map(EnumModel.Value::name).toList());
    assertTrue(m.enums().stream().anyMatch(e -> e.name().equals("NullsOrder")), "the bundled enums too");
    assertEquals("Things a shop sells.", m.entity("Item").orElseThrow().description());
    assertEquals(List.of("Shops and items."), m.abstractTypes().stream().map(AbstractTypeModel::description).toList());
  }
}
