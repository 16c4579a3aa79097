package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.harness.Backend;
import io.singletable.harness.Caller;
import io.singletable.harness.RealtimeSubscription;
import io.singletable.model.Authentication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §2.5 for real: subscriptions received over the simulator's real-time endpoint (AppSync's protocol, a Java
 * WebSocket client), against DynamoDB Local. Filters are set by the generated subscription resolvers
 * ({@code $extensions.setSubscriptionFilter}) and applied by the harness as AppSync applies them (the stock simulator
 * does not filter). A subscription that must not receive an event is checked after a later event it must receive has
 * arrived: events of one subscription arrive in order.
 */
@Tag("simulator")
class SubscriptionScenarioTest {
  static final String SCHEMA = """
      enum Status { DRAFT PUBLISHED }
      type Post @model { id: ID! title: String! status: Status views: Int }
      type Note @model @auth(rules: [{allow: owner}, {allow: groups, groups: ["Admin"], operations: [read]}]) {
        id: ID!
        text: String
        owner: String
      }
      type Quiet @model(subscriptions: false) { id: ID! }
      type Feed @model @auth(rules: [{allow: public, provider: iam, operations: [read]}, {allow: owner}]) {
        id: ID!
        text: String
        owner: String
      }
      """;

  @TempDir
  static Path dir;
  static Backend backend;
  static final Caller ALICE = Caller.user("alice");
  static final Caller BOB = Caller.user("bob");
  static final Caller ADMIN = Caller.user("root", "Admin");

  @BeforeAll
  static void start() throws Exception {
    backend = Backend.generate(dir, SCHEMA, Authentication.AMAZON_COGNITO_USER_POOLS);
  }

  @AfterAll
  static void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  private static RealtimeSubscription subscribe(Caller caller, String query) {
    RealtimeSubscription s = backend.subscribe(caller, query, Map.of());
    assertNull(s.refusal(), () -> "refused: " + s.refusal());
    return s;
  }

  private static String createPost(String title, String status, int views) {
    return backend.graphql(ALICE, "mutation($i: CreatePostInput!) { createPost(input: $i) { id title status views } }",
        Map.of("i", Map.of("title", title, "status", status, "views", views))).requireNoErrors()
        .data("/createPost/id").asText();
  }

  private static List<String> values(List<JsonNode> events, String field, String name) {
    List<String> out = new ArrayList<>();
    events.forEach(e -> out.add(e.path("data").path(field).path(name).asText()));
    return out;
  }

  @Test
  void onCreateWithAndWithoutFiltersGetsExactlyTheMatchingItemsWithTheFieldsSelected() {
    try (RealtimeSubscription all = subscribe(ALICE, "subscription { onCreatePost { id title status } }");
        RealtimeSubscription published = subscribe(BOB,
            "subscription { onCreatePost(status: PUBLISHED) { title } }");
        RealtimeSubscription fives = subscribe(BOB, "subscription { onCreatePost(views: 5, status: DRAFT) { title } }")) {
      String a = createPost("a", "DRAFT", 5);
      createPost("b", "PUBLISHED", 5);
      createPost("c", "DRAFT", 6);
      createPost("d", "PUBLISHED", 6);
      createPost("e", "DRAFT", 5);
      List<JsonNode> events = all.await(5);
      assertEquals(List.of("a", "b", "c", "d", "e"), values(events, "onCreatePost", "title"));
      JsonNode first = events.get(0).path("data").path("onCreatePost");
      assertEquals(a, first.path("id").asText());
      assertEquals("DRAFT", first.path("status").asText());
      assertEquals(List.of("id", "title", "status"), fieldNames(first), "the fields the subscriber selected");
      assertEquals(List.of("b", "d"), values(published.await(2), "onCreatePost", "title"));
      assertEquals(List.of("a", "e"), values(fives.await(2), "onCreatePost", "title"),
          "filters on fields the subscriber does not select, ANDed");
      createPost("sentinel", "PUBLISHED", 5);
      all.await(6);
      assertEquals(List.of("b", "d", "sentinel"), values(published.await(3), "onCreatePost", "title"));
      assertEquals(2, fives.events().size(), fives.events().toString());
      assertEquals(List.of("title"), fieldNames(published.events().get(0).path("data").path("onCreatePost")));
    }
  }

