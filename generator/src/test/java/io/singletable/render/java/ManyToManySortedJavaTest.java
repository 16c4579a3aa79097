package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.harness.DynamoDbLocal;
import io.singletable.model.KeyStrategy;
import io.singletable.model.ManyToManyModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * {@code @manyToMany(sortBy:)} through the generated Java (both flavours) on DynamoDB Local: the join items hold the
 * item codec's sort keys of the two items' values, pages come in that order, an update of a sorted field rewrites
 * exactly the join items of the item in its own transaction (and nothing more when no sorted field changes), the
 * limits (TooManyLinks, a stale head entry, a missing item) and a race of renames and connects leave no stale copy.
 * Requests are counted by an interceptor on the clients.
 */
class ManyToManySortedJavaTest {
  static final String SCHEMA = """
      type Post @model {
        id: ID!
        title: String!
        publishedAt: AWSDateTime
        body: String
        tags: TagConnection @manyToMany(relationName: "PostTag", sortBy: ["label"])
      }
      type Tag @model {
        id: ID!
        label: String! @unique
        color: String
        posts: PostConnection @manyToMany(relationName: "PostTag", sortBy: ["publishedAt", "title"])
      }
      """;

  @TempDir
  static Path dir;
  static GeneratedJava java;
  static DynamoDbClient client;
  static DynamoDbAsyncClient asyncClient;
  static String table;
  static Object access;
  static Object asyncAccess;
  static ManyToManyModel relation;
  /** Requests sent, by request class (GetItemRequest, BatchGetItemRequest, …). */
  static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
  /** Runs once, on the thread sending the next TransactWriteItems, before it is sent: a write landing in its window. */
  static final AtomicReference<Runnable> BEFORE_TRANSACTION = new AtomicReference<>();
  /** A pause before each TransactWriteItems, widening the window between a call's reads and its write. */
  static volatile int TRANSACTION_DELAY_MS;
  /** A pause before each TransactWriteItems the current thread sends (a synchronous client's calls). */
  static final ThreadLocal<Integer> THREAD_DELAY_MS = ThreadLocal.withInitial(() -> 0);
  /** Another writer, over a client that neither counts nor pauses. */
  static Object bystander;
  static DynamoDbClient plainClient;
  /** A suffix making the labels of one run unique (labels are @unique). */
  static final String RUN = Long.toString(System.nanoTime(), 36);

