package io.singletable.harness;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A generated backend running for real: a fresh table, created from the backend's {@code
 * template.yaml}, in the JVM's shared {@link DynamoDbLocal}, and an {@link AppSyncSimulator}
 * serving the backend's schema and resolvers against it. Start one per test class:
 *
 * <pre>{@code
 * static Backend backend;
 * @BeforeAll static void start() { backend = Backend.start(outputDir); }
 * @AfterAll static void stop() { backend.close(); }
 * }</pre>
 */
public final class Backend implements AutoCloseable {

  private static final AtomicInteger TABLES = new AtomicInteger();

  private final DynamoDbLocal dynamoDb;
  private final String tableName;
  private final AppSyncSimulator simulator;

  private Backend(DynamoDbLocal dynamoDb, String tableName, AppSyncSimulator simulator) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
    this.simulator = simulator;
  }

  /**
   * Generates the backend of the schema {@code sdl} into {@code dir} ({@code schema.graphql}, {@code out/}), its API
   * authenticating by default with {@code authentication}, and starts it.
   */
  public static Backend generate(Path dir, String sdl, io.singletable.model.Authentication authentication)
      throws java.io.IOException {
    Path schema = java.nio.file.Files.writeString(dir.resolve("schema.graphql"), sdl);
    Path out = dir.resolve("out");
    new io.singletable.Generator().generate(io.singletable.GeneratorOptions.of(schema, out)
        .withAuthentication(authentication));
    return start(out);
  }

  /** Starts the backend whose {@code template.yaml} is in {@code outputDir}. */
  public static Backend start(Path outputDir) {
    DynamoDbLocal dynamoDb = DynamoDbLocal.shared();
    String folder = String.valueOf(outputDir.toAbsolutePath().normalize().getFileName()).replaceAll("[^A-Za-z0-9_.-]", "_");
    String tableName = "st-" + folder + "-" + TABLES.incrementAndGet();
    dynamoDb.createTableFrom(outputDir.resolve("template.yaml"), tableName);
    try {
      return new Backend(dynamoDb, tableName, AppSyncSimulator.start(outputDir, dynamoDb.endpoint(), tableName));
    } catch (RuntimeException e) {
      dynamoDb.deleteTable(tableName);
      throw e;
    }
  }

  /** See {@link AppSyncSimulator#graphql(String, Map)}. */
  public GraphQLResponse graphql(String query, Map<String, Object> variables) {
    return simulator.graphql(query, variables);
  }

  /** See {@link AppSyncSimulator#graphql(String)}. */
  public GraphQLResponse graphql(String query) {
    return simulator.graphql(query);
  }

  /** See {@link AppSyncSimulator#graphql(Caller, String, Map)}. */
  public GraphQLResponse graphql(Caller caller, String query, Map<String, Object> variables) {
    return simulator.graphql(caller, query, variables);
  }

  /** See {@link AppSyncSimulator#subscribe(Caller, String, Map)}. */
  public RealtimeSubscription subscribe(Caller caller, String query, Map<String, Object> variables) {
    return simulator.subscribe(caller, query, variables);
  }

  /** See {@link AppSyncSimulator#graphql(Caller, String)}. */
  public GraphQLResponse graphql(Caller caller, String query) {
    return simulator.graphql(caller, query);
  }

  /** See {@link AppSyncSimulator#requestCounts()}. */
  public Map<String, Integer> requestCounts() {
    return simulator.requestCounts();
  }

  /** See {@link AppSyncSimulator#resetCounts()}. */
  public void resetCounts() {
    simulator.resetCounts();
  }

  /** Every item of the backend's table, sorted by {@code PK}. */
  public List<Map<String, AttributeValue>> scan() {
    return dynamoDb.scan(tableName).stream()
        .sorted(Comparator.comparing((Map<String, AttributeValue> item) -> String.valueOf(item.get("PK") == null ? "" : item.get("PK").s())))
        .toList();
  }

  /** The name of the backend's table. */
  public String tableName() {
    return tableName;
  }

  /** A DynamoDB client of the DynamoDB Local the backend uses. */
  public DynamoDbClient dynamoDbClient() {
    return dynamoDb.client();
  }

  /** The simulator. */
  public AppSyncSimulator simulator() {
    return simulator;
  }

  /** The DynamoDB Local. */
  public DynamoDbLocal dynamoDb() {
    return dynamoDb;
  }

  /** Stops the simulator and drops the table. */
  @Override
  public void close() {
    try {
      simulator.close();
    } finally {
      dynamoDb.deleteTable(tableName);
    }
  }
}
