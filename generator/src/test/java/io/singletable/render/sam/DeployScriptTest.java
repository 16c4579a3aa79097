package io.singletable.render.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.render.TemplateEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy.sh run for real by {@code sh}, with fake {@code sam} and {@code aws} first on the PATH: small scripts that
 * log their arguments, answer {@code describe-stack-resource} and {@code describe-table} as each test sets up, and
 * fail a chosen {@code sam deploy}. The script reads the table's GSI count and deploys template.yaml once per GSI to
 * create or delete, then the group stacks.
 */
class DeployScriptTest {
  private static final String ROOT = "sam deploy --template-file template.yaml --stack-name shop --capabilities "
      + "CAPABILITY_IAM CAPABILITY_AUTO_EXPAND --no-fail-on-empty-changeset --parameter-overrides ";
  private static final String DESCRIBE_STACK = "aws cloudformation describe-stack-resource --stack-name shop "
      + "--logical-resource-id Table --query StackResourceDetail.PhysicalResourceId --output text";
  private static final String DESCRIBE_TABLE = "aws dynamodb describe-table --table-name shop-Table-1X2Y3Z "
      + "--query length(Table.GlobalSecondaryIndexes || `[]`) --output text";
  private static final List<DeployScriptView.Group> GROUPS = List.of(
      new DeployScriptView.Group("stacks/group-01.yaml", "-resolvers-01"),
      new DeployScriptView.Group("stacks/group-02.yaml", "-resolvers-02"));

  @TempDir
  Path temp;
  private Path out;
  private Path fake;

  /** What a run of deploy.sh did. */
  record Run(int status, String stdout, String stderr, List<String> calls) {
    List<String> sam() {
      return calls.stream().filter(c -> c.startsWith("sam ")).toList();
    }

    List<String> aws() {
      return calls.stream().filter(c -> c.startsWith("aws ")).toList();
    }
  }

  @BeforeEach
  void fakes() throws IOException {
    out = Files.createDirectories(temp.resolve("out"));
    fake = Files.createDirectories(temp.resolve("fake"));
    Path bin = Files.createDirectories(temp.resolve("bin"));
    // sam: logs; fails its Nth call when the file sam-fails holds N
    script(bin.resolve("sam"), """
        #!/bin/sh
        echo "sam $*" >> "$FAKE/calls"
        n=$(grep -c '^sam ' "$FAKE/calls")
        if [ -f "$FAKE/sam-fails" ] && [ "$n" -eq "$(cat "$FAKE/sam-fails")" ]; then
          echo "Error: Failed to create/update the stack: shop, Waiter StackUpdateComplete failed" >&2
          exit 1
        fi
        """);
    // aws: logs; no stack when the file gsis is missing, else a stack whose table has that many GSIs; the file
    // aws-error holds another error of describe-stack-resource
    script(bin.resolve("aws"), """
        #!/bin/sh
        echo "aws $*" >> "$FAKE/calls"
        case "$2" in
          describe-stack-resource)
            if [ -f "$FAKE/aws-error" ]; then
              cat "$FAKE/aws-error" >&2
              exit 254
            fi
            if [ ! -f "$FAKE/gsis" ]; then
              echo "" >&2
              echo "An error occurred (ValidationError) when calling the DescribeStackResource operation: Stack 'shop' does not exist" >&2
              exit 254
            fi
            echo "shop-Table-1X2Y3Z"
            ;;
          describe-table)
            cat "$FAKE/gsis"
            ;;
          *)
            echo "unexpected aws call: $*" >&2
            exit 2
            ;;
        esac
        """);
  }

  private static void script(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    assertTrue(file.toFile().setExecutable(true));
  }

  /** Renders deploy.sh for a schema of {@code count} GSIs whose template declares {@code declared}. */
  private void render(int count, int declared, List<DeployScriptView.Group> groups) throws IOException {
    String text = new TemplateEngine(null).render("deploy.sh.ftl",
        new DeployScriptView(groups, SamTemplateRenderer.TABLE_LOGICAL_ID, count, declared));
    Files.writeString(out.resolve("deploy.sh"), text, StandardCharsets.UTF_8);
  }

