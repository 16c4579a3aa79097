package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.harness.AppSyncSimulator;
import io.singletable.harness.Backend;
import io.singletable.harness.DynamoDbLocal;
import io.singletable.harness.GraphQLResponse;
import io.singletable.model.KeyStrategy;
import io.singletable.render.java.GeneratedJava;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One DynamoDB Local table kept across three versions of a schema, as a team deploys them: v1's backend
 * (simulator) writes data; v2 is generated with the lock, deployed (one GSI created) and its {@code
 * SchemaMigration} runs — dry, interrupted and resumed, split in two segment ranges, while v2's resolvers
 * write, then again — and the table ends exactly as v2's resolvers would have written the same items on a
 * fresh table, every read answering the same. v2 covers a relation added to a type already a target
 * ({@code Barn.cows}), a new union member ({@code Duck} in {@code Animal}), a changed {@code sortBy}
 * ({@code Farm.cows}), a new {@code @unique} with a duplicate in the data ({@code Barn.name}), a changed
 * {@code ignoreCase} ({@code Chicken.name}), a removed {@code @unique} ({@code Duck.name}) and a removed
 * relation ({@code Farm.chickens}) whose slot v3 needs again ({@code Barn.chickens}); v3 also adds a {@code @list}
 * ({@code Query.cowsByTag}, on a new GSI) that the migration backfills.
 */
@Tag("simulator")
class SchemaEvolutionScenarioTest {
  private static final String PACKAGE = "com.example.evolution";

  static final String V1 = """
      type Farm @model {
        id: ID!
        name: String!
        cows: [Cow] @hasMany(field: "farmId", sortBy: ["name"])
        chickens: [Chicken] @hasMany(field: "farmId", sortBy: ["name"])
        animals: AnimalConnection @hasMany(field: "farmId", sortBy: ["name"])
      }
      type Cow @model {
        id: ID!
        name: String!
        tag: String
        farmId: ID
        barnId: ID
      }
      type Chicken @model {
        id: ID!
        name: String! @unique(ignoreCase: false)
        eggs: Int
        farmId: ID
        barnId: ID
      }
      type Duck @model {
        id: ID!
        name: String! @unique
        farmId: ID
      }
      type Barn @model {
        id: ID!
        name: String!
      }
      union Animal = Chicken | Cow
      """;

  static final String V2 = edit(edit(edit(edit(edit(edit(V1,
      "cows: [Cow] @hasMany(field: \"farmId\", sortBy: [\"name\"])",
      "cows: [Cow] @hasMany(field: \"farmId\", sortBy: [\"tag\", \"name\"])"),
      "  chickens: [Chicken] @hasMany(field: \"farmId\", sortBy: [\"name\"])\n", ""),
      "name: String! @unique(ignoreCase: false)", "name: String! @unique"),
      "type Duck @model {\n  id: ID!\n  name: String! @unique", "type Duck @model {\n  id: ID!\n  name: String!"),
      "type Barn @model {\n  id: ID!\n  name: String!\n}",
      "type Barn @model {\n  id: ID!\n  name: String! @unique\n  cows: [Cow] @hasMany(field: \"barnId\", sortBy: [\"name\"])\n}"),
      "union Animal = Chicken | Cow", "union Animal = Chicken | Cow | Duck");

  static final String V3 = edit(V2,
      "  cows: [Cow] @hasMany(field: \"barnId\", sortBy: [\"name\"])\n}",
      "  cows: [Cow] @hasMany(field: \"barnId\", sortBy: [\"name\"])\n"
          + "  chickens: [Chicken] @hasMany(field: \"barnId\", sortBy: [\"eggs\", \"name\"])\n}")
      + "type Query {\n  cowsByTag(tag: String!): CowConnection @list(by: [\"tag\"], sortBy: [\"name\"])\n}\n";

  /** {@code text} with {@code from} replaced, which must be there once. */
  private static String edit(String text, String from, String to) {
    if (text.indexOf(from) < 0 || text.indexOf(from) != text.lastIndexOf(from)) {
      throw new IllegalStateException("not exactly once in the schema: " + from);
    }
    return text.replace(from, to);
  }

  @TempDir
  Path dir;

