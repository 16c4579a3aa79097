package io.singletable.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

@ResourceLock("singletable.goldens") // goldens: never read while -Dsingletable.updateGoldens=true rewrites them
class DynamoDbLocalTest {

  @Test
  void createsTheTableOfAGeneratedTemplateWithItsIndexes() {
    Path template = Path.of(System.getProperty("singletable.samplesDir", "../samples"), "farm", "generated", "template.yaml");
    DynamoDbLocal dynamoDb = DynamoDbLocal.shared();
    String name = dynamoDb.createTableFrom(template, "st-farm-table-test");
    try {
      TableDescription table = dynamoDb.client().describeTable(r -> r.tableName(name)).table();
      assertEquals(List.of("PK:HASH"), keys(table.keySchema()));
      assertEquals(BillingMode.PAY_PER_REQUEST, table.billingModeSummary().billingMode());
      Map<String, List<String>> indexes = new TreeMap<>();
      for (GlobalSecondaryIndexDescription index : table.globalSecondaryIndexes()) {
        assertEquals(ProjectionType.ALL, index.projection().projectionType());
        indexes.put(index.indexName(), keys(index.keySchema()));
      }
      assertEquals(Map.of("GSI01", List.of("PK01:HASH", "SK01:RANGE"), "GSI02", List.of("PK02:HASH", "SK02:RANGE")), indexes);
    } finally {
      dynamoDb.deleteTable(name);
    }
  }

  @Test
  void servesOnLoopbackUntilClosed() {
    URI endpoint;
    try (DynamoDbLocal dynamoDb = DynamoDbLocal.start()) {
      endpoint = dynamoDb.endpoint();
      assertEquals("127.0.0.1", endpoint.getHost());
      assertEquals(List.of(), dynamoDb.client().listTables().tableNames());
    }
    assertThrows(IOException.class, () -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 1000);
      }
    });
  }

  private static List<String> keys(List<KeySchemaElement> schema) {
    return schema.stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList();
  }
}
