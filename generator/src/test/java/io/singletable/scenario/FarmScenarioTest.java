package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.Generator;
import io.singletable.TestSchemas;
import io.singletable.harness.Backend;
import io.singletable.harness.GraphQLResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The farm sample's generated resolvers, executed by the AppSync simulator against DynamoDB Local. */
@Tag("simulator")
class FarmScenarioTest {
  @TempDir
  static Path out;
  static Backend backend;

  @BeforeAll
  static void start() throws Exception {
    new Generator().generate(TestSchemas.sampleOptions("farm", out));
    backend = Backend.start(out);
  }

  @AfterAll
  static void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  private static GraphQLResponse gql(String query, Map<String, Object> vars) {
    return backend.graphql(query, vars);
  }

  private static String createFarm(String name) {
    return gql("mutation($n: String!) { createFarm(input: {name: $n}) { id name } }", Map.of("n", name))
        .requireNoErrors().data("/createFarm/id").asText();
  }

  private static String createCow(String farmId, String name) {
    return gql("mutation($f: ID!, $n: String!) { createCow(input: {farmId: $f, name: $n}) { id } }",
        Map.of("f", farmId, "n", name)).requireNoErrors().data("/createCow/id").asText();
  }

  private static List<Map<String, AttributeValue>> items(String pkPrefix) {
    return backend.scan().stream().filter(i -> i.get("PK").s().startsWith(pkPrefix)).toList();
  }

  @Test
  void createGetAndLookupByUniqueNameIgnoringCase() {
    String id = createFarm("Old MacDonald's");
    assertEquals("Old MacDonald's", gql("query($id: ID!) { farm(id: $id) { name } }", Map.of("id", id))
        .requireNoErrors().data("/farm/name").asText());
    assertEquals(id, gql("query { farmByName(name: \"old macdonald's\") { id } }", Map.of())
        .requireNoErrors().data("/farmByName/id").asText());
    Map<String, AttributeValue> unique = items("Farm#name#old macdonald's").get(0);
    assertEquals(id, unique.get("id").s());
    assertEquals("Farm", unique.get("__typename").s());
  }

  @Test
  void duplicateUniqueValuesDifferingOnlyInCaseAreRejectedNamingTheField() {
    createFarm("Sunny Acres");
    GraphQLResponse dup = gql("mutation { createFarm(input: {name: \"SUNNY acres\"}) { id } }", Map.of());
    JsonNode error = dup.firstError();
    assertEquals("NotUnique:Farm.name", error.path("errorType").asText(), dup.toString());
    assertTrue(error.path("message").asText().contains("Farm.name"), dup.toString());
    assertEquals(1, items("Farm#name#sunny acres").size());
    assertEquals(1, backend.scan().stream().filter(i -> i.get("PK").s().startsWith("NODE#")
        && i.get("name") != null && i.get("name").s().equalsIgnoreCase("sunny acres")).count());
  }

  @Test
  void anotherTypesIdReadsAsNullAndCannotBeUpdatedOrDeleted() {
    String farm = createFarm("Typecheck Farm");
    String cow = createCow(farm, "Bessie");
    assertTrue(gql("query($id: ID!) { farm(id: $id) { id } }", Map.of("id", cow)).requireNoErrors()
        .data("/farm").isNull());
    assertTrue(gql("query($id: ID!) { getChicken(id: $id) { id } }", Map.of("id", cow)).requireNoErrors()
        .data("/getChicken").isNull());
    GraphQLResponse update = gql("mutation($id: ID!) { updateFarm(input: {id: $id, name: \"Hijack\"}) { id } }",
        Map.of("id", cow));
    assertTrue(update.hasErrors(), update.toString());
    GraphQLResponse delete = gql("mutation($id: ID!) { deleteChicken(id: $id) { id } }", Map.of("id", cow));
    assertTrue(delete.hasErrors(), delete.toString());
    assertEquals("Bessie", gql("query($id: ID!) { getCow(id: $id) { name } }", Map.of("id", cow))
        .requireNoErrors().data("/getCow/name").asText());
    assertTrue(items("Farm#name#hijack").isEmpty());
  }