  @Test
  void aTableKeptAcrossThreeVersionsEndsAsTheNewResolversWouldHaveWrittenIt() throws Exception {
    Path lock = dir.resolve("singletable.lock");
    Path v1 = generate("v1", V1, lock);
    DynamoDbLocal ddb = DynamoDbLocal.shared();
    String table = "st-evolution-" + System.nanoTime();
    ddb.createTableFrom(v1.resolve("template.yaml"), table);
    try {
      Ids ids = new Ids();
      try (AppSyncSimulator api = AppSyncSimulator.start(v1, ddb.endpoint(), table)) {
        writeVersionOneData(api, ids);
      }
      List<Map<String, AttributeValue>> beforeV2 = scan(ddb, table);

      // ---- v2: generated with the lock, deployed (GSI03 created), migrated while the API serves
      Path v2 = generate("v2", V2, lock);
      assertTrue(Files.readString(v2.resolve("schema-changes.md")).contains("relation Barn.cows"));
      assertEquals(List.of("+GSI03"), ddb.updateTableFrom(v2.resolve("template.yaml"), table));
      try (GeneratedJava java = GeneratedJava.compile(dir.resolve("v2"), PACKAGE, null);
           AppSyncSimulator api = AppSyncSimulator.start(v2, ddb.endpoint(), table)) {
        Migration migration = new Migration(java, ddb, table);

        Cli dry = migration.cli("--dry-run");
        assertEquals(1, dry.status(), "the dry run sees the duplicate barn name:\n" + dry);
        assertTrue(dry.out().contains("would put NODE#" + ids.cow(0)), dry.toString());
        assertTrue(dry.out().contains("would delete Duck#name#"), "removed @unique: its items are deleted\n" + dry);
        assertEquals(beforeV2, scan(ddb, table), "a dry run writes nothing");

        // interrupted: segments 0-3 stop after two pages, while v2's resolvers write
        Writer writer = new Writer(api, ids);
        writer.start();
        Path checkpointLow = dir.resolve("low.properties");
        Object partial = migration.interrupted(checkpointLow, 2);
        assertFalse((Boolean) invoke(partial, "complete"), "stopped before the end: " + partial);
        assertTrue(Files.exists(checkpointLow));
        // resumed, and the other half in parallel, as two machines would
        Cli[] halves = new Cli[2];
        Thread other = new Thread(() -> halves[1] = migration.cli("--segments", "8", "--segment-range", "4-7",
            "--checkpoint", dir.resolve("high.properties").toString()));
        other.start();
        halves[0] = migration.cli("--segments", "8", "--segment-range", "0-3", "--checkpoint", checkpointLow.toString());
        other.join();
        writer.stop();
        for (Cli half : halves) {
          assertTrue(half.status() == 0 || half.status() == 1, half.toString());
          assertTrue(half.out().contains(": complete,"), half.toString());
        }

        // the duplicate: reported with both ids on every run, neither node item changed
        List<Map<String, AttributeValue>> migrated = scan(ddb, table);
        Cli again = migration.cli();
        assertEquals(1, again.status(), again.toString());
        assertTrue(again.out().contains(", 0 writes"), "a second run writes nothing:\n" + again);
        assertEquals(migrated, scan(ddb, table));
        List<String> conflicts = again.err().lines().filter(l -> l.startsWith("conflict:")).toList();
        assertEquals(1, conflicts.size(), again.toString());
        assertTrue(conflicts.get(0).contains("Barn " + ids.barn(0)) && conflicts.get(0).contains("Barn " + ids.barn(1)),
            conflicts.toString());
        String holder = item(migrated, "Barn#name#north").get("id").s();
        String loser = holder.equals(ids.barn(0)) ? ids.barn(1) : ids.barn(0);
        assertTrue(conflicts.get(0).contains("Barn " + holder + " holds the value 'north'"), conflicts.toString());
        assertEquals(item(beforeV2, "NODE#" + loser), item(migrated, "NODE#" + loser), "the other barn is unchanged");
        assertEquals(item(beforeV2, "NODE#" + holder), item(migrated, "NODE#" + holder), "the holder's node is unchanged");
        // what the writer did survived the migration (no update lost)
        writer.expected.forEach((id, tag) -> assertEquals(tag, attribute(item(migrated, "NODE#" + id), "tag"),
            "cow " + id + " keeps the tag v2 wrote during the migration"));
        writer.eggs.forEach((id, n) -> assertEquals(String.valueOf(n), item(migrated, "NODE#" + id).get("eggs").n(),
            "chicken " + id + " keeps the eggs v2 wrote during the migration"));
        assertTrue(migrated.stream().filter(i -> s(i, "__typename").equals("Chicken")).noneMatch(i -> i.containsKey("PK02")),
            "the removed Farm.chickens left nothing on GSI02");

        // the remedy the message gives: change the holder's value, then run again
        api.graphql("mutation($id: ID!) { updateBarn(input: {id: $id, name: \"North (old)\"}) { id } }",
            Map.of("id", holder)).requireNoErrors();
        Cli resolved = migration.cli();
        assertEquals(0, resolved.status(), resolved.toString());
        assertEquals(loser, item(scan(ddb, table), "Barn#name#north").get("id").s());
        assertEquals(0, migration.cli().status());
      }
      assertSameAsFreshTable(ddb, table, v2, ids, false);

      // ---- v3: the backfill done, its change lines and the removed relation's slot released; the slot is
      // then needed again by Barn.chickens (no GSI change)
      assertTrue(Files.readString(lock).contains("\nchange needs backfill | relation Barn.cows | Cow | "));
      String released = Files.readString(lock).lines()
          .filter(l -> !l.startsWith("removed Farm.chickens") && !l.startsWith("change "))
          .collect(Collectors.joining("\n", "", "\n"));
      Files.writeString(lock, released);
      Path v3 = generate("v3", V3, lock);
      assertTrue(Files.readString(lock).contains("relation Barn.chickens slot=2 "), Files.readString(lock));
      assertEquals(List.of("change needs backfill | relation Barn.chickens | Chicken | PK02/SK02 | new relation on GSI02: "
          + "reindex the existing items so that they appear in it",
          "change needs backfill | relation Query.cowsByTag | Cow | PK04/SK04 | new relation on GSI04: "
          + "reindex the existing items so that they appear in it"),
          Files.readString(lock).lines().filter(l -> l.startsWith("change needs")).toList());
      assertEquals(List.of("+GSI04"), ddb.updateTableFrom(v3.resolve("template.yaml"), table), "the new @list's GSI");
      try (GeneratedJava java = GeneratedJava.compile(dir.resolve("v3"), PACKAGE, null)) {
        Migration migration = new Migration(java, ddb, table);
        Cli run = migration.cli("--checkpoint", dir.resolve("v3.properties").toString());
        assertEquals(0, run.status(), run.toString());
        assertEquals(0, migration.cli().status());
      }
      assertSameAsFreshTable(ddb, table, v3, ids, true);
    } finally {
      ddb.deleteTable(table);
    }
  }

