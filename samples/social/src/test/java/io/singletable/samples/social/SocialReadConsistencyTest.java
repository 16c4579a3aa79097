package io.singletable.samples.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import io.singletable.samples.social.runtime.ReadConsistency;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Reads by key with the consistency asked for, on DynamoDB Local through a client that records each request: the
 * default is the resolvers' eventually consistent read, {@code STRONG} sets {@code ConsistentRead}.
 */
class SocialReadConsistencyTest {
  private static AmazonDynamoDBLocal dynamoDb;
  private static DynamoDbClient local;
  private static final List<Object> requests = new ArrayList<>();

  @BeforeAll
  static void start() {
    dynamoDb = DynamoDBEmbedded.create(true);
    local = dynamoDb.dynamoDbClient();
  }

  @AfterAll
  static void stop() {
    local.close();
    dynamoDb.shutdownNow();
  }

  /** The local client, recording every request object it is given. */
  private static DynamoDbClient recording() {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.isDefault() && args != null && args.length == 1 && args[0] instanceof java.util.function.Consumer) {
        return InvocationHandler.invokeDefault(proxy, method, args); // builds the request, then calls the method below
      }
      if (args != null && args.length == 1) {
        requests.add(args[0]);
      }
      try {
        return method.invoke(local, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
        new Class<?>[] {DynamoDbClient.class}, handler);
  }

  private static Boolean lastGet() {
    return requests.stream().filter(GetItemRequest.class::isInstance).map(r -> ((GetItemRequest) r).consistentRead())
        .reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void keyReadsAreEventualUnlessStrongIsAsked() {
    local.createTable(DataAccess.createTableRequest("consistency"));
    DataAccess access = new DataAccess(recording(), "consistency");
    User ada = access.users().create(User.builder().email("ada@example.com").firstName("Ada").lastName("L").build());

    assertEquals(Optional.of(ada), access.users().get(ada.id()));
    assertEquals(false, Boolean.TRUE.equals(lastGet()), "the resolvers' read");
    assertEquals(Optional.of(ada), access.users().get(ada.id(), ReadConsistency.STRONG));
    assertEquals(true, lastGet());
    assertEquals(Optional.of(ada), access.users().getByEmail("ADA@example.com", ReadConsistency.STRONG));
    assertEquals(true, lastGet());
    assertEquals(Optional.of(ada), access.users().getByEmail("ada@example.com", ReadConsistency.EVENTUAL));
    assertEquals(false, Boolean.TRUE.equals(lastGet()));

    assertEquals(List.of(ada), access.users().batchGet(List.of(ada.id()), ReadConsistency.STRONG));
    BatchGetItemRequest batch = (BatchGetItemRequest) requests.stream().filter(BatchGetItemRequest.class::isInstance)
        .reduce((a, b) -> b).orElseThrow();
    assertEquals(true, batch.requestItems().get("consistency").consistentRead());
    assertThrows(NullPointerException.class, () -> access.users().get(ada.id(), null));
  }
}
