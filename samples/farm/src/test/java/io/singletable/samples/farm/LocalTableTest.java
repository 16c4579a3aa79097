package io.singletable.samples.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LocalTableTest {
  @Test
  void codecItemsGoInAndComeBack() {
    try (LocalTable table = new LocalTable("smoke")) {
      Cow cow = new Cow("c1", "Daisy", Breed.JERSEY, "2020-01-02", "f1");
      table.client.putItem(b -> b.tableName(table.name).item(ItemCodec.toItem(cow)));
      Map<String, AttributeValue> item = table.client.getItem(b -> b.tableName(table.name)
          .key(Map.of("PK", AttributeValue.fromS(ItemCodec.cowNodeKey("c1"))))).item();
      assertEquals(cow, ItemCodec.decode(item));
    }
  }
}
