package io.singletable.render.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.model.KeyStrategy;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.exception.MethodInvocationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key spaces are disjoint by construction: the generated create resolvers, run on Apache Velocity
 * (AppSync's engine) with adversarial ids and unique values under type names chosen to look like
 * each other's keys, never give two logical items (a node, or a unique value of a type's field) one
 * {@code PK}. Ids the resolvers refuse (InvalidId) write nothing; every other id is accepted.
 */
class KeySpaceVelocityTest {
  static final String SCHEMA = """
      type Member @model { id: ID! handle: String! @unique alias: String @unique(ignoreCase: false) }
      type Handle @model { id: ID! member: String @unique }
      type MemberHandle @model { id: ID! handle: String @unique }
      type Node @model { id: ID! handle: String @unique }
      """;

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;




  /** The PKs the create request writes, or null when it refuses the id. */
  private static List<String> keysWritten(VelocityEngine velocity, String vtl, Map<String, Object> input) throws Exception {
    Map<String, Object> ctx = new HashMap<>();
    ctx.put("args", Map.of("input", input));
    ctx.put("env", Map.of("TABLE_NAME", "T"));
    ctx.put("stash", new HashMap<String, Object>());
    VelocityContext context = new VelocityContext();
    context.put("util", new AppSyncUtil());
    context.put("ctx", ctx);
    StringWriter out = new StringWriter();
    try {
      velocity.evaluate(context, out, "create", vtl);
    } catch (MethodInvocationException e) {
      assertTrue(e.getCause().getMessage().startsWith("InvalidId: "), e.getCause().getMessage());
      return null;
    }
    JsonNode request = JSON.readTree(out.toString().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
    if (request.has("transactItems")) {
      return java.util.stream.StreamSupport.stream(request.path("transactItems").spliterator(), false)
          .map(i -> i.path("key").path("PK").path("S").asText()).toList();
    }
    return List.of(request.path("key").path("PK").path("S").asText());
  }

  private static boolean validId(String id) {
    return !id.isEmpty() && id.chars().noneMatch(c -> c == '#' || c < 0x20 || c == 0x7f);
  }

  @ParameterizedTest
  @EnumSource(KeyStrategy.class)
  void noTwoLogicalItemsShareAKey(KeyStrategy keys) throws Exception {
    Path schema = Files.createDirectories(dir.resolve("schema")).resolve("schema.graphql");
    Files.writeString(schema, SCHEMA);
    Path out = dir.resolve("out");
    new Generator().generate(new GeneratorOptions(schema, null, out, null, keys, 20, null));
    VelocityEngine velocity = new VelocityEngine();
    velocity.init();
    Map<String, List<String>> uniqueFields = new LinkedHashMap<>();
    uniqueFields.put("Member", List.of("handle", "alias"));
    uniqueFields.put("Handle", List.of("member"));
    uniqueFields.put("MemberHandle", List.of("handle"));
    uniqueFields.put("Node", List.of("handle"));
    Map<String, String> templates = new HashMap<>();
    for (String type : uniqueFields.keySet()) {
      templates.put(type, Files.readString(out.resolve("appsync/resolvers/Mutation.create" + type + ".request.vtl")));
    }
    String alphabet = "#aA1_-\u0000\u0001\u001f\u007f é";
    List<String> words = List.of("handle", "member", "Member", "NODE", "Node", "alias", "#", "");
    Random random = new Random(2024);
    Map<String, String> ownerOfKey = new HashMap<>();
    int accepted = 0;
    int refused = 0;
    for (int n = 0; n < 1500; n++) {
      String type = List.copyOf(uniqueFields.keySet()).get(random.nextInt(uniqueFields.size()));
      String id = adversarial(random, alphabet, words);
      Map<String, Object> input = new HashMap<>();
      input.put("id", id);
      Map<String, String> logical = new LinkedHashMap<>();
      logical.put("node", keys == KeyStrategy.NODE ? "node " + id : "node " + type + " " + id);
      for (String field : uniqueFields.get(type)) {
        String value = adversarial(random, alphabet, words);
        input.put(field, value);
        boolean ignoreCase = !field.equals("alias");
        logical.put(field, "unique " + type + "." + field + " " + (ignoreCase ? value.toLowerCase(Locale.ROOT) : value));
      }
      List<String> written = keysWritten(velocity, templates.get(type), input);
      assertEquals(validId(id), written != null, "id " + id.chars().boxed().toList() + " accepted iff valid");
      if (written == null) {
        refused++;
        continue;
      }
      accepted++;
      List<String> expected = List.copyOf(logical.values());
      assertEquals(expected.size(), written.size(), "one key per logical item: " + written);
      for (int i = 0; i < written.size(); i++) {
        String previous = ownerOfKey.putIfAbsent(written.get(i), expected.get(i));
        assertTrue(previous == null || previous.equals(expected.get(i)),
            "key " + written.get(i) + " names both " + previous + " and " + expected.get(i));
      }
    }
    assertTrue(accepted > 300 && refused > 300, accepted + " accepted, " + refused + " refused");
  }

  /** Concatenations of look-alike words and odd chars: ids and values that mimic keys. */
  private static String adversarial(Random random, String alphabet, List<String> words) {
    StringBuilder s = new StringBuilder();
    for (int parts = random.nextInt(4); parts > 0; parts--) {
      if (random.nextBoolean()) {
        s.append(words.get(random.nextInt(words.size())));
      } else {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
    }
    return s.length() == 0 && random.nextBoolean() ? "x" : s.toString();
  }
}
