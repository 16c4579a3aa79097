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
class RandomSchemaJavaTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void compilesRoundTripsAndRunsOnDynamoDbLocal(long seed) throws Exception {
    String sdl = RandomSchemas.sdl(seed);
    KeyStrategy keys = seed % 3 == 0 ? KeyStrategy.TYPE : KeyStrategy.NODE;
    try (GeneratedJava java = GeneratedJava.inline(sdl, dir, keys)) {
      DynamoDbClient client = DynamoDbLocal.shared().client();
      String table = "random-" + seed + "-" + System.nanoTime();
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
        Object stored = GeneratedJava.callOn(access, GeneratedJava.methodName("create", e.name()),
            SampleValues.record(java, e, 7, false, Map.of("id", e.name() + "-7")));
        assertEquals(Optional.of(stored), GeneratedJava.callOn(access, GeneratedJava.methodName("get", e.name()), e.name() + "-7"), sdl);
        assertEquals(java.call(java.codecType().getSimpleName(), "encode", stored), item(client, table, java, stored), sdl);
      }
      for (EntityModel e : java.model().entities()) {
        assertChildrenPage(java, access, e, sdl);
      }
      for (EntityModel e : java.model().entities()) {
        String id = e.name() + "-7";
        Object updated = GeneratedJava.callOn(access, GeneratedJava.methodName("update", e.name()), id,
            (UnaryOperator<Object>) r -> SampleValues.record(java, e, 8, true, Map.of("id", id)));
        assertEquals(java.call(java.codecType().getSimpleName(), "encode", updated), item(client, table, java, updated), sdl);
        assertEquals(updated, GeneratedJava.callOn(access, GeneratedJava.methodName("delete", e.name()), id), sdl);
        assertEquals(Optional.empty(), GeneratedJava.callOn(access, GeneratedJava.methodName("get", e.name()), id));
      }
      assertTrue(DynamoDbLocal.shared().scan(table).stream().allMatch(i -> i.get("id").s().startsWith("kid-")),
          "after the deletes only the relation test's children remain, no unique item: " + sdl);
    }
  }

  @org.junit.jupiter.api.Test
  void theSeedsCoverUniqueFieldsRelationsOfBothShapesAndTimestamps() {
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
      for (RelationModel r : model.hasManyRelations()) {
        lists += r.shape() == io.singletable.model.RelationShape.LIST ? 1 : 0;
        connections += r.shape() == io.singletable.model.RelationShape.CONNECTION ? 1 : 0;
        sorted += r.sortBy().size() > 1 ? 1 : 0;
      }
    }
    assertTrue(uniques >= 3 && lists >= 2 && connections >= 2 && sorted >= 2 && timestamps >= 3,
        "uniques " + uniques + ", list relations " + lists + ", connections " + connections + ", composite sorts " + sorted
            + ", timestamped types " + timestamps);
  }

  /** For each {@code @hasMany} of {@code e}: three children under one parent come back in one page. */
  private static void assertChildrenPage(GeneratedJava java, Object access, EntityModel e, String sdl) {
    for (RelationModel r : e.relations()) {
      if (r.kind() != RelationKind.HAS_MANY) {
        continue;
      }
      EntityModel child = java.model().entity(r.target()).orElseThrow();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Map<String, Object> values = SampleValues.fields(child, SampleValues.record(java, child, 10 + i, false, Map.of()));
        values.put("id", "kid-" + r.field() + "-" + i);
        values.put(r.keyField(), "parent-of-" + r.field());
        GeneratedJava.callOn(access, GeneratedJava.methodName("create", child.name()), SampleValues.construct(java, child, values));
        ids.add("kid-" + r.field() + "-" + i);
      }
      Object request = pageRequest(java);
      Object page = GeneratedJava.callOn(access, GeneratedJava.methodName(r.owner(), r.field()), "parent-of-" + r.field(), request);
      List<?> items = (List<?>) GeneratedJava.callOn(page, "items");
      List<String> got = items.stream().map(i -> (String) GeneratedJava.callOn(i, "id")).sorted().toList();
      assertEquals(ids, got, r.id() + " in " + sdl);
    }
  }

  private static Object pageRequest(GeneratedJava java) {
    try {
      return java.type(java.dataAccessType().getSimpleName() + "$PageRequest").getMethod("first").invoke(null);
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
