package io.singletable.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split backend of {@value #RESOLVERS} trivial UNIT resolvers (each with its own two mapping
 * templates) in nested stacks of {@value #PER_STACK}, half of them under the root and half under a
 * group stack, starts in the simulator and answers every field in one request. Prints the start-up
 * time (not asserted: it depends on the machine).
 */
@Tag("simulator")
class ManyResolversStartupTest {

  static final int RESOLVERS = 3000;
  static final int PER_STACK = 375;

  @Test
  void threeThousandResolversInNestedAndGroupStacksStartAndAnswer(@TempDir Path dir) throws IOException {
    int stacks = write(dir);
    try (Backend backend = Backend.start(dir)) {
      AppSyncSimulator simulator = backend.simulator();
      System.out.printf(Locale.ROOT, "harness: %d resolvers in %d nested stacks: AppSync simulator started in %d ms (server: %s)%n",
          simulator.resolverCount(), stacks, simulator.startupMillis(), simulator.serverMillis());
      assertEquals(RESOLVERS, simulator.resolverCount());
      assertEquals(stacks + 2, simulator.stacks().size(), "root, group-01 and the nested stacks");

      String query = IntStream.rangeClosed(1, RESOLVERS).mapToObj(ManyResolversStartupTest::field).collect(Collectors.joining(" ", "{ ", " }"));
      long started = System.nanoTime();
      JsonNode data = backend.graphql(query).requireNoErrors().data("");
      System.out.printf(Locale.ROOT, "harness: one query of all %d fields answered in %d ms%n", RESOLVERS, (System.nanoTime() - started) / 1_000_000);
      for (int i = 1; i <= RESOLVERS; i++) {
        assertEquals(field(i), data.path(field(i)).asText());
      }
    }
  }

  private static String field(int i) {
    return String.format(Locale.ROOT, "f%04d", i);
  }

  /** Writes the backend; returns the number of nested stacks. */
  private static int write(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("appsync/resolvers"));
    Files.createDirectories(dir.resolve("stacks"));
    Files.writeString(dir.resolve("appsync/schema.graphql"), IntStream.rangeClosed(1, RESOLVERS)
        .mapToObj(i -> "  " + field(i) + ": String\n").collect(Collectors.joining("", "type Query {\n", "}\n")));
    int stacks = (RESOLVERS + PER_STACK - 1) / PER_STACK;
    List<String> rootNested = new ArrayList<>();
    List<String> groupNested = new ArrayList<>();
    for (int s = 1; s <= stacks; s++) {
      String name = String.format(Locale.ROOT, "resolvers-%02d", s);
      StringBuilder t = new StringBuilder("""
          AWSTemplateFormatVersion: "2010-09-09"
          Parameters:
            ApiId:
              Type: String
            DataSourceName:
              Type: String
          Resources:
          """);
      for (int i = (s - 1) * PER_STACK + 1; i <= Math.min(RESOLVERS, s * PER_STACK); i++) {
        String f = field(i);
        Files.writeString(dir.resolve("appsync/resolvers/Query." + f + ".request.vtl"),
            "{\n  \"version\": \"2018-05-29\",\n  \"payload\": $util.toJson(\"" + f + "\")\n}\n");
        Files.writeString(dir.resolve("appsync/resolvers/Query." + f + ".response.vtl"), "$util.toJson($ctx.result)\n");
        t.append("  Query").append(f).append("Resolver:\n")
            .append("    Type: AWS::AppSync::Resolver\n")
            .append("    Properties:\n")
            .append("      ApiId:\n        Ref: ApiId\n")
            .append("      TypeName: Query\n")
            .append("      FieldName: ").append(f).append('\n')
            .append("      Kind: UNIT\n")
            .append("      DataSourceName:\n        Ref: DataSourceName\n")
            .append("      RequestMappingTemplateS3Location: ../appsync/resolvers/Query.").append(f).append(".request.vtl\n")
            .append("      ResponseMappingTemplateS3Location: ../appsync/resolvers/Query.").append(f).append(".response.vtl\n");
      }
      Files.writeString(dir.resolve("stacks/" + name + ".yaml"), t);
      (s <= stacks / 2 ? rootNested : groupNested).add(name);
    }
    StringBuilder root = new StringBuilder("""
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Table:
            Type: AWS::DynamoDB::Table
            Properties:
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions:
                - AttributeName: PK
                  AttributeType: S
              KeySchema:
                - AttributeName: PK
                  KeyType: HASH
          GraphQLApi:
            Type: AWS::AppSync::GraphQLApi
            Properties:
              Name: many
              AuthenticationType: API_KEY
          Schema:
            Type: AWS::AppSync::GraphQLSchema
            Properties:
              ApiId:
                Fn::GetAtt: [GraphQLApi, ApiId]
              DefinitionS3Location: appsync/schema.graphql
          NoneDataSource:
            Type: AWS::AppSync::DataSource
            Properties:
              ApiId:
                Fn::GetAtt: [GraphQLApi, ApiId]
              Name: NoneDataSource
              Type: NONE
        """);
    for (String name : rootNested) {
      root.append(nestedStack(name, "stacks/" + name + ".yaml",
          "Fn::GetAtt: [GraphQLApi, ApiId]", "Fn::GetAtt: [NoneDataSource, Name]"));
    }
    root.append("""
        Outputs:
          ApiId:
            Value:
              Fn::GetAtt: [GraphQLApi, ApiId]
            Export:
              Name:
                Fn::Sub: "${AWS::StackName}-ApiId"
          DataSourceName:
            Value:
              Fn::GetAtt: [NoneDataSource, Name]
            Export:
              Name:
                Fn::Sub: "${AWS::StackName}-DataSourceName"
        """);
    Files.writeString(dir.resolve("template.yaml"), root);
    StringBuilder group = new StringBuilder("""
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          RootStackName:
            Type: String
        Resources:
        """);
    for (String name : groupNested) {
      group.append(nestedStack(name, name + ".yaml",
          "Fn::ImportValue:\n            Fn::Sub: \"${RootStackName}-ApiId\"",
          "Fn::ImportValue:\n            Fn::Sub: \"${RootStackName}-DataSourceName\""));
    }
    Files.writeString(dir.resolve("stacks/group-01.yaml"), group);
    return stacks;
  }

  private static String nestedStack(String name, String url, String apiId, String dataSourceName) {
    String id = "Resolvers" + name.substring(name.indexOf('-') + 1);
    return "  " + id + ":\n"
        + "    Type: AWS::CloudFormation::Stack\n"
        + "    Properties:\n"
        + "      TemplateURL: " + url + "\n"
        + "      Parameters:\n"
        + "        ApiId:\n          " + apiId + "\n"
        + "        DataSourceName:\n          " + dataSourceName + "\n";
  }
}
