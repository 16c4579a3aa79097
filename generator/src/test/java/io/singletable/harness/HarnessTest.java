package io.singletable.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The execution harness runs the hand-made backend in {@code harness-fixture} for real: every
 * check goes through GraphQL over HTTP to the AppSync simulator, and looks at DynamoDB Local from
 * here. Each test uses its own ids, so they share one backend.
 */
@Tag("simulator")
class HarnessTest {

  private static Backend backend;

  @BeforeAll
  static void startBackend() {
    backend = Backend.start(HarnessFixture.outputDir());
    System.out.printf("harness: DynamoDB Local started in %d ms, AppSync simulator in %d ms%n",
        backend.dynamoDb().startupMillis(), backend.simulator().startupMillis());
  }

  @AfterAll
  static void stopBackend() {
    if (backend != null) {
      backend.close();
    }
  }

  @BeforeEach
  void resetCounts() {
    backend.resetCounts();
  }

  @Test
  void putItemThenGetItem() {
    GraphQLResponse put = backend.graphql("mutation($id: ID!, $name: String!) { putThing(id: $id, name: $name) { id name } }",
        Map.of("id", "p1", "name", "Pump")).requireNoErrors();
    assertEquals("Pump", put.data("/putThing/name").asText());

    GraphQLResponse get = backend.graphql("query($id: ID!) { getThing(id: $id) { id name } }", Map.of("id", "p1")).requireNoErrors();
    assertEquals("p1", get.data("/getThing/id").asText());
    assertEquals("Pump", get.data("/getThing/name").asText());
    assertEquals(Map.of("PutItem", 1, "GetItem", 1), backend.requestCounts());

    Map<String, AttributeValue> stored = item("NODE#p1");
    assertEquals("Thing", stored.get("__typename").s());
    assertEquals("Pump", stored.get("name").s());
  }

  @Test
  void putItemWithFailedConditionSucceedsWhenTheItemIsTheSameAndOtherwiseReturnsTheCurrentItem() {
    String put = "mutation($name: String!) { putThing(id: \"p2\", name: $name) { id name } }";
    backend.graphql(put, Map.of("name", "Valve")).requireNoErrors();
    backend.resetCounts();

    GraphQLResponse same = backend.graphql(put, Map.of("name", "Valve")).requireNoErrors();
    assertEquals("Valve", same.data("/putThing/name").asText());
    assertEquals(Map.of("PutItem", 1, "GetItem", 1), backend.requestCounts(), "AppSync reads the current item after a failed condition");

    GraphQLResponse other = backend.graphql(put, Map.of("name", "Gate"));
    JsonNode error = other.firstError();
    assertEquals("DynamoDB:ConditionalCheckFailedException", error.path("errorType").asText());
    assertTrue(error.path("message").asText().startsWith("The conditional request failed (Service: DynamoDb, Status Code: 400"), error.toString());
    assertEquals("Valve", error.path("data").path("name").asText(), "$ctx.result holds the current item");
    assertEquals("Valve", item("NODE#p2").get("name").s());
  }

  @Test
  void transactWriteItemsCreatesNodeAndUniqueItemAndReportsCancellationReasonsInResult() {
    String create = "mutation($name: String!) { createThing(name: $name) { thing { id name } keys cancellationReasons { type message itemPK } } }";
    GraphQLResponse created = backend.graphql(create, Map.of("name", "Widget")).requireNoErrors();
    String id = created.data("/createThing/thing/id").asText();
    assertEquals(List.of("NODE#" + id, "Thing#name#widget"), texts(created.data("/createThing/keys")));
    assertTrue(created.data("/createThing/cancellationReasons").isEmpty());
    assertEquals("Widget", item("NODE#" + id).get("name").s());
    assertEquals(id, item("Thing#name#widget").get("id").s());
    assertEquals(Map.of("TransactWriteItems", 1), backend.requestCounts());

    int itemsBefore = backend.scan().size();
    GraphQLResponse duplicate = backend.graphql(create, Map.of("name", "WIDGET"));
    JsonNode error = duplicate.firstError();
    assertEquals("DynamoDB:TransactionCanceledException", error.path("errorType").asText());
    assertTrue(error.path("message").asText().contains("[None, ConditionalCheckFailed]"), error.toString());
    JsonNode reasons = duplicate.data("/createThing/cancellationReasons");
    assertEquals(2, reasons.size(), duplicate.toString());
    assertEquals("None", reasons.get(0).path("type").asText());
    assertEquals("None", reasons.get(0).path("message").asText());
    assertTrue(reasons.get(0).path("itemPK").isNull());
    assertEquals("ConditionalCheckFailed", reasons.get(1).path("type").asText());
    assertEquals("The conditional request failed", reasons.get(1).path("message").asText());
    assertEquals("Thing#name#widget", reasons.get(1).path("itemPK").asText(), "the current item is returned by default");
    assertTrue(duplicate.data("/createThing/keys").isEmpty(), "keys is null in $ctx.result");
    assertTrue(duplicate.data("/createThing/thing").isNull());
    assertEquals(itemsBefore, backend.scan().size(), "nothing of a cancelled transaction is written");
  }