  @Test
  void subscribersSeeWhatTheMutationSelectedAndFiltersMatchOnlyThat() {
    String create = "mutation($i: CreatePostInput!) { createPost(input: $i) { %s } }";
    try (RealtimeSubscription all = subscribe(ALICE, "subscription { onCreatePost { id title views } }");
        RealtimeSubscription drafts = subscribe(ALICE, "subscription { onCreatePost(status: DRAFT) { id } }")) {
      backend.graphql(ALICE, create.formatted("id title"),
          Map.of("i", Map.of("title", "t1", "status", "DRAFT", "views", 7))).requireNoErrors();
      String second = backend.graphql(ALICE, create.formatted("id status"),
          Map.of("i", Map.of("title", "t2", "status", "DRAFT", "views", 8))).requireNoErrors()
          .data("/createPost/id").asText();
      List<JsonNode> events = all.await(2);
      JsonNode first = events.get(0).path("data").path("onCreatePost");
      assertEquals("t1", first.path("title").asText());
      assertTrue(first.path("views").isNull(), "views was not selected by the mutation: " + first);
      assertEquals("Cannot return null for non-nullable field Post.title.",
          events.get(1).path("errors").path(0).path("message").asText(), "title: String! was not selected: " + events);
      List<JsonNode> matched = drafts.await(1);
      assertEquals(1, matched.size(), "the first mutation did not select status: the filter cannot match it");
      assertEquals(second, matched.get(0).path("data").path("onCreatePost").path("id").asText());
    }
    try (RealtimeSubscription alice = subscribe(ALICE, "subscription { onCreateNote { id text } }")) {
      backend.graphql(ALICE, "mutation { createNote(input: {text: \"n1\"}) { id } }").requireNoErrors();
      backend.graphql(ALICE, "mutation { createNote(input: {text: \"n2\"}) { id owner } }").requireNoErrors();
      assertEquals(List.of("null"), values(alice.await(1), "onCreateNote", "text").stream()
          .map(t -> t.isEmpty() ? "null" : t).toList(), "without owner in the mutation's selection, no owner filter matches");
      assertEquals(1, alice.events().size());
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void onUpdateAndOnDeleteByIdOrUnfiltered() {
    String x = createPost("x", "DRAFT", 1);
    String y = createPost("y", "DRAFT", 1);
    try (RealtimeSubscription updatesOfX = backend.subscribe(ALICE,
            "subscription($id: ID) { onUpdatePost(id: $id) { id title } }", Map.of("id", x));
        RealtimeSubscription deletes = subscribe(ALICE, "subscription { onDeletePost { id title } }");
        RealtimeSubscription creates = subscribe(ALICE, "subscription { onCreatePost(title: \"never\") { id } }")) {
      assertNull(updatesOfX.refusal());
      String update = "mutation($i: UpdatePostInput!) { updatePost(input: $i) { id title } }";
      backend.graphql(ALICE, update, Map.of("i", Map.of("id", y, "title", "y2"))).requireNoErrors();
      backend.graphql(ALICE, update, Map.of("i", Map.of("id", x, "title", "x2"))).requireNoErrors();
      backend.graphql(ALICE, update, Map.of("i", Map.of("id", x, "title", "x3"))).requireNoErrors();
      assertEquals(List.of("x2", "x3"), values(updatesOfX.await(2), "onUpdatePost", "title"));
      backend.graphql(ALICE, "mutation($id: ID!) { deletePost(id: $id) { id title } }", Map.of("id", y))
          .requireNoErrors();
      List<JsonNode> deleted = deletes.await(1);
      assertEquals(List.of(y), values(deleted, "onDeletePost", "id"));
      assertEquals(List.of("y2"), values(deleted, "onDeletePost", "title"), "the deleted item as it was");
      assertEquals(2, updatesOfX.events().size(), "no update of y, no delete");
      assertEquals(0, creates.events().size(), "no create event from updates and deletes");
    }
  }

  @Test
  void anOwnerReceivesItsOwnItemsOnlyAndAReaderOfAllEverything() {
    String create = "mutation($t: String) { createNote(input: {text: $t}) { id text owner } }";
    try (RealtimeSubscription alice = subscribe(ALICE, "subscription { onCreateNote { text owner } }");
        RealtimeSubscription bob = subscribe(BOB, "subscription { onCreateNote { text owner } }");
        RealtimeSubscription aliceAsksForBobs = subscribe(ALICE,
            "subscription { onCreateNote(owner: \"bob\") { text } }");
        RealtimeSubscription admin = subscribe(ADMIN, "subscription { onCreateNote { text owner } }")) {
      backend.graphql(ALICE, create, Map.of("t", "a1")).requireNoErrors();
      backend.graphql(BOB, create, Map.of("t", "b1")).requireNoErrors();
      backend.graphql(ALICE, create, Map.of("t", "a2")).requireNoErrors();
      backend.graphql(BOB, create, Map.of("t", "b2")).requireNoErrors();
      assertEquals(List.of("a1", "a2"), values(alice.await(2), "onCreateNote", "text"));
      assertEquals(List.of("alice", "alice"), values(alice.events(), "onCreateNote", "owner"));
      assertEquals(List.of("b1", "b2"), values(bob.await(2), "onCreateNote", "text"));
      assertEquals(List.of("a1", "b1", "a2", "b2"), values(admin.await(4), "onCreateNote", "text"));
      backend.graphql(ALICE, create, Map.of("t", "a3")).requireNoErrors();
      alice.await(3);
      assertEquals(List.of(), aliceAsksForBobs.events(), "an argument cannot widen what the rules allow");
      assertEquals(2, bob.events().size(), bob.events().toString());
    }
  }

  @Test
  void subscribingAndDeliveringCostNoDynamoDbRequest() {
    backend.resetCounts();
    try (RealtimeSubscription a = subscribe(ALICE, "subscription { onCreatePost(status: DRAFT) { id } }");
        RealtimeSubscription b = subscribe(BOB, "subscription { onCreatePost { id } }")) {
      assertEquals(Map.of(), backend.requestCounts(), "the subscription resolvers call no data source");
      createPost("free", "DRAFT", 0);
      a.await(1);
      b.await(1);
      assertEquals(Map.of("PutItem", 1), backend.requestCounts(), "the create only");
    }
  }

  @Test
  void theProvidersOfTheTypeMaySubscribeAndOnlyThey() {
    try (RealtimeSubscription iam = subscribe(Caller.iam(true), "subscription { onCreateFeed { text owner } }");
        RealtimeSubscription notes = backend.subscribe(Caller.iam(true), "subscription { onCreateNote { text } }",
            Map.of())) {
      assertNotNull(notes.refusal(), "Note has no IAM rule: onCreateNote carries @aws_cognito_user_pools only");
      assertTrue(notes.refusal().toString().contains("Not Authorized"), notes.refusal().toString());
      backend.graphql(ALICE, "mutation { createFeed(input: {text: \"f1\"}) { id text owner } }").requireNoErrors();
      assertEquals(List.of("f1"), values(iam.await(1), "onCreateFeed", "text"), "public reads over IAM: every item");
      assertEquals(List.of("alice"), values(iam.events(), "onCreateFeed", "owner"));
    }
  }

  @Test
  void aCallerNoReadRuleAdmitsIsRefusedAndSubscriptionsFalseHasNone() {
    try (RealtimeSubscription noSub = backend.subscribe(ALICE.withoutClaim("sub"),
        "subscription { onCreateNote { text } }", Map.of())) {
      JsonNode refusal = noSub.refusal();
      assertNotNull(refusal, "a token without the owner claim, not in Admin");
      assertTrue(refusal.toString().contains("Unauthorized"), refusal.toString());
    }
    try (RealtimeSubscription quiet = backend.subscribe(ALICE, "subscription { onCreateQuiet { id } }", Map.of())) {
      assertNotNull(quiet.refusal());
      assertTrue(quiet.refusal().toString().contains("onCreateQuiet"), quiet.refusal().toString());
    }
  }
}
