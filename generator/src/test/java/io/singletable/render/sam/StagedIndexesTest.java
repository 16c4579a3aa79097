package io.singletable.render.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.TestSchemas;
import io.singletable.cfn.CfnConditions;
import io.singletable.harness.DynamoDbLocal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * template.yaml's parameter IndexCount: its conditions, evaluated as CloudFormation evaluates them, declare exactly
 * GSI01..GSIk and their key attributes for every k, today's full table by default; and on DynamoDB Local, the table
 * deploy.sh steps through changes one GSI per update where the default on an older table would change two.
 */
class StagedIndexesTest {
  /** The index parameter of the test schema, which has three GSIs. */
  private static final String PARAMETER = io.singletable.render.sam.SamTemplateView.indexParameter(3);

  /** Three relations to Cow: three GSIs. */
  static final String SCHEMA = """
      type Farm @model { id: ID! cows: [Cow] @hasMany(field: "farmId", sortBy: ["name"]) }
      type Barn @model { id: ID! cows: [Cow] @hasMany(field: "barnId") }
      type Shed @model { id: ID! cows: [Cow] @hasMany(field: "shedId", sortBy: ["name"]) }
      type Cow @model { id: ID! name: String! farmId: ID barnId: ID shedId: ID }
      """;

  @TempDir
  Path temp;

  private static String templateText() {
    Generator.Planned planned = TestSchemas.plan(SCHEMA);
    assertEquals(3, planned.model().slots().size());
    return new String(planned.plan().get(Generator.TEMPLATE).orElseThrow().content(), StandardCharsets.UTF_8);
  }

  private static Map<String, Object> load(String yaml) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> table(Map<String, Object> template) {
    var resources = (Map<String, Object>) template.get("Resources");
    return (Map<String, Object>) ((Map<String, Object>) resources.get("Table")).get("Properties");
  }

  /** The table's properties as the template declared them before IndexCount, with {@code k} GSIs. */
  private static Map<String, Object> fullTable(int k) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("BillingMode", "PAY_PER_REQUEST");
    List<Object> attributes = new ArrayList<>(List.of(Map.of("AttributeName", "PK", "AttributeType", "S")));
    List<Object> indexes = new ArrayList<>();
    for (int s = 1; s <= k; s++) {
      String nn = String.format("%02d", s);
      attributes.add(Map.of("AttributeName", "PK" + nn, "AttributeType", "S"));
      attributes.add(Map.of("AttributeName", "SK" + nn, "AttributeType", "S"));
      indexes.add(Map.of("IndexName", "GSI" + nn,
          "KeySchema", List.of(Map.of("AttributeName", "PK" + nn, "KeyType", "HASH"),
              Map.of("AttributeName", "SK" + nn, "KeyType", "RANGE")),
          "Projection", Map.of("ProjectionType", "ALL")));
    }
    p.put("AttributeDefinitions", attributes);
    p.put("KeySchema", List.of(Map.of("AttributeName", "PK", "KeyType", "HASH")));
    if (k > 0) {
      p.put("GlobalSecondaryIndexes", indexes);
    }
    p.put("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true));
    p.put("SSESpecification", Map.of("SSEEnabled", true));
    return p;
  }

  @Test
  void everyIndexCountDeclaresExactlyItsGsisAndTheDefaultIsTheFullTable() {
    Map<String, Object> template = load(templateText());
    @SuppressWarnings("unchecked")
    var parameter = (Map<String, Object>) ((Map<String, Object>) template.get("Parameters")).get(PARAMETER);
    assertEquals("Number", parameter.get("Type"));
    assertEquals("3", parameter.get("Default"));
    assertEquals(List.of("0", "1", "2", "3"), parameter.get("AllowedValues"));
    assertTrue(String.valueOf(parameter.get("Description")).contains("deploy.sh sets it"), parameter.toString());

    assertEquals(fullTable(3), table(CfnConditions.resolve(template, Map.of())), "the default: today's table");
    for (int k = 0; k <= 3; k++) {
      Map<String, String> count = Map.of(PARAMETER, String.valueOf(k));
      assertEquals(fullTable(k), table(CfnConditions.resolve(template, count)), PARAMETER + "=" + k);
      for (int s = 1; s <= 3; s++) {
        assertEquals(s <= k, CfnConditions.condition(template, count, String.format("HasIndex%02d", s)),
            "HasIndex" + s + " with " + PARAMETER + "=" + k);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> CfnConditions.resolve(template, Map.of(PARAMETER, "4")),
        "CloudFormation refuses a value outside AllowedValues");
  }

  @Test
  void withoutGsisTheTemplateHasNoIndexCount() {
    String yaml = new String(TestSchemas.plan("type Cow @model { id: ID! name: String! }").plan()
        .get(Generator.TEMPLATE).orElseThrow().content(), StandardCharsets.UTF_8);
    assertFalse(yaml.contains("IndexCountOf") || yaml.contains("Conditions:") || yaml.contains("Fn::If"), yaml);
    assertEquals(fullTable(0), table(CfnConditions.resolve(load(yaml), Map.of())));
  }

  @Test
  void deploySteppingIndexCountChangesOneGsiPerTableUpdateOnDynamoDbLocal() throws Exception {
    Path template = Files.writeString(temp.resolve("template.yaml"), templateText());
    DynamoDbLocal ddb = DynamoDbLocal.shared();
    String table = "staged-" + System.nanoTime();
    ddb.createTableFrom(template, table, Map.of(PARAMETER, "1")); // deployed when the schema had one GSI
    try {
      IllegalStateException plain = assertThrows(IllegalStateException.class, () -> ddb.updateTableFrom(template, table),
          "the default on a one-GSI table changes two GSIs in one update, which DynamoDB refuses");
      assertTrue(plain.getMessage().contains("[+GSI02, +GSI03]"), plain.getMessage());
      assertEquals(List.of("+GSI02"), ddb.updateTableFrom(template, table, Map.of(PARAMETER, "2")));
      assertEquals(List.of("+GSI03"), ddb.updateTableFrom(template, table, Map.of(PARAMETER, "3")));
      assertEquals(List.of(), ddb.updateTableFrom(template, table), "the default is where the steps end");
      assertEquals(List.of("GSI01", "GSI02", "GSI03"), gsis(ddb, table));

      assertEquals(List.of("-GSI03"), ddb.updateTableFrom(template, table, Map.of(PARAMETER, "2")));
      assertEquals(List.of("-GSI02"), ddb.updateTableFrom(template, table, Map.of(PARAMETER, "1")));
      assertEquals(List.of("-GSI01"), ddb.updateTableFrom(template, table, Map.of(PARAMETER, "0")));
      assertEquals(List.of(), gsis(ddb, table));
    } finally {
      ddb.deleteTable(table);
    }
  }

  private static List<String> gsis(DynamoDbLocal ddb, String table) {
    return ddb.client().describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().stream()
        .map(i -> i.indexName()).sorted().toList();
  }
}
