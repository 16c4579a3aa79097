package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.harness.DynamoDbLocal;
import io.singletable.model.KeyStrategy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The asynchronous data access of {@link VersionedJavaTest}'s versioned types over a real {@code DynamoDbAsyncClient} (Netty, HTTP to DynamoDB
 * Local) whose {@code futureCompletionExecutor} has one thread: an expected version that is not the stored one fails
 * the future with {@code VersionConflictException} and writes nothing, increments add without a read, the items are
 * those the synchronous flavour writes, and 50 concurrent writes complete without blocking that thread.
 */
class AsyncVersionedJavaTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

  @TempDir
  static Path dir;
  static GeneratedJava java;
  static ExecutorService completion;
  static DynamoDbAsyncClient async;
  static int tables;
  DynamoDbClient client;
  String table;
  Object access;

  @BeforeAll
  static void generate() throws Exception {
    java = GeneratedJava.inline(VersionedJavaTest.SCHEMA, dir, KeyStrategy.NODE);
    completion = Executors.newSingleThreadExecutor(r -> new Thread(r, "completion"));
    async = DynamoDbAsyncClient.builder().endpointOverride(DynamoDbLocal.shared().endpoint()).region(DynamoDbLocal.REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("harness", "harness")))
        .asyncConfiguration(b -> b.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, completion))
        .build();
  }

  @AfterAll
  static void close() {
    async.close();
    completion.shutdownNow();
    java.close();
  }

  @BeforeEach
  void freshTable() throws Exception {
    client = DynamoDbLocal.shared().client();
    table = newTable();
    access = java.type("AsyncDataAccess").getConstructor(DynamoDbAsyncClient.class, String.class, Clock.class)
        .newInstance(async, table, CLOCK);
  }

  private String newTable() throws Exception {
    String name = "async-versioned-" + ++tables + "-" + System.nanoTime();
    client.createTable((CreateTableRequest) java.dataAccessType().getMethod("createTableRequest", String.class).invoke(null, name));
    return name;
  }

  private Object record(String type, String id, String text) {
    return VersionedJavaTest.record(java, type, id, text);
  }

  private Map<String, Map<String, AttributeValue>> items(String name) {
    Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
    client.scanPaginator(b -> b.tableName(name).consistentRead(true)).items().forEach(i -> out.put(i.get("PK").s(), i));
    return out;
  }

  private static UnaryOperator<Object> retitle(String type, String text) {
    return VersionedJavaTest.retitle(type, text);
  }

  private static Object await(Object future) throws Exception {
    return ((CompletableFuture<?>) future).get(30, TimeUnit.SECONDS);
  }

  private static Throwable failure(Object future) {
    return assertThrows(ExecutionException.class, () -> await(future)).getCause();
  }

  private static int version(Object entity) {
    return VersionedJavaTest.version(entity);
  }

  @Test
  void aStaleExpectedVersionFailsTheFutureWithVersionConflictAndWritesNothing() throws Exception {
    for (String type : List.of("Doc", "Note")) {
      String repo = type.equals("Doc") ? "docs" : "notes";
      assertEquals(1, version(await(GeneratedJava.callOn(access, repo + ".create", record(type, "a", "one")))));
      assertEquals(2, version(await(GeneratedJava.callOn(access, repo + ".update", "a", 1, retitle(type, "two")))));
      Map<String, Map<String, AttributeValue>> before = items(table);
      Throwable stale = failure(GeneratedJava.callOn(access, repo + ".update", "a", 1, retitle(type, "lost")));
      assertEquals("VersionConflictException", stale.getClass().getSimpleName(), stale.toString());
      assertEquals("ConflictingVersion", GeneratedJava.callOn(stale, "errorType"));
      assertEquals(2, GeneratedJava.callOn(stale, "storedVersion"));
      assertEquals(before, items(table), "nothing written");
      Throwable staleDelete = failure(GeneratedJava.callOn(access, repo + ".delete", "a", 1));
      assertEquals("ConflictingVersion", GeneratedJava.callOn(staleDelete, "errorType"));
      assertEquals("NotFound", GeneratedJava.callOn(failure(GeneratedJava.callOn(access, repo + ".delete", "nope", 1)), "errorType"));
      assertEquals(2, version(await(GeneratedJava.callOn(access, repo + ".delete", "a", 2))));
    }
    assertEquals(Map.of(), items(table));
  }

  @Test
  void itemsWrittenAsynchronouslyAreTheSynchronousOnes() throws Exception {
    String syncTable = newTable();
    Object sync = java.dataAccessType().getConstructor(DynamoDbClient.class, String.class, Clock.class)
        .newInstance(client, syncTable, CLOCK);
    GeneratedJava.callOn(sync, "docs.create", record("Doc", "d", "doc"));
    GeneratedJava.callOn(sync, "docs.update", "d", 1, retitle("Doc", "doc v2"));
    GeneratedJava.callOn(sync, "notes.create", record("Note", "n", "note"));
    GeneratedJava.callOn(sync, "notes.incrementLikes", "n", 3);
    GeneratedJava.callOn(sync, "notes.update", "n", retitle("Note", "note v3"));

    await(GeneratedJava.callOn(access, "docs.create", record("Doc", "d", "doc")));
    await(GeneratedJava.callOn(access, "docs.update", "d", 1, retitle("Doc", "doc v2")));
    await(GeneratedJava.callOn(access, "notes.create", record("Note", "n", "note")));
    Object liked = await(GeneratedJava.callOn(access, "notes.incrementLikes", "n", 3));
    assertEquals(3, GeneratedJava.callOn(liked, "likes"));
    assertEquals(2, version(liked));
    await(GeneratedJava.callOn(access, "notes.update", "n", retitle("Note", "note v3")));
    assertEquals(items(syncTable), items(table), "byte for byte");
    assertEquals(Set.of("Doc#slug#slug-d", "NODE#d", "NODE#n"), items(table).keySet());

    assertEquals("NotFound", GeneratedJava.callOn(failure(GeneratedJava.callOn(access, "notes.incrementLikes", "nope", 1)),
        "errorType"));
    Throwable overflow = failure(GeneratedJava.callOn(access, "notes.incrementLikes", "n", Integer.MAX_VALUE));
    assertEquals("ValidationErrorException", overflow.getClass().getSimpleName(), overflow.toString());
  }

  @Test
  void concurrentWritesCompleteOnOneCompletionThreadWithoutBlockingIt() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<Object> notes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      notes.add(record("Note", "n" + i, "note " + i));
    }
    await(GeneratedJava.callOn(access, "notes.createAll", notes));
    await(GeneratedJava.callOn(access, "notes.create", record("Note", "shared", "shared")));
    List<CompletableFuture<?>> all = new ArrayList<>();
    await(CompletableFuture.runAsync(() -> { // started from the completion thread itself
      for (int i = 0; i < 50; i++) {
        all.add((CompletableFuture<?>) GeneratedJava.callOn(access, "notes.update", "n" + i, (UnaryOperator<Object>) x -> {
          threads.add(Thread.currentThread().getName());
          return GeneratedJava.callOn(x, "withText", "edited");
        }));
        all.add((CompletableFuture<?>) GeneratedJava.callOn(access, "notes.incrementLikes", "shared", 1));
      }
    }, completion));
    await(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
    assertEquals(Set.of("completion"), threads, "each change ran where the client completed its read");
    Object shared = ((Optional<?>) await(GeneratedJava.callOn(access, "notes.get", "shared"))).orElseThrow();
    assertEquals(50, GeneratedJava.callOn(shared, "likes"), "every increment counted");
    assertEquals(51, version(shared));
    List<?> edited = (List<?>) await(GeneratedJava.callOn(access, "notes.batchGet",
        IntStream.range(0, 50).mapToObj(i -> "n" + i).toList()));
    assertTrue(edited.stream().allMatch(n -> "edited".equals(GeneratedJava.callOn(n, "text"))));
    assertTrue(edited.stream().allMatch(n -> version(n) == 2));

    // of concurrent updates expecting the same version, exactly one wins; the others fail with ConflictingVersion
    List<CompletableFuture<?>> racing = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      racing.add((CompletableFuture<?>) GeneratedJava.callOn(access, "notes.update", "n0", 2, retitle("Note", "writer " + i)));
    }
    List<String> outcomes = new ArrayList<>();
    for (CompletableFuture<?> f : racing) {
      try {
        f.get(30, TimeUnit.SECONDS);
        outcomes.add("ok");
      } catch (ExecutionException e) {
        outcomes.add((String) GeneratedJava.callOn(e.getCause(), "errorType"));
      }
    }
    assertEquals(1, outcomes.stream().filter("ok"::equals).count(), outcomes.toString());
    assertTrue(outcomes.stream().allMatch(o -> o.equals("ok") || o.equals("ConflictingVersion")), outcomes.toString());
  }
}
