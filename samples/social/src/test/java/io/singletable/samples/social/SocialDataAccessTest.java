package io.singletable.samples.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import io.singletable.samples.social.runtime.Direction;
import io.singletable.samples.social.runtime.NotFoundException;
import io.singletable.samples.social.runtime.NotUniqueException;
import io.singletable.samples.social.runtime.Page;
import io.singletable.samples.social.runtime.PageRequest;
import io.singletable.samples.social.runtime.SortRange;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The social schema's eight access patterns through the generated {@link DataAccess}, on DynamoDB Local. */
class SocialDataAccessTest {
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
    String name = "social-" + ++tables;
    client.createTable(DataAccess.createTableRequest(name));
    return new DataAccess(client, name);
  }

  private static Map<String, Map<String, AttributeValue>> items(DataAccess access) {
    Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
    client.scanPaginator(b -> b.tableName(access.tableName()).consistentRead(true)).items()
        .forEach(item -> out.put(item.get("PK").s(), item));
    return out;
  }

  @Test
  void theTourWalksTheEightAccessPatterns() {
    DataAccess access = freshTable();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String userId = new SocialTour(access, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    assertEquals(List.of(
        "1 second ada@example.com refused: NotUnique:User.email",
        "2 updated: countess@example.com, https://example.com/ada.png",
        "3 by id: Ada, by e-mail: Lovelace",
        "5 edited: Notes on the Analytical Engine (with notes A to G)",
        "6 timeline: [post-2, post-1]",
        "8 comment-1 by Ada: Corrections welcome.",
        "8 comment-2 by Ada: Note G computes the numbers."), bytes.toString(StandardCharsets.UTF_8).lines().toList());
    // one user, its one unique item (the old e-mail's is gone), two posts, two comments
    assertEquals(new TreeSet<>(List.of("NODE#comment-1", "NODE#comment-2", "NODE#post-1", "NODE#post-2", "NODE#" + userId,
        "User#email#countess@example.com")), items(access).keySet());
  }

  @Test
  void tagsListPostsAndPostsListTagsByNameAndADeletedPostTakesItsLinks() {
    DataAccess access = freshTable();
    access.users().create(new User("u1", "ada@example.com", "Ada", "Lovelace", null, "ada-sub", null, null));
    access.posts().create(new Post("p1", "u1", "Sketch of the engine", "ada-sub", null, null));
    access.posts().create(new Post("p2", "u1", "Notes", "ada-sub", null, null));
    List<String> names = List.of("zebra", "Apple", "mango");
    for (String name : names) {
      Tag tag = access.tags().create(new Tag("t-" + name, name));
      access.posts().addPostTag("p1", tag.id());
    }
    access.posts().addPostTag("p2", "t-mango");
    access.posts().addPostTag("p2", "t-mango"); // again: no change
    assertEquals(List.of("Apple", "mango", "zebra"), access.posts().tags("p1", PageRequest.first()).items().stream()
        .map(Tag::name).toList(), "by name, case ignored");
    assertEquals(List.of("p1", "p2"), access.tags().posts("t-mango", PageRequest.first()).items().stream()
        .map(Post::id).toList());
    assertThrows(NotFoundException.class, () -> access.posts().addPostTag("p1", "no-such-tag"));
    access.posts().removePostTag("p2", "t-mango");
    assertEquals(List.of("p1"), access.tags().posts("t-mango", PageRequest.first()).items().stream().map(Post::id)
        .toList());
    access.posts().delete("p1");
    assertTrue(items(access).values().stream().noneMatch(i -> i.get("__typename").s().equals("PostTag")
        && i.containsKey("postId")), "no join item is left: " + items(access).keySet());
    assertTrue(access.tags().posts("t-zebra", PageRequest.first()).items().isEmpty());
  }

  @Test
  void postsKnowTheirAuthorAndMoveBetweenTimelines() {
    DataAccess access = freshTable();
    User ada = access.users().create(new User("u1", "ada@example.com", "Ada", "Lovelace", null, "ada-sub", null, null));
    User charles = access.users().create(new User("u2", "charles@example.com", "Charles", "Babbage", null,
        "charles-sub", null, null));
    Post post = access.posts().create(new Post("p1", "u1", "Sketch of the engine", "ada-sub", null, null));
    assertEquals(ada, access.posts().author(post).orElseThrow());
    access.posts().update("p1", p -> p.withUserId("u2"));
    assertTrue(access.users().posts("u1", PageRequest.first()).items().isEmpty());
    assertEquals(List.of("p1"), access.users().posts("u2", PageRequest.first()).items().stream().map(Post::id).toList());
    assertEquals(charles, access.posts().author(access.posts().get("p1").orElseThrow()).orElseThrow());
    // ids of another type: nothing read, nothing changed
    var before = items(access);
    assertTrue(access.posts().get("u1").isEmpty());
    assertThrows(NotFoundException.class, () -> access.posts().update("u1", p -> p.withContent("hijacked")));
    assertThrows(NotFoundException.class, () -> access.comments().delete("p1"));
    assertEquals(before, items(access));
    // the e-mail stays unique across updates too
    NotUniqueException e = assertThrows(NotUniqueException.class,
        () -> access.users().update("u2", u -> u.withEmail("Ada@Example.com")));
    assertEquals("email", e.field());
    assertEquals(before, items(access));
  }

  @Test
  void aTimelineFromADateOnwardStreamsLazilyAndItsCursorStaysWithIt() {
    DataAccess access = freshTable();
    User ada = access.users().create(new User("u1", "ada@example.com", "Ada", "Lovelace", null, "ada-sub", null, null));
    access.users().create(new User("u2", "charles@example.com", "Charles", "Babbage", null, "charles-sub", null, null));
    for (int day = 1; day <= 30; day++) { // one post a day in April, each stamped by the clock
      Instant at = Instant.parse(String.format("2026-04-%02dT09:00:00Z", day));
      new DataAccess(client, access.tableName(), Clock.fixed(at, ZoneOffset.UTC)).posts()
          .create(new Post("p" + day, day % 2 == 0 ? "u1" : "u2", "day " + day, "ada-sub", null, null));
    }
    // Ada's posts since April 20th, newest first, four per Query, fetched as the stream is consumed
    List<String> since = access.users().postsStream(ada, SortRange.since("2026-04-20T00:00:00Z"),
        PageRequest.first(4).withDirection(Direction.DESC)).map(Post::id).toList();
    assertEquals(List.of("p30", "p28", "p26", "p24", "p22", "p20"), since);
    // bounds included, compared as instants whatever their offset
    assertEquals(List.of("p10", "p12"), access.users().posts("u1",
        SortRange.between("2026-04-10T00:00:00+02:00", "2026-04-12T09:00:00Z"), PageRequest.first()).items().stream()
        .map(Post::id).toList());
    // the first two posts, one Query
    assertEquals(List.of("p2", "p4"), access.users().postsStream("u1", PageRequest.first(20)).limit(2).map(Post::id).toList());
    // every page, lazily: 15 posts, 4 a page
    List<Integer> sizes = new ArrayList<>();
    for (Page<Post> page : access.users().postsPages(ada, PageRequest.first(4))) {
      sizes.add(page.items().size());
    }
    assertEquals(List.of(4, 4, 4, 3), sizes);
    // a cursor continues its own timeline only
    Page<Post> first = access.users().posts("u1", PageRequest.first(4));
    assertThrows(IllegalArgumentException.class,
        () -> access.users().posts("u2", PageRequest.first(4).after(first.nextToken())));
    assertThrows(IllegalArgumentException.class,
        () -> access.users().posts("u1", PageRequest.first(4).withDirection(Direction.DESC).after(first.nextToken())));
    assertThrows(IllegalArgumentException.class, () -> access.users().posts("u1",
        SortRange.since("2026-04-01T00:00:00Z"), PageRequest.first(4).after(first.nextToken())));
    assertEquals(List.of("p10", "p12", "p14", "p16"), access.users().posts("u1", PageRequest.first(4).after(first.nextToken()))
        .items().stream().map(Post::id).toList());
  }
}
