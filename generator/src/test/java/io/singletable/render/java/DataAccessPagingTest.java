package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.harness.DynamoDbLocal;
import io.singletable.model.KeyStrategy;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Issue 15 item 4 on DynamoDB Local, through the generated Java: cursors bound to their relation, parent, order and
 * range (a foreign or altered one is refused before any Query); lazy streams and pages of a {@code @hasMany} (one
 * Query per page reached); ranges of the first sort field ({@code since}, {@code until}, {@code between}, {@code
 * beginsWith}) built from the codec's encoding, with nulls outside every range, in both orders and with paging.
 * Queries are counted by an interceptor on the client.
 */
class DataAccessPagingTest {
  static final String SCHEMA = """
      type Board @model {
        id: ID!
        byRank: [Card] @hasMany(field: "boardId", sortBy: ["rank", "title"], nulls: FIRST)
        byTitle: [Card] @hasMany(field: "boardId", sortBy: ["title"])
        byCase: [Card] @hasMany(field: "boardId", sortBy: ["title"], ignoreCase: false)
        byWhen: CardConnection @hasMany(field: "boardId", sortBy: ["when"], nulls: FIRST)
        tags: [Tag] @hasMany(field: "boardId")
      }
      type Card @model { id: ID! boardId: ID rank: Int title: String when: AWSDateTime }
      type Tag @model { id: ID! boardId: ID label: String }
      """;

  @TempDir
  static Path dir;
  static GeneratedJava java;
  static int tables;
  static final AtomicInteger QUERIES = new AtomicInteger();
  static DynamoDbClient client;
  String table;
  Object access;