  @Test
  void transactGetItemsReturnsItemsInRequestOrderWithNullForMissing() {
    putDirectly("g1", "Thing", "First");
    putDirectly("g2", "Thing", "Second");
    GraphQLResponse response = backend.graphql("query($ids: [ID!]!) { getThingsTx(ids: $ids) { id name } }",
        Map.of("ids", List.of("g2", "g-missing", "g1"))).requireNoErrors();
    JsonNode things = response.data("/getThingsTx");
    assertEquals("g2", things.get(0).path("id").asText());
    assertTrue(things.get(1).isNull());
    assertEquals("First", things.get(2).path("name").asText());
    assertEquals(Map.of("TransactGetItems", 1), backend.requestCounts());
  }

  @Test
  void batchGetItemReturnsItemsInKeyOrderWithNullForMissingAndNoUnprocessedKeys() {
    putDirectly("b1", "Thing", "One");
    putDirectly("b2", "Thing", "Two");
    putDirectly("b3", "Thing", "Three");
    GraphQLResponse response = backend.graphql("query($ids: [ID!]!) { getThingsBatch(ids: $ids) { items { id name } unprocessedCount } }",
        Map.of("ids", List.of("b3", "b1", "b-missing", "b2"))).requireNoErrors();
    JsonNode items = response.data("/getThingsBatch/items");
    assertEquals(4, items.size());
    assertEquals("b3", items.get(0).path("id").asText());
    assertEquals("b1", items.get(1).path("id").asText());
    assertTrue(items.get(2).isNull());
    assertEquals("Two", items.get(3).path("name").asText());
    assertEquals(0, response.data("/getThingsBatch/unprocessedCount").asInt());
    assertEquals(Map.of("BatchGetItem", 1), backend.requestCounts());
  }

  @Test
  void deleteItemOfMissingItemReturnsNullWithoutError() {
    GraphQLResponse missing = backend.graphql("mutation { deleteThing(id: \"d-missing\") { id } }").requireNoErrors();
    assertTrue(missing.data("/deleteThing").isNull());

    putDirectly("d1", "Thing", "Doomed");
    GraphQLResponse deleted = backend.graphql("mutation { deleteThing(id: \"d1\") { id name } }").requireNoErrors();
    assertEquals("Doomed", deleted.data("/deleteThing/name").asText());
    assertTrue(backend.scan().stream().noneMatch(i -> i.get("PK").s().equals("NODE#d1")));
    assertEquals(Map.of("DeleteItem", 2), backend.requestCounts());
  }

  @Test
  void conditionalDeleteAndUpdateFollowAppSyncConditionFailureHandling() {
    GraphQLResponse gone = backend.graphql("mutation { deleteThingChecked(id: \"c-missing\") { id } }").requireNoErrors();
    assertTrue(gone.data("/deleteThingChecked").isNull(), "AppSync treats a failed delete of a missing item as done");
    assertEquals(Map.of("DeleteItem", 1, "GetItem", 1), backend.requestCounts());

    putDirectly("c1", "Other", "Not a thing");
    JsonNode refused = backend.graphql("mutation { deleteThingChecked(id: \"c1\") { id name } }").firstError();
    assertEquals("DynamoDB:ConditionalCheckFailedException", refused.path("errorType").asText());
    assertEquals("Not a thing", refused.path("data").path("name").asText());
    assertEquals("Other", item("NODE#c1").get("__typename").s());

    JsonNode missingUpdate = backend.graphql("mutation { renameThing(id: \"c-missing\", name: \"x\") { id } }").firstError();
    assertEquals("DynamoDB:ConditionalCheckFailedException", missingUpdate.path("errorType").asText());
    assertTrue(missingUpdate.path("data").isNull());
    assertTrue(backend.scan().stream().noneMatch(i -> i.get("PK").s().equals("NODE#c-missing")), "no half item");

    putDirectly("c2", "Thing", "Old");
    GraphQLResponse renamed = backend.graphql("mutation { renameThing(id: \"c2\", name: \"New\") { id name } }").requireNoErrors();
    assertEquals("New", renamed.data("/renameThing/name").asText());
    assertEquals("New", item("NODE#c2").get("name").s());
  }

