package io.singletable.samples.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.samples.farm.runtime.ConflictException;
import io.singletable.samples.farm.runtime.Direction;
import io.singletable.samples.farm.runtime.InvalidIdException;
import io.singletable.samples.farm.runtime.NotFoundException;
import io.singletable.samples.farm.runtime.NotUniqueException;
import io.singletable.samples.farm.runtime.Page;
import io.singletable.samples.farm.runtime.PageRequest;
import io.singletable.samples.farm.runtime.ValidationErrorException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every access pattern of the farm schema through the generated {@link DataAccess}, on DynamoDB Local. */
class FarmDataAccessTest {
  private static LocalTable table;
  private static int tables;
  private DataAccess access;

  @BeforeAll
  static void start() {
    table = new LocalTable("farm-0");
  }

  @AfterAll
  static void stop() {
    table.close();
  }

  /** A fresh table per test: tests never see each other's items. */
  @BeforeEach
  void freshTable() {
    String name = "farm-" + ++tables;
    table.client.createTable(DataAccess.createTableRequest(name));
    access = new DataAccess(table.client, name, new TickingClock());
  }

  private SortedMap<String, Map<String, AttributeValue>> items() {
    SortedMap<String, Map<String, AttributeValue>> out = new java.util.TreeMap<>();
    table.client.scanPaginator(b -> b.tableName(access.tableName()).consistentRead(true)).items()
        .forEach(item -> out.put(item.get("PK").s(), item));
    return out;
  }

  private static Farm farm(String id, String name) {
    return new Farm(id, name, null, null, null, null);
  }

  @Test
  void incrementsAddWithoutAReadAndEveryConcurrentOneCounts() throws Exception {
    access.chickens().create(Chicken.builder().id("c1").name("Henrietta").farmId("f1").build());
    assertEquals(3, access.chickens().incrementEggsPerWeek("c1", 3).eggsPerWeek(), "absent counts as 0");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Chicken>> all = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        all.add(pool.submit(() -> access.chickens().incrementEggsPerWeek("c1", 1)));
      }
      for (var f : all) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Chicken stored = access.chickens().get("c1").orElseThrow();
    assertEquals(43, stored.eggsPerWeek(), "40 concurrent increments, none lost");
    assertEquals("Henrietta", stored.name());
    assertEquals(List.of(stored), access.farms().chickens("f1", PageRequest.first()).items(), "still in its relation");
    assertEquals(40, access.chickens().incrementEggsPerWeek("c1", -3).eggsPerWeek());

    // not another type's item, not a missing one, not past a 32-bit Int; nothing written
    access.cows().create(Cow.builder().id("cow").name("Daisy").farmId("f1").build());
    SortedMap<String, Map<String, AttributeValue>> before = items();
    assertThrows(NotFoundException.class, () -> access.chickens().incrementEggsPerWeek("cow", 1));
    assertThrows(NotFoundException.class, () -> access.chickens().incrementEggsPerWeek("none", 1));
    access.chickens().update("c1", c -> c.withEggsPerWeek(Integer.MAX_VALUE - 1));
    before = items();
    ValidationErrorException overflow = assertThrows(ValidationErrorException.class,
        () -> access.chickens().incrementEggsPerWeek("c1", 2));
    assertTrue(overflow.getMessage().contains("32-bit"), overflow.getMessage());
    assertEquals(before, items());
    assertEquals(Integer.MAX_VALUE, access.chickens().incrementEggsPerWeek("c1", 1).eggsPerWeek());

