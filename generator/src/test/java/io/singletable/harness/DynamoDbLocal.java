package io.singletable.harness;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import io.singletable.cfn.CfnConditions;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/**
 * DynamoDB Local running in this JVM as an HTTP server on a free port of 127.0.0.1, in memory, one
 * database for every client (so the AppSync simulator's requests and this client see the same
 * tables). Built from DynamoDB Local's own request handlers on a Jetty connector bound to loopback,
 * since its command line has no option to choose the address. Stopped by {@link #close()}, or at
 * the latest when the JVM exits.
 */
public final class DynamoDbLocal implements AutoCloseable {

  /** Region and dummy credentials every harness client uses. */
  public static final Region REGION = Region.US_EAST_1;

  private static final String NATIVE_LIBS_PROPERTY = "sqlite4java.library.path";
  private static DynamoDbLocal shared;

  private final Server server;
  private final LocalDynamoDBRequestHandler requestHandler;
  private final URI endpoint;
  private final DynamoDbClient client;
  private final Thread shutdownHook;
  private final long startupMillis;
  private boolean closed;

  private DynamoDbLocal(Server server, LocalDynamoDBRequestHandler requestHandler, int port, long startupMillis) {
    this.server = server;
    this.requestHandler = requestHandler;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.startupMillis = startupMillis;
    this.client = DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("harness", "harness")))
        .httpClient(UrlConnectionHttpClient.builder().build())
        .build();
    this.shutdownHook = new Thread(this::stop, "dynamodb-local-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a new server. */
  public static DynamoDbLocal start() {
    long started = System.nanoTime();
    configureNativeLibraries();
    LocalDynamoDBRequestHandler requestHandler;
    Server server = new Server();
    try {
      requestHandler = new LocalDynamoDBRequestHandler(0, true, null, true, false);
      ServerConnector connector = new ServerConnector(server);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      server.addConnector(connector);
      ContextHandler context = new ContextHandler();
      context.setHandler(new LocalDynamoDBServerHandler(requestHandler, null));
      server.setHandler(new ContextHandlerCollection(context));
      server.start();
      long millis = (System.nanoTime() - started) / 1_000_000;
      return new DynamoDbLocal(server, requestHandler, connector.getLocalPort(), millis);
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
    }
  }

  /** One server for the whole test JVM, started on first use and stopped when the JVM exits. */
  public static synchronized DynamoDbLocal shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** The HTTP endpoint, {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return endpoint;
  }

  /** A client of this server (region {@link #REGION}, dummy credentials). */
  public DynamoDbClient client() {
    return client;
  }

  /** How long {@link #start()} took. */
  public long startupMillis() {
    return startupMillis;
  }

  /**
   * Creates a table named {@code tableName} as the {@code AWS::DynamoDB::Table} resource of the SAM
   * template describes it: attribute definitions, key schema, secondary indexes with their
   * projections; billing is always PAY_PER_REQUEST.
   */
  public String createTableFrom(Path templateYaml, String tableName) {
    return createTableFrom(templateYaml, tableName, Map.of());
  }

  /**
   * {@link #createTableFrom(Path, String)} with these template parameters ({@code IndexCount}: the GSIs declared),
   * the others at their defaults; the template's conditions are resolved as CloudFormation resolves them.
   */
  public String createTableFrom(Path templateYaml, String tableName, Map<String, String> parameters) {
    Map<String, Object> properties = tableProperties(templateYaml, parameters);
    CreateTableRequest.Builder request = CreateTableRequest.builder()
        .tableName(tableName)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(maps(properties.get("AttributeDefinitions")).stream()
            .map(a -> AttributeDefinition.builder()
                .attributeName(text(a, "AttributeName"))
                .attributeType(text(a, "AttributeType"))
                .build())
            .toList())
        .keySchema(keySchema(properties.get("KeySchema")));
    List<GlobalSecondaryIndex> globals = maps(properties.get("GlobalSecondaryIndexes")).stream()
        .map(i -> GlobalSecondaryIndex.builder()
            .indexName(text(i, "IndexName"))
            .keySchema(keySchema(i.get("KeySchema")))
            .projection(projection(i.get("Projection")))
            .build())
        .toList();
    if (!globals.isEmpty()) {
      request.globalSecondaryIndexes(globals);
    }
    List<LocalSecondaryIndex> locals = maps(properties.get("LocalSecondaryIndexes")).stream()
        .map(i -> LocalSecondaryIndex.builder()
            .indexName(text(i, "IndexName"))
            .keySchema(keySchema(i.get("KeySchema")))
            .projection(projection(i.get("Projection")))
            .build())
        .toList();
    if (!locals.isEmpty()) {
      request.localSecondaryIndexes(locals);
    }
    client.createTable(request.build());
    return tableName;
  }

  /**
   * Deploys a new version of the template on an existing table as CloudFormation would: the GSIs the
   * template adds are created and those it drops deleted, each in its own table update (DynamoDB takes
   * one GSI change per update), waiting until the table is active again. Refuses more than one change, as
   * the deploy would fail.
   *
   * @return the GSIs created and deleted, e.g. {@code [+GSI03]}
   */
  public List<String> updateTableFrom(Path templateYaml, String tableName) {
    return updateTableFrom(templateYaml, tableName, Map.of());
  }

  /**
   * {@link #updateTableFrom(Path, String)} with these template parameters (as {@code deploy.sh} passes
   * {@code IndexCount}, one step per update), the others at their defaults.
   */
  public List<String> updateTableFrom(Path templateYaml, String tableName, Map<String, String> parameters) {
    Map<String, Object> properties = tableProperties(templateYaml, parameters);
    var table = client.describeTable(r -> r.tableName(tableName)).table();
    java.util.Set<String> existing = new java.util.TreeSet<>();
    table.globalSecondaryIndexes().forEach(i -> existing.add(i.indexName()));
    Map<String, Map<String, Object>> wanted = new java.util.TreeMap<>();
    maps(properties.get("GlobalSecondaryIndexes")).forEach(i -> wanted.put(text(i, "IndexName"), i));
    List<String> changes = new ArrayList<>();
    wanted.keySet().stream().filter(n -> !existing.contains(n)).forEach(n -> changes.add("+" + n));
    existing.stream().filter(n -> !wanted.containsKey(n)).forEach(n -> changes.add("-" + n));
    if (changes.size() > 1) {
      throw new IllegalStateException("a deploy changes at most one GSI; this one would change " + changes);
    }
    for (String change : changes) {
      String name = change.substring(1);
      if (change.startsWith("+")) {
        Map<String, Object> index = wanted.get(name);
        List<AttributeDefinition> definitions = maps(properties.get("AttributeDefinitions")).stream()
            .map(a -> AttributeDefinition.builder().attributeName(text(a, "AttributeName"))
                .attributeType(text(a, "AttributeType")).build())
            .toList();
        client.updateTable(r -> r.tableName(tableName).attributeDefinitions(definitions)
            .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(name)
                .keySchema(keySchema(index.get("KeySchema"))).projection(projection(index.get("Projection"))))));
      } else {
        client.updateTable(r -> r.tableName(tableName).globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName(name))));
      }
      awaitIndexes(tableName);
    }
    return changes;
  }

  /**
   * Waits until the table is active and no GSI is being created or deleted, as CloudFormation waits for the update to
   * complete (DynamoDB refuses another GSI change until then).
   */
  private void awaitIndexes(String tableName) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (true) {
      var table = client.describeTable(r -> r.tableName(tableName)).table();
      boolean settled = table.tableStatus() == software.amazon.awssdk.services.dynamodb.model.TableStatus.ACTIVE
          && table.globalSecondaryIndexes().stream()
              .allMatch(i -> i.indexStatus() == software.amazon.awssdk.services.dynamodb.model.IndexStatus.ACTIVE);
      if (settled) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the table " + tableName + " did not settle: " + table);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + tableName, e);
      }
    }
  }

  /** Every item of the table (all pages). */
  public List<Map<String, AttributeValue>> scan(String tableName) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    client.scanPaginator(r -> r.tableName(tableName).consistentRead(true)).items().forEach(items::add);
    return items;
  }

  /** Deletes the table. */
  public void deleteTable(String tableName) {
    client.deleteTable(r -> r.tableName(tableName));
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs anyway
    }
    stop();
  }

  private synchronized void stop() {
    if (closed) {
      return;
    }
    closed = true;
    client.close();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop", e);
    } finally {
      requestHandler.shutdown();
    }
  }

  /** sqlite4java loads DynamoDB Local's SQLite from a folder; Maven copies the libraries there. */
  private static void configureNativeLibraries() {
    String configured = System.getProperty(NATIVE_LIBS_PROPERTY);
    Path folder = Path.of(configured != null ? configured : "target/native-libs").toAbsolutePath();
    boolean present;
    try (Stream<Path> files = Files.list(folder)) {
      present = files.anyMatch(f -> f.getFileName().toString().contains("sqlite4java"));
    } catch (IOException e) {
      present = false;
    }
    if (!present) {
      throw new IllegalStateException("no sqlite4java native libraries in " + folder
          + ": run `mvn generate-test-resources -pl generator` (it copies them there)");
    }
    System.setProperty(NATIVE_LIBS_PROPERTY, folder.toString());
  }

  private static Map<String, Object> tableProperties(Path templateYaml, Map<String, String> parameters) {
    Map<String, Object> template;
    try (Reader reader = Files.newBufferedReader(templateYaml)) {
      template = asMap(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader), templateYaml + ": not a mapping");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + templateYaml, e);
    }
    template = CfnConditions.resolve(template, parameters);
    Map<String, Object> resources = asMap(template.get("Resources"), templateYaml + ": no Resources");
    List<Map<String, Object>> tables = resources.values().stream()
        .filter(r -> r instanceof Map<?, ?> m && "AWS::DynamoDB::Table".equals(m.get("Type")))
        .map(r -> asMap(r, "resource"))
        .toList();
    if (tables.size() != 1) {
      throw new IllegalArgumentException(templateYaml + ": expected one AWS::DynamoDB::Table, found " + tables.size());
    }
    return asMap(tables.get(0).get("Properties"), templateYaml + ": table without Properties");
  }

  private static List<KeySchemaElement> keySchema(Object keys) {
    return maps(keys).stream()
        .map(k -> KeySchemaElement.builder().attributeName(text(k, "AttributeName")).keyType(text(k, "KeyType")).build())
        .toList();
  }

  private static Projection projection(Object projection) {
    Map<String, Object> p = asMap(projection, "index without Projection");
    Projection.Builder builder = Projection.builder().projectionType(text(p, "ProjectionType"));
    if (p.get("NonKeyAttributes") instanceof List<?> attributes) {
      builder.nonKeyAttributes(attributes.stream().map(String::valueOf).toList());
    }
    return builder.build();
  }

  private static List<Map<String, Object>> maps(Object list) {
    if (list == null) {
      return List.of();
    }
    if (!(list instanceof List<?> items)) {
      throw new IllegalArgumentException("expected a list, got " + list);
    }
    return items.stream().map(i -> asMap(i, "expected a mapping, got " + i)).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value, String error) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(error);
    }
    return (Map<String, Object>) value;
  }

  private static String text(Map<String, Object> map, String key) {
    Object value = map.get(key);
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException("expected a string " + key + " in " + map);
    }
    return s;
  }
}
