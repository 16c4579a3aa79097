package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.harness.DynamoDbLocal;
import io.singletable.model.KeyStrategy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The Java side of {@code @model(versioned: true)} on DynamoDB Local: version 1 on create and one more per update,
 * {@code update(id, expectedVersion, change)} and {@code delete(id, expectedVersion)} refusing another version with
 * {@code VersionConflictException} ({@code ConflictingVersion}) and writing nothing, for a type with unique fields
 * (transactions) and one without (single writes), in and out of transactions, and under concurrent updates.
 */
class VersionedJavaTest {
  static final String SCHEMA = """
      type Doc @model(versioned: true) {
        id: ID!
        title: String
        slug: String @unique
      }
      type Note @model(versioned: true) {
        id: ID!
        text: String
        likes: Int
      }
      """;

  @TempDir
  static Path dir;
  static GeneratedJava java;
  static int tables;
  DynamoDbClient client;
  String table;
  Object access;

  @BeforeAll
  static void generate() throws Exception {
    java = GeneratedJava.inline(SCHEMA, dir, KeyStrategy.NODE);
  }

  @AfterAll
  static void close() {
    java.close();
  }

  @BeforeEach
  void freshTable() throws Exception {
    client = DynamoDbLocal.shared().client();
    table = "versioned-" + ++tables + "-" + System.nanoTime();
    client.createTable((CreateTableRequest) java.dataAccessType().getMethod("createTableRequest", String.class).invoke(null, table));
    access = java.dataAccessType().getConstructor(DynamoDbClient.class, String.class).newInstance(client, table);
  }

  private Object record(String type, String id, String text) {
    return record(java, type, id, text);
  }

  /** A Doc (title, slug {@code slug-<id>}) or a Note (text) of the generated {@link #SCHEMA}. */
  static Object record(GeneratedJava java, String type, String id, String text) {
    Object b = java.call(type, "builder");
    GeneratedJava.callOn(b, "id", id);
    GeneratedJava.callOn(b, type.equals("Doc") ? "title" : "text", text);
    if (type.equals("Doc")) {
      GeneratedJava.callOn(b, "slug", "slug-" + id);
    }
    return GeneratedJava.callOn(b, "build");
  }

  private String repository(String type) {
    return type.equals("Doc") ? "docs" : "notes";
  }

  private Map<String, Map<String, AttributeValue>> items() {
    Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
    client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(i -> out.put(i.get("PK").s(), i));
    return out;
  }

  static int version(Object entity) {
    return (Integer) GeneratedJava.callOn(entity, "version");
  }

  private static String errorType(RuntimeException e) {
    return (String) GeneratedJava.callOn(e, "errorType");
  }