  private void tableHas(int gsis) throws IOException {
    Files.writeString(fake.resolve("gsis"), gsis + "\n");
  }

  private Run run(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", out.resolve("deploy.sh").toString(), "shop"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(temp.toFile());
    pb.environment().put("PATH", temp.resolve("bin") + java.io.File.pathSeparator + System.getenv("PATH"));
    pb.environment().put("FAKE", fake.toString());
    pb.environment().remove("PARAMETERS");
    pb.environment().putAll(env);
    pb.redirectOutput(temp.resolve("stdout").toFile()).redirectError(temp.resolve("stderr").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "deploy.sh finished");
    Path calls = fake.resolve("calls");
    List<String> logged = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    Files.deleteIfExists(calls);
    return new Run(p.exitValue(), Files.readString(temp.resolve("stdout")), Files.readString(temp.resolve("stderr")),
        logged);
  }

  private static List<String> groupDeploys(String options) {
    return GROUPS.stream().map(g -> "sam deploy --template-file " + g.template() + " --stack-name shop"
        + g.suffix() + " --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND --no-fail-on-empty-changeset "
        + "--parameter-overrides RootStackName=shop " + options).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void aNewStackGetsItsTableWithEveryGsiInOneDeploy() throws Exception {
    render(3, 3, GROUPS);
    Run run = run(Map.of(), "--resolve-s3");
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of(DESCRIBE_STACK), run.aws(), "no table to describe");
    assertEquals(concat(List.of(ROOT + "IndexCountOf3=3 --resolve-s3"), groupDeploys("--resolve-s3")), run.sam());
    assertTrue(run.stdout().contains("no stack shop yet: creating it, its table with all 3 GSIs at once"),
        run.stdout());
  }

