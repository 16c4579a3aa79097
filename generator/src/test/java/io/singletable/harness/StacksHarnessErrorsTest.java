package io.singletable.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split or nested backend that CloudFormation or AppSync would refuse to deploy does not start in
 * the harness either: the error names the stack, its template and what is wrong. Each test breaks a
 * copy of {@code harness-stacks}.
 */
@Tag("simulator")
class StacksHarnessErrorsTest {

  private static final String ROOT = AppSyncSimulator.ROOT_STACK_NAME;

  @TempDir
  Path dir;

  @Test
  void importOfANameTheRootDoesNotExportNamesTheImportingStackAndTheExport() {
    StacksFixture.copyTo(dir);
    StacksFixture.edit(dir, "template.yaml", "\"${AWS::StackName}-UpdateItemFunctionId\"", "\"${AWS::StackName}-UpdateFunctionId\"");
    assertFailsWith("stacks/group-01.yaml (stack " + ROOT + "-group-01): Resolvers02.Parameters.UpdateItemFunctionId:"
        + " Fn::ImportValue of " + ROOT + "-UpdateItemFunctionId: no stack deployed before stack " + ROOT + "-group-01 exports it");
  }

  @Test
  void importOfAnExportOfAStackDeployedLaterIsAnErrorAndWorksInTheRightOrder() throws IOException {
    StacksFixture.copyTo(dir);
    // group-02 exports its data source name; group-01, deployed before it, imports it
    StacksFixture.append(dir, "stacks/group-02.yaml", List.of(
        "Outputs:",
        "  Marker:",
        "    Value:",
        "      Fn::ImportValue:",
        "        Fn::Sub: \"${RootStackName}-DataSourceName\"",
        "    Export:",
        "      Name:",
        "        Fn::Sub: \"${AWS::StackName}-DataSourceName\""));
    StacksFixture.edit(dir, "stacks/group-01.yaml", "\"${RootStackName}-DataSourceName\"", "\"${RootStackName}-group-02-DataSourceName\"");
    assertFailsWith("stacks/group-01.yaml (stack " + ROOT + "-group-01): Resolvers02.Parameters.DataSourceName: Fn::ImportValue of "
        + ROOT + "-group-02-DataSourceName: no stack deployed before stack " + ROOT + "-group-01 exports it");

    // deployed after group-02, the same stack imports it
    Files.move(dir.resolve("stacks/group-01.yaml"), dir.resolve("stacks/group-03.yaml"));
    try (AppSyncSimulator simulator = start()) {
      assertEquals(List.of(ROOT, ROOT + "-Resolvers01", ROOT + "-Resolvers01-Inner", ROOT + "-group-02", ROOT + "-group-02-Resolvers03",
          ROOT + "-group-03", ROOT + "-group-03-Resolvers02"), simulator.stacks().stream().map(AppSyncSimulator.Stack::name).toList());
      assertEquals(10, simulator.resolverCount());
    }
  }

  @Test
  void twoStacksExportingOneNameIsAnError() {
    StacksFixture.copyTo(dir);
    StacksFixture.append(dir, "stacks/group-01.yaml", List.of(
        "Outputs:",
        "  ApiId:",
        "    Value: x",
        "    Export:",
        "      Name:",
        "        Fn::Sub: \"${RootStackName}-ApiId\""));
    assertFailsWith("stacks/group-01.yaml (stack " + ROOT + "-group-01): exports " + ROOT + "-ApiId, already exported by stack "
        + ROOT + " (template.yaml)");
  }

  @Test
  void missingNestedTemplateNamesTheDeclaringStackAndThePath() throws IOException {
    StacksFixture.copyTo(dir);
    Files.delete(dir.resolve("stacks/inner/resolvers-01a.yaml"));
    assertFailsWith("stacks/resolvers-01.yaml (stack " + ROOT + "-Resolvers01): Inner: TemplateURL inner/resolvers-01a.yaml:"
        + " nested stack template stacks/inner/resolvers-01a.yaml does not exist");
  }

  @Test
  void twoResolversOnOneFieldAcrossStacksAreAnErrorNamingBoth() {
    StacksFixture.copyTo(dir);
    StacksFixture.edit(dir, "stacks/resolvers-03.yaml", "FieldName: deleteThing", "FieldName: putThing");
    assertFailsWith("Mutation.putThing has two resolvers, MutationPutThingResolver in template.yaml (stack " + ROOT + ")"
        + " and MutationDeleteThingResolver in stacks/resolvers-03.yaml (stack " + ROOT + "-group-02-Resolvers03):"
        + " AppSync allows one resolver per field");
  }

