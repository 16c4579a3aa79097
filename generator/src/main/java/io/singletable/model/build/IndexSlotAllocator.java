package io.singletable.model.build;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Maps {@code @hasMany} relations to generic GSI slots ({@code GSI01..GSInn}) using as few slots as possible.
 *
 * <p>Every item of a concrete type stores {@code PKnn/SKnn} for each relation that targets it, so two relations
 * whose concrete target sets intersect need different slots, and a relation keeps one slot in all its targets.
 * That is graph colouring of the conflict graph (vertices: relations; edge iff the target sets intersect). It is
 * solved exactly per connected component: DSATUR greedy colouring, improved by a seeded tabu search, gives an
 * upper bound, and a DSATUR-ordered backtracking search (with colour symmetry breaking) tries every slot count
 * from a clique lower bound upward. Exact colouring is NP-hard, so the search has a fixed budget of nodes per
 * component; only pathological, union-dense components exhaust it, and they then keep the best colouring found,
 * which may use more slots than needed. The budget counts nodes, not time, so even then the result repeats.
 *
 * <p>The result depends only on the set of demands, never on their order: relations are handled in id order,
 * every tie is broken by id, and slots are renumbered in order of first appearance by relation id.
 */
public final class IndexSlotAllocator {
  /** Search nodes times component size per component; past it, the best colouring found is used. */
  private static final long SEARCH_WORK = 30_000_000L;

  private IndexSlotAllocator() {}

