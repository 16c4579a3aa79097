package io.singletable.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.singletable.model.build.IndexSlotAllocator.Demand;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link IndexSlotAllocator#extend}: locked slots kept, new ones placed without moving any. */
class IndexSlotAllocatorExtendTest {
  private static Demand d(String id, String... types) {
    return new Demand(id, new TreeSet<>(List.of(types)));
  }

  @Test
  void lockedSlotsAreKeptEvenWhenNotMinimal() {
    // minimal would put both on slot 1; the lock says 2 for B.xs
    var slots = IndexSlotAllocator.extend(List.of(d("A.xs", "X"), d("B.ys", "Y")), Map.of("A.xs", 1, "B.ys", 2),
        Map.of());
    assertEquals(Map.of("A.xs", 1, "B.ys", 2), slots);
  }

  @Test
  void aNewRelationTakesTheLowestFreeSlotOrOpensOne() {
    var locked = Map.of("A.xs", 1, "B.ys", 2);
    assertEquals(1, IndexSlotAllocator.extend(List.of(d("A.xs", "X"), d("B.ys", "Y"), d("C.zs", "Y")), locked,
        Map.of()).get("C.zs"), "slot 1 holds only X");
    assertEquals(3, IndexSlotAllocator.extend(List.of(d("A.xs", "X", "Y"), d("B.ys", "Y"), d("C.zs", "Y")), locked,
        Map.of()).get("C.zs"), "Y is on both slots");
  }

  @Test
  void reservedTypesBlockASlotForNewRelationsOnly() {
    var slots = IndexSlotAllocator.extend(List.of(d("A.xs", "X"), d("C.zs", "Y")), Map.of("A.xs", 1),
        Map.of(1, Set.of("Y")));
    assertEquals(Map.of("A.xs", 1, "C.zs", 2), slots);
  }

  @Test
  void aRelationWhoseTargetsGrewYieldsItsSlot() {
    // A.xs grew to Y, which B.ys indexes on the same slot: A.xs moves, B.ys stays
    var slots = IndexSlotAllocator.extend(List.of(d("A.xs", "X", "Y"), d("B.ys", "Y")), Map.of("A.xs", 1, "B.ys", 1),
        Map.of(), Set.of("A.xs"));
    assertEquals(Map.of("A.xs", 2, "B.ys", 1), slots);
  }

  @Test
  void theResultDoesNotDependOnTheOrderOfTheDemands() {
    List<Demand> demands = new ArrayList<>(List.of(d("A.a", "X"), d("B.b", "X", "Y"), d("C.c", "Z"), d("D.d", "Y"),
        d("E.e", "Z", "X")));
    var expected = IndexSlotAllocator.extend(demands, Map.of("C.c", 2), Map.of(1, Set.of("Z")));
    Random random = new Random(3);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(demands, random);
      assertEquals(expected, IndexSlotAllocator.extend(demands, Map.of("C.c", 2), Map.of(1, Set.of("Z"))));
    }
  }
}