  @Test
  void cowsAreSortedByNameIgnoringCaseAndAnimalsMixBothTypes() {
    String farm = createFarm("Sorting Farm");
    for (String n : List.of("daisy", "Bella", "clarabelle", "Annabelle")) {
      createCow(farm, n);
    }
    gql("mutation($f: ID!) { createChicken(input: {farmId: $f, name: \"Buttercup\"}) { id } }", Map.of("f", farm))
        .requireNoErrors();
    JsonNode farmData = gql("query($id: ID!) { farm(id: $id) { cows { name } desc: cows(sortDirection: DESC, limit: 2) "
        + "{ name } animals(limit: 10) { items { __typename ... on Cow { name } ... on Chicken { name } } nextToken } } }",
        Map.of("id", farm)).requireNoErrors().data("/farm");
    assertEquals(List.of("Annabelle", "Bella", "clarabelle", "daisy"), names(farmData.path("cows")));
    assertEquals(List.of("daisy", "clarabelle"), names(farmData.path("desc")));
    JsonNode animals = farmData.path("animals").path("items");
    assertEquals(List.of("Annabelle", "Bella", "Buttercup", "clarabelle", "daisy"), names(animals));
    assertEquals("Chicken", animals.get(2).path("__typename").asText());
    assertTrue(farmData.path("animals").path("nextToken").isNull());
  }

  @Test
  void belongsToHasOneAndBatchOfIdsKeepOrderAndTypes() {
    String img1 = gql("mutation { createImage(input: {url: \"https://x/1.png\"}) { id } }", Map.of())
        .requireNoErrors().data("/createImage/id").asText();
    String img2 = gql("mutation { createImage(input: {url: \"https://x/2.png\"}) { id } }", Map.of())
        .requireNoErrors().data("/createImage/id").asText();
    String farm = gql("mutation($l: ID, $g: [ID!]) { createFarm(input: {name: \"Picture Farm\", logoId: $l, "
        + "galleryIds: $g}) { id } }", Map.of("l", img1, "g", List.of(img2, img1, "missing", img2)))
        .requireNoErrors().data("/createFarm/id").asText();
    String cow = createCow(farm, "Pixel");
    List<String> galleryIdsWithCow = List.of(img2, cow);
    JsonNode f = gql("query($id: ID!) { farm(id: $id) { logo { url } gallery { id url } } }", Map.of("id", farm))
        .requireNoErrors().data("/farm");
    assertEquals("https://x/1.png", f.path("logo").path("url").asText());
    JsonNode gallery = f.path("gallery");
    assertEquals(4, gallery.size());
    assertEquals(img2, gallery.get(0).path("id").asText());
    assertEquals(img1, gallery.get(1).path("id").asText());
    assertTrue(gallery.get(2).isNull());
    assertEquals(img2, gallery.get(3).path("id").asText());
    assertEquals("Picture Farm", gql("query($id: ID!) { getCow(id: $id) { farm { name } } }", Map.of("id", cow))
        .requireNoErrors().data("/getCow/farm/name").asText());
    gql("mutation($id: ID!, $g: [ID!]) { updateFarm(input: {id: $id, galleryIds: $g}) { id } }",
        Map.of("id", farm, "g", galleryIdsWithCow)).requireNoErrors();
    JsonNode typed = gql("query($id: ID!) { farm(id: $id) { gallery { id } } }", Map.of("id", farm))
        .requireNoErrors().data("/farm/gallery");
    assertEquals(img2, typed.get(0).path("id").asText());
    assertTrue(typed.get(1).isNull(), "a Cow's id in an Image list reads as null");
  }

