package io.singletable.cfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.TestSchemas;
import io.singletable.model.Authentication;
import io.singletable.model.KeyStrategy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated templates pass {@link CfnSpecValidator} (the CloudFormation resource specification
 * of {@code @aws-cdk/cfnspec}, references, local files, DynamoDB rules, quotas), for the samples,
 * every authentication, both key strategies and generated schemas up to 400 models; and the
 * validator catches what it is meant to catch.
 */
@Tag("cfnspec")
class CfnTemplateValidationTest {
  private static CfnSpecValidator validator;

  @BeforeAll
  static void loadSpec() {
    validator = CfnSpecValidator.fromHarness();
  }

  // ------------------------------------------------------------------ generated templates

  @ParameterizedTest
  @ValueSource(strings = {"farm", "social"})
  void samplesAreValid(String sample, @TempDir Path out) throws IOException {
    new Generator().generate(TestSchemas.sampleOptions(sample, out));
    assertValid(sample, out);
  }

  @ParameterizedTest
  @EnumSource(Authentication.class)
  void everyAuthenticationIsValid(Authentication auth, @TempDir Path out) throws IOException {
    for (String sample : List.of("farm", "social")) {
      GeneratorOptions base = TestSchemas.sampleOptions(sample, out.resolve(sample));
      new Generator().generate(new GeneratorOptions(base.schema(), base.displayBase(), base.outputDirectory(),
          base.packageName(), base.keyStrategy(), base.maxIndexes(), null, auth));
      assertValid(sample + " " + auth, out.resolve(sample));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"farm", "social"})
  void typeKeyStrategyIsValid(String sample, @TempDir Path out) throws IOException {
    GeneratorOptions base = TestSchemas.sampleOptions(sample, out);
    new Generator().generate(new GeneratorOptions(base.schema(), base.displayBase(), out, base.packageName(),
        KeyStrategy.TYPE, base.maxIndexes(), null, null));
    assertValid(sample + " TYPE", out);
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 100})
  void generatedSchemasAreValid(int models, @TempDir Path dir) throws IOException {
    assertValid(models + " models", generate(models, dir));
  }

  /** Beyond 500 resources: the resolvers go to nested stacks, each validated against the quotas. */
  @Test
  void fourHundredModelsAreValid(@TempDir Path dir) throws IOException {
    CfnSpecValidator.Report report = assertValid("400 models", generate(400, dir));
    assertTrue(report.templates().size() > 1, "400 models need nested stacks: " + report.templates());
  }

  private static Path generate(int models, Path dir) throws IOException {
    Path schema = dir.resolve("schema.graphql");
    Files.writeString(schema, GeneratedSchemas.models(models));
    Path out = dir.resolve("out");
    new Generator().generate(GeneratorOptions.of(schema, out));
    return out;
  }

  /** Validates {@code template.yaml} and its nested stacks; every YAML file of the output must be one of them. */
  private static CfnSpecValidator.Report assertValid(String what, Path out) throws IOException {
    CfnSpecValidator.Report report = validator.check(OutputFiles.of(out), Generator.TEMPLATE);
    assertEquals(List.of(), report.problems(), () -> what + ": " + report.problems().size()
        + " problems (CloudFormation resource specification " + validator.specVersion() + "):\n"
        + String.join("\n", report.problems()));
    List<String> yamlFiles;
    try (Stream<Path> files = Files.walk(out)) {
      yamlFiles = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .map(f -> out.relativize(f).toString().replace('\\', '/')).sorted().toList();
    }
    assertEquals(yamlFiles, report.templates().stream().sorted().toList(),
        what + ": every template of the output is template.yaml or a stack it nests");
    StringBuilder summary = new StringBuilder("[cfn] " + what + ":");
    for (String template : report.templates()) {
      byte[] bytes = Files.readAllBytes(out.resolve(template));
      Object resources = ((Map<?, ?>) CfnSpecValidator.parseYaml(new String(bytes, StandardCharsets.UTF_8))).get("Resources");
      summary.append(' ').append(template).append(" (").append(((Map<?, ?>) resources).size()).append(" resources, ")
          .append(bytes.length).append(" bytes)");
    }
    System.out.println(summary);
    return report;
  }

  // ------------------------------------------------------------------ the validator catches problems

  private static final String SCHEMA_FILE = "appsync/schema.graphql";

  /** A small valid template; the tests below break one thing each. */
  private static final String VALID = """
      AWSTemplateFormatVersion: "2010-09-09"
      Transform: AWS::Serverless-2016-10-31
      Parameters:
        Stage:
          Type: String
          Default: dev
          AllowedPattern: "[a-z]+"
      Resources:
        Table:
          Type: AWS::DynamoDB::Table
          DeletionPolicy: Retain
          Properties:
            BillingMode: PAY_PER_REQUEST
            AttributeDefinitions:
              - AttributeName: PK
                AttributeType: S
              - AttributeName: PK01
                AttributeType: S
            KeySchema:
              - AttributeName: PK
                KeyType: HASH
            GlobalSecondaryIndexes:
              - IndexName: GSI01
                KeySchema:
                  - AttributeName: PK01
                    KeyType: HASH
                Projection:
                  ProjectionType: ALL
            PointInTimeRecoverySpecification:
              PointInTimeRecoveryEnabled: true
        Api:
          Type: AWS::AppSync::GraphQLApi
          Properties:
            Name:
              Fn::Sub: "${Stage}-${AWS::StackName}"
            AuthenticationType: API_KEY
            XrayEnabled: true
            EnvironmentVariables:
              TABLE_NAME:
                Ref: Table
        Schema:
          Type: AWS::AppSync::GraphQLSchema
          DependsOn: Table
          Properties:
            ApiId:
              Fn::GetAtt: [Api, ApiId]
            DefinitionS3Location: appsync/schema.graphql
        Role:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument:
              Version: "2012-10-17"
              Statement:
                - Effect: Allow
                  Principal:
                    Service: appsync.amazonaws.com
                  Action: sts:AssumeRole
            Policies:
              - PolicyName: Access
                PolicyDocument:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Action: dynamodb:GetItem
                      Resource:
                        - Fn::GetAtt: [Table, Arn]
                        - Fn::Sub: "${Table.Arn}/index/*"
      Outputs:
        Url:
          Value:
            Fn::GetAtt: [Api, GraphQLUrl]
        TableName:
          Value:
            Ref: Table
      """;

  private static List<String> problems(String yaml) {
    return validator.validateYaml(yaml, OutputFiles.of(Map.of(SCHEMA_FILE, "type Query { a: Int }".getBytes())));
  }

  private static String replace(String yaml, String from, String to) {
    assertTrue(yaml.contains(from), from);
    return yaml.replace(from, to);
  }

  /** Exactly one problem, containing every fragment. */
  private static void assertOneProblem(List<String> problems, String... fragments) {
    assertEquals(1, problems.size(), () -> "one problem expected, got:\n" + String.join("\n", problems));
    for (String fragment : fragments) {
      assertTrue(problems.get(0).contains(fragment), () -> "\"" + fragment + "\" not in: " + problems.get(0));
    }
  }

  @Test
  void theValidTemplateIsValid() {
    assertEquals(List.of(), problems(VALID));
    assertEquals(List.of(), problems(VALID.replace("Fn::GetAtt: [Api, ApiId]", "!GetAtt Api.ApiId")),
        "short-form intrinsics are read as the long form");
  }

  @Test
  void unknownProperty() {
    assertOneProblem(problems(replace(VALID, "XrayEnabled: true", "XrayEnabled: true\n      Colour: blue")),
        "template.yaml: Resources.Api.Properties.Colour: unknown property");
    assertOneProblem(problems(replace(VALID, "ProjectionType: ALL", "ProjectionType: ALL\n            Kind: X")),
        "Resources.Table.Properties.GlobalSecondaryIndexes[0].Projection.Kind: unknown property");
  }

  @Test
  void unknownResourceTypeAndAttribute() {
    assertOneProblem(problems(replace(VALID, "AWS::IAM::Role", "AWS::IAM::Rolle")),
        "Resources.Role.Type: unknown resource type AWS::IAM::Rolle");
    assertOneProblem(problems(replace(VALID, "DeletionPolicy: Retain", "DeletionPolicy: Retain\n    Retention: 1")),
        "Resources.Table.Retention: unknown resource attribute");
  }

  @Test
  void missingRequiredProperty() {
    assertOneProblem(problems(replace(VALID, "      AuthenticationType: API_KEY\n", "")),
        "Resources.Api.Properties: missing required property AuthenticationType");
    assertOneProblem(problems(replace(VALID, "- PolicyName: Access\n          PolicyDocument:", "- PolicyDocument:")),
        "Resources.Role.Properties.Policies[0]: missing required property PolicyName");
  }

  @Test
  void wrongValueType() {
    assertOneProblem(problems(replace(VALID, "XrayEnabled: true", "XrayEnabled: maybe")),
        "Resources.Api.Properties.XrayEnabled: expected Boolean, got the string \"maybe\"");
    assertOneProblem(problems(replace(VALID, "PointInTimeRecoveryEnabled: true", "PointInTimeRecoveryEnabled: [true]")),
        "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: expected Boolean, got a list");
    assertOneProblem(problems(replace(VALID, "PolicyName: Access", "PolicyName: {Name: Access}")),
        "Resources.Role.Properties.Policies[0].PolicyName: expected String, got an object");
    assertOneProblem(problems(replace(VALID, "AttributeType: S\n      KeySchema", "AttributeType: STRING\n      KeySchema")),
        "AttributeDefinitions[1].AttributeType: the string \"STRING\" is not one of [B, N, S]");
  }

  @Test
  void danglingReference() {
    assertOneProblem(problems(replace(VALID, "    Value:\n      Ref: Table", "    Value:\n      Ref: Tabel")),
        "Outputs.TableName.Value.Ref: names Tabel, which is neither a resource, a parameter nor a pseudo parameter");
    assertOneProblem(problems(replace(VALID, "${Stage}-${AWS::StackName}", "${Stag}-${AWS::StackName}")),
        "Resources.Api.Properties.Name.Fn::Sub ${Stag}: names Stag");
    assertOneProblem(problems(replace(VALID, "DependsOn: Table", "DependsOn: [Tables]")),
        "Resources.Schema.DependsOn[0]: names Tables, which is not a resource");
  }

  @Test
  void getAttOfUnknownAttributeOrResource() {
    assertOneProblem(problems(replace(VALID, "Fn::GetAtt: [Api, GraphQLUrl]", "Fn::GetAtt: [Api, Endpoint]")),
        "Outputs.Url.Value.Fn::GetAtt: Api (AWS::AppSync::GraphQLApi) has no attribute Endpoint");
    assertOneProblem(problems(replace(VALID, "${Table.Arn}/index/*", "${Table.StreamName}/index/*")),
        "Fn::Sub ${Table.StreamName}: Table (AWS::DynamoDB::Table) has no attribute StreamName");
    assertOneProblem(problems(replace(VALID, "Fn::GetAtt: [Api, ApiId]", "Fn::GetAtt: [Ap, ApiId]")),
        "Resources.Schema.Properties.ApiId.Fn::GetAtt: names Ap, which is not a resource");
  }

  @Test
  void missingLocalFile() {
    assertOneProblem(validator.validateYaml(VALID, OutputFiles.of(Map.of())),
        "Resources.Schema.Properties.DefinitionS3Location: \"appsync/schema.graphql\" names appsync/schema.graphql,"
            + " which is not in the output");
    assertOneProblem(problems(replace(VALID, "DefinitionS3Location: appsync/schema.graphql",
        "DefinitionS3Location: ../schema.graphql")), "points outside the output directory");
    assertEquals(List.of(), problems(replace(VALID, "DefinitionS3Location: appsync/schema.graphql",
        "DefinitionS3Location: s3://bucket/schema.graphql")), "an S3 URL is not a local file");
  }

  @Test
  void unusedAttributeDefinition() {
    assertOneProblem(problems(replace(VALID, "- AttributeName: PK01\n          AttributeType: S",
        "- AttributeName: PK01\n          AttributeType: S\n        - AttributeName: SK01\n          AttributeType: S")),
        "Resources.Table.Properties.AttributeDefinitions[2]: SK01 is not a key of the table or of an index");
    assertOneProblem(problems(replace(VALID, "        - AttributeName: PK01\n          AttributeType: S\n", "")),
        "no definition of the key attribute PK01");
  }

  @Test
  void dynamoDbIndexLimit() {
    StringBuilder definitions = new StringBuilder("        - AttributeName: PK\n          AttributeType: S\n");
    StringBuilder indexes = new StringBuilder();
    for (int i = 1; i <= 21; i++) {
      definitions.append("        - AttributeName: PK").append(i).append("\n          AttributeType: S\n");
      indexes.append("        - IndexName: GSI").append(i).append("\n          KeySchema:\n            - AttributeName: PK")
          .append(i).append("\n              KeyType: HASH\n          Projection:\n            ProjectionType: ALL\n");
    }
    String yaml = VALID.substring(0, VALID.indexOf("      AttributeDefinitions:"))
        + "      AttributeDefinitions:\n" + definitions
        + "      KeySchema:\n        - AttributeName: PK\n          KeyType: HASH\n"
        + "      GlobalSecondaryIndexes:\n" + indexes
        + VALID.substring(VALID.indexOf("      PointInTimeRecoverySpecification:"));
    assertOneProblem(problems(yaml), "Resources.Table.Properties.GlobalSecondaryIndexes: 21 indexes, more than DynamoDB's 20");
  }

  @Test
  void quotasAndCycles() {
    StringBuilder many = new StringBuilder(VALID.substring(0, VALID.indexOf("Outputs:")));
    for (int i = 0; i < 497; i++) {
      many.append("  Group").append(i).append(":\n    Type: AWS::IAM::Group\n");
    }
    assertOneProblem(problems(many.toString()), "Resources: 501 entries, more than CloudFormation's 500");
    assertOneProblem(problems(replace(VALID, "Role:\n    Type: AWS::IAM::Role\n",
        "Role:\n    Type: AWS::IAM::Role\n    DependsOn: Schema\n").replace("DependsOn: Table", "DependsOn: Role")),
        "circular dependency: ");
    assertOneProblem(problems(VALID + "  Extra:\n    Value: x\n  Extra:\n    Value: y\n"), "not valid YAML", "duplicate key");
    assertOneProblem(problems(replace(VALID, "Default: dev", "Default: Dev")), "does not match the AllowedPattern");
  }

  @Test
  void nestedStacks() {
    String root = VALID.replace("Outputs:\n", """
          Nested:
            Type: AWS::CloudFormation::Stack
            Properties:
              TemplateURL: stacks/nested.yaml
              Parameters:
                ApiId:
                  Fn::GetAtt: [Api, ApiId]
                Extra: x
        Outputs:
          FromNested:
            Value:
              Fn::GetAtt: [Nested, Outputs.Missing]
        """);
    String nested = """
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          ApiId:
            Type: String
          DataSourceName:
            Type: String
        Resources:
          R1:
            Type: AWS::AppSync::Resolver
            Properties:
              ApiId:
                Ref: ApiId
              TypeName: Query
              FieldName: a
              DataSourceName:
                Ref: DataSourceNam
              RequestMappingTemplateS3Location: ../appsync/missing.vtl
          R2:
            Type: AWS::AppSync::Resolver
            Properties:
              ApiId:
                Ref: ApiId
              TypeName: Query
              FieldName: a
        Outputs:
          Present:
            Value:
              Ref: R1
        """;
    Map<String, byte[]> files = new HashMap<>();
    files.put("template.yaml", root.getBytes(StandardCharsets.UTF_8));
    files.put("stacks/nested.yaml", nested.getBytes(StandardCharsets.UTF_8));
    files.put(SCHEMA_FILE, new byte[1]);
    CfnSpecValidator.Report report = validator.check(OutputFiles.of(files), "template.yaml");
    assertEquals(List.of("template.yaml", "stacks/nested.yaml"), report.templates());
    List<String> expected = List.of(
        "stacks/nested.yaml: Resources.R1.Properties.DataSourceName.Ref: names DataSourceNam",
        "stacks/nested.yaml: Resources.R1.Properties.RequestMappingTemplateS3Location: \"../appsync/missing.vtl\" names"
            + " appsync/missing.vtl, which is not in the output",
        "stacks/nested.yaml: Resources.R2.Properties: a second resolver for Query.a",
        "template.yaml: Resources.Nested.Properties.Parameters.Extra: stacks/nested.yaml declares no parameter Extra",
        "template.yaml: Resources.Nested.Properties.Parameters: does not pass DataSourceName",
        "template.yaml: Outputs.FromNested.Value.Fn::GetAtt: the template of Nested (stacks/nested.yaml) declares no"
            + " output Missing");
    List<String> missing = new ArrayList<>();
    for (String e : expected) {
      if (report.problems().stream().noneMatch(p -> p.startsWith(e))) {
        missing.add(e);
      }
    }
    assertEquals(List.of(), missing, () -> "found:\n" + String.join("\n", report.problems()));
    assertEquals(expected.size(), report.problems().size(), () -> String.join("\n", report.problems()));
    assertEquals(new TreeSet<>(List.of("template.yaml", "stacks/nested.yaml")),
        report.problems().stream().map(p -> p.substring(0, p.indexOf(':'))).collect(Collectors.toCollection(TreeSet::new)));
  }
}
