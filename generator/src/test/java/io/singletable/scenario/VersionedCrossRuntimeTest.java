package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.harness.Backend;
import io.singletable.model.KeyStrategy;
import io.singletable.render.java.GeneratedJava;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A versioned type's items written alternately by the resolvers and the Java layer on one table: both start at 1,
 * both count every update of the other, both refuse the other's stale version with {@code ConflictingVersion}, and
 * the items they write are the same.
 */
@Tag("simulator")
class VersionedCrossRuntimeTest {
  static final String SCHEMA = """
      type Doc @model(versioned: true) {
        id: ID!
        title: String
        slug: String @unique
      }
      """;

  @TempDir
  static Path dir;
  static CrossRuntimeBackend rt;

  @BeforeAll
  static void start() throws Exception {
    GeneratedJava java = GeneratedJava.inline(SCHEMA, dir.resolve("java"), KeyStrategy.NODE);
    try {
      rt = new CrossRuntimeBackend("versioned", java, Backend.start(dir.resolve("java").resolve("out")));
    } catch (RuntimeException e) {
      java.close();
      throw e;
    }
  }

  @AfterAll
  static void stop() {
    if (rt != null) {
      rt.close();
    }
  }

  private Object doc(String id, String title) {
    Object b = rt.java().call("Doc", "builder");
    GeneratedJava.callOn(b, "id", id);
    GeneratedJava.callOn(b, "title", title);
    GeneratedJava.callOn(b, "slug", "slug-" + id);
    return GeneratedJava.callOn(b, "build");
  }

  private JsonNode graphqlUpdate(String id, Integer expected, String title) {
    Map<String, Object> input = new java.util.HashMap<>(Map.of("id", id, "title", title));
    if (expected != null) {
      input.put("expectedVersion", expected);
    }
    return rt.graphql("mutation($i: UpdateDocInput!) { updateDoc(input: $i) { id version title } }", Map.of("i", input))
        .requireNoErrors().data().path("updateDoc");
  }

  private static UnaryOperator<Object> title(String title) {
    return d -> GeneratedJava.callOn(d, "withTitle", title);
  }

  @Test
  void eachRuntimeCountsTheOthersWritesAndRefusesItsStaleVersions() {
    Object created = rt.access("docs.create", doc("j1", "by java"));
    assertEquals(1, GeneratedJava.callOn(created, "version"));
    assertEquals(2, graphqlUpdate("j1", 1, "by graphql").path("version").asInt());
    Object third = rt.access("docs.update", "j1", 2, title("java again"));
    assertEquals(3, GeneratedJava.callOn(third, "version"));
    var stale = rt.graphql("mutation($i: UpdateDocInput!) { updateDoc(input: $i) { id } }",
        Map.of("i", Map.of("id", "j1", "title", "lost", "expectedVersion", 2)));
    assertEquals("ConflictingVersion", stale.firstError().path("errorType").asText(), stale.toString());
    assertEquals("ConflictingVersion", rt.accessFailure("docs.update", "j1", 2, title("lost too")));
    assertEquals("ConflictingVersion", rt.accessFailure("docs.delete", "j1", 2));
    assertEquals(3, rt.data("query($id: ID!) { getDoc(id: $id) { version } }", Map.of("id", "j1")).path("getDoc")
        .path("version").asInt());

    // a Doc created by the resolvers is the item the Java layer writes for the same values
    rt.data("mutation($i: CreateDocInput!) { createDoc(input: $i) { id } }",
        Map.of("i", Map.of("id", "g1", "title", "same", "slug", "slug-g1")));
    rt.access("docs.create", doc("j2", "same"));
    List<Map<String, AttributeValue>> byGraphql = StoredItemsView.of(rt.itemsOf("g1"), "g1");
    List<Map<String, AttributeValue>> byJava = StoredItemsView.of(rt.itemsOf("j2"), "j2");
    assertEquals(byGraphql, byJava);
    assertEquals("1", rt.itemsOf("j2").get(0).get("version").n());
    assertEquals(1, GeneratedJava.callOn(rt.access("docs.delete", "g1", 1), "version"));
  }

  /** Items with their id and slug replaced by placeholders, sorted by key. */
  private static final class StoredItemsView {
    static List<Map<String, AttributeValue>> of(List<Map<String, AttributeValue>> items, String id) {
      return items.stream().map(item -> {
        Map<String, AttributeValue> out = new java.util.TreeMap<>();
        item.forEach((k, v) -> out.put(k, v.s() != null ? AttributeValue.fromS(v.s().replace(id, "<id>")) : v));
        return out;
      }).sorted(java.util.Comparator.comparing(m -> m.get("PK").s())).toList();
    }
  }
}