  @Test
  void refusedChangesLeaveTheLockAndTheOutputAsTheyWere() throws Exception {
    Path lock = dir.resolve("singletable.lock");
    Path v1 = generate("v1", V1, lock);
    Map<Path, byte[]> before = files(dir);
    String renamed = V1.replace("type Barn @model", "type Shed @model");
    // (two new GSIs at once are no longer refused: deploy.sh creates them one per update, see StagedIndexesTest)
    for (var refused : Map.of("ST044", renamed).entrySet()) {
      Path schema = Files.writeString(Files.createDirectories(dir.resolve("refused")).resolve("schema.graphql"),
          refused.getValue());
      var options = new GeneratorOptions(schema, dir, v1, PACKAGE, KeyStrategy.NODE, 20, null).withLock(lock, false);
      var error = org.junit.jupiter.api.Assertions.assertThrows(io.singletable.diag.SchemaException.class,
          () -> new Generator().generate(options));
      String text = error.formatted();
      assertTrue(text.contains(refused.getKey()) && text.matches("(?s).*(singletable\\.lock|schema\\.graphql):\\d+:\\d+.*"), text);
      Files.delete(schema);
      assertFilesEqual(before, files(dir));
    }
    Path schema = Files.writeString(dir.resolve("refused").resolve("schema.graphql"), V1);
    var typeKeys = new GeneratorOptions(schema, dir, v1, PACKAGE, KeyStrategy.TYPE, 20, null).withLock(lock, false);
    var error = org.junit.jupiter.api.Assertions.assertThrows(io.singletable.diag.SchemaException.class,
        () -> new Generator().generate(typeKeys));
    assertTrue(error.formatted().contains("ST044") && error.formatted().contains("keyStrategy"), error.formatted());
    Files.delete(schema);
    assertFilesEqual(before, files(dir));
  }

