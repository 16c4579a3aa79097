package io.singletable.render.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.output.GeneratedFile;
import io.singletable.source.SchemaSource;
import io.singletable.source.SchemaSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The access-pattern document lists, with {@code @auth}, who may call each operation and read each relation. */
class AccessPatternAuthTest {
  private static String document(String sdl) {
    var options = GeneratorOptions.of(Path.of("schema.graphql"), Path.of("unused"));
    var planned = new Generator().plan(List.of(SchemaSources.bundledDirectives(),
        new SchemaSource("schema.graphql", sdl, false)), options);
    GeneratedFile doc = planned.plan().files().stream().filter(f -> f.path().equals("access-patterns.md"))
        .findFirst().orElseThrow();
    return new String(doc.content(), StandardCharsets.UTF_8);
  }

  /** The row of the table whose first cell is {@code name}. */
  private static String row(String doc, String name) {
    return doc.lines().filter(l -> l.startsWith("| `" + name)).findFirst().orElseThrow(() -> new AssertionError(name));
  }

  @Test
  void eachOperationAndRelationSaysWhoMayUseIt() {
    String doc = document("""
        type Post @model @auth(rules: [{ allow: owner }, { allow: private, operations: [read] },
            { allow: groups, groups: ["Admin"], operations: [delete] }]) {
          id: ID!
          owner: String
          notes: [Note] @hasMany(field: "postId")
        }
        type Note @model {
          id: ID!
          postId: ID
          post: Post @belongsTo(field: "postId")
        }
        """);
    assertTrue(doc.contains("| access pattern | kind | DynamoDB | key | allowed for |"), doc);
    assertTrue(row(doc, "Query.getPost").endsWith("| owner (`owner` = claim `sub`) or signed in (userPools) |"), doc);
    assertTrue(row(doc, "Mutation.createPost").endsWith("| owner (`owner` = claim `sub`) |"), doc);
    String delete = row(doc, "Mutation.deletePost");
    assertTrue(delete.endsWith("| owner (`owner` = claim `sub`) or groups `Admin` |"), delete);
    assertTrue(delete.contains("| GetItem + TransactWriteItems |"), "an owner rule reads the item first: " + delete);
    assertTrue(row(doc, "Mutation.deleteNote").endsWith("| open |"), doc);
    assertTrue(row(doc, "Note.post").contains("(an item a caller may not read is null)"), doc);
    assertTrue(row(doc, "Post.notes").endsWith("| open |"), doc);
  }

  @Test
  void withoutRulesTheTableKeepsItsFourColumns() {
    String doc = document("type Farm @model {\n  id: ID!\n}\n");
    assertFalse(doc.contains("allowed for"), doc);
    assertEquals(1, doc.lines().filter(l -> l.equals("| access pattern | kind | DynamoDB | key |")).count(), doc);
  }
}
