package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.harness.DynamoDbLocal;
import io.singletable.lock.SchemaChange;
import io.singletable.model.KeyStrategy;
import io.singletable.model.ManyToManyModel;
import io.singletable.model.RelationModel;
import io.singletable.model.ServiceModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Schema evolution of {@code @manyToMany} join items on DynamoDB Local: links made by version 1's Java data access,
 * then version 2's lock plan and {@code SchemaMigration}: a side given a {@code sortBy} gets its join items' sort keys
 * rewritten from the linked items' values (pages then come in order), a side moved to another slot by a replan gets
 * its attributes moved; link heads and every other attribute stay byte for byte, a join item whose linked item is gone
 * is reported and left alone, a dry run writes nothing, and a second run writes nothing.
 */
class ManyToManyBackfillTest {
  static final String V1 = """
      type Post @model {
        id: ID!
        title: String!
        tags: [Tag] @manyToMany(relationName: "PostTag")
      }
      type Tag @model {
        id: ID!
        label: String
        posts: [Post] @manyToMany(relationName: "PostTag")
      }
      """;
  static final String V2 = V1.replace("@manyToMany(relationName: \"PostTag\")\n}\ntype Tag",
      "@manyToMany(relationName: \"PostTag\", sortBy: [\"label\"])\n}\ntype Tag");
  static final String PACKAGE = "com.example.gen";

  static DynamoDbLocal ddb;

  @BeforeAll
  static void start() {
    ddb = DynamoDbLocal.shared();
    System.setProperty("aws.accessKeyId", "harness");
    System.setProperty("aws.secretAccessKey", "harness");
  }

  /** One version generated into {@code dir/name} with the shared lock, compiled. */
  private static Generator.Result generate(Path dir, String name, String sdl, boolean replan) throws Exception {
    Path root = Files.createDirectories(dir.resolve(name));
    Path schema = Files.writeString(root.resolve("schema.graphql"), sdl);
    return new Generator().generate(new GeneratorOptions(schema, root, root.resolve("out"), PACKAGE, KeyStrategy.NODE,
        20, null).withLock(dir.resolve("singletable.lock"), replan));
  }

  private static GeneratedJava compile(Path dir, String name, Generator.Result result) throws Exception {
    return GeneratedJava.compile(dir.resolve(name), PACKAGE, result.model());
  }


