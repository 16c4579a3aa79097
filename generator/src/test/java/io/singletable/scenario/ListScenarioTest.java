package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.harness.Backend;
import io.singletable.model.KeyStrategy;
import io.singletable.model.RelationModel;
import io.singletable.render.java.GeneratedJava;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code @list} Query fields executed for real (AppSync simulator on DynamoDB Local): every item exactly once, in
 * order, in both directions, with one Query per page and no Scan; a changed {@code by} value moves the item; values
 * holding the separator stay apart; {@code onlyIf} lists only flagged items; a list over a union holds every member;
 * and the Java codec keys list items exactly as the resolvers do. Expected orders come from the values, never from the
 * generated encoding.
 */
@Tag("simulator")
class ListScenarioTest {
  private static final Path SCHEMA = Path.of("src", "test", "resources", "scenarios", "lists", "schema.graphql");

  @TempDir
  static Path out;
  static Backend backend;
  static Generator.Result generated;

  @BeforeAll
  static void start() throws Exception {
    generated = new Generator().generate(GeneratorOptions.of(SCHEMA, out));
    backend = Backend.start(out);
  }

  @AfterAll
  static void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  private static JsonNode gql(String query, Map<String, Object> vars) {
    return backend.graphql(query, vars).requireNoErrors().data();
  }

  private static String createPost(Map<String, Object> input) {
    return gql("mutation($i: CreatePostInput!) { createPost(input: $i) { id } }", Map.of("i", input))
        .at("/createPost/id").asText();
  }

  private static void updatePost(Map<String, Object> input) {
    gql("mutation($i: UpdatePostInput!) { updatePost(input: $i) { id } }", Map.of("i", input));
  }

