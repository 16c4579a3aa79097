package io.singletable.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.GraphQLScalarType;
import io.singletable.Generator;
import io.singletable.TestSchemas;
import io.singletable.source.SchemaSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deployable schema is valid GraphQL for AppSync: our directives gone, AWS scalars undeclared, everything defined. */
class DeployableSchemaTest {
  private static final List<String> AWS = List.of("AWSDate", "AWSTime", "AWSDateTime", "AWSTimestamp", "AWSEmail",
      "AWSJSON", "AWSURL", "AWSPhone", "AWSIPAddress");

  private static String schema(String sample) throws Exception {
    var options = TestSchemas.sampleOptions(sample, Path.of("unused"));
    var plan = new Generator().plan(SchemaSources.load(options.schema(), null), options).plan();
    return new String(plan.get(Generator.SCHEMA).orElseThrow().content(), StandardCharsets.UTF_8);
  }

  @Test
  void samplesBuildAsExecutableSchemasWithAwsScalarsProvided() throws Exception {
    for (String sample : List.of("farm", "social")) {
      String sdl = schema(sample);
      for (String d : List.of("@model", "@unique", "@hasMany", "@belongsTo", "@hasOne", "@get")) {
        assertFalse(sdl.contains(d), sample + " still has " + d);
      }
      for (String s : AWS) {
        assertFalse(sdl.contains("scalar " + s), "AppSync rejects a declared " + s);
      }
      TypeDefinitionRegistry reg = new graphql.schema.idl.SchemaParser().parse(sdl
          + "directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION\n");
      RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
      for (String s : AWS) {
        reg.add(graphql.language.ScalarTypeDefinition.newScalarTypeDefinition().name(s).build());
        wiring.scalar(GraphQLScalarType.newScalar().name(s).coercing(graphql.Scalars.GraphQLString.getCoercing()).build());
      }
      wiring.wiringFactory(new graphql.schema.idl.MockedWiringFactory());
      var built = new SchemaGenerator().makeExecutableSchema(reg, wiring.build());
      assertTrue(built.getQueryType().getFieldDefinitions().size() >= 3, sample);
      assertTrue(built.getMutationType() != null, sample);
      assertTrue(built.getSubscriptionType().getFieldDefinitions().size() >= 3, sample);
    }
  }

  @Test
  void relationFieldsGetPagingArgumentsAndConnectionsAreGenerated() throws Exception {
    String sdl = schema("farm");
    assertTrue(sdl.contains("  cows(limit: Int, sortDirection: SortDirection): [Cow]\n"));
    assertTrue(sdl.contains("  animals(limit: Int, nextToken: String, sortDirection: SortDirection): AnimalConnection\n"));
    assertTrue(sdl.contains("type AnimalConnection {\n  items: [Animal]\n  nextToken: String\n}\n"));
    assertTrue(sdl.contains("enum SortDirection {\n  ASC\n  DESC\n}\n"));
  }

  @Test
  void inputsKeepNonNullOnCreateAndMakeEverythingOptionalOnUpdate() throws Exception {
    String sdl = schema("social");
    assertTrue(sdl.contains("input CreateUserInput {\n  id: ID\n  email: AWSEmail!\n  firstName: String!\n"), sdl);
    assertTrue(sdl.contains("input UpdateUserInput {\n  id: ID!\n  email: AWSEmail\n  firstName: String\n"), sdl);
    assertFalse(sdl.contains("  createdAt: AWSDateTime\n  updatedAt: AWSDateTime\n}\n\ninput"),
        "automatic timestamps are not input fields");
    int userInput = sdl.indexOf("input CreateUserInput");
    assertFalse(sdl.substring(userInput, sdl.indexOf('}', userInput)).contains("createdAt"));
  }

