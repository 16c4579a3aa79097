package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.harness.Backend;
import io.singletable.harness.GraphQLResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code @manyToMany(sortBy:)} executed for real (AppSync simulator on DynamoDB Local): the join items keep copies of
 * the other item's sort values, so a page of either side comes in that order; an update of a sorted value rewrites
 * every join item of the item in the same transaction, and no join item keeps a stale copy.
 */
@Tag("simulator")
class ManyToManySortedScenarioTest {
  private static final Path SCHEMA = Path.of("src", "test", "resources", "scenarios", "m2m-sorted", "schema.graphql");
  private static final List<String> RETRYABLE = List.of("ConditionalCheckFailed", "TransactionConflict");

  @TempDir
  static Path out;
  static Backend backend;

  @BeforeAll
  static void start() throws Exception {
    new Generator().generate(GeneratorOptions.of(SCHEMA, out));
    backend = Backend.start(out);
  }

  @AfterAll
  static void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  private static JsonNode gql(String query, Map<String, Object> vars) {
    return backend.graphql(query, vars).requireNoErrors().data();
  }

  private static String post(String title, String publishedAt) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("t", title);
    vars.put("p", publishedAt);
    return gql("mutation($t: String!, $p: AWSDateTime) { createPost(input: {title: $t, publishedAt: $p}) { id } }",
        vars).at("/createPost/id").asText();
  }

  private static String tag(String label) {
    return gql("mutation($l: String!) { createTag(input: {label: $l}) { id } }", Map.of("l", label))
        .at("/createTag/id").asText();
  }

  private static GraphQLResponse link(String post, String tag) {
    return backend.graphql("mutation($p: ID!, $t: ID!) { addPostTag(postId: $p, tagId: $t) { postId tagId } }",
        Map.of("p", post, "t", tag));
  }

  private static GraphQLResponse rename(String tag, String label) {
    return backend.graphql("mutation($id: ID!, $l: String!) { updateTag(input: {id: $id, label: $l}) { id label } }",
        Map.of("id", tag, "l", label));
  }

  /** Runs a mutation again while it fails with a retryable error (a concurrent change), as a client would. */
  private static GraphQLResponse retried(java.util.function.Supplier<GraphQLResponse> call) {
    for (int attempt = 1; ; attempt++) {
      GraphQLResponse r = call.get();
      if (!r.hasErrors() || attempt == 20 || !RETRYABLE.contains(r.firstError().path("errorType").asText())) {
        return r;
      }
    }
  }

  /** Every item of one side's pages, page after page, with the field asked for. */
  private static List<String> page(String query, String id, String at, String field, int limit) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      Map<String, Object> vars = new HashMap<>();
      vars.put("id", id);
      vars.put("n", token);
      vars.put("l", limit);
      JsonNode page = gql(query, vars).at(at);
      page.get("items").forEach(i -> out.add(i.get(field).asText()));
      token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
    } while (token != null);
    return out;
  }

  private static List<String> tagLabelsOf(String post, int limit) {
    return page("query($id: ID!, $n: String, $l: Int) { getPost(id: $id) { tags(limit: $l, nextToken: $n) { items { "
        + "label } nextToken } } }", post, "/getPost/tags", "label", limit);
  }

  private static List<String> postIdsOf(String tag, int limit) {
    return page("query($id: ID!, $n: String, $l: Int) { getTag(id: $id) { posts(limit: $l, nextToken: $n) { items { "
        + "id } nextToken } } }", tag, "/getTag/posts", "id", limit);
  }

  private static Map<String, AttributeValue> item(String pk) {
    return backend.scan().stream().filter(i -> i.get("PK").s().equals(pk)).findFirst().orElse(null);
  }

  @Test
  void aPageOfEitherSideComesInTheOrderOfTheOtherItemsValues() {
    String p = post("sorted tags", "2026-01-01T00:00:00Z");
    List<String> labels = List.of("delta", "Alpha", "charlie", "Bravo", "echo", "alpha2");
    for (String label : labels) {
      link(p, tag(label + "-" + p)).requireNoErrors();
    }
    List<String> expected = labels.stream().map(l -> l + "-" + p)
        .sorted(Comparator.comparing((String l) -> l.toLowerCase(java.util.Locale.ROOT))).toList();
    assertEquals(expected, tagLabelsOf(p, 4), "by label, case ignored, over two pages");
    backend.resetCounts();
    gql("query($id: ID!) { getPost(id: $id) { tags(limit: 3) { items { id } } } }", Map.of("id", p));
    assertEquals(Map.of("GetItem", 1, "Query", 1, "BatchGetItem", 1), backend.requestCounts());

    String t = tag("popular-" + p);
    String[][] posts = {{"b title", "2026-03-01T00:00:00Z"}, {"a title", "2026-03-01T00:00:00Z"},
        {"never published", null}, {"early", "2025-12-31T23:59:59.999Z"}, {"late", "2026-03-01T00:00:00.001Z"}};
    Map<String, String> idByTitle = new HashMap<>();
    for (String[] spec : posts) {
      String id = post(spec[0], spec[1]);
      idByTitle.put(spec[0], id);
      link(id, t).requireNoErrors();
    }
    List<String> expectedPosts = java.util.stream.Stream.of("early", "a title", "b title", "late", "never published")
        .map(idByTitle::get).toList();
    assertEquals(expectedPosts, postIdsOf(t, 2), "by publishedAt (nulls last), then title");
  }

  @Test
  void renamingATagRewritesItsJoinItemsInTheSameWrite() {
    String t = tag("m-" + System.nanoTime());
    String other = tag("n-" + System.nanoTime());
    List<String> posts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String p = post("renamed " + i, null);
      posts.add(p);
      link(p, t).requireNoErrors();
      link(p, other).requireNoErrors();
    }
    String before = item("PostTag#" + posts.get(0) + "#" + t).get("SK01").s();
    Map<String, AttributeValue> untouched = item("PostTag#" + posts.get(0) + "#" + other);
    backend.resetCounts();
    String label = "a-" + System.nanoTime();
    rename(t, label).requireNoErrors();
    assertEquals(Map.of("GetItem", 1, "BatchGetItem", 2, "TransactWriteItems", 1), backend.requestCounts(),
        "the item, its link head, its join items; then one transaction");
    for (String p : posts) {
      assertEquals(List.of(label, other), tagLabelsOf(p, 10).stream().map(l -> l.equals(label) ? l : other).toList());
      assertEquals(label, tagLabelsOf(p, 10).get(0), "the renamed tag sorts first now");
      Map<String, AttributeValue> join = item("PostTag#" + p + "#" + t);
      assertTrue(join.get("SK01").s().startsWith("1" + label), join.toString());
      assertTrue(join.get("SK01").s().endsWith(t));
    }
    assertFalse(before.equals(item("PostTag#" + posts.get(0) + "#" + t).get("SK01").s()));
    assertEquals(untouched, item("PostTag#" + posts.get(0) + "#" + other), "the other tag's join item is as it was");

    // an update of no sorted value reads no link
    backend.resetCounts();
    gql("mutation($id: ID!) { updatePost(input: {id: $id, body: \"text\"}) { id } }", Map.of("id", posts.get(0)));
    assertEquals(Map.of("GetItem", 1, "PutItem", 1), backend.requestCounts());
    // a post's sorted values reach the tag side: publishing one moves it first
    gql("mutation($id: ID!) { updatePost(input: {id: $id, publishedAt: \"2020-01-01T00:00:00Z\"}) { id } }",
        Map.of("id", posts.get(2)));
    assertEquals(posts.get(2), postIdsOf(t, 10).get(0));
    assertEquals(posts.get(2), postIdsOf(other, 10).get(0));
  }

  @Test
  void aHeadListingADeletedPostDoesNotBringItsJoinItemBack() {
    String p = post("deleted", null);
    String q = post("kept", null);
    String t = tag("stale-" + p);
    link(p, t).requireNoErrors();
    link(q, t).requireNoErrors();
    gql("mutation($id: ID!) { deletePost(id: $id) { id } }", Map.of("id", p));
    assertTrue(item("PostTag#" + t).get("links").ss().contains(p), "the tag's head still lists the deleted post");
    rename(t, "renamed-" + p).requireNoErrors();
    assertEquals(null, item("PostTag#" + p + "#" + t), "no join item written for the deleted post");
    assertEquals(List.of(q), postIdsOf(t, 10));
    assertEquals(List.of("renamed-" + p), tagLabelsOf(q, 10));
  }

  @Test
  void anItemLinkedToMoreThanOneTransactionHoldsIsNotRenamed() {
    String t = tag("crowded-" + System.nanoTime());
    // 99 links written directly: with the tag, its unique item moved and its head, 103 writes
    List<String> links = new ArrayList<>();
    List<WriteRequest> puts = new ArrayList<>();
    for (int i = 0; i < 99; i++) {
      String p = "p" + i + "-" + t;
      links.add(p);
      Map<String, AttributeValue> join = new HashMap<>();
      join.put("PK", AttributeValue.fromS("PostTag#" + p + "#" + t));
      join.put("__typename", AttributeValue.fromS("PostTag"));
      join.put("postId", AttributeValue.fromS(p));
      join.put("tagId", AttributeValue.fromS(t));
      puts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(join).build()).build());
    }
    for (int from = 0; from < puts.size(); from += 25) {
      List<WriteRequest> chunk = puts.subList(from, Math.min(from + 25, puts.size()));
      backend.dynamoDbClient().batchWriteItem(b -> b.requestItems(Map.of(backend.tableName(), chunk)));
    }
    backend.dynamoDbClient().putItem(b -> b.tableName(backend.tableName()).item(Map.of(
        "PK", AttributeValue.fromS("PostTag#" + t), "__typename", AttributeValue.fromS("PostTag"),
        "links", AttributeValue.fromSs(links))));
    Map<String, AttributeValue> node = item("NODE#" + t);
    GraphQLResponse refused = rename(t, "zzz-" + t);
    assertEquals("TooManyLinks", refused.firstError().path("errorType").asText(), refused.toString());
    assertEquals(node, item("NODE#" + t), "nothing written");
    assertFalse(item("PostTag#" + links.get(0) + "#" + t).containsKey("SK01"));
  }

  @Test
  void connectsRacingRenamesLeaveNoStaleCopy() throws Exception {
    String t = tag("race-" + System.nanoTime());
    List<String> posts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      posts.add(post("race " + i, null));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<GraphQLResponse>> done = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String p = posts.get(i);
        String label = "race-" + i + "-" + t;
        done.add(pool.submit(() -> retried(() -> link(p, t))));
        done.add(pool.submit(() -> retried(() -> rename(t, label))));
      }
      for (Future<GraphQLResponse> f : done) {
        f.get().requireNoErrors();
      }
    } finally {
      pool.shutdownNow();
    }
    String label = item("NODE#" + t).get("label").s();
    for (String p : posts) {
      Map<String, AttributeValue> join = item("PostTag#" + p + "#" + t);
      assertTrue(join != null, "linked: " + p);
      assertTrue(join.get("SK01").s().startsWith("1" + label.toLowerCase(java.util.Locale.ROOT) + "\u0001"),
          "the copy is the current label " + label + ": " + join.get("SK01").s());
    }
  }

  @Test
  void aConnectOfAMissingItemWritesNothing() {
    String p = post("alone", null);
    int items = backend.scan().size();
    GraphQLResponse r = link(p, "no-such-tag");
    assertEquals("NotFound", r.firstError().path("errorType").asText(), r.toString());
    GraphQLResponse swapped = link(tag("swap-" + p), p);
    assertEquals("NotFound", swapped.firstError().path("errorType").asText(), swapped.toString());
    assertEquals(items + 1 + 1, backend.scan().size(), "only the tag (and its unique item) were written");
  }

  /** The join item of p and t and both link heads, by key. */
  private static Map<String, Map<String, AttributeValue>> linkItems(String p, String t) {
    Map<String, Map<String, AttributeValue>> out = new java.util.TreeMap<>();
    for (String pk : List.of("PostTag#" + p + "#" + t, "PostTag#" + p, "PostTag#" + t)) {
      out.put(pk, item(pk));
    }
    return out;
  }

  @Test
  void theJavaLayerWritesTheJoinItemsTheResolversWrite(@TempDir Path dir) throws Exception {
    String sdl = java.nio.file.Files.readString(SCHEMA);
    try (io.singletable.render.java.GeneratedJava gen = io.singletable.render.java.GeneratedJava.inline(
        sdl, dir, io.singletable.model.KeyStrategy.NODE)) {
      Object access = gen.dataAccessType().getConstructor(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class,
          String.class).newInstance(backend.dynamoDbClient(), backend.tableName());
      String p = post("Cross Runtime", "2026-02-03T04:05:06.789Z");
      String t = tag("Cross-" + p);
      link(p, t).requireNoErrors();
      Map<String, Map<String, AttributeValue>> byResolver = linkItems(p, t);
      assertTrue(byResolver.get("PostTag#" + p + "#" + t).get("SK01").s().startsWith("1cross-"), byResolver.toString());
      gql("mutation($p: ID!, $t: ID!) { removePostTag(postId: $p, tagId: $t) { postId } }", Map.of("p", p, "t", t));
      io.singletable.render.java.GeneratedJava.callOn(access, "posts.addPostTag", p, t);
      assertEquals(byResolver, linkItems(p, t), "the join item (both sort copies) and both heads, byte for byte");

      // a rename through each runtime leaves the same join item
      java.util.function.UnaryOperator<Object> relabel =
          x -> io.singletable.render.java.GeneratedJava.callOn(x, "withLabel", "Java-" + p);
      io.singletable.render.java.GeneratedJava.callOn(access, "tags.update", t, relabel);
      Map<String, AttributeValue> byJava = item("PostTag#" + p + "#" + t);
      assertTrue(byJava.get("SK01").s().startsWith("1java-"), byJava.toString());
      rename(t, "Other-" + p).requireNoErrors();
      rename(t, "Java-" + p).requireNoErrors();
      assertEquals(byJava, item("PostTag#" + p + "#" + t), "the resolver's rename writes the Java rename's copy");
    }
  }
}