  private static Map<String, Object> post(String title, Object... more) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    for (int i = 0; i < more.length; i += 2) {
      m.put((String) more[i], more[i + 1]);
    }
    return m;
  }

  /** Every id of a connection list, page by page, asserting one Query (and nothing else) per page. */
  private static List<String> pageAll(String field, String args, int limit, String direction) {
    List<String> ids = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      backend.resetCounts();
      Map<String, Object> vars = new HashMap<>();
      vars.put("t", token);
      JsonNode page = gql("query($t: String) { " + field + "(" + args + (args.isEmpty() ? "" : ", ") + "limit: " + limit
          + ", sortDirection: " + direction + ", nextToken: $t) { items { id } nextToken } }", vars).get(field);
      assertEquals(Map.of("Query", 1), backend.requestCounts(), field + " page " + pages + ": one Query, no Scan");
      page.get("items").forEach(i -> ids.add(i.get("id").asText()));
      token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
      pages++;
      assertTrue(pages < 1000, "paging does not end");
    } while (token != null);
    int full = (ids.size() + limit - 1) / limit;
    assertTrue(pages == full || pages == full + 1, field + ": " + pages + " pages for " + ids.size() + " items");
    return ids;
  }

  @Test
  void everyItemComesOnceInOrderBothWaysWithOneQueryPerPage() {
    Random random = new Random(16);
    Map<String, Integer> ranks = new HashMap<>();
    for (int i = 0; i < 260; i++) {
      Integer rank = random.nextInt(10) == 0 ? null : random.nextInt(80) - 20; // ties, negatives and nulls
      Map<String, Object> input = post("p" + i);
      if (rank != null) {
        input.put("rank", rank);
      }
      ranks.put(createPost(input), rank);
    }
    // by rank, nulls last, ties by id (ids are ASCII: their byte order is String order)
    Comparator<String> byRank = Comparator.comparing((String id) -> ranks.get(id),
        Comparator.nullsLast(Comparator.naturalOrder()));
    List<String> expected = ranks.keySet().stream().sorted(byRank.thenComparing(Comparator.naturalOrder())).toList();
    for (int limit : new int[] {1, 37, 100}) {
      if (limit == 1) {
        // a page of one item each way is 260 pages: check the first 30 of this test's only, for time
        List<String> first = new ArrayList<>();
        String token = null;
        for (int p = 0; p < 40 && first.stream().filter(ranks::containsKey).count() < 30; p++) {
          Map<String, Object> vars = new HashMap<>();
          vars.put("t", token);
          JsonNode page = gql("query($t: String) { posts(limit: 1, nextToken: $t) { items { id } nextToken } }", vars)
              .get("posts");
          first.add(page.at("/items/0/id").asText());
          token = page.get("nextToken").asText();
        }
        assertEquals(expected.subList(0, 30), first.stream().filter(ranks::containsKey).limit(30).toList());
        continue;
      }
      // the other tests' posts are in the list too: every item once, and this test's ones in their order
      List<String> asc = pageAll("posts", "", limit, "ASC");
      assertEquals(asc.size(), new HashSet<>(asc).size(), "no item twice");
      assertEquals(expected, asc.stream().filter(ranks::containsKey).toList(), "ASC, limit " + limit);
      List<String> reversed = new ArrayList<>(expected);
      java.util.Collections.reverse(reversed);
      List<String> desc = pageAll("posts", "", limit, "DESC");
      assertEquals(asc.size(), desc.size());
      assertEquals(reversed, desc.stream().filter(ranks::containsKey).toList(), "DESC, limit " + limit);
    }
    assertFalse(backend.requestCounts().containsKey("Scan"));
  }

  @Test
  void aChangedByValueMovesTheItemToItsNewList() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(createPost(post("s" + i, "status", "DRAFT", "category", "moves", "sub", "x")));
    }
    Set<String> drafts = new HashSet<>(pageAll("postsByStatus", "status: DRAFT", 5, "ASC"));
    assertTrue(drafts.containsAll(ids));
    for (String id : ids.subList(0, 5)) {
      updatePost(Map.of("id", id, "status", "PUBLISHED"));
    }
    // an update that leaves status alone keeps the item where it is
    updatePost(Map.of("id", ids.get(6), "title", "renamed"));
    Map<String, Object> cleared = new HashMap<>();
    cleared.put("id", ids.get(5));
    cleared.put("status", null);
    updatePost(cleared);
    gql("mutation($id: ID!) { deletePost(id: $id) { id } }", Map.of("id", ids.get(7)));

    List<String> published = pageAll("postsByStatus", "status: PUBLISHED", 3, "ASC");
    Set<String> draftsNow = new HashSet<>(pageAll("postsByStatus", "status: DRAFT", 4, "DESC"));
    assertTrue(published.containsAll(ids.subList(0, 5)), "moved to PUBLISHED");
    for (String id : ids.subList(0, 5)) {
      assertFalse(draftsNow.contains(id), "left DRAFT: " + id);
    }
    assertFalse(draftsNow.contains(ids.get(5)) || published.contains(ids.get(5)), "a null status is in no list");
    assertFalse(draftsNow.contains(ids.get(7)) || published.contains(ids.get(7)), "a deleted item is in no list");
    assertTrue(draftsNow.containsAll(ids.subList(6, 7)) && draftsNow.containsAll(ids.subList(8, 12)), "the rest stay");
    // the page's items are the stored ones: titles as updated
    JsonNode items = gql("{ postsByStatus(status: DRAFT, limit: 1000) { items { id title status } } }", Map.of())
        .at("/postsByStatus/items");
    items.forEach(i -> assertEquals("DRAFT", i.get("status").asText()));
    assertTrue(items.toString().contains("renamed"));
  }

  @Test
  void byValuesHoldingTheSeparatorOrHashStayApart() {
    String sep = "\u0001";
    String[][] pairs = {{"a" + sep + "b", "c"}, {"a", "b" + sep + "c"}, {"a#b", "c"}, {"a", "b#c"}, {"", "abc"},
        {"ab", "c"}, {"a\u0002", "c"}, {"a", "\u0002c"}};
    Map<String, String> idByPair = new HashMap<>();
    for (String[] p : pairs) {
      idByPair.put(p[0] + "|" + p[1], createPost(post("t", "category", p[0], "sub", p[1])));
    }
    for (String[] p : pairs) {
      JsonNode items = gql("query($c: String!, $s: String!) { postsByCategory(category: $c, sub: $s) { id } }",
          Map.of("c", p[0], "s", p[1])).get("postsByCategory");
      assertEquals(1, items.size(), Arrays.toString(p) + ": " + items);
      assertEquals(idByPair.get(p[0] + "|" + p[1]), items.get(0).get("id").asText());
    }
  }

  @Test
  void aByValueTooLongForAKeyIsRefusedAndNothingIsWritten() {
    // PKnn = Post#<category>U+0001<sub>: over DynamoDB's 2,048-byte limit of a GSI partition key
    String category = "c".repeat(2100);
    int items = backend.scan().size();
    var refused = backend.graphql("mutation($i: CreatePostInput!) { createPost(input: $i) { id } }",
        Map.of("i", post("too long", "category", category, "sub", "s")));
    assertEquals("ValidationError", refused.firstError().path("errorType").asText(), refused.toString());
    assertEquals(items, backend.scan().size(), "nothing written");
    // an existing item moved to such a list is refused likewise, and stays where it was
    String id = createPost(post("short", "category", "short", "sub", "s"));
    var moved = backend.graphql("mutation($i: UpdatePostInput!) { updatePost(input: $i) { id } }",
        Map.of("i", Map.of("id", id, "category", category)));
    assertEquals("ValidationError", moved.firstError().path("errorType").asText(), moved.toString());
    JsonNode still = gql("query { postsByCategory(category: \"short\", sub: \"s\") { id } }", Map.of())
        .get("postsByCategory");
    assertTrue(still.toString().contains(id), still.toString());
  }

  @Test
  void intAndBooleanByValuesSelectExactlyTheirItems() {
    String a = createPost(post("ib-a", "rank", -12, "featured", true));
    String b = createPost(post("ib-b", "rank", -12, "featured", false));
    String c = createPost(post("ib-c", "rank", 12, "featured", true));
    String query = "query($r: Int!, $f: Boolean!) { postsByRankAndFeatured(rank: $r, featured: $f) { id } }";
    for (Object[] want : new Object[][] {{-12, true, a}, {-12, false, b}, {12, true, c}}) {
      JsonNode items = gql(query, Map.of("r", want[0], "f", want[1])).get("postsByRankAndFeatured");
      List<String> ids = new ArrayList<>();
      items.forEach(i -> ids.add(i.get("id").asText()));
      assertEquals(List.of(want[2]), ids, Arrays.toString(want));
    }
    assertEquals(0, gql(query, Map.of("r", 12, "f", false)).get("postsByRankAndFeatured").size());
  }

  @Test
  void onlyIfListsOnlyTheFlaggedItems() {
    String a = createPost(post("only-a", "featured", true));
    String b = createPost(post("only-b", "featured", false));
    String c = createPost(post("only-c"));
    Set<String> featured = new HashSet<>(pageAll("featuredPosts", "", 50, "ASC"));
    assertTrue(featured.contains(a));
    assertFalse(featured.contains(b) || featured.contains(c));
    updatePost(Map.of("id", a, "featured", false));
    updatePost(Map.of("id", c, "featured", true));
    featured = new HashSet<>(pageAll("featuredPosts", "", 50, "ASC"));
    assertFalse(featured.contains(a));
    assertTrue(featured.contains(c));
  }

  @Test
  void aListOfAUnionHoldsEveryMemberInOneOrder() {
    List<String> titles = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      String title = "entry-" + (char) ('a' + (i * 5) % 9);
      titles.add(title);
      if (i % 2 == 0) {
        gql("mutation($i: CreateNoteInput!) { createNote(input: $i) { id } }", Map.of("i", Map.of("title", title)));
      } else {
        createPost(post(title));
      }
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      Map<String, Object> vars = new HashMap<>();
      vars.put("t", token);
      JsonNode page = gql("query($t: String) { entries(limit: 7, nextToken: $t) { items { __typename "
          + "... on Note { title } ... on Post { title } } nextToken } }", vars).get("entries");
      page.get("items").forEach(i -> seen.add(i.get("title").asText()));
      token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
    } while (token != null);
    List<String> mine = seen.stream().filter(t -> t.startsWith("entry-")).toList();
    assertEquals(titles.stream().sorted().toList(), mine);
    List<String> all = new ArrayList<>(seen);
    all.sort(String.CASE_INSENSITIVE_ORDER);
    assertEquals(all, seen, "every entry, notes and posts, in one title order");
  }

  @Test
  void theJavaCodecKeysListItemsAsTheResolversDo(@TempDir Path dir) throws Exception {
    GeneratedJava java = GeneratedJava.inline(Files.readString(SCHEMA), dir, KeyStrategy.NODE);
    try {
      String[] category = {"java" + "\u0001" + "x", "y#\u0002"};
      String id = createPost(post("codec", "status", "ARCHIVED", "category", category[0], "sub", category[1],
          "featured", true, "rank", -7));
      Map<String, AttributeValue> stored = backend.scan().stream()
          .filter(i -> i.get("PK").s().endsWith("#" + id)).findFirst().orElseThrow();
      Class<?> codec = java.codecType();
      Object entity = java.call("ItemCodec", "decode", stored);
      @SuppressWarnings("unchecked")
      Map<String, AttributeValue> encoded = (Map<String, AttributeValue>) java.call("ItemCodec", "encode", entity);
      assertEquals(stored, encoded, "the codec writes the list attributes the resolver wrote");
      int lists = 0;
      for (RelationModel r : generated.model().lists()) {
        if (!r.concreteTargets().contains("Post")) {
          continue;
        }
        lists++;
        assertTrue(stored.containsKey(r.partitionAttribute()), r.id() + " on the item");
        Method key = Arrays.stream(codec.getMethods())
            .filter(m -> m.getName().equals(partitionKeyMethod(r))).findFirst().orElseThrow();
        Object[] args = switch (r.field()) {
          case "postsByStatus" -> new Object[] {enumValue(java, "Status", "ARCHIVED")};
          case "postsByCategory" -> new Object[] {category[0], category[1]};
          case "postsByRankAndFeatured" -> new Object[] {-7, true};
          default -> new Object[0];
        };
        assertEquals(stored.get(r.partitionAttribute()).s(), key.invoke(null, args), r.id());
      }
      assertEquals(6, lists);
      assertNotEquals(stored.get(listAttribute("postsByCategory")).s(),
          key(java, "postsByCategory", "java", "\u0001x\u0001y#\u0002"));
    } finally {
      java.close();
    }
  }

  private static String listAttribute(String field) {
    return generated.model().lists().stream().filter(r -> r.field().equals(field)).findFirst().orElseThrow()
        .partitionAttribute();
  }

  private static String partitionKeyMethod(RelationModel r) {
    return "query" + Character.toUpperCase(r.field().charAt(0)) + r.field().substring(1) + "PartitionKey";
  }

  private static Object key(GeneratedJava java, String field, Object... args) throws Exception {
    RelationModel r = generated.model().lists().stream().filter(l -> l.field().equals(field)).findFirst().orElseThrow();
    Method m = Arrays.stream(java.codecType().getMethods()).filter(x -> x.getName().equals(partitionKeyMethod(r)))
        .findFirst().orElseThrow();
    return m.invoke(null, args);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(GeneratedJava java, String type, String name) {
    return Enum.valueOf((Class) java.type(type), name);
  }
}
