package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.harness.Backend;
import io.singletable.render.java.GeneratedJava;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The farm's generated Java codec against its generated resolvers (AppSync simulator on DynamoDB
 * Local): items the resolvers wrote decode and re-encode to exactly the stored items, and items the
 * codec wrote are read, looked up, ordered and updated by the resolvers.
 */
@Tag("simulator")
class JavaCodecCrossRuntimeTest {
  @TempDir
  static Path dir;
  static GeneratedJava java;
  static Backend backend;

  @BeforeAll
  static void start() throws Exception {
    java = GeneratedJava.sample("farm", dir);
    backend = Backend.start(dir.resolve("out"));
  }

  @AfterAll
  static void stop() {
    try {
      if (backend != null) {
        backend.close();
      }
    } finally {
      if (java != null) {
        java.close();
      }
    }
  }

  private static JsonNode gql(String query, Map<String, Object> vars) {
    return backend.graphql(query, vars).requireNoErrors().data();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, AttributeValue> encode(Object entity) {
    return (Map<String, AttributeValue>) java.call("ItemCodec", "encode", entity);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, AttributeValue>> uniqueItems(Object entity) {
    return (List<Map<String, AttributeValue>>) java.call("ItemCodec", "uniqueItemsOf", entity);
  }

  private static Object record(String type, Object... args) {
    Class<?> c = java.type(type);
    try {
      return c.getDeclaredConstructor(Arrays.stream(c.getRecordComponents()).map(RecordComponent::getType)
          .toArray(Class[]::new)).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object breed(String name) {
    return java.call("Breed", "fromGraphqlName", name);
  }

  private static List<Map<String, AttributeValue>> scan(Set<String> ids) {
    return backend.scan().stream().filter(i -> i.get("id") != null && ids.contains(i.get("id").s())).toList();
  }

  @Test
  void itemsWrittenByTheResolversDecodeAndReEncodeExactly() {
    String farm = gql("mutation { createFarm(input: {name: \"Codec Acres\", galleryIds: [\"g1\", \"g2\"]}) { id } }",
        Map.of()).path("createFarm").path("id").asText();
    String image = gql("mutation($f: ID) { createImage(input: {url: \"https://x/logo.png\", farmId: $f}) { id } }",
        Map.of("f", farm)).path("createImage").path("id").asText();
    gql("mutation($id: ID!, $l: ID) { updateFarm(input: {id: $id, logoId: $l, name: \"Codec ACRES\"}) { id } }",
        Map.of("id", farm, "l", image));
    List<String> ids = new ArrayList<>(List.of(farm, image));
    for (String[] cow : new String[][] {{"Daisy", "JERSEY", "2020-03-04"}, {"bella", "ANGUS", "2021-01-02"}}) {
      ids.add(gql("mutation($f: ID!, $n: String!, $b: Breed, $d: AWSDate) { createCow(input: {farmId: $f, name: $n, "
          + "breed: $b, born: $d}) { id } }", Map.of("f", farm, "n", cow[0], "b", cow[1], "d", cow[2]))
          .path("createCow").path("id").asText());
    }
    ids.add(gql("mutation($f: ID!) { createCow(input: {farmId: $f, name: \"Plain\"}) { id } }", Map.of("f", farm))
        .path("createCow").path("id").asText());
    ids.add(gql("mutation($f: ID!) { createChicken(input: {farmId: $f, name: \"Henny\", eggsPerWeek: -3}) { id } }",
        Map.of("f", farm)).path("createChicken").path("id").asText());

    List<Map<String, AttributeValue>> items = scan(Set.copyOf(ids));
    int nodes = 0;
    int uniques = 0;
    int indexed = 0;
    for (Map<String, AttributeValue> item : items) {
      Object entity = java.call("ItemCodec", "decode", item);
      assertEquals(item.get("__typename").s(), entity.getClass().getSimpleName());
      if (item.get("PK").s().startsWith("NODE#")) {
        assertEquals(item, encode(entity), "re-encoded node item");
        nodes++;
        indexed += item.containsKey("PK01") && item.get("PK01").s().startsWith("Animal#") ? 1 : 0;
        for (Map<String, AttributeValue> u : uniqueItems(entity)) {
          assertTrue(items.contains(u), "the resolvers wrote the codec's unique item " + u.get("PK"));
        }
      } else {
        assertTrue(uniqueItems(entity).contains(item), "unique item equals the codec's: " + item.get("PK"));
        uniques++;
      }
    }
    assertEquals(6, nodes);
    assertEquals(1, uniques);
    assertEquals(4, indexed, "three cows and a chicken carry Farm.animals");
    Map<String, AttributeValue> daisy = items.stream().filter(i -> "Daisy".equals(i.get("name") == null ? null
        : i.get("name").s()) && i.get("PK").s().startsWith("NODE#")).findFirst().orElseThrow();
    assertTrue(daisy.containsKey("PK02") && daisy.containsKey("SK02"), "Farm.cows index attributes");
  }

  @Test
  void itemsWrittenByTheCodecAreServedByTheResolvers() {
    String farmId = "java-farm-1";
    Object farm = record("Farm", farmId, "Java Valley", null, List.of("java-cow-2", "nope"),
        "2024-02-03T04:05:06.789Z", "2024-02-03T04:05:06.789Z");
    List<Object> entities = new ArrayList<>(List.of(farm,
        record("Cow", "java-cow-1", "zoe", breed("HEREFORD"), "2019-05-06", farmId),
        record("Cow", "java-cow-2", "Adele", null, null, farmId),
        record("Cow", "java-cow-3", "Mabel", breed("ANGUS"), null, farmId),
        record("Chicken", "java-chicken-1", "Nugget", 4, farmId)));
    var client = backend.dynamoDbClient();
    for (Object e : entities) {
      List<Map<String, AttributeValue>> writes = new ArrayList<>(List.of(encode(e)));
      writes.addAll(uniqueItems(e));
      for (Map<String, AttributeValue> item : writes) {
        client.putItem(PutItemRequest.builder().tableName(backend.tableName()).item(item).build());
      }
    }

    JsonNode data = gql("query($id: ID!) { farm(id: $id) { name createdAt cows { id name breed } "
        + "animals(limit: 10) { items { __typename ... on Cow { name } ... on Chicken { name eggsPerWeek } } } "
        + "gallery { id } } }", Map.of("id", farmId)).path("farm");
    assertEquals("Java Valley", data.path("name").asText());
    assertEquals(2, data.path("gallery").size(), "the codec's list attribute is read as a list of ids");
    assertTrue(data.path("gallery").get(0).isNull() && data.path("gallery").get(1).isNull(), "a cow's id is no Image");
    assertEquals("2024-02-03T04:05:06.789Z", data.path("createdAt").asText());
    assertEquals(List.of("Adele", "Mabel", "zoe"), names(data.path("cows")));
    assertEquals("HEREFORD", data.path("cows").get(2).path("breed").asText());
    assertTrue(data.path("cows").get(0).path("breed").isNull());
    assertEquals(List.of("Adele", "Mabel", "Nugget", "zoe"), names(data.path("animals").path("items")));
    assertEquals(4, data.path("animals").path("items").get(2).path("eggsPerWeek").asInt());
    assertEquals("java-farm-1", gql("query { farmByName(name: \"JAVA valley\") { id } }", Map.of())
        .path("farmByName").path("id").asText());
    assertEquals("zoe", gql("query { getCow(id: \"java-cow-1\") { name } }", Map.of()).path("getCow").path("name").asText());
    assertTrue(gql("query { getChicken(id: \"java-cow-1\") { name } }", Map.of()).path("getChicken").isNull(),
        "__typename written by the codec is checked by the resolvers");

    // The resolvers update what the codec wrote (their condition compares every stored field) ...
    gql("mutation { updateFarm(input: {id: \"java-farm-1\", name: \"Java Hills\"}) { id } }", Map.of());
    gql("mutation { updateCow(input: {id: \"java-cow-1\", name: \"Aaron\"}) { id } }", Map.of());
    assertEquals(List.of("Aaron", "Adele", "Mabel"), names(gql("query($id: ID!) { farm(id: $id) { cows { name } } }",
        Map.of("id", farmId)).path("farm").path("cows")));
    assertNull(gql("query { farmByName(name: \"java valley\") { id } }", Map.of()).path("farmByName").textValue());
    // ... and what they wrote back is again exactly what the codec computes.
    Set<String> ids = Set.of(farmId, "java-cow-1", "java-cow-2", "java-cow-3", "java-chicken-1");
    List<Map<String, AttributeValue>> items = scan(ids);
    assertEquals(6, items.size(), "five nodes and one unique item");
    for (Map<String, AttributeValue> item : items) {
      Object entity = java.call("ItemCodec", "decode", item);
      if (item.get("PK").s().startsWith("NODE#")) {
        assertEquals(item, encode(entity));
      } else {
        assertEquals("Farm#name#java hills", item.get("PK").s());
        assertEquals(List.of(item), uniqueItems(entity));
      }
    }
    assertFalse(items.stream().anyMatch(i -> i.get("PK").s().equals("Farm#name#java valley")));
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path("name").asText()));
    return out;
  }

  @SuppressWarnings("unused")
  private static Map<String, String> describe(Map<String, AttributeValue> item) {
    return new HashMap<>(item.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString())));
  }
}
