package io.singletable.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.diag.Diagnostic;
import io.singletable.diag.Severity;
import io.singletable.diag.SourceSpan;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fuzz test's own parts: every mutation kind changes a schema, and the location check rejects what it must. */
class SchemaMutatorTest {
  private static final String SDL = """
      type Farm @model {
        id: ID!
        name: String! @unique
        cows: [Cow] @hasMany(field: "farmId", sortBy: ["name"], nulls: FIRST)
      }
      type Cow @model { id: ID! name: String farmId: ID! farm: Farm @belongsTo(field: "farmId") }
      union Animal = Cow | Farm
      """;

  @Test
  void everyKindChangesTheSchema() {
    for (SchemaMutator.Kind kind : SchemaMutator.Kind.values()) {
      int changed = 0;
      for (int seed = 0; seed < 20; seed++) {
        List<String> log = new ArrayList<>();
        byte[] before = SDL.getBytes(StandardCharsets.UTF_8);
        byte[] after = new SchemaMutator(new Random(seed), List.of("  extra: Int")).apply(kind, before, log);
        if (!Arrays.equals(before, after)) {
          changed++;
          assertFalse(log.isEmpty(), kind + " says what it did");
        }
      }
      assertTrue(changed >= 15, kind + " changed the schema " + changed + " times of 20");
    }
  }

  @Test
  void byteDamageProducesInvalidUtf8() {
    int invalid = 0;
    for (int seed = 0; seed < 50; seed++) {
      byte[] damaged = new SchemaMutator(new Random(seed), List.of())
          .apply(SchemaMutator.Kind.BYTES, SDL.getBytes(StandardCharsets.UTF_8), new ArrayList<>());
      try {
        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(damaged));
      } catch (CharacterCodingException e) {
        invalid++;
      }
    }
    assertTrue(invalid >= 20, "invalid UTF-8 in " + invalid + " of 50");
  }

  @Test
  void aDiagnosticMustPointInsideACaseFile() {
    Map<String, byte[]> files = Map.of("a.graphql", "type A {\n  x: Int\n}\n".getBytes(StandardCharsets.UTF_8));
    assertNull(SchemaFuzzTest.unlocated(at("a.graphql", 2, 3), files));
    assertNull(SchemaFuzzTest.unlocated(at("a.graphql", 2, 9), files), "just past the end of the line");
    assertNull(SchemaFuzzTest.unlocated(at("a.graphql", 4, 1), files), "the empty last line");
    assertNotNull(SchemaFuzzTest.unlocated(at("a.graphql", 0, 1), files));
    assertNotNull(SchemaFuzzTest.unlocated(at("a.graphql", 5, 1), files));
    assertNotNull(SchemaFuzzTest.unlocated(at("a.graphql", 2, 10), files));
    assertNotNull(SchemaFuzzTest.unlocated(at("a.graphql", 1, 0), files));
    assertNotNull(SchemaFuzzTest.unlocated(at("<generated>", 0, 0), files));
    assertNotNull(SchemaFuzzTest.unlocated(at("singletable-directives.graphql", 1, 1), files));
  }

  @Test
  void theLexerKeepsEveryCharacter() {
    StringBuilder sb = new StringBuilder();
    SchemaMutator.tokens(SDL + "\"\"\"block \"\"\" # c\n\u00e9\u0000").forEach(t -> sb.append(t.text()));
    assertEquals(SDL + "\"\"\"block \"\"\" # c\n\u00e9\u0000", sb.toString());
  }

  private static Diagnostic at(String file, int line, int column) {
    return new Diagnostic(Severity.ERROR, "ST001", "x", new SourceSpan(file, line, column));
  }
}
