package io.singletable.render.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StackPlacementTest {
  private static final int RESERVED = 20;

  /** {@code n} types named {@code prefix0…} with {@code perType} resolvers each. */
  private static List<StackPlacement.Entry> types(String prefix, int n, int perType) {
    List<StackPlacement.Entry> out = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      for (int f = 0; f < perType; f++) {
        out.add(new StackPlacement.Entry(prefix + t + ".f" + f, prefix + t));
      }
    }
    return out;
  }

  private static Map<Integer, Integer> counts(Map<String, Integer> placement) {
    Map<Integer, Integer> out = new HashMap<>();
    placement.values().forEach(s -> out.merge(s, 1, Integer::sum));
    return out;
  }

  @Test
  void newTypesFillTheRootThenTheNextStacksAndAreNeverSplit() {
    var entries = types("T", 200, 7);
    var placed = StackPlacement.place(entries, Map.of(), RESERVED);
    Map<Integer, Integer> counts = counts(placed);
    assertEquals((450 - RESERVED) / 7 * 7, counts.get(0), "the root holds whole types up to its fill level");
    assertEquals(450 / 7 * 7, counts.get(1));
    for (int t = 0; t < 200; t++) {
      int stack = placed.get("T" + t + ".f0");
      for (int f = 1; f < 7; f++) {
        assertEquals(stack, placed.get("T" + t + ".f" + f), "a type's resolvers stay together");
      }
    }
    assertEquals(new ArrayList<>(entries.stream().map(StackPlacement.Entry::key).toList()),
        new ArrayList<>(placed.keySet()), "in the order given");
  }

  @Test
  void recordedResolversNeverMoveWhateverIsAddedOrRemoved() {
    Random random = new Random(13);
    List<StackPlacement.Entry> entries = new ArrayList<>(types("T", 300, 7));
    Map<String, Integer> placed = StackPlacement.place(entries, Map.of(), RESERVED);
    for (int round = 0; round < 30; round++) {
      // remove some types, insert new ones anywhere, grow some existing ones
      String gone = "T" + random.nextInt(300);
      entries.removeIf(e -> e.owner().equals(gone));
      int at = random.nextInt(entries.size() + 1);
      entries.addAll(at, types("N" + round + "_", 1 + random.nextInt(3), 1 + random.nextInt(9)));
      String grown = entries.get(random.nextInt(entries.size())).owner();
      entries.add(new StackPlacement.Entry(grown + ".extra" + round, grown));
      Map<String, Integer> next = StackPlacement.place(entries, placed, RESERVED);
      for (var e : next.entrySet()) {
        if (placed.containsKey(e.getKey())) {
          assertEquals(placed.get(e.getKey()), e.getValue(), e.getKey() + " moved in round " + round);
        }
      }
      counts(next).forEach((stack, n) -> assertTrue(n <= (stack == 0 ? 500 - RESERVED : 500),
          "stack " + stack + " holds " + n));
      placed = next;
    }
  }

  @Test
  void aNewFieldJoinsItsTypesStackUntilItIsFullThenGoesWhereThereIsRoom() {
    var entries = new ArrayList<>(types("T", 130, 7)); // root 427, stack 1 448, stack 2 35
    var placed = StackPlacement.place(entries, Map.of(), RESERVED);
    assertEquals(1, placed.get("T100.f0"));
    entries.add(new StackPlacement.Entry("T100.g", "T100"));
    var grown = StackPlacement.place(entries, placed, RESERVED);
    assertEquals(1, grown.get("T100.g"), "the home stack has room below 500");
    List<StackPlacement.Entry> many = new ArrayList<>(entries);
    for (int i = 0; i < 60; i++) {
      many.add(new StackPlacement.Entry("T100.h" + i, "T100"));
    }
    var overflow = StackPlacement.place(many, grown, RESERVED);
    assertEquals(2, overflow.get("T100.h0"), "60 more do not fit in stack 1 (449 + 60 > 500): the next with room");
    assertEquals(1, overflow.get("T100.g"));
  }

  @Test
  void aTypeLargerThanAStackIsSpreadOneResolverAtATime() {
    var placed = StackPlacement.place(types("Huge", 1, 1_000), Map.of(), RESERVED);
    counts(placed).values().forEach(n -> assertTrue(n <= 450, "at most the fill level: " + n));
    assertEquals(1_000, placed.size());
  }

  @Test
  void groupsHoldFourStacksAfterTheRootsThree() {
    assertEquals(0, StackPlacement.group(0));
    assertEquals(0, StackPlacement.group(3));
    assertEquals(1, StackPlacement.group(4));
    assertEquals(1, StackPlacement.group(7));
    assertEquals(2, StackPlacement.group(8));
  }
}
