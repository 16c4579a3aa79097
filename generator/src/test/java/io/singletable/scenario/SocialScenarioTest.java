package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.Generator;
import io.singletable.TestSchemas;
import io.singletable.harness.Backend;
import io.singletable.harness.Caller;
import io.singletable.harness.GraphQLResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The social sample's eight access patterns (see its schema's header comment), executed by the
 * AppSync simulator against DynamoDB Local:
 * 1 createUser, 2 updateUser, 3 getUser (and userByEmail), 4 createPost, 5 updatePost,
 * 6 User.posts, 7 createComment, 8 Post.comments; called as the sample's users do, with Cognito user
 * pool ID tokens ({@link Caller#user}), under its {@code @auth} rules: every signed-in user reads, owners
 * update and delete their profile and posts, a comment's author or an {@code Admin} deletes it.
 */
@Tag("simulator")
class SocialScenarioTest {
  @TempDir
  static Path out;
  static Backend backend;

  @BeforeAll
  static void start() throws Exception {
    new Generator().generate(TestSchemas.sampleOptions("social", out));
    backend = Backend.start(out);
  }

  @AfterAll
  static void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  /** Someone signed in who owns nothing in particular: reads are open to every signed-in user. */
  private static final Caller READER = Caller.user("reader-sub");

  private static GraphQLResponse gql(Caller caller, String query, Map<String, Object> vars) {
    return backend.graphql(caller, query, vars);
  }

  private static GraphQLResponse gql(String query, Map<String, Object> vars) {
    return gql(READER, query, vars);
  }

  /** A user of the pool whose {@code sub} is derived from the e-mail (one caller per profile in these tests). */
  private static Caller as(String email) {
    return Caller.user("sub-" + email.toLowerCase(java.util.Locale.ROOT));
  }

  private static String sub(Caller caller) {
    return (String) caller.claims().get("sub");
  }

  private static final String USER_FIELDS = "id email firstName lastName profilePicture owner createdAt updatedAt";
  /** Who created each profile, by its id. */
  private static final Map<String, Caller> OWNERS = new java.util.concurrent.ConcurrentHashMap<>();

  /** Creates a profile as the user {@link #as(String) as(email)}, who owns it. */
  private static JsonNode createUser(String email, String first, String last) {
    JsonNode user = gql(as(email), "mutation($e: AWSEmail!, $f: String!, $l: String!) { createUser(input: {email: $e, "
        + "firstName: $f, lastName: $l}) { " + USER_FIELDS + " } }", Map.of("e", email, "f", first, "l", last))
        .requireNoErrors().data("/createUser");
    assertEquals(sub(as(email)), user.path("owner").asText(), "the owner is the caller's sub");
    OWNERS.put(user.path("id").asText(), as(email));
    return user;
  }

  /** Creates a post as the owner of the profile {@code userId}. */
  private static JsonNode createPost(String userId, String content) {
    return gql(ownerOf(userId), "mutation($u: ID!, $c: String!) { createPost(input: {userId: $u, content: $c}) { id "
        + "userId content createdAt updatedAt author { id firstName } } }", Map.of("u", userId, "c", content))
        .requireNoErrors().data("/createPost");
  }

  /** Creates a comment as the owner of the profile {@code userId}. */
  private static JsonNode createComment(String postId, String userId, String content) {
    return gql(ownerOf(userId), "mutation($p: ID!, $u: ID!, $c: String!) { createComment(input: {postId: $p, "
        + "userId: $u, content: $c}) { id postId userId content owner createdAt post { id } author { id email } } }",
        Map.of("p", postId, "u", userId, "c", content)).requireNoErrors().data("/createComment");
  }

  /** The caller who created the profile {@code userId} (its owner). */
  private static Caller ownerOf(String userId) {
    Caller owner = OWNERS.get(userId);
    if (owner == null) {
      throw new AssertionError("no profile " + userId + " created by this test");
    }
    return owner;
  }

  private static List<Map<String, AttributeValue>> items(String pk) {
    return backend.scan().stream().filter(i -> i.get("PK").s().equals(pk)).toList();
  }

  /** Distinct createdAt values, so "newest first" has one right answer: the clock must move on. */
  private static void tick() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.path("id").asText()));
    return out;
  }

  private static List<String> reversed(List<String> in) {
    List<String> out = new ArrayList<>(in);
    Collections.reverse(out);
    return out;
  }

  /** The order SPEC §3 prescribes for sortBy ["createdAt"]: chronological, then id by UTF-8 bytes. */
  private static List<String> chronological(JsonNode items) {
    List<JsonNode> list = new ArrayList<>();
    items.forEach(list::add);
    list.sort(Comparator.comparing((JsonNode n) -> Instant.parse(n.path("createdAt").asText()))
        .thenComparing((x, y) -> Arrays.compareUnsigned(x.path("id").asText().getBytes(StandardCharsets.UTF_8),
            y.path("id").asText().getBytes(StandardCharsets.UTF_8))));
    return ids(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(list));
  }

  // 1, 2, 3: user profiles.

  @Test
  void createGetAndUpdateAUserProfile() {
    JsonNode ada = createUser("Ada.Lovelace@Example.com", "Ada", "Byron");
    String id = ada.path("id").asText();
    assertFalse(id.isEmpty());
    assertFalse(ada.path("createdAt").isNull(), "createdAt is set by the resolver");
    assertEquals(ada.path("createdAt"), ada.path("updatedAt"));

    JsonNode got = gql("query($id: ID!) { getUser(id: $id) { " + USER_FIELDS + " } }", Map.of("id", id))
        .requireNoErrors().data("/getUser");
    assertEquals(ada, got, "getUser returns what createUser stored");
    assertEquals("Ada.Lovelace@Example.com", got.path("email").asText(), "the e-mail keeps its case");
    assertTrue(got.path("profilePicture").isNull());

    tick();
    JsonNode updated = gql(ownerOf(id), "mutation($id: ID!) { updateUser(input: {id: $id, lastName: \"Lovelace\", "
        + "profilePicture: \"https://example.com/ada.png\"}) { " + USER_FIELDS + " } }", Map.of("id", id))
        .requireNoErrors().data("/updateUser");
    assertEquals("Lovelace", updated.path("lastName").asText());
    assertEquals("Ada", updated.path("firstName").asText(), "a partial update keeps the other fields");
    assertEquals("Ada.Lovelace@Example.com", updated.path("email").asText());
    assertEquals(ada.path("createdAt"), updated.path("createdAt"), "createdAt never changes");
    assertTrue(Instant.parse(updated.path("updatedAt").asText()).isAfter(Instant.parse(ada.path("createdAt").asText())),
        "updatedAt moves on: " + updated);
    assertEquals(updated, gql("query($id: ID!) { getUser(id: $id) { " + USER_FIELDS + " } }", Map.of("id", id))
        .requireNoErrors().data("/getUser"));
    assertEquals("Lovelace", gql("query { userByEmail(email: \"ada.lovelace@example.com\") { lastName } }", Map.of())
        .requireNoErrors().data("/userByEmail/lastName").asText(), "the unique item's copy is refreshed");

    GraphQLResponse noSuchUser = gql(ownerOf(id), "mutation { updateUser(input: {id: \"nobody\", firstName: \"X\"}) "
        + "{ id } }", Map.of());
    assertTrue(noSuchUser.hasErrors(), "an update never creates a half user: " + noSuchUser);
    assertTrue(items("NODE#nobody").isEmpty());
  }

  @Test
  void userByEmailIgnoresCaseAndFollowsEmailChanges() {
    String id = createUser("Grace.Hopper@Navy.mil", "Grace", "Hopper").path("id").asText();
    for (String asked : List.of("grace.hopper@navy.mil", "GRACE.HOPPER@NAVY.MIL", "Grace.Hopper@Navy.mil")) {
      assertEquals(id, gql("query($e: AWSEmail!) { userByEmail(email: $e) { id } }", Map.of("e", asked))
          .requireNoErrors().data("/userByEmail/id").asText(), asked);
    }
    assertTrue(gql("query { userByEmail(email: \"nobody@navy.mil\") { id } }", Map.of()).requireNoErrors()
        .data("/userByEmail").isNull());
    assertEquals(1, items("User#email#grace.hopper@navy.mil").size());

    GraphQLResponse dup = gql("mutation { createUser(input: {email: \"GRACE.hopper@navy.MIL\", firstName: \"G\", "
        + "lastName: \"H\"}) { id } }", Map.of());
    assertEquals("NotUnique:User.email", dup.firstError().path("errorType").asText(), dup.toString());

    gql(ownerOf(id), "mutation($id: ID!) { updateUser(input: {id: $id, email: \"Amazing.Grace@Navy.mil\"}) { id } }",
        Map.of("id", id)).requireNoErrors();
    assertTrue(gql("query { userByEmail(email: \"grace.hopper@navy.mil\") { id } }", Map.of()).requireNoErrors()
        .data("/userByEmail").isNull(), "the old address no longer finds her");
    assertEquals(id, gql("query { userByEmail(email: \"amazing.grace@NAVY.mil\") { id firstName } }", Map.of())
        .requireNoErrors().data("/userByEmail/id").asText());
    assertTrue(items("User#email#grace.hopper@navy.mil").isEmpty(), "old unique item removed");
    assertEquals(1, items("User#email#amazing.grace@navy.mil").size());

    String other = createUser("Someone.Else@Navy.mil", "Someone", "Else").path("id").asText();
    GraphQLResponse steal = gql(ownerOf(other), "mutation($id: ID!) { updateUser(input: {id: $id, "
        + "email: \"AMAZING.GRACE@navy.mil\"}) "
        + "{ id } }", Map.of("id", other));
    assertEquals("NotUnique:User.email", steal.firstError().path("errorType").asText(), steal.toString());
    assertEquals("Someone.Else@Navy.mil", gql("query($id: ID!) { getUser(id: $id) { email } }", Map.of("id", other))
        .requireNoErrors().data("/getUser/email").asText());
    assertEquals(id, gql("query { userByEmail(email: \"amazing.grace@navy.mil\") { id } }", Map.of())
        .requireNoErrors().data("/userByEmail/id").asText());
  }

  // 4, 5, 6: posts and a user's timeline.

  @Test
  void postsOfAUserNewestFirstWithSortDirectionDesc() {
    String alan = createUser("alan@turing.org", "Alan", "Turing").path("id").asText();
    String other = createUser("other@turing.org", "Other", "Person").path("id").asText();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      JsonNode post = createPost(alan, "post " + i);
      assertEquals("Alan", post.path("author").path("firstName").asText());
      assertEquals(alan, post.path("userId").asText());
      created.add(post.path("id").asText());
      if (i == 4) {
        createPost(other, "not Alan's");
      }
      tick();
    }
    String query = "query($id: ID!, $d: SortDirection, $l: Int, $t: String) { getUser(id: $id) { "
        + "posts(sortDirection: $d, limit: $l, nextToken: $t) { items { id content createdAt userId } nextToken } } }";
    Map<String, Object> vars = new HashMap<>(Map.of("id", alan, "d", "DESC", "l", 100));
    JsonNode desc = gql(query, vars).requireNoErrors().data("/getUser/posts");
    assertTrue(desc.path("nextToken").isNull());
    JsonNode items = desc.path("items");
    assertEquals(reversed(created), ids(items), "newest first");
    assertEquals(reversed(chronological(items)), ids(items), "DESC is reverse chronological by createdAt");
    items.forEach(p -> assertEquals(alan, p.path("userId").asText(), "only Alan's posts"));

    // a signed-in reader's page costs what it cost without rules: the profile's GetItem and one Query
    backend.resetCounts();
    assertEquals(reversed(created), ids(gql(Caller.user("someone-else"), query, vars).requireNoErrors()
        .data("/getUser/posts/items")));
    assertEquals(Map.of("GetItem", 1, "Query", 1), backend.requestCounts(), backend.requestCounts().toString());

    vars.put("d", "ASC");
    assertEquals(created, ids(gql(query, vars).requireNoErrors().data("/getUser/posts/items")), "oldest first");
    vars.remove("d");
    assertEquals(created, ids(gql(query, vars).requireNoErrors().data("/getUser/posts/items")), "ASC by default");

    vars.put("d", "DESC");
    vars.put("l", 4);
    List<String> paged = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int guard = 0; guard < 10; guard++) {
      JsonNode page = gql(query, vars).requireNoErrors().data("/getUser/posts");
      List<String> got = ids(page.path("items"));
      sizes.add(got.size());
      paged.addAll(got);
      if (page.path("nextToken").isNull()) {
        break;
      }
      vars.put("t", page.path("nextToken").asText());
    }
    assertEquals(reversed(created), paged, "timeline paged newest first, pages " + sizes);
    assertEquals(List.of(4, 4, 1), sizes);

    // 5: an update of the content keeps the post's place; createdAt is not an input.
    String oldest = created.get(0);
    tick();
    JsonNode updated = gql(ownerOf(alan), "mutation($id: ID!) { updatePost(input: {id: $id, content: \"edited\"}) { "
        + "id content "
        + "createdAt updatedAt author { id } } }", Map.of("id", oldest)).requireNoErrors().data("/updatePost");
    assertEquals("edited", updated.path("content").asText());
    assertEquals(alan, updated.path("author").path("id").asText());
    assertNotEquals(updated.path("createdAt"), updated.path("updatedAt"));
    vars.remove("t");
    vars.put("l", 100);
    JsonNode after = gql(query, vars).requireNoErrors().data("/getUser/posts/items");
    assertEquals(reversed(created), ids(after), "editing does not move a post in the timeline");
    assertEquals("edited", after.get(after.size() - 1).path("content").asText());
    assertEquals("edited", gql("query($id: ID!) { getPost(id: $id) { content } }", Map.of("id", oldest))
        .requireNoErrors().data("/getPost/content").asText());

    // 5: moving a post to another user moves it between timelines, keeping its createdAt order.
    gql(ownerOf(alan), "mutation($id: ID!, $u: ID!) { updatePost(input: {id: $id, userId: $u}) { id } }",
        Map.of("id", created.get(3), "u", other)).requireNoErrors();
    List<String> remaining = new ArrayList<>(created);
    remaining.remove(3);
    assertEquals(reversed(remaining), ids(gql(query, vars).requireNoErrors().data("/getUser/posts/items")));
    vars.put("id", other);
    JsonNode theirs = gql(query, vars).requireNoErrors().data("/getUser/posts/items");
    assertEquals(2, theirs.size());
    assertEquals(created.get(3), theirs.get(1).path("id").asText(), "created before 'not Alan's', so older");
    assertEquals(reversed(chronological(theirs)), ids(theirs));
  }

  // 7, 8: comments of a post, paged.

  @Test
  void commentsOfAPostPaged() {
    String author = createUser("writer@example.org", "Writer", "One").path("id").asText();
    String reader = createUser("reader@example.org", "Reader", "Two").path("id").asText();
    String post = createPost(author, "Hello").path("id").asText();
    String otherPost = createPost(author, "Other").path("id").asText();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      String by = i % 3 == 0 ? author : reader;
      JsonNode c = createComment(post, by, "comment " + i);
      assertEquals(post, c.path("post").path("id").asText());
      assertEquals(by, c.path("author").path("id").asText());
      created.add(c.path("id").asText());
      if (i % 7 == 0) {
        createComment(otherPost, reader, "elsewhere " + i);
      }
      tick();
    }
    assertEquals(created, pageComments(post, "ASC", 5), "oldest first, a page of 5 at a time");
    assertEquals(reversed(created), pageComments(post, "DESC", 5), "newest first");
    assertEquals(created, pageComments(post, "ASC", 23));
    assertEquals(4, pageComments(otherPost, "ASC", 5).size());

    JsonNode all = gql("query($id: ID!) { getPost(id: $id) { comments(limit: 100) { items { id createdAt content "
        + "author { email } } nextToken } } }", Map.of("id", post)).requireNoErrors().data("/getPost/comments");
    assertEquals(chronological(all.path("items")), ids(all.path("items")));
    assertEquals("writer@example.org", all.path("items").get(0).path("author").path("email").asText());
    assertEquals("reader@example.org", all.path("items").get(1).path("author").path("email").asText());
  }

  private static List<String> pageComments(String postId, String direction, int limit) {
    List<String> all = new ArrayList<>();
    String token = null;
    for (int guard = 0; guard < 50; guard++) {
      Map<String, Object> vars = new HashMap<>();
      vars.put("id", postId);
      vars.put("d", direction);
      vars.put("l", limit);
      vars.put("t", token);
      JsonNode page = gql("query($id: ID!, $d: SortDirection, $l: Int, $t: String) { getPost(id: $id) { "
          + "comments(sortDirection: $d, limit: $l, nextToken: $t) { items { id postId } nextToken } } }", vars)
          .requireNoErrors().data("/getPost/comments");
      List<String> got = ids(page.path("items"));
      assertTrue(got.size() <= limit);
      page.path("items").forEach(c -> assertEquals(postId, c.path("postId").asText(), "only this post's comments"));
      all.addAll(got);
      if (page.path("nextToken").isNull()) {
        assertEquals(all.size(), all.stream().distinct().count(), "no comment twice: " + all);
        return all;
      }
      assertEquals(limit, got.size(), "a page before the last is full");
      token = page.path("nextToken").asText();
    }
    throw new AssertionError("nextToken never ended");
  }

  // The sample's operation list and type checks.

  @Test
  void onlyTheDeclaredOperationsExistAndIdsOfOtherTypesReadAsNull() {
    String user = createUser("types@example.org", "Type", "Check").path("id").asText();
    String post = createPost(user, "typed").path("id").asText();
    assertTrue(gql("query($id: ID!) { getPost(id: $id) { id } }", Map.of("id", user)).requireNoErrors()
        .data("/getPost").isNull(), "a user's id is no post");
    assertTrue(gql("query($id: ID!) { getUser(id: $id) { id } }", Map.of("id", post)).requireNoErrors()
        .data("/getUser").isNull(), "a post's id is no user");
    // the profile's owner, asking to update or delete its profile as a post: no post, nothing changed
    List<Map<String, AttributeValue>> before = items("NODE#" + user);
    GraphQLResponse wrongType = gql(ownerOf(user), "mutation($id: ID!) { updatePost(input: {id: $id, content: \"x\"}) "
        + "{ id } }", Map.of("id", user));
    assertTrue(wrongType.hasErrors(), wrongType.toString());
    GraphQLResponse wrongDelete = gql(ownerOf(user), "mutation($id: ID!) { deletePost(id: $id) { id } }",
        Map.of("id", user));
    assertTrue(wrongDelete.hasErrors() || wrongDelete.data("/deletePost").isNull(), wrongDelete.toString());
    assertEquals(before, items("NODE#" + user));
    assertEquals("Type", gql("query($id: ID!) { getUser(id: $id) { firstName } }", Map.of("id", user))
        .requireNoErrors().data("/getUser/firstName").asText());
    for (String missing : List.of("query { getComment(id: \"x\") { id } }",
        "mutation { updateComment(input: {id: \"x\"}) { id } }")) {
      assertTrue(gql(missing, Map.of()).hasErrors(), "not an operation of the sample: " + missing);
    }
  }

  @Test
  void onlyUserPoolCallersAreAdmitted() {
    String user = createUser("callers@example.org", "Caller", "Check").path("id").asText();
    String query = "query($id: ID!) { getUser(id: $id) { id } }";
    assertEquals(user, gql(query, Map.of("id", user)).requireNoErrors().data("/getUser/id").asText());
    for (Caller other : List.of(Caller.apiKey(), Caller.anonymous(), Caller.iam(true))) {
      GraphQLResponse refused = gql(other, query, Map.of("id", user));
      assertEquals(401, refused.status(), other + ": " + refused);
    }
  }

  // The rules (issue 14's acceptance): another user reads but does not change; comments deleted by author or Admin.

  private static void assertUnauthorized(GraphQLResponse r, String what) {
    assertTrue(r.hasErrors(), what + ": " + r);
    assertEquals("Unauthorized", r.firstError().path("errorType").asText(), what + ": " + r);
  }

  /** A refused operation answers no item: every root field of {@code data} is null (or data is absent). */
  private static void assertNoData(GraphQLResponse r, String what) {
    r.data().forEach(v -> assertTrue(v.isNull(), "no data for a refused " + what + ": " + r));
  }

  @Test
  void anotherUserReadsAProfileAndItsPostsButCannotUpdateOrDeleteThem() {
    String ada = createUser("ada@owners.org", "Ada", "Lovelace").path("id").asText();
    String bob = createUser("bob@owners.org", "Bob", "Other").path("id").asText();
    Caller adaCaller = ownerOf(ada);
    Caller bobCaller = ownerOf(bob);
    String post = createPost(ada, "Ada's post").path("id").asText();
    String getUser = "query($id: ID!) { getUser(id: $id) { " + USER_FIELDS
        + " posts { items { id content owner } } } }";
    String getPost = "query($id: ID!) { getPost(id: $id) { id content owner createdAt updatedAt author { id } } }";
    JsonNode profile = gql(adaCaller, getUser, Map.of("id", ada)).requireNoErrors().data("/getUser");
    JsonNode postRead = gql(adaCaller, getPost, Map.of("id", post)).requireNoErrors().data("/getPost");
    assertEquals(sub(adaCaller), postRead.path("owner").asText());
    List<Map<String, AttributeValue>> adaItems = items("NODE#" + ada);
    List<Map<String, AttributeValue>> postItems = items("NODE#" + post);
    List<Map<String, AttributeValue>> emailItems = items("User#email#ada@owners.org");
    assertEquals(1, emailItems.size());

    // B reads them: profile, by e-mail, the post, the post in A's timeline
    assertEquals(profile, gql(bobCaller, getUser, Map.of("id", ada)).requireNoErrors().data("/getUser"));
    assertEquals(ada, gql(bobCaller, "query { userByEmail(email: \"ADA@owners.org\") { id } }", Map.of())
        .requireNoErrors().data("/userByEmail/id").asText());
    assertEquals(postRead, gql(bobCaller, getPost, Map.of("id", post)).requireNoErrors().data("/getPost"));

    // B cannot update or delete them, nor give them to himself
    List<String> refusedMutations = List.of(
        "mutation($id: ID!) { updateUser(input: {id: $id, firstName: \"Bob was here\"}) { id firstName } }",
        "mutation($id: ID!) { updateUser(input: {id: $id, owner: \"" + sub(bobCaller) + "\"}) { id owner } }",
        "mutation($id: ID!) { updateUser(input: {id: $id, email: \"bob2@owners.org\"}) { id } }",
        "mutation($id: ID!) { deleteUser(id: $id) { id } }");
    for (String m : refusedMutations) {
      GraphQLResponse r = gql(bobCaller, m, Map.of("id", ada));
      assertUnauthorized(r, m);
      assertNoData(r, m);
    }
    for (String m : List.of(
        "mutation($id: ID!) { updatePost(input: {id: $id, content: \"Bob was here\"}) { id content } }",
        "mutation($id: ID!) { updatePost(input: {id: $id, owner: \"" + sub(bobCaller) + "\"}) { id } }",
        "mutation($id: ID!) { updatePost(input: {id: $id, userId: \"" + bob + "\"}) { id } }",
        "mutation($id: ID!) { deletePost(id: $id) { id } }")) {
      GraphQLResponse r = gql(bobCaller, m, Map.of("id", post));
      assertUnauthorized(r, m);
      assertNoData(r, m);
    }
    // a post or profile claiming A as its owner is refused to B
    GraphQLResponse forged = gql(bobCaller, "mutation($u: ID!, $o: String!) { createPost(input: {userId: $u, "
        + "content: \"forged\", owner: $o}) { id } }", Map.of("u", ada, "o", sub(adaCaller)));
    assertUnauthorized(forged, "a post in A's name");
    // unchanged: read back through the API and in the table
    assertEquals(profile, gql(bobCaller, getUser, Map.of("id", ada)).requireNoErrors().data("/getUser"));
    assertEquals(postRead, gql(bobCaller, getPost, Map.of("id", post)).requireNoErrors().data("/getPost"));
    assertEquals(adaItems, items("NODE#" + ada));
    assertEquals(postItems, items("NODE#" + post));
    assertEquals(emailItems, items("User#email#ada@owners.org"));
    assertTrue(items("User#email#bob2@owners.org").isEmpty());
    assertEquals(List.of(post), ids(gql(bobCaller, "query($id: ID!) { getUser(id: $id) { posts { items { id } } } }",
        Map.of("id", ada)).requireNoErrors().data("/getUser/posts/items")), "no forged post in A's timeline");

    // A may; and A may not hand the post to B
    assertUnauthorized(gql(adaCaller, "mutation($id: ID!, $o: String!) { updatePost(input: {id: $id, owner: $o}) "
        + "{ id } }",
        Map.of("id", post, "o", sub(bobCaller))), "the owner field is the owner's to keep");
    assertEquals("edited by Ada", gql(adaCaller, "mutation($id: ID!) { updatePost(input: {id: $id, "
        + "content: \"edited by Ada\"}) { content } }", Map.of("id", post)).requireNoErrors()
        .data("/updatePost/content").asText());
    assertEquals("Augusta", gql(adaCaller, "mutation($id: ID!) { updateUser(input: {id: $id, firstName: \"Augusta\"}) "
        + "{ firstName } }", Map.of("id", ada)).requireNoErrors().data("/updateUser/firstName").asText());
    assertEquals(post, gql(adaCaller, "mutation($id: ID!) { deletePost(id: $id) { id } }", Map.of("id", post))
        .requireNoErrors().data("/deletePost/id").asText());
    assertTrue(items("NODE#" + post).isEmpty());
    assertEquals(ada, gql(adaCaller, "mutation($id: ID!) { deleteUser(id: $id) { id } }", Map.of("id", ada))
        .requireNoErrors().data("/deleteUser/id").asText());
    assertTrue(items("NODE#" + ada).isEmpty());
    assertTrue(items("User#email#ada@owners.org").isEmpty(), "the e-mail's unique item goes with the profile");
  }

  @Test
  void aCommentIsDeletedByItsAuthorOrAnAdminAndNobodyElse() {
    String writer = createUser("writer@comments.org", "Writer", "One").path("id").asText();
    String commenter = createUser("commenter@comments.org", "Commenter", "Two").path("id").asText();
    createUser("bystander@comments.org", "By", "Stander");
    Caller bystander = as("bystander@comments.org");
    Caller admin = Caller.user("moderator-sub", "Admin");
    Caller editor = Caller.user("editor-sub", "Editors");
    String post = createPost(writer, "Comment on this").path("id").asText();
    JsonNode first = createComment(post, commenter, "first");
    assertEquals(sub(ownerOf(commenter)), first.path("owner").asText(), "its author owns the comment");
    String c1 = first.path("id").asText();
    tick();
    String c2 = createComment(post, commenter, "second").path("id").asText();
    tick();
    String c3 = createComment(post, writer, "third").path("id").asText();
    String delete = "mutation($id: ID!) { deleteComment(id: $id) { id content } }";

    // neither another user, the post's author, nor a member of another group
    for (Caller other : List.of(bystander, ownerOf(writer), editor)) {
      List<Map<String, AttributeValue>> before = items("NODE#" + c1);
      GraphQLResponse r = gql(other, delete, Map.of("id", c1));
      assertUnauthorized(r, other.toString());
      assertTrue(r.data("/deleteComment").isNull(), r.toString());
      assertEquals(before, items("NODE#" + c1), "unchanged after " + other);
    }
    String comments = "query($id: ID!) { getPost(id: $id) { comments { items { id } } } }";
    assertEquals(List.of(c1, c2, c3), ids(gql(bystander, comments, Map.of("id", post)).requireNoErrors()
        .data("/getPost/comments/items")), "every signed-in user reads them");

    // its author
    assertEquals("first", gql(ownerOf(commenter), delete, Map.of("id", c1)).requireNoErrors()
        .data("/deleteComment/content").asText());
    assertTrue(items("NODE#" + c1).isEmpty());
    // an Admin, any comment: another's and the post author's
    assertEquals("second", gql(admin, delete, Map.of("id", c2)).requireNoErrors().data("/deleteComment/content")
        .asText());
    assertEquals(c3, gql(admin, delete, Map.of("id", c3)).requireNoErrors().data("/deleteComment/id").asText());
    assertTrue(items("NODE#" + c2).isEmpty());
    assertTrue(items("NODE#" + c3).isEmpty());
    assertTrue(gql(bystander, comments, Map.of("id", post)).requireNoErrors().data("/getPost/comments/items")
        .isEmpty());
    // an Admin is no author: it cannot create a comment in another's name
    assertUnauthorized(gql(admin, "mutation($p: ID!, $u: ID!, $o: String!) { createComment(input: {postId: $p, "
        + "userId: $u, content: \"x\", owner: $o}) { id } }",
        Map.of("p", post, "u", writer, "o", sub(ownerOf(writer)))),
        "an Admin naming another author");
  }

  @Test
  void aPostsOwnerTagsItAndTagsListTheirPosts() throws InterruptedException {
    String ada = createUser("ada-tags@example.com", "Ada", "Tags").path("id").asText();
    String first = createPost(ada, "first").path("id").asText();
    Thread.sleep(5); // createdAt has milliseconds: the second post is newer
    String second = createPost(ada, "second").path("id").asText();
    String run = Long.toString(System.nanoTime(), 36);
    List<String> names = List.of("Zebra-" + run, "apple-" + run, "Mango-" + run);
    Map<String, String> tagByName = new java.util.HashMap<>();
    for (String name : names) {
      tagByName.put(name, gql(as("bob-tags@example.com"), "mutation($n: String!) { createTag(input: {name: $n}) { id } }",
          Map.of("n", name)).requireNoErrors().data("/createTag/id").asText());
    }
    String link = "mutation($p: ID!, $t: ID!) { addPostTag(postId: $p, tagId: $t) { postId tagId } }";
    // Bob may update tags, not Ada's post: refused, nothing linked
    GraphQLResponse refused = gql(as("bob-tags@example.com"), link, Map.of("p", first, "t", tagByName.get(names.get(0))));
    assertEquals("Unauthorized", refused.firstError().path("errorType").asText(), refused.toString());
    for (String name : names) {
      gql(ownerOf(ada), link, Map.of("p", first, "t", tagByName.get(name))).requireNoErrors();
    }
    gql(ownerOf(ada), link, Map.of("p", second, "t", tagByName.get(names.get(0)))).requireNoErrors();
    JsonNode tags = gql("query($id: ID!) { getPost(id: $id) { tags(limit: 2) { items { name } nextToken } } }",
        Map.of("id", first)).requireNoErrors().data("/getPost/tags");
    assertEquals(List.of(names.get(1), names.get(2)), List.of(tags.at("/items/0/name").asText(),
        tags.at("/items/1/name").asText()), "by name, case ignored, two at a time");
    JsonNode posts = gql("query($n: String!) { tagByName(name: $n) { posts(sortDirection: DESC) { items { id } } } }",
        Map.of("n", names.get(0).toUpperCase(java.util.Locale.ROOT))).requireNoErrors().data("/tagByName/posts/items");
    assertEquals(List.of(second, first), List.of(posts.at("/0/id").asText(), posts.at("/1/id").asText()),
        "the tag's posts, newest first; the name found whatever its case");
  }
}
