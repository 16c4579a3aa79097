package io.singletable.model.build;

import static io.singletable.model.build.SlotSchemas.assertValid;
import static io.singletable.model.build.SlotSchemas.randomSchema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.model.build.IndexSlotAllocator.Demand;
import io.singletable.model.build.IndexSlotAllocator.Plan;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random schemas: validity, the type lower bound, and exactness against brute force. */
class IndexSlotAllocatorPropertyTest {

  @Test
  void withoutUnionsTheTypeBoundIsExact() {
    Random sizes = new Random(1);
    for (long seed = 0; seed < 300; seed++) {
      List<Demand> demands = randomSchema(seed, 1 + sizes.nextInt(30), sizes.nextInt(120), 0.0, 1);
      Plan plan = IndexSlotAllocator.allocate(demands, 1000);
      assertValid(demands, plan);
      assertEquals(IndexSlotAllocator.lowerBound(demands), plan.slotCount(), "seed " + seed);
    }
  }

  @Test
  void withUnionsThePlanIsValidAndAtLeastTheTypeBound() {
    Random sizes = new Random(2);
    for (long seed = 0; seed < 300; seed++) {
      int types = 2 + sizes.nextInt(30);
      List<Demand> demands = randomSchema(seed, types, sizes.nextInt(120), 0.05 + 0.4 * sizes.nextDouble(), 4);
      Plan plan = IndexSlotAllocator.allocate(demands, 1000);
      assertValid(demands, plan);
      assertTrue(plan.slotCount() >= IndexSlotAllocator.lowerBound(demands), "seed " + seed);
    }
  }

  @Test
  void slotCountIsTheTrueChromaticNumberOnSmallSchemas() {
    Random sizes = new Random(3);
    int aboveTypeBound = 0;
    for (long seed = 0; seed < 300; seed++) {
      int types = 1 + sizes.nextInt(6);
      List<Demand> demands = randomSchema(seed, types, sizes.nextInt(9), 0.5, 3);
      Plan plan = IndexSlotAllocator.allocate(demands, 20);
      assertValid(demands, plan);
      assertEquals(SlotSchemas.bruteForceChromatic(demands), plan.slotCount(), "seed " + seed);
      if (plan.slotCount() > IndexSlotAllocator.lowerBound(demands)) {
        aboveTypeBound++;
      }
    }
    assertTrue(aboveTypeBound > 0, "the sample should include schemas that need more than the type bound");
  }

  @Test
  void slotLimitIsRespectedExactlyAtTheMinimum() {
    for (long seed = 0; seed < 100; seed++) {
      List<Demand> demands = randomSchema(seed, 8, 25, 0.3, 3);
      int minimum = IndexSlotAllocator.allocate(demands, 1000).slotCount();
      Plan atMinimum = IndexSlotAllocator.allocate(demands, minimum);
      assertValid(demands, atMinimum);
      assertEquals(minimum, atMinimum.slotCount());
      Plan below = IndexSlotAllocator.allocate(demands, minimum - 1);
      assertTrue(!below.fits() && below.slotCount() < minimum, "seed " + seed);
      SlotSchemas.assertNoConflicts(demands, below);
    }
  }

  @Test
  void largeSchemaWithSomeUnionsCompletes() {
    List<Demand> demands = randomSchema(42, 400, 2000, 0.05, 3);
    Plan plan = IndexSlotAllocator.allocate(demands, 20);
    assertValid(demands, plan);
    assertTrue(plan.slotCount() >= IndexSlotAllocator.lowerBound(demands));
  }

  /** Dense unions make exact colouring hard; the search budget must still end with a valid, repeatable plan. */
  @Test
  void unionDenseSchemaStillEndsWithAValidPlan() {
    List<Demand> demands = randomSchema(14, 48, 116, 0.85, 9);
    Plan plan = IndexSlotAllocator.allocate(demands, 20);
    assertValid(demands, plan);
    assertTrue(plan.slotCount() >= IndexSlotAllocator.lowerBound(demands));
    assertEquals(plan, IndexSlotAllocator.allocate(SlotSchemas.shuffled(demands, 1), 20));
  }
}
