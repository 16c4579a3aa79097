package io.singletable.samples.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.samples.farm.runtime.MigrationRunner;
import io.singletable.samples.farm.runtime.MigrationRunner.Context;
import io.singletable.samples.farm.runtime.MigrationRunner.Migration;
import io.singletable.samples.farm.runtime.MigrationRunner.MigrationException;
import io.singletable.samples.farm.runtime.MigrationRunner.Report;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The generated {@link MigrationRunner} against DynamoDB Local. The migration under test renames
 * every farm, cow and chicken ("cow 0001" becomes "Bessie 0001"): that changes the relations' sort
 * keys and moves each farm's unique name item, and it is idempotent, as resumable migrations must be.
 */
class FarmMigrationTest {
  private static final int PAGE = 100;

  @TempDir
  Path dir;

  /** A (segment, id) pair a migration was called with. */
  record Seen(int segment, String id) {
  }

  // ---------------------------------------------------------------- (a) resume after a failure

  @Test
  void resumesFromItsCheckpointWithoutScanningFinishedSegmentsAgain() throws IOException {
    try (LocalTable table = new LocalTable("resume")) {
      List<Entity> farmland = farmland(20, 1490);
      load(table, stored(farmland).values());
      Path checkpoint = dir.resolve("migration.properties");

      Set<Seen> first = ConcurrentHashMap.newKeySet();
      Set<Integer> finishedFirst = ConcurrentHashMap.newKeySet();
      MigrationException failure = assertThrows(MigrationException.class, () -> renaming(table, first, 1500)
          .checkpoint(checkpoint)
          .progress(p -> recordFinished(p, finishedFirst))
          .run());
      assertInstanceOf(Boom.class, failure.getCause());
      assertFalse(failure.report().complete());
      assertTrue(failure.getMessage().contains("NODE#"), "the message names the item: " + failure.getMessage());
      assertTrue(Files.exists(checkpoint));
      Properties saved = properties(checkpoint);
      assertEquals(table.name, saved.getProperty("table"));
      assertEquals("8", saved.getProperty("segments"));
      assertEquals(finishedFirst, doneSegments(saved), "the checkpoint has exactly the segments reported finished");
      assertFalse(finishedFirst.isEmpty(), "1500 items over 8 segments of ~380 finish some: " + finishedFirst);
      assertTrue(finishedFirst.size() < 8);

      Set<Seen> second = ConcurrentHashMap.newKeySet();
      Set<Integer> pagesOfSecond = ConcurrentHashMap.newKeySet();
      Report report = renaming(table, second, Integer.MAX_VALUE)
          .checkpoint(checkpoint)
          .progress(p -> pagesOfSecond.add(p.segment()))
          .run();
      assertTrue(report.complete());
      assertEquals(finishedFirst.size(), report.segmentsSkipped());
      assertEquals(8 - finishedFirst.size(), report.segmentsDone());
      Set<Integer> scannedAgain = second.stream().map(Seen::segment).collect(Collectors.toSet());
      scannedAgain.addAll(pagesOfSecond);
      assertTrue(Collections.disjoint(finishedFirst, scannedAgain), "finished " + finishedFirst + ", scanned " + scannedAgain);

      // Items migrated twice are those of the page each unfinished segment was in when the run stopped.
      Map<Integer, Long> reprocessed = first.stream().filter(second::contains)
          .collect(Collectors.groupingBy(Seen::segment, Collectors.counting()));
      reprocessed.forEach((segment, items) -> {
        assertFalse(finishedFirst.contains(segment));
        assertTrue(items <= PAGE, items + " items of segment " + segment + " processed again, more than a page");
      });
      Set<String> migrated = new HashSet<>();
      first.forEach(s -> migrated.add(s.id()));
      second.forEach(s -> migrated.add(s.id()));
      assertEquals(farmland.size(), migrated.size(), "every item was migrated");

      assertEquals(stored(renamed(farmland)), scan(table), "node and unique items as the codec writes the renamed entities");
      assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7), doneSegments(properties(checkpoint)));
      Report again = renaming(table, ConcurrentHashMap.newKeySet(), 0).checkpoint(checkpoint).run();
      assertEquals(0, again.scanned(), "a finished checkpoint scans nothing");
      assertEquals(8, again.segmentsSkipped());
    }
  }

  private static void recordFinished(MigrationRunner.Progress progress, Set<Integer> finished) {
    if (progress.segmentDone()) {
      finished.add(progress.segment());
    }
  }

  // ---------------------------------------------------------------- (b) dry run

  @Test
  void dryRunReportsTheWritesAndChangesNeitherTableNorCheckpoint() throws IOException {
    try (LocalTable table = new LocalTable("dry")) {
      List<Entity> farmland = farmland(5, 60);
      load(table, stored(farmland).values());
      Map<String, Map<String, AttributeValue>> untouched = scan(table);
      Path none = dir.resolve("none.properties");
      List<Boolean> dryFlags = Collections.synchronizedList(new ArrayList<>());
      Report dry = MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name).dryRun(true).checkpoint(none)
          .migrate(Cow.class, (cow, context) -> {
            dryFlags.add(context.dryRun());
            return MigrationRunner.rewrite(context, renamed(cow));
          })
          .run();
      assertTrue(dry.dryRun() && dry.complete());
      assertEquals(30, dry.migrated(), "the 30 cows");
      assertEquals(30, dry.writes());
      assertEquals(Set.of(true), new HashSet<>(dryFlags));
      assertEquals(untouched, scan(table));
      assertFalse(Files.exists(none), "a dry run writes no checkpoint");

      // A real run stopped after one page leaves a checkpoint that a dry run honours but does not change.
      Path checkpoint = dir.resolve("migration.properties");
      MigrationRunner<Entity> stopped = renaming(table, ConcurrentHashMap.newKeySet(), Integer.MAX_VALUE)
          .segments(4).threads(1).pageSize(1000).checkpoint(checkpoint);
      Report partial = stopped.progress(p -> stopped.stop()).run();
      assertFalse(partial.complete());
      assertEquals(1, partial.segmentsDone(), "stop() lets the worker finish its page, then ends the run");
      byte[] savedBefore = Files.readAllBytes(checkpoint);
      Map<String, Map<String, AttributeValue>> before = scan(table);
      assertNotEquals(untouched, before, "the stopped run migrated its segment");

      List<TransactWriteItem> reported = Collections.synchronizedList(new ArrayList<>());
      Report dryAgain = renaming(table, ConcurrentHashMap.newKeySet(), Integer.MAX_VALUE)
          .segments(4).checkpoint(checkpoint).dryRun(true).onWrite((context, write) -> reported.add(write))
          .run();
      assertEquals(1, dryAgain.segmentsSkipped());
      assertEquals(reported.size(), dryAgain.writes());
      assertTrue(dryAgain.writes() > 0);
      assertEquals(before, scan(table), "the dry run wrote nothing");
      assertArrayEquals(savedBefore, Files.readAllBytes(checkpoint), "the dry run left the checkpoint as it was");

      List<TransactWriteItem> applied = Collections.synchronizedList(new ArrayList<>());
      Report real = renaming(table, ConcurrentHashMap.newKeySet(), Integer.MAX_VALUE)
          .segments(4).checkpoint(checkpoint).onWrite((context, write) -> applied.add(write))
          .run();
      assertEquals(new HashSet<>(reported), new HashSet<>(applied), "the dry run reported exactly what the run applied");
      assertEquals(dryAgain.writes(), real.writes());
      assertEquals(stored(renamed(farmland)), scan(table));
    }
  }

  // ---------------------------------------------------------------- (c) what is skipped

  @Test
  void uniqueItemsAndTypesWithoutMigrationAreSkippedNeverMigrated() {
    try (LocalTable table = new LocalTable("skip")) {
      List<Entity> farmland = farmland(3, 4); // 3 farms, 2 cows, 2 chickens
      Map<String, Map<String, AttributeValue>> items = stored(farmland);
      Map<String, AttributeValue> barn = Map.of("PK", s("NODE#barn-1"), "__typename", s("Barn"), "id", s("barn-1"));
      Map<String, AttributeValue> legacy = Map.of("PK", s("LEGACY#1"), "data", s("no typename"));
      Map<String, AttributeValue> cowCopy = new HashMap<>(ItemCodec.toItem((Cow) farmland.get(3)));
      cowCopy.put("PK", s("Cow#tag#copy"));
      List<Map<String, AttributeValue>> all = new ArrayList<>(items.values());
      all.addAll(List.of(barn, legacy, cowCopy));
      load(table, all);

      Set<String> handed = ConcurrentHashMap.newKeySet();
      // One segment, so one page holds all 13 items before any is migrated. With several, a segment
      // scanned later may no longer hold a farm's old unique item (another worker's rename deleted it)
      // or may hold its new one: a Scan is no snapshot, and the counts below would vary by timing.
      Report report = MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name).segments(1)
          .migrate(Farm.class, (farm, context) -> {
            handed.add(context.item().get("PK").s());
            return MigrationRunner.rewrite(context, renamed(farm));
          })
          .migrate(Cow.class, (cow, context) -> {
            handed.add(context.item().get("PK").s());
            assertEquals(List.of(), MigrationRunner.rewrite(context, cow), "rewriting an item to itself writes nothing");
            return MigrationRunner.rewrite(context, renamed(cow));
          })
          .run();
      Set<String> nodes = farmland.stream().filter(e -> !(e instanceof Chicken)).map(e -> ItemCodec.encode(e).get("PK").s())
          .collect(Collectors.toSet());
      assertEquals(nodes, handed, "only the farm and cow node items reach the migrations");
      assertEquals(all.size(), report.scanned());
      assertEquals(5, report.migrated());
      assertEquals(3 + 2 + 3, report.skipped(), "3 unique items, 2 chickens, the barn, the legacy item, the copy");

      Map<String, Map<String, AttributeValue>> expected = stored(farmland.stream()
          .map(e -> e instanceof Chicken ? e : renamed(e)).toList());
      expected.put("NODE#barn-1", barn);
      expected.put("LEGACY#1", legacy);
      expected.put("Cow#tag#copy", cowCopy);
      assertEquals(expected, scan(table));
    }
  }

  // ---------------------------------------------------------------- (d) raw migrations

  @Test
  void rawMigrationFixesItemsThatNoLongerDecode() {
    try (LocalTable table = new LocalTable("raw")) {
      List<Entity> farmland = farmland(1, 80); // 40 cows: cow-0000, cow-0002, ...
      Map<String, Map<String, AttributeValue>> items = stored(farmland);
      Set<String> nameless = new TreeSet<>();
      for (Entity e : farmland) {
        if (e instanceof Cow cow && Integer.parseInt(cow.id().substring(4)) % 4 == 0) {
          items.get(ItemCodec.cowNodeKey(cow.id())).remove("name"); // written before name was required
          nameless.add(cow.id());
        }
      }
      load(table, items.values());
      assertEquals(20, nameless.size());

      MigrationException typed = assertThrows(MigrationException.class, () -> MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name)
          .migrate(Cow.class, (cow, context) -> List.of()).run());
      assertInstanceOf(NullPointerException.class, typed.getCause(), "a typed migration cannot decode them");

      Report report = MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name)
          .migrate("Cow", context -> {
            Map<String, AttributeValue> item = new LinkedHashMap<>(context.item());
            item.putIfAbsent("name", s("unnamed " + item.get("id").s()));
            return MigrationRunner.rewrite(context, ItemCodec.cowFromItem(item));
          })
          .run();
      assertEquals(20, report.migrated(), "only the nameless cows change");
      assertEquals(20, report.writes());
      Map<String, Map<String, AttributeValue>> expected = stored(farmland.stream()
          .map(e -> e instanceof Cow cow && nameless.contains(cow.id())
              ? new Cow(cow.id(), "unnamed " + cow.id(), cow.breed(), cow.born(), cow.farmId()) : e)
          .toList());
      assertEquals(expected, scan(table), "the fixed cows carry the index attributes of their new name");
    }
  }

  // ---------------------------------------------------------------- (e) concurrent changes, failing writes

  @Test
  void itemChangedOrDeletedBetweenScanAndWriteIsReadAgain() {
    try (LocalTable table = new LocalTable("concurrent")) {
      Cow changed = new Cow("cow-1", "cow 1", Breed.ANGUS, "2020-01-01", "farm-1");
      Cow deleted = new Cow("cow-2", "cow 2", Breed.ANGUS, null, "farm-1");
      load(table, stored(List.of(changed, deleted)).values());
      Cow changedMeanwhile = new Cow("cow-1", "cow 1", Breed.HEREFORD, "2020-01-01", "farm-1");
      List<Cow> calls = Collections.synchronizedList(new ArrayList<>());

      Report report = MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name).segments(1)
          .migrate(Cow.class, (cow, context) -> {
            calls.add(cow);
            // Another writer acts between the scan and the migration's transaction, once per cow.
            if (cow.equals(deleted)) {
              table.client.deleteItem(b -> b.tableName(table.name).key(Map.of("PK", s(ItemCodec.cowNodeKey(cow.id())))));
            } else if (cow.equals(changed)) {
              table.client.putItem(b -> b.tableName(table.name).item(ItemCodec.toItem(changedMeanwhile)));
            }
            return MigrationRunner.rewrite(context, renamed(cow));
          })
          .run();
      Map<String, Map<String, AttributeValue>> expected = stored(List.of(renamed(changedMeanwhile)));
      assertEquals(expected, scan(table), "the concurrent change is kept and migrated; the deleted cow stays deleted");
      assertEquals(List.of(changed, changedMeanwhile), calls.stream().filter(c -> c.id().equals("cow-1")).toList(),
          "cow-1 is read again and migrated again");
      assertEquals(List.of(deleted), calls.stream().filter(c -> c.id().equals("cow-2")).toList());
      assertEquals(1, report.migrated());
      assertEquals(1, report.skipped(), "the deleted cow");
    }
  }

  @Test
  void itemReplacedByAnotherTypeBetweenScanAndWriteIsNotMigratedInItsPlace() {
    try (LocalTable table = new LocalTable("replaced")) {
      Cow cow = new Cow("x-1", "cow 1", Breed.ANGUS, null, "farm-1");
      load(table, stored(List.of(cow)).values());
      // under NODE keys a Chicken with the same id takes the key after the scan
      Chicken chicken = new Chicken("x-1", "chicken 1", 3, "farm-1");
      AtomicInteger calls = new AtomicInteger();
      Report report = MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name).segments(1)
          .migrate(Cow.class, (current, context) -> {
            if (calls.incrementAndGet() == 1) {
              table.client.putItem(b -> b.tableName(table.name).item(ItemCodec.toItem(chicken)));
            }
            return MigrationRunner.rewrite(context, renamed(current));
          })
          .migrate(Chicken.class, (current, context) -> {
            calls.addAndGet(100);
            return MigrationRunner.rewrite(context, current.withName("migrated"));
          })
          .run();
      assertEquals(1, calls.get(), "the item read again is no longer the Cow that was scanned, nor migrated in its place");
      assertEquals(stored(List.of(chicken)), scan(table), "the Chicken is left as it is");
      assertEquals(0, report.migrated());
      assertEquals(1, report.skipped());
    }
  }

  @Test
  void itemChangingOnEveryAttemptStopsTheRunAfterThreeAttempts() {
    try (LocalTable table = new LocalTable("restless")) {
      Cow cow = new Cow("cow-1", "cow 1", Breed.ANGUS, null, "farm-1");
      load(table, stored(List.of(cow)).values());
      AtomicInteger calls = new AtomicInteger();
      MigrationException failure = assertThrows(MigrationException.class, () -> MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name)
          .segments(1)
          .migrate(Cow.class, (current, context) -> {
            Cow other = new Cow(current.id(), current.name(), current.breed(), "2000-01-0" + calls.incrementAndGet(), current.farmId());
            table.client.putItem(b -> b.tableName(table.name).item(ItemCodec.toItem(other)));
            return MigrationRunner.rewrite(context, renamed(current));
          })
          .run());
      assertEquals(3, calls.get());
      assertInstanceOf(TransactionCanceledException.class, failure.getCause().getCause());
      assertTrue(failure.getMessage().contains("NODE#cow-1"), failure.getMessage());
    }
  }

  @Test
  void uniqueValueHeldByAnotherItemStopsTheRunAndWritesNothingOfTheItem() {
    try (LocalTable table = new LocalTable("clash")) {
      Farm taken = farm(1, "Ranch 02");
      Farm renamedOntoTaken = farm(2, "farm 02");
      load(table, stored(List.of(taken, renamedOntoTaken)).values());
      Map<String, Map<String, AttributeValue>> before = scan(table);
      MigrationException failure = assertThrows(MigrationException.class, () -> MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name)
          .migrate(Farm.class, (farm, context) -> MigrationRunner.rewrite(context, renamed(farm)))
          .run());
      assertInstanceOf(TransactionCanceledException.class, failure.getCause());
      assertEquals(before, scan(table), "the transaction was all or nothing");
    }
  }

  /**
   * A farm written before {@code name} became {@code @unique} has no unique item until the backfill
   * has run: renaming it deletes nothing and takes the new value's unique item.
   */
  @Test
  void anItemWithoutItsUniqueItemIsRewrittenAndGetsTheNewOne() {
    try (LocalTable table = new LocalTable("unbuilt")) {
      Farm unbuilt = farm(3, "farm 03");
      Farm built = farm(4, "farm 04");
      Map<String, Map<String, AttributeValue>> items = stored(List.of(unbuilt, built));
      assertTrue(items.remove(ItemCodec.farmNameUniqueKey("farm 03")) != null);
      load(table, items.values());
      Report report = MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name)
          .migrate(Farm.class, (farm, context) -> MigrationRunner.rewrite(context, renamed(farm)))
          .run();
      assertEquals(2, report.migrated());
      assertEquals(stored(renamed(List.of(unbuilt, built))), scan(table), "both renamed, each with its new unique item only");
    }
  }

  /**
   * Attributes the schema does not know (a removed field, the index attributes of a removed relation), on node and
   * unique items: a rewrite drops them, as the repository's {@code update} does and as the resolvers' update does
   * ("only what the model stores is kept"), even a rewrite to the entity as it was. Both leave exactly what the
   * codec stores for the entity.
   */
  @Test
  void aRewriteDropsAttributesTheSchemaDoesNotKnowAsAnUpdateDoes() {
    try (LocalTable table = new LocalTable("unknown")) {
      Farm updated = farm(1, "farm 01");
      Farm rewritten = farm(2, "farm 02");
      Cow cowUpdated = new Cow("cow-1", "cow 1", Breed.ANGUS, null, "farm-1");
      Cow cowRewritten = new Cow("cow-2", "cow 2", Breed.JERSEY, null, "farm-1");
      Map<String, Map<String, AttributeValue>> items = stored(List.of(updated, rewritten, cowUpdated, cowRewritten));
      items.replaceAll((pk, item) -> {
        Map<String, AttributeValue> extended = new HashMap<>(item);
        extended.put("legacy", AttributeValue.fromS("from an older schema"));
        extended.put("PK09", AttributeValue.fromS("stale index"));
        return extended;
      });
      load(table, items.values());
      DataAccess access = new DataAccess(table.client, table.name, java.time.Clock.fixed(
          java.time.Instant.parse("2024-01-01T00:00:00Z"), java.time.ZoneOffset.UTC));
      Farm afterUpdate = access.farms().update(updated.id(), f -> f);
      Cow cowAfterUpdate = access.cows().update(cowUpdated.id(), c -> c);
      Report report = MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name).segments(1)
          .migrate(Farm.class, (farm, context) -> farm.id().equals(rewritten.id()) ? MigrationRunner.rewrite(context, farm) : List.of())
          .migrate(Cow.class, (cow, context) -> cow.id().equals(cowRewritten.id()) ? MigrationRunner.rewrite(context, cow) : List.of())
          .run();
      assertEquals(2, report.migrated(), "the rewrites to the entity as it was wrote: they dropped the unknown attributes");
      assertEquals(stored(List.of(afterUpdate, rewritten, cowAfterUpdate, cowRewritten)), scan(table),
          "update and rewrite alike: nothing but what the codec stores, on nodes and unique items");
    }
  }

  /**
   * Two farms with one name, as a new {@code @unique} finds them: the unique item is the other's, so
   * renaming the farm that does not hold it must not delete it; the run stops and writes nothing of it.
   */
  @Test
  void aUniqueItemAnotherIdHoldsIsNeverDeletedByARewrite() {
    try (LocalTable table = new LocalTable("held")) {
      Farm holder = farm(5, "farm 05");
      Farm duplicate = farm(6, "farm 05");
      Map<String, Map<String, AttributeValue>> items = stored(List.of(holder));
      items.put(ItemCodec.farmNodeKey(duplicate.id()), ItemCodec.encode(duplicate));
      load(table, items.values());
      Map<String, Map<String, AttributeValue>> before = scan(table);
      assertEquals(3, before.size(), "two nodes and the holder's unique item");
      MigrationException failure = assertThrows(MigrationException.class, () -> MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name)
          .migrate(Farm.class, (farm, context) -> farm.id().equals(duplicate.id())
              ? MigrationRunner.rewrite(context, new Farm(farm.id(), "Moved 06", farm.logoId(), farm.galleryIds(),
                  farm.createdAt(), farm.updatedAt()))
              : List.of())
          .run());
      assertInstanceOf(TransactionCanceledException.class, failure.getCause());
      assertEquals(before, scan(table), "the holder's unique item is still there, the duplicate unchanged");
    }
  }

  @Test
  void aTolerantRunHandsARefusedItemToItsListenerAndMigratesTheRest() {
    try (LocalTable table = new LocalTable("tolerant")) {
      Farm taken = farm(1, "Ranch 02");
      Farm renamedOntoTaken = farm(2, "farm 02");
      List<Entity> others = farmland(4, 8).stream().filter(e -> !(e instanceof Farm f) || f.id().equals("farm-3")).toList();
      List<Entity> all = new ArrayList<>(others);
      all.add(taken);
      all.add(renamedOntoTaken);
      load(table, stored(all).values());
      List<String> givenUp = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicInteger attempts = new AtomicInteger();
      Report report = MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name)
          .migrate(Farm.class, (farm, context) -> {
            if (farm.id().equals(renamedOntoTaken.id())) {
              attempts.incrementAndGet();
            }
            return MigrationRunner.rewrite(context, renamed(farm));
          })
          .migrate(Cow.class, (cow, context) -> MigrationRunner.rewrite(context, renamed(cow)))
          .migrate(Chicken.class, (chicken, context) -> MigrationRunner.rewrite(context, renamed(chicken)))
          .onGiveUp((context, e) -> givenUp.add(context.item().get("PK").s() + " "
              + e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))))
          .run();
      assertTrue(report.complete());
      assertEquals(List.of("NODE#farm-2 true"), givenUp, "the farm whose new name is taken, with the failed condition");
      assertEquals(3, attempts.get(), "read again and retried before it is given up");
      Map<String, Map<String, AttributeValue>> expected = stored(renamed(others));
      expected.putAll(stored(List.of(taken)));
      expected.putAll(stored(List.of(renamedOntoTaken)));
      assertEquals(expected, scan(table), "everything else migrated; the refused farm and the holder unchanged");
    }
  }

  @Test
  void aSegmentRangeScansOnlyItsSegmentsAndTwoRangesCoverTheTable() {
    try (LocalTable table = new LocalTable("ranges")) {
      List<Entity> farmland = farmland(3, 40);
      load(table, stored(farmland).values());
      Set<Seen> low = ConcurrentHashMap.newKeySet();
      Set<Seen> high = ConcurrentHashMap.newKeySet();
      Report first = renaming(table, low, Integer.MAX_VALUE).segments(4).segmentRange(0, 1).run();
      assertTrue(first.complete());
      assertTrue(low.stream().allMatch(s -> s.segment() <= 1) && !low.isEmpty(), low.toString());
      Report second = renaming(table, high, Integer.MAX_VALUE).segments(4).segmentRange(2, 3).run();
      assertTrue(second.complete());
      assertTrue(high.stream().allMatch(s -> s.segment() >= 2) && !high.isEmpty(), high.toString());
      assertEquals(farmland.size(), low.size() + high.size(), "each item in exactly one range");
      assertEquals(stored(renamed(farmland)), scan(table));
      assertThrows(IllegalStateException.class, () -> renaming(table, low, 0).segments(4).segmentRange(2, 4).run());
      assertThrows(IllegalArgumentException.class, () -> MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name).segmentRange(3, 2));
    }
  }

  @Test
  void uniqueItemsGoToTheCopiesMigrationAndAGuardedDeleteRemovesAStaleOne() {
    try (LocalTable table = new LocalTable("copies")) {
      Farm farm = farm(1, "Ranch 01");
      load(table, stored(List.of(farm)).values());
      Map<String, AttributeValue> stale = new java.util.HashMap<>(ItemCodec.uniqueItems(farm).get(0));
      stale.put("PK", AttributeValue.fromS("Farm#name#an old name"));
      table.client.putItem(b -> b.tableName(table.name).item(stale));
      List<String> copies = java.util.Collections.synchronizedList(new ArrayList<>());
      Report report = MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name)
          .migrateCopies(context -> {
            copies.add(context.item().get("PK").s());
            return context.item().get("PK").s().equals("Farm#name#an old name")
                ? List.of(MigrationRunner.deleteUnchanged(context),
                    MigrationRunner.guard(context, ItemCodec.farmNodeKey(farm.id()), ItemCodec.toItem(farm)))
                : List.of();
          })
          .run();
      assertEquals(Set.of("Farm#name#an old name", "Farm#name#ranch 01"), new TreeSet<>(copies));
      assertEquals(1, report.migrated());
      assertEquals(stored(List.of(farm)), scan(table), "the stale unique item deleted, the rest as it was");
    }
  }

  @Test
  void misuseIsRefusedBeforeAnythingIsScanned() throws IOException {
    try (LocalTable table = new LocalTable("misuse")) {
      MigrationRunner<Entity> runner = MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name).migrate(Cow.class, (cow, context) -> List.of());
      assertThrows(IllegalArgumentException.class, () -> runner.migrate("Cow", context -> List.of()));
      assertThrows(IllegalArgumentException.class, () -> runner.migrate(Entity.class, (entity, context) -> List.of()));
      Path checkpoint = dir.resolve("other.properties");
      Files.writeString(checkpoint, "segments=8\ntable=another\n");
      assertThrows(IllegalStateException.class, () -> runner.checkpoint(checkpoint).run());
      Files.writeString(checkpoint, "segments=4\ntable=" + table.name + "\n");
      assertThrows(IllegalStateException.class, () -> runner.checkpoint(checkpoint).run());
      assertEquals(4, runner.checkpoint(checkpoint).segments(4).run().segmentsDone());
    }
  }

  // ---------------------------------------------------------------- the migration under test

  /** Thrown by the migration to interrupt a run. */
  static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Boom() {
      super("boom");
    }
  }

  /** A runner renaming farms, cows and chickens, recording each call, failing once {@code failAfter} calls are done. */
  private static MigrationRunner<Entity> renaming(LocalTable table, Set<Seen> seen, int failAfter) {
    AtomicInteger calls = new AtomicInteger();
    return MigrationRunner.of(ItemCodec.SCHEMA, table.client, table.name).segments(8).threads(2).pageSize(PAGE)
        .migrate(Farm.class, recording(seen, calls, failAfter))
        .migrate(Cow.class, recording(seen, calls, failAfter))
        .migrate(Chicken.class, recording(seen, calls, failAfter));
  }

  private static <E extends Entity> Migration<E, Entity> recording(Set<Seen> seen, AtomicInteger calls, int failAfter) {
    return (entity, context) -> {
      if (calls.incrementAndGet() > failAfter) {
        throw new Boom();
      }
      seen.add(new Seen(context.segment(), entity.id()));
      return MigrationRunner.rewrite(context, renamed(entity));
    };
  }

  /** The new naming scheme: "farm 07" is "Ranch 07", "cow 0001" "Bessie 0001", "chicken 0002" "Hen 0002". */
  static <E extends Entity> E renamed(E entity) {
    Entity out = entity;
    if (entity instanceof Farm f && f.name().startsWith("farm ")) {
      out = new Farm(f.id(), "Ranch " + f.name().substring(5), f.logoId(), f.galleryIds(), f.createdAt(), f.updatedAt());
    } else if (entity instanceof Cow c && c.name().startsWith("cow ")) {
      out = new Cow(c.id(), "Bessie " + c.name().substring(4), c.breed(), c.born(), c.farmId());
    } else if (entity instanceof Chicken c && c.name().startsWith("chicken ")) {
      out = new Chicken(c.id(), "Hen " + c.name().substring(8), c.eggsPerWeek(), c.farmId());
    }
    @SuppressWarnings("unchecked")
    E same = (E) out;
    return same;
  }

  private static List<Entity> renamed(List<Entity> entities) {
    return entities.stream().map(FarmMigrationTest::renamed).toList();
  }

  // ---------------------------------------------------------------- data

  /** {@code farms} farms, then {@code animals} animals over them, cows and chickens alternating. */
  private static List<Entity> farmland(int farms, int animals) {
    List<Entity> out = new ArrayList<>();
    for (int f = 0; f < farms; f++) {
      out.add(farm(f, String.format("farm %02d", f)));
    }
    Breed[] breeds = Breed.values();
    for (int a = 0; a < animals; a++) {
      String farmId = "farm-" + (a % farms);
      String n = String.format("%04d", a);
      out.add(a % 2 == 0
          ? new Cow("cow-" + n, "cow " + n, a % 3 == 0 ? null : breeds[a % breeds.length], "2020-01-" + (10 + a % 20), farmId)
          : new Chicken("chk-" + n, "chicken " + n, a % 5 == 0 ? null : a % 7, farmId));
    }
    return out;
  }

  private static Farm farm(int f, String name) {
    List<String> gallery = f % 2 == 0 ? List.of("img-" + f, "img-" + (f + 1)) : null;
    return new Farm("farm-" + f, name, f % 3 == 0 ? null : "logo-" + f, gallery, "2024-01-01T00:00:00Z", null);
  }

  /** Every item the codec stores for the entities (node and unique items), by {@code PK}. */
  private static Map<String, Map<String, AttributeValue>> stored(Collection<? extends Entity> entities) {
    Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
    for (Entity e : entities) {
      Map<String, AttributeValue> node = ItemCodec.encode(e);
      out.put(node.get("PK").s(), node);
      ItemCodec.uniqueItemsOf(e).forEach(u -> out.put(u.get("PK").s(), u));
    }
    return out;
  }

  private static void load(LocalTable table, Collection<Map<String, AttributeValue>> items) {
    List<WriteRequest> puts = items.stream()
        .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()).toList();
    for (int from = 0; from < puts.size(); from += 25) {
      Map<String, List<WriteRequest>> batch = Map.of(table.name, puts.subList(from, Math.min(puts.size(), from + 25)));
      while (!batch.isEmpty()) {
        Map<String, List<WriteRequest>> request = batch;
        batch = table.client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
      }
    }
  }

  /** The whole table, by {@code PK}. */
  private static Map<String, Map<String, AttributeValue>> scan(LocalTable table) {
    Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
    table.client.scanPaginator(b -> b.tableName(table.name).consistentRead(true)).items()
        .forEach(i -> out.put(i.get("PK").s(), i));
    return out;
  }

  private static Properties properties(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    return p;
  }

  private static Set<Integer> doneSegments(Properties checkpoint) {
    Set<Integer> done = new TreeSet<>();
    checkpoint.stringPropertyNames().stream()
        .filter(k -> k.startsWith("segment.") && checkpoint.getProperty(k).equals("done"))
        .forEach(k -> done.add(Integer.parseInt(k.substring("segment.".length()))));
    return done;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
