package io.singletable.render.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.exception.MethodInvocationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version handling of {@code @model(versioned: true)} on Apache Velocity, AppSync's engine (the simulator, which
 * runs velocityjs, is VersionedScenarioTest's): numbers as AppSync hands them to templates (GraphQL arguments as
 * Integer, stored numbers as Integer, Long or BigDecimal) compare and add by value.
 */
class VersionedVelocityTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  static Path out;
  static VelocityEngine velocity;

  @BeforeAll
  static void generate() throws Exception {
    Path schema = Files.createDirectories(dir.resolve("schema")).resolve("schema.graphql");
    Files.writeString(schema, """
        type Note @model(versioned: true) { id: ID! text: String }
        type Page @model(versioned: true) { id: ID! slug: String @unique }
        """);
    out = dir.resolve("out");
    new Generator().generate(GeneratorOptions.of(schema, out));
    velocity = new VelocityEngine();
    velocity.init();
  }

  private static JsonNode run(String template, Map<String, Object> ctx) throws Exception {
    VelocityContext context = new VelocityContext();
    context.put("util", new AppSyncUtil());
    context.put("ctx", ctx);
    StringWriter printed = new StringWriter();
    velocity.evaluate(context, printed, template, Files.readString(out.resolve(template)));
    String last = printed.toString().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("null");
    return JSON.readTree(last);
  }

  private static String refusal(String template, Map<String, Object> ctx) {
    MethodInvocationException e = assertThrows(MethodInvocationException.class, () -> run(template, ctx), template);
    return e.getCause().getMessage();
  }

  private static Map<String, Object> ctx(Map<String, Object> args, Map<String, Object> stash) {
    Map<String, Object> ctx = new HashMap<>();
    ctx.put("args", args);
    ctx.put("env", Map.of("TABLE_NAME", "T"));
    ctx.put("stash", stash);
    return ctx;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Runs the update of {@code type} on {@code current}: UpdateItem's request, or its refusal's message. */
  @SuppressWarnings("unchecked")
  private static Object update(String type, Map<String, Object> current, Map<String, Object> input, Map<String, Object> stash)
      throws Exception {
    Map<String, Object> args = Map.of("input", input);
    run("appsync/resolvers/Mutation.update" + type + ".before.vtl", ctx(args, stash));
    Map<String, Object> write = ctx(args, stash);
    write.put("prev", Map.of("result", current));
    try {
      return run("appsync/functions/UpdateItem.request.vtl", write);
    } catch (MethodInvocationException e) {
      return e.getCause().getMessage();
    }
  }

  @Test
  void createWritesVersionOne() throws Exception {
    Map<String, Object> stash = new HashMap<>();
    run("appsync/resolvers/Mutation.createNote.request.vtl", ctx(Map.of("input", map("text", "t", "version", 9)), stash));
    assertEquals(1, ((Map<?, ?>) stash.get("item")).get("version"), "a version in the input is not taken");
  }

  @Test
  @SuppressWarnings("unchecked")
  void updateWritesOneMoreThanStoredAndRefusesAnotherExpectedVersion() throws Exception {
    for (Object stored : new Object[] {2, 2L, new BigDecimal("2"), 2.0}) {
      Map<String, Object> current = map("PK", "NODE#n1", "__typename", "Note", "id", "n1", "text", "a", "version", stored);
      for (Object expected : new Object[] {null, 2}) {
        Map<String, Object> stash = new HashMap<>();
        Map<String, Object> input = map("id", "n1", "text", "b", "version", 40);
        if (expected != null) {
          input.put("expectedVersion", expected);
        }
        Object request = update("Note", current, input, stash);
        assertTrue(request instanceof JsonNode, stored.getClass() + " " + expected + ": " + request);
        Map<String, Object> item = (Map<String, Object>) stash.get("item");
        assertEquals(0, new BigDecimal("3").compareTo(new BigDecimal(String.valueOf(item.get("version")))),
            stored.getClass() + ": " + item);
        assertFalse(item.containsKey("expectedVersion"), "the expected version is not stored");
        String condition = ((JsonNode) request).path("condition").path("expression").asText();
        assertTrue(condition.contains("= :a2"), "conditioned on the version read: " + request);
        assertEquals("version", ((JsonNode) request).path("condition").path("expressionNames").path("#a2").asText());
      }
      assertEquals("ConflictingVersion: Note n1 is at version " + stored + ", not the expected version 1",
          update("Note", current, map("id", "n1", "expectedVersion", 1), new HashMap<>()));
    }
    // stored before the type was versioned: 0
    Map<String, Object> unversioned = map("PK", "NODE#n2", "__typename", "Note", "id", "n2", "text", "a");
    Map<String, Object> stash = new HashMap<>();
    assertTrue(update("Note", unversioned, map("id", "n2", "expectedVersion", 0), stash) instanceof JsonNode);
    assertEquals(1, ((Map<?, ?>) stash.get("item")).get("version"));
    assertEquals("ConflictingVersion: Note n2 is at version 0, not the expected version 1",
        update("Note", unversioned, map("id", "n2", "expectedVersion", 1), new HashMap<>()));
  }

  @Test
  void aUnitDeleteIsConditionedOnTheExpectedVersion() throws Exception {
    JsonNode plain = run("appsync/resolvers/Mutation.deleteNote.request.vtl", ctx(map("id", "n1"), new HashMap<>()));
    assertEquals("#t = :t AND id = :id", plain.path("condition").path("expression").asText(), "unchanged without one");
    Map<String, Object> stash = new HashMap<>();
    JsonNode expecting = run("appsync/resolvers/Mutation.deleteNote.request.vtl",
        ctx(map("id", "n1", "expectedVersion", 3), stash));
    assertEquals("#t = :t AND id = :id AND #v = :v", expecting.path("condition").path("expression").asText());
    assertEquals("3", expecting.path("condition").path("expressionValues").path(":v").path("S").asText());
    assertEquals("(attribute_not_exists(#v) OR #v = :v)", run("appsync/resolvers/Mutation.deleteNote.request.vtl",
        ctx(map("id", "n1", "expectedVersion", 0), new HashMap<>())).path("condition").path("expression").asText()
        .replace("#t = :t AND id = :id AND ", ""));

    // the failed condition: AppSync's result is the current item
    Map<String, Object> failed = ctx(map("id", "n1", "expectedVersion", 3), stash);
    failed.put("error", Map.of("type", "DynamoDB:ConditionalCheckFailedException", "message", "failed"));
    failed.put("result", map("__typename", "Note", "id", "n1", "version", new BigDecimal("4")));
    assertEquals("ConflictingVersion: Note n1 is at version 4, not the expected version 3",
        refusal("appsync/resolvers/Mutation.deleteNote.response.vtl", failed));
    failed.put("result", map("__typename", "Page", "id", "n1", "version", 3));
    assertEquals("NotFound: Note not found", refusal("appsync/resolvers/Mutation.deleteNote.response.vtl", failed),
        "another type's item under the id");
  }

  @Test
  void aPipelineDeleteComparesTheVersionReadAndIsConditionedOnIt() throws Exception {
    Map<String, Object> current = map("PK", "NODE#p1", "__typename", "Page", "id", "p1", "slug", "s", "version", 5L);
    for (Object expected : new Object[] {null, 5, 4}) {
      Map<String, Object> stash = new HashMap<>();
      Map<String, Object> args = map("id", "p1", "expectedVersion", expected);
      run("appsync/resolvers/Mutation.deletePage.before.vtl", ctx(args, stash));
      Map<String, Object> write = ctx(args, stash);
      write.put("prev", Map.of("result", current));
      if (Integer.valueOf(4).equals(expected)) {
        assertEquals("ConflictingVersion: Page p1 is at version 5, not the expected version 4",
            refusal("appsync/functions/DeleteItem.request.vtl", write));
        continue;
      }
      JsonNode request = run("appsync/functions/DeleteItem.request.vtl", write);
      JsonNode node = request.path("transactItems").get(0).path("condition");
      assertEquals(expected != null, node.path("expression").asText().contains("#v = :v"), request.toString());
      assertEquals(2, request.path("transactItems").size(), "the node and its unique item");
    }
  }
}
