package io.singletable.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.harness.DynamoDbLocal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The runtime's migration machinery tested on its own, without generating anything: a hand-written
 * {@link ItemSchema} of one type, {@code Note(id, title)} with a case-insensitive unique title, on DynamoDB
 * Local. Interruption and resume, dry run, the tolerance of refused writes, and the backfill's conflicts and
 * clean-up.
 */
class RuntimeMigrationTest {
  /** The entity of the hand-written schema. */
  record Note(String id, String title) {
  }

  /** {@code NODE#<id>} keys, {@code Note#title#<lower-cased title>} unique items. */
  static final ItemSchema<Note> NOTES = new ItemSchema<>() {
    @Override
    public List<String> typenames() {
      return List.of("Note");
    }

    @Override
    public String typename(Class<?> type) {
      if (type == Note.class) {
        return "Note";
      }
      throw new IllegalArgumentException("not a record of the schema: " + type);
    }

    @Override
    public String nodeKey(String typename, String id) {
      return "NODE#" + id;
    }

    @Override
    public List<String> attributesOf(String typename) {
      return "Note".equals(typename) ? List.of("PK", "__typename", "id", "title") : List.of();
    }

    @Override
    public List<String> uniqueKeys(Map<String, AttributeValue> item) {
      AttributeValue title = item.get("title");
      return "Note".equals(ItemValues.typename(item)) && title != null ? List.of(uniqueKey(title.s())) : List.of();
    }

    @Override
    public Note decode(Map<String, AttributeValue> item) {
      ItemValues.requireType(item, "Note");
      return new Note(Objects.requireNonNull(ItemValues.asString(item.get("id"))), ItemValues.asString(item.get("title")));
    }

    @Override
    public Map<String, AttributeValue> encode(Note note) {
      Map<String, AttributeValue> item = new LinkedHashMap<>();
      item.put("PK", AttributeValue.fromS("NODE#" + note.id()));
      item.put("__typename", AttributeValue.fromS("Note"));
      item.put("id", AttributeValue.fromS(note.id()));
      if (note.title() != null) {
        item.put("title", AttributeValue.fromS(note.title()));
      }
      return item;
    }

    @Override
    public List<Map<String, AttributeValue>> uniqueItemsOf(Note note) {
      if (note.title() == null) {
        return List.of();
      }
      Map<String, AttributeValue> copy = new LinkedHashMap<>(encode(note));
      copy.put("PK", AttributeValue.fromS(uniqueKey(note.title())));
      return List.of(copy);
    }

    @Override
    public String id(Note note) {
      return note.id();
    }
  };

  static String uniqueKey(String title) {
    return "Note#title#" + title.toLowerCase(Locale.ROOT);
  }

  @TempDir
  Path dir;
  DynamoDbLocal ddb;
  DynamoDbClient client;
  String table;

