package io.singletable.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.model.Authentication;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated template and deployable schema of a schema whose {@code @auth} rules name three providers, served
 * by the simulator as generated: the API admits the default (user pools) and the additional providers (IAM, the
 * API key), and AppSync's own check, from the {@code @aws_*} directives, keeps every caller off the types and root
 * fields no rule of theirs reaches, before any resolver runs. What the rules allow of an admitted caller is the
 * resolvers' (other tests).
 */
@Tag("simulator")
class AuthProvidersHarnessTest {
  static final String SCHEMA = """
      type Board @model @auth(rules: [
        { allow: owner },
        { allow: private, provider: iam, operations: [read] },
        { allow: public, operations: [read] }
      ]) {
        id: ID!
        owner: String
        title: String
        notes: [Note] @hasMany(field: "boardId")
      }
      type Note @model @auth(rules: [{ allow: owner }]) {
        id: ID!
        owner: String
        boardId: ID
        text: String
      }
      type Tag @model {
        id: ID!
        label: String
      }
      """;

  @TempDir
  static Path dir;
  private static Backend backend;

  @BeforeAll
  static void start() throws IOException {
    backend = Backend.generate(dir, SCHEMA, Authentication.AMAZON_COGNITO_USER_POOLS);
  }

  @AfterAll
  static void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void theApiAdmitsTheDefaultAndEveryProviderTheRulesName() {
    assertEquals(List.of("AMAZON_COGNITO_USER_POOLS", "AWS_IAM", "API_KEY"), backend.simulator().authenticationTypes());
    assertEquals(List.of(Caller.USER_POOL_ISSUER), backend.simulator().userPoolIssuers());
  }

  @Test
  void callersOfProvidersNoRuleOfTheTypeNamesAreRefusedByAppSync() {
    for (Caller caller : List.of(Caller.apiKey(), Caller.iam(true))) {
      assertRefusedByAppSync(backend.graphql(caller, "{ getNote(id: \"n1\") { id } }"), "getNote", "Query");
      GraphQLResponse create = backend.graphql(caller,
          "mutation { createNote(input: {text: \"x\", owner: \"alice\"}) { id } }");
      assertRefusedByAppSync(create, "createNote", "Mutation");
    }
    assertTrue(backend.scan().stream().noneMatch(i -> i.get("__typename").s().equals("Note")), "nothing written");
  }

  @Test
  void callersOfEveryProviderTheRulesNameReachTheTypeAndOpenTypesAdmitEveryProvider() {
    Caller alice = Caller.user("alice");
    for (Caller caller : List.of(alice, Caller.apiKey(), Caller.iam(true))) {
      assertNotRefusedByAppSync(backend.graphql(caller, "{ getBoard(id: \"none\") { id title } }"));
      assertNotRefusedByAppSync(backend.graphql(caller, "{ getTag(id: \"none\") { id label } }"));
    }
    assertNotRefusedByAppSync(backend.graphql(alice, "{ getNote(id: \"none\") { id } }"));
  }

  @Test
  void aCallerAdmittedToAParentDoesNotReadChildrenOfATypeItsProviderDoesNotReach() {
    Caller alice = Caller.user("alice");
    GraphQLResponse board = backend.graphql(alice,
        "mutation { createBoard(input: {title: \"b\", owner: \"alice\"}) { id } }");
    assertNotRefusedByAppSync(board);
    String boardId = board.data("/createBoard/id").asText();
    assertFalse(boardId.isEmpty(), board.toString());
    GraphQLResponse note = backend.graphql(alice, "mutation($b: ID) { createNote(input: {boardId: $b, text: \"n\", owner: \"alice\"}) { id } }",
        Map.of("b", boardId));
    assertNotRefusedByAppSync(note);
    String query = "query($id: ID!) { getBoard(id: $id) { id notes { id text } } }";
    GraphQLResponse own = backend.graphql(alice, query, Map.of("id", boardId)).requireNoErrors();
    assertEquals(1, own.data("/getBoard/notes").size(), own.toString());
    GraphQLResponse public_ = backend.graphql(Caller.apiKey(), query, Map.of("id", boardId));
    JsonNode notes = public_.data("/getBoard/notes");
    for (JsonNode n : notes) {
      assertTrue(n.isNull() || n.path("text").isNull(), "an API-key caller reads no note: " + public_);
    }
  }

  @Test
  void theResolversApplyEachProvidersRules() {
    Caller alice = Caller.user("alice-sub");
    String id = backend.graphql(alice, "mutation { createBoard(input: {title: \"rules\"}) { id owner } }")
        .requireNoErrors().data("/createBoard/id").asText();
    String get = "query($id: ID!) { getBoard(id: $id) { title } }";
    // public (API key) and private (IAM) rules read
    assertEquals("rules", backend.graphql(Caller.apiKey(), get, Map.of("id", id)).requireNoErrors()
        .data("/getBoard/title").asText());
    assertEquals("rules", backend.graphql(Caller.iam(true), get, Map.of("id", id)).requireNoErrors()
        .data("/getBoard/title").asText());
    // an unauthenticated identity-pool caller is IAM but not signed in: no rule admits it
    GraphQLResponse guest = backend.graphql(Caller.iam(false), get, Map.of("id", id));
    assertTrue(guest.data("/getBoard").isNull(), guest.toString());
    assertEquals("Unauthorized", guest.firstError().path("errorType").asText(), guest.toString());
    // AppSync admits an API-key caller to createBoard (Board's providers), the resolver refuses it: read-only
    GraphQLResponse write = backend.graphql(Caller.apiKey(), "mutation { createBoard(input: {title: \"x\"}) { id } }");
    assertEquals("Unauthorized", write.firstError().path("errorType").asText(), write.toString());
    GraphQLResponse update = backend.graphql(Caller.iam(true), "mutation($id: ID!) { updateBoard(input: {id: $id, title: \"y\"}) { id } }",
        Map.of("id", id));
    assertEquals("Unauthorized", update.firstError().path("errorType").asText(), update.toString());
    assertEquals("rules", backend.graphql(alice, get, Map.of("id", id)).requireNoErrors().data("/getBoard/title").asText());
  }

  private static void assertRefusedByAppSync(GraphQLResponse response, String field, String type) {
    assertTrue(response.hasErrors(), response.toString());
    JsonNode error = response.firstError();
    assertEquals("Unauthorized", error.path("errorType").asText(), response.toString());
    assertEquals("Not Authorized to access " + field + " on type " + type, error.path("message").asText(),
        response.toString());
    assertTrue(response.data("/" + field).isNull() || response.data("/" + field).isMissingNode(), response.toString());
  }

  private static void assertNotRefusedByAppSync(GraphQLResponse response) {
    for (JsonNode e : response.errors()) {
      assertFalse(e.path("message").asText().startsWith("Not Authorized to access"), response.toString());
    }
  }
}