  static UnaryOperator<Object> retitle(String type, String text) {
    return x -> GeneratedJava.callOn(x, type.equals("Doc") ? "withTitle" : "withText", text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Doc", "Note"})
  void versionsCountWritesAndAStaleVersionWritesNothing(String type) {
    String repo = repository(type);
    Object created = GeneratedJava.callOn(access, repo + ".create", record(type, "a", "one"));
    assertEquals(1, version(created));
    assertEquals(2, version(GeneratedJava.callOn(access, repo + ".update", "a", retitle(type, "two"))));
    Object third = GeneratedJava.callOn(access, repo + ".update", "a", 2, retitle(type, "three"));
    assertEquals(3, version(third));
    Map<String, Map<String, AttributeValue>> before = items();
    RuntimeException stale = assertThrows(RuntimeException.class,
        () -> GeneratedJava.callOn(access, repo + ".update", "a", 2, retitle(type, "lost")));
    assertEquals("ConflictingVersion", errorType(stale), stale.toString());
    assertEquals(3, GeneratedJava.callOn(stale, "storedVersion"));
    assertEquals(before, items(), "nothing written");
    // a change function cannot set the version: the writer does
    Object forged = GeneratedJava.callOn(access, repo + ".update", "a", 3,
        (UnaryOperator<Object>) x -> GeneratedJava.callOn(x, "withVersion", 99));
    assertEquals(4, version(forged));

    RuntimeException staleDelete = assertThrows(RuntimeException.class,
        () -> GeneratedJava.callOn(access, repo + ".delete", "a", 3));
    assertEquals("ConflictingVersion", errorType(staleDelete));
    assertEquals(4, version(((Optional<?>) GeneratedJava.callOn(access, repo + ".get", "a")).orElseThrow()), "still there");
    RuntimeException missing = assertThrows(RuntimeException.class,
        () -> GeneratedJava.callOn(access, repo + ".delete", "nope", 1));
    assertEquals("NotFound", errorType(missing));
    assertEquals(4, version(GeneratedJava.callOn(access, repo + ".delete", "a", 4)));
    assertEquals(Map.of(), items(), "the node and its unique items are gone");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Doc", "Note"})
  void anItemStoredBeforeVersioningIsAtVersionZero(String type) {
    Map<String, AttributeValue> raw = new HashMap<>(Map.of("PK", AttributeValue.fromS("NODE#old"),
        "__typename", AttributeValue.fromS(type), "id", AttributeValue.fromS("old")));
    client.putItem(b -> b.tableName(table).item(raw));
    RuntimeException wrong = assertThrows(RuntimeException.class,
        () -> GeneratedJava.callOn(access, repository(type) + ".update", "old", 1, retitle(type, "x")));
    assertEquals("ConflictingVersion", errorType(wrong));
    assertEquals(1, version(GeneratedJava.callOn(access, repository(type) + ".update", "old", 0, retitle(type, "x"))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStaleVersionInATransactionWritesNothing() throws Exception {
    GeneratedJava.callOn(access, "docs.create", record("Doc", "d", "doc"));
    GeneratedJava.callOn(access, "notes.create", record("Note", "n", "note"));
    GeneratedJava.callOn(access, "notes.update", "n", retitle("Note", "note v2"));
    Map<String, Map<String, AttributeValue>> before = items();
    Consumer<Object> work = tx -> {
      GeneratedJava.callOn(tx, "docs.update", "d", 1, retitle("Doc", "changed"));
      GeneratedJava.callOn(tx, "notes.delete", "n", 1);
    };
    Throwable cause = assertThrows(java.lang.reflect.InvocationTargetException.class,
        () -> java.dataAccessType().getMethod("transaction", Consumer.class).invoke(access, work)).getCause();
    assertEquals("ConflictingVersion", GeneratedJava.callOn(cause, "errorType"), cause.toString());
    assertEquals(before, items());
    java.dataAccessType().getMethod("transaction", Consumer.class).invoke(access, (Consumer<Object>) tx -> {
      GeneratedJava.callOn(tx, "docs.update", "d", 1, retitle("Doc", "changed"));
      GeneratedJava.callOn(tx, "notes.delete", "n", 2);
    });
    assertEquals(List.of("Doc#slug#slug-d", "NODE#d"), List.copyOf(items().keySet()));
    assertEquals("2", items().get("NODE#d").get("version").n());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Doc", "Note"})
  void ofConcurrentUpdatesExpectingTheSameVersionExactlyOneWins(String type) throws Exception {
    String repo = repository(type);
    GeneratedJava.callOn(access, repo + ".create", record(type, "c", "start"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String text = "writer " + i;
        outcomes.add(pool.submit(() -> {
          try {
            GeneratedJava.callOn(access, repo + ".update", "c", 1, retitle(type, text));
            return "ok";
          } catch (RuntimeException e) {
            return errorType(e);
          }
        }));
      }
      List<String> got = new ArrayList<>();
      for (Future<String> f : outcomes) {
        got.add(f.get());
      }
      assertEquals(1, got.stream().filter("ok"::equals).count(), got.toString());
      assertTrue(got.stream().allMatch(o -> o.equals("ok") || o.equals("ConflictingVersion")), got.toString());
      assertEquals(2, version(((Optional<?>) GeneratedJava.callOn(access, repo + ".get", "c")).orElseThrow()));
    } finally {
      pool.shutdownNow();
    }
  }
}
