package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.harness.Backend;
import io.singletable.harness.Caller;
import io.singletable.harness.GraphQLResponse;
import io.singletable.model.Authentication;
import java.io.IOException;
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
 * {@code @auth} enforced by the generated resolvers (SPEC §2.4), called as Cognito users with real ID tokens over
 * the simulator: owners set on create and another owner refused, reads by rule on gets, unique lookups, relation
 * pages (items left out, same requests), {@code @belongsTo} and id lists (null), groups from the token and from
 * the item, and type confusion combined with ownership.
 */
@Tag("simulator")
class AuthScenarioTest {
  static final String SCHEMA = """
      type Post @model @auth(rules: [{ allow: owner }, { allow: private, operations: [read] }]) {
        id: ID!
        owner: String
        title: String! @unique
        draft: String @auth(rules: [{ allow: owner }])
        pinned: Boolean @auth(rules: [{ allow: groups, groups: ["Admin"], operations: [create, update, read] }, { allow: private, operations: [read] }])
        comments: [Comment] @hasMany(field: "postId")
        commentPage: CommentConnection @hasMany(field: "postId")
      }

      type Comment @model @auth(rules: [
          { allow: owner, ownerField: "authors" },
          { allow: groups, groups: ["Admin"] },
          { allow: groups, groupsField: "team", operations: [read] }
        ]) {
        id: ID!
        postId: ID
        authors: [String]
        team: String
        text: String
        post: Post @belongsTo(field: "postId")
      }

      type Tag @model @auth(rules: [{ allow: groups, groups: ["Admin"] }, { allow: private, operations: [create, read] }]) {
        id: ID!
        label: String
      }

      type Album @model {
        id: ID!
        coverIds: [ID]
        covers: [Comment] @belongsTo(field: "coverIds")
      }

      type Query {
        commentsOfTeam(team: String!): CommentConnection @list(by: ["team"])
      }
      """;

  private static final Caller ALICE = Caller.user("alice-sub");
  private static final Caller BOB = Caller.user("bob-sub");
  private static final Caller ADMIN = Caller.user("admin-sub", "Admin");
  private static final Caller EDITOR = Caller.user("editor-sub", "Editors");

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

  private static GraphQLResponse call(Caller caller, String query, Map<String, Object> variables) {
    return backend.graphql(caller, query, variables);
  }

  private static String createPost(Caller caller, Map<String, Object> input) {
    return call(caller, "mutation($i: CreatePostInput!) { createPost(input: $i) { id owner title } }",
        Map.of("i", input)).requireNoErrors().data("/createPost/id").asText();
  }

  private static void assertUnauthorized(GraphQLResponse r, String why) {
    assertTrue(r.hasErrors(), why + ": " + r);
    assertEquals("Unauthorized", r.firstError().path("errorType").asText(), why + ": " + r);
  }

  private static void assertUnauthorized(GraphQLResponse r) {
    assertTrue(r.hasErrors(), r.toString());
    assertEquals("Unauthorized", r.firstError().path("errorType").asText(), r.toString());
  }

  @Test
  void aCreateIsOwnedByItsCallerAndAnotherOwnerIsRefused() {
    GraphQLResponse created = call(ALICE, "mutation($i: CreatePostInput!) { createPost(input: $i) { id owner } }",
        Map.of("i", Map.of("title", "owned by alice")));
    assertEquals("alice-sub", created.requireNoErrors().data("/createPost/owner").asText());
    int before = backend.scan().size();
    assertUnauthorized(call(BOB, "mutation($i: CreatePostInput!) { createPost(input: $i) { id } }",
        Map.of("i", Map.of("title", "forged", "owner", "alice-sub"))));
    assertEquals(before, backend.scan().size(), "a refused create writes nothing");
    // the owner may name itself
    assertEquals("bob-sub", call(BOB, "mutation($i: CreatePostInput!) { createPost(input: $i) { owner } }",
        Map.of("i", Map.of("title", "bob names himself", "owner", "bob-sub"))).requireNoErrors()
        .data("/createPost/owner").asText());
  }

