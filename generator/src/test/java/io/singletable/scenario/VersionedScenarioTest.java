package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.harness.Backend;
import io.singletable.harness.GraphQLResponse;
import io.singletable.model.Authentication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * {@code @model(versioned: true)} over the simulator (SPEC §2.1): version 1 on create and one more per update, an
 * {@code expectedVersion} that is not the stored version refused with {@code ConflictingVersion} and nothing
 * changed (read back and in the table), the right one accepted, deletes likewise, concurrent updates expecting the
 * same version of which exactly one wins, items stored before the type was versioned. {@code Note} has no
 * {@code @unique} field (update: GetItem + PutItem; delete: one conditional DeleteItem); {@code Page} has one
 * (update: GetItem + TransactWriteItems; delete: GetItem + TransactWriteItems) and declared operations, one update
 * input and one delete with {@code expectedVersion}, one update input without it. {@code Tag} is not versioned.
 */
@Tag("simulator")
class VersionedScenarioTest {
  static final String SCHEMA = """
      type Note @model(versioned: true) {
        id: ID!
        text: String
        updatedAt: AWSDateTime
      }

      type Page @model(versioned: true, operations: [GET, CREATE]) {
        id: ID!
        slug: String! @unique
        title: String
      }

      type Tag @model {
        id: ID!
        label: String
      }

      type Mutation {
        editPage(input: PageEdit!): Page @update
        retitlePage(input: PageTitle!): Page @update
        dropPage(id: ID!, expectedVersion: Int): Page @delete
      }

      input PageEdit { id: ID! slug: String title: String expectedVersion: Int }
      input PageTitle { id: ID! title: String }
      """;

  @TempDir
  static Path dir;
  private static Backend backend;

  @BeforeAll
  static void start() throws Exception {
    backend = Backend.generate(dir, SCHEMA, Authentication.API_KEY);
  }

  @AfterAll
  static void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  // ---- helpers

  private static String createNote(String text) {
    GraphQLResponse r = backend.graphql("mutation($t: String) { createNote(input: {text: $t}) { id version } }",
        vars("t", text)).requireNoErrors();
    assertEquals(1, r.data("/createNote/version").asInt(), "a new item is at version 1: " + r);
    return r.data("/createNote/id").asText();
  }

  private static GraphQLResponse updateNote(String id, String text, Integer expected) {
    Map<String, Object> input = vars("id", id, "text", text);
    if (expected != null) {
      input.put("expectedVersion", expected);
    }
    return backend.graphql("mutation($in: UpdateNoteInput!) { updateNote(input: $in) { id text version } }",
        Map.of("in", input));
  }

  private static GraphQLResponse deleteNote(String id, Integer expected) {
    return expected == null
        ? backend.graphql("mutation($id: ID!) { deleteNote(id: $id) { id version } }", Map.of("id", id))
        : backend.graphql("mutation($id: ID!, $v: Int) { deleteNote(id: $id, expectedVersion: $v) { id version } }",
            Map.of("id", id, "v", expected));
  }

  private static String createPage(String slug) {
    GraphQLResponse r = backend.graphql("mutation($s: String!) { createPage(input: {slug: $s}) { id version } }",
        Map.of("s", slug)).requireNoErrors();
    assertEquals(1, r.data("/createPage/version").asInt(), r.toString());
    return r.data("/createPage/id").asText();
  }

  private static GraphQLResponse editPage(String id, Map<String, Object> fields, Integer expected) {
    Map<String, Object> input = vars("id", id);
    input.putAll(fields);
    if (expected != null) {
      input.put("expectedVersion", expected);
    }
    return backend.graphql("mutation($in: PageEdit!) { editPage(input: $in) { id slug title version } }",
        Map.of("in", input));
  }

  private static GraphQLResponse dropPage(String id, Integer expected) {
    return backend.graphql("mutation($id: ID!, $v: Int) { dropPage(id: $id, expectedVersion: $v) { id version } }",
        vars("id", id, "v", expected));
  }

