package io.singletable.cfn;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * of {@code @aws-cdk/cfnspec}, references, local files, DynamoDB rules, quotas per template and per
 * stack operation), for the samples, every authentication, both key strategies and generated schemas
 * up to 400 models; a split deployment (template.yaml, then stacks/group-*.yaml importing its exports)
 * is checked as a whole ({@link #assertDeploymentValid}); and the validator catches what it is meant
 * to catch.
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

  /**
   * The root template with its conditions resolved (IndexCount 0..N: GSI01..GSIk, each branch as CloudFormation
   * keeps it) is valid for every k, so the entries inside Fn::If are checked against the specification too; and an
   * Fn::If of an undeclared condition is caught.
   */
  @Test
  @SuppressWarnings("unchecked")
  void everyIndexCountResolvesToAValidTemplate(@TempDir Path out) throws IOException {
    new Generator().generate(TestSchemas.sampleOptions("farm", out));
    String yaml = Files.readString(out.resolve(Generator.TEMPLATE));
    var template = (Map<String, Object>) CfnSpecValidator.parseYaml(yaml);
    for (int k = 0; k <= 2; k++) {
      var resolved = CfnConditions.resolve(template, Map.of(io.singletable.render.sam.SamTemplateView.indexParameter(2),
          String.valueOf(k)));
      assertEquals(List.of(), validator.validate(resolved, Generator.TEMPLATE, OutputFiles.of(out)), "IndexCount=" + k);
      var table = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) resolved.get("Resources"))
          .get("Table")).get("Properties");
      assertEquals(k > 0, table.containsKey("GlobalSecondaryIndexes"), "no empty GSI list: IndexCount=" + k);
    }
    var wrong = (Map<String, Object>) CfnSpecValidator.parseYaml(yaml.replace("            - HasIndex02\n",
        "            - HasIndex07\n"));
    List<String> problems = validator.validate(wrong, Generator.TEMPLATE, OutputFiles.of(out));
    assertTrue(problems.stream().anyMatch(p -> p.contains("HasIndex07")), problems.toString());
  }

  @ParameterizedTest
  @EnumSource(Authentication.class)
  void everyAuthenticationIsValid(Authentication auth, @TempDir Path out) throws IOException {
    for (String sample : List.of("farm", "social")) {
      GeneratorOptions base = TestSchemas.sampleOptions(sample, out.resolve(sample));
      new Generator().generate(base.withAuthentication(auth));
      assertValid(sample + " " + auth, out.resolve(sample));
    }
  }

  /**
   * {@code @auth} rules over user pools, IAM and the API key: with every default authentication, the others as
   * {@code AdditionalAuthenticationProviders} (an additional pool's {@code UserPoolConfig} is a
   * CognitoUserPoolConfig, without {@code DefaultAction}), the {@code UserPoolId} parameter and the {@code ApiKey}.
   */
  @ParameterizedTest
  @EnumSource(Authentication.class)
  void authRulesOverEveryProviderAreValid(Authentication auth, @TempDir Path dir) throws IOException {
    Path schema = dir.resolve("schema.graphql");
    Files.writeString(schema, """
        type Post @model @auth(rules: [
          { allow: owner },
          { allow: groups, groups: ["Admin"], operations: [delete] },
          { allow: private, provider: iam, operations: [read] },
          { allow: public, operations: [read] }
        ]) {
          id: ID!
          owner: String
          title: String
          body: String @auth(rules: [{ allow: owner, operations: [read] }])
          comments: [Comment] @hasMany(field: "postId")
        }
        type Comment @model @auth(rules: [{ allow: owner }, { allow: private }]) {
          id: ID!
          owner: String
          postId: ID
          text: String
        }
        """);
    Path out = dir.resolve("out");
    GeneratorOptions base = GeneratorOptions.of(schema, out);
    new Generator().generate(base.withAuthentication(auth));
    String template = Files.readString(out.resolve(Generator.TEMPLATE));
    assertTrue(template.contains("AdditionalAuthenticationProviders:"), template);
    assertValid("@auth " + auth, out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"farm", "social"})
  void typeKeyStrategyIsValid(String sample, @TempDir Path out) throws IOException {
    GeneratorOptions base = TestSchemas.sampleOptions(sample, out);
    new Generator().generate(new GeneratorOptions(base.schema(), base.displayBase(), out, base.packageName(),
        KeyStrategy.TYPE, base.maxIndexes(), null, null));
    assertValid(sample + " TYPE", out);
  }

  /** A schema with a {@code @manyToMany}: its pipeline functions, its mutations' resolvers and the data source's role. */
  @org.junit.jupiter.api.Test
  void aManyToManyIsValid(@TempDir Path dir) throws IOException {
    Path schema = Files.createDirectories(dir).resolve("schema.graphql");
    Files.copy(Path.of("src", "test", "resources", "scenarios", "m2m", "schema.graphql"), schema);
    Path out = dir.resolve("out");
    new Generator().generate(GeneratorOptions.of(schema, out));
    String template = Files.readString(out.resolve("template.yaml"));
    for (String s : List.of("QueryJoinsFunction", "BatchGetNodesFunction", "BatchGetNodesRetryFunction",
        "ReadLinksFunction", "MutationAddPostTagResolver", "MutationRemovePostTagResolver", "dynamodb:ConditionCheckItem")) {
      org.junit.jupiter.api.Assertions.assertTrue(template.contains(s), s);
    }
    assertValid("@manyToMany", out);
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 100})
  void generatedSchemasAreValid(int models, @TempDir Path dir) throws IOException {
    assertValid(models + " models", generate(models, dir));
  }

  /**
   * Beyond 500 resources: the resolvers go to nested stacks, each validated against the quotas; beyond
   * 2,500 resources in one stack operation, the output must be split into stacks deployed one after
   * another (fails on an output that puts ~5,000 resources in the root's operation).
   */
  @Test
  void fourHundredModelsAreValid(@TempDir Path dir) throws IOException {
    CfnSpecValidator.Report report = assertDeploymentValid("400 models", generate(400, dir));
    assertTrue(report.templates().size() > 1, "400 models need nested stacks: " + report.templates());
  }

  /**
   * Thousands of models: a root stack and group stacks deployed after it, every template and every stack
   * operation within CloudFormation's quotas, each group importing only what the root, deployed before it, exports.
   */
  @ParameterizedTest
  @ValueSource(ints = {1000, 2000})
  void thousandsOfModelsDeployInOrderWithinEveryQuota(int models, @TempDir Path dir) throws IOException {
    CfnSpecValidator.Report report = assertDeploymentValid(models + " models", generate(models, dir));
    assertTrue(report.operations().size() > 2, "split into group stacks: " + report.operations());
    report.operations().values().forEach(n -> assertTrue(n <= CfnSpecValidator.MAX_OPERATION_RESOURCES, n + ""));
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
    assertEquals(yamlFiles(out), report.templates().stream().sorted().toList(),
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

  /** Stack name of the root stack when the tests deploy an output ({@code deploy.sh}'s first argument). */
  static final String STACK = "app";
  private static final Pattern TEMPLATE_FILE = Pattern.compile("--template-file\\s+(\"?)([^\"\\s]+)\\1");
  private static final Pattern STACK_NAME = Pattern.compile("--stack-name\\s+(\"?)([^\"\\s]+)\\1");

  /** The top-level templates of an output in deployment order: template.yaml, then stacks/group-*.yaml sorted. */
  static List<String> topLevelTemplates(Path out) throws IOException {
    List<String> templates = new ArrayList<>(List.of(Generator.TEMPLATE));
    Path stacks = out.resolve("stacks");
    if (Files.isDirectory(stacks)) {
      try (Stream<Path> files = Files.list(stacks)) {
        files.map(f -> f.getFileName().toString()).filter(f -> f.matches("group-.+\\.ya?ml")).sorted()
            .forEach(f -> templates.add("stacks/" + f));
      }
    }
    return templates;
  }

  /**
   * Validates the deployment of an output: its top-level templates ({@link #topLevelTemplates}) deployed in order
   * as {@code deploy.sh} does ({@link CfnSpecValidator#splitDeployment}), each with its nested stacks; no problems,
   * every YAML file of the output is one of them, and a split output's deploy.sh / delete.sh deploy and delete the
   * stacks in that order and its reverse (when they name the templates one by one). Prints one line: the templates
   * and the resources of each stack operation.
   */
  static CfnSpecValidator.Report assertDeploymentValid(String what, Path out) throws IOException {
    List<String> topLevel = topLevelTemplates(out);
    List<CfnSpecValidator.Stack> stacks = CfnSpecValidator.splitDeployment(STACK, topLevel);
    CfnSpecValidator.Report report = validator.checkDeployment(OutputFiles.of(out), stacks);
    int maxResources = 0;
    long maxBytes = 0;
    for (String template : report.templates()) {
      Path file = out.resolve(template);
      if (Files.isRegularFile(file)) {
        byte[] bytes = Files.readAllBytes(file);
        maxBytes = Math.max(maxBytes, bytes.length);
        if (CfnSpecValidator.parseYaml(new String(bytes, StandardCharsets.UTF_8)) instanceof Map<?, ?> t
            && t.get("Resources") instanceof Map<?, ?> resources) {
          maxResources = Math.max(maxResources, resources.size());
        }
      }
    }
    System.out.println("[cfn] " + what + ": " + report.templates().size() + " templates, " + topLevel.size()
        + " stack operations " + report.operations().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "{", "}"))
        + " resources (max " + CfnSpecValidator.MAX_OPERATION_RESOURCES + "); largest template " + maxResources
        + " resources, " + maxBytes + " bytes; " + report.problems().size() + " problems");
    assertAll(what,
        () -> assertEquals(List.of(), report.problems(), () -> what + ": " + report.problems().size()
            + " problems (CloudFormation resource specification " + validator.specVersion() + ", deployed as "
            + stacks.stream().map(s -> s.template() + " as " + s.name()).toList() + "):\n"
            + String.join("\n", report.problems())),
        () -> assertEquals(yamlFiles(out), report.templates().stream().sorted().toList(),
            what + ": every template of the output is a top-level template " + topLevel + " or a stack they nest"),
        () -> {
          if (topLevel.size() > 1 || Files.exists(out.resolve("deploy.sh"))) {
            checkScripts(what, out, stacks);
          }
        });
    return report;
  }

  private static List<String> yamlFiles(Path out) throws IOException {
    try (Stream<Path> files = Files.walk(out)) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .map(f -> out.relativize(f).toString().replace('\\', '/')).sorted().toList();
    }
  }

  /**
   * deploy.sh deploys the stacks in order and delete.sh deletes them in reverse order, when the scripts name the
   * templates one by one ({@code --template-file} / {@code --stack-name} with {@code $STACK} for the root's name);
   * a script looping over the stacks is not checked.
   */
  private static void checkScripts(String what, Path out, List<CfnSpecValidator.Stack> stacks) throws IOException {
    Path deploy = out.resolve("deploy.sh");
    Path delete = out.resolve("delete.sh");
    assertTrue(Files.isRegularFile(deploy) && Files.isRegularFile(delete),
        what + ": the output states its deployment order in deploy.sh and delete.sh");
    List<String> templates = distinct(matches(TEMPLATE_FILE, deploy).stream()
        .map(t -> t.replaceFirst("^\\$\\{?\\w+}?/", "")).toList());
    List<String> names = distinct(matches(STACK_NAME, deploy).stream().map(CfnTemplateValidationTest::rootName).toList());
    List<String> deleted = distinct(matches(STACK_NAME, delete).stream().map(CfnTemplateValidationTest::rootName).toList());
    if (Stream.of(templates, names, deleted).flatMap(List::stream).anyMatch(a -> a.contains("*") || a.contains("$"))) {
      return;
    }
    assertEquals(stacks.stream().map(CfnSpecValidator.Stack::template).toList(), templates,
        what + ": the templates deploy.sh deploys, in order");
    List<String> expectedNames = stacks.stream().map(CfnSpecValidator.Stack::name).toList();
    assertEquals(expectedNames, names, what + ": the stack names deploy.sh gives them, in order");
    List<String> reversed = new ArrayList<>(expectedNames);
    Collections.reverse(reversed);
    assertEquals(reversed, deleted, what + ": delete.sh deletes the stacks in reverse order");
  }

  /** The arguments {@code pattern} finds in a script, comment lines left out. */
  private static List<String> matches(Pattern pattern, Path script) throws IOException {
    String text = Files.readAllLines(script).stream().filter(line -> !line.strip().startsWith("#"))
        .collect(Collectors.joining("\n"));
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(2));
    }
    return found;
  }

  /** Without consecutive repeats (a script deploying one stack in the two branches of an if). */
  private static List<String> distinct(List<String> list) {
    List<String> out = new ArrayList<>();
    for (String s : list) {
      if (out.isEmpty() || !out.get(out.size() - 1).equals(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** A stack name of a script with the root stack's name ({@code $STACK}, {@code ${STACK}}) replaced by {@link #STACK}. */
  private static String rootName(String name) {
    return name.replaceAll("\\$\\{STACK}|\\$STACK(?!\\w)", STACK);
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
            DependsOn: Schema
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

  // ------------------------------------------------------------------ split deployments

  /**
   * The root of a split deployment: VALID plus a data source, a shared pipeline function, an inline pipeline
   * resolver, the nested stack Resolvers01 and the exports the group stacks import.
   */
  private static final String SPLIT_ROOT = VALID.replace("Outputs:\n", """
        DataSource:
          Type: AWS::AppSync::DataSource
          Properties:
            ApiId:
              Fn::GetAtt: [Api, ApiId]
            Name: TableDataSource
            Type: AMAZON_DYNAMODB
            ServiceRoleArn:
              Fn::GetAtt: [Role, Arn]
            DynamoDBConfig:
              TableName:
                Ref: Table
              AwsRegion:
                Ref: AWS::Region
        ReadItemFunction:
          Type: AWS::AppSync::FunctionConfiguration
          Properties:
            ApiId:
              Fn::GetAtt: [Api, ApiId]
            Name: ReadItem
            DataSourceName:
              Fn::GetAtt: [DataSource, Name]
            FunctionVersion: "2018-05-29"
            RequestMappingTemplate: "{}"
            ResponseMappingTemplate: "$util.toJson($ctx.result)"
        QueryAResolver:
          Type: AWS::AppSync::Resolver
          DependsOn: Schema
          Properties:
            ApiId:
              Fn::GetAtt: [Api, ApiId]
            TypeName: Query
            FieldName: a
            Kind: PIPELINE
            PipelineConfig:
              Functions:
                - Fn::GetAtt: [ReadItemFunction, FunctionId]
            RequestMappingTemplate: "{}"
            ResponseMappingTemplate: "$util.toJson($ctx.result)"
        Resolvers01:
          Type: AWS::CloudFormation::Stack
          DependsOn: Schema
          Properties:
            TemplateURL: stacks/resolvers-01.yaml
            Parameters:
              ApiId:
                Fn::GetAtt: [Api, ApiId]
              DataSourceName:
                Fn::GetAtt: [DataSource, Name]
              ReadItemFunctionId:
                Fn::GetAtt: [ReadItemFunction, FunctionId]
      Outputs:
        ApiId:
          Value:
            Fn::GetAtt: [Api, ApiId]
          Export:
            Name:
              Fn::Sub: "${AWS::StackName}-ApiId"
        DataSourceName:
          Value:
            Fn::GetAtt: [DataSource, Name]
          Export:
            Name:
              Fn::Sub: "${AWS::StackName}-DataSourceName"
        ReadItemFunctionId:
          Value:
            Fn::GetAtt: [ReadItemFunction, FunctionId]
          Export:
            Name:
              Fn::Sub: "${AWS::StackName}-ReadItemFunctionId"
      """);

  /** A nested stack of resolvers: a pipeline resolver (the shared function) and a unit resolver per field of Query. */
  private static String resolvers(String... fields) {
    StringBuilder yaml = new StringBuilder("""
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          ApiId:
            Type: String
          DataSourceName:
            Type: String
          ReadItemFunctionId:
            Type: String
        Resources:
        """);
    for (String field : fields) {
      String id = Character.toUpperCase(field.charAt(0)) + field.substring(1);
      yaml.append("""
            Query%sResolver:
              Type: AWS::AppSync::Resolver
              Properties:
                ApiId:
                  Ref: ApiId
                TypeName: Query
                FieldName: %s
                Kind: PIPELINE
                PipelineConfig:
                  Functions:
                    - Ref: ReadItemFunctionId
                RequestMappingTemplate: "{}"
                ResponseMappingTemplate: "$util.toJson($ctx.result)"
            Query%sCountResolver:
              Type: AWS::AppSync::Resolver
              Properties:
                ApiId:
                  Ref: ApiId
                TypeName: Query
                FieldName: %sCount
                Kind: UNIT
                DataSourceName:
                  Ref: DataSourceName
                RequestMappingTemplate: "{}"
                ResponseMappingTemplate: "$util.toJson($ctx.result)"
          """.formatted(id, field, id, field));
    }
    return yaml.toString();
  }

  /** A group stack nesting the given resolver stacks ({@code resolvers-NN.yaml} beside it), parameters imported. */
  private static String group(int... nested) {
    StringBuilder yaml = new StringBuilder("""
        AWSTemplateFormatVersion: "2010-09-09"
        Description: Resolvers deployed after the root stack.
        Parameters:
          RootStackName:
            Type: String
            AllowedPattern: "[a-zA-Z][-a-zA-Z0-9]*"
        Resources:
        """);
    for (int n : nested) {
      yaml.append("""
            Resolvers%02d:
              Type: AWS::CloudFormation::Stack
              Properties:
                TemplateURL: resolvers-%02d.yaml
                Parameters:
                  ApiId:
                    Fn::ImportValue:
                      Fn::Sub: "${RootStackName}-ApiId"
                  DataSourceName:
                    Fn::ImportValue:
                      Fn::Sub: "${RootStackName}-DataSourceName"
                  ReadItemFunctionId:
                    Fn::ImportValue:
                      Fn::Sub: "${RootStackName}-ReadItemFunctionId"
          """.formatted(n, n));
    }
    return yaml.toString();
  }

  /** A valid split deployment: the root (Resolvers01), group-01 (Resolvers02, 03), group-02 (Resolvers04). */
  private static Map<String, String> splitOutput() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("template.yaml", SPLIT_ROOT);
    files.put(SCHEMA_FILE, "type Query { a: Int }");
    files.put("stacks/resolvers-01.yaml", resolvers("b", "c"));
    files.put("stacks/resolvers-02.yaml", resolvers("d", "e"));
    files.put("stacks/resolvers-03.yaml", resolvers("f"));
    files.put("stacks/resolvers-04.yaml", resolvers("g", "h"));
    files.put("stacks/group-01.yaml", group(2, 3));
    files.put("stacks/group-02.yaml", group(4));
    files.put("deploy.sh", """
        #!/bin/sh
        # Deploys the stacks in order: each group imports the root's exports.
        set -eu
        STACK="${1:-app}"
        sam deploy --template-file template.yaml --stack-name "$STACK" --capabilities CAPABILITY_IAM --resolve-s3
        sam deploy --template-file stacks/group-01.yaml --stack-name "$STACK-resolvers-01" \\
          --parameter-overrides RootStackName="$STACK" --resolve-s3
        sam deploy --template-file stacks/group-02.yaml --stack-name "$STACK-resolvers-02" \\
          --parameter-overrides RootStackName="$STACK" --resolve-s3
        """);
    files.put("delete.sh", """
        #!/bin/sh
        set -eu
        STACK="${1:-app}"
        sam delete --no-prompts --stack-name "$STACK-resolvers-02"
        sam delete --no-prompts --stack-name "$STACK-resolvers-01"
        sam delete --no-prompts --stack-name "$STACK"
        """);
    return files;
  }

  private static final List<String> SPLIT_ORDER = List.of("template.yaml", "stacks/group-01.yaml", "stacks/group-02.yaml");

  private static OutputFiles inMemory(Map<String, String> files) {
    Map<String, byte[]> bytes = new HashMap<>();
    files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
    return OutputFiles.of(bytes);
  }

  private static CfnSpecValidator.Report deploy(Map<String, String> files, List<CfnSpecValidator.Stack> stacks) {
    return validator.checkDeployment(inMemory(files), stacks);
  }

  private static CfnSpecValidator.Report deploy(Map<String, String> files) {
    return deploy(files, CfnSpecValidator.splitDeployment(STACK, SPLIT_ORDER));
  }

  /** The problems are exactly those starting with the expected lines, each containing the further fragments. */
  private static void assertProblems(CfnSpecValidator.Report report, List<List<String>> expected) {
    List<String> unmatched = new ArrayList<>(report.problems());
    List<String> missing = new ArrayList<>();
    for (List<String> fragments : expected) {
      var match = unmatched.stream().filter(p -> p.startsWith(fragments.get(0))
          && fragments.stream().allMatch(p::contains)).findFirst();
      if (match.isPresent()) {
        unmatched.remove(match.get());
      } else {
        missing.add(String.join(" … ", fragments));
      }
    }
    assertEquals(List.of(), missing, () -> "expected problems missing; found:\n" + String.join("\n", report.problems()));
    assertEquals(List.of(), unmatched, "unexpected problems");
  }

  private static void write(Path out, Map<String, String> files) throws IOException {
    for (var e : files.entrySet()) {
      Path file = out.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
    }
  }

  @Test
  void aSplitDeploymentIsValid(@TempDir Path out) throws IOException {
    CfnSpecValidator.Report report = deploy(splitOutput());
    assertEquals(List.of(), report.problems());
    assertEquals(List.of("template.yaml", "stacks/resolvers-01.yaml", "stacks/group-01.yaml", "stacks/resolvers-02.yaml",
        "stacks/resolvers-03.yaml", "stacks/group-02.yaml", "stacks/resolvers-04.yaml"), report.templates());
    // root: 4 of VALID + data source, function, resolver, nested stack = 8, + 4 resolvers nested
    assertEquals(Map.of("template.yaml", 12, "stacks/group-01.yaml", 2 + 6, "stacks/group-02.yaml", 1 + 4),
        report.operations());
    assertEquals(List.of("template.yaml", "stacks/group-01.yaml", "stacks/group-02.yaml"),
        List.copyOf(report.operations().keySet()), "operations in deployment order");

    write(out, splitOutput());
    assertEquals(SPLIT_ORDER, topLevelTemplates(out));
    assertDeploymentValid("hand-written split deployment", out);
    Files.writeString(out.resolve("stacks/resolvers-09.yaml"), resolvers("z"));
    AssertionError unreachable = assertThrows(AssertionError.class,
        () -> assertDeploymentValid("a stray nested template", out));
    assertTrue(unreachable.getMessage().contains("every template of the output"), unreachable.getMessage());
    Files.delete(out.resolve("stacks/resolvers-09.yaml"));
    Files.writeString(out.resolve("deploy.sh"), splitOutput().get("deploy.sh").replace("group-01", "group-0X")
        .replace("group-02", "group-01").replace("group-0X", "group-02"));
    AssertionError order = assertThrows(AssertionError.class,
        () -> assertDeploymentValid("deploy.sh in another order", out));
    assertTrue(order.getMessage().contains("the templates deploy.sh deploys, in order"), order.getMessage());
  }

  /** Imports in the wrong order, of another root's exports, of the importing stack's own export, of an unknown name. */
  @Test
  void importsNeedAnEarlierExport() {
    Map<String, String> files = splitOutput();
    List<CfnSpecValidator.Stack> wrongOrder = List.of(
        new CfnSpecValidator.Stack("stacks/group-01.yaml", "app-resolvers-01", Map.of("RootStackName", "app")),
        new CfnSpecValidator.Stack("template.yaml", "app"),
        new CfnSpecValidator.Stack("stacks/group-02.yaml", "app-resolvers-02", Map.of("RootStackName", "apps")));
    List<List<String>> expected = new ArrayList<>();
    for (int nested : List.of(2, 3)) {
      for (String export : List.of("ApiId", "DataSourceName", "ReadItemFunctionId")) {
        expected.add(List.of(String.format("stacks/group-01.yaml: Resources.Resolvers%02d.Properties.Parameters.%s"
            + ".Fn::ImportValue: imports \"app-%s\" (stack app-resolvers-01), which template.yaml: "
            + "Outputs.%s.Export.Name (stack app) exports, deployed later", nested, export, export, export)));
      }
    }
    for (String export : List.of("ApiId", "DataSourceName", "ReadItemFunctionId")) {
      expected.add(List.of("stacks/group-02.yaml: Resources.Resolvers04.Properties.Parameters." + export
          + ".Fn::ImportValue: imports \"apps-" + export + "\"", "which no stack of the deployment exports"));
    }
    assertProblems(deploy(files, wrongOrder), expected);

    // an import of the stack's own export; a parameter the template does not declare
    files.put("template.yaml", replace(SPLIT_ROOT,
        "        ReadItemFunctionId:\n          Fn::GetAtt: [ReadItemFunction, FunctionId]\n",
        "        ReadItemFunctionId:\n          Fn::ImportValue:\n            Fn::Sub: \"${AWS::StackName}-ReadItemFunctionId\"\n"));
    List<CfnSpecValidator.Stack> stacks = new ArrayList<>(CfnSpecValidator.splitDeployment(STACK, SPLIT_ORDER));
    stacks.set(0, new CfnSpecValidator.Stack("template.yaml", STACK, Map.of("RootStackName", STACK)));
    assertProblems(deploy(files, stacks), List.of(
        List.of("template.yaml: Resources.Resolvers01.Properties.Parameters.ReadItemFunctionId.Fn::ImportValue: imports"
            + " \"app-ReadItemFunctionId\" (stack app), which its own stack operation exports (template.yaml: Outputs"
            + ".ReadItemFunctionId.Export.Name (stack app))"),
        List.of("template.yaml: Parameters: the deployment passes RootStackName (stack app), which the template does"
            + " not declare")));

    // an import whose name depends on something known only once deployed
    files.put("template.yaml", SPLIT_ROOT);
    files.put("stacks/group-02.yaml", replace(group(4), "Fn::Sub: \"${RootStackName}-ApiId\"",
        "Fn::Sub: \"${RootStackName}-${AWS::StackId}\""));
    assertProblems(deploy(files), List.of(List.of("stacks/group-02.yaml: Resources.Resolvers04.Properties.Parameters"
        + ".ApiId.Fn::ImportValue: the name of the import (stack app-resolvers-02) is not known before deployment")));
  }

  @Test
  void oneExportPerName() {
    Map<String, String> files = splitOutput();
    files.put("stacks/group-02.yaml", group(4) + """
        Outputs:
          ApiId:
            Value:
              Ref: RootStackName
            Export:
              Name:
                Fn::Join: ["-", [{Ref: RootStackName}, ApiId]]
        """);
    assertProblems(deploy(files), List.of(List.of("stacks/group-02.yaml: Outputs.ApiId.Export.Name: exports \"app-ApiId\""
        + " (stack app-resolvers-02), which template.yaml: Outputs.ApiId.Export.Name (stack app) exports too")));
  }

  /** Nested stacks of 500 resources each: within the quota per template, over it per stack operation. */
  @Test
  void resourcesPerStackOperation() {
    StringBuilder big = new StringBuilder("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n");
    for (int i = 0; i < CfnSpecValidator.MAX_RESOURCES; i++) {
      big.append("  Group").append(i).append(":\n    Type: AWS::IAM::Group\n");
    }
    Map<String, String> files = splitOutput();
    StringBuilder stacks = new StringBuilder();
    for (int i = 1; i <= 5; i++) {
      files.put("stacks/big-" + i + ".yaml", big.toString());
      stacks.append("""
            Big%d:
              Type: AWS::CloudFormation::Stack
              Properties:
                TemplateURL: big-%d.yaml
          """.formatted(i, i));
    }
    // group-01: 2 + 6 resources of its resolver stacks, + 4 x 501: within 2,500
    files.put("stacks/group-01.yaml", group(2, 3) + stacks.substring(0, stacks.indexOf("  Big5:")));
    CfnSpecValidator.Report report = deploy(files);
    assertEquals(List.of(), report.problems());
    assertEquals(8 + 4 * 501, report.operations().get("stacks/group-01.yaml"));
    // + a fifth: 2,513
    files.put("stacks/group-01.yaml", group(2, 3) + stacks);
    report = deploy(files);
    assertEquals(8 + 5 * 501, report.operations().get("stacks/group-01.yaml"));
    assertProblems(report, List.of(List.of("stacks/group-01.yaml: 2,513 resources in one stack operation (stack"
        + " app-resolvers-01: this template and 7 nested stack templates), more than CloudFormation's 2,500 per"
        + " operation, nested stacks included")));
    // one template nested five times counts five times
    files.put("stacks/group-01.yaml", group(2, 3) + stacks.toString().replaceAll("big-\\d", "big-1"));
    CfnSpecValidator.Report once = deploy(files);
    assertEquals(8 + 5 * 501, once.operations().get("stacks/group-01.yaml"));
    assertEquals(1, once.problems().size(), () -> String.join("\n", once.problems()));
  }

  @Test
  void oneResolverPerFieldAcrossTheDeployment() {
    Map<String, String> files = splitOutput();
    files.put("stacks/resolvers-04.yaml", resolvers("g", "d"));
    assertProblems(deploy(files), List.of(List.of("stacks/resolvers-04.yaml: Resources.QueryDResolver.Properties: a second"
        + " resolver for Query.d (stack app-resolvers-02/Resolvers04; first: stacks/resolvers-02.yaml: Resources"
        + ".QueryDResolver.Properties (stack app-resolvers-01/Resolvers02)); AppSync allows one per field"),
        List.of("stacks/resolvers-04.yaml: Resources.QueryDCountResolver.Properties: a second resolver for Query.dCount")));

    // a nested template deployed by two groups: each of its resolvers twice
    files = splitOutput();
    files.put("stacks/group-02.yaml", group(4, 3));
    assertProblems(deploy(files), List.of(
        List.of("stacks/resolvers-03.yaml: Resources.QueryFResolver.Properties: a second resolver for Query.f (stack"
            + " app-resolvers-02/Resolvers03; first: stacks/resolvers-03.yaml: Resources.QueryFResolver.Properties"
            + " (stack app-resolvers-01/Resolvers03))"),
        List.of("stacks/resolvers-03.yaml: Resources.QueryFCountResolver.Properties: a second resolver for Query.fCount")));

    // one stack name for two stacks
    List<CfnSpecValidator.Stack> stacks = new ArrayList<>(CfnSpecValidator.splitDeployment(STACK, SPLIT_ORDER));
    stacks.set(2, new CfnSpecValidator.Stack("stacks/group-02.yaml", "app-resolvers-01", Map.of("RootStackName", STACK)));
    assertProblems(deploy(splitOutput(), stacks), List.of(List.of("stacks/group-02.yaml: deployed as stack"
        + " app-resolvers-01, the stack of stacks/group-01.yaml deployed earlier")));
  }

  @Test
  void aGroupNamingAMissingNestedTemplate() {
    Map<String, String> files = splitOutput();
    files.put("stacks/group-02.yaml", group(4, 5));
    assertProblems(deploy(files), List.of(List.of("stacks/group-02.yaml: Resources.Resolvers05.Properties.TemplateURL:"
        + " \"resolvers-05.yaml\" names stacks/resolvers-05.yaml, which is not in the output")));
    files.remove("stacks/group-02.yaml");
    assertProblems(deploy(files), List.of(List.of("stacks/group-02.yaml: no such file in the output")));
  }

  /** In the stack operation that creates the schema, resolvers and the nested stacks holding them depend on it. */
  @Test
  void resolversAfterTheSchema() {
    Map<String, String> files = splitOutput();
    files.put("template.yaml", replace(replace(SPLIT_ROOT,
        "  QueryAResolver:\n    Type: AWS::AppSync::Resolver\n    DependsOn: Schema\n",
        "  QueryAResolver:\n    Type: AWS::AppSync::Resolver\n"),
        "  Resolvers01:\n    Type: AWS::CloudFormation::Stack\n    DependsOn: Schema\n",
        "  Resolvers01:\n    Type: AWS::CloudFormation::Stack\n    DependsOn: QueryAResolver\n"));
    String schema = "(template.yaml: Resources.Schema (stack app)): add DependsOn";
    assertProblems(deploy(files), List.of(
        List.of("template.yaml: Resources.QueryAResolver: an AppSync resolver (stack app) that does not depend on the"
            + " schema its stack operation creates " + schema),
        List.of("template.yaml: Resources.Resolvers01: a nested stack of AppSync resolvers (stack app) that does not"
            + " depend on the schema its stack operation creates " + schema)));
    // through another resource that depends on the schema
    files.put("template.yaml", replace(SPLIT_ROOT,
        "  QueryAResolver:\n    Type: AWS::AppSync::Resolver\n    DependsOn: Schema\n",
        "  QueryAResolver:\n    Type: AWS::AppSync::Resolver\n    DependsOn: Resolvers01\n"));
    assertEquals(List.of(), deploy(files).problems());
  }

  /** Pipeline functions resolve, through parameters and imports, to FunctionIds of FunctionConfigurations. */
  @Test
  void pipelineFunctionsResolveToFunctions() {
    Map<String, String> files = splitOutput();
    files.put("stacks/resolvers-04.yaml", replace(resolvers("g"), "- Ref: ReadItemFunctionId", "- Ref: DataSourceName"));
    files.put("stacks/group-01.yaml", group(2, 3).replaceFirst("\\$\\{RootStackName}-ReadItemFunctionId",
        "\\${RootStackName}-ApiId"));
    files.put("template.yaml", replace(replace(SPLIT_ROOT,
        "          - Fn::GetAtt: [ReadItemFunction, FunctionId]\n",
        "          - Fn::GetAtt: [ReadItemFunction, FunctionArn]\n"),
        "        DataSourceName:\n          Fn::GetAtt: [DataSource, Name]\n        ReadItemFunctionId:\n",
        "        DataSourceName:\n          Fn::GetAtt: [Api, ApiId]\n        ReadItemFunctionId:\n"));
    assertProblems(deploy(files), List.of(
        List.of("template.yaml: Resources.QueryAResolver.Properties.PipelineConfig.Functions[0]: does not resolve to the"
            + " FunctionId of an AWS::AppSync::FunctionConfiguration of the deployment (stack app): it is Fn::GetAtt"
            + " ReadItemFunction.FunctionArn (AWS::AppSync::FunctionConfiguration) of template.yaml (stack app)"),
        List.of("stacks/resolvers-02.yaml: Resources.QueryDResolver.Properties.PipelineConfig.Functions[0]: does not"
            + " resolve to the FunctionId", "(stack app-resolvers-01/Resolvers02): it is Fn::GetAtt Api.ApiId"
            + " (AWS::AppSync::GraphQLApi) of template.yaml (stack app)"),
        List.of("stacks/resolvers-02.yaml: Resources.QueryEResolver.Properties.PipelineConfig.Functions[0]"),
        List.of("stacks/resolvers-04.yaml: Resources.QueryGResolver.Properties.PipelineConfig.Functions[0]: does not"
            + " resolve to the FunctionId", "it is Fn::GetAtt DataSource.Name (AWS::AppSync::DataSource)"),
        List.of("stacks/resolvers-01.yaml: Resources.QueryBCountResolver.Properties.DataSourceName: resolves to"
            + " Fn::GetAtt Api.ApiId (AWS::AppSync::GraphQLApi) of template.yaml (stack app), not the Name of an"
            + " AWS::AppSync::DataSource"),
        List.of("stacks/resolvers-01.yaml: Resources.QueryCCountResolver.Properties.DataSourceName: resolves to")));
  }
}