  @Test
  void aListOwnerFieldHoldsTheCallerAndSharesTheItem() {
    String post = createPost(ALICE, Map.of("title", "shared comments"));
    JsonNode c = call(ALICE, "mutation($i: CreateCommentInput!) { createComment(input: $i) { id authors } }",
        Map.of("i", Map.of("postId", post, "text", "mine"))).requireNoErrors().data("/createComment");
    assertEquals("[\"alice-sub\"]", c.get("authors").toString());
    String shared = call(ALICE, "mutation($i: CreateCommentInput!) { createComment(input: $i) { id } }",
        Map.of("i", Map.of("postId", post, "text", "ours", "authors", List.of("alice-sub", "bob-sub"))))
        .requireNoErrors().data("/createComment/id").asText();
    String query = "query($id: ID!) { getComment(id: $id) { id text } }";
    assertEquals("ours", call(BOB, query, Map.of("id", shared)).requireNoErrors().data("/getComment/text").asText());
    assertUnauthorized(call(BOB, query, Map.of("id", c.get("id").asText())));
    assertUnauthorized(call(BOB, "mutation($i: CreateCommentInput!) { createComment(input: $i) { id } }",
        Map.of("i", Map.of("postId", post, "authors", List.of("alice-sub")))));
  }

  @Test
  void getsAndUniqueLookupsAnswerUnauthorizedToCallersNoRuleAdmits() {
    String post = createPost(ALICE, Map.of("title", "readable by any user"));
    // private read: any signed-in user reads it, by id and by its unique title
    assertEquals(post, call(BOB, "query($id: ID!) { getPost(id: $id) { id } }", Map.of("id", post)).requireNoErrors()
        .data("/getPost/id").asText());
    assertEquals(post, call(BOB, "query($t: String!) { postByTitle(title: $t) { id } }",
        Map.of("t", "readable by any user")).requireNoErrors().data("/postByTitle/id").asText());
    String comment = call(ALICE, "mutation($i: CreateCommentInput!) { createComment(input: $i) { id } }",
        Map.of("i", Map.of("postId", post, "text", "alice only"))).requireNoErrors().data("/createComment/id").asText();
    GraphQLResponse refused = call(BOB, "query($id: ID!) { getComment(id: $id) { id text } }", Map.of("id", comment));
    assertUnauthorized(refused);
    assertTrue(refused.data("/getComment").isNull(), refused.toString());
    assertEquals("alice only", call(ADMIN, "query($id: ID!) { getComment(id: $id) { text } }", Map.of("id", comment))
        .requireNoErrors().data("/getComment/text").asText());
  }

  @Test
  void typeConfusionWithOwnershipReturnsNothingOfTheOtherType() {
    String post = createPost(ALICE, Map.of("title", "alice's post, not a comment"));
    // alice owns the post; asking for it as a Comment finds no Comment: null, no data of the post
    GraphQLResponse r = call(ALICE, "query($id: ID!) { getComment(id: $id) { id text } }", Map.of("id", post));
    assertTrue(r.data("/getComment").isNull(), r.toString());
  }

