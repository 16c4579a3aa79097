package io.singletable.render.sam;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which stack each AppSync resolver is deployed in, kept stable from one generation to the next.
 *
 * <p>AppSync allows one resolver per field: a resolver that moved from one stack to another would be
 * created in its new stack, possibly before its old stack deleted it, and the deploy would fail. So a
 * resolver that has a placement (recorded in {@code singletable.lock}) keeps it for as long as it
 * exists, whatever types are added or removed around it. Only new resolvers are placed:
 * <ul>
 *   <li>a new resolver of a type that already has resolvers joins the type's home stack (the lowest
 *       stack holding one of them) while that stack stays within {@link #MAX_RESOURCES};</li>
 *   <li>the new resolvers of a new type go together, in schema order, into the lowest stack that holds
 *       them within {@link #FILL_RESOURCES}, leaving each stack room to grow as its types gain fields.</li>
 * </ul>
 * Stack 0 is {@code template.yaml}, next to the table, the API and the shared functions; stacks
 * 1…{@link #NESTED_IN_ROOT} are nested in it; the others are nested, {@link #STACKS_PER_GROUP} at a
 * time, in group stacks deployed one after another after the root. So no stack operation exceeds
 * CloudFormation's 2,500 resources: the root's is at most 500 + 3 × 500, a group's 4 + 4 × 500.
 */
public final class StackPlacement {
  /** CloudFormation's limit of resources per template. */
  public static final int MAX_RESOURCES = 500;
  /** What a stack is filled to with new types: the rest is room for its types to grow. */
  public static final int FILL_RESOURCES = 450;
  /** Nested resolver stacks of the root template; beyond them, resolvers go to group stacks. */
  public static final int NESTED_IN_ROOT = 3;
  /** Nested resolver stacks per group stack. */
  public static final int STACKS_PER_GROUP = 4;

  private StackPlacement() {}

  /**
   * A resolver to place.
   *
   * @param key {@code Type.field}
   * @param owner the model type it belongs to (the entity of an operation, the owner of a relation field)
   */
  public record Entry(String key, String owner) {}

  /**
   * Places {@code entries} (in schema order).
   *
   * @param previous recorded placements ({@code Type.field} to stack); entries absent from it are new
   * @param rootReserved resources the root template holds besides resolvers, at most
   * @return every entry's stack, in the order of {@code entries}
   */
  public static Map<String, Integer> place(List<Entry> entries, Map<String, Integer> previous, int rootReserved) {
    Map<String, Integer> out = new LinkedHashMap<>();
    List<Integer> counts = new ArrayList<>();
    Map<String, Integer> home = new HashMap<>();
    for (Entry e : entries) {
      Integer stack = previous.get(e.key());
      if (stack != null) {
        out.put(e.key(), stack);
        add(counts, stack, 1);
        home.merge(e.owner(), stack, Math::min);
      }
    }
    Map<String, List<Entry>> fresh = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (!out.containsKey(e.key())) {
        fresh.computeIfAbsent(e.owner(), o -> new ArrayList<>()).add(e);
      }
    }
    for (var group : fresh.entrySet()) {
      List<Entry> news = group.getValue();
      Integer h = home.get(group.getKey());
      int stack;
      if (h != null && count(counts, h) + news.size() <= capacity(h, MAX_RESOURCES, rootReserved)) {
        stack = h;
      } else {
        stack = firstFit(counts, news.size(), rootReserved);
      }
      if (stack >= 0) {
        news.forEach(e -> out.put(e.key(), stack));
        add(counts, stack, news.size());
        home.merge(group.getKey(), stack, Math::min);
        continue;
      }
      for (Entry e : news) { // a type with more resolvers than a stack holds: one at a time
        int one = firstFit(counts, 1, rootReserved);
        out.put(e.key(), one);
        add(counts, one, 1);
      }
    }
    Map<String, Integer> ordered = new LinkedHashMap<>();
    entries.forEach(e -> ordered.put(e.key(), out.get(e.key())));
    return ordered;
  }

  /** The lowest stack with room for {@code n} more resolvers within the fill level; -1 if none could ever. */
  private static int firstFit(List<Integer> counts, int n, int rootReserved) {
    if (n > FILL_RESOURCES) {
      return -1;
    }
    for (int s = 0; ; s++) {
      if (count(counts, s) + n <= capacity(s, FILL_RESOURCES, rootReserved)) {
        return s;
      }
    }
  }

  private static int capacity(int stack, int level, int rootReserved) {
    return stack == 0 ? level - rootReserved : level;
  }

  private static int count(List<Integer> counts, int stack) {
    return stack < counts.size() ? counts.get(stack) : 0;
  }

  private static void add(List<Integer> counts, int stack, int n) {
    while (counts.size() <= stack) {
      counts.add(0);
    }
    counts.set(stack, counts.get(stack) + n);
  }

  /** The group stack (1-based) a nested stack belongs to, or 0 for the root's own stacks. */
  public static int group(int stack) {
    return stack <= NESTED_IN_ROOT ? 0 : (stack - NESTED_IN_ROOT - 1) / STACKS_PER_GROUP + 1;
  }
}
