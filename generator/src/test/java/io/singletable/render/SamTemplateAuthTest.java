package io.singletable.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.TestSchemas;
import io.singletable.model.Authentication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

/**
 * template.yaml of a schema with {@code @auth}: the API's default authentication from the plugin, plus one
 * {@code AdditionalAuthenticationProviders} entry per other provider the rules name (user pools with the
 * {@code UserPoolId} parameter, the API key with its {@code ApiKey} resource, IAM); no new IAM permissions.
 */
class SamTemplateAuthTest {
  /** Rules over every provider: owner and groups (user pools), private over IAM, public (API key). */
  static final String EVERY_PROVIDER = """
      type Post @model @auth(rules: [
        { allow: owner },
        { allow: groups, groups: ["Admin"], operations: [delete] },
        { allow: private, provider: iam, operations: [read] },
        { allow: public, operations: [read] }
      ]) {
        id: ID!
        owner: String
        title: String
        comments: [Comment] @hasMany(field: "postId")
      }
      type Comment @model {
        id: ID!
        postId: ID
        text: String
      }
      """;

  record Template(Map<String, Object> doc, byte[] bytes, Generator.Planned planned) {
    @SuppressWarnings("unchecked")
    Map<String, Object> resources() {
      return (Map<String, Object>) doc.get("Resources");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> properties(String resource) {
      return (Map<String, Object>) ((Map<String, Object>) resources().get(resource)).get("Properties");
    }

    Map<String, Object> api() {
      return properties("GraphQLApi");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> additional() {
      return (List<Map<String, Object>>) api().get("AdditionalAuthenticationProviders");
    }

    List<Object> additionalTypes() {
      return additional() == null ? List.of() : additional().stream().map(p -> p.get("AuthenticationType")).toList();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> parameters() {
      return (Map<String, Object>) doc.get("Parameters");
    }

    /** Every IAM resource, by logical id. */
    Map<String, Object> iam() {
      Map<String, Object> out = new TreeMap<>();
      resources().forEach((id, r) -> {
        if (String.valueOf(((Map<?, ?>) r).get("Type")).startsWith("AWS::IAM::")) {
          out.put(id, r);
        }
      });
      return out;
    }
  }

  static Template template(String sdl, Authentication auth) {
    var base = GeneratorOptions.of(Path.of("schema.graphql"), Path.of("out"));
    var options = base.withAuthentication(auth);
    var planned = new Generator().plan(TestSchemas.inline(sdl), options);
    byte[] bytes = planned.plan().get(Generator.TEMPLATE).orElseThrow().content();
    return new Template(new Yaml().load(new String(bytes, StandardCharsets.UTF_8)), bytes, planned);
  }

  private static final Map<String, Object> USER_POOL_CONFIG = Map.of("UserPoolId", Map.of("Ref", "UserPoolId"),
      "AwsRegion", Map.of("Ref", "AWS::Region"));

  @ParameterizedTest
  @CsvSource({
      "API_KEY, AMAZON_COGNITO_USER_POOLS AWS_IAM",
      "AWS_IAM, AMAZON_COGNITO_USER_POOLS API_KEY",
      "AMAZON_COGNITO_USER_POOLS, AWS_IAM API_KEY"})
  void everyProviderTheRulesNameBesidesTheDefaultIsAdditional(Authentication auth, String additional) {
    Template t = template(EVERY_PROVIDER, auth);
    assertEquals(auth.name(), t.api().get("AuthenticationType"));
    assertEquals(List.of(additional.split(" ")), t.additionalTypes());
    for (Map<String, Object> p : t.additional()) {
      if (p.get("AuthenticationType").equals("AMAZON_COGNITO_USER_POOLS")) {
        assertEquals(Map.of("AuthenticationType", "AMAZON_COGNITO_USER_POOLS", "UserPoolConfig", USER_POOL_CONFIG), p,
            "an additional pool has no DefaultAction (CognitoUserPoolConfig)");
      } else {
        assertEquals(1, p.size(), p.toString());
      }
    }
    assertTrue(t.parameters().containsKey("UserPoolId"), "user pools are used");
    assertEquals(auth == Authentication.AMAZON_COGNITO_USER_POOLS, t.api().containsKey("UserPoolConfig"));
    assertTrue(t.resources().containsKey("ApiKey"), "the API key is used");
    Map<String, Object> key = t.properties("ApiKey");
    assertEquals(Map.of("Fn::GetAtt", List.of("GraphQLApi", "ApiId")), key.get("ApiId"));
    assertFalse(key.containsKey("Expires"), "an expiry would make the template depend on the build time");
    assertEquals(t.resources().size(), (int) t.planned().resourcesPerStack().get(0), "the counted resources");
    assertArrayEquals(t.bytes(), template(EVERY_PROVIDER, auth).bytes(), "deterministic");
  }

  @Test
  void onlyTheProvidersTheRulesNameAreAdded() {
    String publicOnly = "type T @model @auth(rules: [{ allow: public }]) { id: ID! }";
    Template pools = template(publicOnly, Authentication.AMAZON_COGNITO_USER_POOLS);
    assertEquals(List.of("API_KEY"), pools.additionalTypes());
    assertTrue(pools.resources().containsKey("ApiKey"));
    assertTrue(pools.parameters().containsKey("UserPoolId"), "the default pool still needs its id");
    assertEquals(pools.resources().size(), (int) pools.planned().resourcesPerStack().get(0));

    Template iam = template("type T @model @auth(rules: [{ allow: owner }]) { id: ID! owner: String }",
        Authentication.AWS_IAM);
    assertEquals(List.of("AMAZON_COGNITO_USER_POOLS"), iam.additionalTypes());
    assertTrue(iam.parameters().containsKey("UserPoolId"), "an additional pool needs the parameter too");
    assertFalse(iam.resources().containsKey("ApiKey"));
    assertFalse(iam.api().containsKey("UserPoolConfig"), "the default is IAM");
    assertEquals(iam.resources().size(), (int) iam.planned().resourcesPerStack().get(0));

    Template defaultOnly = template("type T @model @auth(rules: [{ allow: owner }, { allow: private }]) { id: ID! owner: String }",
        Authentication.AMAZON_COGNITO_USER_POOLS);
    assertNull(defaultOnly.additional(), "rules over the default provider need no other");
    assertFalse(defaultOnly.resources().containsKey("ApiKey"));
  }

  @ParameterizedTest
  @EnumSource(Authentication.class)
  void noNewIamPermissions(Authentication auth) {
    String without = EVERY_PROVIDER.replaceAll("(?s)@auth\\(rules: \\[.*?\\]\\) \\{", "{");
    assertFalse(without.contains("@auth"), without);
    Template open = template(without, auth);
    assertNull(open.additional(), "no rules, no additional provider");
    assertEquals(open.iam(), template(EVERY_PROVIDER, auth).iam());
  }

  @ParameterizedTest
  @EnumSource(Authentication.class)
  void aSchemaWithoutAuthKeepsItsTemplate(Authentication auth) {
    Template t = template("type T @model { id: ID! }", auth);
    assertNull(t.additional());
    assertEquals(auth == Authentication.AMAZON_COGNITO_USER_POOLS, t.parameters().containsKey("UserPoolId"));
    assertEquals(auth == Authentication.API_KEY, t.resources().containsKey("ApiKey"));
  }
}