  @Test
  void relationPagesLeaveOutWhatTheCallerMayNotReadInTheSameRequests() {
    String post = createPost(ALICE, Map.of("title", "a thread"));
    List<String> ids = new ArrayList<>();
    for (Caller author : List.of(ALICE, BOB, ALICE, BOB)) {
      ids.add(call(author, "mutation($i: CreateCommentInput!) { createComment(input: $i) { id } }",
          Map.of("i", Map.of("postId", post, "text", "by " + author))).requireNoErrors().data("/createComment/id")
          .asText());
    }
    String teamComment = call(ADMIN, "mutation($i: CreateCommentInput!) { createComment(input: $i) { id } }",
        Map.of("i", Map.of("postId", post, "team", "Editors", "authors", List.of("admin-sub")))).requireNoErrors()
        .data("/createComment/id").asText();
    String page = "query($id: ID!) { getPost(id: $id) { comments { id } commentPage(limit: 100) { items { id } nextToken } } }";
    backend.resetCounts();
    JsonNode alice = call(ALICE, page, Map.of("id", post)).requireNoErrors().data("/getPost");
    Map<String, Integer> aliceRequests = backend.requestCounts();
    assertEquals(sorted(List.of(ids.get(0), ids.get(2))), idsOf(alice.get("comments")));
    assertEquals(sorted(List.of(ids.get(0), ids.get(2))), idsOf(alice.get("commentPage").get("items")));
    assertEquals(sorted(List.of(ids.get(1), ids.get(3))), idsOf(call(BOB, page, Map.of("id", post)).requireNoErrors()
        .data("/getPost/comments")));
    assertEquals(List.of(teamComment), idsOf(call(EDITOR, page, Map.of("id", post)).requireNoErrors()
        .data("/getPost/comments")), "groupsField: the item's team is the caller's group");
    List<String> all = new ArrayList<>(ids);
    all.add(teamComment);
    assertEquals(sorted(all), idsOf(call(ADMIN, page, Map.of("id", post)).requireNoErrors().data("/getPost/comments")));
    // an owner-only read of a relation costs what an open one costs: one GetItem, one Query per page
    assertEquals(Map.of("GetItem", 1, "Query", 2), aliceRequests, aliceRequests.toString());
  }

  @Test
  void belongsToAndIdListsAreNullForItemsTheCallerMayNotRead() {
    String post = createPost(ALICE, Map.of("title", "covers"));
    String alices = call(ALICE, "mutation($i: CreateCommentInput!) { createComment(input: $i) { id } }",
        Map.of("i", Map.of("postId", post, "text", "a"))).requireNoErrors().data("/createComment/id").asText();
    String bobs = call(BOB, "mutation($i: CreateCommentInput!) { createComment(input: $i) { id } }",
        Map.of("i", Map.of("postId", post, "text", "b"))).requireNoErrors().data("/createComment/id").asText();
    String album = call(BOB, "mutation($i: CreateAlbumInput!) { createAlbum(input: $i) { id } }",
        Map.of("i", Map.of("coverIds", List.of(alices, bobs)))).requireNoErrors().data("/createAlbum/id").asText();
    JsonNode covers = call(BOB, "query($id: ID!) { getAlbum(id: $id) { covers { id post { id } } } }",
        Map.of("id", album)).requireNoErrors().data("/getAlbum/covers");
    assertTrue(covers.get(0).isNull(), covers.toString());
    assertEquals(bobs, covers.get(1).get("id").asText());
    assertEquals(post, covers.get(1).get("post").get("id").asText(), "private read of the post");
    assertFalse(covers.toString().contains("\"a\""), covers.toString());
  }

  @Test
  void onlyOwnersUpdateAndDeleteAndOwnerFieldsStayTheirs() {
    String post = createPost(ALICE, Map.of("title", "alice edits this"));
    String update = "mutation($i: UpdatePostInput!) { updatePost(input: $i) { id title owner } }";
    String get = "query($id: ID!) { getPost(id: $id) { title owner } }";
    assertUnauthorized(call(BOB, update, Map.of("i", Map.of("id", post, "title", "bob was here"))));
    assertEquals("alice edits this", call(ALICE, get, Map.of("id", post)).requireNoErrors().data("/getPost/title").asText());
    assertEquals("edited", call(ALICE, update, Map.of("i", Map.of("id", post, "title", "edited"))).requireNoErrors()
        .data("/updatePost/title").asText());
    assertUnauthorized(call(ALICE, update, Map.of("i", Map.of("id", post, "owner", "bob-sub"))));
    assertEquals("alice-sub", call(ALICE, get, Map.of("id", post)).requireNoErrors().data("/getPost/owner").asText());
    // naming itself again is no change
    call(ALICE, update, Map.of("i", Map.of("id", post, "owner", "alice-sub", "title", "same owner"))).requireNoErrors();

    String delete = "mutation($id: ID!) { deletePost(id: $id) { id } }";
    assertUnauthorized(call(BOB, delete, Map.of("id", post)));
    assertEquals("same owner", call(ALICE, get, Map.of("id", post)).requireNoErrors().data("/getPost/title").asText());
    assertEquals(post, call(ALICE, delete, Map.of("id", post)).requireNoErrors().data("/deletePost/id").asText());
    assertTrue(call(ALICE, get, Map.of("id", post)).requireNoErrors().data("/getPost").isNull());
  }

