package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.cfn.GeneratedSchemas;
import io.singletable.harness.AppSyncSimulator;
import io.singletable.harness.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend too large for one stack operation, run end to end: 300 chained models (about 2,100 resolvers)
 * give the root template, three nested stacks and a group stack deployed after the root, which imports the
 * API, the data source and the shared functions from the root's exports. Operations of types placed in
 * the root and in the group stack, and relations crossing them, answer over real GraphQL requests.
 */
@Tag("simulator")
class SplitBackendScenarioTest {
  private static final int MODELS = 300;
  @TempDir
  static Path out;
  static Backend backend;

  @BeforeAll
  static void start() throws Exception {
    Path schema = out.resolve("schema.graphql");
    Files.writeString(schema, GeneratedSchemas.models(MODELS));
    new Generator().generate(GeneratorOptions.of(schema, out.resolve("backend")));
    backend = Backend.start(out.resolve("backend"));
  }

  @AfterAll
  static void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  /** The template declaring the resolver of {@code field}. */
  private static String stackOf(String type, String field) throws Exception {
    Pattern p = Pattern.compile("TypeName: " + type + "\n\\s+FieldName: " + field + "\n");
    try (Stream<Path> files = Files.walk(out.resolve("backend"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Matcher m = p.matcher(Files.readString(f));
        if (m.find()) {
          return out.resolve("backend").relativize(f).toString().replace('\\', '/');
        }
      }
    }
    throw new AssertionError("no resolver for " + type + "." + field);
  }

  @Test
  void theGroupStackIsDeployedAfterTheRootAndServesItsTypes() throws Exception {
    AppSyncSimulator simulator = backend.simulator();
    assertTrue(simulator.stacks().stream().anyMatch(s -> s.template().startsWith("stacks/group-")),
        "a group stack is loaded: " + simulator.stacks());
    assertEquals("template.yaml", stackOf("Query", "getItem000"));
    String last = "Item" + (MODELS - 1);
    String lastStack = stackOf("Mutation", "update" + last);
    assertTrue(lastStack.matches("stacks/resolvers-(0[4-9]|[1-9]\\d)\\.yaml"), "nested in a group: " + lastStack);
    assertEquals(lastStack, stackOf(last, "parent"), "a type's resolvers stay together");

    String first = backend.graphql("mutation { createItem000(input: {name: \"root\"}) { id } }")
        .requireNoErrors().data("/createItem000/id").asText();
    String before = "Item" + (MODELS - 2);
    String parent = backend.graphql("mutation { create" + before + "(input: {name: \"p\"}) { id } }")
        .requireNoErrors().data("/create" + before + "/id").asText();
    String child = backend.graphql("mutation($p: ID!, $f: ID!) { create" + last
        + "(input: {name: \"c\", parentId: $p, friendId: $f, rank: 1}) { id } }", Map.of("p", parent, "f", first))
        .requireNoErrors().data("/create" + last + "/id").asText();

    var read = backend.graphql("query($id: ID!) { get" + last + "(id: $id) { name parent { id children { id } }"
        + " friend { id name } } }", Map.of("id", child)).requireNoErrors().data("/get" + last);
    assertEquals("c", read.path("name").asText());
    assertEquals(parent, read.path("parent").path("id").asText());
    assertEquals(child, read.path("parent").path("children").get(0).path("id").asText());
    assertEquals("root", read.path("friend").path("name").asText(), "a relation into a type of the root");

    backend.resetCounts();
    var updated = backend.graphql("mutation($id: ID!) { update" + last + "(input: {id: $id, name: \"c2\"}) { name } }",
        Map.of("id", child)).requireNoErrors().data("/update" + last);
    assertEquals("c2", updated.path("name").asText());
    assertEquals(Map.of("GetItem", 1, "TransactWriteItems", 1), backend.requestCounts(),
        "the shared functions, imported from the root, read once and write once");
    assertEquals(child, backend.graphql("query { " + lowerFirst(last) + "ByName(name: \"c2\") { id } }")
        .requireNoErrors().data("/" + lowerFirst(last) + "ByName/id").asText(), "the unique item moved with the name");
    backend.graphql("mutation($id: ID!) { delete" + last + "(id: $id) { id } }", Map.of("id", child)).requireNoErrors();
    assertTrue(backend.graphql("query($id: ID!) { get" + last + "(id: $id) { id } }", Map.of("id", child))
        .requireNoErrors().data("/get" + last).isNull());
  }

  private static String lowerFirst(String s) {
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
