package io.singletable.samples.farm;

import io.singletable.samples.farm.runtime.NotUniqueException;
import io.singletable.samples.farm.runtime.Page;
import io.singletable.samples.farm.runtime.PageRequest;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The generated Java in use: the farm's access patterns through {@link DataAccess}, the same items
 * the GraphQL API reads and writes.
 *
 * <p>Run it against a deployed stack ({@code java ... FarmTour <TableName output>}) or DynamoDB Local
 * ({@code java ... FarmTour farm http://localhost:8000}, which also creates the table).
 */
public final class FarmTour {
  private final DataAccess access;
  private final PrintStream out;

  /**
   * A tour over a table.
   *
   * @param access the data-access layer
   * @param out where to print what happens
   */
  public FarmTour(DataAccess access, PrintStream out) {
    this.access = access;
    this.out = out;
  }

  /**
   * Creates a farm with a logo, cows and chickens, reads them back by every access pattern, renames
   * the farm and deletes it again.
   *
   * @return the id of the farm (deleted at the end)
   */
  public String run() {
    // Create: a builder gives a new id when none is set; the farm and its logo are written in one transaction.
    String farmId = DataAccess.newId();
    Farm farm = access.transactionResult(tx -> {
      Image logo = tx.images().create(Image.builder().url("https://example.com/logo.png").farmId(farmId).build());
      return tx.farms().create(Farm.builder().id(farmId).name("Old MacDonald's").logoId(logo.id())
          .galleryIds(List.of(logo.id())).build());
    });
    out.println("created " + farm.name() + " at " + farm.createdAt());
    for (String name : List.of("Daisy", "bella", "Clarabelle", "Annabelle")) {
      access.cows().create(Cow.builder().name(name).breed(Breed.JERSEY).born("2024-04-01").farmId(farmId).build());
    }
    access.chickens().create(Chicken.builder().name("Henrietta").eggsPerWeek(5).farmId(farmId).build());

    // Unique fields: one GetItem by value, whatever its case; a second farm with that name is refused.
    out.println("by name: " + access.farms().getByName("OLD MACDONALD'S").map(Farm::id).orElse("none"));
    try {
      access.farms().create(Farm.builder().name("old macdonald's").build());
    } catch (NotUniqueException e) {
      out.println("refused: " + e.errorType());
    }

    // One-to-many, sorted by name, two at a time: each page is one Query of the relation's GSI.
    Page<Cow> page = access.farms().cows(farmId, PageRequest.first(2));
    out.println("cows page 1: " + page.items().stream().map(Cow::name).toList());
    page = access.farms().cows(farmId, PageRequest.first(2).after(page.nextToken()));
    out.println("cows page 2: " + page.items().stream().map(Cow::name).toList());
    // The Animal union: cows and chickens in one index, decoded by __typename, streamed a page at a time.
    out.println("animals: " + access.farms().animalsStream(farmId, PageRequest.first())
        .map(a -> a instanceof Cow c ? "cow " + c.name() : "chicken " + ((Chicken) a).name()).toList());
    // One-to-one and the id list.
    out.println("logo: " + access.farms().logo(farm).map(Image::url).orElse("none"));
    out.println("gallery: " + access.farms().gallery(farm).size() + " image(s)");

    // Update: read-modify-write, retried on a concurrent change; the unique item moves with the name.
    Farm renamed = access.farms().update(farmId, f -> f.withName("New MacDonald's"));
    out.println("renamed: " + renamed.name() + ", old name free: " + access.farms().getByName("old macdonald's").isEmpty());

    // Delete: the node and its unique items in one transaction.
    access.farms().delete(farmId);
    out.println("deleted: " + access.farms().get(farmId).isEmpty());
    return farmId;
  }

  /**
   * Runs the tour.
   *
   * @param args the table name, and optionally a DynamoDB endpoint such as {@code http://localhost:8000}
   *     (DynamoDB Local: the table is created first)
   */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: FarmTour <table name> [<DynamoDB Local endpoint>]");
      System.exit(2);
    }
    DynamoDbClientBuilder builder = DynamoDbClient.builder();
    if (args.length > 1) {
      builder.endpointOverride(URI.create(args[1]));
    }
    try (DynamoDbClient client = builder.build()) {
      if (args.length > 1) {
        client.createTable(DataAccess.createTableRequest(args[0]));
      }
      new FarmTour(new DataAccess(client, args[0]), System.out).run();
    }
  }
}
