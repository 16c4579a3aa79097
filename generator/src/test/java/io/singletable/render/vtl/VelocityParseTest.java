package io.singletable.render.vtl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.TestSchemas;
import io.singletable.output.GeneratedFile;
import io.singletable.output.OutputPlan;
import io.singletable.source.SchemaSources;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.context.InternalContextAdapterImpl;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.node.SimpleNode;
import org.junit.jupiter.api.Test;

/** AppSync VTL is Velocity: every generated template must parse, whatever the schema's names. */
class VelocityParseTest {
  /** Names that are Velocity directives when they follow a '#'. */
  private static final String TRAPS = """
      type End @model {
        id: ID!
        end: String! @unique
        else: Int
        stop: String
        break: Boolean
        elseif: AWSDateTime
        foreach: String
        set: String
        macro: String
        evaluate: String
        define: String
        parentId: ID
        parent: Stop @belongsTo(field: "parentId")
      }
      type Stop @model {
        id: ID!
        stop: String @unique(ignoreCase: false)
        ends: [End] @hasMany(field: "parentId", sortBy: ["end", "else", "break", "elseif"], nulls: FIRST, onlyIf: "break")
        endIds: [ID]
        endList: [End] @belongsTo(field: "endIds")
      }
      union Else = End | Stop
      """;

  private static List<GeneratedFile> vtl(OutputPlan plan) {
    return plan.files().stream().filter(f -> f.path().endsWith(".vtl")).toList();
  }

  /** Parses each template and initialises its nodes, which also parses interpolated string literals. */
  private static void assertParses(List<GeneratedFile> files) throws Exception {
    RuntimeInstance velocity = new RuntimeInstance();
    velocity.init();
    assertFalse(files.isEmpty());
    for (GeneratedFile f : files) {
      String text = new String(f.content(), StandardCharsets.UTF_8);
      Template template = new Template();
      template.setName(f.path());
      SimpleNode node = assertDoesNotThrow(() -> velocity.parse(new StringReader(text), template), f.path());
      assertDoesNotThrow(() -> node.init(new InternalContextAdapterImpl(new VelocityContext()), velocity), f.path());
      assertTrue(node.jjtGetNumChildren() > 0, f.path());
    }
  }

  @Test
  void everySampleTemplateParses() throws Exception {
    for (String sample : List.of("farm", "social")) {
      var options = TestSchemas.sampleOptions(sample, Path.of("unused"));
      assertParses(vtl(new Generator().plan(SchemaSources.load(options.schema(), null), options).plan()));
    }
  }

  @Test
  void templatesParseWhenNamesAreVelocityDirectives() throws Exception {
    List<GeneratedFile> files = vtl(TestSchemas.plan(TRAPS).plan());
    assertTrue(files.stream().anyMatch(f -> f.path().contains("End.end") || f.path().contains("Stop.ends")));
    for (String function : List.of("ReadItem", "UpdateItem", "DeleteItem")) {
      for (String part : List.of(".request.vtl", ".response.vtl")) {
        assertTrue(files.stream().anyMatch(f -> f.path().equals("appsync/functions/" + function + part)), function + part);
      }
    }
    assertTrue(files.stream().anyMatch(f -> f.path().endsWith("Mutation.updateEnd.before.vtl")));
    assertParses(files);
  }

  @Test
  void versionedTypesTemplatesParse() throws Exception {
    // one versioned type with a unit delete, one with unique fields and @auth (pipeline delete, functions with rules)
    List<GeneratedFile> files = vtl(TestSchemas.plan("""
        type End @model(versioned: true) { id: ID! stop: String }
        type Stop @model(versioned: true) @auth(rules: [{ allow: public, provider: apiKey }]) {
          id: ID!
          end: String @unique
          version: Int
        }
        """).plan());
    for (String path : List.of("appsync/resolvers/Mutation.deleteEnd.request.vtl",
        "appsync/resolvers/Mutation.deleteEnd.response.vtl", "appsync/functions/UpdateItem.request.vtl",
        "appsync/functions/UpdateItem.response.vtl", "appsync/functions/DeleteItem.request.vtl",
        "appsync/functions/DeleteItem.response.vtl")) {
      assertTrue(files.stream().anyMatch(f -> f.path().equals(path) && new String(f.content(), StandardCharsets.UTF_8)
          .contains("expectedVersion")), path + " checks the expected version");
    }
    assertTrue(files.stream().anyMatch(f -> f.path().equals("appsync/resolvers/Mutation.deleteStop.before.vtl")
        && new String(f.content(), StandardCharsets.UTF_8).contains("'versioned': true")));
    assertParses(files);
  }

  @Test
  void manyToManyTemplatesParseSortedAndGuarded() throws Exception {
    // a sorted side with @auth on both types and on a relation field: every m2m template and function, with rules
    List<GeneratedFile> files = vtl(TestSchemas.plan("""
        type Post @model @auth(rules: [{ allow: owner }, { allow: private, operations: [read] }]) {
          id: ID!
          title: String!
          owner: String
          tags: TagConnection @manyToMany(relationName: "PostTag", sortBy: ["label"])
        }
        type Tag @model @auth(rules: [{ allow: groups, groups: ["Editors"] }]) {
          id: ID!
          label: String! @unique
          posts: [Post] @manyToMany(relationName: "PostTag", sortBy: ["title"]) @auth(rules: [{ allow: private }])
        }
        """).plan());
    for (String path : List.of("appsync/functions/LinkItems.request.vtl", "appsync/functions/ReadKeys.request.vtl",
        "appsync/resolvers/Mutation.addPostTag.before.vtl", "appsync/resolvers/Mutation.removePostTag.before.vtl")) {
      assertTrue(files.stream().anyMatch(f -> f.path().equals(path)), path);
    }
    assertTrue(files.stream().anyMatch(f -> f.path().equals("appsync/functions/LinkItems.request.vtl")
        && new String(f.content(), StandardCharsets.UTF_8).contains("Not Authorized to change the links")));
    assertParses(files);
  }
}
