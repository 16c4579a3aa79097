package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.harness.DynamoDbLocal;
import io.singletable.model.KeyStrategy;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * {@code @list} through the generated Java on DynamoDB Local: the listed type's repository pages, streams and ranges a
 * list with one Query per page and no Scan, and a create or update through the repository puts the item in the lists
 * its values select (and moves it when they change). Requests are counted by an interceptor on the client.
 */
class ListDataAccessTest {
  static final String SCHEMA = """
      enum Status { DRAFT PUBLISHED }
      type Post @model {
        id: ID!
        title: String!
        status: Status
        category: String
        sub: String
        rank: Int
      }
      type Query {
        posts: PostConnection @list(sortBy: ["rank"])
        postsByStatus(status: Status!): PostConnection @list(by: ["status"], sortBy: ["title"])
        postsByCategory(category: String!, sub: String!): [Post] @list(by: ["category", "sub"])
        entries: EntryConnection @list(sortBy: ["title"])
      }
      type Note @model {
        id: ID!
        title: String!
      }
      union Entry = Note | Post
      """;

  @TempDir
  static Path dir;
  static GeneratedJava java;
  static DynamoDbClient client;
  static Object access;
  static final AtomicInteger QUERIES = new AtomicInteger();
  static final AtomicInteger SCANS = new AtomicInteger();

