package io.singletable.samples.farm;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB Local in this JVM (in memory, no network) with the sample's table created as the SAM
 * template declares it: hash key {@code PK}, GSI01.. with {@code PKnn}/{@code SKnn}.
 */
final class LocalTable implements AutoCloseable {
  final AmazonDynamoDBLocal dynamoDb = DynamoDBEmbedded.create(true);
  final DynamoDbClient client = dynamoDb.dynamoDbClient();
  final String name;

  LocalTable(String name) {
    this.name = name;
    List<AttributeDefinition> attributes = new ArrayList<>();
    attributes.add(string(SingleTableSchema.PARTITION_KEY));
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    for (int slot = 1; slot <= SingleTableSchema.INDEX_COUNT; slot++) {
      String nn = String.format(Locale.ROOT, "%02d", slot);
      attributes.add(string("PK" + nn));
      attributes.add(string("SK" + nn));
      indexes.add(GlobalSecondaryIndex.builder().indexName("GSI" + nn)
          .keySchema(key("PK" + nn, KeyType.HASH), key("SK" + nn, KeyType.RANGE))
          .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build());
    }
    client.createTable(CreateTableRequest.builder().tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(attributes)
        .keySchema(key(SingleTableSchema.PARTITION_KEY, KeyType.HASH))
        .globalSecondaryIndexes(indexes).build());
  }

  private static AttributeDefinition string(String name) {
    return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  @Override
  public void close() {
    client.close();
    dynamoDb.shutdownNow();
  }
}
