package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.harness.DynamoDbLocal;
import io.singletable.model.EntityModel;
import io.singletable.model.KeyStrategy;
import io.singletable.model.RelationKind;
import io.singletable.model.RelationModel;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * Schemas nobody wrote by hand ({@link RandomSchemas}): their Java compiles with {@code -Xlint:all
 * -Werror}, every entity round-trips through the codec, and the data-access class creates, reads,
 * updates, pages and deletes every entity on DynamoDB Local, leaving exactly the codec's items.
 */
public class RandomSchemaJavaTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void compilesRoundTripsAndRunsOnDynamoDbLocal(long seed) throws Exception {
    String sdl = RandomSchemas.sdl(seed);
    KeyStrategy keys = seed % 3 == 0 ? KeyStrategy.TYPE : KeyStrategy.NODE;
    try (GeneratedJava java = GeneratedJava.inline(sdl, dir, keys)) {
      exercise(java, sdl, "random-" + seed);
    }
  }

  /**
   * Names a hand-written schema would hardly use but a valid one may: types named like the support
   * classes, the data-access class's nested types and JDK classes; fields named like Java keywords,
   * restricted identifiers and each other but for case; enum values that are keywords or name enum
   * methods; codec methods whose derived names coincide ({@code aBCUniqueKey} of {@code AB.c} and
   * {@code A.bC}). All of it compiles and runs.
   */
  @ParameterizedTest(name = "{0} keys")
  @org.junit.jupiter.params.provider.EnumSource(KeyStrategy.class)
  void namesClashingWithJavaAndWithTheGeneratedCodeCompileAndRun(KeyStrategy keys) throws Exception {
    try (GeneratedJava java = GeneratedJava.inline(ODD_NAMES, dir, keys)) {
      Class<?> entity = java.type("Entity");
      assertTrue(entity.isRecord(), "the schema type keeps its name");
      Object named = entity.getConstructors()[0].newInstance("e1", "lower", "upper", "mixed");
      assertEquals(List.of("e1", "x", "upper", "mixed"), components(entity.getMethod("withName", String.class).invoke(named, "x")));
      assertEquals(List.of("e1", "lower", "x", "mixed"), components(entity.getMethod("withName_", String.class).invoke(named, "x")));
      Class<?> constants = java.type("SingleTableSchema_");
      assertEquals(List.of("FooBar", "Foo_Bar"), List.of(constants.getField("TYPE_FOO_BAR").get(null), constants.getField("TYPE_FOO_BAR_").get(null)));
      assertTrue(java.type("SingleTableSchema").isRecord());
      assertEquals("ItemCodec_", java.codecType().getSimpleName());
      assertEquals("com.example.gen.runtime.ItemValues", java.valuesType().getName(),
          "the runtime's ItemValues lives in its own package, so a schema type itemValues does not clash with it");
      assertEquals(List.of("aBCUniqueKey", "aBCUniqueKey_"), java.model().entities().stream().filter(e -> e.name().equals("AB") || e.name().equals("A"))
              .map(e -> new JavaNames(java.model(), "com.example.gen").uniqueKey(e.name(), e.uniques().get(0).field())).toList());
      assertEquals("AB#c#v", java.call("ItemCodec_", "aBCUniqueKey", "V"));
      assertEquals("A#bC#v", java.call("ItemCodec_", "aBCUniqueKey_", "V"));
      exercise(java, ODD_NAMES, "odd-" + keys);
    }
  }

  /** See {@link #namesClashingWithJavaAndWithTheGeneratedCodeCompileAndRun}. */
  public static final String ODD_NAMES = """
      type Entity @model { id: ID! name: String Name: String nAme: String @unique }
      type DataAccess @model { id: ID! entityId: ID entity: Entity @belongsTo(field: "entityId") }
      type ItemCodec @model { id: ID! code: String! @unique }
      type itemValues @model { id: ID! }
      type MigrationRunner @model { id: ID! }
      type SingleTableSchema @model { id: ID! }
      type Page @model { id: ID! items: [String] nextToken: String }
      type PageRequest @model { id: ID! first: Int }
      type Optional @model { id: ID! }
      type List @model { id: ID! }
      type Map @model { id: ID! }
      type Object @model { id: ID! }
      type Record @model { id: ID! }
      type Override @model { id: ID! }
      type FooBar @model { id: ID! }
      type Foo_Bar @model { id: ID! }
      type AB @model { id: ID! c: String @unique }
      type A @model { id: ID! bC: String @unique }
      type Farm @model { id: ID! }
      type Get @model { id: ID! farmId: ID farm: Farm @belongsTo(field: "farmId") }
      type Category @model {
        id: ID!
        parentId: ID
        parent: Category @belongsTo(field: "parentId")
        children: [Category] @hasMany(field: "parentId", sortBy: ["rank", "flag", "kind", "at"])
        rank: AWSTimestamp
        flag: Boolean
        kind: Kind
        at: AWSDate
        _: String
        _x: Int
        record: String
        var: String
        yield: String
        sealed: String
        permits: String
        enum: Kind
        values: [Kind]
        toString: String
        getClass: Int
      }
      enum Kind { class int default values valueOf ordinal name }
      """;

  private static List<Object> components(Object record) throws ReflectiveOperationException {
    List<Object> out = new ArrayList<>();
    for (var c : record.getClass().getRecordComponents()) {
      out.add(c.getAccessor().invoke(record));
    }
    return out;
  }

  /** Writes, reads, pages, updates and deletes every entity of a compiled schema on DynamoDB Local. */
  private static void exercise(GeneratedJava java, String sdl, String tablePrefix) throws Exception {
    DynamoDbClient client = DynamoDbLocal.shared().client();
    String table = tablePrefix + "-" + System.nanoTime();
    client.createTable((CreateTableRequest) java.dataAccessType().getMethod("createTableRequest", String.class)
        .invoke(null, table));
    Constructor<?> ctor = java.dataAccessType().getConstructor(DynamoDbClient.class, String.class);
    Object access = ctor.newInstance(client, table);
    for (EntityModel e : java.model().entities()) {
      for (boolean nulls : List.of(false, true)) {
        Object record = SampleValues.record(java, e, nulls ? 2 : 1, nulls, Map.of());
        Object item = java.call(java.codecType().getSimpleName(), "encode", record);
        assertEquals(record, java.call(java.codecType().getSimpleName(), "decode", item), sdl);
      }
      Object stored = GeneratedJava.callOn(access, java.accessMethod("create " + e.name()),
          SampleValues.record(java, e, 7, false, Map.of("id", e.name() + "-7")));
      assertEquals(Optional.of(stored), GeneratedJava.callOn(access, java.accessMethod("get " + e.name()), e.name() + "-7"), sdl);
      assertEquals(java.call(java.codecType().getSimpleName(), "encode", stored), item(client, table, java, stored), sdl);
    }
    for (EntityModel e : java.model().entities()) {
      assertChildrenPage(java, access, e, sdl);
    }
    for (EntityModel e : java.model().entities()) {
      String id = e.name() + "-7";
      Object updated = GeneratedJava.callOn(access, java.accessMethod("update " + e.name()), id,
          (UnaryOperator<Object>) r -> SampleValues.record(java, e, 8, true, Map.of("id", id)));
      assertEquals(java.call(java.codecType().getSimpleName(), "encode", updated), item(client, table, java, updated), sdl);
      assertEquals(updated, GeneratedJava.callOn(access, java.accessMethod("delete " + e.name()), id), sdl);
      assertEquals(Optional.empty(), GeneratedJava.callOn(access, java.accessMethod("get " + e.name()), id));
    }
    assertTrue(DynamoDbLocal.shared().scan(table).stream().allMatch(i -> i.get("id").s().startsWith("kid-")),
        "after the deletes only the relation test's children remain, no unique item: " + sdl);
  }

  @org.junit.jupiter.api.Test
  void theSeedsCoverUniqueFieldsRelationsOfBothShapesAndTimestamps() {
    int abstractTargets = 0;
    int onlyIf = 0;
    int idLists = 0;
    int hasOne = 0;
    int uniques = 0;
    int lists = 0;
    int connections = 0;
    int sorted = 0;
    int timestamps = 0;
    for (long seed = 1; seed <= 8; seed++) {
      var model = io.singletable.TestSchemas.plan(RandomSchemas.sdl(seed)).model();
      for (EntityModel e : model.entities()) {
        uniques += e.uniques().size();
        timestamps += e.field("createdAt").isPresent() ? 1 : 0;
      }
      for (RelationModel r : model.indexedRelations()) {
        lists += r.shape() == io.singletable.model.RelationShape.LIST ? 1 : 0;
        connections += r.shape() == io.singletable.model.RelationShape.CONNECTION ? 1 : 0;
        sorted += r.sortBy().size() > 1 ? 1 : 0;
        abstractTargets += model.entity(r.target()).isEmpty() ? 1 : 0;
        onlyIf += r.onlyIf() != null ? 1 : 0;
      }
      for (RelationModel r : model.relations()) {
        idLists += r.kind() == RelationKind.BELONGS_TO && r.shape() == io.singletable.model.RelationShape.LIST ? 1 : 0;
        hasOne += r.kind() == RelationKind.HAS_ONE ? 1 : 0;
      }
    }
    assertTrue(uniques >= 3 && lists >= 2 && connections >= 2 && sorted >= 2 && timestamps >= 3 && abstractTargets >= 2
        && onlyIf >= 1 && idLists >= 2 && hasOne >= 2,
        "uniques " + uniques + ", list relations " + lists + ", connections " + connections + ", composite sorts " + sorted
            + ", timestamped types " + timestamps + ", union/interface targets " + abstractTargets + ", onlyIf " + onlyIf
            + ", id lists " + idLists + ", hasOne " + hasOne);
  }

  /**
   * For each {@code @hasMany} of {@code e}: three children under one parent (of each concrete
   * target, admitted by {@code onlyIf}, unique values null so they clash with no other item) come
   * back in one page.
   */
  private static void assertChildrenPage(GeneratedJava java, Object access, EntityModel e, String sdl) {
    for (RelationModel r : e.relations()) {
      if (r.kind() != RelationKind.HAS_MANY) {
        continue;
      }
      List<String> ids = new ArrayList<>();
      for (String target : r.concreteTargets()) {
        EntityModel child = java.model().entity(target).orElseThrow();
        for (int i = 0; i < 3; i++) {
          Map<String, Object> values = SampleValues.fields(child, SampleValues.record(java, child, 10 + i, false, Map.of()));
          String id = "kid-" + r.field() + "-" + target + "-" + i;
          values.put("id", id);
          values.put(r.keyField(), "parent-of-" + r.field());
          child.uniques().forEach(u -> values.put(u.field(), null));
          if (r.onlyIf() != null) {
            values.put(r.onlyIf(), Boolean.TRUE);
          }
          GeneratedJava.callOn(access, java.accessMethod("create " + child.name()), SampleValues.construct(java, child, values));
          ids.add(id);
        }
      }
      Object request = pageRequest(java);
      Object page = GeneratedJava.callOn(access, java.accessMethod("relation " + r.id()), "parent-of-" + r.field(), request);
      List<?> items = (List<?>) GeneratedJava.callOn(page, "items");
      List<String> got = items.stream().map(i -> (String) GeneratedJava.callOn(i, "id")).sorted().toList();
      assertEquals(ids.stream().sorted().toList(), got, r.id() + " in " + sdl);
    }
  }

  private static Object pageRequest(GeneratedJava java) {
    try {
      return java.type("runtime.PageRequest").getMethod("first").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, AttributeValue> item(DynamoDbClient client, String table, GeneratedJava java, Object entity) {
    @SuppressWarnings("unchecked")
    Map<String, AttributeValue> encoded = (Map<String, AttributeValue>) java.call(java.codecType().getSimpleName(), "encode", entity);
    return client.getItem(b -> b.tableName(table).key(Map.of("PK", encoded.get("PK"))).consistentRead(true)).item();
  }
}
