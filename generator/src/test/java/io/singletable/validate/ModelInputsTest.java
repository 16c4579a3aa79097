package io.singletable.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.TestSchemas;
import io.singletable.diag.SchemaException;
import io.singletable.render.java.GeneratedJava;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Declared {@code @create}/{@code @update} inputs against the model (ST035–ST039): what a well-formed
 * input may do, and that the inputs the generator makes itself pass the same checks.
 */
class ModelInputsTest {
  private static final String BOOKS = read();

  private static String read() {
    try {
      return Files.readString(Path.of("src", "test", "resources", "scenarios", "declared-inputs", "schema.graphql"),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void wellFormedDeclaredInputsGenerate() {
    var planned = TestSchemas.plan(BOOKS);
    String schema = new String(planned.plan().get(Generator.SCHEMA).orElseThrow().content(), StandardCharsets.UTF_8);
    assertTrue(schema.contains("addBook(input: NewBook!): Book"), schema);
    assertTrue(schema.contains("retitleBook(input: Retitle!): Book"), schema);
    assertTrue(schema.contains("input Retitle {"), schema);
    assertTrue(schema.contains("input CreateAuthorInput {"), "the default create of Author is generated: " + schema);
  }

  @Test
  void eachProblemOfASharedInputIsReportedOnce() {
    SchemaException e = assertThrows(SchemaException.class, () -> TestSchemas.plan(
        BOOKS.replace("  pages: Int!\n  tags: [String!]!\n", "  pages: String\n")));
    List<String> lines = e.formatted().lines().filter(l -> l.startsWith("schema.graphql")).toList();
    assertEquals(1, lines.stream().filter(l -> l.contains("NewBook.pages: String does not match Book.pages: Int")).count(),
        "one finding though NewBook serves addBook and importBook: " + lines);
    assertEquals(1, lines.size(), "tags is optional in the model: " + lines);
  }

  @Test
  void anInputServingACreateAndAnUpdateShowsEachProblemOnce() {
    SchemaException e = assertThrows(SchemaException.class, () -> TestSchemas.plan("""
        type Book @model { id: ID! title: String! pages: Int }
        type Mutation {
          addBook(input: BookInput!): Book @create
          editBook(input: BookInput!): Book @update
        }
        input BookInput { id: ID! pages: String }
        """));
    assertEquals(List.of(
        "schema.graphql:6:1: error[ST038]: input BookInput, a create input of Book, lacks the field title: String!,"
            + " required by Book.title (schema.graphql:1:28)",
        "schema.graphql:6:27: error[ST037]: BookInput.pages: String does not match Book.pages: Int"
            + " (schema.graphql:1:43); a create input of Book takes Int or Int!"),
        e.formatted().lines().filter(l -> l.startsWith("schema.graphql")).toList());
  }

  @Test
  void updatedAtOfTypeAwsDateTimeIsAutomaticEvenWhenRequired() {
    // Book.updatedAt is AWSDateTime!: the resolvers set it, so a create input need not (and may not) carry it
    TestSchemas.plan(BOOKS);
    SchemaException e = assertThrows(SchemaException.class,
        () -> TestSchemas.plan(BOOKS.replace("  authorId: ID\n}\ninput BookChanges",
            "  authorId: ID\n  updatedAt: AWSDateTime!\n}\ninput BookChanges")));
    assertTrue(e.formatted().contains("error[ST035]: NewBook.updatedAt: Book.updatedAt is set by the resolvers"),
        e.formatted());
  }

  /**
   * The generated inputs follow the rules: defining every generated {@code CreateTInput}/{@code UpdateTInput}
   * in the schema itself, verbatim, passes validation and leaves them as they were in the deployable schema.
   */
  @Test
  void theGeneratedInputsPassTheChecksOfDeclaredOnes() throws IOException {
    List<String> schemas = new ArrayList<>(List.of(GeneratedJava.KITCHEN_SINK, BOOKS));
    for (String sample : List.of("farm", "social")) {
      schemas.add(Files.readString(TestSchemas.sampleSchema(sample).resolve(sample + ".graphql"), StandardCharsets.UTF_8));
    }
    Pattern input = Pattern.compile("(?m)^input (Create|Update)\\w+Input \\{\\n(  .*\\n)*\\}\\n");
    for (String sdl : schemas) {
      String deployable = deployable(sdl);
      Matcher m = input.matcher(deployable);
      StringBuilder own = new StringBuilder(sdl).append('\n');
      List<String> inputs = new ArrayList<>();
      while (m.find()) {
        own.append(m.group()).append('\n');
        inputs.add(m.group());
      }
      assertTrue(inputs.size() >= 2, "generated inputs found in " + deployable);
      String again = deployable(own.toString());
      for (String in : inputs) {
        assertTrue(again.contains(in), "declared as generated, kept as declared: " + in + " in " + again);
      }
      assertEquals(deployable.length(), again.length(), "nothing added or lost");
    }
  }

  private static String deployable(String sdl) {
    var planned = TestSchemas.plan(sdl);
    return new String(planned.plan().get(Generator.SCHEMA).orElseThrow().content(), StandardCharsets.UTF_8);
  }
}