  @BeforeEach
  void createTable() {
    ddb = DynamoDbLocal.shared();
    client = ddb.client();
    table = "runtime-" + System.nanoTime();
    client.createTable(r -> r.tableName(table).billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("PK").attributeType("S"))
        .keySchema(k -> k.attributeName("PK").keyType("HASH")));
  }

  @AfterEach
  void dropTable() {
    ddb.deleteTable(table);
  }

  private void store(Note... notes) {
    for (Note note : notes) {
      client.putItem(r -> r.tableName(table).item(NOTES.encode(note)));
      NOTES.uniqueItemsOf(note).forEach(u -> client.putItem(r -> r.tableName(table).item(u)));
    }
  }

  private Map<String, Map<String, AttributeValue>> scan() {
    Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
    ddb.scan(table).forEach(i -> out.put(i.get("PK").s(), i));
    return out;
  }

  private static Map<String, Map<String, AttributeValue>> stored(List<Note> notes) {
    Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
    for (Note note : notes) {
      out.put("NODE#" + note.id(), NOTES.encode(note));
      NOTES.uniqueItemsOf(note).forEach(u -> out.put(u.get("PK").s(), u));
    }
    return out;
  }

  private static List<Note> notes(int n, String prefix) {
    List<Note> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Note("n" + i, prefix + " " + i));
    }
    return out;
  }

  private MigrationRunner<Note> retitling() {
    return MigrationRunner.of(NOTES, client, table)
        .migrate(Note.class, (note, context) -> MigrationRunner.rewrite(context,
            new Note(note.id(), note.title().replace("draft", "final"))));
  }

  @Test
  void anInterruptedRunResumesFromItsCheckpointAndASecondRunWritesNothing() throws Exception {
    List<Note> drafts = notes(120, "draft");
    store(drafts.toArray(Note[]::new));
    Path checkpoint = dir.resolve("checkpoint.properties");
    MigrationRunner<Note> first = retitling().segments(4).threads(2).pageSize(10).checkpoint(checkpoint);
    AtomicInteger pages = new AtomicInteger();
    first.progress(p -> {
      if (pages.incrementAndGet() == 3) {
        first.stop();
      }
    });
    MigrationRunner.Report stopped = first.run();
    assertFalse(stopped.complete());
    assertTrue(Files.readString(checkpoint).contains("segment.000000="), Files.readString(checkpoint));
    MigrationRunner.Report resumed = retitling().segments(4).pageSize(10).checkpoint(checkpoint).run();
    assertTrue(resumed.complete());
    assertTrue(resumed.scanned() < 2 * 120 + 40, "finished pages are not scanned again: " + resumed);
    assertEquals(stored(notes(120, "final")), scan(), "every note retitled, its unique item moved");
    MigrationRunner.Report again = retitling().run();
    assertEquals(0, again.writes(), "idempotent");
    assertThrows(IllegalStateException.class, () -> retitling().segments(8).checkpoint(checkpoint).run(),
        "a checkpoint is bound to its segment count");
  }

  @Test
  void aDryRunReportsTheWritesAndWritesNeitherTheTableNorTheCheckpoint() {
    store(notes(10, "draft").toArray(Note[]::new));
    Map<String, Map<String, AttributeValue>> before = scan();
    List<TransactWriteItem> seen = Collections.synchronizedList(new ArrayList<>());
    Path checkpoint = dir.resolve("dry.properties");
    MigrationRunner.Report report = retitling().dryRun(true).checkpoint(checkpoint).onWrite((c, w) -> seen.add(w)).run();
    assertTrue(report.dryRun() && report.complete());
    assertEquals(10, report.migrated());
    assertEquals(30, seen.size(), "per note: the node, the new unique item, the old one's delete");
    assertEquals(before, scan());
    assertFalse(Files.exists(checkpoint));
  }

  @Test
  void aWriteRefusedByAnotherItemStopsTheRunUnlessItIsToleratedAndReported() {
    store(new Note("a", "final 1"), new Note("b", "draft 1"), new Note("c", "draft 2"));
    Map<String, Map<String, AttributeValue>> before = scan();
    assertThrows(MigrationRunner.MigrationException.class, () -> retitling().segments(1).run());
    List<String> givenUp = Collections.synchronizedList(new ArrayList<>());
    MigrationRunner.Report report = retitling().segments(1)
        .onGiveUp((context, e) -> givenUp.add(context.item().get("PK").s())).run();
    assertTrue(report.complete());
    assertEquals(List.of("NODE#b"), givenUp, "b would take a's title");
    Map<String, Map<String, AttributeValue>> expected = stored(List.of(new Note("a", "final 1"), new Note("c", "final 2")));
    expected.putAll(stored(List.of(new Note("b", "draft 1"))));
    assertEquals(expected, scan(), "b unchanged, c migrated");
    assertTrue(before.containsKey(uniqueKey("draft 1")));
  }

  @Test
  void theBackfillBuildsMissingUniqueItemsReportsDuplicatesAndDeletesStaleOnes() {
    // nodes written before title was @unique: no unique items, two of them equal but for case
    for (Note note : List.of(new Note("a", "Alpha"), new Note("b", "ALPHA"), new Note("c", "Gamma"))) {
      client.putItem(r -> r.tableName(table).item(NOTES.encode(note)));
    }
    Map<String, AttributeValue> stale = new LinkedHashMap<>(NOTES.encode(new Note("c", "Old")));
    stale.put("PK", AttributeValue.fromS(uniqueKey("Old")));
    client.putItem(r -> r.tableName(table).item(stale));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = SchemaBackfill.run(NOTES, "Backfill", client, SchemaBackfill.Options.parse("--table", table),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String errors = err.toString(StandardCharsets.UTF_8);
    assertEquals(SchemaBackfill.REPORTED, status, errors);
    assertEquals(1, errors.lines().filter(l -> l.startsWith("conflict: @unique Note.title: Note ")).count(), errors);
    assertTrue(errors.contains("Note a") && errors.contains("Note b"), errors);
    Map<String, Map<String, AttributeValue>> after = scan();
    assertFalse(after.containsKey(uniqueKey("Old")), "the stale unique item is deleted");
    assertEquals(NOTES.uniqueItemsOf(new Note("c", "Gamma")).get(0), after.get(uniqueKey("Gamma")));
    String holder = after.get(uniqueKey("alpha")).get("id").s();
    assertTrue(holder.equals("a") || holder.equals("b"));
    int again = SchemaBackfill.run(NOTES, "Backfill", client, SchemaBackfill.Options.parse("--table", table),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(SchemaBackfill.REPORTED, again);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains(", 0 writes"), "the second run writes nothing");
    assertEquals(after, scan());
  }
}
