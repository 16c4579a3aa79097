package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.harness.Backend;
import io.singletable.harness.Caller;
import io.singletable.harness.GraphQLResponse;
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
 * {@code @manyToMany} with {@code @auth} executed for real (AppSync simulator on DynamoDB Local, Cognito callers): a
 * link changes both items, so connect and disconnect need the update rights of both (their types' rules and the
 * relation fields' own), read from the items as stored; pages apply the listed type's read rules and the field's own.
 */
@Tag("simulator")
class ManyToManyAuthScenarioTest {
  static final String SCHEMA = """
      type Post @model @auth(rules: [{allow: owner}, {allow: private, operations: [read]}]) {
        id: ID!
        title: String!
        owner: String
        tags: TagConnection @manyToMany(relationName: "PostTag")
      }

      type Tag @model @auth(rules: [{allow: groups, groups: ["Editors"]}, {allow: private, operations: [read]}]) {
        id: ID!
        label: String!
        posts: PostConnection @manyToMany(relationName: "PostTag") @auth(rules: [{allow: groups, groups: ["Editors"]}])
      }
      """;

  private static final Caller ALICE = Caller.user("alice-sub");
  private static final Caller ALICE_EDITOR = Caller.user("alice-sub", "Editors");
  private static final Caller EDITOR = Caller.user("editor-sub", "Editors");
  private static final Caller BOB = Caller.user("bob-sub");

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

  private static String post(Caller caller, String title) {
    return backend.graphql(caller, "mutation($t: String!) { createPost(input: {title: $t}) { id } }", Map.of("t", title))
        .requireNoErrors().data("/createPost/id").asText();
  }

  private static String tag(String label) {
    return backend.graphql(EDITOR, "mutation($l: String!) { createTag(input: {label: $l}) { id } }", Map.of("l", label))
        .requireNoErrors().data("/createTag/id").asText();
  }

  private static GraphQLResponse link(Caller caller, String post, String tag) {
    return backend.graphql(caller, "mutation($p: ID!, $t: ID!) { addPostTag(postId: $p, tagId: $t) { postId tagId } }",
        Map.of("p", post, "t", tag));
  }

  private static GraphQLResponse unlink(Caller caller, String post, String tag) {
    return backend.graphql(caller, "mutation($p: ID!, $t: ID!) { removePostTag(postId: $p, tagId: $t) { postId tagId } }",
        Map.of("p", post, "t", tag));
  }

  private static boolean joined(String post, String tag) {
    return backend.scan().stream().anyMatch(i -> i.get("PK").s().equals("PostTag#" + post + "#" + tag));
  }

  private static void assertUnauthorized(GraphQLResponse r) {
    assertTrue(r.hasErrors(), r.toString());
    assertEquals("Unauthorized", r.firstError().path("errorType").asText(), r.toString());
  }

  @Test
  void linkingNeedsTheRightToUpdateBothItems() {
    String p = post(ALICE, "alice's");
    String t = tag("news");
    int items = backend.scan().size();
    assertUnauthorized(link(ALICE, p, t)); // owns the post, may not change tags
    assertUnauthorized(link(EDITOR, p, t)); // may change tags, does not own the post
    assertUnauthorized(link(BOB, p, t));
    assertEquals(items, backend.scan().size(), "refused links write nothing");
    link(ALICE_EDITOR, p, t).requireNoErrors();
    assertTrue(joined(p, t));
    link(ALICE_EDITOR, p, t).requireNoErrors(); // again: no change

    // unlinking too
    assertUnauthorized(unlink(EDITOR, p, t));
    assertUnauthorized(unlink(ALICE, p, t));
    assertTrue(joined(p, t), "a refused unlink removes nothing");
    unlink(ALICE_EDITOR, p, t).requireNoErrors();
    assertTrue(!joined(p, t));
    unlink(ALICE_EDITOR, p, t).requireNoErrors(); // not linked: no change
    // an id of no item: a link is NotFound, an unlink has nothing to remove
    GraphQLResponse missing = link(ALICE_EDITOR, p, "no-such-tag");
    assertEquals("NotFound", missing.firstError().path("errorType").asText(), missing.toString());
    unlink(ALICE_EDITOR, p, "no-such-tag").requireNoErrors();
  }

  @Test
  void pagesApplyTheReadRulesOfTheListedTypeAndOfTheField() {
    String p = post(ALICE, "read me");
    String t = tag("readable");
    link(ALICE_EDITOR, p, t).requireNoErrors();
    GraphQLResponse tags = backend.graphql(BOB, "query($id: ID!) { getPost(id: $id) { tags { items { id } } } }",
        Map.of("id", p)).requireNoErrors();
    assertEquals(List.of(t), List.of(tags.data("/getPost/tags/items/0/id").asText()), "any signed-in user reads tags");
    GraphQLResponse posts = backend.graphql(BOB, "query($id: ID!) { getTag(id: $id) { label posts { items { id } } } }",
        Map.of("id", t));
    assertUnauthorized(posts); // Tag.posts has rules of its own
    assertEquals("readable", posts.data("/getTag/label").asText());
    assertEquals(p, backend.graphql(EDITOR, "query($id: ID!) { getTag(id: $id) { posts { items { id } } } }",
        Map.of("id", t)).requireNoErrors().data("/getTag/posts/items/0/id").asText());
  }
}
