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
}
