package io.singletable.model.build;

import static io.singletable.model.build.SlotSchemas.assertValid;
import static io.singletable.model.build.SlotSchemas.demand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.model.build.IndexSlotAllocator.Demand;
import io.singletable.model.build.IndexSlotAllocator.Plan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IndexSlotAllocatorTest {
  private static final List<Demand> FARM = List.of(
      demand("Farm.cows", "Cow"), demand("Farm.chickens", "Chicken"), demand("Farm.animals", "Chicken", "Cow"));
  private static final List<Demand> TRIANGLE = List.of(
      demand("Zoo.ab", "A", "B"), demand("Zoo.bc", "B", "C"), demand("Zoo.ac", "A", "C"));

  @Test
  void farmNeedsTwoSlotsAndCowsShareWithChickens() {
    Plan plan = IndexSlotAllocator.allocate(FARM, 20);
    assertValid(FARM, plan);
    assertEquals(2, plan.slotCount());
    assertEquals(plan.slotByRelation().get("Farm.cows"), plan.slotByRelation().get("Farm.chickens"));
    assertNotEquals(plan.slotByRelation().get("Farm.cows"), plan.slotByRelation().get("Farm.animals"));
    assertEquals(1, plan.slotByRelation().get("Farm.animals"), "smallest id gets slot 1");
  }

  @Test
  void socialChainNeedsOneSlot() {
    List<Demand> social = List.of(demand("User.posts", "Post"), demand("Post.comments", "Comment"));
    Plan plan = IndexSlotAllocator.allocate(social, 20);
    assertValid(social, plan);
    assertEquals(1, plan.slotCount());
  }

  @Test
  void twentyRelationsToDistinctChildrenShareOneSlot() {
    List<Demand> demands = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      demands.add(demand("Parent.kids" + i, "Child" + i));
    }
    Plan plan = IndexSlotAllocator.allocate(demands, 20);
    assertValid(demands, plan);
    assertEquals(1, plan.slotCount());
    assertEquals(Set.of(1), new TreeSet<>(plan.slotByRelation().values()));
  }

  @Test
  void triangleOfUnionsNeedsThreeSlotsAboveTheTypeBound() {
    Plan plan = IndexSlotAllocator.allocate(TRIANGLE, 20);
    assertValid(TRIANGLE, plan);
    assertEquals(2, IndexSlotAllocator.lowerBound(TRIANGLE));
    assertEquals(3, plan.slotCount());
  }

  @Test
  void emptyInputNeedsNoSlots() {
    Plan plan = IndexSlotAllocator.allocate(List.of(), 20);
    assertEquals(0, plan.slotCount());
    assertTrue(plan.slotByRelation().isEmpty());
    assertTrue(plan.fits());
    assertEquals(0, IndexSlotAllocator.lowerBound(List.of()));
  }

  @Test
  void lowerBoundCountsDemandsPerType() {
    assertEquals(2, IndexSlotAllocator.lowerBound(FARM));
    List<Demand> demands = List.of(demand("a", "X"), demand("b", "X", "Y"), demand("c", "X"), demand("d", "Y"));
    assertEquals(3, IndexSlotAllocator.lowerBound(demands));
  }

  /** Graph colouring in disguise: each edge of a graph is a concrete type shared by the two relations. */
  @Test
  void mycielskiGraphsNeedFarMoreSlotsThanTheirCliques() {
    List<int[]> c5 = List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}, new int[] {3, 4},
        new int[] {4, 0});
    List<int[]> grotzsch = mycielski(c5, 5); // 11 vertices, triangle-free, chromatic number 4
    List<int[]> next = mycielski(grotzsch, 11); // 23 vertices, triangle-free, chromatic number 5
    assertEquals(3, IndexSlotAllocator.allocate(graphDemands(c5, 5), 20).slotCount());
    assertEquals(4, IndexSlotAllocator.allocate(graphDemands(grotzsch, 11), 20).slotCount());
    List<Demand> demands = graphDemands(next, 23);
    Plan plan = IndexSlotAllocator.allocate(demands, 20);
    assertValid(demands, plan);
    assertEquals(5, plan.slotCount());
    assertFalse(IndexSlotAllocator.allocate(demands, 4).fits());
  }

  @Test
  void shuffledInputGivesTheIdenticalPlan() {
    for (long seed = 0; seed < 50; seed++) {
      List<Demand> demands = SlotSchemas.randomSchema(seed, 15, 40, 0.3, 3);
      Plan expected = IndexSlotAllocator.allocate(demands, 20);
      for (long shuffle = 0; shuffle < 5; shuffle++) {
        assertEquals(expected, IndexSlotAllocator.allocate(SlotSchemas.shuffled(demands, shuffle), 20));
      }
      List<Demand> reversed = new ArrayList<>(demands);
      reversed.sort(Comparator.comparing(Demand::relationId).reversed());
      assertEquals(expected, IndexSlotAllocator.allocate(reversed, 20));
    }
  }

  @Test
  void numberingIsCanonicalBySmallestId() {
    List<Demand> demands = List.of(demand("b.x", "Q"), demand("z.y", "Q"), demand("a.first", "P", "Q"),
        demand("c.z", "R"));
    Plan plan = IndexSlotAllocator.allocate(demands, 20);
    assertValid(demands, plan);
    SortedMap<String, Integer> expected = new TreeMap<>();
    expected.put("a.first", 1);
    expected.put("b.x", 2);
    expected.put("c.z", 1);
    expected.put("z.y", 3);
    assertEquals(expected, plan.slotByRelation());
    assertEquals(3, plan.slotCount());
  }

  @Test
  void tooManyRelationsOnOneTypeIsReportedWhileOtherComponentsAreAssigned() {
    List<Demand> demands = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      demands.add(demand(String.format("Farm.cows%02d", i), "Cow"));
    }
    demands.add(demand("Pen.pigs", "Pig", "Cow"));
    demands.add(demand("User.posts", "Post"));
    demands.add(demand("Post.comments", "Comment"));
    demands.add(demand("User.likes", "Like", "Comment"));
    Plan plan = IndexSlotAllocator.allocate(demands, 20);
    assertFalse(plan.fits());
    assertEquals(Set.of("Cow"), plan.typesOverLimit());
    assertEquals(Set.of("Post.comments", "User.likes", "User.posts"), plan.slotByRelation().keySet());
    assertEquals(2, plan.slotCount(), "minimum for the components that fit");
    SlotSchemas.assertNoConflicts(demands, plan);
    SlotSchemas.assertCanonical(plan);
  }

  @Test
  void componentOverLimitWithoutAnOverfullTypeReportsAllItsTypes() {
    List<Demand> demands = new ArrayList<>(TRIANGLE);
    demands.addAll(FARM);
    Plan fits = IndexSlotAllocator.allocate(demands, 3);
    assertValid(demands, fits);
    assertEquals(3, fits.slotCount());
    Plan over = IndexSlotAllocator.allocate(demands, 2);
    assertEquals(Set.of("A", "B", "C"), over.typesOverLimit());
    assertEquals(Set.of("Farm.animals", "Farm.chickens", "Farm.cows"), over.slotByRelation().keySet());
    assertEquals(2, over.slotCount());
    Plan none = IndexSlotAllocator.allocate(demands, 0);
    assertEquals(Set.of("A", "B", "C", "Chicken", "Cow"), none.typesOverLimit());
    assertEquals(0, none.slotCount());
  }

  @Test
  void rejectsBadInput() {
    List<Demand> duplicate = List.of(demand("Farm.cows", "Cow"), demand("Farm.cows", "Pig"));
    assertThrows(IllegalArgumentException.class, () -> IndexSlotAllocator.allocate(duplicate, 20));
    assertThrows(IllegalArgumentException.class, () -> new Demand("Farm.none", new TreeSet<>()));
    assertThrows(IllegalArgumentException.class, () -> IndexSlotAllocator.allocate(FARM, -1));
  }

  @Test
  void demandCopiesItsTypesIntoAnUnmodifiableNaturallyOrderedSet() {
    TreeSet<String> types = new TreeSet<>(Comparator.reverseOrder());
    types.addAll(List.of("A", "C", "B"));
    Demand d = new Demand("r", types);
    types.add("D");
    assertEquals(List.of("A", "B", "C"), new ArrayList<>(d.concreteTypes()));
    assertThrows(UnsupportedOperationException.class, () -> d.concreteTypes().add("E"));
    assertEquals(demand("r", "C", "B", "A"), d);
  }

  private static List<int[]> mycielski(List<int[]> edges, int n) {
    List<int[]> result = new ArrayList<>();
    for (int[] e : edges) {
      result.add(e);
      result.add(new int[] {n + e[0], e[1]});
      result.add(new int[] {e[0], n + e[1]});
    }
    for (int i = 0; i < n; i++) {
      result.add(new int[] {n + i, 2 * n});
    }
    return result;
  }

  private static List<Demand> graphDemands(List<int[]> edges, int vertices) {
    List<TreeSet<String>> types = new ArrayList<>();
    for (int v = 0; v < vertices; v++) {
      types.add(new TreeSet<>());
    }
    for (int[] e : edges) {
      String edgeType = "E" + Math.min(e[0], e[1]) + "_" + Math.max(e[0], e[1]);
      types.get(e[0]).add(edgeType);
      types.get(e[1]).add(edgeType);
    }
    List<Demand> demands = new ArrayList<>();
    for (int v = 0; v < vertices; v++) {
      demands.add(new Demand(String.format("V.v%02d", v), types.get(v)));
    }
    return demands;
  }
}