  @Test
  void aGroupDeletesAnyCommentAndChangesItsAuthorsWhereAnAuthorCannot() {
    String post = createPost(ALICE, Map.of("title", "moderated"));
    String create = "mutation($i: CreateCommentInput!) { createComment(input: $i) { id } }";
    String first = call(BOB, create, Map.of("i", Map.of("postId", post, "text", "spam"))).requireNoErrors()
        .data("/createComment/id").asText();
    String update = "mutation($i: UpdateCommentInput!) { updateComment(input: $i) { authors } }";
    assertUnauthorized(call(BOB, update, Map.of("i", Map.of("id", first, "authors", List.of("bob-sub", "alice-sub")))));
    assertEquals("[\"admin-sub\"]", call(ADMIN, update, Map.of("i", Map.of("id", first, "authors", List.of("admin-sub"))))
        .requireNoErrors().data("/updateComment/authors").toString());
    String delete = "mutation($id: ID!) { deleteComment(id: $id) { id } }";
    assertUnauthorized(call(BOB, delete, Map.of("id", first)), "no longer an author");
    assertUnauthorized(call(ALICE, delete, Map.of("id", first)));
    assertEquals(first, call(ADMIN, delete, Map.of("id", first)).requireNoErrors().data("/deleteComment/id").asText());
    // a group change takes effect at once: the token says which groups the caller is in
    String second = call(BOB, create, Map.of("i", Map.of("postId", post, "text", "again"))).requireNoErrors()
        .data("/createComment/id").asText();
    assertUnauthorized(call(Caller.user("carol-sub"), delete, Map.of("id", second)));
    assertEquals(second, call(Caller.user("carol-sub", "Admin"), delete, Map.of("id", second)).requireNoErrors()
        .data("/deleteComment/id").asText());
  }

