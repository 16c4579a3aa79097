package io.singletable.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.model.AuthOperation;
import io.singletable.model.AuthProvider;
import io.singletable.model.AuthRule;
import io.singletable.model.AuthStrategy;
import io.singletable.model.ServiceModel;
import io.singletable.source.SchemaSource;
import io.singletable.source.SchemaSources;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code @auth} rules read into the model, the SDL's defaults applied (SPEC §2.4). */
class AuthRulesReaderTest {
  private static ServiceModel model(String sdl) {
    var options = GeneratorOptions.of(Path.of("schema.graphql"), Path.of("unused"));
    return new Generator().plan(List.of(SchemaSources.bundledDirectives(), new SchemaSource("schema.graphql", sdl, false)),
        options).model();
  }

  @Test
  void rulesGetTheDefaultsOfTheDirectiveAndKeepTheirOrder() {
    ServiceModel m = model("""
        type Post @model @auth(rules: [
          { allow: owner },
          { allow: owner, ownerField: "editors", identityClaim: "cognito:username", operations: [update, read] },
          { allow: groups, groups: "Admin", operations: delete },
          { allow: groups, groupsField: "teams", operations: [read] },
          { allow: private, provider: iam, operations: [read] },
          { allow: public }
        ]) {
          id: ID!
          owner: String
          editors: [String]
          teams: [String!]
          body: String @auth(rules: [{ allow: owner, operations: [read] }])
          title: String
        }
        """);
    var e = m.entity("Post").orElseThrow();
    List<AuthRule> rules = e.auth().rules();
    assertEquals(6, rules.size());
    AuthRule owner = rules.get(0);
    assertEquals(AuthStrategy.OWNER, owner.allow());
    assertEquals("owner", owner.ownerField());
    assertEquals("sub", owner.identityClaim());
    assertEquals(AuthProvider.USER_POOLS, owner.provider());
    assertEquals(EnumSet.allOf(AuthOperation.class), owner.operations());
    assertTrue(owner.dependsOnItem());
    assertEquals("editors", rules.get(1).ownerField());
    assertEquals("cognito:username", rules.get(1).identityClaim());
    assertEquals(Set.of(AuthOperation.UPDATE, AuthOperation.READ), rules.get(1).operations());
    assertEquals(List.of("Admin"), rules.get(2).groups(), "a single group is a list of one");
    assertEquals(Set.of(AuthOperation.DELETE), rules.get(2).operations(), "a single operation is a list of one");
    assertNull(rules.get(2).groupsField());
    assertEquals("teams", rules.get(3).groupsField());
    assertTrue(rules.get(3).dependsOnItem());
    assertEquals(AuthProvider.IAM, rules.get(4).provider());
    assertEquals(AuthProvider.API_KEY, rules.get(5).provider(), "public defaults to the API key");
    assertNull(rules.get(5).ownerField());
    assertEquals(List.of(owner, rules.get(2), rules.get(5)), e.auth().rules(AuthOperation.DELETE));
    assertEquals(List.of(AuthOperation.READ, AuthOperation.UPDATE), List.copyOf(rules.get(1).operations()), "enum order");
    assertEquals(EnumSet.of(AuthProvider.USER_POOLS, AuthProvider.IAM, AuthProvider.API_KEY), m.authProviders());
    assertEquals(1, e.field("body").orElseThrow().auth().rules().size());
    assertTrue(e.field("title").orElseThrow().auth().open());
    assertEquals("schema.graphql", owner.span().file());
    assertEquals(2, owner.span().line());
  }

  @Test
  void aSchemaWithoutAuthIsOpenEverywhere() {
    ServiceModel m = model("type Farm @model {\n  id: ID!\n  name: String\n}\n");
    assertTrue(m.entity("Farm").orElseThrow().auth().open());
    assertTrue(m.authProviders().isEmpty());
  }
}
