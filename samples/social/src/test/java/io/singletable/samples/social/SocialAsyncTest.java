package io.singletable.samples.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import io.singletable.samples.social.runtime.AsyncTableAccess;
import io.singletable.samples.social.runtime.ConflictException;
import io.singletable.samples.social.runtime.InvalidIdException;
import io.singletable.samples.social.runtime.NotFoundException;
import io.singletable.samples.social.runtime.NotUniqueException;
import io.singletable.samples.social.runtime.Page;
import io.singletable.samples.social.runtime.PageRequest;
import io.singletable.samples.social.runtime.RetryPolicy;
import io.singletable.samples.social.runtime.SortRange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * {@code AsyncDataAccess} on DynamoDB Local: the asynchronous twin of the repositories writes the same items as the
 * synchronous one, fails its futures with the same exceptions, pages relations lazily one Query at a time, and blocks
 * no thread (every continuation runs on one completion thread, as with a 1-thread {@code futureCompletionExecutor}).
 */
class SocialAsyncTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
  private static AmazonDynamoDBLocal dynamoDb;
  private static DynamoDbClient client;
  private static ExecutorService completion;
  private static CountingClient asyncClient;
  private static int tables;

  @BeforeAll
  static void start() {
    dynamoDb = DynamoDBEmbedded.create(true);
    client = dynamoDb.dynamoDbClient();
    completion = Executors.newSingleThreadExecutor(r -> new Thread(r, "completion"));
    asyncClient = new CountingClient(dynamoDb.dynamoDbAsyncClient(), completion);
  }

  @AfterAll
  static void stop() {
    completion.shutdownNow();
    client.close();
    dynamoDb.shutdownNow();
  }

  /**
   * An async client whose futures complete on one thread, as the SDK's do on its {@code futureCompletionExecutor}
   * (so a continuation that blocked it would hang every other one), counting the Queries it sends.
   */
  static final class CountingClient implements DynamoDbAsyncClient {
    private final DynamoDbAsyncClient delegate;
    private final ExecutorService executor;
    final AtomicInteger queries = new AtomicInteger();

    CountingClient(DynamoDbAsyncClient delegate, ExecutorService executor) {
      this.delegate = delegate;
      this.executor = executor;
    }

    private <T> CompletableFuture<T> onExecutor(CompletableFuture<T> future) {
      CompletableFuture<T> out = new CompletableFuture<>();
      future.whenCompleteAsync((value, failure) -> {
        if (failure != null) {
          out.completeExceptionally(AsyncTableAccess.unwrap(failure));
        } else {
          out.complete(value);
        }
      }, executor);
      return out;
    }

    @Override
    public String serviceName() {
      return delegate.serviceName();
    }

    @Override
    public void close() {
    }

    @Override
    public CompletableFuture<GetItemResponse> getItem(GetItemRequest r) {
      return onExecutor(delegate.getItem(r));
    }

    @Override
    public CompletableFuture<PutItemResponse> putItem(PutItemRequest r) {
      return onExecutor(delegate.putItem(r));
    }

    @Override
    public CompletableFuture<DeleteItemResponse> deleteItem(DeleteItemRequest r) {
      return onExecutor(delegate.deleteItem(r));
    }

    @Override
    public CompletableFuture<UpdateItemResponse> updateItem(UpdateItemRequest r) {
      return onExecutor(delegate.updateItem(r));
    }

    @Override
    public CompletableFuture<QueryResponse> query(QueryRequest r) {
      queries.incrementAndGet();
      return onExecutor(delegate.query(r));
    }

    @Override
    public CompletableFuture<BatchGetItemResponse> batchGetItem(BatchGetItemRequest r) {
      return onExecutor(delegate.batchGetItem(r));
    }

    @Override
    public CompletableFuture<TransactWriteItemsResponse> transactWriteItems(TransactWriteItemsRequest r) {
      return onExecutor(delegate.transactWriteItems(r));
    }
  }

  private static String freshTable() {
    String name = "social-async-" + ++tables;
    client.createTable(AsyncDataAccess.createTableRequest(name));
    return name;
  }

  private static Map<String, Map<String, AttributeValue>> items(String table) {
    Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
    client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
        .forEach(item -> out.put(item.get("PK").s(), item));
    return out;
  }

  private static User user(String id, String email) {
    return User.builder().id(id).email(email).firstName("Ada").lastName("Lovelace").owner(id + "-sub").build();
  }

  private static Post post(String id, String userId) {
    return Post.builder().id(id).userId(userId).content("post " + id).owner(userId + "-sub").build();
  }

  /** The value of a future, waiting at most 30 s (a blocked completion thread would hang it). */
  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  /** The exception a future failed with, as the synchronous method throws it. */
  private static Throwable failure(CompletableFuture<?> future) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void relatedItemsOfTwoTypesAreWrittenAtomicallyAndAsTheSynchronousAccessWritesThem() throws Exception {
    String asyncTable = freshTable();
    String syncTable = freshTable();
    AsyncDataAccess access = new AsyncDataAccess(asyncClient, asyncTable, CLOCK);
    Post created = await(access.transactionResult(tx -> tx.users().create(user("u1", "Ada@Example.com"))
        .thenCompose(u -> tx.posts().create(post("p1", u.id())))));
    assertEquals("2026-12-03T10:00:00.000Z", created.createdAt());
    await(access.comments().create(Comment.builder().id("c1").postId("p1").userId("u1").content("hi").owner("u1-sub").build()));
    await(access.users().update("u1", u -> u.withEmail("countess@example.com").withFirstName("Augusta")));
    await(access.posts().update("p1", p -> p.withContent("edited")));

    DataAccess sync = new DataAccess(client, syncTable, CLOCK);
    sync.transaction(tx -> {
      tx.users().create(user("u1", "Ada@Example.com"));
      tx.posts().create(post("p1", "u1"));
    });
    sync.comments().create(Comment.builder().id("c1").postId("p1").userId("u1").content("hi").owner("u1-sub").build());
    sync.users().update("u1", u -> u.withEmail("countess@example.com").withFirstName("Augusta"));
    sync.posts().update("p1", p -> p.withContent("edited"));
    assertEquals(items(syncTable), items(asyncTable), "nodes, unique items and index attributes, byte for byte");
    assertEquals(Set.of("NODE#c1", "NODE#p1", "NODE#u1", "User#email#countess@example.com"), items(asyncTable).keySet());
  }

  @Test
  void aTransactionRunsAgainWhenAnItemChangedAfterItsReadAsThePolicySays() throws Exception {
    String table = freshTable();
    AsyncDataAccess access = new AsyncDataAccess(asyncClient, table, CLOCK);
    DataAccess sync = new DataAccess(client, table, CLOCK);
    await(access.users().create(user("u1", "ada@example.com")));
    AtomicInteger runs = new AtomicInteger();
    await(access.transaction(tx -> tx.users().update("u1", u -> {
      if (runs.incrementAndGet() == 1) { // another writer changes the item between this read and the commit
        sync.users().update("u1", x -> x.withLastName("Byron"));
      }
      return u.withFirstName("Augusta");
    }).thenCompose(u -> tx.posts().create(post("p1", "u1")))));
    assertEquals(2, runs.get(), "the work ran again on a fresh read");
    User stored = sync.users().get("u1").orElseThrow();
    assertEquals(List.of("Augusta", "Byron"), List.of(stored.firstName(), stored.lastName()), "both changes kept");
    assertTrue(sync.posts().get("p1").isPresent());

    AtomicInteger once = new AtomicInteger();
    Throwable gaveUp = failure(access.withRetryPolicy(RetryPolicy.none()).transaction(tx -> tx.users().update("u1", u -> {
      if (once.incrementAndGet() == 1) {
        sync.users().update("u1", x -> x.withLastName("King"));
      }
      return u.withFirstName("Ada");
    })));
    assertInstanceOf(ConflictException.class, gaveUp);
    assertEquals(1, once.get(), "no retry under RetryPolicy.none()");
    assertEquals("King", sync.users().get("u1").orElseThrow().lastName());
    assertEquals("Augusta", sync.users().get("u1").orElseThrow().firstName(), "the transaction wrote nothing");
    assertInstanceOf(IllegalStateException.class, failure(access.transaction(tx -> tx.transaction(inner -> null))),
        "transactions do not nest");
  }

  @Test
  void failuresCompleteTheFuturesWithTheSynchronousExceptionsAndArgumentChecksThrow() throws Exception {
    String table = freshTable();
    AsyncDataAccess access = new AsyncDataAccess(asyncClient, table, CLOCK);
    await(access.users().create(user("u1", "ada@example.com")));
    Map<String, Map<String, AttributeValue>> before = items(table);

    NotUniqueException taken = assertInstanceOf(NotUniqueException.class,
        failure(access.users().create(user("u2", "ADA@example.com"))));
    assertEquals("NotUnique:User.email", taken.errorType());
    NotUniqueException inTransaction = assertInstanceOf(NotUniqueException.class, failure(access.transaction(tx ->
        tx.posts().create(post("p1", "u1")).thenCompose(p -> tx.users().create(user("u3", "ada@EXAMPLE.com"))))));
    assertEquals("NotUnique:User.email", inTransaction.errorType());
    assertEquals(before, items(table), "nothing written, not even the post");

    assertInstanceOf(NotFoundException.class, failure(access.users().update("nobody", u -> u)));
    assertInstanceOf(NotFoundException.class, failure(access.posts().delete("nobody")));
    assertInstanceOf(NotFoundException.class, failure(access.posts().delete("u1")), "another type under the id");
    // the argument checks are the call's, before anything is sent
    assertThrows(NullPointerException.class, () -> access.users().get(null));
    assertThrows(InvalidIdException.class, () -> access.users().get("a#b"));
    assertThrows(InvalidIdException.class, () -> access.users().create(user("a#b", "x@example.com")));
    assertThrows(IllegalArgumentException.class, () -> access.users().posts("u1", PageRequest.first().after("forged")));
    assertThrows(IllegalArgumentException.class,
        () -> access.users().postsForEach("u1", PageRequest.first().after("forged"), p -> { }));
    // a change function's own failure fails the future
    IllegalStateException thrown = new IllegalStateException("no");
    assertEquals(thrown, failure(access.users().update("u1", u -> {
      throw thrown;
    })));
    assertEquals(before, items(table));
  }

  @Test
  void getsBatchGetsAndDeletesAnswerAsTheSynchronousOnes() throws Exception {
    String table = freshTable();
    AsyncDataAccess access = new AsyncDataAccess(asyncClient, table, CLOCK);
    DataAccess sync = new DataAccess(client, table, CLOCK);
    User ada = await(access.users().create(user("u1", "Ada@Example.com")));
    await(access.posts().create(post("p1", "u1")));
    assertEquals(Optional.of(ada), await(access.users().get("u1")));
    assertEquals(sync.users().get("u1"), await(access.users().get("u1")));
    assertEquals(Optional.of(ada), await(access.users().getByEmail("ADA@example.com")));
    assertEquals(Optional.empty(), await(access.users().getByEmail("nobody@example.com")));
    assertEquals(Optional.empty(), await(access.posts().get("u1")), "a User is no Post");
    assertEquals(Arrays.asList(ada, null, null, ada), await(access.users().batchGet(Arrays.asList("u1", "p1", null, "u1"))));
    Post p1 = await(access.posts().get("p1")).orElseThrow();
    assertEquals(Optional.of(ada), await(access.posts().author(p1)));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 150; i++) { // 151 distinct keys: two BatchGetItems
      many.add("missing" + i);
    }
    many.add("u1");
    List<User> got = await(access.users().batchGet(many));
    assertEquals(151, got.size());
    assertEquals(ada, got.get(150));
    assertEquals(1, got.stream().filter(u -> u != null).count());

    assertEquals(ada, await(access.users().delete("u1")));
    assertEquals(p1, await(access.posts().delete("p1")));
    assertEquals(Map.of(), items(table), "the node and its unique item are gone");
  }

  @Test
  void aRelationIsReadLazilyOnePageAtATimeAndFromADateOnward() throws Exception {
    String table = freshTable();
    Clock ticking = new Clock() {
      private long millis = Instant.parse("2026-12-03T10:00:00Z").toEpochMilli();

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public synchronized Instant instant() {
        millis += 60_000;
        return Instant.ofEpochMilli(millis);
      }
    };
    AsyncDataAccess access = new AsyncDataAccess(asyncClient, table, ticking);
    await(access.users().create(user("u1", "ada@example.com")));
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 7; i++) { // one after the other: createdAt 10:02 … 10:08
      posts.add(await(access.posts().create(post("p" + i, "u1"))));
    }
    List<Post> seen = Collections.synchronizedList(new ArrayList<>());
    int before = asyncClient.queries.get();
    int pages = await(access.users().postsForEach("u1", PageRequest.first(3), seen::add));
    assertEquals(3, pages, "ceil(7 / 3) pages");
    assertEquals(3, asyncClient.queries.get() - before, "one Query per page");
    assertEquals(posts, seen, "in createdAt order");

    Page<Post> first = await(access.users().posts("u1", PageRequest.first(3)));
    assertEquals(posts.subList(0, 3), first.items());
    Page<Post> second = await(access.users().posts("u1", PageRequest.first(3).after(first.nextToken())));
    assertEquals(posts.subList(3, 6), second.items());

    String since = posts.get(4).createdAt();
    List<Post> recent = new ArrayList<>();
    assertEquals(1, await(access.users().postsForEach("u1", SortRange.since(since), PageRequest.first(10), recent::add)));
    assertEquals(posts.subList(4, 7), recent, "from " + since + " onward");
    assertEquals(posts.subList(4, 7), await(access.users().posts("u1", SortRange.since(since), PageRequest.first(10))).items());

    // an action's failure stops the reading: no further page
    before = asyncClient.queries.get();
    RuntimeException stop = new RuntimeException("stop");
    assertEquals(stop, failure(access.users().postsForEach("u1", PageRequest.first(2), p -> {
      throw stop;
    })));
    assertEquals(1, asyncClient.queries.get() - before);
  }

  @Test
  void fiftyConcurrentUpdatesCompleteOnOneCompletionThread() throws Exception {
    String table = freshTable();
    AsyncDataAccess access = new AsyncDataAccess(asyncClient, table, CLOCK);
    await(access.users().create(user("u1", "ada@example.com")));
    List<Post> created = await(access.posts().createAll(java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> post("p" + i, "u1")).toList()));
    assertEquals(50, created.size());
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<CompletableFuture<Post>> updates = new ArrayList<>();
    CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 50; i++) { // all started from the completion thread itself, none waited for
        updates.add(access.posts().update("p" + i, p -> {
          threads.add(Thread.currentThread().getName());
          return p.withContent(p.content() + " (edited)");
        }));
      }
    }, completion);
    await(started);
    await(CompletableFuture.allOf(updates.toArray(CompletableFuture[]::new)));
    assertEquals(Set.of("completion"), threads, "every change ran on the one completion thread");
    List<Post> all = new ArrayList<>();
    await(access.users().postsForEach("u1", PageRequest.first(100), all::add));
    assertEquals(50, all.size());
    assertTrue(all.stream().allMatch(p -> p.content().endsWith(" (edited)")));
  }
}
