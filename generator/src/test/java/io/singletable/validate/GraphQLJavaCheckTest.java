package io.singletable.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.TestSchemas;
import io.singletable.diag.Diagnostic;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.SchemaParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** graphql-java's checks: located findings on the user's schema, internal errors on the deployable one. */
class GraphQLJavaCheckTest {
  private static List<Diagnostic> userSchema(String sdl) {
    Diagnostics out = new Diagnostics();
    GraphQLJavaCheck.checkUserSchema(new SchemaIndex(new SchemaParser().parse(TestSchemas.inline(sdl))), out);
    return out.sorted();
  }

  @Test
  void aValidSchemaWithGeneratedConnectionsAndNoQueryPasses() {
    assertEquals(List.of(), userSchema("""
        type Farm @model { id: ID! cows: CowConnection @hasMany(field: "farmId") }
        type Cow @model { id: ID! farmId: ID! born: AWSDate }
        type Mutation
        """));
  }

  @Test
  void whatGraphqlJavaFindsIsLocatedInTheUsersFile() {
    // the rules ST051 and ST053 report these too; this shows the safety net would catch them, located
    List<Diagnostic> found = userSchema("""
        type Farm @model { id: ID! }
        union Scalars = String | Int
        input Filter { farm: Farm }
        """);
    assertFalse(found.isEmpty());
    for (Diagnostic d : found) {
      assertEquals(GraphQLJavaCheck.CODE, d.code());
      assertEquals("schema.graphql", d.span().file(), d.toString());
      assertTrue(d.span().line() >= 2, d.toString());
    }
  }

  @Test
  void theDeployableSchemaBuildsWithTheAwsScalarsAndDirectives() {
    Diagnostics out = new Diagnostics();
    assertTrue(GraphQLJavaCheck.checkDeployable("""
        type Farm @aws_api_key @aws_iam { id: ID! born: AWSDateTime json: AWSJSON }
        type Query { getFarm(id: ID!): Farm }
        type Subscription { onFarm: Farm @aws_subscribe(mutations: ["x"]) }
        """, out));
    assertFalse(out.hasErrors());
  }

  @Test
  void anInvalidDeployableSchemaIsAnInternalErrorNotAnException() {
    Diagnostics out = new Diagnostics();
    assertFalse(GraphQLJavaCheck.checkDeployable("type Query { a: Int }\nunion U = String\n", out));
    Diagnostic d = out.sorted().get(0);
    assertEquals(GraphQLJavaCheck.CODE, d.code());
    assertEquals(GraphQLJavaCheck.DEPLOYABLE_NAME, d.span().file());
    assertTrue(d.message().startsWith("internal error: the generated deployable schema is not valid GraphQL "
        + "(graphql-java: "), d.message());
    assertTrue(d.message().endsWith("Please report it at https://github.com/singletable/singletable/issues with the "
        + "schema"), d.message());

    Diagnostics syntax = new Diagnostics();
    assertFalse(GraphQLJavaCheck.checkDeployable("type Query {\n  a: Int\n  b Int\n}\n", syntax));
    assertEquals(GraphQLJavaCheck.DEPLOYABLE_NAME, syntax.sorted().get(0).span().file());
    assertTrue(syntax.sorted().get(0).message().startsWith("internal error: "));
  }

  /**
   * The rules run one type deep find what graphql-java's own validation (the full walk, quadratic in a chain)
   * finds, on schemas breaking each kind of rule and on a valid one.
   */
  @Test
  void theShallowValidationFindsWhatGraphqlJavasOwnFinds() {
    List<String> schemas = List.of("""
        input Left { right: Right! }
        input Right { left: Left! }
        type Query { a(left: Left): Int }
        """, """
        interface A implements B { id: ID! }
        interface B implements A { id: ID! }
        type Query { a: A }
        """, """
        interface Named { name: String! }
        type Farm implements Named { name: Int }
        type Query { farm: Farm }
        """, """
        directive @size(max: Int = "ten") on FIELD_DEFINITION
        input Range { from: Int = "one" @deprecated }
        type Query { a(range: Range, n: Int! = 1 @deprecated): Int @size(max: "x") }
        """, """
        input Range { from: Int! @deprecated }
        type Query { a(range: Range, n: Int! @deprecated): Int }
        """, """
        type Query { a(n: Int! @deprecated(reason: "old")): Int }
        """, """
        input Pick @oneOf { a: Int b: String! }
        type Query { pick(p: Pick): Int }
        """, """
        type Farm { cows: [Cow] name: String }
        type Cow { farm: Farm! name: String }
        type Query { farm(id: ID!): Farm }
        """);
    int invalid = 0;
    for (String sdl : schemas) {
      java.util.Set<String> expected = new java.util.TreeSet<>();
      try {
        graphql.schema.idl.UnExecutableSchemaGenerator.makeUnExecutableSchema(new graphql.schema.idl.SchemaParser()
            .parse(sdl));
      } catch (graphql.schema.validation.InvalidSchemaException e) {
        for (String line : e.getMessage().split("\n")) {
          if (!line.isBlank() && !line.startsWith("invalid schema:")) {
            expected.add(line.strip());
          }
        }
      } catch (graphql.schema.idl.errors.SchemaProblem e) {
        continue; // refused before validation, by both
      }
      var schema = new graphql.schema.idl.FastSchemaGenerator().makeExecutableSchema(
          graphql.schema.idl.SchemaGenerator.Options.defaultOptions().withValidation(false),
          new graphql.schema.idl.SchemaParser().parse(sdl), graphql.schema.idl.EchoingWiringFactory.newEchoingWiring());
      java.util.Set<String> found = new java.util.TreeSet<>();
      GraphQLJavaCheck.validate(schema).forEach(e -> found.add(e.getDescription().strip()));
      assertEquals(expected, found, sdl);
      invalid += expected.isEmpty() ? 0 : 1;
    }
    assertTrue(invalid >= 3, "schemas graphql-java's validation refuses: " + invalid);
  }
}
