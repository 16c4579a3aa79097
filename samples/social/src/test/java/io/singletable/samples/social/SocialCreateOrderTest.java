package io.singletable.samples.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import io.singletable.samples.social.runtime.NotUniqueException;
import io.singletable.samples.social.runtime.PageRequest;
import io.singletable.samples.social.runtime.TableAccess;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Repeated creates and creation order through the generated {@link DataAccess}, on DynamoDB Local: a retried create
 * with a real clock, and items created in the same millisecond read back from a relation sorted by {@code createdAt}.
 */
class SocialCreateOrderTest {
  private static final Clock FIXED = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
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

  private static String freshTable() {
    String name = "order-" + ++tables;
    client.createTable(DataAccess.createTableRequest(name));
    return name;
  }

  private static Map<String, Map<String, AttributeValue>> items(String table) {
    Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
    client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
        .forEach(item -> out.put(item.get("PK").s(), item));
    return out;
  }

  /** A clock that never reads the same millisecond twice, as a real one between two calls a moment apart. */
  private static Clock laterEachTime() {
    return new Clock() {
      private long millis = Instant.parse("2026-12-03T10:00:00Z").toEpochMilli();

      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public synchronized Instant instant() {
        return Instant.ofEpochMilli(millis += 7);
      }
    };
  }

  @Test
  void aRetriedCreateOfATypeWithoutUniqueFieldsReturnsTheStoredItemWhateverTheClock() throws InterruptedException {
    String table = freshTable();
    DataAccess access = new DataAccess(client, table); // the system clock
    Post post = new Post("p1", "u1", "Sketch of the engine", "ada-sub", null, null);
    Post first = access.posts().create(post);
    Map<String, Map<String, AttributeValue>> stored = items(table);
    Thread.sleep(5); // another millisecond: the retry stamps other timestamps
    Post retried = access.posts().create(post);
    assertEquals(first, retried, "the retry counts as the first create and returns what it stored");
    assertEquals(stored, items(table), "nothing written again");
    // the same with a clock that moves on between the calls, and through another access object
    DataAccess other = new DataAccess(client, table, laterEachTime());
    assertEquals(first, other.posts().create(post));
    assertEquals(stored, items(table));
    // another entity under the id is still refused, even if only its content differs
    NotUniqueException taken = assertThrows(NotUniqueException.class, () -> access.posts().create(post.withContent("Other")));
    assertEquals("NotUnique:Post.id", taken.errorType());
    assertEquals(stored, items(table));
  }

  @Test
  void aRetriedCreateOfATypeWithUniqueFieldsFailsAsTheResolverAnswersIt() {
    User ada = new User("u1", "ada@example.com", "Ada", "Lovelace", null, "ada-sub", null, null);
    for (Clock clock : List.of(FIXED, laterEachTime())) {
      String table = freshTable();
      DataAccess access = new DataAccess(client, table, clock);
      User created = access.users().create(ada);
      Map<String, Map<String, AttributeValue>> stored = items(table);
      // the resolver's TransactWriteItems finds its own node and unique item: NotUnique of the first unique value
      NotUniqueException again = assertThrows(NotUniqueException.class, () -> access.users().create(ada));
      assertEquals("NotUnique:User.email", again.errorType(), "as the resolver answers an identical retry");
      assertEquals(stored, items(table));
      assertEquals(created, access.users().get("u1").orElseThrow(), "a retry is told from a clash by reading the id");
    }
  }

  @Test
  void itemsCreatedInTheSameMillisecondComeBackInCreationOrder() {
    String table = freshTable();
    DataAccess access = new DataAccess(client, table, FIXED);
    User ada = access.users().create(User.builder().email("ada@example.com").firstName("Ada").lastName("Lovelace").build());
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      created.add(access.posts().create(Post.builder().userId(ada.id()).content("post " + i).build()).id());
    }
    List<String> ascending = access.users().posts(ada, PageRequest.first(1000)).items().stream().map(Post::id).toList();
    assertEquals(created, ascending, "same createdAt: the ids, made in a tight loop, keep the creation order");
    assertTrue(access.users().posts(ada, PageRequest.first(1000)).items().stream().allMatch(p -> p.createdAt().equals(ada.createdAt())));
  }

  @Test
  void newIdsAreTimeOrderedValidAndGrowWithinTheJvm() {
    String previous = TableAccess.newId();
    for (int i = 0; i < 100_000; i++) {
      String next = TableAccess.newId();
      assertTrue(next.compareTo(previous) > 0, previous + " then " + next);
      assertEquals(26, next.length());
      assertTrue(next.chars().allMatch(c -> "0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(c) >= 0), next);
      previous = next;
    }
    long millis = System.currentTimeMillis();
    String id = TableAccess.newId();
    long decoded = 0;
    for (int i = 0; i < 10; i++) {
      decoded = decoded * 32 + "0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(id.charAt(i));
    }
    assertTrue(Math.abs(decoded - millis) < 60_000, "the first 10 characters are the time: " + decoded + " vs " + millis);
    assertNotEquals(TableAccess.newId().substring(10), TableAccess.newId().substring(10));
  }
}