  private static Map<String, Object> vars(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static void assertConflict(GraphQLResponse r, String why) {
    assertTrue(r.hasErrors(), why + ": expected ConflictingVersion, got " + r);
    assertEquals("ConflictingVersion", r.firstError().path("errorType").asText(), why + ": " + r);
    assertTrue(r.data().isMissingNode() || r.data().isNull() || r.data().elements().next().isNull(),
        why + ": no result: " + r);
  }

  /** The stored items whose PK ends with the id or names the unique value, as the table holds them. */
  private static List<Map<String, AttributeValue>> stored(String... keys) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    for (Map<String, AttributeValue> item : backend.scan()) {
      String pk = item.get("PK").s();
      for (String k : keys) {
        if (pk.endsWith(k)) {
          out.add(item);
        }
      }
    }
    return out;
  }

  private static Map<String, AttributeValue> node(String id) {
    return backend.dynamoDbClient().getItem(GetItemRequest.builder().tableName(backend.tableName())
        .key(Map.of("PK", AttributeValue.fromS("NODE#" + id))).consistentRead(true).build()).item();
  }

  // ---- tests

  @Test
  void createStartsAtOneAndEveryUpdateAddsOne() {
    String id = createNote("first");
    assertEquals("1", node(id).get("version").n());
    for (int v = 2; v <= 4; v++) {
      GraphQLResponse r = updateNote(id, "text " + v, null).requireNoErrors();
      assertEquals(v, r.data("/updateNote/version").asInt(), r.toString());
      assertEquals(String.valueOf(v), node(id).get("version").n());
    }
    GraphQLResponse read = backend.graphql("query($id: ID!) { getNote(id: $id) { text version } }", Map.of("id", id))
        .requireNoErrors();
    assertEquals(4, read.data("/getNote/version").asInt());

    String page = createPage("p-" + UUID.randomUUID());
    assertEquals(2, editPage(page, Map.of("title", "T"), null).requireNoErrors().data("/editPage/version").asInt());
    // a declared update input without expectedVersion: no check, the version still moves on
    GraphQLResponse blind = backend.graphql("mutation($id: ID!) { retitlePage(input: {id: $id, title: \"U\"}) { version } }",
        Map.of("id", page)).requireNoErrors();
    assertEquals(3, blind.data("/retitlePage/version").asInt());
  }

  @Test
  void aStaleExpectedVersionIsRefusedAndChangesNothing() {
    String id = createNote("kept");
    updateNote(id, "kept too", null).requireNoErrors(); // version 2
    Map<String, AttributeValue> before = node(id);

    GraphQLResponse stale = updateNote(id, "lost", 1);
    assertConflict(stale, "update expecting version 1 of an item at 2");
    assertEquals(1, stale.firstError().path("errorInfo").path("expectedVersion").asInt(), stale.toString());
    assertEquals(2, stale.firstError().path("errorInfo").path("version").asInt(), stale.toString());
    assertConflict(updateNote(id, "lost", 3), "update expecting a version the item has not reached");
    assertEquals(before, node(id), "the item is as it was");
    GraphQLResponse read = backend.graphql("query($id: ID!) { getNote(id: $id) { text version } }", Map.of("id", id))
        .requireNoErrors();
    assertEquals("kept too", read.data("/getNote/text").asText());
    assertEquals(2, read.data("/getNote/version").asInt());

    // with a unique field: neither the node nor the unique item changes, the value is not taken
    String slug = "stale-" + UUID.randomUUID();
    String page = createPage(slug);
    editPage(page, Map.of("title", "v2"), null).requireNoErrors();
    List<Map<String, AttributeValue>> pageBefore = stored(page, slug);
    assertEquals(2, pageBefore.size(), "node and unique item: " + pageBefore);
    String moved = "moved-" + UUID.randomUUID();
    assertConflict(editPage(page, Map.of("slug", moved, "title", "lost"), 1), "a stale edit moving the unique value");
    assertEquals(pageBefore, stored(page, slug), "node and unique item as they were");
    assertTrue(stored(moved).isEmpty(), "the new value was not taken");
  }