  /**
   * One {@code @hasMany} relation and the concrete types it targets (one type, or the members of a union or
   * interface).
   *
   * @param relationId unique relation id, e.g. {@code "Farm.cows"}
   * @param concreteTypes the concrete target types, never empty
   */
  public record Demand(String relationId, SortedSet<String> concreteTypes) {
    /** Copies the types into an unmodifiable, naturally ordered set; rejects nulls and an empty set. */
    public Demand {
      Objects.requireNonNull(relationId, "relationId");
      // via Collection, not SortedSet, so the copy uses natural order; TreeSet rejects null types
      TreeSet<String> copy = new TreeSet<>((Collection<String>) Objects.requireNonNull(concreteTypes, "concreteTypes"));
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("relation " + relationId + " targets no concrete type");
      }
      concreteTypes = Collections.unmodifiableSortedSet(copy);
    }
  }

  /**
   * The outcome of {@link #allocate}.
   *
   * @param slotCount number of slots used (by the components that fit)
   * @param slotByRelation relation id to its 1-based slot; relations of components that do not fit are absent
   * @param typesOverLimit concrete types that cannot fit in the slot limit; empty when everything fits
   */
  public record Plan(int slotCount, SortedMap<String, Integer> slotByRelation, SortedSet<String> typesOverLimit) {
    /** Copies both collections into unmodifiable, naturally ordered ones. */
    public Plan {
      if (slotCount < 0) {
        throw new IllegalArgumentException("slotCount must be >= 0: " + slotCount);
      }
      slotByRelation = Collections.unmodifiableSortedMap(new TreeMap<>((Map<String, Integer>) slotByRelation));
      typesOverLimit = Collections.unmodifiableSortedSet(new TreeSet<>((Collection<String>) typesOverLimit));
    }

    /** Whether every relation got a slot within the limit. */
    public boolean fits() {
      return typesOverLimit.isEmpty();
    }
  }

  /**
   * Assigns every relation a slot, using the minimum number of slots (see the class comment for the one
   * exception, components too hard to search within the budget). If some connected component of the
   * conflict graph needs more than {@code maxSlots}, {@code typesOverLimit} holds that component's types whose
   * incoming relation count is the component's maximum, if that maximum exceeds {@code maxSlots}, or else all
   * the component's types; its relations get no slot, while the other components are still assigned and
   * {@code slotCount} reports the minimum for the components that fit.
   *
   * @throws IllegalArgumentException on duplicate relation ids or a negative {@code maxSlots}
   */
  public static Plan allocate(Collection<Demand> demands, int maxSlots) {
    if (maxSlots < 0) {
      throw new IllegalArgumentException("maxSlots must be >= 0: " + maxSlots);
    }
    List<Demand> sorted = sortedById(demands);
    Map<String, Integer> incoming = incomingCounts(sorted);
    SortedMap<String, Integer> colourByRelation = new TreeMap<>();
    SortedSet<String> over = new TreeSet<>();
    for (List<Demand> component : components(sorted)) {
      SortedSet<String> types = new TreeSet<>();
      component.forEach(d -> types.addAll(d.concreteTypes()));
      int typeBound = types.stream().mapToInt(incoming::get).max().orElse(0);
      int[] colours = colourComponent(conflictGraph(component), typeBound, maxSlots);
      if (colours == null) {
        if (typeBound > maxSlots) { // report the max-size cliques by type, else the whole component
          types.removeIf(t -> incoming.get(t) < typeBound);
        }
        over.addAll(types);
        continue;
      }
      for (int i = 0; i < colours.length; i++) {
        colourByRelation.put(component.get(i).relationId(), colours[i]);
      }
    }
    return canonicalPlan(colourByRelation, over);
  }

  /**
   * Assigns slots around a fixed pre-colouring, for stability rather than minimality: every demand in
   * {@code fixed} keeps its slot unless a demand placed before it (in id order) on that slot shares a concrete
   * type with it (its target set grew into the other's), and then it is placed like a new one. New demands,
   * in id order, take the lowest slot where no placed demand and no reservation in {@code reserved} (slot to the
   * concrete types whose items may still carry its attributes) shares one of their types; otherwise a slot after
   * every used and reserved one. The result depends only on the sets given, never on their order.
   *
   * @param demands every current relation
   * @param fixed locked slots by relation id; ids not among {@code demands} are ignored
   * @param reserved reserved slots (1-based) to the concrete types they are reserved on
   * @return slot by relation id, for every demand
   */
  public static SortedMap<String, Integer> extend(Collection<Demand> demands, Map<String, Integer> fixed,
      Map<Integer, ? extends Collection<String>> reserved) {
    return extend(demands, fixed, reserved, Set.of());
  }

  /**
   * Like {@link #extend(Collection, Map, Map)}, but the fixed demands in {@code yielding} (those whose targets
   * grew since they were locked) are placed after the other fixed ones, so that on a conflict they move, not
   * the relation that did not change.
   */
  public static SortedMap<String, Integer> extend(Collection<Demand> demands, Map<String, Integer> fixed,
      Map<Integer, ? extends Collection<String>> reserved, Set<String> yielding) {
    List<Demand> sorted = new ArrayList<>(sortedById(demands));
    sorted.sort(Comparator.comparing((Demand d) -> yielding.contains(d.relationId())));
    Map<Integer, SortedSet<String>> occupied = new TreeMap<>();
    reserved.forEach((slot, types) -> occupied.computeIfAbsent(slot, s -> new TreeSet<>()).addAll(types));
    SortedMap<String, Integer> result = new TreeMap<>();
    List<Demand> open = new ArrayList<>();
    for (Demand d : sorted) {
      Integer slot = fixed.get(d.relationId());
      if (slot == null || slot < 1) {
        open.add(d);
        continue;
      }
      SortedSet<String> taken = occupied.computeIfAbsent(slot, s -> new TreeSet<>());
      if (Collections.disjoint(taken, d.concreteTypes())) {
        taken.addAll(d.concreteTypes());
        result.put(d.relationId(), slot);
      } else {
        open.add(d);
      }
    }
    for (Demand d : open) {
      int chosen = 0;
      int last = occupied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
      for (int s = 1; s <= last && chosen == 0; s++) {
        SortedSet<String> taken = occupied.get(s);
        if (taken == null || Collections.disjoint(taken, d.concreteTypes())) {
          chosen = s;
        }
      }
      if (chosen == 0) {
        chosen = last + 1;
      }
      occupied.computeIfAbsent(chosen, s -> new TreeSet<>()).addAll(d.concreteTypes());
      result.put(d.relationId(), chosen);
    }
    return result;
  }

  /** The largest number of demands that contain one concrete type (0 for no demands). */
  public static int lowerBound(Collection<Demand> demands) {
    return incomingCounts(demands).values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  private static List<Demand> sortedById(Collection<Demand> demands) {
    List<Demand> sorted = new ArrayList<>(Objects.requireNonNull(demands, "demands"));
    sorted.forEach(d -> Objects.requireNonNull(d, "demand"));
    sorted.sort(Comparator.comparing(Demand::relationId));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).relationId().equals(sorted.get(i - 1).relationId())) {
        throw new IllegalArgumentException("duplicate relation id " + sorted.get(i).relationId());
      }
    }
    return sorted;
  }

  private static Map<String, Integer> incomingCounts(Collection<Demand> demands) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Demand d : Objects.requireNonNull(demands, "demands")) {
      d.concreteTypes().forEach(type -> counts.merge(type, 1, Integer::sum));
    }
    return counts;
  }

  /** For each concrete type, the indices of the demands that contain it, ascending. */
  private static Map<String, List<Integer>> membersByType(List<Demand> demands) {
    Map<String, List<Integer>> byType = new TreeMap<>();
    for (int i = 0; i < demands.size(); i++) {
      for (String type : demands.get(i).concreteTypes()) {
        byType.computeIfAbsent(type, t -> new ArrayList<>()).add(i);
      }
    }
    return byType;
  }

  /** Connected components of the conflict graph, each in id order, ordered by their smallest id. */
  private static List<List<Demand>> components(List<Demand> sorted) {
    Map<String, List<Integer>> byType = membersByType(sorted);
    boolean[] seen = new boolean[sorted.size()];
    List<List<Demand>> result = new ArrayList<>();
    for (int start = 0; start < sorted.size(); start++) {
      if (seen[start]) {
        continue;
      }
      List<Integer> members = new ArrayList<>(List.of(start));
      seen[start] = true;
      for (int head = 0; head < members.size(); head++) {
        for (String type : sorted.get(members.get(head)).concreteTypes()) {
          for (int u : byType.get(type)) {
            if (!seen[u]) {
              seen[u] = true;
              members.add(u);
            }
          }
        }
      }
      result.add(members.stream().sorted().map(sorted::get).toList());
    }
    return result;
  }

  /** Sorted neighbour lists of the conflict graph, indexed like {@code demands}. */
  private static int[][] conflictGraph(List<Demand> demands) {
    Map<String, List<Integer>> byType = membersByType(demands);
    int[][] adj = new int[demands.size()][];
    BitSet row = new BitSet(demands.size());
    for (int v = 0; v < adj.length; v++) {
      row.clear();
      for (String type : demands.get(v).concreteTypes()) {
        byType.get(type).forEach(row::set);
      }
      row.clear(v);
      adj[v] = row.stream().toArray();
    }
    return adj;
  }

  /** A minimum colouring (0-based) of a connected graph, or null if it needs more than maxSlots colours. */
  private static int[] colourComponent(int[][] adj, int typeBound, int maxSlots) {
    if (typeBound > maxSlots) {
      return null;
    }
    int lower = Math.max(typeBound, greedyCliqueSize(adj));
    if (lower > maxSlots) {
      return null;
    }
    int maxDegree = Arrays.stream(adj).mapToInt(a -> a.length).max().orElse(0);
    int[] best = new Search(adj, maxDegree + 1, 0).greedy();
    int upper = Arrays.stream(best).max().orElse(-1) + 1;
    for (int[] fewer; upper > lower && (fewer = new Tabu(adj, upper - 1, best).run()) != null; upper--) {
      best = fewer;
    }
    long budget = SEARCH_WORK / adj.length;
    for (int k = lower; k < upper && k <= maxSlots && budget > 0; k++) {
      Search search = new Search(adj, k, budget);
      int[] exact = search.run();
      if (exact != null) {
        return exact;
      }
      budget = search.budget;
    }
    return upper <= maxSlots ? best : null; // optimal unless the budget ran out first
  }

  /** Size of a clique grown greedily from each vertex (neighbours by degree, then index): a lower bound. */
  private static int greedyCliqueSize(int[][] adj) {
    int best = adj.length == 0 ? 0 : 1;
    for (int v = 0; v < adj.length; v++) {
      if (adj[v].length + 1 <= best) {
        continue;
      }
      Integer[] candidates = Arrays.stream(adj[v]).boxed().toArray(Integer[]::new);
      Arrays.sort(candidates, Comparator.comparingInt((Integer u) -> -adj[u].length).thenComparingInt(u -> u));
      int[] clique = new int[candidates.length + 1];
      int size = 0;
      clique[size++] = v;
      for (int u : candidates) {
        if (adjacentToAll(adj[u], clique, size)) {
          clique[size++] = u;
        }
      }
      best = Math.max(best, size);
    }
    return best;
  }

  private static boolean adjacentToAll(int[] neighbours, int[] clique, int size) {
    for (int i = 0; i < size; i++) {
      if (Arrays.binarySearch(neighbours, clique[i]) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Numbers the colours 1.. by first appearance in relation id order. */
  private static Plan canonicalPlan(SortedMap<String, Integer> colourByRelation, SortedSet<String> over) {
    Map<Integer, Integer> slotByColour = new TreeMap<>();
    SortedMap<String, Integer> slotByRelation = new TreeMap<>();
    colourByRelation.forEach((relation, colour) -> {
      Integer slot = slotByColour.get(colour);
      if (slot == null) {
        slot = slotByColour.size() + 1;
        slotByColour.put(colour, slot);
      }
      slotByRelation.put(relation, slot);
    });
    return new Plan(slotByColour.size(), slotByRelation, over);
  }

  /** Exact k-colouring search: DSATUR order, ties by uncoloured degree then index; symmetry-broken colours. */
  private static final class Search {
    private final int[][] adj;
    private final int k;
    private final int[] colour;
    private final int[] saturation;
    private final int[] freeDegree;
    private final int[][] neighbourColours;
    private long budget;

    Search(int[][] adj, int k, long budget) {
      this.budget = budget;
      this.adj = adj;
      this.k = k;
      this.colour = new int[adj.length];
      this.saturation = new int[adj.length];
      this.freeDegree = Arrays.stream(adj).mapToInt(a -> a.length).toArray();
      this.neighbourColours = new int[adj.length][k];
      Arrays.fill(colour, -1);
    }

    /** DSATUR without backtracking: first free colour each time; needs k above the maximum degree. */
    int[] greedy() {
      for (int i = 0; i < adj.length; i++) {
        int v = pick();
        int c = 0;
        while (neighbourColours[v][c] > 0) {
          c++;
        }
        set(v, c, 1);
      }
      return colour.clone();
    }

    /** A k-colouring, or null if none exists or the budget of search nodes ran out. */
    int[] run() {
      return colourFrom(0, -1) ? colour.clone() : null;
    }

    private boolean colourFrom(int coloured, int maxUsed) {
      if (coloured == adj.length) {
        return true;
      }
      if (--budget < 0) {
        return false;
      }
      int v = pick();
      int limit = Math.min(k - 1, maxUsed + 1); // colour symmetry breaking
      for (int c = 0; c <= limit; c++) {
        if (neighbourColours[v][c] == 0) {
          set(v, c, 1);
          if (colourFrom(coloured + 1, Math.max(maxUsed, c))) {
            return true;
          }
          set(v, c, -1);
        }
      }
      return false;
    }

    /** Uncoloured vertex with the most neighbour colours, then uncoloured neighbours, then lowest index. */
    private int pick() {
      int best = -1;
      for (int v = 0; v < adj.length; v++) {
        if (colour[v] < 0 && (best < 0 || saturation[v] > saturation[best]
            || saturation[v] == saturation[best] && freeDegree[v] > freeDegree[best])) {
          best = v;
        }
      }
      return best;
    }

    private void set(int v, int c, int delta) {
      colour[v] = delta > 0 ? c : -1;
      for (int u : adj[v]) {
        freeDegree[u] -= delta;
        int before = neighbourColours[u][c];
        neighbourColours[u][c] = before + delta;
        if (before == 0) {
          saturation[u]++;
        } else if (before == 1 && delta < 0) {
          saturation[u]--;
        }
      }
    }
  }

  /** Tabu search (TabuCol) for a k-colouring from one with more colours: a heuristic, seeded, so repeatable. */
  private static final class Tabu {
    private static final int ITERATIONS = 20_000;
    private final int[][] adj;
    private final int k;
    private final int[] colour;
    private final int[][] gamma; // gamma[v][c]: neighbours of v coloured c
    private final int[][] tabuUntil;
    private final Random random = new Random(20);
    private int conflicts;

    Tabu(int[][] adj, int k, int[] start) {
      this.adj = adj;
      this.k = k;
      this.colour = new int[adj.length];
      this.gamma = new int[adj.length][k];
      this.tabuUntil = new int[adj.length][k];
      for (int v = 0; v < adj.length; v++) {
        colour[v] = start[v] < k ? start[v] : random.nextInt(k);
      }
      for (int v = 0; v < adj.length; v++) {
        for (int u : adj[v]) {
          gamma[v][colour[u]]++;
        }
        conflicts += gamma[v][colour[v]];
      }
      conflicts /= 2;
    }

    /** A k-colouring, or null if none was found within the iteration budget. */
    int[] run() {
      int bestConflicts = conflicts;
      for (int iteration = 0; iteration < ITERATIONS && conflicts > 0; iteration++) {
        int[] move = bestMove(iteration, bestConflicts);
        if (move != null) {
          int old = colour[move[0]];
          recolour(move[0], move[1]);
          tabuUntil[move[0]][old] = iteration + 1 + conflicts * 6 / 10 + random.nextInt(10);
          bestConflicts = Math.min(bestConflicts, conflicts);
        }
      }
      return conflicts == 0 ? colour.clone() : null;
    }

    /** The best allowed {vertex, colour} move, ties broken at random; tabu moves only if they beat the best. */
    private int[] bestMove(int iteration, int bestConflicts) {
      int[] best = null;
      int bestDelta = Integer.MAX_VALUE;
      int ties = 0;
      for (int v = 0; v < adj.length; v++) {
        int own = gamma[v][colour[v]];
        for (int c = 0; own > 0 && c < k; c++) {
          int delta = gamma[v][c] - own;
          boolean allowed = tabuUntil[v][c] <= iteration || conflicts + delta < bestConflicts;
          if (c == colour[v] || !allowed || delta > bestDelta) {
            continue;
          }
          ties = delta < bestDelta ? 1 : ties + 1;
          if (delta < bestDelta || random.nextInt(ties) == 0) {
            best = new int[] {v, c};
            bestDelta = delta;
          }
        }
      }
      return best;
    }

    private void recolour(int v, int c) {
      conflicts += gamma[v][c] - gamma[v][colour[v]];
      for (int u : adj[v]) {
        gamma[u][colour[v]]--;
        gamma[u][c]++;
      }
      colour[v] = c;
    }
  }
}