  // ---------------------------------------------------------------- data

  /** The ids of what v1 wrote, by kind and index. */
  static final class Ids {
    final List<String> farms = new ArrayList<>();
    final List<String> barns = new ArrayList<>();
    final List<String> cows = new ArrayList<>();
    final List<String> chickens = new ArrayList<>();

    String barn(int i) {
      return barns.get(i);
    }

    String cow(int i) {
      return cows.get(i);
    }
  }

  private static void writeVersionOneData(AppSyncSimulator api, Ids ids) {
    for (String name : List.of("Green Acres", "Hill Farm")) {
      ids.farms.add(create(api, "Farm", Map.of("name", name)));
    }
    for (String name : List.of("North", "north", "South")) { // North and north: a duplicate once Barn.name is @unique
      ids.barns.add(create(api, "Barn", Map.of("name", name)));
    }
    String[][] cows = {{"Daisy", "B7"}, {"bella", null}, {"Mabel", "A1"}, {"Clover", "a1"}, {"Rosie", null}, {"Buttercup", "C3"}};
    for (int i = 0; i < cows.length; i++) {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("name", cows[i][0]);
      if (cows[i][1] != null) {
        input.put("tag", cows[i][1]);
      }
      input.put("farmId", ids.farms.get(i % 2));
      if (i % 3 != 2) {
        input.put("barnId", ids.barns.get(i % 3));
      }
      ids.cows.add(create(api, "Cow", input));
    }
    String[] chickens = {"Hen", "Clucky", "Pip", "Omelette"};
    for (int i = 0; i < chickens.length; i++) {
      ids.chickens.add(create(api, "Chicken", Map.of("name", chickens[i], "eggs", 3 + i % 2,
          "farmId", ids.farms.get(i % 2), "barnId", ids.barns.get(2 - i % 2))));
    }
    for (String name : List.of("Donald", "Daffy", "Howard")) {
      create(api, "Duck", Map.of("name", name, "farmId", ids.farms.get(0)));
    }
  }

  private static String create(AppSyncSimulator api, String type, Map<String, Object> input) {
    GraphQLResponse r = api.graphql("mutation($input: Create" + type + "Input!) { create" + type + "(input: $input) { id } }",
        Map.of("input", input));
    r.requireNoErrors();
    return r.data("/create" + type + "/id").asText();
  }

  /** v2's resolvers at work while the migration runs: new cows, and tags changed (Farm.cows sorts by tag). */
  static final class Writer {
    final Map<String, String> expected = new ConcurrentHashMap<>();
    final Map<String, Integer> eggs = new ConcurrentHashMap<>();
    private final AppSyncSimulator api;
    private final Ids ids;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger rounds = new AtomicInteger();
    private Thread thread;
    private volatile Throwable failure;

    Writer(AppSyncSimulator api, Ids ids) {
      this.api = api;
      this.ids = ids;
    }

    void start() {
      thread = new Thread(() -> {
        try {
          while (!stop.get() || rounds.get() < 3) {
            int round = rounds.getAndIncrement();
            String cow = ids.cow(round % ids.cows.size());
            String tag = "T" + round;
            api.graphql("mutation($id: ID!, $tag: String) { updateCow(input: {id: $id, tag: $tag}) { id } }",
                Map.of("id", cow, "tag", tag)).requireNoErrors();
            expected.put(cow, tag);
            // a chicken whose unique item under the new ignoreCase rule the backfill may not have built yet
            String chicken = ids.chickens.get(round % ids.chickens.size());
            api.graphql("mutation($id: ID!, $eggs: Int) { updateChicken(input: {id: $id, eggs: $eggs}) { id } }",
                Map.of("id", chicken, "eggs", 10 + round)).requireNoErrors();
            eggs.put(chicken, 10 + round);
            String created = create(api, "Cow", Map.of("name", "Calf " + round, "tag", "N" + round,
                "farmId", ids.farms.get(round % 2), "barnId", ids.barn(2)));
            expected.put(created, "N" + round);
          }
        } catch (Throwable t) {
          failure = t;
        }
      }, "v2-writer");
      thread.start();
    }

    void stop() throws InterruptedException {
      stop.set(true);
      thread.join();
      if (failure != null) {
        throw new AssertionError("v2 writer failed", failure);
      }
    }
  }