    // in a transaction: one of its writes, the value known at the commit
    access.transaction(tx -> {
      assertNull(tx.chickens().incrementEggsPerWeek("c1", -10));
      tx.cows().update("cow", c -> c.withName("Daisy II"));
    });
    assertEquals(Integer.MAX_VALUE - 10, access.chickens().get("c1").orElseThrow().eggsPerWeek());
    assertEquals("Daisy II", access.cows().get("cow").orElseThrow().name());
  }

  @Test
  void everyFarmByNameIsOneQueryPerPageAndTheUniqueItemsAreNotListed() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      String name = (i % 2 == 0 ? "farm " : "Farm ") + (char) ('a' + (i * 7) % 23);
      names.add(name);
      access.farms().create(farm("f" + i, name));
    }
    names.sort(String.CASE_INSENSITIVE_ORDER);
    List<String> listed = new ArrayList<>();
    Page<Farm> page = access.farms().farms(PageRequest.first(5));
    int pages = 1;
    page.items().forEach(f -> listed.add(f.name()));
    while (page.nextToken() != null) {
      page = access.farms().farms(PageRequest.first(5).after(page.nextToken()));
      page.items().forEach(f -> listed.add(f.name()));
      pages++;
    }
    assertEquals(names, listed, "each farm once (not its unique item), by name whatever its case");
    assertEquals(5, pages);
    List<String> backwards = access.farms().farmsStream(PageRequest.first(7).withDirection(Direction.DESC))
        .map(Farm::name).toList();
    List<String> reversed = new ArrayList<>(names);
    java.util.Collections.reverse(reversed);
    assertEquals(reversed, backwards);
    // renamed: it moves in the order; deleted: it leaves the list
    access.farms().update("f0", f -> f.withName("aaa first"));
    access.farms().delete("f1");
    List<String> now = access.farms().farmsStream(PageRequest.first(100)).map(Farm::id).toList();
    assertEquals("f0", now.get(0));
    assertFalse(now.contains("f1"));
    assertEquals(22, now.size());
  }

  @Test
  void createGetAndLookUpByUniqueNameWhateverItsCase() {
    Farm created = access.farms().create(farm("f1", "Green Acres"));
    assertEquals("2026-01-01T00:00:00.001Z", created.createdAt());
    assertEquals(created.createdAt(), created.updatedAt());
    assertEquals(created, access.farms().get("f1").orElseThrow());
    assertEquals(created, access.farms().getByName("GREEN acres").orElseThrow());
    assertTrue(access.farms().get("nope").isEmpty());
    assertTrue(access.farms().getByName("Brown Acres").isEmpty());
    // the node and one unique item, a copy of the node
    SortedMap<String, Map<String, AttributeValue>> items = items();
    assertEquals(List.of("Farm#name#green acres", "NODE#f1"), new ArrayList<>(items.keySet()));
    Map<String, AttributeValue> copy = new java.util.HashMap<>(items.get("Farm#name#green acres"));
    copy.put("PK", AttributeValue.fromS("NODE#f1"));
    Map<String, AttributeValue> node = new java.util.HashMap<>(items.get("NODE#f1"));
    // the node's index attributes (Query.farms) stay off the copy, which no list may return
    assertEquals("Farm", node.remove("PK01").s());
    assertTrue(node.remove("SK01").s().startsWith("1green acres"));
    assertEquals(node, copy);
    assertEquals(ItemCodec.toItem(created), items.get("NODE#f1"));
  }

  @Test
  void createRefusesATakenIdOrUniqueValueAndWritesNothing() {
    access.farms().create(farm("f1", "Green Acres"));
    var before = items();
    NotUniqueException notUnique = assertThrows(NotUniqueException.class, () -> access.farms().create(farm("f2", "green ACRES")));
    assertEquals("NotUnique:Farm.name", notUnique.errorType());
    assertEquals("name", notUnique.field());
    NotUniqueException taken = assertThrows(NotUniqueException.class, () -> access.farms().create(farm("f1", "Other")));
    assertEquals("NotUnique:Farm.id", taken.errorType());
    assertEquals("id", taken.field());
    assertEquals("NotUnique:Farm.name", assertThrows(NotUniqueException.class, () -> access.farms().create(farm("f1", "GREEN ACRES"))).errorType(),
        "the id and the name taken: the name is reported first, as the resolvers report it");
    Cow daisy = access.cows().create(new Cow("c1", "Daisy", null, null, "f1"));
    assertEquals("NotUnique:Farm.id", assertThrows(NotUniqueException.class, () -> access.farms().create(farm("c1", "Cow's id"))).errorType(),
        "an id taken by an item of another type (NODE keys) is taken");
    assertEquals("NotUnique:Cow.id", assertThrows(NotUniqueException.class, () -> access.cows().create(daisy.withName("Other"))).errorType(),
        "a single PutItem (no unique fields) maps the same way");
    // AppSync answers a repeated PutItem that finds exactly its item with success; so does Java
    assertEquals(daisy, access.cows().create(daisy));
    before.put("NODE#c1", items().get("NODE#c1"));
    assertEquals(before, items());
  }

  /**
   * A create repeated with a fixed clock, as the resolvers answer it: a type without unique fields (one PutItem)
   * finds its item and succeeds, as AppSync counts it; a type with unique fields (one TransactWriteItems) finds its
   * own node and unique item and fails with {@code NotUnique} of the unique field, as the resolver does.
   */
  @Test
  void anIdenticalRetryWithAFixedClockAnswersAsTheResolver() {
    DataAccess fixed = new DataAccess(table.client, access.tableName(), java.time.Clock.fixed(
        java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC));
    Cow daisy = fixed.cows().create(new Cow("c1", "Daisy", null, null, "f1"));
    Farm farm = fixed.farms().create(farm("f1", "Green Acres"));
    var before = items();
    assertEquals(daisy, fixed.cows().create(daisy));
    NotUniqueException again = assertThrows(NotUniqueException.class, () -> fixed.farms().create(farm("f1", "Green Acres")));
    assertEquals("NotUnique:Farm.name", again.errorType(), "the resolver's answer to an identical retry");
    assertEquals(farm, fixed.farms().get("f1").orElseThrow());
    assertEquals(before, items());
  }

  @Test
  void aKeyOfAnotherTypeIsNeverReadChangedOrDeleted() {
    access.cows().create(new Cow("c1", "Daisy", Breed.JERSEY, "2020-02-29", "f1"));
    var before = items();
    assertTrue(access.farms().get("c1").isEmpty());
    assertTrue(access.chickens().get("c1").isEmpty());
    assertEquals(Arrays.asList((Chicken) null), access.chickens().batchGet(List.of("c1")));
    assertEquals("NotFound", assertThrows(NotFoundException.class, () -> access.farms().update("c1", f -> f)).errorType());
    assertThrows(NotFoundException.class, () -> access.farms().delete("c1"));
    assertThrows(NotFoundException.class, () -> access.chickens().delete("c1"));
    assertThrows(NotFoundException.class, () -> access.cows().update("c2", c -> c));
    assertEquals(before, items());
  }

  /** Ids that could name another key, or are not ids at all: refused before anything is read or written. */
  private static final List<String> INVALID_IDS = List.of("", "x#y", "name#green acres", "#", "a\u0000b", "tab\there",
      "line\n", "del\u007f", "\u001f");

  @Test
  void invalidIdsAreRefusedWithInvalidIdAndNothingIsWritten() {
    access.farms().create(farm("f1", "Green Acres"));
    access.cows().create(new Cow("c1", "Daisy", null, null, "f1"));
    var before = items();
    for (String bad : INVALID_IDS) {
      InvalidIdException created = assertThrows(InvalidIdException.class, () -> access.farms().create(farm(bad, "Other " + bad.length())));
      assertEquals("InvalidId", created.errorType());
      assertEquals("Farm.id: an id may not be empty or contain '#' or control characters", created.getMessage());
      assertEquals("id", created.field());
      // relation keys: a @belongsTo key, a @hasMany(field:) key, an element of an id list, a @hasOne key
      assertEquals("Cow.farmId", field(assertThrows(InvalidIdException.class, () -> access.cows().create(new Cow("c2", "Bella", null, null, bad)))));
      assertEquals("Farm.galleryIds", field(assertThrows(InvalidIdException.class,
          () -> access.farms().create(new Farm("f2", "Two", null, List.of("i1", bad), null, null)))));
      assertEquals("Farm.logoId", field(assertThrows(InvalidIdException.class,
          () -> access.farms().create(new Farm("f2", "Two", bad, null, null, null)))));
      assertEquals("Image.farmId", field(assertThrows(InvalidIdException.class, () -> access.images().create(new Image("i1", "https://x", bad)))));
      // reads, updates and deletes by such an id
      assertThrows(InvalidIdException.class, () -> access.farms().get(bad));
      assertThrows(InvalidIdException.class, () -> access.farms().update(bad, f -> f));
      assertThrows(InvalidIdException.class, () -> access.farms().delete(bad));
      assertThrows(InvalidIdException.class, () -> access.cows().delete(bad));
      assertThrows(InvalidIdException.class, () -> access.farms().cows(bad, PageRequest.first()));
      assertEquals("Cow.farmId", field(assertThrows(InvalidIdException.class, () -> access.cows().update("c1", c -> c.withFarmId(bad)))));
      assertEquals(Arrays.asList(null, access.cows().get("c1").orElseThrow()), access.cows().batchGet(List.of(bad, "c1")));
      assertTrue(access.cows().farm(new Cow("c9", "x", null, null, bad)).isEmpty(), "a stored invalid key reads nothing");
      // the key builders never build a key of it
      assertThrows(IllegalArgumentException.class, () -> ItemCodec.farmNodeKey(bad));
      assertThrows(IllegalArgumentException.class, () -> ItemCodec.farmCowsPartitionKey(bad));
    }
    assertThrows(NullPointerException.class, () -> access.farms().get(null), "never a read of NODE#null");
    assertThrows(NullPointerException.class, () -> ItemCodec.farmNodeKey(null));
    assertEquals(before, items());
    // what is not refused: unicode, spaces, punctuation but '#'
    for (String good : List.of("ünïcödé 😀", "a b", "name:green acres", "NODE", "-")) {
      assertEquals(good, access.images().create(new Image(good, "https://x", null)).id());
      assertEquals(good, access.images().get(good).orElseThrow().id());
      assertEquals(good, access.images().delete(good).id());
    }
    assertEquals(before, items());
  }

  private static String field(InvalidIdException e) {
    assertEquals("InvalidId", e.errorType());
    return e.typename() + "." + e.field();
  }

  @Test
  void anItemUnderTheKeyWhoseStoredIdIsAnotherIsNeverReadChangedOrDeleted() {
    // items planted under node keys by another writer: the right type, but not the node of the id asked for
    Map<String, AttributeValue> farm = new java.util.HashMap<>(ItemCodec.toItem(farm("f2", "Planted")));
    farm.put("PK", AttributeValue.fromS("NODE#f1"));
    table.client.putItem(b -> b.tableName(access.tableName()).item(farm));
    Map<String, AttributeValue> image = new java.util.HashMap<>(ItemCodec.toItem(new Image("i2", "https://x", null)));
    image.put("PK", AttributeValue.fromS("NODE#i1"));
    table.client.putItem(b -> b.tableName(access.tableName()).item(image));
    // a unique item whose stored value is not the one its key says
    Map<String, AttributeValue> unique = new java.util.HashMap<>(ItemCodec.uniqueItems(farm("f3", "Mallory")).get(0));
    unique.put("PK", AttributeValue.fromS(ItemCodec.farmNameUniqueKey("Bob")));
    table.client.putItem(b -> b.tableName(access.tableName()).item(unique));
    var before = items();
    assertTrue(access.farms().get("f1").isEmpty());
    assertTrue(access.images().get("i1").isEmpty());
    assertEquals(Arrays.asList((Farm) null), access.farms().batchGet(List.of("f1")));
    assertTrue(access.images().farm(new Image("i9", "https://x", "f1")).isEmpty());
    assertTrue(access.farms().logo(new Farm("f9", "x", "i1", null, null, null)).isEmpty());
    assertTrue(access.farms().getByName("bob").isEmpty(), "the unique item of 'bob' holds Mallory");
    assertThrows(NotFoundException.class, () -> access.farms().update("f1", f -> f.withName("Changed")));
    assertThrows(NotFoundException.class, () -> access.farms().delete("f1"));
    assertThrows(NotFoundException.class, () -> access.images().update("i1", i -> i.withUrl("https://changed")));
    assertThrows(NotFoundException.class, () -> access.images().delete("i1"));
    assertEquals(before, items());
  }

  @Test
  void dynamoDbsRefusalOfAnOverLongKeyIsAValidationErrorAndWritesNothing() {
    access.farms().create(farm("f1", "Green Acres"));
    var before = items();
    // a unique value whose key is over DynamoDB's 2,048-byte partition key limit
    ValidationErrorException longName = assertThrows(ValidationErrorException.class, () -> access.farms().create(farm("f2", "x".repeat(2100))));
    assertEquals("ValidationError", longName.errorType());
    assertTrue(longName.getMessage().contains("2048"), longName.getMessage());
    assertThrows(ValidationErrorException.class, () -> access.farms().update("f1", f -> f.withName("y".repeat(2100))));
    // an id whose node key is over the limit, with and without a transaction
    String longId = "i".repeat(2100);
    assertEquals("ValidationError", assertThrows(ValidationErrorException.class,
        () -> access.images().create(new Image(longId, "https://x", null))).errorType());
    assertEquals("ValidationError", assertThrows(ValidationErrorException.class, () -> access.farms().create(farm(longId, "Long"))).errorType());
    assertThrows(ValidationErrorException.class, () -> access.images().get(longId));
    assertEquals(before, items());
  }

  @Test
  void conditionalCheckFailedOnlyWhenTheItemChangesBetweenTheReadAndTheWrite() {
    access.farms().create(farm("f1", "Green Acres"));
    access.chickens().create(new Chicken("h1", "Henny", 0, "f1"));
    AtomicInteger calls = new AtomicInteger();
    // another writer changes the item after every read: each attempt's write finds it changed
    ConflictException changed = assertThrows(ConflictException.class, () -> access.chickens().update("h1", c -> {
      int n = calls.incrementAndGet();
      table.client.updateItem(b -> b.tableName(access.tableName()).key(Map.of("PK", AttributeValue.fromS("NODE#h1")))
          .updateExpression("SET eggsPerWeek = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Integer.toString(n * 100)))));
      return c.withName("Changed");
    }));
    assertEquals("ConditionalCheckFailed", changed.errorType());
    assertEquals(DataAccess.MAX_ATTEMPTS, calls.get());
    assertEquals("Henny", access.chickens().get("h1").orElseThrow().name());
    calls.set(0);
    assertEquals("ConditionalCheckFailed", assertThrows(ConflictException.class, () -> access.farms().update("f1", f -> {
      int n = calls.incrementAndGet();
      table.client.updateItem(b -> b.tableName(access.tableName()).key(Map.of("PK", AttributeValue.fromS("NODE#f1")))
          .updateExpression("SET logoId = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromS("i" + n))));
      return f.withName("Changed");
    })).errorType(), "with unique fields: a TransactWriteItems");
    assertEquals("Green Acres", access.farms().get("f1").orElseThrow().name());
    // a change once is retried and succeeds
    calls.set(0);
    assertEquals("Once", access.chickens().update("h1", c -> {
      if (calls.incrementAndGet() == 1) {
        table.client.updateItem(b -> b.tableName(access.tableName()).key(Map.of("PK", AttributeValue.fromS("NODE#h1")))
            .updateExpression("SET eggsPerWeek = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromN("7"))));
      }
      return c.withName("Once");
    }).name());
    assertEquals(7, access.chickens().get("h1").orElseThrow().eggsPerWeek());
  }

  @Test
  void updateMovesTheUniqueItemKeepsCreatedAtAndDropsUnknownAttributes() {
    Farm created = access.farms().create(farm("f1", "Green Acres"));
    table.client.updateItem(b -> b.tableName(access.tableName()).key(Map.of("PK", AttributeValue.fromS("NODE#f1")))
        .updateExpression("SET legacy = :v, PK09 = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS("stale"))));
    Farm renamed = access.farms().update("f1", f -> f.withName("Blue Acres").withCreatedAt("1999-01-01T00:00:00Z"));
    assertEquals(created.createdAt(), renamed.createdAt());
    assertNotEquals(created.updatedAt(), renamed.updatedAt());
    assertEquals("Blue Acres", renamed.name());
    assertTrue(access.farms().getByName("green acres").isEmpty());
    assertEquals(renamed, access.farms().getByName("blue acres").orElseThrow());
    var items = items();
    assertEquals(List.of("Farm#name#blue acres", "NODE#f1"), new ArrayList<>(items.keySet()));
    // an update writes what a create writes: what the model does not store (a removed field, the index
    // attributes of a removed relation) is dropped from the node and from its unique items
    assertEquals(ItemCodec.toItem(renamed), items.get("NODE#f1"));
    assertFalse(items.get("Farm#name#blue acres").containsKey("legacy"));
    // same name in another case: the unique item stays, refreshed
    access.farms().update("f1", f -> f.withName("BLUE ACRES").withLogoId("i1"));
    assertEquals("i1", items().get("Farm#name#blue acres").get("logoId").s());
    assertThrows(IllegalArgumentException.class, () -> access.farms().update("f1", f -> f.withId("f9")));
  }

  @Test
  void updateToATakenUniqueValueChangesNothing() {
    access.farms().create(farm("f1", "One"));
    access.farms().create(farm("f2", "Two"));
    var before = items();
    NotUniqueException e = assertThrows(NotUniqueException.class, () -> access.farms().update("f2", f -> f.withName("one")));
    assertEquals("Farm", e.typename());
    assertEquals(before, items());
  }

  @Test
  void concurrentUpdatesLoseNothing() throws Exception {
    access.chickens().create(new Chicken("h1", "Henny", 0, "f1"));
    AtomicInteger done = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 10; i++) {
            try {
              access.chickens().update("h1", c -> c.withEggsPerWeek(c.eggsPerWeek() + 1));
              done.incrementAndGet();
            } catch (ConflictException e) {
              conflicts.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(40, done.get() + conflicts.get());
    assertEquals(done.get(), access.chickens().get("h1").orElseThrow().eggsPerWeek(), "every successful update counted once");
  }

  @Test
  void deleteRemovesTheNodeAndItsUniqueItems() {
    Farm created = access.farms().create(farm("f1", "Green Acres"));
    access.images().create(new Image("i1", "https://example.com/logo.png", "f1"));
    assertEquals(created, access.farms().delete("f1"));
    assertEquals(List.of("NODE#i1"), new ArrayList<>(items().keySet()));
    assertThrows(NotFoundException.class, () -> access.farms().delete("f1"));
    assertEquals("i1", access.images().delete("i1").id());
    assertTrue(items().isEmpty());
    access.farms().create(farm("f3", "Green Acres"));
    assertEquals("f3", access.farms().getByName("green acres").orElseThrow().id());
  }

  @Test
  void oneToOneAndManyToOne() {
    access.images().create(new Image("i1", "https://example.com/logo.png", "f1"));
    Farm f = access.farms().create(new Farm("f1", "Green Acres", "i1", null, null, null));
    Cow cow = access.cows().create(new Cow("c1", "Daisy", null, null, "f1"));
    assertEquals("i1", access.farms().logo(f).orElseThrow().id());
    assertEquals(f, access.images().farm(access.images().get("i1").orElseThrow()).orElseThrow());
    assertEquals(f, access.cows().farm(cow).orElseThrow());
    assertTrue(access.cows().farm(cow.withFarmId("c1")).isEmpty(), "the id of a Cow is no Farm");
    assertTrue(access.farms().logo(f.withLogoId(null)).isEmpty());
  }

  @Test
  void batchGetKeepsTheOrderOfTheIdsAcrossChunks() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      ids.add(String.format("i%03d", i));
    }
    for (String id : ids) {
      access.images().create(new Image(id, "https://example.com/" + id, null));
    }
    access.cows().create(new Cow("c1", "Daisy", null, null, "f1"));
    List<String> wanted = new ArrayList<>(ids);
    java.util.Collections.reverse(wanted);
    wanted.add(3, "c1");
    wanted.add(5, null);
    wanted.add(7, "missing");
    wanted.add(9, wanted.get(0));
    List<Image> got = access.images().batchGet(wanted);
    assertEquals(wanted.size(), got.size());
    for (int i = 0; i < wanted.size(); i++) {
      String id = wanted.get(i);
      boolean present = id != null && id.startsWith("i");
      assertEquals(present ? id : null, got.get(i) == null ? null : got.get(i).id(), "position " + i);
    }
    Farm f = new Farm("f1", "Gallery", null, List.of("i007", "c1", "i001", "i007"), null, null);
    assertEquals(Arrays.asList("i007", null, "i001", "i007"),
        access.farms().gallery(f).stream().map(i -> i == null ? null : i.id()).toList());
    assertEquals(List.of(), access.farms().gallery(f.withGalleryIds(null)));
  }

  @Test
  void batchGetRetriesWhatDynamoDbLeavesUnprocessed() {
    // 60 items of ~390 KB: more than one BatchGetItem response may hold (16 MB), so DynamoDB returns
    // UnprocessedKeys that the access layer must fetch again.
    String big = "x".repeat(390_000);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ids.add("big" + i);
      access.images().create(new Image("big" + i, "https://example.com/" + i + "?" + big, null));
    }
    var raw = table.client.batchGetItem(b -> b.requestItems(Map.of(access.tableName(),
        software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
            .keys(ids.stream().map(id -> Map.of("PK", AttributeValue.fromS(ItemCodec.imageNodeKey(id)))).toList()).build())));
    assertFalse(raw.unprocessedKeys().isEmpty(), "one request does not get them all: the retry path runs");
    List<Image> got = access.images().batchGet(ids);
    assertEquals(ids, got.stream().map(Image::id).toList());
  }

  @Test
  void relationPagesAreSortedByNameAndTheCursorContinuesThem() {
    access.farms().create(farm("f1", "Green Acres"));
    String[] names = {"daisy", "Bella", "clover", "Annabelle", "elsie", "Buttercup", "bessie"};
    for (int i = 0; i < names.length; i++) {
      access.cows().create(new Cow("c" + i, names[i], Breed.ANGUS, null, "f1"));
    }
    access.cows().create(new Cow("other", "Aaron", null, null, "f2"));
    access.chickens().create(new Chicken("h1", "Clementine", 3, "f1"));
    List<String> expected = List.of("Annabelle", "Bella", "bessie", "Buttercup", "clover", "daisy", "elsie");
    assertEquals(expected, names(access.farms().cowsStream("f1", PageRequest.first(2)).toList()));
    List<String> reversed = new ArrayList<>(expected);
    java.util.Collections.reverse(reversed);
    assertEquals(reversed, names(access.farms().cowsStream("f1",
        PageRequest.first(3).withDirection(Direction.DESC)).toList()));
    Page<Cow> first = access.farms().cows("f1", PageRequest.first(3));
    assertEquals(expected.subList(0, 3), names(first.items()));
    assertTrue(first.hasNext());
    assertEquals(expected.subList(3, 6), names(access.farms().cows("f1", PageRequest.first(3).after(first.nextToken())).items()));
    // the union relation: cows and the chicken together, by name
    List<String> animals = new ArrayList<>();
    for (Animal a : access.farms().animalsStream("f1", PageRequest.first(4)).toList()) {
      animals.add(a instanceof Cow c ? "cow " + c.name() : "chicken " + ((Chicken) a).name());
    }
    assertEquals(List.of("cow Annabelle", "cow Bella", "cow bessie", "cow Buttercup", "chicken Clementine", "cow clover",
        "cow daisy", "cow elsie"), animals);
    assertEquals(List.of("Clementine"), access.farms().chickens("f1", PageRequest.first()).items().stream().map(Chicken::name).toList());
    assertThrows(IllegalArgumentException.class, () -> access.farms().cows("f1", PageRequest.first().after("not a token")));
    assertThrows(IllegalArgumentException.class, () -> PageRequest.first(1001));
  }

  @Test
  void updatesRewriteTheIndexAttributes() {
    access.cows().create(new Cow("c1", "Zelda", null, null, "f1"));
    access.cows().create(new Cow("c2", "Mabel", null, null, "f1"));
    access.cows().update("c1", c -> c.withName("Abigail"));
    assertEquals(List.of("Abigail", "Mabel"), names(access.farms().cows("f1", PageRequest.first()).items()));
    access.cows().update("c2", c -> c.withFarmId("f2"));
    assertEquals(List.of("Abigail"), names(access.farms().cows("f1", PageRequest.first()).items()));
    assertEquals(List.of("Mabel"), names(access.farms().cows("f2", PageRequest.first()).items()));
    assertEquals(1, access.farms().animals("f2", PageRequest.first()).items().size());
    // the stored items are exactly what a fresh create of the same values writes
    var items = items();
    assertEquals(ItemCodec.toItem(access.cows().get("c2").orElseThrow()), items.get("NODE#c2"));
    assertArrayEquals(new String[] {"PK01", "PK02", "SK01", "SK02"},
        items.get("NODE#c1").keySet().stream().filter(k -> k.matches("[PS]K\\d\\d")).sorted().toArray());
  }

  @Test
  void deletingAnItemWithoutUniqueFieldsIsOneConditionalDelete() {
    Cow cow = access.cows().create(new Cow("c1", "Daisy", null, null, "f1"));
    assertEquals(cow, access.cows().delete("c1"));
    assertTrue(access.farms().cows("f1", PageRequest.first()).items().isEmpty());
    assertNull(access.cows().batchGet(List.of("c1")).get(0));
    assertFalse(access.cows().get("c1").isPresent());
  }

  private static List<String> names(List<Cow> cows) {
    return cows.stream().map(Cow::name).toList();
  }
}
