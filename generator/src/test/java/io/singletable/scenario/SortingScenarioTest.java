package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.harness.Backend;
import io.singletable.harness.GraphQLResponse;
import io.singletable.model.RelationModel;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sort order of {@code @hasMany} relations, executed for real (AppSync simulator + DynamoDB Local),
 * compared with an independent Java model of SPEC §3's ordering rules: String lexicographic by
 * UTF-8 bytes (lower-cased when ignoreCase), Int/Float numeric, AWSDate/AWSDateTime chronological
 * (offsets honoured), Boolean false &lt; true, enums by name, nulls FIRST or LAST, ties by id.
 * The expected orders are computed from the values, never from the generated encoding.
 */
@Tag("simulator")
class SortingScenarioTest {
  private static final Path SCHEMA = Path.of("src", "test", "resources", "scenarios", "sorting", "schema.graphql");

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

  // ---------------------------------------------------------------------------------------------
  // The independent model of the ordering rules.

  enum Kind { STRING, NUMBER, DATE, DATETIME, BOOLEAN, ENUM }

  record Key(String field, Kind kind) {}

  /** One relation of the schema and the rule it must follow. */
  record Rule(String relation, boolean ignoreCase, boolean nullsFirst, List<Key> keys) {
    Rule(String relation, boolean ignoreCase, boolean nullsFirst, Key... keys) {
      this(relation, ignoreCase, nullsFirst, List.of(keys));
    }
  }

  private static Key key(String field, Kind kind) {
    return new Key(field, kind);
  }

  /** Every list-shaped relation of Board, with the rule its @hasMany declares. */
  static final List<Rule> RULES = List.of(
      new Rule("byTitle", true, false, key("title", Kind.STRING)),
      new Rule("byTitleCased", false, true, key("title", Kind.STRING)),
      new Rule("byRank", true, false, key("rank", Kind.NUMBER)),
      new Rule("byRankNullsFirst", true, true, key("rank", Kind.NUMBER)),
      new Rule("byWeight", true, false, key("weight", Kind.NUMBER)),
      new Rule("byDay", true, true, key("day", Kind.DATE)),
      new Rule("byAt", true, false, key("at", Kind.DATETIME)),
      new Rule("byStamp", true, false, key("stamp", Kind.NUMBER)),
      new Rule("bySuitScore", true, false, key("suit", Kind.ENUM), key("score", Kind.NUMBER)),
      new Rule("byLabelScore", true, true, key("label", Kind.STRING), key("score", Kind.NUMBER)),
      new Rule("byHotWeight", true, false, key("hot", Kind.BOOLEAN), key("weight", Kind.NUMBER)),
      new Rule("byId", true, false));

  static final Rule PAGE = new Rule("page", true, false, key("rank", Kind.NUMBER));
  static final Rule PICKS = new Rule("picks", true, false, key("weight", Kind.NUMBER));
  static final Rule LABEL_PAGE = new Rule("labelPage", false, false, key("label", Kind.STRING), key("score", Kind.NUMBER));

  /**
   * Sort keys must stay under 1024 bytes, so strings that share their first 1000 characters must
   * tie (then order by id). The test data differ either within their first 200 characters or only
   * after 1000, so any truncation length in between gives the same expected order.
   */
  private static final int STRING_PREFIX = 500;

  static Comparator<Map<String, Object>> order(Rule rule) {
    return (a, b) -> {
      for (Key k : rule.keys()) {
        int c = compareValues(rule, k, a.get(k.field()), b.get(k.field()));
        if (c != 0) {
          return c;
        }
      }
      return utf8((String) a.get("id"), (String) b.get("id"));
    };
  }

  private static int compareValues(Rule rule, Key k, Object a, Object b) {
    if (a == null || b == null) {
      if (a == b) {
        return 0;
      }
      int nullFirst = a == null ? -1 : 1;
      return rule.nullsFirst() ? nullFirst : -nullFirst;
    }
    return switch (k.kind()) {
      case STRING -> utf8(text(rule, (String) a), text(rule, (String) b));
      case ENUM -> utf8((String) a, (String) b);
      case NUMBER -> decimal(a).compareTo(decimal(b));
      case DATE -> LocalDate.parse(((String) a).substring(0, 10)).compareTo(LocalDate.parse(((String) b).substring(0, 10)));
      case DATETIME -> OffsetDateTime.parse((String) a).toInstant().compareTo(OffsetDateTime.parse((String) b).toInstant());
      case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
    };
  }

