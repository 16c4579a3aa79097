package io.singletable.render.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.TestSchemas;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The access-pattern document names each unique item's key as the resolvers and the codec build it. */
class AccessPatternDocTest {
  @Test
  void uniqueKeysSayHowTheirValueIsWritten() {
    var planned = TestSchemas.plan("""
        enum Size { S M }
        type Part @model {
          id: ID!
          name: String @unique
          code: String @unique(ignoreCase: false)
          weight: Float @unique
          number: Int @unique
          size: Size @unique
        }
        """);
    String doc = new String(planned.plan().get(Generator.ACCESS_PATTERNS).orElseThrow().content(), StandardCharsets.UTF_8);
    for (String key : new String[] {"Part#name#<lower-cased name>", "Part#code#<code>", "Part#weight#<number-encoded weight>",
        "Part#number#<number>", "Part#size#<lower-cased size>"}) {
      assertTrue(doc.contains("`" + key + "`"), key + " in\n" + doc);
    }
  }

  @Test
  void versionedTypesSayHowTheExpectedVersionIsChecked() {
    var planned = TestSchemas.plan("""
        type Note @model(versioned: true) { id: ID! text: String }
        type Page @model(versioned: true) { id: ID! slug: String @unique }
        type Tag @model { id: ID! }
        """);
    String doc = new String(planned.plan().get(Generator.ACCESS_PATTERNS).orElseThrow().content(), StandardCharsets.UTF_8);
    assertTrue(doc.contains("| `Mutation.deleteNote(id: ID!, expectedVersion: Int): Note` | delete | DeleteItem |"), doc);
    assertTrue(doc.contains("; with `expectedVersion`: `version = :expectedVersion` (ConflictingVersion) |"), doc);
    assertTrue(doc.contains("unless the version read is that one, and `version` as read |"), doc);
    assertTrue(doc.contains("`version` + 1, and with `expectedVersion` refused"), doc);
    assertTrue(doc.contains("| `Mutation.deleteTag(id: ID!): Tag` | delete | DeleteItem | `PK = NODE#<id>`, condition "
        + "`__typename = Tag` |"), doc);
  }
}