  // ---------------------------------------------------------------- the oracle

  /**
   * Replays every node item of the migrated table through the given version's create resolvers on a fresh
   * table, then compares both tables item by item and the answers of both APIs to every read.
   */
  private void assertSameAsFreshTable(DynamoDbLocal ddb, String table, Path version, Ids ids, boolean barnChickens)
      throws IOException {
    List<Map<String, AttributeValue>> migrated = scan(ddb, table);
    try (Backend fresh = Backend.start(version);
         AppSyncSimulator api = AppSyncSimulator.start(version, ddb.endpoint(), table)) {
      for (Map<String, AttributeValue> item : migrated) {
        if (s(item, "PK").equals("NODE#" + s(item, "id"))) {
          Map<String, Object> input = new TreeMap<>();
          item.forEach((name, value) -> {
            if (!name.equals("PK") && !name.equals("__typename") && !name.matches("[PS]K\\d\\d")) {
              input.put(name, value.n() != null ? (Object) Integer.valueOf(value.n()) : value.s());
            }
          });
          GraphQLResponse r = fresh.graphql("mutation($input: Create" + s(item, "__typename") + "Input!) { create"
              + s(item, "__typename") + "(input: $input) { id } }", Map.of("input", input));
          assertFalse(r.hasErrors(), "replaying " + item + ": " + r);
        }
      }
      assertEquals(asText(fresh.scan()), asText(migrated), "the migrated table holds exactly what " + version.getFileName()
          + "'s resolvers write for the same items");
      for (String query : reads(migrated, ids, barnChickens)) {
        GraphQLResponse expected = fresh.graphql(query);
        assertFalse(expected.hasErrors(), query + ": " + expected);
        assertEquals(expected.toString(), api.graphql(query).toString(), query);
      }
    }
  }

  /** Every relation, list and unique lookup of the data, both sort directions. */
  private static List<String> reads(List<Map<String, AttributeValue>> items, Ids ids, boolean chickens) {
    List<String> queries = new ArrayList<>();
    String animal = "... on Cow { id name tag } ... on Chicken { id name eggs } ... on Duck { id name }";
    for (String farm : ids.farms) {
      for (String direction : List.of("ASC", "DESC")) {
        queries.add("{ getFarm(id: \"" + farm + "\") { name cows(sortDirection: " + direction + ") { id name tag } "
            + "animals(sortDirection: " + direction + ") { items { " + animal + " } } } }");
      }
    }
    for (String barn : ids.barns) {
      queries.add("{ getBarn(id: \"" + barn + "\") { name cows { id name } " + (chickens ? "chickens { id eggs name } " : "")
          + "} }");
    }
    if (chickens) { // v3's @list, for every tag the cows have, both ways
      items.stream().filter(i -> s(i, "__typename").equals("Cow") && i.containsKey("tag")).map(i -> s(i, "tag"))
          .distinct().sorted().forEach(tag -> {
            for (String direction : List.of("ASC", "DESC")) {
              queries.add("{ cowsByTag(tag: \"" + tag.replace("\\", "\\\\").replace("\"", "\\\"") + "\", sortDirection: "
                  + direction + ") { items { id name tag } nextToken } }");
            }
          });
    }
    for (Map<String, AttributeValue> item : items) {
      String type = s(item, "__typename");
      if ((type.equals("Barn") || type.equals("Chicken")) && s(item, "PK").startsWith("NODE#")) {
        String lookup = Character.toLowerCase(type.charAt(0)) + type.substring(1) + "ByName";
        for (String name : List.of(s(item, "name"), s(item, "name").toUpperCase(java.util.Locale.ROOT))) {
          queries.add("{ " + lookup + "(name: \"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\") { id name } }");
        }
      }
    }
    return queries;
  }

  // ---------------------------------------------------------------- the generated SchemaMigration

  /** v2's or v3's generated {@code SchemaMigration}, on the shared table. */
  static final class Migration {
    private final GeneratedJava java;
    private final DynamoDbLocal ddb;
    private final String table;

    Migration(GeneratedJava java, DynamoDbLocal ddb, String table) {
      this.java = java;
      this.ddb = ddb;
      this.table = table;
    }

