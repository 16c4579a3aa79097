package io.singletable.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.diag.SchemaException;
import io.singletable.model.RelationModel;
import io.singletable.model.ServiceModel;
import io.singletable.model.build.IndexSlotAllocator;
import io.singletable.source.SchemaSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random sequences of schema edits (add/remove types, relations, union members; everything reordered), each
 * generated against the lock the previous step wrote: a locked relation never leaves its slot unless its own
 * targets grew into a type that another relation on that slot indexes (and then the plan lists the move); no
 * slot carries two relations, or a relation and a reservation, over one type; and without a lock the plan is
 * today's minimal one.
 */
class SchemaLockPropertyTest {
  static final int TYPES = 7;
  static final int UNIONS = 3;
  static final int RELATIONS = 12;
  /** Random edit sequences to run: 16 in the full build, fewer in the fast tier ({@code -Pfast}). */
  static final int SEEDS = Integer.getInteger("singletable.lock.seeds", 16);

  @TempDir
  Path temp;

  private int kept;
  private int reserved;
  private int unionTargets;

  /** A relation: owner type, target (type {@code Tn} or union {@code Un}). */
  record Rel(int n, String owner, String target) {}

  /** The random schema. */
  static final class State {
    final SortedSet<String> types = new TreeSet<>();
    final Map<String, SortedSet<String>> unions = new TreeMap<>();
    final Map<Integer, Rel> relations = new TreeMap<>();

    String render(Random random) {
      List<String> blocks = new ArrayList<>();
      for (String t : types) {
        List<String> fields = new ArrayList<>(List.of("  id: ID!", "  name: String"));
        for (int k = 0; k < RELATIONS; k++) {
          fields.add("  k" + k + ": ID");
        }
        relations.values().stream().filter(r -> r.owner().equals(t))
            .forEach(r -> fields.add("  r" + r.n() + ": [" + r.target() + "] @hasMany(field: \"k" + r.n()
                + "\", sortBy: [\"name\"])"));
        Collections.shuffle(fields.subList(1, fields.size()), random);
        blocks.add("type " + t + " @model {\n" + String.join("\n", fields) + "\n}\n");
      }
      unions.forEach((u, members) -> {
        List<String> m = new ArrayList<>(members);
        Collections.shuffle(m, random);
        blocks.add("union " + u + " = " + String.join(" | ", m) + "\n");
      });
      Collections.shuffle(blocks, random);
      return String.join("\n", blocks);
    }

    SortedSet<String> concrete(String target) {
      return target.startsWith("U") ? new TreeSet<>(unions.get(target)) : new TreeSet<>(List.of(target));
    }

    /** Drops unions without members and relations whose owner or target is gone. */
    void prune() {
      unions.values().forEach(m -> m.retainAll(types));
      unions.values().removeIf(SortedSet::isEmpty);
      relations.values().removeIf(r -> !types.contains(r.owner())
          || (r.target().startsWith("U") ? !unions.containsKey(r.target()) : !types.contains(r.target())));
    }
  }

  @Test
  void lockedSlotsNeverMoveAndFreshPlansStayMinimal() throws IOException {
    for (long seed = 1; seed <= SEEDS; seed++) {
      run(seed);
    }
    System.out.println("SchemaLockPropertyTest: " + SEEDS + " sequences of 16 edits: " + kept + " locked relations checked, "
        + reserved + " steps with a reserved slot, " + unionTargets + " with a relation over a union");
    // the edits reach the interesting cases (16 sequences reach 100, 10 and 10; fewer a share of it)
    assertTrue(kept >= 100 * SEEDS / 16, "locked relations checked: " + kept);
    assertTrue(reserved >= 10 * SEEDS / 16, "steps with a reserved slot: " + reserved);
    assertTrue(unionTargets >= 10 * SEEDS / 16, "steps with a relation over a union: " + unionTargets);
  }

  private void run(long seed) throws IOException {
    Random random = new Random(seed);
    State s = new State();
    for (int i = 0; i < 3; i++) {
      s.types.add("T" + random.nextInt(TYPES));
    }
    s.unions.put("U0", new TreeSet<>(List.of(s.types.first(), s.types.last())));
    Path dir = Files.createDirectories(temp.resolve("seed" + seed));
    Path lock = dir.resolve("singletable.lock");
    SchemaLock previous = null;
    String lastEdit = "start";
    for (int step = 0; step < 16; step++) {
      String sdl = s.render(random);
      String context = "seed " + seed + " step " + step + " after " + lastEdit + "\n" + sdl;
      Path schema = dir.resolve("schema.graphql");
      Files.writeString(schema, sdl, StandardCharsets.UTF_8);
      GeneratorOptions plain = new GeneratorOptions(schema, dir, dir.resolve("out"), null, null, 20, null);
      Generator.Planned locked;
      Generator.Planned fresh;
      try {
        locked = new Generator().plan(SchemaSources.load(schema, dir), plain.withLock(lock, false));
        fresh = new Generator().plan(SchemaSources.load(schema, dir), plain);
      } catch (SchemaException e) {
        fail(context + "\n" + e.formatted());
        return;
      }
      checkMinimal(fresh.model(), context);
      checkValid(locked.lock(), context);
      reserved += locked.lock().lock().removed().isEmpty() ? 0 : 1;
      unionTargets += s.relations.values().stream().anyMatch(r -> r.target().startsWith("U")) ? 1 : 0;
      if (previous != null) {
        checkStable(previous, locked.lock(), context);
      }
      String text = locked.lock().lock().render();
      Files.writeString(lock, text, StandardCharsets.UTF_8);
      previous = locked.lock().lock();
      lastEdit = edit(s, random, lock);
    }
  }