  @Test
  void moreThanOneHundredDistinctIdsAreRejectedNotTruncated() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      ids.add("img-" + i);
    }
    String farm = gql("mutation($g: [ID!]) { createFarm(input: {name: \"Crowded Farm\", galleryIds: $g}) { id } }",
        Map.of("g", ids)).requireNoErrors().data("/createFarm/id").asText();
    GraphQLResponse r = gql("query($id: ID!) { farm(id: $id) { name gallery { id } } }", Map.of("id", farm));
    assertEquals("TooManyIds", r.firstError().path("errorType").asText(), r.toString());
    assertEquals("Crowded Farm", r.data("/farm/name").asText());
    ids.set(100, "img-0");
    gql("mutation($id: ID!, $g: [ID!]) { updateFarm(input: {id: $id, galleryIds: $g}) { id } }",
        Map.of("id", farm, "g", ids)).requireNoErrors();
    JsonNode gallery = gql("query($id: ID!) { farm(id: $id) { gallery { id } } }", Map.of("id", farm))
        .requireNoErrors().data("/farm/gallery");
    assertEquals(101, gallery.size(), "100 distinct ids, one repeated: one request, every position answered");
  }

  @Test
  void updatesMoveUniqueItemsAndRewriteIndexAttributes() {
    String farm = createFarm("Old Name");
    String other = createFarm("Other Farm");
    String cow = createCow(farm, "Moo");
    gql("mutation($id: ID!) { updateFarm(input: {id: $id, name: \"New Name\"}) { name } }", Map.of("id", farm))
        .requireNoErrors();
    assertTrue(items("Farm#name#old name").isEmpty(), "old unique item removed");
    assertEquals(farm, items("Farm#name#new name").get(0).get("id").s());
    GraphQLResponse clash = gql("mutation($id: ID!) { updateFarm(input: {id: $id, name: \"other FARM\"}) { name } }",
        Map.of("id", farm));
    assertEquals("NotUnique:Farm.name", clash.firstError().path("errorType").asText(), clash.toString());
    gql("mutation($id: ID!, $f: ID!) { updateCow(input: {id: $id, farmId: $f, name: \"Zelda\"}) { id } }",
        Map.of("id", cow, "f", other)).requireNoErrors();
    assertEquals(List.of(), names(gql("query($id: ID!) { farm(id: $id) { cows { name } } }", Map.of("id", farm))
        .requireNoErrors().data("/farm/cows")));
    assertEquals(List.of("Zelda"), names(gql("query($id: ID!) { farm(id: $id) { cows { name } } }",
        Map.of("id", other)).requireNoErrors().data("/farm/cows")));
    Map<String, AttributeValue> item = items("NODE#" + cow).get(0);
    assertEquals("Cow#" + other, item.get("PK02").s());
    assertTrue(item.get("SK02").s().startsWith("1zelda"), item.get("SK02").s());
  }

  @Test
  void updatesCannotNullARequiredFieldAndNullingAnOptionalOneRemovesIt() {
    String farm = createFarm("Null Farm");
    String img = gql("mutation { createImage(input: {url: \"https://x/n.png\"}) { id } }", Map.of())
        .requireNoErrors().data("/createImage/id").asText();
    GraphQLResponse bad = gql("mutation($id: ID!) { updateFarm(input: {id: $id, name: null}) { id } }",
        Map.of("id", farm));
    assertEquals("BadRequest", bad.firstError().path("errorType").asText(), bad.toString());
    assertEquals(1, items("Farm#name#null farm").size());
    gql("mutation($id: ID!, $l: ID) { updateFarm(input: {id: $id, logoId: $l}) { id } }",
        Map.of("id", farm, "l", img)).requireNoErrors();
    java.util.HashMap<String, Object> vars = new java.util.HashMap<>();
    vars.put("id", farm);
    vars.put("l", null);
    gql("mutation($id: ID!, $l: ID) { updateFarm(input: {id: $id, logoId: $l}) { logo { id } } }", vars)
        .requireNoErrors();
    Map<String, AttributeValue> node = items("NODE#" + farm).get(0);
    assertTrue(node.get("logoId") == null, node.toString());
    assertEquals("Null Farm", node.get("name").s());
  }

  @Test
  void deleteRemovesTheNodeAndItsUniqueItems() {
    String farm = createFarm("Doomed Farm");
    assertEquals("Doomed Farm", gql("mutation($id: ID!) { deleteFarm(id: $id) { name } }", Map.of("id", farm))
        .requireNoErrors().data("/deleteFarm/name").asText());
    assertTrue(items("Farm#name#doomed farm").isEmpty());
    assertTrue(items("NODE#" + farm).isEmpty());
    assertTrue(gql("mutation($id: ID!) { deleteFarm(id: $id) { name } }", Map.of("id", farm)).hasErrors());
    String cow = createCow(createFarm("Cowless Farm"), "Gone");
    gql("mutation($id: ID!) { deleteCow(id: $id) { id } }", Map.of("id", cow)).requireNoErrors();
    GraphQLResponse again = gql("mutation($id: ID!) { deleteCow(id: $id) { id } }", Map.of("id", cow));
    assertEquals("NotFound", again.firstError().path("errorType").asText(), again.toString());
  }

  @Test
  void eachSimpleOperationCostsOneRequest() {
    String farm = createFarm("Cost Farm");
    createCow(farm, "Cost Cow");
    backend.resetCounts();
    gql("query($id: ID!) { farm(id: $id) { id } }", Map.of("id", farm)).requireNoErrors();
    assertEquals(Map.of("GetItem", 1), backend.requestCounts());
    backend.resetCounts();
    gql("query { farmByName(name: \"COST FARM\") { id } }", Map.of()).requireNoErrors();
    assertEquals(Map.of("GetItem", 1), backend.requestCounts());
    backend.resetCounts();
    createCow(farm, "Another");
    assertEquals(Map.of("PutItem", 1), backend.requestCounts());
    backend.resetCounts();
    createFarm("Cost Farm Two");
    assertEquals(Map.of("TransactWriteItems", 1), backend.requestCounts());
    backend.resetCounts();
    gql("query($id: ID!) { farm(id: $id) { cows { name } } }", Map.of("id", farm)).requireNoErrors();
    assertEquals(Map.of("GetItem", 1, "Query", 1), backend.requestCounts());
  }

  @Test
  void writesAndRelationsCostWhatTheReadmeSays() {
    String farm = createFarm("Ledger Farm");
    String cow = createCow(farm, "Ledger Cow");
    String img = gql("mutation { createImage(input: {url: \"https://x/l.png\"}) { id } }", Map.of())
        .requireNoErrors().data("/createImage/id").asText();
    assertCost(Map.of("GetItem", 1, "PutItem", 1),
        "mutation($id: ID!) { updateCow(input: {id: $id, name: \"Renamed\"}) { id } }", Map.of("id", cow));
    assertCost(Map.of("GetItem", 1, "TransactWriteItems", 1),
        "mutation($id: ID!, $g: [ID!]) { updateFarm(input: {id: $id, galleryIds: $g}) { id } }",
        Map.of("id", farm, "g", List.of(img, img)));
    assertCost(Map.of("GetItem", 2), "query($id: ID!) { getCow(id: $id) { farm { id } } }", Map.of("id", cow));
    assertCost(Map.of("GetItem", 1, "BatchGetItem", 1), "query($id: ID!) { farm(id: $id) { gallery { id } } }",
        Map.of("id", farm));
    assertCost(Map.of("DeleteItem", 1), "mutation($id: ID!) { deleteCow(id: $id) { id } }", Map.of("id", cow));
    assertCost(Map.of("GetItem", 1, "TransactWriteItems", 1), "mutation($id: ID!) { deleteFarm(id: $id) { id } }",
        Map.of("id", farm));
  }

  private static void assertCost(Map<String, Integer> expected, String query, Map<String, Object> vars) {
    backend.resetCounts();
    gql(query, vars).requireNoErrors();
    assertEquals(expected, backend.requestCounts(), query);
  }

  private static List<String> names(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.path("name").asText()));
    return out;
  }
}
