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
  void withAuthRulesEachPatternSaysWhoMayAndAnOwnerDeleteReadsFirst() {
    var planned = TestSchemas.plan("""
        type Note @model @auth(rules: [{ allow: owner }, { allow: groups, groups: ["Admin"], operations: [delete] },
            { allow: private, operations: [read] }]) {
          id: ID!
          owner: String
          items: [Item] @hasMany(field: "noteId")
        }
        type Item @model(operations: [GET, DELETE]) { id: ID!  noteId: ID }
        """);
    String doc = new String(planned.plan().get(Generator.ACCESS_PATTERNS).orElseThrow().content(), StandardCharsets.UTF_8);
    assertTrue(doc.contains("| access pattern | kind | DynamoDB | key | who may |"), doc);
    assertTrue(doc.contains("fewer than `limit` items"), doc);
    assertTrue(doc.contains("| `Mutation.deleteNote(id: ID!): Note` | delete | GetItem + DeleteItem | `PK = NODE#<id>`, "
        + "condition `__typename = Note` and `owner` as read | owner (`owner` holds the user pool token's `sub`), "
        + "group `Admin` |"), doc);
    assertTrue(doc.contains("| `Query.getNote(id: ID!): Note` | get | GetItem | `PK = NODE#<id>`, `__typename = Note` | "
        + "owner (`owner` holds the user pool token's `sub`), signed-in (user pool) |"), doc);
    assertTrue(doc.contains("| `Mutation.deleteItem(id: ID!): Item` | delete | DeleteItem | `PK = NODE#<id>`, "
        + "condition `__typename = Item` | any caller of the API |"), doc);
    assertTrue(doc.contains("first `limit` items | any caller of the API |"), "Note.items reads open Items: " + doc);
  }

  @Test
  void withoutAuthRulesTheTableHasNoWhoColumn() {
    var planned = TestSchemas.plan("type T @model { id: ID! }");
    String doc = new String(planned.plan().get(Generator.ACCESS_PATTERNS).orElseThrow().content(), StandardCharsets.UTF_8);
    assertTrue(doc.contains("| access pattern | kind | DynamoDB | key |\n"), doc);
    assertTrue(!doc.contains("who may"), doc);
  }
}
