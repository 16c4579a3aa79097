package io.singletable.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.TestSchemas;
import io.singletable.source.SchemaSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/** template.yaml parses, declares the planned GSIs and only the attributes they use. */
class SamTemplateTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> template(io.singletable.model.Authentication auth) throws Exception {
    return template("farm", auth);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> template(String sample, io.singletable.model.Authentication auth) throws Exception {
    var base = TestSchemas.sampleOptions(sample, Path.of("unused"));
    var options = new io.singletable.GeneratorOptions(base.schema(), null, base.outputDirectory(), base.packageName(),
        base.keyStrategy(), 20, null, auth);
    var plan = new Generator().plan(SchemaSources.load(options.schema(), null), options).plan();
    return new Yaml().load(new String(plan.get(Generator.TEMPLATE).orElseThrow().content(), StandardCharsets.UTF_8));
  }

  @Test
  @SuppressWarnings("unchecked")
  void dataSourceRoleMayOnlyCallWhatTheResolversCallOnTheTableAndItsIndexes() throws Exception {
    Map<String, Object> social = template("social", io.singletable.model.Authentication.API_KEY);
    Map<String, Object> role = (Map<String, Object>) ((Map<String, Object>) social.get("Resources")).get("TableDataSourceRole");
    Map<String, Object> policy = ((List<Map<String, Object>>) ((Map<String, Object>) role.get("Properties"))
        .get("Policies")).get(0);
    List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) policy.get("PolicyDocument"))
        .get("Statement");
    assertEquals(1, statements.size());
    // social: gets, unique lookups, creates and updates (users have a unique e-mail: an update may move it), queries;
    // tags (@manyToMany): pages and sorted links read with BatchGetItem, links check items and update heads.
    assertEquals(List.of("dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem",
        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"),
        statements.get(0).get("Action"));
    assertEquals(List.of(Map.of("Fn::GetAtt", List.of("Table", "Arn")), Map.of("Fn::Sub", "${Table.Arn}/index/*")),
        statements.get(0).get("Resource"));
    var planned = TestSchemas.plan("type T @model(operations: [GET]) { id: ID! }");
    Map<String, Object> tiny = new Yaml().load(new String(planned.plan().get(Generator.TEMPLATE).orElseThrow().content(),
        StandardCharsets.UTF_8));
    String text = tiny.toString();
    assertTrue(text.contains("Action=[dynamodb:GetItem]"), text);
    assertTrue(!text.contains("/index/"), "no GSI, no index permission");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(io.singletable.model.Authentication.class)
  @SuppressWarnings("unchecked")
  void authenticationFollowsThePluginParameterAndLoggingIsOn(io.singletable.model.Authentication auth) throws Exception {
    Map<String, Object> doc = template(auth);
    Map<String, Object> resources = (Map<String, Object>) doc.get("Resources");
    Map<String, Object> api = (Map<String, Object>) ((Map<String, Object>) resources.get("GraphQLApi")).get("Properties");
    assertEquals(auth.name(), api.get("AuthenticationType"));
    assertEquals(auth == io.singletable.model.Authentication.API_KEY, resources.containsKey("ApiKey"));
    assertEquals(auth == io.singletable.model.Authentication.AMAZON_COGNITO_USER_POOLS,
        ((Map<String, Object>) doc.get("Parameters")).containsKey("UserPoolId"));
    assertEquals(auth == io.singletable.model.Authentication.AMAZON_COGNITO_USER_POOLS, api.containsKey("UserPoolConfig"));
    Map<String, Object> log = (Map<String, Object>) api.get("LogConfig");
    assertEquals(Map.of("Ref", "FieldLogLevel"), log.get("FieldLogLevel"));
    assertTrue(resources.containsKey("ApiLogRole"));
    if (resources.containsKey("ApiKey")) {
      assertTrue(!((Map<String, Object>) ((Map<String, Object>) resources.get("ApiKey")).get("Properties"))
          .containsKey("Expires"), "an expiry date would make the template depend on the build time");
    }
  }

  @ParameterizedTest
  @CsvSource({"farm,2", "social,2"})
  @SuppressWarnings("unchecked")
  void tableDeclaresExactlyThePlannedIndexes(String sample, int gsis) throws Exception {
    var options = TestSchemas.sampleOptions(sample, Path.of("unused"));
    var plan = new Generator().plan(SchemaSources.load(options.schema(), null), options).plan();
    String yaml = new String(plan.get(Generator.TEMPLATE).orElseThrow().content(), StandardCharsets.UTF_8);
    // as CloudFormation sees it with the default IndexCount (every GSI of the schema)
    Map<String, Object> doc = io.singletable.cfn.CfnConditions.resolve(new Yaml().load(yaml), Map.of());
    assertEquals("AWS::Serverless-2016-10-31", doc.get("Transform"));
    Map<String, Object> resources = (Map<String, Object>) doc.get("Resources");
    Map<String, Object> table = (Map<String, Object>) resources.get("Table");
    assertEquals("AWS::DynamoDB::Table", table.get("Type"));
    assertEquals("Retain", table.get("DeletionPolicy"));
    Map<String, Object> props = (Map<String, Object>) table.get("Properties");
    assertEquals("PAY_PER_REQUEST", props.get("BillingMode"));
    List<Map<String, Object>> indexes = (List<Map<String, Object>>) props.getOrDefault("GlobalSecondaryIndexes", List.of());
    assertEquals(gsis, indexes.size());
    TreeSet<String> used = new TreeSet<>(List.of("PK"));
    for (int i = 0; i < indexes.size(); i++) {
      assertEquals(String.format("GSI%02d", i + 1), indexes.get(i).get("IndexName"));
      for (Map<String, Object> k : (List<Map<String, Object>>) indexes.get(i).get("KeySchema")) {
        used.add((String) k.get("AttributeName"));
      }
    }
    TreeSet<String> defined = new TreeSet<>();
    for (Map<String, Object> a : (List<Map<String, Object>>) props.get("AttributeDefinitions")) {
      defined.add((String) a.get("AttributeName"));
    }
    assertEquals(used, defined, "CloudFormation rejects unused AttributeDefinitions");
    Map<String, Object> schema = (Map<String, Object>) resources.get("Schema");
    String location = (String) ((Map<String, Object>) schema.get("Properties")).get("DefinitionS3Location");
    assertTrue(plan.get(location).isPresent(), "schema file referenced by the template is generated: " + location);
  }
}