  /** The ids a side's join items link, in the order of one Query of the side's GSI: the order of its pages. */
  private static List<String> indexOrder(String table, RelationModel side, String ownerId, String otherIdField) {
    List<String> out = new ArrayList<>();
    ddb.client().queryPaginator(q -> q.tableName(table).indexName(side.indexName())
            .keyConditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", side.partitionAttribute()))
            .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("PostTag#" + ownerId))))
        .items().forEach(i -> out.add(i.get(otherIdField).s()));
    return out;
  }

  private static Object access(GeneratedJava java, String table) throws Exception {
    return java.dataAccessType().getConstructor(DynamoDbClient.class, String.class).newInstance(ddb.client(), table);
  }

  private static Object entity(GeneratedJava java, String type, Object... values) throws Exception {
    Constructor<?> c = Arrays.stream(java.schemaType(type).getConstructors())
        .filter(x -> x.getParameterCount() == values.length).findFirst().orElseThrow();
    return c.newInstance(values);
  }

  private static String id(Object entity) {
    return (String) GeneratedJava.callOn(entity, "id");
  }

  record Run(int status, String out, String err) {
  }

  private static Run migrate(GeneratedJava java, String table, String... more) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("--table", table, "--endpoint", ddb.endpoint().toString(),
        "--region", DynamoDbLocal.REGION.id(), "--segments", "3"));
    args.addAll(List.of(more));
    Object status = java.call("SchemaMigration", "run", args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run((Integer) status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Map<String, Map<String, AttributeValue>> table(String table) {
    Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
    ddb.scan(table).forEach(i -> out.put(i.get("PK").s(), i));
    return out;
  }

  private static boolean isJoin(Map<String, AttributeValue> item) {
    return item.get("__typename").s().equals("PostTag") && item.containsKey("postId");
  }

  /** Every id a side's pages list for one owner, pages of {@code limit}. */
  private static List<String> pages(GeneratedJava java, Object access, String method, String ownerId, int limit)
      throws Exception {
    List<String> out = new ArrayList<>();
    Object request = java.type("runtime.PageRequest").getMethod("first", int.class).invoke(null, limit);
    while (true) {
      Object page = GeneratedJava.callOn(access, method, ownerId, request);
      ((List<?>) GeneratedJava.callOn(page, "items")).forEach(x -> out.add(id(x)));
      String token = (String) GeneratedJava.callOn(page, "nextToken");
      if (token == null) {
        return out;
      }
      request = GeneratedJava.callOn(request, "after", token);
    }
  }

  private static RelationModel side(ServiceModel model, String id) {
    ManyToManyModel m = model.manyToMany().get(0);
    return m.a().id().equals(id) ? m.a() : m.b();
  }

  @Test
  void aSideGivenASortByGetsItsJoinItemsSortKeysFromTheLinkedItemsAndNothingElseChanges(@TempDir Path dir)
      throws Exception {
    Generator.Result r1 = generate(dir, "v1", V1, false);
    String table = ddb.createTableFrom(dir.resolve("v1/out/template.yaml"), "m2m-sort-" + System.nanoTime());
    List<String> posts = new ArrayList<>();
    Map<String, String> labels = new HashMap<>();
    String gone;
    try (GeneratedJava v1 = compile(dir, "v1", r1)) {
      Object access = access(v1, table);
      Random random = new Random(8);
      for (int i = 0; i < 3; i++) {
        posts.add(id(GeneratedJava.callOn(access, "posts.create", entity(v1, "Post", "p" + i + "-" + random.nextInt(1000),
            "post " + i))));
      }
      for (int i = 0; i < 14; i++) {
        // labels in another order than ids, some equal (ties by id), one absent (nulls sort last), case mixed
        String label = i == 5 ? null : List.of("pear", "Apple", "fig", "kiwi", "apple", "date", "Fig").get(i % 7);
        String tag = id(GeneratedJava.callOn(access, "tags.create", entity(v1, "Tag", "t" + (13 - i) + "x"
            + random.nextInt(1000), label)));
        labels.put(tag, label);
        GeneratedJava.callOn(access, "posts.addPostTag", posts.get(0), tag);
        if (i % 3 == 0) {
          GeneratedJava.callOn(access, "posts.addPostTag", posts.get(1), tag);
        }
      }
      // a join item whose tag node is gone (deleted behind the data access's back)
      gone = id(GeneratedJava.callOn(access, "tags.create", entity(v1, "Tag", "t-gone", "zz")));
      GeneratedJava.callOn(access, "posts.addPostTag", posts.get(2), gone);
      ddb.client().deleteItem(b -> b.tableName(table).key(Map.of("PK", AttributeValue.fromS("NODE#" + gone))));
    }
    Map<String, Map<String, AttributeValue>> before = table(table);
    long joins = before.values().stream().filter(ManyToManyBackfillTest::isJoin).count();
    assertEquals(14 + 5 + 1, joins);

    Generator.Result r2 = generate(dir, "v2", V2, false);
    RelationModel sorted = side(r2.model(), "Post.tags");
    RelationModel other = side(r2.model(), "Tag.posts");
    assertEquals(sorted.slot(), side(r1.model(), "Post.tags").slot(), "the lock keeps the slot");
    SchemaChange change = r2.lock().changes().stream().filter(c -> c.subject().equals("relation Post.tags"))
        .findFirst().orElseThrow(() -> new AssertionError(r2.lock().changes().toString()));
    assertEquals(SchemaChange.Kind.NEEDS_BACKFILL, change.kind());
    assertEquals(java.util.Set.of("PostTag"), change.types());
    assertEquals(List.of(sorted.partitionAttribute() + "/" + sorted.sortAttribute()), change.attributes());
    assertTrue(change.why().startsWith("sortBy [] → [label:String]: the join items' " + sorted.sortAttribute()
        + " copies are stale"), change.why());
    String doc = Files.readString(dir.resolve("v2/out").resolve(Generator.SCHEMA_CHANGES));
    assertTrue(doc.contains("| needs backfill | relation Post.tags | PostTag | " + sorted.partitionAttribute() + "/"
        + sorted.sortAttribute() + " | sortBy [] → [label:String]"), doc);

    try (GeneratedJava v2 = compile(dir, "v2", r2)) {
      JavaNames names = new JavaNames(r2.model(), PACKAGE);
      Object access = access(v2, table);
      Run dry = migrate(v2, table, "--dry-run");
      assertEquals(1, dry.status(), dry.toString());
      assertEquals(before, table(table), "a dry run writes nothing");
      assertEquals(joins - 1, dry.out().lines().filter(l -> l.startsWith("would put PostTag#")).count(), dry.out());
      assertTrue(dry.err().contains("not migrated: PostTag#" + posts.get(2) + "#" + gone + ": links Tag " + gone
          + ", which is not stored"), dry.err());

      Run run = migrate(v2, table);
      assertEquals(1, run.status(), "the join item of the missing tag is reported: " + run);
      assertTrue(run.out().contains(", " + (joins - 1) + " migrated, " + 3 * (joins - 1) + " writes"), run.out());
      assertTrue(run.err().contains("not migrated: PostTag#" + posts.get(2) + "#" + gone + ": links Tag " + gone),
          run.err());
      Map<String, Map<String, AttributeValue>> after = table(table);
      assertEquals(before.keySet(), after.keySet());
      int rewritten = 0;
      for (var e : before.entrySet()) {
        Map<String, AttributeValue> old = e.getValue();
        Map<String, AttributeValue> now = after.get(e.getKey());
        if (!isJoin(old) || old.get("tagId").s().equals(gone)) {
          assertEquals(old, now, "untouched: " + e.getKey());
          continue;
        }
        String tag = old.get("tagId").s();
        Map<String, AttributeValue> node = after.get("NODE#" + tag);
        AttributeValue label = node.get("label");
        // the tag's label as stored, through v2's codec sort key builder (not the backfill's result)
        String expected = (String) v2.call("ItemCodec", names.sortKey(sorted), label == null ? null : label.s(), tag);
        assertEquals(expected, now.get(sorted.sortAttribute()).s(), e.getKey());
        assertEquals(labels.get(tag) == null ? null : labels.get(tag), label == null ? null : label.s());
        Map<String, AttributeValue> rest = new HashMap<>(now);
        rest.put(sorted.sortAttribute(), old.get(sorted.sortAttribute()));
        assertEquals(old, rest, "every other attribute byte for byte: " + e.getKey());
        assertTrue(now.containsKey(other.sortAttribute()));
        rewritten++;
      }
      assertEquals(joins - 1, rewritten);

      // the sorted side's index order (its pages' order): labels in order (case ignored), ties by id, no label last
      List<String> expected = labels.keySet().stream().sorted(Comparator.comparing((String t) -> labels.get(t) == null
          ? null : labels.get(t).toLowerCase(java.util.Locale.ROOT), Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Comparator.naturalOrder())).toList();
      assertEquals(expected, indexOrder(table, sorted, posts.get(0), "tagId"));
      assertEquals(expected, pages(v2, access, "posts.tags", posts.get(0), 4), "v2's pages, 4 at a time");
      assertNotEquals(expected, labels.keySet().stream().sorted().toList(), "the order is not the ids'");
      List<String> ofSecond = indexOrder(table, sorted, posts.get(1), "tagId");
      assertEquals(5, ofSecond.size());
      assertEquals(expected.stream().filter(ofSecond::contains).toList(), ofSecond);
      assertEquals(ofSecond, pages(v2, access, "posts.tags", posts.get(1), 2));
      // the other side is as it was: its index lists the posts of a tag by id
      assertEquals(List.of(posts.get(0), posts.get(1)), indexOrder(table, other, ofSecond.get(0), "postId"));

      // v2's connect writes the join item the backfill writes: linked now, it is not rewritten
      GeneratedJava.callOn(access, "posts.addPostTag", posts.get(2), expected.get(0));
      after = table(table);
      assertTrue(after.containsKey("PostTag#" + posts.get(2) + "#" + expected.get(0)));
      Run again = migrate(v2, table);
      assertEquals(1, again.status(), again.toString());
      assertTrue(again.out().contains(", 0 migrated, 0 writes"), "idempotent: " + again.out());
      assertEquals(after, table(table));
      ddb.client().deleteItem(b -> b.tableName(table).key(Map.of("PK",
          AttributeValue.fromS("PostTag#" + posts.get(2) + "#" + gone))));
      assertEquals(0, migrate(v2, table).status());
    } finally {
      ddb.deleteTable(table);
    }
  }

  private static List<String> pages(GeneratedJava java, Object access, String method, String ownerId) {
    try {
      return pages(java, access, method, ownerId, 50);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aSideMovedByAReplanGetsItsAttributesMovedAndTheOldSlotsRemoved(@TempDir Path dir) throws Exception {
    generate(dir, "v0", V1, false);
    Path lock = dir.resolve("singletable.lock");
    String text = Files.readString(lock);
    // as if Tag.posts had been planned on a third slot: v1 writes its join items there
    String moved = text.replace("relation Tag.posts slot=2 ", "relation Tag.posts slot=3 ").replace("gsiCount 2\n",
        "gsiCount 3\n");
    assertNotEquals(text, moved, text);
    Files.writeString(lock, moved);
    Generator.Result r1 = generate(dir, "v1", V1, false);
    assertEquals(3, side(r1.model(), "Tag.posts").slot());
    String table = ddb.createTableFrom(dir.resolve("v1/out/template.yaml"), "m2m-move-" + System.nanoTime());
    List<String> posts = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    try (GeneratedJava v1 = compile(dir, "v1", r1)) {
      Object access = access(v1, table);
      for (int i = 0; i < 4; i++) {
        posts.add(id(GeneratedJava.callOn(access, "posts.create", entity(v1, "Post", "p" + i, "post " + i))));
        tags.add(id(GeneratedJava.callOn(access, "tags.create", entity(v1, "Tag", "t" + i, "tag " + i))));
      }
      for (String p : posts) {
        for (String t : tags.subList(0, posts.indexOf(p) + 1)) {
          GeneratedJava.callOn(access, "posts.addPostTag", p, t);
        }
      }
      assertEquals(List.of("p0", "p1", "p2", "p3"), pages(v1, access, "tags.posts", "t0"));
    }
    Map<String, Map<String, AttributeValue>> before = table(table);
    assertTrue(before.get("PostTag#p1#t0").containsKey("PK03"), before.get("PostTag#p1#t0").toString());

    Generator.Result r2 = generate(dir, "v2", V1, true);
    RelationModel side = side(r2.model(), "Tag.posts");
    assertEquals(2, side.slot(), "the replan moves Tag.posts to GSI02");
    SchemaChange change = r2.lock().changes().stream().filter(c -> c.subject().equals("relation Tag.posts"))
        .findFirst().orElseThrow(() -> new AssertionError(r2.lock().changes().toString()));
    assertEquals(SchemaChange.Kind.NEEDS_BACKFILL, change.kind());
    assertEquals(java.util.Set.of("PostTag"), change.types());
    assertEquals(List.of("PK02/SK02", "remove PK03/SK03"), change.attributes());
    assertTrue(change.why().startsWith("moved from GSI03 to GSI02 by replan: the join items are indexed on the old "
        + "slot"), change.why());
    try (GeneratedJava v2 = compile(dir, "v2", r2)) {
      JavaNames names = new JavaNames(r2.model(), PACKAGE);
      Run run = migrate(v2, table);
      assertEquals(0, run.status(), run.toString());
      Map<String, Map<String, AttributeValue>> after = table(table);
      int moved2 = 0;
      for (var e : before.entrySet()) {
        Map<String, AttributeValue> old = e.getValue();
        Map<String, AttributeValue> now = after.get(e.getKey());
        if (!isJoin(old)) {
          assertEquals(old, now, "untouched: " + e.getKey());
          continue;
        }
        String p = old.get("postId").s();
        String t = old.get("tagId").s();
        assertEquals(v2.call("ItemCodec", names.partitionKey(side), t), now.get("PK02").s());
        assertEquals(v2.call("ItemCodec", names.sortKey(side), p), now.get("SK02").s());
        assertEquals(old.get("PK03"), now.get("PK02"), "the same key, on the new slot");
        assertNull(now.get("PK03"));
        assertNull(now.get("SK03"));
        Map<String, AttributeValue> rest = new HashMap<>(old);
        rest.remove("PK03");
        rest.remove("SK03");
        Map<String, AttributeValue> nowRest = new HashMap<>(now);
        nowRest.remove("PK02");
        nowRest.remove("SK02");
        assertEquals(rest, nowRest, "every other attribute byte for byte");
        moved2++;
      }
      assertEquals(10, moved2);
      Object access = access(v2, table);
      assertEquals(List.of("p0", "p1", "p2", "p3"), pages(v2, access, "tags.posts", "t0"), "v2 reads GSI02");
      assertEquals(List.of("p2", "p3"), pages(v2, access, "tags.posts", "t2"));
      Run again = migrate(v2, table);
      assertEquals(0, again.status());
      assertTrue(again.out().contains(", 0 migrated, 0 writes"), again.out());
      assertFalse(ddb.scan(table).stream().anyMatch(i -> i.containsKey("PK03")));
    } finally {
      ddb.deleteTable(table);
    }
  }

  @Test
  void aLinkedItemChangedWhileTheBackfillRunsMakesItReadTheJoinItemAgain(@TempDir Path dir) throws Exception {
    Generator.Result r1 = generate(dir, "v1", V1, false);
    String table = ddb.createTableFrom(dir.resolve("v1/out/template.yaml"), "m2m-race-" + System.nanoTime());
    try {
      try (GeneratedJava v1 = compile(dir, "v1", r1)) {
        Object access = access(v1, table);
        GeneratedJava.callOn(access, "posts.create", entity(v1, "Post", "p", "post"));
        GeneratedJava.callOn(access, "tags.create", entity(v1, "Tag", "t", "beta"));
        GeneratedJava.callOn(access, "tags.create", entity(v1, "Tag", "u", "alpha"));
        GeneratedJava.callOn(access, "posts.addPostTag", "p", "t");
        GeneratedJava.callOn(access, "posts.addPostTag", "p", "u");
      }
      Generator.Result r2 = generate(dir, "v2", V2, false);
      RelationModel sorted = side(r2.model(), "Post.tags");
      try (GeneratedJava v2 = compile(dir, "v2", r2)) {
        String sortKey = new JavaNames(r2.model(), PACKAGE).sortKey(sorted);
        String omega = (String) v2.call("ItemCodec", sortKey, "omega", "t");
        java.util.concurrent.atomic.AtomicInteger fired = new java.util.concurrent.atomic.AtomicInteger();
        Object access = access(v2, table);
        java.util.function.UnaryOperator<Object> rename = tag -> GeneratedJava.callOn(tag, "withLabel", "omega");
        // right after the backfill read the tag: version 2's update renames it, which rewrites its join items' copy
        // of the label in the same transaction
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor race =
            new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
              @Override
              public void afterExecution(software.amazon.awssdk.core.interceptor.Context.AfterExecution context,
                  software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest read
                    && read.requestItems().get(table).keys().contains(Map.of("PK", AttributeValue.fromS("NODE#t")))
                    && fired.getAndIncrement() == 0) {
                  GeneratedJava.callOn(access, "tags.update", "t", rename);
                }
              }
            };
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(ddb.endpoint())
            .region(DynamoDbLocal.REGION).credentialsProvider(
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("harness", "harness")))
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder().build())
            .overrideConfiguration(c -> c.addExecutionInterceptor(race)).build()) {
          Object schema = v2.codecType().getField("SCHEMA").get(null);
          Object runner = v2.call("runtime.MigrationRunner", "of", schema, client, table);
          GeneratedJava.callOn(runner, "segments", 1);
          Object findings = v2.call("SchemaMigration", "configure", runner, client, table);
          Object report = GeneratedJava.callOn(runner, "run");
          assertEquals(true, GeneratedJava.callOn(findings, "isEmpty"), String.valueOf(findings));
          assertTrue(fired.get() >= 2, "the join item was read again, and its tag with it: " + fired);
          Map<String, Map<String, AttributeValue>> after = table(table);
          assertEquals("omega", after.get("NODE#t").get("label").s());
          assertEquals(omega, after.get("PostTag#p#t").get(sorted.sortAttribute()).s(),
              "the copy of the label as it is now, not as the backfill first read it");
          assertEquals(v2.call("ItemCodec", sortKey, "alpha", "u"),
              after.get("PostTag#p#u").get(sorted.sortAttribute()).s());
          assertEquals(1L, GeneratedJava.callOn(report, "migrated"), "only PostTag#p#u was written: " + report);
        }
      }
    } finally {
      ddb.deleteTable(table);
    }
  }

  /** Calls a method of the runtime's {@code ItemSchema} on a codec's {@code SCHEMA}. */
  private static Object schemaCall(GeneratedJava java, String method, Object... args) throws Exception {
    Object schema = java.codecType().getField("SCHEMA").get(null);
    for (java.lang.reflect.Method m : java.type("runtime.ItemSchema").getMethods()) {
      if (m.getName().equals(method) && m.getParameterCount() == args.length) {
        try {
          return m.invoke(schema, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw (Exception) e.getCause();
        }
      }
    }
    throw new IllegalArgumentException(method);
  }

  private static Map<String, AttributeValue> node(String type, String id, boolean code) {
    Map<String, AttributeValue> item = new HashMap<>(Map.of("PK", AttributeValue.fromS("NODE#" + id),
        "__typename", AttributeValue.fromS(type), "id", AttributeValue.fromS(id), "name", AttributeValue.fromS("N" + id),
        "rank", AttributeValue.fromN(String.valueOf(id.length()))));
    if (code) {
      item.put("code", AttributeValue.fromN("-4"));
    }
    return item;
  }

  @Test
  void theJoinItemsOfALargeSchemaInGroupsAreThoseOfOneClass(@TempDir Path dir) throws Exception {
    String sdl = ChunkedJavaTest.schema(24)
        .replace("type T00 @model {\n  id: ID!\n", "type T00 @model {\n  id: ID!\n"
            + "  far: [T20] @manyToMany(relationName: \"Far\", sortBy: [\"name\"])\n")
        .replace("type T20 @model {\n  id: ID!\n", "type T20 @model {\n  id: ID!\n"
            + "  far: [T00] @manyToMany(relationName: \"Far\", sortBy: [\"rank\", \"name\"])\n"
            + "  near: [T21] @manyToMany(relationName: \"Near\")\n")
        .replace("type T21 @model {\n  id: ID!\n", "type T21 @model {\n  id: ID!\n"
            + "  near: [T20] @manyToMany(relationName: \"Near\", sortBy: [\"code\"])\n");
    Path schema = Files.writeString(Files.createDirectories(dir).resolve("schema.graphql"), sdl);
    Path single = dir.resolve("single");
    Path split = dir.resolve("split");
    ServiceModel model = new Generator().generate(new GeneratorOptions(schema, dir, single.resolve("out"), PACKAGE,
        KeyStrategy.NODE, 20, null)).model();
    assertEquals(2, model.manyToMany().size());
    new Generator().generate(new GeneratorOptions(schema, dir, split.resolve("out"), PACKAGE, KeyStrategy.NODE, 20,
        null));
    Path javaDir = split.resolve("out/java").resolve(PACKAGE.replace('.', '/'));
    int weight = 120;
    for (var file : new EntityJavaRenderer().render(model, PACKAGE, weight).entrySet()) {
      Files.writeString(javaDir.resolve(file.getKey()), file.getValue());
    }
    JavaNames splitNames = new JavaNames(model, PACKAGE, weight);
    assertTrue(splitNames.chunks().size() >= 4);
    assertNotEquals(splitNames.chunkOf("T00"), splitNames.chunkOf("T20"), "a relation across groups");
    try (GeneratedJava one = GeneratedJava.compile(single, PACKAGE, model);
        GeneratedJava many = GeneratedJava.compile(split, PACKAGE, model)) {
      assertEquals("[Join[typename=Far, aType=T00, aIdField=t00Id, bType=T20, bIdField=t20Id], "
          + "Join[typename=Near, aType=T20, aIdField=t20Id, bType=T21, bIdField=t21Id]]",
          schemaCall(one, "joins").toString());
      assertEquals(schemaCall(one, "joins").toString(), schemaCall(many, "joins").toString());
      JavaNames names = new JavaNames(model, PACKAGE);
      for (GeneratedJava java : List.of(one, many)) {
        Object t00 = java.call("ItemCodec", "decode", node("T00", "a1", true));
        Object t20 = java.call("ItemCodec", "decode", node("T20", "b22", true));
        Object t21 = java.call("ItemCodec", "decode", node("T21", "c333", false));
        @SuppressWarnings("unchecked")
        Map<String, AttributeValue> far = (Map<String, AttributeValue>) schemaCall(java, "joinItem", "Far", t00, t20);
        ManyToManyModel m = model.manyToMany().get(0);
        Map<String, AttributeValue> expected = new HashMap<>(Map.of("PK", AttributeValue.fromS("Far#a1#b22"),
            "__typename", AttributeValue.fromS("Far"), "t00Id", AttributeValue.fromS("a1"),
            "t20Id", AttributeValue.fromS("b22"),
            m.a().partitionAttribute(), AttributeValue.fromS("Far#a1"),
            m.a().sortAttribute(), AttributeValue.fromS((String) one.call("ItemCodec", names.sortKey(m.a()), "Nb22", "b22")),
            m.b().partitionAttribute(), AttributeValue.fromS("Far#b22"),
            m.b().sortAttribute(), AttributeValue.fromS((String) one.call("ItemCodec", names.sortKey(m.b()), 2, "Na1", "a1"))));
        assertEquals(expected, far);
        @SuppressWarnings("unchecked")
        Map<String, AttributeValue> near = (Map<String, AttributeValue>) schemaCall(java, "joinItem", "Near", t20, t21);
        ManyToManyModel n = model.manyToMany().get(1);
        assertEquals(one.call("ItemCodec", names.sortKey(n.b()), -4, "b22"), near.get(n.b().sortAttribute()).s());
        assertEquals("c333", near.get(n.a().sortAttribute()).s());
        assertEquals(8, near.size());
        for (Object[] wrong : List.of(new Object[] {"Far", t20, t00}, new Object[] {"Near", t00, t21},
            new Object[] {"T00", t00, t20}, new Object[] {"Far", null, t20})) {
          Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
              () -> schemaCall(java, "joinItem", wrong));
          assertTrue(e.getMessage().startsWith("not a join type of this schema with items of its types: "
              + wrong[0]), e.getMessage());
        }
      }
    }
  }
}
