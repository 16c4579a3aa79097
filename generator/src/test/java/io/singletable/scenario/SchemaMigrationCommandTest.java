package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.harness.DynamoDbLocal;
import io.singletable.render.java.GeneratedJava;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The farm's generated {@code SchemaMigration} as a command: usage errors, failures and reports, by exit status. */
class SchemaMigrationCommandTest {
  @TempDir
  static Path dir;
  static GeneratedJava generated;
  static DynamoDbLocal ddb;
  static String table;

  @BeforeAll
  static void generate() throws Exception {
    generated = GeneratedJava.sample("farm", dir);
    ddb = DynamoDbLocal.shared();
    table = "st-command-" + System.nanoTime();
    ddb.createTableFrom(dir.resolve("out").resolve("template.yaml"), table);
    System.setProperty("aws.accessKeyId", "harness");
    System.setProperty("aws.secretAccessKey", "harness");
  }

  @AfterAll
  static void close() {
    ddb.deleteTable(table);
    generated.close();
  }

  record Run(int status, String out, String err) {
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Object status = SchemaEvolutionScenarioTest.invokeStatic(generated.type("SchemaMigration"), "run", args,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run((Integer) status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String[] on(String... more) {
    List<String> args = new ArrayList<>(List.of("--table", table, "--endpoint", ddb.endpoint().toString(),
        "--region", DynamoDbLocal.REGION.id()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void usageErrorsExitWithTwoNamingTheProblemAndTouchNothing() {
    Map<String, String[]> cases = Map.of(
        "--table NAME is required", new String[0],
        "unknown option --tabel", new String[] {"--tabel", "x"},
        "--table needs a value", new String[] {"--table"},
        "--segments takes a number: many", new String[] {"--table", "x", "--segments", "many"},
        "--segment-range 2-4 must satisfy 0 <= FROM <= TO < 4", new String[] {"--table=x", "--segments=4", "--segment-range=2-4"},
        "--segment-range must be FROM-TO: 3", new String[] {"--table", "x", "--segment-range", "3"},
        "--segments must be between 1 and 1000000: 0", new String[] {"--table", "x", "--segments", "0"});
    cases.forEach((message, args) -> {
      Run r = run(args);
      assertEquals(2, r.status(), message);
      assertTrue(r.err().contains(message) && r.err().contains("usage: SchemaMigration --table NAME"), r.err());
      assertEquals("", r.out());
    });
    Run help = run("--help");
    assertEquals(0, help.status());
    assertTrue(help.out().contains("--segment-range FROM-TO"), help.out());
  }

  @Test
  void failuresExitWithThreeAndLeaveTheCheckpointAsItWas() throws Exception {
    Run missing = run("--table", "no-such-table", "--endpoint", ddb.endpoint().toString(), "--region", "us-east-1");
    assertEquals(3, missing.status(), missing.toString());
    assertTrue(missing.err().contains("no-such-table") || missing.err().contains("ResourceNotFound"), missing.err());
    Path checkpoint = dir.resolve("other.properties");
    assertEquals(0, run(on("--segments", "2", "--checkpoint", checkpoint.toString())).status());
    byte[] saved = Files.readAllBytes(checkpoint);
    Run mismatch = run(on("--segments", "4", "--checkpoint", checkpoint.toString()));
    assertEquals(3, mismatch.status(), mismatch.toString());
    assertTrue(mismatch.err().contains("in 2 segments, not " + table + " in 4"), mismatch.err());
    assertTrue(java.util.Arrays.equals(saved, Files.readAllBytes(checkpoint)));
  }

  @Test
  void anItemThatNoLongerDecodesIsReportedWithOneAndTheRestIsMigrated() {
    var client = ddb.client();
    // a Cow without its non-null name, and a Chicken written without the index attributes of its relations
    client.putItem(b -> b.tableName(table).item(Map.of("PK", AttributeValue.fromS("NODE#cow-broken"),
        "__typename", AttributeValue.fromS("Cow"), "id", AttributeValue.fromS("cow-broken"),
        "farmId", AttributeValue.fromS("farm-1"))));
    client.putItem(b -> b.tableName(table).item(Map.of("PK", AttributeValue.fromS("NODE#hen-1"),
        "__typename", AttributeValue.fromS("Chicken"), "id", AttributeValue.fromS("hen-1"),
        "name", AttributeValue.fromS("Hen"), "farmId", AttributeValue.fromS("farm-1"))));
    Run r = run(on());
    assertEquals(1, r.status(), r.toString());
    assertTrue(r.err().contains("not migrated: NODE#cow-broken: cannot be read as this schema's Cow"), r.err());
    var hen = client.getItem(b -> b.tableName(table).key(Map.of("PK", AttributeValue.fromS("NODE#hen-1")))).item();
    assertTrue(hen.containsKey("PK01") && hen.containsKey("SK02"), "the chicken was reindexed: " + hen);
    Run again = run(on());
    assertEquals(1, again.status());
    assertTrue(again.out().contains(", 0 writes"), again.out());
    client.deleteItem(b -> b.tableName(table).key(Map.of("PK", AttributeValue.fromS("NODE#cow-broken"))));
    assertEquals(0, run(on()).status());
  }
}