  @Test
  void theExpectedVersionIsAccepted() {
    String id = createNote("a");
    GraphQLResponse r = updateNote(id, "b", 1).requireNoErrors();
    assertEquals(2, r.data("/updateNote/version").asInt());
    assertEquals("b", r.data("/updateNote/text").asText());
    assertEquals(3, updateNote(id, "c", 2).requireNoErrors().data("/updateNote/version").asInt());
    assertEquals("c", node(id).get("text").s());

    String slug = "right-" + UUID.randomUUID();
    String page = createPage(slug);
    String moved = "moved-" + UUID.randomUUID();
    GraphQLResponse edited = editPage(page, Map.of("slug", moved), 1).requireNoErrors();
    assertEquals(2, edited.data("/editPage/version").asInt());
    assertTrue(stored(slug).isEmpty(), "the unique item moved");
    assertEquals("2", stored(moved).get(0).get("version").n(), "the unique item's copy holds the new version");
  }

  @Test
  void aDeleteWithAStaleExpectedVersionDeletesNothingAndWithTheRightOneDeletes() {
    // one conditional DeleteItem
    String id = createNote("doomed");
    updateNote(id, "doomed 2", null).requireNoErrors(); // version 2
    Map<String, AttributeValue> before = node(id);
    GraphQLResponse stale = deleteNote(id, 1);
    assertConflict(stale, "delete expecting version 1 of an item at 2");
    assertEquals(2, stale.firstError().path("errorInfo").path("version").asInt(), stale.toString());
    assertEquals(before, node(id), "not deleted");
    GraphQLResponse gone = deleteNote(id, 2).requireNoErrors();
    assertEquals(2, gone.data("/deleteNote/version").asInt());
    assertTrue(node(id) == null || node(id).isEmpty(), "deleted");
    assertEquals("NotFound", deleteNote(id, 2).firstError().path("errorType").asText(),
        "an item that does not exist is not found, whatever version is expected");
    assertEquals("NotFound", deleteNote(UUID.randomUUID().toString(), 1).firstError().path("errorType").asText());
    // another type's item under the id is not found, and not deleted
    String tag = backend.graphql("mutation { createTag(input: {label: \"x\"}) { id } }").requireNoErrors()
        .data("/createTag/id").asText();
    assertEquals("NotFound", deleteNote(tag, 1).firstError().path("errorType").asText());
    assertFalse(node(tag).isEmpty());
    // without expectedVersion: as on any type
    String plain = createNote("plain");
    updateNote(plain, "plain 2", null).requireNoErrors();
    deleteNote(plain, null).requireNoErrors();
    assertTrue(node(plain).isEmpty());

    // GetItem + TransactWriteItems of the node and its unique item
    String slug = "drop-" + UUID.randomUUID();
    String page = createPage(slug);
    editPage(page, Map.of("title", "v2"), null).requireNoErrors();
    List<Map<String, AttributeValue>> pageBefore = stored(page, slug);
    assertConflict(dropPage(page, 1), "drop expecting version 1 of a page at 2");
    assertConflict(dropPage(page, 3), "drop expecting a version the page has not reached");
    assertEquals(pageBefore, stored(page, slug), "node and unique item kept");
    assertEquals(2, dropPage(page, 2).requireNoErrors().data("/dropPage/version").asInt());
    assertTrue(stored(page, slug).isEmpty(), "node and unique item deleted");
    String other = createPage("drop-" + UUID.randomUUID());
    dropPage(other, null).requireNoErrors();
    assertTrue(stored(other).isEmpty());
  }