  @Test
  void pipelineResolverRunsItsFunctionWithTheStashAndGivesItTheResultOfAFailedCondition() {
    String put = "mutation($name: String!) { putThingPipeline(id: \"pl1\", name: $name) { id name } }";
    assertEquals("Pipe", backend.graphql(put, Map.of("name", "Pipe")).requireNoErrors().data("/putThingPipeline/name").asText());
    assertEquals("Thing", item("NODE#pl1").get("__typename").s(), "the before template's stash reaches the function");

    JsonNode error = backend.graphql(put, Map.of("name", "Other")).firstError();
    assertEquals("DynamoDB:ConditionalCheckFailedException", error.path("errorType").asText());
    assertEquals("Pipe", error.path("data").path("name").asText());
    assertEquals(Map.of("PutItem", 2, "GetItem", 1), backend.requestCounts());
  }

  @Test
  void errorDataOfANestedResolverHoldsTheSelectedFields() {
    putDirectly("n1", "Thing", "Nested");
    GraphQLResponse response = backend.graphql("{ getThing(id: \"n1\") { name shadow { id } } }");
    assertEquals("Nested", response.data("/getThing/name").asText());
    assertTrue(response.data("/getThing/shadow").isNull());
    JsonNode error = response.firstError();
    assertEquals("Shadow", error.path("errorType").asText());
    assertEquals("{\"id\":\"n1\"}", error.path("data").toString());
    assertEquals(List.of("getThing", "shadow"), texts(error.path("path")));
  }

  @Test
  void ctxEnvHoldsTheApiEnvironmentWithTheTableName() {
    GraphQLResponse response = backend.graphql("{ tableName }").requireNoErrors();
    assertEquals(backend.tableName(), response.data("/tableName").asText());
    assertEquals(Map.of(), backend.requestCounts(), "a NONE data source makes no DynamoDB request");
  }

  @Test
  void utilAutoKsuidReturnsTimeOrderedKsuids() {
    String first = backend.graphql("{ newKsuid }").requireNoErrors().data("/newKsuid").asText();
    String second = backend.graphql("{ newKsuid }").requireNoErrors().data("/newKsuid").asText();
    assertNotEquals(first, second);
    for (String ksuid : List.of(first, second)) {
      assertTrue(ksuid.matches("[0-9A-Za-z]{27}"), ksuid);
      Instant time = ksuidTime(ksuid);
      assertTrue(Duration.between(time, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) < 0, ksuid + " is from " + time);
    }
  }

  @Test
  void stashWrittenByTheRequestTemplateIsReadByTheResponseTemplate() {
    GraphQLResponse response = backend.graphql("query($v: String!) { stashEcho(value: $v) }", Map.of("v", "kept")).requireNoErrors();
    assertEquals("kept", response.data("/stashEcho").asText());
  }

  @Test
  void requestCountsStartEmptyAfterReset() {
    backend.graphql("{ getThing(id: \"r1\") { id } }").requireNoErrors();
    assertEquals(Map.of("GetItem", 1), backend.requestCounts());
    backend.resetCounts();
    assertEquals(Map.of(), backend.requestCounts());
  }

  @Test
  void listensOnLoopbackOnly() {
    assertEquals("127.0.0.1", backend.simulator().url().getHost());
    assertEquals("127.0.0.1", backend.dynamoDb().endpoint().getHost());
  }

  private static Map<String, AttributeValue> item(String pk) {
    Map<String, AttributeValue> item = backend.dynamoDbClient()
        .getItem(r -> r.tableName(backend.tableName()).key(Map.of("PK", AttributeValue.fromS(pk))).consistentRead(true))
        .item();
    assertFalse(item == null || item.isEmpty(), "no item " + pk);
    return item;
  }

  private static void putDirectly(String id, String typename, String name) {
    backend.dynamoDbClient().putItem(r -> r.tableName(backend.tableName()).item(Map.of(
        "PK", AttributeValue.fromS("NODE#" + id),
        "__typename", AttributeValue.fromS(typename),
        "id", AttributeValue.fromS(id),
        "name", AttributeValue.fromS(name))));
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  /** The timestamp of a KSUID: its first 4 bytes, seconds since 1400000000 (2014-05-13T16:53:20Z). */
  private static Instant ksuidTime(String ksuid) {
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    BigInteger value = BigInteger.ZERO;
    for (char c : ksuid.toCharArray()) {
      value = value.multiply(BigInteger.valueOf(62)).add(BigInteger.valueOf(alphabet.indexOf(c)));
    }
    long seconds = value.shiftRight(128).longValueExact();
    return Instant.ofEpochSecond(1_400_000_000L + seconds);
  }
}
