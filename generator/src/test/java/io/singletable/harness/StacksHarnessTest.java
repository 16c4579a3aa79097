package io.singletable.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.harness.AppSyncSimulator.Stack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The harness runs a backend split over nested stacks and group stacks ({@code harness-stacks}):
 * every resolver, wherever it is declared, answers real GraphQL requests against DynamoDB Local,
 * and pipeline functions passed between stacks (as parameters and as exports) are the right ones.
 */
@Tag("simulator")
class StacksHarnessTest {

  private static final String ROOT = AppSyncSimulator.ROOT_STACK_NAME;
  private static Backend backend;

  @BeforeAll
  static void startBackend() {
    backend = Backend.start(StacksFixture.outputDir());
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
  void loadsTheRootItsNestedStacksThenTheGroupStacksInNameOrder() {
    assertEquals(List.of(
        new Stack(ROOT, "template.yaml", null, 2),
        new Stack(ROOT + "-Resolvers01", "stacks/resolvers-01.yaml", ROOT, 3),
        new Stack(ROOT + "-Resolvers01-Inner", "stacks/inner/resolvers-01a.yaml", ROOT + "-Resolvers01", 1),
        new Stack(ROOT + "-group-01", "stacks/group-01.yaml", null, 0),
        new Stack(ROOT + "-group-01-Resolvers02", "stacks/resolvers-02.yaml", ROOT + "-group-01", 2),
        new Stack(ROOT + "-group-02", "stacks/group-02.yaml", null, 0),
        new Stack(ROOT + "-group-02-Resolvers03", "stacks/resolvers-03.yaml", ROOT + "-group-02", 2)),
        backend.simulator().stacks());
    assertEquals(10, backend.simulator().resolverCount());
  }

  @Test
  void unitResolverOfANestedStackReadsWhatTheRootsResolverWrote() {
    put("u1", "Pump");
    assertEquals("Pump", backend.graphql("{ getThing(id: \"u1\") { id name } }").requireNoErrors().data("/getThing/name").asText());
    assertEquals(Map.of("PutItem", 1, "GetItem", 1), backend.requestCounts());
    assertEquals(backend.tableName(), backend.graphql("{ tableName }").requireNoErrors().data("/tableName").asText(),
        "$ctx.env of the root's API");
  }

  @Test
  void pipelineResolverOfANestedStackRunsTheRootsFunctionPassedAsParameter() {
    put("p1", "Valve");
    assertEquals("Valve", backend.graphql("{ getThingPipeline(id: \"p1\") { name } }").requireNoErrors()
        .data("/getThingPipeline/name").asText());
    assertEquals("Valve", backend.graphql("{ getThingDeep(id: \"p1\") { name } }").requireNoErrors()
        .data("/getThingDeep/name").asText(), "passed down two nested stacks");
    assertEquals(Map.of("PutItem", 1, "GetItem", 2), backend.requestCounts());
  }

  @Test
  void aNestedStacksFunctionWithTheLogicalIdOfARootFunctionIsItsOwn() {
    put("l1", "Gate");
    assertEquals("local:Gate", backend.graphql("{ getThingLocal(id: \"l1\") { name } }").requireNoErrors()
        .data("/getThingLocal/name").asText(), "the nested stack's ReadItemFunction");
    assertEquals("Gate", backend.graphql("{ getThingPipeline(id: \"l1\") { name } }").requireNoErrors()
        .data("/getThingPipeline/name").asText(), "the root's ReadItemFunction, by parameter, in the same stack");
    assertEquals("local:Gate", backend.graphql("{ getThingLocalGrouped(id: \"l1\") { name } }").requireNoErrors()
        .data("/getThingLocalGrouped/name").asText(), "the nested stack's ReadItemFunction, its output exported by the root");
  }

  @Test
  void groupStacksRunTheRootsFunctionsAndDataSourceThroughItsExports() {
    put("g1", "Pipe");
    assertEquals("Pipe", backend.graphql("{ getThingGrouped(id: \"g1\") { name } }").requireNoErrors()
        .data("/getThingGrouped/name").asText());
    assertEquals("Tube", backend.graphql("mutation { renameThing(id: \"g1\", name: \"Tube\") { name } }").requireNoErrors()
        .data("/renameThing/name").asText());
    assertEquals("Tube", item("NODE#g1").get("name").s());
    assertEquals("DynamoDB:ConditionalCheckFailedException",
        backend.graphql("mutation { renameThing(id: \"g-missing\", name: \"x\") { name } }").firstError().path("errorType").asText(),
        "the UpdateItemFunction's condition");
    assertEquals("Tube", backend.graphql("mutation { deleteThing(id: \"g1\") { name } }").requireNoErrors()
        .data("/deleteThing/name").asText(), "group-02's resolver on the imported data source");
    assertTrue(backend.scan().stream().noneMatch(i -> i.get("PK").s().equals("NODE#g1")));
    assertEquals(Map.of("PutItem", 1, "GetItem", 2, "UpdateItem", 2, "DeleteItem", 1), backend.requestCounts());
  }

  private static void put(String id, String name) {
    backend.graphql("mutation($id: ID!, $name: String!) { putThing(id: $id, name: $name) { id } }", Map.of("id", id, "name", name))
        .requireNoErrors();
  }

  private static Map<String, AttributeValue> item(String pk) {
    return backend.dynamoDbClient()
        .getItem(r -> r.tableName(backend.tableName()).key(Map.of("PK", AttributeValue.fromS(pk))).consistentRead(true))
        .item();
  }
}