  @BeforeAll
  static void generate() throws Exception {
    java = GeneratedJava.inline(SCHEMA, dir, KeyStrategy.NODE);
    ExecutionInterceptor counter = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof QueryRequest) {
          QUERIES.incrementAndGet();
        } else if (context.request() instanceof ScanRequest) {
          SCANS.incrementAndGet();
        }
      }
    };
    client = DynamoDbClient.builder().endpointOverride(DynamoDbLocal.shared().endpoint()).region(DynamoDbLocal.REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("harness", "harness")))
        .httpClient(UrlConnectionHttpClient.builder().build())
        .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
    String table = "lists-" + System.nanoTime();
    client.createTable((CreateTableRequest) java.dataAccessType().getMethod("createTableRequest", String.class)
        .invoke(null, table));
    access = java.dataAccessType().getConstructor(DynamoDbClient.class, String.class).newInstance(client, table);
  }

  @AfterAll
  static void close() {
    java.close();
    client.close();
  }

  private static Object post(String title, Object status, String category, String sub, Integer rank) throws Exception {
    Constructor<?> c = Arrays.stream(java.schemaType("Post").getConstructors())
        .filter(x -> x.getParameterCount() == 6).findFirst().orElseThrow();
    return c.newInstance(java.call("runtime.TableAccess", "newId"), title, status, category, sub, rank);
  }

  private static Object status(String name) {
    return Arrays.stream(java.schemaType("Status").getEnumConstants()).filter(e -> e.toString().equals(name))
        .findFirst().orElseThrow();
  }

  private static Object create(Object post) {
    return GeneratedJava.callOn(access, "posts.create", post);
  }

  private static Object request(int limit, boolean desc) throws Exception {
    Object r = java.type("runtime.PageRequest").getMethod("first", int.class).invoke(null, limit);
    if (desc) {
      Class<?> direction = java.type("runtime.Direction");
      r = r.getClass().getMethod("withDirection", direction).invoke(r, direction.getEnumConstants()[1]);
    }
    return r;
  }

  private static String id(Object entity) {
    return (String) GeneratedJava.callOn(entity, "id");
  }

  /** Every id of a list, page by page; asserts one Query per page and no Scan. */
  private static List<String> all(String method, boolean desc, int limit, Object... keys) throws Exception {
    List<String> out = new ArrayList<>();
    Object request = request(limit, desc);
    int pages = 0;
    while (true) {
      Object[] args = Stream.concat(Arrays.stream(keys), Stream.of(request)).toArray();
      int before = QUERIES.get();
      Object page = GeneratedJava.callOn(access, "posts." + method, args);
      assertEquals(before + 1, QUERIES.get(), "one Query per page");
      pages++;
      ((List<?>) GeneratedJava.callOn(page, "items")).forEach(p -> out.add(id(p)));
      String token = (String) GeneratedJava.callOn(page, "nextToken");
      if (token == null) {
        break;
      }
      request = GeneratedJava.callOn(request, "after", token);
    }
    int full = (out.size() + limit - 1) / limit;
    assertTrue(pages == full || pages == full + 1, pages + " pages for " + out.size());
    return out;
  }

  @Test
  void aListPagesAndStreamsEveryItemOnceInOrderWithoutAScan() throws Exception {
    Random random = new Random(16);
    Map<String, Integer> ranks = new HashMap<>();
    for (int i = 0; i < 151; i++) {
      Integer rank = random.nextInt(8) == 0 ? null : random.nextInt(50) - 10;
      ranks.put(id(create(post("t" + i, null, null, null, rank))), rank);
    }
    List<String> expected = ranks.keySet().stream().sorted(Comparator.comparing((String id) -> ranks.get(id),
        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Comparator.naturalOrder())).toList();
    List<String> asc = all("posts", false, 40).stream().filter(ranks::containsKey).toList();
    assertEquals(expected, asc);
    List<String> desc = new ArrayList<>(all("posts", true, 33).stream().filter(ranks::containsKey).toList());
    Collections.reverse(desc);
    assertEquals(expected, desc);
    int before = QUERIES.get();
    @SuppressWarnings("unchecked")
    Stream<Object> stream = (Stream<Object>) GeneratedJava.callOn(access, "posts.postsStream", request(50, false));
    List<String> streamed = stream.map(ListDataAccessTest::id).filter(ranks::containsKey).toList();
    assertEquals(expected, streamed);
    assertTrue(QUERIES.get() - before <= 5, "a stream reads page by page");
    assertEquals(0, SCANS.get(), "no Scan, ever");
  }

  @Test
  void writesThroughTheRepositoryPutAndMoveItemsInTheirLists() throws Exception {
    List<String> drafts = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      drafts.add(id(create(post("d" + (char) ('a' + i), status("DRAFT"), null, null, i))));
    }
    UnaryOperator<Object> publish = p -> GeneratedJava.callOn(p, "withStatus", status("PUBLISHED"));
    for (String id : drafts.subList(0, 4)) {
      GeneratedJava.callOn(access, "posts.update", id, publish);
    }
    List<String> published = all("postsByStatus", false, 3, status("PUBLISHED"));
    List<String> draft = all("postsByStatus", false, 3, status("DRAFT"));
    assertTrue(published.containsAll(drafts.subList(0, 4)));
    assertTrue(draft.containsAll(drafts.subList(4, 9)));
    assertTrue(Collections.disjoint(draft, drafts.subList(0, 4)), "moved, not copied");
    // sorted by title: a range of the first sort field on a list
    Object since = java.call("runtime.SortRange", "since", "df");
    int before = QUERIES.get();
    Object page = GeneratedJava.callOn(access, "posts.postsByStatus", status("DRAFT"), since, request(100, false));
    assertEquals(before + 1, QUERIES.get());
    List<String> titles = ((List<?>) GeneratedJava.callOn(page, "items")).stream()
        .map(p -> (String) GeneratedJava.callOn(p, "title")).toList();
    assertEquals(List.of("df", "dg", "dh", "di"), titles);
    GeneratedJava.callOn(access, "posts.delete", drafts.get(8));
    assertTrue(!all("postsByStatus", true, 100, status("DRAFT")).contains(drafts.get(8)), "a deleted item leaves");
  }

  @Test
  void byValuesHoldingTheSeparatorStayApartAndNullsAreRefused() throws Exception {
    String sep = "\u0001";
    String a = id(create(post("x", null, "a" + sep + "b", "c", null)));
    String b = id(create(post("y", null, "a", "b" + sep + "c", null)));
    assertEquals(List.of(a), ids(GeneratedJava.callOn(access, "posts.postsByCategory", "a" + sep + "b", "c",
        request(10, false))));
    assertEquals(List.of(b), ids(GeneratedJava.callOn(access, "posts.postsByCategory", "a", "b" + sep + "c",
        request(10, false))));
    int before = QUERIES.get();
    assertThrows(NullPointerException.class,
        () -> GeneratedJava.callOn(access, "posts.postsByCategory", null, "c", request(10, false)));
    assertEquals(before, QUERIES.get(), "nothing read");
  }

  private static List<String> ids(Object page) {
    return ((List<?>) GeneratedJava.callOn(page, "items")).stream().map(ListDataAccessTest::id).toList();
  }

  @Test
  void theAsyncFlavourPagesAndWalksAListAsTheSyncOneDoes() throws Exception {
    try (DynamoDbAsyncClient async =
        DynamoDbAsyncClient.builder()
            .endpointOverride(DynamoDbLocal.shared().endpoint()).region(DynamoDbLocal.REGION)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("harness", "harness")))
            .build()) {
      String table = (String) GeneratedJava.callOn(access, "tableName");
      Object asyncAccess = java.type("AsyncDataAccess")
          .getConstructor(DynamoDbAsyncClient.class, String.class)
          .newInstance(async, table);
      List<String> mine = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        mine.add(id(create(post("async-" + i, status("PUBLISHED"), "async", "x", i))));
      }
      List<String> sync = ids(GeneratedJava.callOn(access, "posts.postsByCategory", "async", "x", request(100, false)));
      Object page = ((CompletableFuture<?>) GeneratedJava.callOn(asyncAccess,
          "posts.postsByCategory", "async", "x", request(100, false))).get();
      assertEquals(sync, ids(page));
      assertEquals(new TreeSet<>(mine), new TreeSet<>(sync));
      List<String> walked = Collections.synchronizedList(new ArrayList<>());
      Consumer<Object> action = p -> walked.add(id(p));
      Object pages = ((CompletableFuture<?>) GeneratedJava.callOn(asyncAccess,
          "posts.postsByCategoryForEach", "async", "x", request(3, false), action)).get();
      assertEquals(sync, walked, "every item once, in order");
      assertTrue((Integer) pages >= 3 && (Integer) pages <= 4, "pages of 3: " + pages);
    }
  }

  @Test
  void aListOfAUnionIsOnItsFirstMembersRepositoryAndDecodesEachMember() throws Exception {
    String run = "u" + System.nanoTime() + "-";
    Map<String, String> titles = new HashMap<>();
    for (int i = 0; i < 12; i++) {
      String title = run + (char) ('a' + (i * 5) % 12);
      Object created = i % 3 == 0
          ? GeneratedJava.callOn(access, "notes.create", java.schemaType("Note").getConstructors()[0]
              .newInstance(java.call("runtime.TableAccess", "newId"), title))
          : create(post(title, null, null, null, null));
      titles.put(id(created), title);
    }
    List<Object> items = new ArrayList<>();
    Object request = request(5, false);
    while (true) {
      int before = QUERIES.get();
      Object page = GeneratedJava.callOn(access, "notes.entries", request);
      assertEquals(before + 1, QUERIES.get(), "one Query per page");
      items.addAll((List<?>) GeneratedJava.callOn(page, "items"));
      String token = (String) GeneratedJava.callOn(page, "nextToken");
      if (token == null) {
        break;
      }
      request = GeneratedJava.callOn(request, "after", token);
    }
    List<Object> ours = items.stream().filter(x -> titles.containsKey(id(x))).toList();
    assertEquals(titles.values().stream().sorted().toList(), ours.stream().map(x -> titles.get(id(x))).toList(),
        "every entry once, by title");
    assertTrue(ours.stream().allMatch(java.schemaType("Entry")::isInstance), "typed as the union's sealed interface");
    assertEquals(Set.of("Note", "Post"), ours.stream().map(x -> x.getClass().getSimpleName())
        .collect(Collectors.toSet()), "each member decoded as its own record");
    assertEquals(0, SCANS.get());
  }
}
