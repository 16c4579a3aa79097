package io.singletable.validate;

import io.singletable.parse.Spans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.TestSchemas;
import io.singletable.diag.SchemaException;
import io.singletable.diag.SourceSpan;
import io.singletable.diag.SourceText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Details of the rules that the negative goldens do not pin down on their own. */
class ValidationDetailsTest {

  private static final String FARM = """
      type Farm @model {
        id: ID!
        name: String! @unique
        "Old field kept for clients that still ask for it."
        acres: Int @deprecated(reason: "use hectares")
        hectares: Float
      }
      """;

  @Test
  void deprecatedIsAKnownDirectiveAndKeptInTheDeployableSchema() {
    var planned = TestSchemas.plan(FARM);
    String schema = new String(planned.plan().get(Generator.SCHEMA).orElseThrow().content(), StandardCharsets.UTF_8);
    assertTrue(schema.contains("acres: Int @deprecated(reason: \"use hectares\")"), schema);
  }

  @Test
  void deprecatedIsCheckedLikeAnyOtherDirective() {
    SchemaException e = assertThrows(SchemaException.class, () -> TestSchemas.plan("""
        type Farm @model @deprecated {
          id: ID!
          acres: Int @deprecated(since: "2024")
        }
        """));
    assertEquals(List.of(
        "schema.graphql:1:18: error[ST006]: @deprecated is not allowed on the object type Farm"
            + " (only on fields, enum values, arguments and input fields)",
        "schema.graphql:3:26: error[ST003]: @deprecated has no argument since (arguments: reason)"),
        e.formatted().lines().filter(l -> l.startsWith("schema.graphql")).toList());
  }

  @Test
  void suggestionsNeedACloseEnoughName() {
    assertEquals("farmId", Suggest.closest("farmID", List.of("farm", "farmId", "name")));
    assertEquals("name", Suggest.closest("nmae", List.of("breed", "name")), "a swap is one edit");
    assertNull(Suggest.closest("key", List.of("get", "model")), "two edits are too many for a short name");
    assertEquals("isMilking", Suggest.closest("milking", List.of("forSale", "isMilking")));
    assertNull(Suggest.closest("name", List.of("name")), "never the name itself");
    assertEquals("; did you mean @hasMany?", Suggest.didYouMean("hasmany", List.of("hasMany", "hasOne"), "@"));
    assertEquals("", Suggest.didYouMean("zzz", List.of("hasMany")));
    assertEquals(1, Suggest.distance("ab", "ba"));
    assertEquals(3, Suggest.distance("", "abc"));
    assertEquals("a, b and c", Suggest.and(List.of("a", "b", "c")));
    assertEquals("a", Suggest.and(List.of("a")));
  }

  @Test
  void aDescribedNodeIsReportedAtTheTokenAfterItsDescription() {
    SourceText text = new SourceText();
    text.put("s.graphql", String.join("\n",
        "type A {",
        "  \"one \\\" line\" x: Int",
        "  \"\"\"",
        "  block with \\\"\"\" and \"quotes\"",
        "  \"\"\"",
        "  # comment",
        "  , y: Int",
        "  \"unterminated",
        "  z: Int",
        "}"));
    assertEquals(new SourceSpan("s.graphql", 2, 17), Spans.skipDescription(text, new SourceSpan("s.graphql", 2, 3)));
    assertEquals(new SourceSpan("s.graphql", 7, 5), Spans.skipDescription(text, new SourceSpan("s.graphql", 3, 3)));
    assertNull(Spans.skipDescription(text, new SourceSpan("s.graphql", 8, 3)), "no closing quote on the line");
    assertNull(Spans.skipDescription(text, new SourceSpan("s.graphql", 9, 3)), "not a string");
    assertNull(Spans.skipDescription(text, new SourceSpan("other.graphql", 1, 1)), "unknown file");
  }
}