  @Test
  void ofConcurrentUpdatesExpectingOneVersionExactlyOneWins() throws Exception {
    String id = createNote("race");
    String page = createPage("race-" + UUID.randomUUID());
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Callable<GraphQLResponse>> notes = new ArrayList<>();
      List<Callable<GraphQLResponse>> pages = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String text = "writer " + i;
        notes.add(() -> updateNote(id, text, 1));
        pages.add(() -> editPage(page, Map.of("title", text, "slug", "race-" + text + "-" + UUID.randomUUID()), 1));
      }
      for (List<Callable<GraphQLResponse>> calls : List.of(notes, pages)) {
        List<GraphQLResponse> won = new ArrayList<>();
        for (Future<GraphQLResponse> f : pool.invokeAll(calls)) {
          GraphQLResponse r = f.get();
          if (r.hasErrors()) {
            assertEquals("ConflictingVersion", r.firstError().path("errorType").asText(), r.toString());
          } else {
            won.add(r);
          }
        }
        assertEquals(1, won.size(), "exactly one update expecting version 1 wins: " + won);
        String field = calls == notes ? "updateNote" : "editPage";
        assertEquals(2, won.get(0).data("/" + field + "/version").asInt());
        String winner = calls == notes ? won.get(0).data("/updateNote/text").asText()
            : won.get(0).data("/editPage/title").asText();
        Map<String, AttributeValue> stored = node(calls == notes ? id : page);
        assertEquals("2", stored.get("version").n());
        assertEquals(winner, stored.get(calls == notes ? "text" : "title").s(), "the winner's write is the one stored");
      }
      List<Map<String, AttributeValue>> pageItems = backend.scan().stream()
          .filter(item -> item.containsKey("id") && page.equals(item.get("id").s())).toList();
      assertEquals(2, pageItems.size(), "one node and one unique item, the losers' values not taken: " + pageItems);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anItemStoredBeforeTheTypeWasVersionedCountsAsVersionZero() {
    String first = plantUnversionedNote("old");
    GraphQLResponse r = updateNote(first, "updated", null).requireNoErrors();
    assertEquals(1, r.data("/updateNote/version").asInt(), "the first update writes version 1: " + r);
    assertEquals("1", node(first).get("version").n());

    String second = plantUnversionedNote("old");
    Map<String, AttributeValue> before = node(second);
    assertConflict(updateNote(second, "lost", 1), "an unversioned item is at version 0, not 1");
    assertEquals(before, node(second));
    assertEquals(1, updateNote(second, "expected 0", 0).requireNoErrors().data("/updateNote/version").asInt());

    String third = plantUnversionedNote("old");
    assertConflict(deleteNote(third, 1), "delete expecting 1 of an unversioned item");
    assertFalse(node(third).isEmpty());
    // (the deleted item has no version to return: its version: Int! is not selected)
    backend.graphql("mutation($id: ID!) { deleteNote(id: $id, expectedVersion: 0) { id text } }", Map.of("id", third))
        .requireNoErrors();
    assertTrue(node(third).isEmpty());
  }

  private static String plantUnversionedNote(String text) {
    String id = UUID.randomUUID().toString();
    backend.dynamoDbClient().putItem(PutItemRequest.builder().tableName(backend.tableName()).item(Map.of(
        "PK", AttributeValue.fromS("NODE#" + id), "__typename", AttributeValue.fromS("Note"),
        "id", AttributeValue.fromS(id), "text", AttributeValue.fromS(text))).build());
    assertNull(node(id).get("version"));
    return id;
  }

  @Test
  void theVersionIsTheResolversAndOnlyVersionedTypesTakeAnExpectedVersion() {
    GraphQLResponse create = backend.graphql("mutation { createNote(input: {text: \"x\", version: 7}) { id } }");
    assertTrue(create.hasErrors(), "a create input has no version: " + create);
    assertTrue(create.data().isMissingNode() || create.data().isNull(), create.toString());
    String id = createNote("y");
    GraphQLResponse update = backend.graphql("mutation($id: ID!) { updateNote(input: {id: $id, version: 9}) { id } }",
        Map.of("id", id));
    assertTrue(update.hasErrors(), "nor an update input: " + update);
    assertEquals("1", node(id).get("version").n());

    String tag = backend.graphql("mutation { createTag(input: {label: \"t\"}) { id } }").requireNoErrors()
        .data("/createTag/id").asText();
    backend.graphql("mutation($id: ID!) { updateTag(input: {id: $id, label: \"u\"}) { id } }", Map.of("id", tag))
        .requireNoErrors();
    assertFalse(node(tag).containsKey("version"), "an unversioned type stores no version: " + node(tag));
    assertTrue(backend.graphql("mutation($id: ID!) { updateTag(input: {id: $id, expectedVersion: 1}) { id } }",
        Map.of("id", tag)).hasErrors());
    assertTrue(backend.graphql("mutation($id: ID!) { deleteTag(id: $id, expectedVersion: 1) { id } }",
        Map.of("id", tag)).hasErrors());
    assertFalse(node(tag).isEmpty());
  }
}
