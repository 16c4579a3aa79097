package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.singletable.TestSchemas;
import io.singletable.model.FieldModel;
import io.singletable.model.ServiceModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which number fields get an atomic {@code incrementX}: only those no index, unique item or server-set value depends on. */
class IncrementableFieldsTest {
  private static List<String> incrementable(ServiceModel model, String type) {
    return DataAccessRenderer.incrementable(model, model.entity(type).orElseThrow()).stream().map(FieldModel::name).toList();
  }

  @Test
  void numberFieldsNoIndexNorUniqueItemDependsOn() {
    ServiceModel model = TestSchemas.plan("""
        type Shop @model {
          id: ID!
          items: [Item] @hasMany(field: "shopId", sortBy: ["rank"], onlyIf: "listed")
          stamped: [Stamped] @hasMany(field: "shopId", sortBy: ["updatedAt"])
        }
        type Item @model(versioned: true) {
          id: ID!
          shopId: ID
          rank: Int
          listed: Boolean
          stock: Int
          price: Float
          seen: AWSTimestamp
          sizes: [Int]
          label: String
        }
        type Stamped @model {
          id: ID!
          shopId: ID
          count: Int
          updatedAt: AWSDateTime
        }
        type Coded @model {
          id: ID!
          code: String @unique
          count: Int
        }
        """).model();
    assertEquals(List.of("stock", "price", "seen"), incrementable(model, "Item"),
        "not the sort field, the list, the version");
    assertEquals(List.of(), incrementable(model, "Stamped"), "a relation sorts its items by updatedAt, which it sets");
    assertEquals(List.of(), incrementable(model, "Coded"), "its unique items are copies of the node");
    assertEquals(List.of(), incrementable(model, "Shop"));
  }
}