  @BeforeAll
  static void generate() throws Exception {
    java = GeneratedJava.inline(SCHEMA, dir, KeyStrategy.NODE);
    relation = java.model().manyToMany().get(0);
    ExecutionInterceptor counter = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        REQUESTS.computeIfAbsent(context.request().getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
        if (context.request() instanceof TransactWriteItemsRequest) {
          Runnable hook = BEFORE_TRANSACTION.getAndSet(null);
          if (hook != null) {
            hook.run();
          }
          int delay = Math.max(TRANSACTION_DELAY_MS, THREAD_DELAY_MS.get());
          if (delay > 0) {
            try {
              Thread.sleep(delay);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
      }
    };
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("harness", "harness"));
    client = DynamoDbClient.builder().endpointOverride(DynamoDbLocal.shared().endpoint()).region(DynamoDbLocal.REGION)
        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.builder().build())
        .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
    asyncClient = DynamoDbAsyncClient.builder().endpointOverride(DynamoDbLocal.shared().endpoint())
        .region(DynamoDbLocal.REGION).credentialsProvider(credentials)
        .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
    plainClient = DynamoDbClient.builder().endpointOverride(DynamoDbLocal.shared().endpoint()).region(DynamoDbLocal.REGION)
        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.builder().build()).build();
    table = newTable("m2msorted");
    bystander = java.dataAccessType().getConstructor(DynamoDbClient.class, String.class).newInstance(plainClient, table);
    access = java.dataAccessType().getConstructor(DynamoDbClient.class, String.class).newInstance(client, table);
    asyncAccess = java.type("AsyncDataAccess").getConstructor(DynamoDbAsyncClient.class, String.class)
        .newInstance(asyncClient, table);
  }

  @AfterAll
  static void close() {
    java.close();
    client.close();
    plainClient.close();
    asyncClient.close();
  }

  private static String newTable(String prefix) throws Exception {
    String name = prefix + "-" + System.nanoTime();
    client.createTable((CreateTableRequest) java.dataAccessType().getMethod("createTableRequest", String.class)
        .invoke(null, name));
    return name;
  }

  // ------------------------------------------------------------------ helpers

  private static String newId() {
    return (String) java.call("runtime.TableAccess", "newId");
  }

  private static Object post(String id, String title, String publishedAt) throws Exception {
    return java.schemaType("Post").getConstructor(String.class, String.class, String.class, String.class)
        .newInstance(id, title, publishedAt, null);
  }

  private static Object tag(String id, String label) throws Exception {
    return java.schemaType("Tag").getConstructor(String.class, String.class, String.class).newInstance(id, label, null);
  }

  private static String createPost(Object on, String title, String publishedAt) throws Exception {
    String id = newId();
    GeneratedJava.callOn(on, "posts.create", post(id, title, publishedAt));
    return id;
  }

  private static String createTag(Object on, String label) throws Exception {
    String id = newId();
    GeneratedJava.callOn(on, "tags.create", tag(id, label + "-" + RUN));
    return id;
  }

  private static void link(String p, String t) {
    GeneratedJava.callOn(access, "posts.addPostTag", p, t);
  }

  private static Object op(String wither, Object value) {
    return (UnaryOperator<Object>) x -> GeneratedJava.callOn(x, wither, value);
  }

  private static void renameTag(Object on, String t, String label) {
    GeneratedJava.callOn(on, "tags.update", t, op("withLabel", label + "-" + RUN));
  }

  /** Every item of a table, by PK (a consistent Scan). */
  private static Map<String, Map<String, AttributeValue>> items(String name) {
    Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
    client.scanPaginator(ScanRequest.builder().tableName(name).consistentRead(true).build()).items()
        .forEach(i -> out.put(i.get("PK").s(), i));
    return out;
  }

  private static Map<String, AttributeValue> item(String pk) {
    var response = client.getItem(b -> b.tableName(table).key(Map.of("PK", AttributeValue.fromS(pk))).consistentRead(true));
    return response.hasItem() ? response.item() : null;
  }

  private static String nodeKey(String type, String id) {
    return (String) java.call("ItemCodec", type.toLowerCase() + "NodeKey", id);
  }

  private static String s(Map<String, AttributeValue> item, String field) {
    AttributeValue v = item.get(field);
    return v == null || Boolean.TRUE.equals(v.nul()) ? null : v.s();
  }

  /** Side a's sort key of a tag (Post.tags sorts by label), from the stored node, by the codec's static method. */
  private static String tagKey(Map<String, AttributeValue> tag) {
    return (String) java.call("ItemCodec", "postTagsSortKey", s(tag, "label"), s(tag, "id"));
  }

  /** Side b's sort key of a post (Tag.posts sorts by publishedAt, title). */
  private static String postKey(Map<String, AttributeValue> post) {
    return (String) java.call("ItemCodec", "tagPostsSortKey", s(post, "publishedAt"), s(post, "title"), s(post, "id"));
  }

  /** The join items of a table. */
  private static List<Map<String, AttributeValue>> joins(Map<String, Map<String, AttributeValue>> items) {
    return items.values().stream().filter(i -> "PostTag".equals(s(i, "__typename")) && i.containsKey("postId")).toList();
  }

  /**
   * Asserts that every join item of the tags' sort keys are the codec's of the current nodes' values; returns how
   * many there are.
   */
  private static int assertJoinsCurrent(Map<String, Map<String, AttributeValue>> items, String... tags) {
    int n = 0;
    for (Map<String, AttributeValue> join : joins(items)) {
      if (!List.of(tags).contains(s(join, "tagId"))) {
        continue;
      }
      Map<String, AttributeValue> post = items.get(nodeKey("Post", s(join, "postId")));
      Map<String, AttributeValue> tag = items.get(nodeKey("Tag", s(join, "tagId")));
      assertTrue(post != null && tag != null, "a join item of existing nodes: " + join);
      assertEquals(tagKey(tag), s(join, relation.a().sortAttribute()), "side a's key of " + join);
      assertEquals(postKey(post), s(join, relation.b().sortAttribute()), "side b's key of " + join);
      n++;
    }
    return n;
  }

  private static Object request(int limit) throws Exception {
    return java.type("runtime.PageRequest").getMethod("first", int.class).invoke(null, limit);
  }

  /** Every id of a side's pages (sync), page by page. */
  private static List<String> page(String method, String parent, int limit) throws Exception {
    List<String> out = new ArrayList<>();
    Object request = request(limit);
    int pages = 0;
    while (true) {
      Object page = GeneratedJava.callOn(access, method, parent, request);
      pages++;
      ((List<?>) GeneratedJava.callOn(page, "items")).forEach(x -> out.add((String) GeneratedJava.callOn(x, "id")));
      String next = (String) GeneratedJava.callOn(page, "nextToken");
      if (next == null) {
        return out;
      }
      assertTrue(pages < 100, "paging ends");
      request = GeneratedJava.callOn(request, "after", next);
    }
  }

  /** Every id of a side's items, the async flavour's forEach over pages of {@code limit}. */
  private static List<String> asyncPage(String method, String parent, int limit) throws Exception {
    List<String> out = Collections.synchronizedList(new ArrayList<>());
    Consumer<Object> action = x -> out.add((String) GeneratedJava.callOn(x, "id"));
    await(GeneratedJava.callOn(asyncAccess, method, parent, request(limit), action));
    return out;
  }

  private static void resetRequests() {
    REQUESTS.clear();
  }

  private static Map<String, Integer> requests() {
    Map<String, Integer> out = new TreeMap<>();
    REQUESTS.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** The future's value; its failure thrown as the synchronous method would throw it. */
  private static Object await(Object future) {
    try {
      return ((CompletableFuture<?>) future).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Throwable failure(Runnable call) {
    Throwable e = assertThrows(Throwable.class, call::run);
    while ((e instanceof ExecutionException || e instanceof java.util.concurrent.CompletionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  // ------------------------------------------------------------------ tests

  @Test
  void sortedSidesOfEveryKindOfFieldAndShadowingNamesCompile(@TempDir Path other) throws Exception {
    // enum, Int, Boolean, AWSDate and id sort fields; types named like the runtime's record and the JDK's function
    String sdl = """
        enum Level { LOW HIGH }
        type SortedLink @model {
          id: ID!
          level: Level
          rank: Int
          after: Boolean
          day: AWSDate
          functions: BiFunctionConnection @manyToMany(relationName: "Uses", sortBy: ["rank", "id"])
        }
        type BiFunction @model {
          id: ID!
          before: String @unique
          rank: Int!
          links: SortedLinkConnection @manyToMany(relationName: "Uses", sortBy: ["level", "after", "day"])
        }
        """;
    try (GeneratedJava gen = GeneratedJava.inline(sdl, other, KeyStrategy.NODE)) {
      assertTrue(gen.codecType().getName().endsWith("ItemCodec"));
    }
  }

  @Test
  void joinItemsHoldTheCodecsSortKeysOfBothNodes() throws Exception {
    String p1 = createPost(access, "alpha", "2024-01-02T03:04:05.678Z");
    String p2 = createPost(access, "beta", null);
    String t = createTag(access, "kiwi");
    link(p1, t);
    link(p2, t);
    Map<String, Map<String, AttributeValue>> items = items(table);
    Map<String, AttributeValue> tagNode = items.get(nodeKey("Tag", t));
    for (String p : List.of(p1, p2)) {
      Map<String, AttributeValue> join = items.get("PostTag#" + p + "#" + t);
      Map<String, AttributeValue> postNode = items.get(nodeKey("Post", p));
      assertEquals(Set.of("PK", "__typename", "postId", "tagId", relation.a().partitionAttribute(),
          relation.a().sortAttribute(), relation.b().partitionAttribute(), relation.b().sortAttribute()), join.keySet(),
          "nothing but the keys, ids and index attributes");
      assertEquals("PostTag#" + p, s(join, relation.a().partitionAttribute()));
      assertEquals("PostTag#" + t, s(join, relation.b().partitionAttribute()));
      assertEquals(tagKey(tagNode), s(join, relation.a().sortAttribute()), "SKa: the tag's label, then its id");
      assertEquals(postKey(postNode), s(join, relation.b().sortAttribute()), "SKb: the post's publishedAt, title, id");
      assertTrue(s(join, relation.a().sortAttribute()).endsWith(t));
      assertNotEquals(p + "", s(join, relation.b().sortAttribute()), "not the bare id of the unsorted relation");
    }
    // the sort keys of a null and a non-null publishedAt differ in their bucket, not only in the id
    assertNotEquals(s(items.get("PostTag#" + p1 + "#" + t), relation.b().sortAttribute()).substring(0, 1),
        s(items.get("PostTag#" + p2 + "#" + t), relation.b().sortAttribute()).substring(0, 1));
    link(p1, t); // again: no change
    assertEquals(items, items(table));
  }

  @Test
  void pagesOfEitherSideComeInSortOrderInBothFlavours() throws Exception {
    List<String> words = new ArrayList<>(List.of("mango", "apple", "peach", "fig", "cherry", "banana", "lime"));
    Collections.shuffle(words, new Random(7));
    String p = createPost(access, "hub", "2024-05-05T00:00:00.000Z");
    Map<String, String> labelOf = new HashMap<>();
    for (String w : words) {
      String t = createTag(access, w);
      labelOf.put(t, w);
      link(p, t);
    }
    List<String> byLabel = new ArrayList<>(labelOf.keySet());
    byLabel.sort(Comparator.comparing(labelOf::get));
    assertEquals(byLabel, page("posts.tags", p, 3), "tags by label, over 3 pages");
    assertEquals(byLabel, asyncPage("posts.tagsForEach", p, 3), "the async flavour reads the same order");

    String t = createTag(access, "hub");
    String[][] posts = {
        {"delta", "2024-03-01T00:00:00.000Z"}, {"alpha", null}, {"charlie", "2023-12-31T23:59:59.999Z"},
        {"bravo", "2024-03-01T00:00:00.000Z"}, {"echo", null}, {"bravo", "2024-03-01T00:00:00.000Z"},
        {"alpha", "2025-01-01T00:00:00.000Z"}, {"zulu", "2020-06-01T12:00:00.000Z"}};
    List<String[]> expected = new ArrayList<>();
    for (String[] x : posts) {
      String id = createPost(access, x[1] == null ? x[0] : x[0], x[1]);
      expected.add(new String[] {x[1], x[0], id});
      link(id, t);
    }
    // by publishedAt (nulls last), then title, then id
    expected.sort(Comparator.<String[], Boolean>comparing(x -> x[0] == null).thenComparing(x -> x[0] == null ? "" : x[0])
        .thenComparing(x -> x[1]).thenComparing(x -> x[2]));
    List<String> byDate = expected.stream().map(x -> x[2]).toList();
    assertEquals(byDate, page("tags.posts", t, 3), "posts by publishedAt, nulls last, then title, then id");
    assertEquals(byDate, asyncPage("tags.postsForEach", t, 3));
    assertEquals(byDate, page("tags.posts", t, 100), "one page");
  }

  @Test
  void renamingATagRewritesExactlyItsJoinItemsInOneTransaction() throws Exception {
    String t = createTag(access, "mid");
    String u = createTag(access, "next");
    List<String> posts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String p = createPost(access, "post " + i, "2024-01-0" + (i + 1) + "T00:00:00.000Z");
      posts.add(p);
      link(p, t);
      link(p, u);
      assertEquals(List.of(t, u), page("posts.tags", p, 10));
    }
    Map<String, Map<String, AttributeValue>> before = items(table);
    resetRequests();
    renameTag(access, t, "zzz");
    assertEquals(Map.of("GetItemRequest", 1, "BatchGetItemRequest", 2, "TransactWriteItemsRequest", 1), requests(),
        "a read of the node, one of its heads, one of its join items, one transaction");
    Map<String, Map<String, AttributeValue>> after = items(table);
    Set<String> changed = new HashSet<>();
    for (String pk : union(before.keySet(), after.keySet())) {
      if (!Objects.equals(before.get(pk), after.get(pk))) {
        changed.add(pk);
      }
    }
    Set<String> joinKeys = new HashSet<>();
    posts.forEach(p -> joinKeys.add("PostTag#" + p + "#" + t));
    Set<String> expected = new HashSet<>(joinKeys);
    expected.add(nodeKey("Tag", t));
    changed.stream().filter(pk -> !pk.startsWith("PostTag")).forEach(pk -> assertTrue(pk.equals(nodeKey("Tag", t))
        || s(before.getOrDefault(pk, after.get(pk)), "label") != null, "only the node and its unique items: " + pk));
    assertEquals(joinKeys, changed.stream().filter(pk -> pk.startsWith("PostTag")).collect(Collectors.toSet()),
        "exactly the tag's join items");
    for (String k : joinKeys) {
      Map<String, AttributeValue> was = new HashMap<>(before.get(k));
      Map<String, AttributeValue> is = new HashMap<>(after.get(k));
      assertNotEquals(was.remove(relation.a().sortAttribute()), is.remove(relation.a().sortAttribute()));
      assertEquals(was, is, "every other attribute byte-identical");
    }
    assertEquals(5, joins(after).stream().filter(j -> s(j, "tagId").equals(t)).count());
    assertEquals(10, assertJoinsCurrent(after, t, u));
    for (String p : posts) {
      assertEquals(List.of(u, t), page("posts.tags", p, 1), "the post's tags re-sorted");
      assertEquals(List.of(u, t), asyncPage("posts.tagsForEach", p, 1));
    }

    resetRequests();
    GeneratedJava.callOn(access, "tags.update", t, op("withColor", "red"));
    assertEquals(Map.of("GetItemRequest", 1, "TransactWriteItemsRequest", 1), requests(),
        "no sorted field changed: the update of a type with a unique field, nothing more");
    resetRequests();
    GeneratedJava.callOn(access, "posts.update", posts.get(0), op("withBody", "text"));
    assertEquals(Map.of("GetItemRequest", 1, "PutItemRequest", 1), requests(), "no sorted field changed: one PutItem");
    resetRequests();
    await(GeneratedJava.callOn(asyncAccess, "posts.update", posts.get(1), op("withBody", "text")));
    assertEquals(Map.of("GetItemRequest", 1, "PutItemRequest", 1), requests(), "the same in the async flavour");

    // a post's title: its join items' side b keys follow, and the tag's page of posts re-sorts
    assertEquals(posts, page("tags.posts", t, 2));
    resetRequests();
    GeneratedJava.callOn(access, "posts.update", posts.get(4), op("withPublishedAt", "2000-01-01T00:00:00.000Z"));
    assertEquals(Map.of("GetItemRequest", 1, "BatchGetItemRequest", 2, "TransactWriteItemsRequest", 1), requests());
    List<String> reordered = new ArrayList<>(posts);
    reordered.add(0, reordered.remove(4));
    assertEquals(reordered, page("tags.posts", t, 2));
    assertEquals(reordered, page("tags.posts", u, 2));
    assertEquals(reordered, asyncPage("tags.postsForEach", u, 2));
    assertEquals(10, assertJoinsCurrent(items(table), t, u));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }

  @Test
  void aTagLinkedToMoreThanFitIsRefusedAsTooManyLinksWithNothingWritten() throws Exception {
    String t = createTag(access, "crowded");
    List<Object> values = new ArrayList<>();
    List<String> posts = new ArrayList<>();
    for (int i = 0; i < 97; i++) {
      String id = newId();
      posts.add(id);
      values.add(post(id, "post " + i, null));
    }
    GeneratedJava.callOn(access, "posts.createAll", values);
    posts.forEach(p -> link(p, t));
    // node + old and new unique item + 97 join items + the head check: 101 actions
    Map<String, Map<String, AttributeValue>> before = items(table);
    Throwable e = failure(() -> renameTag(access, t, "renamed-crowded"));
    assertEquals("DataAccessException", e.getClass().getSimpleName(), String.valueOf(e));
    assertEquals("TooManyLinks", GeneratedJava.callOn(e, "errorType"));
    assertEquals(before, items(table), "nothing written: node, unique items and join items unchanged");
    Throwable async = failure(() -> await(GeneratedJava.callOn(asyncAccess, "tags.update", t,
        op("withLabel", "renamed-crowded-" + RUN))));
    assertEquals("TooManyLinks", GeneratedJava.callOn(async, "errorType"), "the async flavour refuses it too");
    assertEquals(before, items(table));
    // one link fewer: 100 actions fit
    GeneratedJava.callOn(access, "posts.removePostTag", posts.get(0), t);
    renameTag(access, t, "renamed-crowded");
    Map<String, Map<String, AttributeValue>> after = items(table);
    assertEquals("renamed-crowded-" + RUN, s(after.get(nodeKey("Tag", t)), "label"));
    assertEquals(96, joins(after).stream().filter(j -> s(j, "tagId").equals(t)).count());
    assertEquals(96, assertJoinsCurrent(after, t));
  }

  @Test
  void aStaleHeadEntryIsSkippedAndNoJoinItemIsMadeAgain() throws Exception {
    String p = createPost(access, "gone", null);
    String q = createPost(access, "kept", null);
    String t = createTag(access, "stale");
    link(p, t);
    link(q, t);
    GeneratedJava.callOn(access, "posts.delete", p);
    assertTrue(item("PostTag#" + t).get("links").ss().contains(p), "the tag's head still lists the deleted post");
    assertEquals(null, item("PostTag#" + p + "#" + t));
    renameTag(access, t, "fresh");
    assertEquals(null, item("PostTag#" + p + "#" + t), "no join item made for the deleted post");
    assertEquals("fresh-" + RUN, s(item(nodeKey("Tag", t)), "label"));
    assertEquals(tagKey(item(nodeKey("Tag", t))), s(item("PostTag#" + q + "#" + t), relation.a().sortAttribute()));
    await(GeneratedJava.callOn(asyncAccess, "tags.update", t, op("withLabel", "fresher-" + RUN)));
    assertEquals(null, item("PostTag#" + p + "#" + t), "nor by the async flavour");
    assertEquals(tagKey(item(nodeKey("Tag", t))), s(item("PostTag#" + q + "#" + t), relation.a().sortAttribute()));
  }

  @Test
  void aConnectOfAMissingOrWrongItemIsNotFoundWithNothingWritten() throws Exception {
    String p = createPost(access, "lonely", null);
    String t = createTag(access, "lonely");
    Map<String, Map<String, AttributeValue>> before = items(table);
    String missing = newId();
    resetRequests();
    Throwable e = failure(() -> link(missing, t));
    assertEquals("NotFoundException", e.getClass().getSimpleName());
    assertEquals("no Post has the id " + missing, e.getMessage());
    assertEquals(Map.of("BatchGetItemRequest", 1), requests(), "one consistent read, no write");
    e = failure(() -> link(p, missing));
    assertEquals("no Tag has the id " + missing, e.getMessage());
    e = failure(() -> link(t, p));
    assertEquals("NotFoundException", e.getClass().getSimpleName(), "a tag's id as the post's: wrong type");
    e = failure(() -> await(GeneratedJava.callOn(asyncAccess, "posts.addPostTag", p, missing)));
    assertEquals("NotFoundException", e.getClass().getSimpleName(), String.valueOf(e));
    assertEquals("no Tag has the id " + missing, e.getMessage());
    assertEquals(before, items(table), "nothing written");
  }

  @Test
  void aRenameBetweenAConnectsReadAndItsWriteMakesTheConnectReadAgain() throws Exception {
    for (boolean async : List.of(false, true)) {
      String p = createPost(access, "interleaved", null);
      String t = createTag(access, "before-" + async);
      BEFORE_TRANSACTION.set(() -> renameTag(bystander, t, "during-" + async));
      resetRequests();
      if (async) {
        await(GeneratedJava.callOn(asyncAccess, "posts.addPostTag", p, t));
      } else {
        link(p, t);
      }
      assertEquals(null, BEFORE_TRANSACTION.get(), "the rename ran in the connect's window");
      assertEquals(Map.of("BatchGetItemRequest", 2, "TransactWriteItemsRequest", 2), requests(),
          "the first write failed on the changed label; the connect read both items again");
      Map<String, AttributeValue> tag = item(nodeKey("Tag", t));
      assertEquals("during-" + async + "-" + RUN, s(tag, "label"));
      assertEquals(tagKey(tag), s(item("PostTag#" + p + "#" + t), relation.a().sortAttribute()),
          "the join item holds the label as renamed");
    }
  }

  @Test
  void aConnectBetweenARenamesReadsAndItsWriteMakesTheRenameReadAgain() throws Exception {
    for (boolean async : List.of(false, true)) {
      String p = createPost(access, "linked first", null);
      String q = createPost(access, "linked during", null);
      String t = createTag(access, "old-" + async);
      link(p, t);
      BEFORE_TRANSACTION.set(() -> GeneratedJava.callOn(bystander, "posts.addPostTag", q, t));
      resetRequests();
      if (async) {
        await(GeneratedJava.callOn(asyncAccess, "tags.update", t, op("withLabel", "new-" + async + "-" + RUN)));
      } else {
        renameTag(access, t, "new-" + async);
      }
      assertEquals(null, BEFORE_TRANSACTION.get(), "the connect ran in the rename's window");
      assertEquals(Map.of("GetItemRequest", 2, "BatchGetItemRequest", 4, "TransactWriteItemsRequest", 2), requests(),
          "the first write failed on the head's links; the rename read again");
      Map<String, AttributeValue> tag = item(nodeKey("Tag", t));
      assertEquals("new-" + async + "-" + RUN, s(tag, "label"));
      for (String x : List.of(p, q)) {
        assertEquals(tagKey(tag), s(item("PostTag#" + x + "#" + t), relation.a().sortAttribute()),
            "the join item made during the rename holds the new label too");
      }
    }
  }

  @Test
  void renamesRacingConnectsLeaveNoStaleSortKey() throws Exception {
    Object patient = GeneratedJava.callOn(access, "withRetryPolicy", GeneratedJava.callOn(
        java.type("runtime.RetryPolicy").getField("DEFAULT").get(null), "withMaxAttempts", 40));
    String t = createTag(access, "raced");
    List<String> posts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      posts.add(createPost(access, "raced " + i, i % 3 == 0 ? null : "2024-02-0" + (i % 9 + 1) + "T00:00:00.000Z"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    TRANSACTION_DELAY_MS = 10;
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        int n = thread;
        work.add(pool.submit(() -> {
          for (int i = 0; i < 10; i++) {
            if (n < 2) {
              GeneratedJava.callOn(patient, "tags.update", t, op("withLabel", "raced-" + n + "-" + i + "-" + RUN));
            } else {
              GeneratedJava.callOn(patient, "posts.addPostTag", posts.get((n - 2) * 10 + i), t);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      TRANSACTION_DELAY_MS = 0;
      pool.shutdownNow();
    }
    Map<String, Map<String, AttributeValue>> items = items(table);
    assertEquals(20, joins(items).stream().filter(j -> s(j, "tagId").equals(t)).count());
    assertTrue(s(items.get(nodeKey("Tag", t)), "label").matches("raced-[01]-9-" + RUN));
    assertEquals(20, assertJoinsCurrent(items, t));
    assertEquals(new HashSet<>(posts), new HashSet<>(items.get("PostTag#" + t).get("links").ss()));
  }

  @Test
  void renamesRacingConnectsRoundByRoundLeaveNoStaleSortKey() throws Exception {
    // two pairs of threads, ten rounds each: in a round one thread renames a tag while the other links it to a new
    // post, both starting together; the connect waits 10 ms between its read and its write, so the rename often lands
    // in that window (the connect must then read again) and otherwise finds a link made since its read of the head
    Object patient = GeneratedJava.callOn(access, "withRetryPolicy", GeneratedJava.callOn(
        java.type("runtime.RetryPolicy").getField("DEFAULT").get(null), "withMaxAttempts", 40));
    List<String> tags = new ArrayList<>();
    List<String> posts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String t = createTag(access, "round-" + i);
      tags.add(t);
      link(createPost(access, "first " + i, null), t);
      posts.add(createPost(access, "round " + i, "2024-03-0" + (i % 9 + 1) + "T00:00:00.000Z"));
    }
    java.util.concurrent.CyclicBarrier[] start = {new java.util.concurrent.CyclicBarrier(2),
        new java.util.concurrent.CyclicBarrier(2)};
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        int pair = thread % 2;
        boolean renamer = thread < 2;
        work.add(pool.submit(() -> {
          THREAD_DELAY_MS.set(renamer ? 0 : 10);
          for (int round = 0; round < 10; round++) {
            int i = pair * 10 + round;
            start[pair].await();
            if (renamer) {
              GeneratedJava.callOn(patient, "tags.update", tags.get(i), op("withLabel", "renamed-" + i + "-" + RUN));
            } else {
              GeneratedJava.callOn(patient, "posts.addPostTag", posts.get(i), tags.get(i));
            }
          }
          THREAD_DELAY_MS.set(0);
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Map<String, AttributeValue>> items = items(table);
    for (String t : tags) {
      assertTrue(s(items.get(nodeKey("Tag", t)), "label").startsWith("renamed-"));
    }
    assertEquals(40, assertJoinsCurrent(items, tags.toArray(String[]::new)), "two links per tag, none stale");
  }

  @Test
  void inATransactionTheReadsAreMadeAtOnceAndTheWritesJoinIt() throws Exception {
    String p = createPost(access, "tx", null);
    String q = createPost(access, "tx too", "2024-07-07T07:07:07.000Z");
    String t = createTag(access, "tx");
    String u = createTag(access, "tx-other");
    link(p, t);
    String r = newId();
    resetRequests();
    GeneratedJava.callOn(access, "transaction", (Consumer<Object>) tx -> {
      renameTag(tx, t, "tx-renamed");
      GeneratedJava.callOn(tx, "posts.addPostTag", q, u);
      try {
        GeneratedJava.callOn(tx, "posts.create", post(r, "created with them", null));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertEquals(Map.of("GetItemRequest", 1, "BatchGetItemRequest", 3, "TransactWriteItemsRequest", 1), requests(),
        "the rename's three reads and the connect's read at once, every write in the one transaction");
    Map<String, Map<String, AttributeValue>> items = items(table);
    assertTrue(items.containsKey(nodeKey("Post", r)));
    assertEquals("tx-renamed-" + RUN, s(items.get(nodeKey("Tag", t)), "label"));
    assertEquals(2, assertJoinsCurrent(items, t, u), "the renamed tag's join item and the new link's, both current");

    resetRequests();
    await(GeneratedJava.callOn(asyncAccess, "transaction", (java.util.function.Function<Object, CompletableFuture<?>>) tx ->
        (CompletableFuture<?>) GeneratedJava.callOn(tx, "tags.update", t, op("withLabel", "tx-async-" + RUN))));
    assertEquals(Map.of("GetItemRequest", 1, "BatchGetItemRequest", 2, "TransactWriteItemsRequest", 1), requests());
    assertEquals(2, assertJoinsCurrent(items(table), t, u), "the async flavour's transaction moves them too");
    assertEquals("tx-async-" + RUN, s(item(nodeKey("Tag", t)), "label"));
  }

  @Test
  void theAsyncFlavourWritesTheSameItems() throws Exception {
    String syncTable = newTable("m2msync");
    String asyncTable = newTable("m2masync");
    Object sync = java.dataAccessType().getConstructor(DynamoDbClient.class, String.class).newInstance(client, syncTable);
    Object async = java.type("AsyncDataAccess").getConstructor(DynamoDbAsyncClient.class, String.class)
        .newInstance(asyncClient, asyncTable);
    String p1 = newId();
    String p2 = newId();
    String t1 = newId();
    String t2 = newId();
    List<Object[]> calls = List.of(
        new Object[] {"posts.create", post(p1, "one", "2024-01-01T00:00:00.000Z")},
        new Object[] {"posts.create", post(p2, "two", null)},
        new Object[] {"tags.create", tag(t1, "first")},
        new Object[] {"tags.create", tag(t2, "second")},
        new Object[] {"posts.addPostTag", p1, t1},
        new Object[] {"posts.addPostTag", p1, t2},
        new Object[] {"posts.addPostTag", p2, t1},
        new Object[] {"tags.update", t1, op("withLabel", "zeroth")},
        new Object[] {"posts.update", p1, op("withTitle", "uno")},
        new Object[] {"posts.update", p2, op("withPublishedAt", "2023-01-01T00:00:00.000Z")},
        new Object[] {"tags.update", t2, op("withColor", "blue")},
        new Object[] {"posts.removePostTag", p2, t1},
        new Object[] {"posts.addPostTag", p2, t2},
        new Object[] {"posts.addPostTag", p2, t2});
    for (Object[] call : calls) {
      Object[] args = Arrays.copyOfRange(call, 1, call.length);
      GeneratedJava.callOn(sync, (String) call[0], args);
      await(GeneratedJava.callOn(async, (String) call[0], args));
    }
    Map<String, Map<String, AttributeValue>> written = items(syncTable);
    assertEquals(written, items(asyncTable), "byte for byte");
    assertEquals(3, assertJoinsCurrent(written, t1, t2));
    assertFalse(written.isEmpty());
  }
}
