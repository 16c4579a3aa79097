package io.singletable.samples.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.singletable.samples.farm.runtime.NotFoundException;
import io.singletable.samples.farm.runtime.NotUniqueException;
import io.singletable.samples.farm.runtime.PageRequest;
import io.singletable.samples.farm.runtime.SortRange;
import io.singletable.samples.farm.runtime.ValidationErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The farm's {@code AsyncDataAccess} on DynamoDB Local: the same calls through both flavours write the same items
 * (a unique name, a one-to-one logo, a gallery of ids, cows and chickens under a shared GSI, an increment), and the
 * async relations read them back: the {@code Animal} union lazily page by page, the gallery in one batch, the logo.
 */
class FarmAsyncTest {
  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> future) {
    return assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS)).getCause();
  }

  private static Farm farm() {
    return Farm.builder().id("f1").name("Old MacDonald").logoId("i1").galleryIds(List.of("i2", "i1", "nope")).build();
  }

  private static List<Image> images() {
    return List.of(Image.builder().id("i1").url("https://example.com/logo.png").farmId("f1").build(),
        Image.builder().id("i2").url("https://example.com/barn.png").build());
  }

  private static List<Cow> cows() {
    return List.of(Cow.builder().id("cow1").name("Daisy").breed(Breed.JERSEY).farmId("f1").build(),
        Cow.builder().id("cow2").name("Bella").farmId("f1").build(),
        Cow.builder().id("cow3").name("Maisy").farmId("f1").build());
  }

  private static List<Chicken> chickens() {
    return List.of(Chicken.builder().id("ch1").name("Henrietta").eggsPerWeek(5).farmId("f1").build(),
        Chicken.builder().id("ch2").name("Clucky").farmId("f1").build());
  }

  @Test
  void bothFlavoursWriteTheSameItemsAndTheAsyncRelationsReadThem() throws Exception {
    try (LocalTable syncTable = new LocalTable("farm-sync"); LocalTable asyncTable = new LocalTable("farm-async")) {
      DataAccess sync = new DataAccess(syncTable.client, syncTable.name, new TickingClock());
      sync.transaction(tx -> {
        tx.farms().create(farm());
        images().forEach(tx.images()::create);
      });
      sync.cows().createAll(cows());
      chickens().forEach(sync.chickens()::create);
      sync.farms().update("f1", f -> f.withName("New MacDonald"));
      sync.chickens().incrementEggsPerWeek("ch1", 3);
      sync.cows().delete("cow3");

      DynamoDbAsyncClient client = asyncTable.dynamoDb.dynamoDbAsyncClient();
      AsyncDataAccess access = new AsyncDataAccess(client, asyncTable.name, new TickingClock());
      await(access.transaction(tx -> tx.farms().create(farm()).thenCompose(f ->
          CompletableFuture.allOf(images().stream().map(tx.images()::create).toArray(CompletableFuture[]::new)))));
      await(access.cows().createAll(cows()));
      for (Chicken c : chickens()) {
        await(access.chickens().create(c));
      }
      Farm renamed = await(access.farms().update("f1", f -> f.withName("New MacDonald")));
      assertEquals(8, await(access.chickens().incrementEggsPerWeek("ch1", 3)).eggsPerWeek());
      assertEquals("Maisy", await(access.cows().delete("cow3")).name());
      assertEquals(syncTable.scan(), asyncTable.scan(), "byte for byte");

      assertEquals(Optional.of(renamed), await(access.farms().getByName("NEW macdonald")));
      List<Animal> animals = new ArrayList<>();
      assertEquals(3, await(access.farms().animalsForEach(renamed, PageRequest.first(2), animals::add)),
          "4 animals, 2 a page: the second page is full, the third is empty");
      assertEquals(sync.farms().animalsStream("f1", PageRequest.first(2)).toList(), animals);
      assertEquals(List.of("Bella", "Clucky", "Daisy", "Henrietta"), animals.stream()
          .map(a -> a instanceof Cow cow ? cow.name() : ((Chicken) a).name()).toList());
      List<Animal> fromC = new ArrayList<>();
      await(access.farms().animalsForEach("f1", SortRange.beginsWith("C"), PageRequest.first(10), fromC::add));
      assertEquals(List.of("ch2"), fromC.stream().map(a -> ((Chicken) a).id()).toList(), "names are compared as stored");
      List<Image> gallery = await(access.farms().gallery(renamed));
      assertEquals(3, gallery.size());
      assertEquals("i2", gallery.get(0).id());
      assertEquals("i1", gallery.get(1).id());
      assertEquals(null, gallery.get(2));
      assertEquals("i1", await(access.farms().logo(renamed)).orElseThrow().id());
      assertEquals(Optional.of(renamed), await(access.cows().farm(await(access.cows().get("cow1")).orElseThrow())));

      NotUniqueException taken = assertInstanceOf(NotUniqueException.class,
          failure(access.farms().create(Farm.builder().id("f2").name("new MACDONALD").build())));
      assertEquals("NotUnique:Farm.name", taken.errorType());
      assertInstanceOf(NotFoundException.class, failure(access.chickens().incrementEggsPerWeek("nope", 1)));
      assertInstanceOf(ValidationErrorException.class,
          failure(access.chickens().incrementEggsPerWeek("ch1", Integer.MAX_VALUE)));
      assertEquals(syncTable.scan(), asyncTable.scan(), "nothing more written");
    }
  }

  @Test
  void aBatchGetFetchesAgainWhatDynamoDbLeavesUnprocessedOnATimer() throws Exception {
    try (LocalTable table = new LocalTable("farm-async-big")) {
      AsyncDataAccess access = new AsyncDataAccess(table.dynamoDb.dynamoDbAsyncClient(), table.name);
      // 60 items of ~390 KB: more than a BatchGetItem response holds (16 MB), so some keys come back unprocessed
      String big = "x".repeat(390_000);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        ids.add("big" + i);
        await(access.images().create(new Image("big" + i, "https://example.com/" + i + "?" + big, null)));
      }
      var raw = table.client.batchGetItem(b -> b.requestItems(Map.of(table.name, KeysAndAttributes.builder()
          .keys(ids.stream().map(id -> Map.of("PK", AttributeValue.fromS(ItemCodec.imageNodeKey(id)))).toList()).build())));
      assertFalse(raw.unprocessedKeys().isEmpty(), "one request does not get them all");
      assertEquals(ids, await(access.images().batchGet(ids)).stream().map(Image::id).toList());
    }
  }
}
