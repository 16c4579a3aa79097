package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.harness.Backend;
import io.singletable.harness.GraphQLResponse;
import io.singletable.model.KeyStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Requests an attacker would send, under both key strategies, executed for real (AppSync simulator +
 * DynamoDB Local): ids that name another item's key ({@code handle#bob} is the unique key
 * {@code Member#handle#bob} under keyStrategy TYPE), relation keys doing the same, ids with control
 * characters, inputs carrying attributes the model does not store, and the error types every
 * failure maps to. Every refusal is checked on a scan of the table: nothing written, nothing changed.
 */
@Tag("simulator")
class HostileRequestScenarioTest {
  static final String SCHEMA = """
      type Member @model {
        id: ID!
        handle: String! @unique
        name: String
        teamId: ID
        team: Team @belongsTo(field: "teamId")
        friendIds: [ID]
        friends: [Member] @belongsTo(field: "friendIds")
        posts: [Post] @hasMany(field: "authorId", sortBy: ["title"])
        createdAt: AWSDateTime
        updatedAt: AWSDateTime
      }
      type Team @model {
        id: ID!
        name: String!
        members: [Member] @hasMany(field: "teamId", sortBy: ["name"])
      }
      type Post @model {
        id: ID!
        authorId: ID!
        title: String!
        author: Member @belongsTo(field: "authorId")
      }
      type Note @model {
        id: ID!
        text: String!
        rank: Int
      }
      """;

  /** Extra fields added to the deployed inputs: what a hand-written input could carry. */
  static final String EXTRA_INPUT_FIELDS = " PK: String PK01: String SK01: String extra: String"
      + " createdAt: AWSDateTime ";

  static final String MESSAGE = ": an id may not be empty or contain '#' or control characters";

  @TempDir
  static Path dir;
  static final Map<KeyStrategy, Backend> BACKENDS = new EnumMap<>(KeyStrategy.class);

  @AfterAll
  static void stop() {
    BACKENDS.values().forEach(Backend::close);
  }

  static synchronized Backend backend(KeyStrategy keys) throws Exception {
    Backend running = BACKENDS.get(keys);
    if (running != null) {
      return running;
    }
    Path out = dir.resolve(keys.name().toLowerCase(java.util.Locale.ROOT));
    Path schema = Files.createDirectories(dir.resolve("schema-" + keys)).resolve("schema.graphql");
    Files.writeString(schema, SCHEMA);
    new Generator().generate(new GeneratorOptions(schema, null, out, null, keys, 20, null));
    // Deploy inputs that carry more than the model stores (as a hand-written input might): the
    // resolvers must write only the stored fields, whatever arrives.
    Path deployed = out.resolve("appsync/schema.graphql");
    String sdl = Files.readString(deployed);
    for (String input : List.of("CreateMemberInput", "UpdateMemberInput", "CreateNoteInput", "UpdateNoteInput")) {
      sdl = Pattern.compile("(input " + input + " \\{)").matcher(sdl).replaceFirst("$1" + EXTRA_INPUT_FIELDS);
      assertTrue(sdl.contains("input " + input + " {" + EXTRA_INPUT_FIELDS), input + " in " + sdl);
    }
    // ... and one that leaves a required field optional: the resolver must still refuse a create without it.
    int note = sdl.indexOf("input CreateNoteInput {");
    int end = sdl.indexOf('}', note);
    String block = sdl.substring(note, end);
    assertTrue(block.contains("text: String!"), block);
    sdl = sdl.substring(0, note) + block.replace("text: String!", "text: String") + sdl.substring(end);
    Files.writeString(deployed, sdl);
    Backend started = Backend.start(out);
    BACKENDS.put(keys, started);
    return started;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  static GraphQLResponse gql(Backend b, String query, Map<String, Object> vars) {
    return b.graphql(query, vars);
  }

  static String createMember(Backend b, Map<String, Object> input) {
    return gql(b, "mutation($in: CreateMemberInput!) { createMember(input: $in) { id } }", Map.of("in", input))
        .requireNoErrors().data("/createMember/id").asText();
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Unique per call, so the tests of one backend never share values. */
  static String fresh(String prefix) {
    return prefix + "-" + COUNTER.incrementAndGet();
  }

  static final java.util.concurrent.atomic.AtomicInteger COUNTER = new java.util.concurrent.atomic.AtomicInteger();

  static void assertError(String errorType, GraphQLResponse r, String what) {
    assertTrue(r.hasErrors(), what + ": expected " + errorType + ", got " + r);
    assertEquals(errorType, r.firstError().path("errorType").asText(), what + ": " + r);
  }

  /** The request fails with {@code errorType} and the table is exactly as before. */
  static GraphQLResponse assertRefused(Backend b, String errorType, String query, Map<String, Object> vars) {
    List<Map<String, AttributeValue>> before = b.scan();
    GraphQLResponse r = gql(b, query, vars);
    assertError(errorType, r, query + " " + vars);
    assertEquals(before, b.scan(), "nothing written by " + query + " " + vars);
    return r;
  }

  static String nodeKey(KeyStrategy keys, String type, String id) {
    return (keys == KeyStrategy.NODE ? "NODE#" : type + "#") + id;
  }

  static Map<String, AttributeValue> item(Backend b, String pk) {
    return b.scan().stream().filter(i -> pk.equals(i.get("PK").s())).findFirst().orElse(null);
  }

  static void put(Backend b, Map<String, AttributeValue> item) {
    b.dynamoDbClient().putItem(PutItemRequest.builder().tableName(b.tableName()).item(item).build());
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  // ---------------------------------------------------------------------------------------------
  // Key takeover.

  @ParameterizedTest
  @EnumSource(KeyStrategy.class)
  void aCreateCannotTakeOverAUniqueValueThroughItsId(KeyStrategy keys) throws Exception {
    Backend b = backend(keys);
    String bob = fresh("bob");
    GraphQLResponse r = assertRefused(b, "InvalidId",
        "mutation($in: CreateMemberInput!) { createMember(input: $in) { id } }",
        Map.of("in", map("id", "handle#" + bob, "handle", fresh("mallory"))));
    assertEquals("Member.id" + MESSAGE, r.firstError().path("message").asText());
    assertTrue(r.data("/createMember").isNull() || r.data("/createMember").isMissingNode(), r.toString());

    String real = createMember(b, map("handle", bob, "name", "Bob"));
    JsonNode found = gql(b, "query($h: String!) { memberByHandle(handle: $h) { id name } }", Map.of("h", bob))
        .requireNoErrors().data("/memberByHandle");
    assertEquals(real, found.path("id").asText());
    assertEquals("Bob", found.path("name").asText());
    assertEquals(real, item(b, "Member#handle#" + bob).get("id").s(), "the unique item is Bob's");
  }

  @ParameterizedTest
  @EnumSource(KeyStrategy.class)
  void noRequestReadsChangesOrDeletesAnItemThroughAnotherItemsKey(KeyStrategy keys) throws Exception {
    Backend b = backend(keys);
    String handle = fresh("alice");
    String alice = createMember(b, map("handle", handle, "name", "Alice"));
    String crossing = "handle#" + handle;
    List<Map<String, AttributeValue>> before = b.scan();
    GraphQLResponse get = gql(b, "query($id: ID!) { getMember(id: $id) { id handle } }", Map.of("id", crossing));
    assertError("InvalidId", get, "getMember through the unique key");
    assertTrue(get.data("/getMember").isNull() || get.data("/getMember").isMissingNode(), get.toString());
    assertRefused(b, "InvalidId", "mutation($in: UpdateMemberInput!) { updateMember(input: $in) { id } }",
        Map.of("in", map("id", crossing, "name", "Mallory")));
    assertRefused(b, "InvalidId", "mutation($in: UpdateMemberInput!) { updateMember(input: $in) { id } }",
        Map.of("in", map("id", crossing, "handle", fresh("stolen"))));
    assertRefused(b, "InvalidId", "mutation($id: ID!) { deleteMember(id: $id) { id } }", Map.of("id", crossing));
    assertRefused(b, "InvalidId", "mutation($id: ID!) { deleteNote(id: $id) { id } }", Map.of("id", crossing));
    assertEquals(before, b.scan(), "Alice and her unique item unchanged");
    assertEquals(alice, gql(b, "query($id: ID!) { getMember(id: $id) { id } }", Map.of("id", alice))
        .requireNoErrors().data("/getMember/id").asText());
  }

  /**
   * Items under a key that is not theirs (as a writer before these checks, or a bug elsewhere,
   * could have left them): every read by key checks the stored id, so none is read, changed or
   * deleted through that key.
   */
  @ParameterizedTest
  @EnumSource(KeyStrategy.class)
  void readsByKeyAcceptOnlyTheItemWhoseIdWasAskedFor(KeyStrategy keys) throws Exception {
    Backend b = backend(keys);
    String ghost = fresh("ghost");
    String owner = fresh("owner");
    String handle = fresh("carol");
    Map<String, AttributeValue> planted = new HashMap<>(Map.of("PK", s(nodeKey(keys, "Member", ghost)),
        "__typename", s("Member"), "id", s(owner), "handle", s(handle)));
    put(b, planted);
    put(b, new HashMap<>(Map.of("PK", s(nodeKey(keys, "Note", ghost + "n")), "__typename", s("Note"),
        "id", s(owner + "n"), "text", s("planted"))));
    // a unique item whose value is not its key's
    put(b, new HashMap<>(Map.of("PK", s("Member#handle#" + handle + "x"), "__typename", s("Member"),
        "id", s(owner), "handle", s(handle))));
    String post = gql(b, "mutation($a: ID!) { createPost(input: {authorId: $a, title: \"t\"}) { id } }",
        Map.of("a", ghost)).requireNoErrors().data("/createPost/id").asText();
    String friend = createMember(b, map("handle", fresh("f"), "friendIds", List.of(ghost), "teamId", ghost));
    List<Map<String, AttributeValue>> before = b.scan();

    JsonNode relations = gql(b, "query($id: ID!) { getMember(id: $id) { friends { id } team { id } } }",
        Map.of("id", friend)).requireNoErrors().data("/getMember");
    assertEquals(1, relations.path("friends").size(), relations.toString());
    assertTrue(relations.path("friends").get(0).isNull(), "batch get: " + relations);
    assertTrue(relations.path("team").isNull(), "relation get of another type: " + relations);
    assertTrue(gql(b, "query($id: ID!) { getMember(id: $id) { id } }", Map.of("id", ghost)).requireNoErrors()
        .data("/getMember").isNull(), "get");
    assertTrue(gql(b, "query($id: ID!) { getNote(id: $id) { id } }", Map.of("id", ghost + "n")).requireNoErrors()
        .data("/getNote").isNull(), "get of a type without unique fields");
    assertTrue(gql(b, "query($h: String!) { memberByHandle(handle: $h) { id } }", Map.of("h", handle + "x"))
        .requireNoErrors().data("/memberByHandle").isNull(), "lookup of a copy holding another value");
    assertTrue(gql(b, "query($id: ID!) { getPost(id: $id) { author { id } } }", Map.of("id", post)).requireNoErrors()
        .data("/getPost/author").isNull(), "relation get");
    assertRefused(b, "NotFound", "mutation($in: UpdateMemberInput!) { updateMember(input: $in) { id } }",
        Map.of("in", map("id", ghost, "name", "x")));
    assertRefused(b, "NotFound", "mutation($id: ID!) { deleteMember(id: $id) { id } }", Map.of("id", ghost));
    assertRefused(b, "NotFound", "mutation($in: UpdateNoteInput!) { updateNote(input: $in) { id } }",
        Map.of("in", map("id", ghost + "n", "text", "x")));
    assertRefused(b, "NotFound", "mutation($id: ID!) { deleteNote(id: $id) { id } }", Map.of("id", ghost + "n"));
    assertEquals(before, b.scan());
  }

  @ParameterizedTest
  @EnumSource(KeyStrategy.class)
  void relationKeysThatCrossAKeyAreRefused(KeyStrategy keys) throws Exception {
    Backend b = backend(keys);
    String handle = fresh("alice");
    String alice = createMember(b, map("handle", handle));
    String crossing = "handle#" + handle;
    assertRefused(b, "InvalidId", "mutation($a: ID!) { createPost(input: {authorId: $a, title: \"t\"}) { id } }",
        Map.of("a", crossing));
    String post = gql(b, "mutation($a: ID!) { createPost(input: {authorId: $a, title: \"t\"}) { id } }",
        Map.of("a", alice)).requireNoErrors().data("/createPost/id").asText();
    GraphQLResponse r = assertRefused(b, "InvalidId",
        "mutation($id: ID!, $a: ID!) { updatePost(input: {id: $id, authorId: $a}) { id } }",
        Map.of("id", post, "a", crossing));
    assertEquals("Post.authorId" + MESSAGE, r.firstError().path("message").asText());
    assertRefused(b, "InvalidId", "mutation($in: CreateMemberInput!) { createMember(input: $in) { id } }",
        Map.of("in", map("handle", fresh("m"), "teamId", crossing)));
    assertRefused(b, "InvalidId", "mutation($in: UpdateMemberInput!) { updateMember(input: $in) { id } }",
        Map.of("in", map("id", alice, "teamId", "Team#x")));
    assertRefused(b, "InvalidId", "mutation($in: CreateMemberInput!) { createMember(input: $in) { id } }",
        Map.of("in", map("handle", fresh("m"), "friendIds", java.util.Arrays.asList(alice, null, crossing))));
    assertRefused(b, "InvalidId", "mutation($in: UpdateMemberInput!) { updateMember(input: $in) { id } }",
        Map.of("in", map("id", alice, "friendIds", List.of("ok", ""))));
    // valid keys still work, nulls included
    String friend = createMember(b, map("handle", fresh("f"), "friendIds", java.util.Arrays.asList(alice, null)));
    JsonNode friends = gql(b, "query($id: ID!) { getMember(id: $id) { friends { id } posts { id } } }",
        Map.of("id", friend)).requireNoErrors().data("/getMember");
    assertEquals(alice, friends.path("friends").get(0).path("id").asText());
  }

  @ParameterizedTest
  @EnumSource(KeyStrategy.class)
  void idsThatAreEmptyOrHoldControlCharactersAreRefusedEverywhere(KeyStrategy keys) throws Exception {
    Backend b = backend(keys);
    String alice = createMember(b, map("handle", fresh("a")));
    String note = gql(b, "mutation { createNote(input: {text: \"n\"}) { id } }", Map.of()).requireNoErrors()
        .data("/createNote/id").asText();
    List<String> bad = List.of("", "a#b", "#", "a\u0000b", "\u0001", "a\u001fb", "tab\there", "line\n", "del\u007f");
    List<Executable> checks = new ArrayList<>();
    for (String id : bad) {
      Consumer<GraphQLResponse> invalid = r -> assertError("InvalidId", r, "id " + escaped(id));
      checks.add(() -> {
        List<Map<String, AttributeValue>> before = b.scan();
        invalid.accept(gql(b, "mutation($in: CreateMemberInput!) { createMember(input: $in) { id } }",
            Map.of("in", map("id", id, "handle", fresh("c")))));
        invalid.accept(gql(b, "mutation($id: ID!) { createNote(input: {id: $id, text: \"t\"}) { id } }",
            Map.of("id", id)));
        invalid.accept(gql(b, "query($id: ID!) { getMember(id: $id) { id } }", Map.of("id", id)));
        invalid.accept(gql(b, "query($id: ID!) { getNote(id: $id) { id } }", Map.of("id", id)));
        invalid.accept(gql(b, "mutation($id: ID!) { updateMember(input: {id: $id, name: \"x\"}) { id } }",
            Map.of("id", id)));
        invalid.accept(gql(b, "mutation($id: ID!) { updateNote(input: {id: $id, text: \"x\"}) { id } }",
            Map.of("id", id)));
        invalid.accept(gql(b, "mutation($id: ID!) { deleteMember(id: $id) { id } }", Map.of("id", id)));
        invalid.accept(gql(b, "mutation($id: ID!) { deleteNote(id: $id) { id } }", Map.of("id", id)));
        invalid.accept(gql(b, "mutation($id: ID!, $t: ID) { updateMember(input: {id: $id, teamId: $t}) { id } }",
            Map.of("id", alice, "t", id)));
        invalid.accept(gql(b, "mutation($a: ID!) { createPost(input: {authorId: $a, title: \"t\"}) { id } }",
            Map.of("a", id)));
        assertEquals(before, b.scan(), "nothing written for id " + escaped(id));
      });
    }
    assertAll(checks);
    for (String id : List.of("a b", "ümlaut", "emoji\uD83D\uDE00", "x-1_2.3:4/5", "A".repeat(300))) {
      String created = gql(b, "mutation($id: ID!) { createNote(input: {id: $id, text: \"t\"}) { id } }",
          Map.of("id", fresh(id))).requireNoErrors().data("/createNote/id").asText();
      assertEquals(created, gql(b, "query($id: ID!) { getNote(id: $id) { id } }", Map.of("id", created))
          .requireNoErrors().data("/getNote/id").asText());
      gql(b, "mutation($id: ID!) { deleteNote(id: $id) { id } }", Map.of("id", created)).requireNoErrors();
    }
    assertEquals(note, gql(b, "query($id: ID!) { getNote(id: $id) { id } }", Map.of("id", note)).requireNoErrors()
        .data("/getNote/id").asText());
  }

  private static String escaped(String s) {
    StringBuilder out = new StringBuilder();
    s.chars().forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Items hold exactly the model's stored fields.

  static final Set<String> MEMBER_STORED = Set.of("id", "handle", "name", "teamId", "friendIds", "createdAt",
      "updatedAt");
  static final Set<String> NOTE_STORED = Set.of("id", "text", "rank");
  static final Pattern INDEX_ATTRIBUTE = Pattern.compile("(PK|SK)\\d\\d");

  @ParameterizedTest
  @EnumSource(KeyStrategy.class)
  void itemsHoldOnlyTheStoredFieldsWhateverTheInputCarries(KeyStrategy keys) throws Exception {
    Backend b = backend(keys);
    String team = gql(b, "mutation { createTeam(input: {name: \"T\"}) { id } }", Map.of()).requireNoErrors()
        .data("/createTeam/id").asText();
    Map<String, Object> extras = map("PK", "Member#handle#victim", "PK01", "Member#x",
        "SK01", "forged", "extra", "smuggled", "createdAt", "1999-01-01T00:00:00.000Z");
    Map<String, Object> in = map("handle", fresh("h"), "name", "N", "teamId", team);
    in.putAll(extras);
    String member = createMember(b, in);
    Map<String, Object> noteIn = map("text", "t");
    noteIn.putAll(extras);
    String note = gql(b, "mutation($in: CreateNoteInput!) { createNote(input: $in) { id } }", Map.of("in", noteIn))
        .requireNoErrors().data("/createNote/id").asText();
    assertOnlyStored(b, keys, member, note);
    assertTrue(item(b, "Member#handle#victim") == null, "no item under a key an input named");

    Map<String, Object> up = map("id", member, "name", "M");
    up.putAll(extras);
    gql(b, "mutation($in: UpdateMemberInput!) { updateMember(input: $in) { id } }", Map.of("in", up)).requireNoErrors();
    Map<String, Object> noteUp = map("id", note, "rank", 3);
    noteUp.putAll(extras);
    gql(b, "mutation($in: UpdateNoteInput!) { updateNote(input: $in) { id } }", Map.of("in", noteUp)).requireNoErrors();
    // null extras are ignored too: they neither remove nor write anything
    Map<String, Object> nulls = map("id", member);
    extras.keySet().forEach(k -> nulls.put(k, null));
    gql(b, "mutation($in: UpdateMemberInput!) { updateMember(input: $in) { id } }", Map.of("in", nulls))
        .requireNoErrors();
    assertOnlyStored(b, keys, member, note);
    Map<String, AttributeValue> node = item(b, nodeKey(keys, "Member", member));
    assertEquals("M", node.get("name").s());
    assertTrue(StoredItems.TIMESTAMP.matcher(node.get("createdAt").s()).matches()
        && !node.get("createdAt").s().startsWith("1999"), "createdAt is the resolver's: " + node);
    assertEquals("Member#" + team, node.get("PK01").s(), "the index attribute is the resolver's: " + node);
  }

  private static void assertOnlyStored(Backend b, KeyStrategy keys, String member, String note) {
    for (Map<String, AttributeValue> i : b.scan()) {
      String type = i.get("__typename").s();
      Set<String> stored = switch (type) {
        case "Member" -> MEMBER_STORED;
        case "Note" -> NOTE_STORED;
        case "Team" -> Set.of("id", "name");
        case "Post" -> Set.of("id", "authorId", "title");
        default -> throw new AssertionError("unknown __typename in " + i);
      };
      for (String a : i.keySet()) {
        assertTrue(a.equals("PK") || a.equals("__typename") || stored.contains(a) || INDEX_ATTRIBUTE.matcher(a).matches(),
            "attribute " + a + " of " + i);
      }
      assertFalse(i.get("PK").s().equals("Member#handle#victim"));
    }
    assertTrue(item(b, nodeKey(keys, "Member", member)) != null);
    Map<String, AttributeValue> n = item(b, nodeKey(keys, "Note", note));
    assertEquals(Set.of("PK", "__typename", "id", "text"), n.keySet().stream()
        .filter(k -> !k.equals("rank")).collect(java.util.stream.Collectors.toSet()), n.toString());
  }

  @ParameterizedTest
  @EnumSource(KeyStrategy.class)
  void everyCreatedItemHoldsEveryRequiredField(KeyStrategy keys) throws Exception {
    Backend b = backend(keys);
    // AppSync checks non-null input fields; the deployed CreateNoteInput makes text optional (as a
    // hand-written input could): the resolver still refuses a create without it.
    assertRefused(b, "BadRequest", "mutation($in: CreateNoteInput!) { createNote(input: $in) { id } }",
        Map.of("in", map("text", null, "rank", 1)));
    for (Map<String, AttributeValue> i : b.scan()) {
      String type = i.get("__typename").s();
      List<String> required = switch (type) {
        case "Member" -> List.of("id", "handle");
        case "Note" -> List.of("id", "text");
        case "Team" -> List.of("id", "name");
        case "Post" -> List.of("id", "authorId", "title");
        default -> throw new AssertionError("unknown __typename in " + i);
      };
      for (String f : required) {
        assertTrue(i.get(f) != null && i.get(f).nul() == null, f + " of " + i);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Error types.

  @ParameterizedTest
  @EnumSource(KeyStrategy.class)
  void failuresMapToDistinctErrorTypes(KeyStrategy keys) throws Exception {
    Backend b = backend(keys);
    String id = fresh("taken");
    String handle = fresh("h");
    createMember(b, map("id", id, "handle", handle));
    String create = "mutation($in: CreateMemberInput!) { createMember(input: $in) { id } }";
    assertRefused(b, "NotUnique:Member.id", create, Map.of("in", map("id", id, "handle", fresh("other"))));
    GraphQLResponse both = assertRefused(b, "NotUnique:Member.handle", create,
        Map.of("in", map("id", fresh("new"), "handle", handle.toUpperCase(java.util.Locale.ROOT))));
    assertEquals("handle", both.firstError().path("errorInfo").path("field").asText(), both.toString());
    String note = fresh("note");
    gql(b, "mutation($id: ID!) { createNote(input: {id: $id, text: \"a\"}) { id } }", Map.of("id", note))
        .requireNoErrors();
    assertRefused(b, "NotUnique:Note.id", "mutation($id: ID!) { createNote(input: {id: $id, text: \"b\"}) { id } }",
        Map.of("id", note));
    if (keys == KeyStrategy.NODE) {
      // ids are global under NODE keys: a note cannot take a member's id
      assertRefused(b, "NotUnique:Note.id", "mutation($id: ID!) { createNote(input: {id: $id, text: \"b\"}) { id } }",
          Map.of("id", id));
    }
    String nobody = fresh("nobody");
    assertRefused(b, "NotFound", "mutation($id: ID!) { updateMember(input: {id: $id, name: \"x\"}) { id } }",
        Map.of("id", nobody));
    assertRefused(b, "NotFound", "mutation($id: ID!) { deleteMember(id: $id) { id } }", Map.of("id", nobody));
    assertRefused(b, "NotFound", "mutation($id: ID!) { updateNote(input: {id: $id, text: \"x\"}) { id } }",
        Map.of("id", nobody));
    assertRefused(b, "NotFound", "mutation($id: ID!) { deleteNote(id: $id) { id } }", Map.of("id", nobody));
    // sequential changes never report a conflict
    for (int i = 0; i < 3; i++) {
      gql(b, "mutation($id: ID!, $n: String) { updateMember(input: {id: $id, name: $n}) { id } }",
          Map.of("id", id, "n", "n" + i)).requireNoErrors();
    }
  }

  @ParameterizedTest
  @EnumSource(KeyStrategy.class)
  void aUniqueValueTooLongForADynamoDbKeyIsAValidationError(KeyStrategy keys) throws Exception {
    Backend b = backend(keys);
    String tooLong = "x".repeat(3000);
    GraphQLResponse r = assertRefused(b, "ValidationError",
        "mutation($in: CreateMemberInput!) { createMember(input: $in) { id } }", Map.of("in", map("handle", tooLong)));
    assertTrue(r.firstError().path("message").asText().toLowerCase(java.util.Locale.ROOT).contains("key"),
        "DynamoDB's message: " + r);
    String member = createMember(b, map("handle", fresh("short")));
    assertRefused(b, "ValidationError", "mutation($id: ID!, $h: String) { updateMember(input: {id: $id, handle: $h}) { id } }",
        Map.of("id", member, "h", tooLong));
    GraphQLResponse lookup = gql(b, "query($h: String!) { memberByHandle(handle: $h) { id } }", Map.of("h", tooLong));
    assertError("ValidationError", lookup, "lookup by an over-long value");
  }

  /**
   * Concurrent updates of one item: each reads, then writes on condition that the item is still
   * what it read. The losers fail with ConditionalCheckFailed (or, when DynamoDB cancels a
   * transaction because another one holds the item, TransactionConflict); nothing else.
   */
  @ParameterizedTest
  @EnumSource(KeyStrategy.class)
  void concurrentChangesAreTheOnlyConditionalCheckFailures(KeyStrategy keys) throws Exception {
    Backend b = backend(keys);
    String member = createMember(b, map("handle", fresh("busy")));
    String note = gql(b, "mutation { createNote(input: {text: \"n\"}) { id } }", Map.of()).requireNoErrors()
        .data("/createNote/id").asText();
    int n = 10;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    Map<String, Integer> outcomes = new java.util.TreeMap<>();
    try {
      List<Callable<GraphQLResponse>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        calls.add(() -> gql(b, "mutation($id: ID!, $n: String) { updateMember(input: {id: $id, name: $n}) { id } }",
            Map.of("id", member, "n", "name" + k)));
        calls.add(() -> gql(b, "mutation($id: ID!, $r: Int) { updateNote(input: {id: $id, rank: $r}) { id } }",
            Map.of("id", note, "r", k)));
      }
      for (Future<GraphQLResponse> f : pool.invokeAll(calls)) {
        GraphQLResponse r = f.get();
        String outcome = r.hasErrors() ? r.firstError().path("errorType").asText() : "ok";
        outcomes.merge(outcome, 1, Integer::sum);
        assertTrue(Set.of("ok", "ConditionalCheckFailed", "TransactionConflict").contains(outcome), r.toString());
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(outcomes.getOrDefault("ok", 0) >= 2, "at least one update of each item holds: " + outcomes);
  }
}