  private static String text(Rule rule, String s) {
    String t = s.length() > STRING_PREFIX ? s.substring(0, STRING_PREFIX) : s;
    return rule.ignoreCase() ? t.toLowerCase(Locale.ROOT) : t;
  }

  private static BigDecimal decimal(Object n) {
    if (n instanceof Double d) {
      return new BigDecimal(d);
    }
    return BigDecimal.valueOf(((Number) n).longValue());
  }

  /** DynamoDB compares string keys by their UTF-8 bytes, unsigned. */
  private static int utf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** A self-check of the model, so that the expectations below rest on the rules, not on luck. */
  @Test
  void theModelFollowsTheRules() {
    Rule weight = RULES.get(4);
    List<Double> values = new ArrayList<>(List.of(10.0, -1.55, 0.001, -1e-5, 2.0, 1e10, -1.5, 0.0));
    List<Map<String, Object>> cards = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      cards.add(card("m" + i, Map.of("weight", values.get(i))));
    }
    cards.sort(order(weight));
    assertEquals(List.of(-1.55, -1.5, -1e-5, 0.0, 0.001, 2.0, 10.0, 1e10),
        cards.stream().map(c -> c.get("weight")).toList());
    Rule at = RULES.get(6);
    var early = card("z", Map.of("at", "2024-01-01T10:00:00+02:00"));
    var late = card("a", Map.of("at", "2024-01-01T09:00:00Z"));
    assertTrue(order(at).compare(early, late) < 0, "10:00+02:00 is 08:00Z, before 09:00Z");
    Rule title = RULES.get(0);
    assertTrue(order(title).compare(card("b", Map.of("title", "")), card("a", Map.of("title", "A"))) < 0);
    assertTrue(order(title).compare(card("a", Map.of("title", "zz")), card("b", new HashMap<>())) < 0, "nulls LAST");
    assertTrue(order(RULES.get(1)).compare(card("b", new HashMap<>()), card("a", Map.of("title", ""))) < 0, "nulls FIRST");
    assertTrue(order(RULES.get(1)).compare(card("b", Map.of("title", "B")), card("a", Map.of("title", "a"))) < 0,
        "case-sensitive: upper case first");
  }

  // ---------------------------------------------------------------------------------------------
  // Test data.

  private static final String LONG_A = "x".repeat(1000) + "a";
  private static final String LONG_B = "x".repeat(1000) + "b";

  private static final List<Object> TITLES = Arrays.asList("banana", "Apple", "apple", "APPLE", "", null, "cherry",
      "Éclair", "zebra", "apple pie", "Banana", "€".repeat(1000), "apple", "Zebra", "a", "apple\u00a0pie");
  private static final List<Object> RANKS = Arrays.asList(0, -1, 1, 2147483647, -2147483648, 10, -10, 100, 99, null,
      7, 7, -2147483647, 1000000);
  /**
   * Floats stay within +-2^53: the simulator's $util.dynamodb marshalling (AWS SDK v3) refuses larger
   * JavaScript numbers, which real AppSync stores fine. 1e-7 and 1.5e-120 print in exponent form.
   */
  private static final List<Object> WEIGHTS = Arrays.asList(-1.5, -1.55, 0.0, 0.001, 2.0, 10.0, 1e10, -1e-5, 9e15,
      1e-7, -9e15, 2.5, 0.1, 0.10000001, -0.001, 123.456, null, 1.0, -0.0, 4503599627370495.5, -1e-7,
      -123456789.125, 3.14159265358979, -2.5e-100, 9.99, 1.5e-120);
  private static final List<Object> DAYS = Arrays.asList("2024-01-01", "2023-12-31", "1999-05-05", "2024-02-29", null,
      "2024-01-01", "1900-01-01");
  /**
   * Offsets here all come with fractional seconds; {@link #dateTimesWithOffsetsSortByInstant} covers
   * the plain {@code 2024-01-01T10:00:00+02:00} form.
   */
  private static final List<Object> ATS = Arrays.asList("2024-01-01T10:00:00.000+02:00", "2024-01-01T09:00:00Z",
      "2024-01-01T09:00:00.500Z", "2024-01-01T04:30:00.000-05:00", "2023-12-31T23:59:59.999Z", "1969-12-31T23:59:59Z",
      "1970-01-01T00:00:00Z", "2024-01-01T08:00:00Z", null, "2024-01-01T09:00:00.250+00:00",
      "2024-01-01T23:30:00.000-02:00", "2024-01-01T00:30:00.000+01:00", "1960-06-01T12:00:00.001Z");
  /** No 0: the simulator's AWSTimestamp parser takes 0 for a missing value and refuses it. */
  private static final List<Object> STAMPS = Arrays.asList(1, -1, 1700000000, 1700000001, 86400, null, -86400,
      2147483647);
  private static final List<Object> SUITS = Arrays.asList("HEARTS", "CLUBS", null, "SPADES", "DIAMONDS");
  private static final List<Object> SCORES = Arrays.asList(5, -5, 100, null, 0, 5);
  private static final List<Object> LABELS = Arrays.asList("b", "B", "a", "", null, "alpha", "Alpha", "b", "ä");
  private static final List<Object> HOTS = Arrays.asList(true, false, null);
  private static final Map<String, List<Object>> POOLS = new LinkedHashMap<>();

  static {
    POOLS.put("title", TITLES);
    POOLS.put("rank", RANKS);
    POOLS.put("weight", WEIGHTS);
    POOLS.put("day", DAYS);
    POOLS.put("at", ATS);
    POOLS.put("stamp", STAMPS);
    POOLS.put("suit", SUITS);
    POOLS.put("score", SCORES);
    POOLS.put("label", LABELS);
    POOLS.put("hot", HOTS);
  }

  private static Map<String, Object> card(String id, Map<String, Object> values) {
    Map<String, Object> card = new HashMap<>(values);
    card.put("id", id);
    return card;
  }

  /** Card i of a board: each field cycles through its pool, so values and ties mix. */
  private static Map<String, Object> poolCard(String boardId, String id, int i) {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("id", id);
    card.put("boardId", boardId);
    for (var pool : POOLS.entrySet()) {
      card.put(pool.getKey(), pool.getValue().get(i % pool.getValue().size()));
    }
    return card;
  }

  /** Ids in mixed case and in an order unrelated to creation, so the id tie-break shows. */
  private static String id(String prefix, int i, int n) {
    return prefix + "KkAa".charAt(i % 4) + String.format(Locale.ROOT, "%03d", (i * 3) % n); // 3 is prime to every n used
  }

  private static GraphQLResponse gql(String query, Map<String, Object> vars) {
    return backend.graphql(query, vars);
  }

  private static String createBoard(String name) {
    return gql("mutation($n: String!) { createBoard(input: {name: $n}) { id } }", Map.of("n", name))
        .requireNoErrors().data("/createBoard/id").asText();
  }

  /** Creates the card; null values are sent as explicit nulls for even i and left out for odd i. */
  private static void create(Map<String, Object> card, int i) {
    Map<String, Object> input = new LinkedHashMap<>();
    card.forEach((k, v) -> {
      if (v != null || i % 2 == 0) {
        input.put(k, v);
      }
    });
    String id = gql("mutation($in: CreateCardInput!) { createCard(input: $in) { id } }", Map.of("in", input))
        .requireNoErrors().data("/createCard/id").asText();
    assertEquals(card.get("id"), id);
  }

  /** A partial update: sends only {@code changes} (nulls explicitly) and applies them to the model. */
  private static void update(Map<String, Object> card, Map<String, Object> changes) {
    Map<String, Object> input = new LinkedHashMap<>(changes);
    input.put("id", card.get("id"));
    gql("mutation($in: UpdateCardInput!) { updateCard(input: $in) { id } }", Map.of("in", input)).requireNoErrors();
    card.putAll(changes);
  }

  private static Map<String, Object> changes(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static List<String> expected(Rule rule, List<Map<String, Object>> cards) {
    return expected(rule, cards, c -> true);
  }

  private static List<String> expected(Rule rule, List<Map<String, Object>> cards, Predicate<Map<String, Object>> in) {
    return cards.stream().filter(in).sorted(order(rule)).map(c -> (String) c.get("id")).toList();
  }

  private static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.path("id").asText()));
    return out;
  }

  private static List<String> reversed(List<String> in) {
    List<String> out = new ArrayList<>(in);
    Collections.reverse(out);
    return out;
  }

  /** Every list relation of the board, ASC (default limit) and DESC, against the model. */
  private static void assertOrders(String boardId, List<Map<String, Object>> cards, String when) {
    StringBuilder q = new StringBuilder("query($id: ID!) { getBoard(id: $id) {");
    for (Rule r : RULES) {
      q.append(' ').append(r.relation()).append(" { id } ")
          .append(r.relation()).append("Desc: ").append(r.relation()).append("(sortDirection: DESC, limit: 1000) { id }");
    }
    q.append(" picks(limit: 1000) { items { id } nextToken } } }");
    JsonNode board = gql(q.toString(), Map.of("id", boardId)).requireNoErrors().data("/getBoard");
    List<Executable> checks = new ArrayList<>();
    for (Rule r : RULES) {
      List<String> asc = expected(r, cards);
      checks.add(() -> assertEquals(asc, ids(board.path(r.relation())), when + ": " + r.relation() + " ASC"));
      checks.add(() -> assertEquals(reversed(asc), ids(board.path(r.relation() + "Desc")),
          when + ": " + r.relation() + " DESC"));
    }
    checks.add(() -> assertEquals(expected(PICKS, cards, c -> Boolean.TRUE.equals(c.get("featured"))),
        ids(board.path("picks").path("items")), when + ": picks"));
    assertAll(when, checks);
  }

  private static Map<String, AttributeValue> stored(String id) {
    return backend.scan().stream().filter(i -> i.get("PK").s().equals("NODE#" + id)).findFirst().orElseThrow();
  }

  private static RelationModel relation(String field) {
    return generated.model().relations().stream().filter(r -> r.id().equals("Board." + field)).findFirst()
        .orElseThrow();
  }

  // ---------------------------------------------------------------------------------------------
  // 1. Every sort rule, ASC and DESC.

  @Test
  void everyRelationFollowsItsSortRuleBothWays() {
    String board = createBoard("Sorting");
    List<Map<String, Object>> cards = new ArrayList<>();
    int n = 40;
    for (int i = 0; i < n; i++) {
      cards.add(poolCard(board, id("s", i, n), i));
    }
    // Titles equal in their first 1000 characters tie, so the id decides (the opposite of the full strings).
    Map<String, Object> truncB = poolCard(board, "s-trunc-1", 3);
    truncB.put("title", LONG_B);
    Map<String, Object> truncA = poolCard(board, "s-trunc-2", 4);
    truncA.put("title", LONG_A);
    cards.add(truncB);
    cards.add(truncA);
    for (int i = 0; i < cards.size(); i++) {
      create(cards.get(i), i);
    }
    assertOrders(board, cards, "after create");

    List<String> byTitle = ids(gql("query($id: ID!) { getBoard(id: $id) { byTitle { id } } }", Map.of("id", board))
        .requireNoErrors().data("/getBoard/byTitle"));
    assertTrue(byTitle.indexOf("s-trunc-1") == byTitle.indexOf("s-trunc-2") - 1,
        "long titles equal in their first 1000 characters tie and order by id: " + byTitle);
  }

  @Test
  void numbersDatesAndTimesOrderByValueNotByText() {
    String board = createBoard("Numbers");
    List<Map<String, Object>> cards = new ArrayList<>();
    List<Double> weights = List.of(-1.5, -1.55, 0.0, 0.001, 2.0, 10.0, 1e10, -1e-5, 2147483647.0, -2147483648.0,
        -10.0, -2.0, 100.0, 0.01, 9e15, 1e-7, -9e15, -1e-7, 1.5e-120, -2.5e-100);
    for (int i = 0; i < weights.size(); i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", "n" + (char) ('a' + i));
      c.put("boardId", board);
      c.put("weight", weights.get(i));
      c.put("rank", i % 3 == 0 ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, weights.get(i))));
      c.put("at", ATS.get(i % ATS.size()));
      c.put("day", DAYS.get(i % DAYS.size()));
      cards.add(c);
      create(c, i);
    }
    JsonNode b = gql("query($id: ID!) { getBoard(id: $id) { byWeight { id weight } byAt { id at } } }",
        Map.of("id", board)).requireNoErrors().data("/getBoard");
    List<Double> shown = new ArrayList<>();
    b.path("byWeight").forEach(n -> shown.add(n.path("weight").asDouble()));
    List<Double> sorted = new ArrayList<>(weights);
    sorted.sort(Comparator.naturalOrder());
    assertEquals(sorted, shown, "weights in numeric order");
    List<String> at = ids(b.path("byAt"));
    int plus2 = -1;
    int zulu9 = -1;
    for (int i = 0; i < cards.size(); i++) {
      if ("2024-01-01T10:00:00.000+02:00".equals(cards.get(i).get("at")) && plus2 < 0) {
        plus2 = at.indexOf(cards.get(i).get("id"));
      }
      if ("2024-01-01T09:00:00Z".equals(cards.get(i).get("at")) && zulu9 < 0) {
        zulu9 = at.indexOf(cards.get(i).get("id"));
      }
    }
    assertTrue(plus2 >= 0 && zulu9 >= 0 && plus2 < zulu9, "10:00+02:00 sorts before 09:00Z: " + b.path("byAt"));
    assertOrders(board, cards, "numbers");
  }

  /**
   * AWSDateTime values with offsets order by the instant they denote: 10:00+02:00 is 08:00Z, so it
   * comes before 09:00Z, whatever the text says. Note: the stock simulator's
   * {@code $util.time.parseISO8601ToEpochMilliSeconds} misreads an offset that follows whole seconds
   * (it parses "10:00:00+02:00" as 10:00:00.020Z); real AppSync does not. Until the harness patches
   * that function, this test fails for the simulator's sake, not the generator's.
   */
  @Test
  void dateTimesWithOffsetsSortByInstant() {
    String board = createBoard("Offsets");
    String[] ats = {"2024-01-01T10:00:00+02:00", "2024-01-01T09:00:00Z", "2024-01-01T08:30:00Z",
        "2024-01-01T04:30:00-05:00", "2024-01-01T23:30:00-02:00", "2024-01-02T00:30:00+01:00",
        "2023-12-31T22:00:00-11:00", "2024-01-01T07:59:59.999Z"};
    List<Map<String, Object>> cards = new ArrayList<>();
    for (int i = 0; i < ats.length; i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", "t" + (char) ('z' - i));
      c.put("boardId", board);
      c.put("at", ats[i]);
      cards.add(c);
      create(c, i);
    }
    List<String> at = ids(gql("query($id: ID!) { getBoard(id: $id) { byAt { id } } }", Map.of("id", board))
        .requireNoErrors().data("/getBoard/byAt"));
    assertTrue(at.indexOf("tz") < at.indexOf("ty"), "10:00+02:00 before 09:00Z: " + at);
    assertEquals(expected(RULES.get(6), cards), at, "byAt in instant order");
    assertOrders(board, cards, "offsets");
  }

  // ---------------------------------------------------------------------------------------------
  // Partial updates re-sort every relation they affect.

  @Test
  void partialUpdatesResortEveryRelation() {
    String board = createBoard("Updates");
    List<Map<String, Object>> cards = new ArrayList<>();
    int n = 14;
    for (int i = 0; i < n; i++) {
      Map<String, Object> c = poolCard(board, id("u", i, n), i + 5);
      c.put("featured", i % 3 == 0);
      // The simulator stores "" as NULL (convertEmptyValues), and an update of such an item fails its
      // "unchanged since read" condition; real AppSync stores "". Only card 4 gets "" here, last.
      c.replaceAll((k, v) -> "".equals(v) ? "~" : v);
      cards.add(c);
      create(c, i);
    }
    assertOrders(board, cards, "created");
    update(cards.get(0), changes("rank", -2147483648, "title", "AAA first"));
    assertOrders(board, cards, "rank and title of card 0 changed");
    update(cards.get(1), changes("title", null));
    assertOrders(board, cards, "title of card 1 removed");
    update(cards.get(2), changes("weight", -9e15, "hot", true));
    assertOrders(board, cards, "weight and hot of card 2 changed");
    update(cards.get(3), changes("at", "1960-01-01T00:00:00.000+14:00", "suit", null));
    assertOrders(board, cards, "at and suit of card 3 changed");
    update(cards.get(4), changes("label", "", "score", null));
    assertOrders(board, cards, "label and score of card 4 changed");
    update(cards.get(5), changes("day", null, "stamp", -2147483648, "rank", 2147483647));
    assertOrders(board, cards, "day, stamp and rank of card 5 changed");
    update(cards.get(6), changes("featured", true));
    assertOrders(board, cards, "only the flag of card 6 changed");
    update(cards.get(7), changes("title", "Zz", "label", "ZZ", "suit", "CLUBS", "score", -100, "weight", null));
    assertOrders(board, cards, "many fields of card 7 changed");
  }

  // ---------------------------------------------------------------------------------------------
  // 2. Paging.

  @Test
  void connectionsPageThroughEveryItemOnceInOrder() {
    String board = createBoard("Paging");
    Random random = new Random(20240101);
    List<Map<String, Object>> cards = new ArrayList<>();
    int n = 250;
    for (int i = 0; i < n; i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", id("p", i, n));
      c.put("boardId", board);
      c.put("rank", random.nextInt(10) == 0 ? null : random.nextInt(61) - 30);
      c.put("weight", random.nextInt(8) == 0 ? null : random.nextInt(20001) / 100.0 - 100);
      c.put("featured", random.nextInt(10) < 3);
      cards.add(c);
      create(c, i);
    }
    List<String> byRank = expected(PAGE, cards);
    assertEquals(n, byRank.size());
    assertEquals(byRank, page(board, "page", "ASC"), "page ASC");
    assertEquals(reversed(byRank), page(board, "page", "DESC"), "page DESC");
    List<String> picks = expected(PICKS, cards, c -> Boolean.TRUE.equals(c.get("featured")));
    assertTrue(picks.size() > 20 && picks.size() < 150, "a sparse subset: " + picks.size());
    assertEquals(picks, page(board, "picks", "ASC"), "picks ASC");
    assertEquals(reversed(picks), page(board, "picks", "DESC"), "picks DESC");

    JsonNode lists = gql("query($id: ID!) { getBoard(id: $id) { all: byRank(limit: 1000) { id } "
        + "allDesc: byRank(limit: 1000, sortDirection: DESC) { id } first: byRank { id } three: byRank(limit: 3) { id } } }",
        Map.of("id", board)).requireNoErrors().data("/getBoard");
    assertEquals(byRank, ids(lists.path("all")), "[Card] with limit 1000 returns all 250 in order");
    assertEquals(reversed(byRank), ids(lists.path("allDesc")));
    assertEquals(byRank.subList(0, 100), ids(lists.path("first")), "default limit 100");
    assertEquals(byRank.subList(0, 3), ids(lists.path("three")));

    for (int bad : new int[] {0, -1, 1001}) {
      GraphQLResponse r = gql("query($id: ID!, $l: Int) { getBoard(id: $id) { byRank(limit: $l) { id } } }",
          Map.of("id", board, "l", bad));
      assertTrue(r.hasErrors(), "limit " + bad + " is refused: " + r);
    }
  }

  /** Follows nextToken with limit 7 until it is null; every page but the last is full. */
  private static List<String> page(String boardId, String field, String direction) {
    List<String> all = new ArrayList<>();
    String token = null;
    List<Integer> sizes = new ArrayList<>();
    for (int guard = 0; guard < 200; guard++) {
      Map<String, Object> vars = new HashMap<>();
      vars.put("id", boardId);
      vars.put("t", token);
      vars.put("d", direction);
      JsonNode conn = gql("query($id: ID!, $t: String, $d: SortDirection) { getBoard(id: $id) { " + field
          + "(limit: 7, nextToken: $t, sortDirection: $d) { items { id } nextToken } } }", vars)
          .requireNoErrors().data("/getBoard/" + field);
      List<String> items = ids(conn.path("items"));
      sizes.add(items.size());
      all.addAll(items);
      JsonNode next = conn.path("nextToken");
      if (next.isNull() || next.isMissingNode()) {
        for (int i = 0; i < sizes.size() - 1; i++) {
          assertEquals(7, sizes.get(i), field + " " + direction + ": page " + i + " of " + sizes);
        }
        assertTrue(sizes.get(sizes.size() - 1) <= 7);
        assertEquals(all.size(), all.stream().distinct().count(), field + " " + direction + ": no item twice");
        return all;
      }
      token = next.asText();
      assertFalse(token.isEmpty());
    }
    throw new AssertionError(field + " " + direction + ": nextToken never ended");
  }

  // ---------------------------------------------------------------------------------------------
  // 3. onlyIf: a sparse relation.

  @Test
  void onlyIfRelationHoldsExactlyTheFlaggedItems() {
    String board = createBoard("Sparse");
    RelationModel picks = relation("picks");
    RelationModel byWeight = relation("byWeight");
    List<Map<String, Object>> cards = new ArrayList<>();
    Object[][] init = {{"oA", true, 1.0}, {"oB", false, 2.0}, {"oC", null, 3.0}, {"oD", true, -1.0}, {"oE", true, null}};
    for (int i = 0; i < init.length; i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", init[i][0]);
      c.put("boardId", board);
      c.put("featured", init[i][1]);
      c.put("weight", init[i][2]);
      c.put("title", "card " + init[i][0]);
      cards.add(c);
      create(c, i);
    }
    Map<String, Map<String, Object>> by = cards.stream().collect(Collectors.toMap(c -> (String) c.get("id"), c -> c));
    assertPicks(board, List.of("oD", "oA", "oE"), cards);
    assertIndexed(picks, board, Map.of("oA", true, "oB", false, "oC", false, "oD", true, "oE", true));
    for (String id : by.keySet()) {
      assertNotNull(stored(id).get(byWeight.partitionAttribute()), id + " stays in the other relations");
    }

    update(by.get("oB"), changes("featured", true));
    assertPicks(board, List.of("oD", "oA", "oB", "oE"), cards);
    update(by.get("oA"), changes("title", "renamed"));
    assertPicks(board, List.of("oD", "oA", "oB", "oE"), cards);
    assertIndexed(picks, board, Map.of("oA", true, "oB", true));

    update(by.get("oA"), changes("featured", false));
    assertPicks(board, List.of("oD", "oB", "oE"), cards);
    assertOrders(board, cards, "oA unflagged");
    assertIndexed(picks, board, Map.of("oA", false));
    assertNotNull(stored("oA").get(byWeight.partitionAttribute()), "only the sparse relation's attributes go");

    update(by.get("oA"), changes("weight", 5.0));
    assertPicks(board, List.of("oD", "oB", "oE"), cards);
    assertIndexed(picks, board, Map.of("oA", false));

    update(by.get("oA"), changes("featured", true));
    assertPicks(board, List.of("oD", "oB", "oA", "oE"), cards);
    assertIndexed(picks, board, Map.of("oA", true));

    update(by.get("oD"), changes("weight", 10.0));
    assertPicks(board, List.of("oB", "oA", "oD", "oE"), cards);

    update(by.get("oB"), changes("featured", null));
    assertPicks(board, List.of("oA", "oD", "oE"), cards);
    assertIndexed(picks, board, Map.of("oB", false));

    update(by.get("oE"), changes("weight", 0.5, "title", "moved"));
    assertPicks(board, List.of("oE", "oA", "oD"), cards);

    update(by.get("oC"), changes("featured", true, "weight", -3.0));
    assertPicks(board, List.of("oC", "oE", "oA", "oD"), cards);
    assertIndexed(picks, board, Map.of("oA", true, "oB", false, "oC", true, "oD", true, "oE", true));
    assertOrders(board, cards, "after every flip");
  }

  private static void assertPicks(String boardId, List<String> want, List<Map<String, Object>> cards) {
    List<String> model = expected(PICKS, cards, c -> Boolean.TRUE.equals(c.get("featured")));
    assertEquals(want, model, "the model agrees with the hand-written expectation");
    JsonNode b = gql("query($id: ID!) { getBoard(id: $id) { picks { items { id } nextToken } "
        + "desc: picks(sortDirection: DESC) { items { id } } } }", Map.of("id", boardId)).requireNoErrors()
        .data("/getBoard");
    assertEquals(want, ids(b.path("picks").path("items")), "picks");
    assertTrue(b.path("picks").path("nextToken").isNull(), "picks: one page");
    assertEquals(reversed(want), ids(b.path("desc").path("items")), "picks DESC");
  }

  /** Whether each item carries the relation's index attributes, and for the right parent. */
  private static void assertIndexed(RelationModel rel, String boardId, Map<String, Boolean> want) {
    want.forEach((id, in) -> {
      Map<String, AttributeValue> item = stored(id);
      if (in) {
        assertEquals("Card#" + boardId, item.get(rel.partitionAttribute()).s(), id + " " + rel.partitionAttribute());
        assertNotNull(item.get(rel.sortAttribute()), id + " " + rel.sortAttribute());
        assertTrue(item.get(rel.sortAttribute()).s().endsWith(id), id + " SK ends with the id tie-break");
      } else {
        assertNull(item.get(rel.partitionAttribute()), id + " has no " + rel.partitionAttribute() + ": " + item);
        assertNull(item.get(rel.sortAttribute()), id + " has no " + rel.sortAttribute() + ": " + item);
      }
    });
  }

  /**
   * Strings holding the component separator U+0001 and the chars around it (U+0000, U+0002), and
   * strings that are prefixes of each other: the separator is escaped, so every multi-component key
   * still orders as its tuple, in lists and page by page, both ways.
   */
  @Test
  void separatorCharsInStringsKeepTupleOrder() {
    String board = createBoard("Separators");
    List<String> labels = List.of("", "a", "ab", "a\u0000", "a\u0001", "a\u0002", "a\u0000b", "a\u0001b", "a\u0002b",
        "\u0000", "\u0001", "\u0002", "\u0001\u0001", "\u0002\u0000", "a\u0002\u0001", "b", "A\u0001", "a\u0003");
    List<Map<String, Object>> cards = new ArrayList<>();
    int i = 0;
    for (String label : labels) {
      for (Integer score : Arrays.asList(-1, 2, null)) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", "sep" + (char) ('a' + i % 26) + i);
        c.put("boardId", board);
        c.put("label", label);
        c.put("title", label);
        c.put("score", score);
        cards.add(c);
        i++;
      }
    }
    for (int n = 0; n < cards.size(); n++) {
      create(cards.get(n), n);
    }
    List<String> want = expected(LABEL_PAGE, cards);
    assertEquals(want, page(board, "labelPage", "ASC"), "labelPage ASC");
    assertEquals(reversed(want), page(board, "labelPage", "DESC"), "labelPage DESC");
    assertOrders(board, cards, "separator chars");
    for (var c : cards) {
      for (var a : stored((String) c.get("id")).entrySet()) {
        if (a.getKey().matches("SK\\d\\d")) {
          String sk = a.getValue().s();
          String components = sk.substring(0, Math.max(0, sk.lastIndexOf('\u0001')));
          assertTrue(components.chars().filter(ch -> ch < 2).count() == components.chars().filter(ch -> ch == 1).count()
              && components.chars().noneMatch(ch -> ch == 0), a.getKey() + " of " + c.get("id") + ": only separators below U+0002");
        }
      }
    }
  }

  @Test
  void longMultiByteSortValuesStillWrite() {
    String board = createBoard("Long");
    List<Map<String, Object>> cards = new ArrayList<>();
    String[] titles = {"€".repeat(1000), "😀".repeat(700), "a" + "😀".repeat(700), "É".repeat(2000), "b"};
    for (int i = 0; i < titles.length; i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", "L" + i);
      c.put("boardId", board);
      c.put("title", titles[i]);
      c.put("label", titles[titles.length - 1 - i]);
      cards.add(c);
      create(c, i);
    }
    assertOrders(board, cards, "long multi-byte strings");
    for (var c : cards) {
      for (var a : stored((String) c.get("id")).entrySet()) {
        if (a.getKey().matches("SK\\d\\d")) {
          int bytes = a.getValue().s().getBytes(StandardCharsets.UTF_8).length;
          assertTrue(bytes <= 1024, a.getKey() + " of " + c.get("id") + " is " + bytes + " bytes");
          // a cut inside an emoji would leave half a surrogate pair: invalid UTF-16, replaced or refused on the way
          assertTrue(a.getValue().s().codePoints().noneMatch(ch -> (ch >= 0xD800 && ch <= 0xDFFF) || ch == 0xFFFD || ch == '?'),
              a.getKey() + " of " + c.get("id") + " holds half an emoji: " + a.getValue().s());
        }
      }
    }
  }
}
