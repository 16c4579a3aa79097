package io.singletable.samples.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample program runs on DynamoDB Local and says what a reader of it expects. */
class FarmTourTest {
  @Test
  void theTourPrintsEveryAccessPatternAndLeavesOnlyTheAnimals() {
    try (LocalTable table = new LocalTable("tour")) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      String farmId = new FarmTour(new DataAccess(table.client, table.name), new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
      List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
      assertTrue(lines.get(0).startsWith("created Old MacDonald's at 20"), lines.get(0));
      assertEquals(List.of(
          "by name: " + farmId,
          "refused: NotUnique:Farm.name",
          "cows page 1: [Annabelle, bella]",
          "cows page 2: [Clarabelle, Daisy]",
          "animals: [cow Annabelle, cow bella, cow Clarabelle, cow Daisy, chicken Henrietta]",
          "logo: https://example.com/logo.png",
          "gallery: 1 image(s)",
          "renamed: New MacDonald's, old name free: true",
          "deleted: true"), lines.subList(1, lines.size()));
      // Deleting a farm does not cascade: its logo, cows and chickens stay, and no unique item is left.
      assertEquals(List.of("Chicken", "Cow", "Cow", "Cow", "Cow", "Image"), table.scan().values().stream()
          .map(item -> item.get("__typename").s()).sorted().toList());
    }
  }
}