  /**
   * An author's updates and deletes racing an Admin who takes the comment away from it: every write is conditioned
   * on the item as the rules saw it, so none of the old author's writes lands after the change. Each of its calls
   * either succeeded while it was an author, was refused ({@code Unauthorized}), or lost the race
   * ({@code ConditionalCheckFailed}, nothing written).
   */
  @Test
  void anOwnershipChangeRacingTheOldOwnersWritesLetsNoneLandAfterIt() throws Exception {
    String post = createPost(ALICE, Map.of("title", "raced"));
    String create = "mutation($i: CreateCommentInput!) { createComment(input: $i) { id } }";
    String update = "mutation($i: UpdateCommentInput!) { updateComment(input: $i) { id } }";
    String delete = "mutation($id: ID!) { deleteComment(id: $id) { id } }";
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      java.util.Set<String> outcomes = new java.util.TreeSet<>();
      for (int k = 0; k < 6; k++) {
        int round = k;
        String comment = call(BOB, create, Map.of("i", Map.of("postId", post, "text", "bob 0"))).requireNoErrors()
            .data("/createComment/id").asText();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<GraphQLResponse>> bobs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
          int n = i;
          boolean deletes = n == 5 && round % 2 == 1;
          bobs.add(pool.submit(() -> {
            go.await();
            return deletes
                ? call(BOB, delete, Map.of("id", comment))
                : call(BOB, update, Map.of("i", Map.of("id", comment, "text", "bob " + n)));
          }));
        }
        java.util.concurrent.Future<GraphQLResponse> admin = pool.submit(() -> {
          go.await();
          GraphQLResponse r;
          do { // the Admin retries when one of Bob's writes got in between its read and its write
            r = call(ADMIN, update, Map.of("i", Map.of("id", comment, "authors", List.of("admin-sub"), "text", "admin's")));
          } while (r.hasErrors() && "ConditionalCheckFailed".equals(r.firstError().path("errorType").asText()));
          return r;
        });
        go.countDown();
        boolean bobDeleted = false;
        for (java.util.concurrent.Future<GraphQLResponse> f : bobs) {
          GraphQLResponse r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
          String outcome = r.hasErrors() ? r.firstError().path("errorType").asText() : "ok";
          // in a round where Bob also deletes, an update of his after his own delete finds nothing
          assertTrue(List.of("ok", "Unauthorized", "ConditionalCheckFailed").contains(outcome)
              || (round % 2 == 1 && outcome.equals("NotFound")), r.toString());
          outcomes.add(outcome);
          bobDeleted |= outcome.equals("ok") && r.toString().contains("deleteComment");
        }
        GraphQLResponse adminResult = admin.get(60, java.util.concurrent.TimeUnit.SECONDS);
        JsonNode stored = call(ADMIN, "query($id: ID!) { getComment(id: $id) { authors text } }", Map.of("id", comment))
            .requireNoErrors().data("/getComment");
        if (bobDeleted) {
          // Bob's delete held only while Bob was an author: the Admin's update came after it and found nothing
          assertTrue(stored.isNull(), stored.toString());
          assertTrue(adminResult.hasErrors(), adminResult.toString());
        } else {
          adminResult.requireNoErrors();
          assertEquals("[\"admin-sub\"]", stored.get("authors").toString());
          assertEquals("admin's", stored.get("text").asText(), "no write of the old author landed after the change");
          // and from now on Bob is refused
          assertUnauthorized(call(BOB, update, Map.of("i", Map.of("id", comment, "text", "late"))));
        }
      }
      assertTrue(outcomes.contains("ok") || outcomes.contains("Unauthorized"), outcomes.toString());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rulesThatReadNoItemAreCheckedBeforeAnyRequest() {
    String create = "mutation($i: CreateTagInput!) { createTag(input: $i) { id } }";
    String tag = call(BOB, create, Map.of("i", Map.of("label", "news"))).requireNoErrors().data("/createTag/id").asText();
    String delete = "mutation($id: ID!) { deleteTag(id: $id) { id } }";
    backend.resetCounts();
    assertUnauthorized(call(BOB, delete, Map.of("id", tag)));
    assertEquals(Map.of(), backend.requestCounts(), "refused before DynamoDB");
    assertEquals(tag, call(ADMIN, delete, Map.of("id", tag)).requireNoErrors().data("/deleteTag/id").asText());
  }

  @Test
  void aFieldWithRulesOfItsOwnIsWrittenOnlyByCallersTheyAdmit() {
    String create = "mutation($i: CreatePostInput!) { createPost(input: $i) { id } }";
    int before = backend.scan().size();
    assertUnauthorized(call(ALICE, create, Map.of("i", Map.of("title", "pinned by alice", "pinned", true))));
    assertEquals(before, backend.scan().size(), "nothing written");
    String post = createPost(ALICE, Map.of("title", "to be pinned"));
    String update = "mutation($i: UpdatePostInput!) { updatePost(input: $i) { id } }";
    assertUnauthorized(call(ALICE, update, Map.of("i", Map.of("id", post, "pinned", true))));
    // the owner still updates its other fields; an Admin may not update the post, but the field rule alone does not
    // admit an update of the item
    call(ALICE, update, Map.of("i", Map.of("id", post, "title", "still to be pinned"))).requireNoErrors();
    assertUnauthorized(call(ADMIN, update, Map.of("i", Map.of("id", post, "pinned", true))));
    String adminPost = call(ADMIN, create, Map.of("i", Map.of("title", "pinned by an admin", "pinned", true, "owner", "admin-sub")))
        .requireNoErrors().data("/createPost/id").asText();
    assertEquals(true, call(ADMIN, update, Map.of("i", Map.of("id", adminPost, "pinned", false))).hasErrors() == false);
  }