  @Test
  void refOfAParameterTheNestedTemplateDoesNotDeclareIsAnError() {
    StacksFixture.copyTo(dir);
    StacksFixture.edit(dir, "stacks/resolvers-03.yaml", "Ref: DataSourceName", "Ref: TableDataSourceName");
    assertFailsWith("stacks/resolvers-03.yaml (stack " + ROOT + "-group-02-Resolvers03): MutationDeleteThingResolver:"
        + " Ref to TableDataSourceName, which is neither a parameter nor a resource of stacks/resolvers-03.yaml");
  }

  @Test
  void aNestedTemplateCannotReachTheRootsFunctionByItsLogicalId() {
    StacksFixture.copyTo(dir);
    // only a parameter or an export carries another stack's FunctionId
    StacksFixture.edit(dir, "stacks/inner/resolvers-01a.yaml", "- Ref: ReadItemFunctionId", "- Fn::GetAtt: [ReadItemFunction, FunctionId]");
    assertFailsWith("stacks/inner/resolvers-01a.yaml (stack " + ROOT + "-Resolvers01-Inner): QueryGetThingDeepResolver:"
        + " Fn::GetAtt of ReadItemFunction, which is neither a parameter nor a resource of stacks/inner/resolvers-01a.yaml");
  }

  @Test
  void aPipelineFunctionIdThatIsNoFunctionIsAnError() {
    StacksFixture.copyTo(dir);
    StacksFixture.edit(dir, "template.yaml", "ReadItemFunctionId:\n          Fn::GetAtt: [ReadItemFunction, FunctionId]",
        "ReadItemFunctionId:\n          Fn::GetAtt: [ReadItemFunction, Name]");
    assertFailsWith("stacks/resolvers-01.yaml (stack " + ROOT + "-Resolvers01): QueryGetThingPipelineResolver: pipeline function"
        + " \"ReadItemFunction.Name\" is not the FunctionId of any AWS::AppSync::FunctionConfiguration");
  }

  @Test
  void parametersPassedAndDeclaredMustMatch() {
    StacksFixture.copyTo(dir);
    StacksFixture.edit(dir, "stacks/group-02.yaml", "        DataSourceName:\n          Fn::ImportValue:",
        "        DataSource:\n          Fn::ImportValue:");
    assertFailsWith("stacks/group-02.yaml (stack " + ROOT + "-group-02): Resolvers03: passes parameter DataSource,"
        + " which stacks/resolvers-03.yaml does not declare");
  }

  @Test
  void aParameterWithoutValueIsAnError() {
    StacksFixture.copyTo(dir);
    StacksFixture.edit(dir, "stacks/resolvers-01.yaml", "        ReadItemFunctionId:\n          Ref: ReadItemFunctionId\n", "");
    assertFailsWith("stacks/inner/resolvers-01a.yaml (stack " + ROOT + "-Resolvers01-Inner): parameter ReadItemFunctionId has no value"
        + " (stacks/resolvers-01.yaml (stack " + ROOT + "-Resolvers01): Inner does not pass it, no Default)");
  }

  @Test
  void anApiIdThatIsNotTheApisIsAnError() {
    StacksFixture.copyTo(dir);
    StacksFixture.edit(dir, "stacks/group-02.yaml", "\"${RootStackName}-ApiId\"", "\"${RootStackName}-DataSourceName\"");
    assertFailsWith("stacks/resolvers-03.yaml (stack " + ROOT + "-group-02-Resolvers03): MutationDeleteThingResolver:"
        + " ApiId \"TableDataSource\" is not the id of the API GraphQLApi");
  }

  @Test
  void aLogicalIdThatIsBothParameterAndResourceIsAnError() {
    StacksFixture.copyTo(dir);
    StacksFixture.edit(dir, "stacks/resolvers-01.yaml", "  ReadItemFunction:\n", "  ReadItemFunctionId:\n");
    assertFailsWith("stacks/resolvers-01.yaml (stack " + ROOT + "-Resolvers01): logical id ReadItemFunctionId is both a parameter"
        + " and a resource");
  }

  private AppSyncSimulator start() {
    return AppSyncSimulator.start(dir, DynamoDbLocal.shared().endpoint(), "st-none");
  }

  private void assertFailsWith(String message) {
    IllegalStateException e = assertThrows(IllegalStateException.class, this::start);
    assertTrue(e.getMessage().contains("failed to start: " + message), e.getMessage());
  }
}
