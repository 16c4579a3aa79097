package io.singletable.render.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.exception.MethodInvocationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared pipeline functions run on Apache Velocity (AppSync's engine; the simulator runs
 * velocityjs): for types with different unique fields and sort keys, ReadItem and UpdateItem driven
 * by each type's request template write exactly the item, index attributes and unique keys the
 * type's own create writes for the same values, and DeleteItem deletes exactly the keys it wrote.
 */
class SharedFunctionsVelocityTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  static Path out;
  static VelocityEngine velocity;

  @BeforeAll
  static void generate() throws Exception {
    Path schema = Files.createDirectories(dir.resolve("schema")).resolve("schema.graphql");
    Files.writeString(schema, io.singletable.scenario.SharedFunctionsScenarioTest.SCHEMA);
    out = dir.resolve("out");
    new Generator().generate(GeneratorOptions.of(schema, out));
    velocity = new VelocityEngine();
    velocity.init();
  }




  /** One evaluation: the request or response it printed (its last JSON line). */
  private static JsonNode run(String template, Map<String, Object> ctx) throws Exception {
    VelocityContext context = new VelocityContext();
    context.put("util", new AppSyncUtil());
    context.put("ctx", ctx);
    StringWriter printed = new StringWriter();
    velocity.evaluate(context, printed, template, Files.readString(out.resolve(template)));
    String last = printed.toString().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("null");
    return JSON.readTree(last);
  }

  private static Map<String, Object> ctx(Map<String, Object> args, Map<String, Object> stash) {
    Map<String, Object> ctx = new HashMap<>();
    ctx.put("args", args);
    ctx.put("env", Map.of("TABLE_NAME", "T"));
    ctx.put("stash", stash);
    return ctx;
  }

  /** The create resolver's item and the keys its request writes. */
  private record Written(Map<String, Object> item, List<String> keys) {}

  @SuppressWarnings("unchecked")
  private static Written create(String type, Map<String, Object> input) throws Exception {
    Map<String, Object> stash = new HashMap<>();
    JsonNode request = run("appsync/resolvers/Mutation.create" + type + ".request.vtl", ctx(Map.of("input", input), stash));
    Map<String, Object> item = new LinkedHashMap<>((Map<String, Object>) stash.get("item"));
    return new Written(item, keys(request));
  }

  private static List<String> keys(JsonNode request) {
    List<String> keys = new ArrayList<>();
    if (request.has("transactItems")) {
      request.path("transactItems").forEach(i -> keys.add(i.path("operation").asText() + " " + i.path("key").path("PK").path("S").asText()));
    } else {
      keys.add(request.path("operation").asText() + " " + request.path("key").path("PK").path("S").asText());
    }
    return keys;
  }

  /** The stored node: the item with its key, as GetItem returns it. */
  private static Map<String, Object> stored(Written w) {
    Map<String, Object> node = new LinkedHashMap<>(w.item());
    node.put("PK", w.keys().get(0).substring("PutItem ".length()));
    return node;
  }

  /** Runs the update pipeline of {@code type} on {@code current}; returns UpdateItem's item and request keys. */
  @SuppressWarnings("unchecked")
  private static Written update(String type, Map<String, Object> current, Map<String, Object> input) throws Exception {
    Map<String, Object> stash = new HashMap<>();
    Map<String, Object> args = Map.of("input", input);
    run("appsync/resolvers/Mutation.update" + type + ".before.vtl", ctx(args, stash));
    JsonNode get = run("appsync/functions/ReadItem.request.vtl", ctx(args, stash));
    assertEquals("GetItem", get.path("operation").asText());
    assertEquals(current.get("PK"), get.path("key").path("PK").path("S").asText());
    Map<String, Object> read = ctx(args, stash);
    read.put("result", current);
    run("appsync/functions/ReadItem.response.vtl", read);
    Map<String, Object> write = ctx(args, stash);
    write.put("prev", Map.of("result", current));
    JsonNode request = run("appsync/functions/UpdateItem.request.vtl", write);
    return new Written(new LinkedHashMap<>((Map<String, Object>) stash.get("item")), keys(request));
  }

  private static List<String> delete(String type, Map<String, Object> current) throws Exception {
    Map<String, Object> stash = new HashMap<>();
    Map<String, Object> args = Map.of("id", current.get("id"));
    run("appsync/resolvers/Mutation.delete" + type + ".before.vtl", ctx(args, stash));
    Map<String, Object> write = ctx(args, stash);
    write.put("prev", Map.of("result", current));
    return keys(run("appsync/functions/DeleteItem.request.vtl", write));
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  @SuppressWarnings("unchecked")
  void updateWritesWhatCreateWritesForEachType() throws Exception {
    // type, first values, the update's input, the values after it
    List<Object[]> cases = List.of(
        new Object[] {"Book", map("id", "b1", "isbn", "isbn-A", "title", "Old", "shelfId", "s1"),
            map("id", "b1", "isbn", "ISBN-b", "title", "Zeta \u0001\u0002 \uD83D\uDE00"),
            map("id", "b1", "isbn", "ISBN-b", "title", "Zeta \u0001\u0002 \uD83D\uDE00", "shelfId", "s1")},
        new Object[] {"Gadget", map("id", "g1", "serial", 7.0, "weight", 3.0, "shelfId", "s1"),
            map("id", "g1", "serial", 1.5E21, "weight", -0.25, "added", "2024-05-01T10:00:00+02:00"),
            map("id", "g1", "serial", 1.5E21, "weight", -0.25, "added", "2024-05-01T10:00:00+02:00", "shelfId", "s1")},
        new Object[] {"Gadget", map("id", "g2", "serial", 7.0, "weight", 3.0, "shelfId", "s1"),
            map("id", "g2", "weight", null, "serial", null),
            map("id", "g2", "shelfId", "s1")},
        new Object[] {"Note", map("id", "n1", "text", "t", "rank", 3, "shelfId", "s1"),
            map("id", "n1", "rank", -4, "shelfId", "s2"),
            map("id", "n1", "text", "t", "rank", -4, "shelfId", "s2")},
        new Object[] {"Shelf", map("id", "s1", "label", "Main"),
            map("id", "s1", "label", "Other"),
            map("id", "s1", "label", "Other")});
    for (Object[] c : cases) {
      String type = (String) c[0];
      Written first = create(type, (Map<String, Object>) c[1]);
      Written updated = update(type, stored(first), (Map<String, Object>) c[2]);
      Written expected = create(type, (Map<String, Object>) c[3]);
      assertEquals(expected.item(), updated.item(), type + ": the merged item with its index attributes");
      assertTrue(expected.item().keySet().stream().anyMatch(k -> k.startsWith("SK")) || type.equals("Shelf"),
          type + " has a sort key: " + expected.item());
      // the node, then (each type has at most one unique field) the old unique item deleted when its key
      // changed and the new one put
      assertTrue(first.keys().size() <= 2 && expected.keys().size() <= 2);
      String old = first.keys().size() > 1 ? first.keys().get(1).substring("PutItem ".length()) : null;
      String now = expected.keys().size() > 1 ? expected.keys().get(1).substring("PutItem ".length()) : null;
      List<String> expectedKeys = new ArrayList<>(List.of(expected.keys().get(0)));
      if (old != null && !old.equals(now)) {
        expectedKeys.add("DeleteItem " + old);
      }
      if (now != null) {
        expectedKeys.add("PutItem " + now);
      }
      assertEquals(expectedKeys, updated.keys(), type);
      if (type.equals("Note")) {
        continue; // no unique field: a UNIT DeleteItem, no pipeline
      }
      assertEquals(delete(type, stored(expected)),
          expected.keys().stream().map(k -> k.replace("PutItem", "DeleteItem")).toList(), type + ": delete");
    }
  }

  @Test
  void errorsNameTheTypeOfTheResolver() throws Exception {
    Written book = create("Book", map("id", "b9", "isbn", "x"));
    Map<String, Object> stash = new HashMap<>();
    Map<String, Object> args = Map.of("input", map("id", "b9", "weight", 1.0));
    run("appsync/resolvers/Mutation.updateGadget.before.vtl", ctx(args, stash));
    Map<String, Object> read = ctx(args, stash);
    read.put("result", stored(book));
    MethodInvocationException e = org.junit.jupiter.api.Assertions.assertThrows(MethodInvocationException.class,
        () -> run("appsync/functions/ReadItem.response.vtl", read));
    assertEquals("NotFound: Gadget not found", e.getCause().getMessage());
    Map<String, Object> bad = new HashMap<>();
    e = org.junit.jupiter.api.Assertions.assertThrows(MethodInvocationException.class,
        () -> run("appsync/resolvers/Mutation.updateBook.before.vtl", ctx(Map.of("input", map("id", "b9", "shelfId", "a#b")), bad)));
    assertEquals("InvalidId: Book.shelfId: an id may not be empty or contain '#' or control characters", e.getCause().getMessage());
    assertFalse(bad.containsKey("entity"));
  }
}
