package io.singletable.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.model.build.IndexSlotAllocator.Demand;
import io.singletable.model.build.IndexSlotAllocator.Plan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/** Test helpers for {@link IndexSlotAllocator}: demand builders, random schemas, a validity check, brute force. */
final class SlotSchemas {
  private SlotSchemas() {}

  static Demand demand(String relationId, String... types) {
    return new Demand(relationId, new TreeSet<>(List.of(types)));
  }

  /**
   * A random schema: {@code relations} relations from random parents to random targets among {@code types}
   * concrete types; with probability {@code unionRate} a target is a union of 2..maxUnion distinct members.
   */
  static List<Demand> randomSchema(long seed, int types, int relations, double unionRate, int maxUnion) {
    Random random = new Random(seed);
    List<Demand> demands = new ArrayList<>();
    for (int r = 0; r < relations; r++) {
      int members = random.nextDouble() < unionRate ? 2 + random.nextInt(Math.max(1, maxUnion - 1)) : 1;
      TreeSet<String> targets = new TreeSet<>();
      while (targets.size() < Math.min(members, types)) {
        targets.add(type(random.nextInt(types)));
      }
      demands.add(new Demand(type(random.nextInt(types)) + ".rel" + r, targets));
    }
    return demands;
  }

  static String type(int i) {
    return String.format("T%03d", i);
  }

  static List<Demand> shuffled(List<Demand> demands, long seed) {
    List<Demand> copy = new ArrayList<>(demands);
    Collections.shuffle(copy, new Random(seed));
    return copy;
  }

  /**
   * Every demand is assigned, slots lie in 1..slotCount and all of them are used, no two intersecting
   * demands share a slot, and slots are numbered by first appearance in id order.
   */
  static void assertValid(List<Demand> demands, Plan plan) {
    assertTrue(plan.fits(), () -> "expected a fitting plan, over limit: " + plan.typesOverLimit());
    assertEquals(demands.size(), plan.slotByRelation().size(), "every demand assigned");
    TreeSet<Integer> used = new TreeSet<>();
    for (Demand d : demands) {
      Integer slot = plan.slotByRelation().get(d.relationId());
      assertNotNull(slot, () -> d.relationId() + " has no slot");
      assertTrue(slot >= 1 && slot <= plan.slotCount(), () -> d.relationId() + " slot " + slot + " out of range");
      used.add(slot);
    }
    assertEquals(plan.slotCount(), used.size(), "all slots 1..slotCount are used");
    assertNoConflicts(demands, plan);
    assertCanonical(plan);
  }

  /** No two demands whose target sets intersect share a slot (demands without a slot are ignored). */
  static void assertNoConflicts(List<Demand> demands, Plan plan) {
    for (int i = 0; i < demands.size(); i++) {
      for (int j = i + 1; j < demands.size(); j++) {
        Demand a = demands.get(i);
        Demand b = demands.get(j);
        if (!Collections.disjoint(a.concreteTypes(), b.concreteTypes())
            && plan.slotByRelation().containsKey(a.relationId())) {
          assertNotEquals(plan.slotByRelation().get(a.relationId()), plan.slotByRelation().get(b.relationId()),
              () -> a.relationId() + " and " + b.relationId() + " intersect but share a slot");
        }
      }
    }
  }

  /** Walking relations in id order, each new slot is one more than the largest seen so far. */
  static void assertCanonical(Plan plan) {
    int max = 0;
    for (var e : plan.slotByRelation().entrySet()) {
      assertTrue(e.getValue() <= max + 1, () -> e.getKey() + " got slot " + e.getValue() + " out of order");
      max = Math.max(max, e.getValue());
    }
  }

  /**
   * The true chromatic number of the conflict graph, by exhaustive enumeration of all slot assignments up to
   * renaming of slots (restricted growth strings: relation i takes a slot 0..(largest slot so far + 1)).
   */
  static int bruteForceChromatic(List<Demand> demands) {
    boolean[][] conflict = new boolean[demands.size()][demands.size()];
    for (int i = 0; i < demands.size(); i++) {
      for (int j = 0; j < demands.size(); j++) {
        conflict[i][j] = i != j
            && !Collections.disjoint(demands.get(i).concreteTypes(), demands.get(j).concreteTypes());
      }
    }
    return enumerate(conflict, new int[demands.size()], 0, 0);
  }

  private static int enumerate(boolean[][] conflict, int[] slot, int next, int slotsUsed) {
    if (next == slot.length) {
      for (int i = 0; i < slot.length; i++) {
        for (int j = 0; j < slot.length; j++) {
          if (conflict[i][j] && slot[i] == slot[j]) {
            return Integer.MAX_VALUE;
          }
        }
      }
      return slotsUsed;
    }
    int best = Integer.MAX_VALUE;
    for (int s = 0; s <= slotsUsed; s++) {
      slot[next] = s;
      best = Math.min(best, enumerate(conflict, slot, next + 1, Math.max(slotsUsed, s + 1)));
    }
    return best;
  }
}