  @BeforeAll
  static void generate() throws Exception {
    java = GeneratedJava.inline(SCHEMA, dir, KeyStrategy.NODE);
    ExecutionInterceptor counter = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof QueryRequest) {
          QUERIES.incrementAndGet();
        }
      }
    };
    client = DynamoDbClient.builder().endpointOverride(DynamoDbLocal.shared().endpoint()).region(DynamoDbLocal.REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("harness", "harness")))
        .httpClient(UrlConnectionHttpClient.builder().build())
        .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
  }

  @AfterAll
  static void close() {
    java.close();
    client.close();
  }

  @BeforeEach
  void freshTable() throws Exception {
    table = "paging-" + ++tables + "-" + System.nanoTime();
    client.createTable((CreateTableRequest) java.dataAccessType().getMethod("createTableRequest", String.class).invoke(null, table));
    access = java.dataAccessType().getConstructor(DynamoDbClient.class, String.class).newInstance(client, table);
  }

  // ---------------------------------------------------------------- helpers

  /** Writes the items in batches of 25, each exactly as the codec encodes it (as a create writes it). */
  private void put(List<Object> entities) {
    List<WriteRequest> writes = new ArrayList<>();
    for (Object e : entities) {
      @SuppressWarnings("unchecked")
      Map<String, AttributeValue> item = (Map<String, AttributeValue>) java.call(java.codecType().getSimpleName(), "encode", e);
      writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
    }
    for (int i = 0; i < writes.size(); i += 25) {
      List<WriteRequest> batch = writes.subList(i, Math.min(i + 25, writes.size()));
      client.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
    }
  }

  private Object card(String id, String boardId, Integer rank, String title, String when) throws Exception {
    return constructor("Card", 5).newInstance(id, boardId, rank, title, when);
  }

  private Object tag(String id, String boardId) throws Exception {
    return constructor("Tag", 3).newInstance(id, boardId, "label");
  }

  private Constructor<?> constructor(String type, int parameters) {
    return Arrays.stream(java.schemaType(type).getConstructors()).filter(c -> c.getParameterCount() == parameters)
        .findFirst().orElseThrow();
  }

  private Object request(int limit) throws Exception {
    return java.type("runtime.PageRequest").getMethod("first", int.class).invoke(null, limit);
  }

  private Object desc(Object request) throws Exception {
    Class<?> direction = java.type("runtime.Direction");
    return request.getClass().getMethod("withDirection", direction).invoke(request, direction.getEnumConstants()[1]);
  }

  private static Object after(Object request, String token) {
    return GeneratedJava.callOn(request, "after", token);
  }

  private Object range(String kind, Object... bounds) {
    return java.call("runtime.SortRange", kind, bounds);
  }

  private Object call(String key, Object... args) {
    return GeneratedJava.callOn(access, java.accessMethod(key), args);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> items(Object page) {
    return (List<Object>) GeneratedJava.callOn(page, "items");
  }

  private static String token(Object page) {
    return (String) GeneratedJava.callOn(page, "nextToken");
  }

  private static List<String> ids(List<?> entities) {
    return entities.stream().map(e -> (String) GeneratedJava.callOn(e, "id")).toList();
  }

  /** Queries made by {@code work}. */
  private static int queries(Runnable work) {
    int before = QUERIES.get();
    work.run();
    return QUERIES.get() - before;
  }

  /** Asserts {@code work} throws IllegalArgumentException without a single Query. */
  private static void refusedBeforeAnyQuery(String what, Runnable work) {
    int before = QUERIES.get();
    assertThrows(IllegalArgumentException.class, work::run, what);
    assertEquals(before, QUERIES.get(), what + ": no Query made");
  }

  private static String id(int i) {
    return String.format("c%03d", i);
  }

  // ---------------------------------------------------------------- lazy paging

  @Test
  void aStreamReadsEveryItemOnceInOrderOneQueryPerPageOnlyAsConsumed() throws Exception {
    int n = 263;
    List<Object> cards = new ArrayList<>();
    List<Integer> ranks = IntStream.range(0, n).boxed().collect(Collectors.toList());
    Collections.shuffle(ranks, new java.util.Random(15));
    for (int i = 0; i < n; i++) {
      cards.add(card(id(i), "b1", ranks.get(i), "t" + i, null));
    }
    for (int i = 0; i < 7; i++) {
      cards.add(card("other" + i, "b2", i, "x", null)); // another parent
      cards.add(tag("tag" + i, "b1")); // another type and relation of the same parent
    }
    put(cards);
    List<String> byRank = new ArrayList<>();
    for (int rank = 0; rank < n; rank++) {
      byRank.add(id(ranks.indexOf(rank)));
    }

    for (int limit : new int[] {25, 100, 263, 1000}) {
      Object request = request(limit);
      List<Object> seen = new ArrayList<>();
      @SuppressWarnings("unchecked")
      Stream<Object> stream = (Stream<Object>) call("stream Board.byRank", "b1", request);
      int made = queries(() -> {
        try (stream) {
          stream.forEach(seen::add);
        }
      });
      assertEquals(byRank, ids(seen), "limit " + limit + ": each item once, in order");
      int pages = (n + limit - 1) / limit;
      assertTrue(made == pages || made == pages + 1, "limit " + limit + ": " + made + " Queries for " + pages + " pages");
      @SuppressWarnings("unchecked")
      Stream<Object> reversed = (Stream<Object>) call("stream Board.byRank", "b1", desc(request));
      List<String> expected = new ArrayList<>(byRank);
      Collections.reverse(expected);
      assertEquals(expected, ids(reversed.toList()), "limit " + limit + ": DESC is the exact reverse");
    }

    // lazy: nothing read until consumed, one Query for the first five items
    Supplier<Stream<?>> fresh = () -> (Stream<?>) call("stream Board.byRank", "b1", unchecked(() -> request(100)));
    assertEquals(0, queries(fresh::get), "creating the stream reads nothing");
    List<Object> five = new ArrayList<>();
    assertEquals(1, queries(() -> fresh.get().limit(5).forEach(five::add)), "limit(5) reads one page");
    assertEquals(byRank.subList(0, 5), ids(five));
    assertEquals(1, queries(() -> fresh.get().findFirst()), "findFirst reads one page");
    // by the entity, as by its id
    Object board = constructor("Board", 1).newInstance("b1");
    assertEquals(byRank, ids(((Stream<?>) call("stream Board.byRank", board, request(50))).toList()));
    // a stream of a relation without sortBy: by id
    assertEquals(IntStream.range(0, 7).mapToObj(i -> "tag" + i).toList(),
        ids(((Stream<?>) call("stream Board.tags", "b1", request(2))).toList()));
  }

  @Test
  void pagesIterateLazilyAndEachIterationStartsAgain() throws Exception {
    List<Object> cards = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      cards.add(card(id(i), "b1", i, null, null));
    }
    put(cards);
    Iterable<?> pages = (Iterable<?>) call("pages Board.byRank", "b1", request(100));
    assertEquals(0, queries(pages::iterator), "no Query before the first page is asked for");
    for (int round = 0; round < 2; round++) {
      Iterator<?> it = pages.iterator();
      List<Integer> sizes = new ArrayList<>();
      List<Object> all = new ArrayList<>();
      int made = queries(() -> it.forEachRemaining(p -> {
        sizes.add(items(p).size());
        all.addAll(items(p));
      }));
      assertEquals(List.of(100, 100, 50), sizes.subList(0, 3), "round " + round);
      assertEquals(sizes.size(), made, "one Query per page");
      assertTrue(sizes.size() == 3 || sizes.size() == 4 && sizes.get(3) == 0, "at most an empty last page: " + sizes);
      assertEquals(IntStream.range(0, 250).mapToObj(DataAccessPagingTest::id).toList(), ids(all));
      assertThrows(java.util.NoSuchElementException.class, it::next);
    }
    Iterator<?> it = pages.iterator();
    assertEquals(1, queries(it::next), "one page, one Query");
  }

  // ---------------------------------------------------------------- cursors

  @Test
  void aCursorContinuesOnlyItsRelationParentOrderAndRange() throws Exception {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      items.add(card(id(i), "x", i, "t" + i, "2026-01-1" + i + "T00:00:00Z"));
      items.add(card("y" + i, "y", i, "t" + i, null));
      items.add(tag("tag" + i, "x"));
    }
    put(items);
    Object first = call("relation Board.byRank", "x", request(3));
    String token = token(first);
    assertNotNull(token);
    assertEquals(List.of(id(0), id(1), id(2)), ids(items(first)));
    // the right cursor continues exactly
    Object second = call("relation Board.byRank", "x", after(request(3), token));
    assertEquals(List.of(id(3), id(4), id(5)), ids(items(second)));

    refusedBeforeAnyQuery("another relation of the parent", () -> call("relation Board.byTitle", "x", after(unchecked(() -> request(3)), token)));
    refusedBeforeAnyQuery("a relation of another type", () -> call("relation Board.tags", "x", after(unchecked(() -> request(3)), token)));
    refusedBeforeAnyQuery("another parent", () -> call("relation Board.byRank", "y", after(unchecked(() -> request(3)), token)));
    refusedBeforeAnyQuery("the other order", () -> call("relation Board.byRank", "x", unchecked(() -> desc(after(request(3), token)))));
    refusedBeforeAnyQuery("a range", () -> call("relation Board.byRank", "x", range("since", 0), after(unchecked(() -> request(3)), token)));
    Object ranged = call("relation Board.byRank", "x", range("since", 1), request(3));
    refusedBeforeAnyQuery("another range", () -> call("relation Board.byRank", "x", range("since", 0),
        after(unchecked(() -> request(3)), token(ranged))));
    refusedBeforeAnyQuery("a ranged cursor without the range", () -> call("relation Board.byRank", "x",
        after(unchecked(() -> request(3)), token(ranged))));
    assertEquals(List.of(id(4), id(5), id(6)), ids(items(call("relation Board.byRank", "x", range("since", 1),
        after(request(3), token(ranged))))), "a ranged cursor continues its range");
    // a DESC cursor continues DESC only
    Object down = call("relation Board.byRank", "x", desc(request(3)));
    assertEquals(List.of(id(9), id(8), id(7)), ids(items(down)));
    refusedBeforeAnyQuery("a DESC cursor ASC", () -> call("relation Board.byRank", "x", after(unchecked(() -> request(3)), token(down))));
    assertEquals(List.of(id(6), id(5), id(4)), ids(items(call("relation Board.byRank", "x", desc(after(request(3), token(down)))))));
    // corrupted cursors: every single byte altered, truncated, extended, not base64
    byte[] bytes = Base64.getUrlDecoder().decode(token);
    for (int i = 0; i < bytes.length; i++) {
      byte[] altered = bytes.clone();
      altered[i] ^= 0x01;
      String bad = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
      refusedBeforeAnyQuery("byte " + i + " altered", () -> call("relation Board.byRank", "x", after(unchecked(() -> request(3)), bad)));
    }
    for (String bad : List.of(token.substring(0, token.length() - 2), token + "AA", "", "not a cursor!", "AAAA")) {
      refusedBeforeAnyQuery("corrupted " + bad, () -> call("relation Board.byRank", "x", after(unchecked(() -> request(3)), bad)));
    }
    // a stream refuses a foreign cursor when it is consumed, still before any Query
    Stream<?> stream = (Stream<?>) call("stream Board.byRank", "y", after(request(3), token));
    refusedBeforeAnyQuery("a foreign cursor in a stream", stream::toList);
    // the last page has no cursor
    Object last = call("relation Board.byRank", "x", request(1000));
    assertNull(token(last));
    assertEquals(10, items(last).size());
  }

  // ---------------------------------------------------------------- ranges

  @Test
  void intRangesHoldTheirBoundsAndNeverANullInBothOrdersAndPaged() throws Exception {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      items.add(card(id(i), "b", i - 5, "t", null)); // ranks -5 .. 24
    }
    items.add(card("null1", "b", null, "a", null)); // nulls FIRST: before every rank
    items.add(card("null2", "b", null, "z", null));
    // rank 20 with more sort components after it, one of them the greatest text there is
    items.add(card("max20", "b", 20, "\uDBFF\uDFFF".repeat(200), null));
    items.add(card("empty20", "b", 20, "", null));
    items.add(card("r21", "b", 21, null, null));
    put(items);

    assertEquals(List.of(id(15), id(16), id(17), id(18), id(19), id(20), id(21), id(22), id(23), id(24), "empty20", id(25),
        "max20", "r21", id(26)), rangeIds("between", List.of(10, 21), 1000, false));
    assertEquals(List.of(id(24), "empty20", id(25), "max20"), rangeIds("between", List.of(19, 20), 1000, false),
        "the upper bound holds every item of its value, whatever follows");
    assertEquals(List.of(id(24), "empty20", id(25), "max20"), reverse(rangeIds("between", List.of(19, 20), 1, true)),
        "and so DESC, a page of one at a time");
    assertEquals(List.of(id(0), id(1), id(2)), rangeIds("until", List.of(-3), 1000, false), "until: no null item");
    assertEquals(List.of(id(28), id(29)), rangeIds("since", List.of(23), 1000, false));
    assertEquals(List.of(id(5)), rangeIds("between", List.of(0, 0), 1000, false), "one value");
    assertEquals(List.of(), rangeIds("between", List.of(100, 200), 1000, false), "beyond every value");
    assertEquals(33, rangeIds("since", List.of(-5), 1000, false).size(), "since the lowest: every item with a rank");
    // paged with cursors, both orders: the same items
    for (int limit : new int[] {1, 2, 4}) {
      List<String> asc = rangeIds("between", List.of(-2, 22), limit, false);
      assertEquals(rangeIds("between", List.of(-2, 22), 1000, false), asc, "limit " + limit);
      List<String> desc = rangeIds("between", List.of(-2, 22), limit, true);
      List<String> reversed = new ArrayList<>(asc);
      Collections.reverse(reversed);
      assertEquals(reversed, desc, "limit " + limit + " DESC");
    }
    // a ranged stream and pages
    Stream<?> stream = (Stream<?>) call("stream Board.byRank", "b", range("between", 0, 2), request(2));
    assertEquals(List.of(id(5), id(6), id(7)), ids(stream.toList()));
    Iterable<?> pages = (Iterable<?>) call("pages Board.byRank", "b", range("since", 24), request(1));
    List<Object> all = new ArrayList<>();
    pages.forEach(p -> all.addAll(items(p)));
    assertEquals(List.of(id(29)), ids(all));
    // refused ranges: no Query
    refusedBeforeAnyQuery("end before start", () -> call("relation Board.byRank", "b", range("between", 3, 2), unchecked(() -> request(5))));
    refusedBeforeAnyQuery("end before start, in a stream", () -> call("stream Board.byRank", "b", range("between", 3, 2), unchecked(() -> request(5))));
    refusedBeforeAnyQuery("beginsWith on an Int", () -> call("relation Board.byRank", "b", range("beginsWith", "1"), unchecked(() -> request(5))));
  }

  @Test
  void stringRangesCompareAsStoredLowerCasedWithIgnoreCase() throws Exception {
    List<Object> items = new ArrayList<>();
    String[] titles = {"abc", "ABd", "Abe", "aB", "a", "b", "B2", "ac", "Ab\u0001x"};
    for (int i = 0; i < titles.length; i++) {
      items.add(card("s" + i, "b", i, titles[i], null));
    }
    items.add(card("none", "b", 99, null, null)); // nulls LAST: after every title
    put(items);
    // ignoreCase: "AB" is "ab" as stored, and matches every case
    assertEquals(List.of("s3", "s8", "s0", "s1", "s2"), titleIds("relation Board.byTitle", range("beginsWith", "AB")));
    assertEquals(List.of("s3", "s8", "s0", "s1", "s2"), titleIds("relation Board.byTitle", range("beginsWith", "ab")));
    assertEquals(List.of("s5", "s6"), titleIds("relation Board.byTitle", range("since", "B")), "since: no null item (LAST)");
    assertEquals(List.of("s4", "s3"), titleIds("relation Board.byTitle", range("until", "Ab")),
        "until includes its bound, not the values it begins");
    assertEquals(List.of("s2", "s7", "s5"), titleIds("relation Board.byTitle", range("between", "ABE", "b")));
    assertEquals(9, titleIds("relation Board.byTitle", range("beginsWith", "")).size(), "every item with a title");
    // ignoreCase: false: as written
    assertEquals(List.of("s1"), titleIds("relation Board.byCase", range("beginsWith", "AB")));
    assertEquals(List.of("s1", "s8", "s2"), titleIds("relation Board.byCase", range("beginsWith", "A")));
  }

  @Test
  void dateTimeRangesCompareInstantsWhateverTheOffset() throws Exception {
    List<Object> items = new ArrayList<>();
    String[] whens = {"2026-01-15T10:00:00Z", "2026-02-28T23:30:00Z", "2026-03-01T01:00:00+02:00",
        "2026-03-01T00:00:00Z", "2026-03-01T00:00:00.001Z", "2026-05-20T12:00:00-05:00", "2026-06-30T00:00:00Z"};
    for (int i = 0; i < whens.length; i++) {
      items.add(card("w" + i, "b", i, "t", whens[i]));
    }
    items.add(card("none", "b", 0, "t", null)); // nulls FIRST
    put(items);
    // 2026-03-01T01:00:00+02:00 is 2026-02-28T23:00Z: before March
    assertEquals(List.of("w3", "w4", "w5", "w6"), titleIds("relation Board.byWhen", range("since", "2026-03-01T00:00:00Z")));
    assertEquals(List.of("w3", "w4", "w5", "w6"), titleIds("relation Board.byWhen", range("since", "2026-03-01T02:00:00+02:00")));
    assertEquals(List.of("w0", "w2", "w1"), titleIds("relation Board.byWhen", range("until", "2026-02-28T23:59:59.999Z")),
        "until: no null item (FIRST)");
    assertEquals(List.of("w2", "w1", "w3"), titleIds("relation Board.byWhen", range("between", "2026-02-28T23:00:00Z",
        "2026-03-01T00:00:00Z")));
    refusedBeforeAnyQuery("not a date", () -> call("relation Board.byWhen", "b", range("since", "March"), unchecked(() -> request(5))));
    refusedBeforeAnyQuery("beginsWith on a date", () -> call("relation Board.byWhen", "b", range("beginsWith", "2026"), unchecked(() -> request(5))));
  }

  /** The ids of a byRank range, read a page of {@code limit} at a time. */
  private List<String> rangeIds(String kind, List<Integer> bounds, int limit, boolean desc) throws Exception {
    Object range = range(kind, bounds.toArray());
    List<Object> out = new ArrayList<>();
    Object request = desc ? desc(request(limit)) : request(limit);
    for (int guard = 0; guard < 100; guard++) {
      Object page = call("relation Board.byRank", "b", range, request);
      out.addAll(items(page));
      if (token(page) == null) {
        return ids(out);
      }
      request = after(request, token(page));
    }
    throw new AssertionError("never ended");
  }

  private static List<String> reverse(List<String> list) {
    List<String> out = new ArrayList<>(list);
    Collections.reverse(out);
    return out;
  }

  private List<String> titleIds(String relation, Object range) throws Exception {
    return ids(items(call(relation, "b", range, request(1000))));
  }

  interface Checked<T> {
    T get() throws Exception;
  }

  private static <T> T unchecked(Checked<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