  private static void checkMinimal(ServiceModel model, String context) {
    List<IndexSlotAllocator.Demand> demands = model.indexedRelations().stream()
        .map(r -> new IndexSlotAllocator.Demand(r.id(), new TreeSet<>(r.concreteTargets()))).toList();
    IndexSlotAllocator.Plan minimal = IndexSlotAllocator.allocate(demands, 20);
    assertEquals(minimal.slotCount(), model.slots().size(), "fresh plan is minimal: " + context);
    Map<String, Integer> slots = new TreeMap<>();
    model.indexedRelations().forEach(r -> slots.put(r.id(), r.slot()));
    assertEquals(minimal.slotByRelation(), slots, "fresh plan is today's plan: " + context);
  }

  private static void checkValid(LockPlanner.Outcome o, String context) {
    List<RelationModel> rels = o.model().indexedRelations();
    for (int i = 0; i < rels.size(); i++) {
      RelationModel a = rels.get(i);
      for (int j = i + 1; j < rels.size(); j++) {
        RelationModel b = rels.get(j);
        assertTrue(a.slot() != b.slot() || Collections.disjoint(a.concreteTargets(), b.concreteTargets()),
            a.id() + " and " + b.id() + " share a type on one slot: " + context);
      }
      o.lock().removed().forEach((id, r) -> assertTrue(r.slot() != a.slot()
          || Collections.disjoint(r.types(), a.concreteTargets()), a.id() + " on reserved slot of " + id + ": " + context));
    }
    int max = rels.stream().mapToInt(RelationModel::slot).max().orElse(0);
    assertTrue(o.model().slots().size() >= max, "every slot used exists: " + context);
  }

  private void checkStable(SchemaLock before, LockPlanner.Outcome o, String context) {
    Map<String, Integer> now = new TreeMap<>();
    o.model().indexedRelations().forEach(r -> now.put(r.id(), r.slot()));
    before.relations().forEach((id, p) -> {
      Integer slot = now.get(id);
      if (slot == null || slot == p.slot()) {
        kept += slot == null ? 0 : 1;
        return;
      }
      SchemaLock.Relation r = o.lock().relations().get(id);
      assertTrue(!p.types().containsAll(r.types()), id + " moved " + p.slot() + " → " + slot
          + " though its targets did not grow: " + context);
      assertTrue(o.changes().stream().anyMatch(c -> c.subject().equals("relation " + id)
          && c.why().startsWith("moved from")), "the plan lists the move of " + id + ": " + context);
    });
    int delta = o.lock().gsiCount() - before.gsiCount();
    assertTrue(delta >= 0 && delta <= 1, "one GSI at most per edit: " + delta + " " + context);
  }

  /** One random edit; a removed type's line is deleted from the lock, as its owner would. */
  private static String edit(State s, Random random, Path lock) throws IOException {
    int kind = random.nextInt(8);
    String t = "T" + random.nextInt(TYPES);
    switch (kind) {
      case 0 -> {
        s.types.add(t);
        return "add type " + t;
      }
      case 1 -> {
        if (s.types.size() > 1 && s.types.remove(t)) {
          s.prune();
          String text = Files.readString(lock, StandardCharsets.UTF_8);
          Files.writeString(lock, text.replace("type " + t + "\n", ""), StandardCharsets.UTF_8);
        }
        return "remove type " + t;
      }
      case 2, 3 -> {
        int n = random.nextInt(RELATIONS);
        List<String> targets = new ArrayList<>(s.types);
        targets.addAll(s.unions.keySet());
        String owner = new ArrayList<>(s.types).get(random.nextInt(s.types.size()));
        String target = targets.get(random.nextInt(targets.size()));
        if (!s.relations.containsKey(n)) {
          s.relations.put(n, new Rel(n, owner, target));
        }
        return "add relation r" + n + " " + owner + " -> " + target;
      }
      case 4 -> {
        if (!s.relations.isEmpty()) {
          List<Integer> keys = new ArrayList<>(s.relations.keySet());
          s.relations.remove(keys.get(random.nextInt(keys.size())));
        }
        return "remove a relation";
      }
      case 5, 6 -> {
        String u = "U" + random.nextInt(UNIONS);
        if (s.types.contains(t)) {
          s.unions.computeIfAbsent(u, k -> new TreeSet<>()).add(t);
        }
        return "add " + t + " to " + u;
      }
      default -> {
        String u = "U" + random.nextInt(UNIONS);
        if (s.unions.containsKey(u)) {
          s.unions.get(u).remove(t);
          s.prune();
        }
        return "remove " + t + " from " + u;
      }
    }
  }
}
