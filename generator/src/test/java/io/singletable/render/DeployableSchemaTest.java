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
      TypeDefinitionRegistry reg = new graphql.schema.idl.SchemaParser().parse(sdl);
      RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
      for (String s : AWS) {
        reg.add(graphql.language.ScalarTypeDefinition.newScalarTypeDefinition().name(s).build());
        wiring.scalar(GraphQLScalarType.newScalar().name(s).coercing(graphql.Scalars.GraphQLString.getCoercing()).build());
      }
      wiring.wiringFactory(new graphql.schema.idl.MockedWiringFactory());
      var built = new SchemaGenerator().makeExecutableSchema(reg, wiring.build());
      assertTrue(built.getQueryType().getFieldDefinitions().size() >= 3, sample);
      assertTrue(built.getMutationType() != null, sample);
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
}