    /** The command line, as a user runs it against DynamoDB Local. */
    Cli cli(String... options) {
      List<String> args = new ArrayList<>(List.of("--table", table, "--endpoint", ddb.endpoint().toString(),
          "--region", DynamoDbLocal.REGION.id()));
      args.addAll(List.of(options));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      String[] keys = {"aws.accessKeyId", "aws.secretAccessKey"};
      synchronized (Migration.class) {
        for (String key : keys) {
          System.setProperty(key, "harness");
        }
      }
      Object status = invokeStatic(java.type("SchemaMigration"), "run", args.toArray(String[]::new),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Cli((Integer) status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Segments 0-3 of 8 with the library API, one item per page, stopped after {@code pages} pages. */
    Object interrupted(Path checkpoint, int pages) {
      DynamoDbClient client = ddb.client();
      Class<?> runnerType = java.type("runtime.MigrationRunner");
      Object schema;
      try {
        schema = java.type("ItemCodec").getField("SCHEMA").get(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      Object runner = invokeStatic(runnerType, "of", schema, client, table);
      invoke(runner, "segments", 8);
      invoke(runner, "segmentRange", 0, 3);
      invoke(runner, "pageSize", 1);
      invoke(runner, "checkpoint", checkpoint);
      invokeStatic(java.type("SchemaMigration"), "configure", runner, client, table);
      AtomicInteger finished = new AtomicInteger();
      Consumer<Object> stopper = progress -> {
        if (finished.incrementAndGet() == pages) {
          invoke(runner, "stop");
        }
      };
      invoke(runner, "progress", stopper);
      return invoke(runner, "run");
    }
  }

  record Cli(int status, String out, String err) {
    @Override
    public String toString() {
      return "status " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  // ---------------------------------------------------------------- helpers

  private Path generate(String version, String sdl, Path lock) throws IOException {
    Path base = Files.createDirectories(dir.resolve(version));
    Path schema = Files.writeString(base.resolve("schema.graphql"), sdl);
    Path out = base.resolve("out");
    new Generator().generate(new GeneratorOptions(schema, base, out, PACKAGE, KeyStrategy.NODE, 20, null)
        .withLock(lock, false));
    return out;
  }

  private static List<Map<String, AttributeValue>> scan(DynamoDbLocal ddb, String table) {
    return ddb.scan(table).stream().sorted(java.util.Comparator.comparing(i -> s(i, "PK"))).toList();
  }

  private static String asText(List<Map<String, AttributeValue>> items) {
    return items.stream().map(i -> new TreeMap<>(i).toString()).sorted().collect(Collectors.joining("\n"));
  }

  private static Map<String, AttributeValue> item(List<Map<String, AttributeValue>> items, String pk) {
    return items.stream().filter(i -> s(i, "PK").equals(pk)).findFirst()
        .orElseThrow(() -> new AssertionError("no item " + pk));
  }

  private static String attribute(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static String s(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.s() == null ? "" : v.s();
  }

  private static Map<Path, byte[]> files(Path root) throws IOException {
    Map<Path, byte[]> out = new TreeMap<>();
    try (var walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p), Files.readAllBytes(p));
      }
    }
    return out;
  }

  private static void assertFilesEqual(Map<Path, byte[]> expected, Map<Path, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((path, bytes) -> assertTrue(java.util.Arrays.equals(bytes, actual.get(path)), path + " changed"));
  }

  static Object invokeStatic(Class<?> type, String name, Object... args) {
    return call(type, null, name, args);
  }

  static Object invoke(Object target, String name, Object... args) {
    return call(target.getClass(), target, name, args);
  }

  private static Object call(Class<?> type, Object target, String name, Object... args) {
    for (Method m : type.getMethods()) {
      if (!m.getName().equals(name) || m.getParameterCount() != args.length) {
        continue;
      }
      Class<?>[] params = m.getParameterTypes();
      boolean fits = true;
      for (int i = 0; i < params.length; i++) {
        Class<?> p = params[i].isPrimitive() ? boxed(params[i]) : params[i];
        fits &= args[i] == null || p.isInstance(args[i]);
      }
      if (!fits) {
        continue;
      }
      try {
        m.setAccessible(true);
        return m.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalArgumentException("no method " + name + " fitting " + java.util.Arrays.toString(args) + " on " + type);
  }

  private static Class<?> boxed(Class<?> primitive) {
    return primitive == int.class ? Integer.class : primitive == boolean.class ? Boolean.class
        : primitive == long.class ? Long.class : primitive;
  }

}
