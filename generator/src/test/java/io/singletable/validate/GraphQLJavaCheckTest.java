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
}