  @Test
  void keepsAppSyncDirectivesAndDescriptions() {
    var planned = TestSchemas.plan("\"\"\"\nA thing.\nWith \"quotes\".\n\"\"\"\n"
        + "type T @model @aws_api_key { id: ID! name: String @aws_iam }\n");
    String sdl = new String(planned.plan().get(Generator.SCHEMA).orElseThrow().content(), StandardCharsets.UTF_8);
    assertTrue(sdl.contains("type T @aws_api_key {\n"), sdl);
    assertTrue(sdl.contains("  name: String @aws_iam\n"), sdl);
    assertTrue(sdl.contains("\"\"\"\nA thing.\nWith \"quotes\".\n\"\"\"\ntype T"), sdl);
    assertEquals(sdl, sdl.stripTrailing() + "\n");
  }

  @Test
  void versionedTypesGetTheirVersionAndExpectedVersionAndOnlyThey() {
    var planned = TestSchemas.plan("""
        type Note @model(versioned: true) { id: ID! text: String! createdAt: AWSDateTime }
        type Page @model(versioned: true) { id: ID! title: String version: Int }
        type Tag @model { id: ID! label: String }
        """);
    String sdl = new String(planned.plan().get(Generator.SCHEMA).orElseThrow().content(), StandardCharsets.UTF_8);
    assertTrue(sdl.contains("type Note {\n  id: ID!\n  text: String!\n  createdAt: AWSDateTime\n"
        + "  \"The item's version: 1 when created, one more on every update (set by the resolvers).\"\n"
        + "  version: Int!\n}\n"), sdl);
    assertTrue(sdl.contains("type Page {\n  id: ID!\n  title: String\n  version: Int\n}\n"),
        "a declared version is kept as declared, not doubled: " + sdl);
    assertTrue(sdl.contains("type Tag {\n  id: ID!\n  label: String\n}\n"), sdl);
    assertTrue(sdl.contains("input CreateNoteInput {\n  id: ID\n  text: String!\n}\n"), "no version on create: " + sdl);
    assertTrue(sdl.contains("input UpdateNoteInput {\n  id: ID!\n  text: String\n"
        + "  \"Refuses the update (errorType ConflictingVersion) unless the stored version is this one.\"\n"
        + "  expectedVersion: Int\n}\n"), sdl);
    assertTrue(sdl.contains("input UpdatePageInput {\n  id: ID!\n  title: String\n  \"Refuses"), sdl);
    assertTrue(sdl.contains("input UpdateTagInput {\n  id: ID!\n  label: String\n}\n"), sdl);
    assertTrue(sdl.contains("  deleteNote(id: ID!, expectedVersion: Int): Note\n"), sdl);
    assertTrue(sdl.contains("  deletePage(id: ID!, expectedVersion: Int): Page\n"), sdl);
    assertTrue(sdl.contains("  deleteTag(id: ID!): Tag\n"), sdl);
    assertEquals(4, sdl.split("expectedVersion", -1).length - 1,
        "only in the versioned types' update inputs and deletes: " + sdl);
  }

  @Test
  void declaredOperationsOfAVersionedTypeMayTakeTheExpectedVersion() {
    var planned = TestSchemas.plan("""
        type Note @model(versioned: true, operations: [GET]) { id: ID! text: String }
        type Mutation {
          editNote(input: NoteChange!): Note @update
          editNoteBlindly(input: NoteText!): Note @update
          dropNote(id: ID!, expectedVersion: Int): Note @delete
          dropNoteBlindly(id: ID!): Note @delete
        }
        input NoteChange { id: ID! text: String expectedVersion: Int }
        input NoteText { id: ID! text: String }
        """);
    String sdl = new String(planned.plan().get(Generator.SCHEMA).orElseThrow().content(), StandardCharsets.UTF_8);
    assertTrue(sdl.contains("  dropNote(id: ID!, expectedVersion: Int): Note\n"), sdl);
    assertTrue(sdl.contains("input NoteChange {\n  id: ID!\n  text: String\n  expectedVersion: Int\n}\n"), sdl);
  }
}
