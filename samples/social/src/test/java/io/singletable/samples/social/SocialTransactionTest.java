package io.singletable.samples.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import io.singletable.samples.social.runtime.ConflictException;
import io.singletable.samples.social.runtime.NotFoundException;
import io.singletable.samples.social.runtime.NotUniqueException;
import io.singletable.samples.social.runtime.PageRequest;
import io.singletable.samples.social.runtime.RetryPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code DataAccess.transaction} on DynamoDB Local: items of several types written atomically with every invariant of
 * the single-item calls (unique items, index attributes, type checks, conditions), nothing written when any part
 * fails, a retry on a concurrent change, and the limits (each item once, 100 writes, no nesting).
 */
class SocialTransactionTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
  private static AmazonDynamoDBLocal dynamoDb;
  private static DynamoDbClient client;
  private static int tables;

  @BeforeAll
  static void start() {
    dynamoDb = DynamoDBEmbedded.create(true);
    client = dynamoDb.dynamoDbClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    dynamoDb.shutdownNow();
  }

  private static DataAccess freshTable() {
    String name = "social-tx-" + ++tables;
    client.createTable(DataAccess.createTableRequest(name));
    return new DataAccess(client, name, CLOCK);
  }

  private static Map<String, Map<String, AttributeValue>> items(DataAccess access) {
    Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
    client.scanPaginator(b -> b.tableName(access.tableName()).consistentRead(true)).items()
        .forEach(item -> out.put(item.get("PK").s(), item));
    return out;
  }

  private static User user(String id, String email) {
    return User.builder().id(id).email(email).firstName("Ada").lastName("Lovelace").owner(id + "-sub").build();
  }

  private static Post post(String id, String userId) {
    return Post.builder().id(id).userId(userId).content("post " + id).owner(userId + "-sub").build();
  }

  @Test
  void itemsOfTwoTypesAreWrittenTogetherExactlyAsSingleCallsWriteThem() {
    DataAccess tx = freshTable();
    DataAccess single = freshTable();
    Post created = tx.transactionResult(t -> {
      t.users().create(user("u1", "Ada@Example.com"));
      return t.posts().create(post("p1", "u1"));
    });
    assertEquals("2026-12-03T10:00:00.000Z", created.createdAt(), "the create's timestamps, as outside");
    single.users().create(user("u1", "Ada@Example.com"));
    single.posts().create(post("p1", "u1"));
    assertEquals(items(single), items(tx), "node, unique item and index attributes, byte for byte");
    assertEquals(List.of(created), tx.users().posts("u1", PageRequest.first()).items());
  }

  @Test
  void aTakenUniqueValueWritesNothingAndNamesTheField() {
    DataAccess access = freshTable();
    access.users().create(user("u1", "ada@example.com"));
    Map<String, Map<String, AttributeValue>> before = items(access);
    NotUniqueException e = assertThrows(NotUniqueException.class, () -> access.transaction(t -> {
      t.posts().create(post("p1", "u1"));
      t.users().create(user("u2", "ADA@example.com"));
    }));
    assertEquals("NotUnique:User.email", e.errorType());
    assertEquals(before, items(access), "not even the post");
    NotUniqueException id = assertThrows(NotUniqueException.class, () -> access.transaction(t -> {
      t.posts().create(post("p2", "u1"));
      t.posts().create(post("u1", "u1")); // the id of the user: ids are one key space
    }));
    assertEquals("NotUnique:Post.id", id.errorType());
    assertEquals(before, items(access));
  }

  @Test
  void updatesAndDeletesKeepTheirConditionsAndMoveUniqueItems() {
    DataAccess access = freshTable();
    access.users().create(user("u1", "ada@example.com"));
    access.posts().create(post("p1", "u1"));
    access.transaction(t -> {
      t.users().update("u1", u -> u.withEmail("countess@example.com"));
      t.posts().delete("p1");
    });
    assertEquals(List.of("NODE#u1", "User#email#countess@example.com"), List.copyOf(items(access).keySet()));
    assertEquals("countess@example.com", access.users().getByEmail("COUNTESS@example.com").orElseThrow().email());
    // another type's item under the id: not found, nothing written
    Map<String, Map<String, AttributeValue>> before = items(access);
    assertThrows(NotFoundException.class, () -> access.transaction(t -> {
      t.users().update("u1", u -> u.withFirstName("A."));
      t.posts().delete("u1");
    }));
    assertEquals(before, items(access));
    // deleting the user in a transaction deletes its unique item with it
    access.transaction(t -> t.users().delete("u1"));
    assertEquals(Map.of(), items(access));
  }

  @Test
  void aChangeAfterTheReadRunsTheTransactionAgainOnFreshReads() {
    DataAccess access = freshTable();
    access.users().create(user("u1", "ada@example.com"));
    AtomicInteger runs = new AtomicInteger();
    access.transaction(t -> {
      t.users().update("u1", u -> u.withLastName(u.lastName() + "+"));
      if (runs.incrementAndGet() == 1) { // someone else changes the user between this run's read and its commit
        access.users().update("u1", u -> u.withFirstName("Augusta"));
      }
    });
    assertEquals(2, runs.get());
    User stored = access.users().get("u1").orElseThrow();
    assertEquals("Augusta", stored.firstName(), "the concurrent change is kept");
    assertEquals("Lovelace+", stored.lastName(), "and the transaction's applied once, to it");

    AtomicInteger always = new AtomicInteger();
    assertThrows(ConflictException.class, () -> access.transaction(t -> {
      t.users().update("u1", u -> u.withLastName("never"));
      access.users().update("u1", u -> u.withFirstName("A" + always.incrementAndGet()));
    }));
    assertEquals(DataAccess.MAX_ATTEMPTS, always.get());
    assertEquals("Lovelace+", access.users().get("u1").orElseThrow().lastName());
  }

  @Test
  void theRetryPolicySaysHowOftenAChangedItemIsTriedAgain() {
    DataAccess access = freshTable();
    access.users().create(user("u1", "ada@example.com"));
    for (RetryPolicy policy : List.of(RetryPolicy.none(), RetryPolicy.DEFAULT.withMaxAttempts(2),
        new RetryPolicy(3, java.time.Duration.ZERO, java.time.Duration.ZERO))) {
      DataAccess retrying = access.withRetryPolicy(policy);
      assertEquals(policy, retrying.retryPolicy());
      AtomicInteger runs = new AtomicInteger();
      assertThrows(ConflictException.class, () -> retrying.transaction(t -> {
        t.users().update("u1", u -> u.withLastName("never"));
        runs.incrementAndGet();
        access.users().update("u1", u -> u.withFirstName(u.firstName() + "+")); // a real change each time
      }));
      assertEquals(policy.maxAttempts(), runs.get(), policy.toString());
    }
    assertEquals(RetryPolicy.DEFAULT, access.retryPolicy());
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.DEFAULT.withMaxAttempts(0));
    assertThrows(IllegalArgumentException.class,
        () -> new RetryPolicy(2, java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(1)));
    assertThrows(NullPointerException.class, () -> access.withRetryPolicy(null));
  }

  @Test
  void manyCreatesGoInGroupsThatFitATransaction() {
    DataAccess access = freshTable();
    List<User> users = new java.util.ArrayList<>();
    for (int i = 0; i < 120; i++) {
      users.add(user("u" + i, "user" + i + "@example.com"));
    }
    List<User> stored = access.users().createAll(users);
    assertEquals(120, stored.size());
    assertEquals("u119", stored.get(119).id());
    assertEquals("2026-12-03T10:00:00.000Z", stored.get(0).createdAt());
    assertEquals(240, items(access).size(), "each user and its unique item");

    // a taken e-mail in the second group of 50: the first group is written, nothing from the second on
    DataAccess other = freshTable();
    other.users().create(user("x", "user70@example.com"));
    List<User> clash = new java.util.ArrayList<>(users);
    assertThrows(NotUniqueException.class, () -> other.users().createAll(clash));
    assertEquals(2 + 100, items(other).size(), "x, and the first 50 users");
    assertTrue(other.users().get("u49").isPresent());
    assertTrue(other.users().get("u50").isEmpty());
    assertThrows(IllegalStateException.class, () -> other.transaction(t -> t.users().createAll(List.of(user("y", "y@e.com")))));
    assertThrows(NullPointerException.class, () -> other.users().createAll(java.util.Arrays.asList(user("z", "z@e.com"), null)));
  }

  @Test
  void limitsAreCheckedBeforeAnythingIsWritten() {
    DataAccess access = freshTable();
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> access.transaction(t -> {
      t.posts().create(post("p1", "u1"));
      t.posts().create(post("p1", "u1"));
    }));
    assertTrue(twice.getMessage().contains("NODE#p1"), twice.getMessage());
    IllegalStateException many = assertThrows(IllegalStateException.class, () -> access.transaction(t -> {
      for (int i = 0; i < 51; i++) { // each user is a node and a unique item
        t.users().create(user("u" + i, "user" + i + "@example.com"));
      }
    }));
    assertTrue(many.getMessage().contains("at most 100"), many.getMessage());
    IllegalStateException nested = assertThrows(IllegalStateException.class,
        () -> access.transaction(t -> t.transaction(u -> u.posts().create(post("p2", "u1")))));
    assertTrue(nested.getMessage().contains("do not nest"), nested.getMessage());
    assertEquals(Map.of(), items(access));
    access.transaction(t -> {
      for (int i = 0; i < 50; i++) {
        t.users().create(user("u" + i, "user" + i + "@example.com"));
      }
    });
    assertEquals(100, items(access).size(), "exactly 100 writes fit");
  }
}