  @Test
  void aTableAtOneGsiReachesThreeInTwoUpdatesThenTheGroupStacksFollow() throws Exception {
    render(3, 3, GROUPS);
    tableHas(1);
    Run run = run(Map.of(), "--resolve-s3");
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of(DESCRIBE_STACK, DESCRIBE_TABLE), run.aws());
    assertEquals(concat(List.of(ROOT + "IndexCountOf3=2 --resolve-s3", ROOT + "IndexCountOf3=3 --resolve-s3"),
        groupDeploys("--resolve-s3")), run.sam());
    assertTrue(run.stdout().contains("deploy.sh: GSI 1 of 2: creating GSI02 (IndexCountOf3=2)\n"
        + "deploy.sh: GSI 2 of 2: creating GSI03 (IndexCountOf3=3)\n"), run.stdout());
  }

  @Test
  void aTableAtThreeGsisWhoseSchemaReleasedTwoIsStepppedDown() throws Exception {
    render(1, 3, List.of());
    tableHas(3);
    Run run = run(Map.of(), "--resolve-s3");
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of(ROOT + "IndexCountOf1=2 --resolve-s3", ROOT + "IndexCountOf1=1 --resolve-s3"), run.sam());
    assertTrue(run.stdout().contains("deploy.sh: GSI 1 of 2: deleting GSI03 (IndexCountOf1=2)\n"
        + "deploy.sh: GSI 2 of 2: deleting GSI02 (IndexCountOf1=1)\n"), run.stdout());

    render(0, 2, List.of()); // every slot released
    tableHas(2);
    run = run(Map.of());
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of(ROOT + "IndexCountOf0=1", ROOT + "IndexCountOf0=0"), run.sam());
  }

  @Test
  void theSameCountIsOneDeploy() throws Exception {
    render(2, 2, GROUPS);
    tableHas(2);
    Run run = run(Map.of());
    assertEquals(0, run.status(), run.toString());
    assertEquals(concat(List.of(ROOT + "IndexCountOf2=2"), groupDeploys("").stream().map(String::strip).toList()),
        run.sam());
  }

  @Test
  void parametersPassThroughWithIndexCountAppended() throws Exception {
    render(2, 2, List.of());
    tableHas(1);
    Run run = run(Map.of("PARAMETERS", "Stage=prod FieldLogLevel=ALL"), "--resolve-s3");
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of(ROOT + "Stage=prod FieldLogLevel=ALL IndexCountOf2=2 --resolve-s3"), run.sam());
  }

  @Test
  void theRegionAndProfileOfTheSamOptionsGoToAws() throws Exception {
    render(2, 2, List.of());
    tableHas(2);
    Run run = run(Map.of(), "--region", "eu-west-1", "--resolve-s3");
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of(DESCRIBE_STACK + " --region eu-west-1", DESCRIBE_TABLE + " --region eu-west-1"), run.aws());
    assertEquals(List.of(ROOT + "IndexCountOf2=2 --region eu-west-1 --resolve-s3"), run.sam());

    run = run(Map.of(), "--profile=ops", "--resolve-s3", "--region=us-east-2");
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of(DESCRIBE_STACK + " --region us-east-2 --profile ops",
        DESCRIBE_TABLE + " --region us-east-2 --profile ops"), run.aws());
  }

  @Test
  void aFailingDeployStopsTheScript() throws Exception {
    render(3, 3, GROUPS);
    tableHas(0);
    Files.writeString(fake.resolve("sam-fails"), "2\n");
    Run run = run(Map.of());
    assertNotEquals(0, run.status(), run.toString());
    assertEquals(List.of(ROOT + "IndexCountOf3=1", ROOT + "IndexCountOf3=2"), run.sam(), "no step after the failed one");
    assertTrue(run.stderr().contains("Waiter StackUpdateComplete failed"), run.stderr());
    assertTrue(!run.stdout().contains("GSI 3 of 3"), run.stdout());
  }

  @Test
  void anUnreadableStackOrTableDeploysNothing() throws Exception {
    render(2, 2, List.of());
    Files.writeString(fake.resolve("aws-error"), "An error occurred (ExpiredToken) when calling the "
        + "DescribeStackResource operation: The security token included in the request is expired\n");
    Run run = run(Map.of());
    assertNotEquals(0, run.status(), run.toString());
    assertEquals(List.of(), run.sam());
    assertTrue(run.stderr().contains("ExpiredToken") && run.stderr().contains("cannot read the table of the stack "
        + "shop (above); nothing deployed"), run.stderr());

    Files.delete(fake.resolve("aws-error"));
    Files.writeString(fake.resolve("gsis"), "None\n");
    run = run(Map.of());
    assertNotEquals(0, run.status(), run.toString());
    assertEquals(List.of(), run.sam());
  }

  @Test
  void moreGsisThanTheTemplateDeclaresAreNotDeletedAtOnce() throws Exception {
    render(1, 2, List.of());
    tableHas(4);
    Run run = run(Map.of());
    assertNotEquals(0, run.status(), run.toString());
    assertEquals(List.of(), run.sam());
    assertTrue(run.stderr().contains("the table has 4 GSIs and template.yaml declares at most 2"), run.stderr());

    tableHas(3); // one more than declared: its first step deletes it
    run = run(Map.of());
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of(ROOT + "IndexCountOf1=2", ROOT + "IndexCountOf1=1"), run.sam());
  }

  @Test
  void withoutGsisTheScriptNeedsNoAwsCli() throws Exception {
    render(0, 0, GROUPS);
    tableHas(3);
    Run run = run(Map.of("PARAMETERS", "Stage=prod"), "--region", "eu-west-1");
    assertEquals(0, run.status(), run.toString());
    assertEquals(List.of(), run.aws());
    assertEquals(concat(List.of(ROOT.replace("--parameter-overrides ", "--parameter-overrides Stage=prod")
        + " --region eu-west-1"), groupDeploys("--region eu-west-1")), run.sam());
  }
}
