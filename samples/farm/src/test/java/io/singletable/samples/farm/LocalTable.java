package io.singletable.samples.farm;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB Local in this JVM (in memory, no network) with the sample's table created as the SAM
 * template declares it ({@link DataAccess#createTableRequest}).
 */
final class LocalTable implements AutoCloseable {
  final AmazonDynamoDBLocal dynamoDb = DynamoDBEmbedded.create(true);
  final DynamoDbClient client = dynamoDb.dynamoDbClient();
  final String name;

  LocalTable(String name) {
    this.name = name;
    client.createTable(DataAccess.createTableRequest(name));
  }

  /** Every item of the table, by {@code PK}. */
  SortedMap<String, Map<String, AttributeValue>> scan() {
    SortedMap<String, Map<String, AttributeValue>> out = new TreeMap<>();
    client.scanPaginator(b -> b.tableName(name).consistentRead(true)).items()
        .forEach(item -> out.put(item.get("PK").s(), item));
    return out;
  }

  @Override
  public void close() {
    client.close();
    dynamoDb.shutdownNow();
  }
}