  @Test
  void aFieldWithReadRulesOfItsOwnIsNullWithAnErrorForOtherReadersOnEveryPath() {
    String post = createPost(ALICE, Map.of("title", "with a draft", "draft", "not yet"));
    GraphQLResponse bob = call(BOB, "query($id: ID!) { getPost(id: $id) { id title draft } }", Map.of("id", post));
    assertEquals("with a draft", bob.data("/getPost/title").asText(), bob.toString());
    assertTrue(bob.data("/getPost/draft").isNull(), bob.toString());
    assertUnauthorized(bob);
    assertEquals("[\"getPost\",\"draft\"]", bob.firstError().get("path").toString());
    assertEquals("not yet", call(ALICE, "query($id: ID!) { getPost(id: $id) { draft } }", Map.of("id", post))
        .requireNoErrors().data("/getPost/draft").asText());
    // through a relation too: a comment's post
    String comment = call(BOB, "mutation($i: CreateCommentInput!) { createComment(input: $i) { id } }",
        Map.of("i", Map.of("postId", post, "text", "hi"))).requireNoErrors().data("/createComment/id").asText();
    GraphQLResponse nested = call(BOB, "query($id: ID!) { getComment(id: $id) { post { title draft } } }",
        Map.of("id", comment));
    assertEquals("with a draft", nested.data("/getComment/post/title").asText(), nested.toString());
    assertTrue(nested.data("/getComment/post/draft").isNull(), nested.toString());
    assertUnauthorized(nested);
  }

  @Test
  void aListLeavesOutTheItemsTheCallerMayNotReadWithOneQueryPerPage() {
    String team = "team-" + System.nanoTime();
    Map<String, List<String>> byAuthor = new java.util.HashMap<>();
    for (Caller author : List.of(ALICE, BOB, ALICE, BOB, ALICE)) {
      String id = call(author, "mutation($i: CreateCommentInput!) { createComment(input: $i) { id } }",
          Map.of("i", Map.of("text", "listed", "team", team))).requireNoErrors().data("/createComment/id").asText();
      byAuthor.computeIfAbsent(author == ALICE ? "alice" : "bob", k -> new ArrayList<>()).add(id);
    }
    String query = "query($t: String!, $n: String) { commentsOfTeam(team: $t, limit: 2, nextToken: $n) "
        + "{ items { id text } nextToken } }";
    for (Caller caller : List.of(ALICE, BOB, ADMIN, EDITOR)) {
      List<String> seen = new ArrayList<>();
      String token = null;
      int pages = 0;
      do {
        backend.resetCounts();
        Map<String, Object> vars = new java.util.HashMap<>(Map.of("t", team));
        vars.put("n", token);
        GraphQLResponse r = call(caller, query, vars).requireNoErrors();
        assertEquals(Map.of("Query", 1), backend.requestCounts(), "one Query per page, filtered or not");
        JsonNode page = r.data("/commentsOfTeam");
        assertTrue(page.get("items").size() <= 2);
        page.get("items").forEach(i -> seen.add(i.get("id").asText()));
        token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
        pages++;
      } while (token != null && pages < 10);
      List<String> expected = caller == ADMIN ? sorted(concat(byAuthor.get("alice"), byAuthor.get("bob")))
          : caller == ALICE ? sorted(byAuthor.get("alice")) : caller == BOB ? sorted(byAuthor.get("bob")) : List.of();
      assertEquals(expected, sorted(seen), "what " + caller + " may read, and only that");
    }
    // a caller of the team named in the items' groups field reads them all
    Caller member = Caller.user("member-sub", team);
    List<String> all = new ArrayList<>();
    call(member, "query($t: String!) { commentsOfTeam(team: $t) { items { id } } }", Map.of("t", team))
        .requireNoErrors().data("/commentsOfTeam/items").forEach(i -> all.add(i.get("id").asText()));
    assertEquals(sorted(concat(byAuthor.get("alice"), byAuthor.get("bob"))), sorted(all));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** The ids of a page, which a relation without sortBy orders by id: compared sorted. */
  private static List<String> idsOf(JsonNode items) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(i.get("id").asText()));
    List<String> sorted = new ArrayList<>(out);
    java.util.Collections.sort(sorted);
    assertEquals(sorted, out, "a page in id order");
    return out;
  }

  private static List<String> sorted(List<String> ids) {
    List<String> out = new ArrayList<>(ids);
    java.util.Collections.sort(out);
    return out;
  }
}
