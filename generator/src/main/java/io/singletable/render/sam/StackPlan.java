package io.singletable.render.sam;

import io.singletable.render.ResolverModel;
import java.util.ArrayList;
import java.util.List;

/**
 * How the resolvers are spread over stacks. CloudFormation allows 500 resources per stack; the
 * root keeps the table, API, roles, data source and schema and, while they fit, every resolver.
 * Beyond that the resolvers go into the fewest nested stacks that hold them, in schema order, each
 * resolver (always with its pipeline functions) into the stack its midpoint falls in when the
 * resources are laid end to end, so the stacks differ by at most one resolver's resources. Deterministic: a pure function of the resolver list.
 *
 * @param inline resolvers of the root template
 * @param nested resolvers of each nested stack
 */
public record StackPlan(List<ResolverModel> inline, List<List<ResolverModel>> nested) {
  /** Resources per stack we allow ourselves (CloudFormation: 500), leaving room for additions. */
  public static final int MAX_RESOURCES = 450;

  public StackPlan {
    inline = List.copyOf(inline);
    nested = nested.stream().map(List::copyOf).toList();
  }

  /** Resources a resolver brings: itself and its functions. */
  public static int resources(ResolverModel r) {
    return 1 + r.functions().size();
  }

  /** Plans the stacks for {@code resolvers} next to {@code rootResources} fixed root resources. */
  public static StackPlan of(List<ResolverModel> resolvers, int rootResources) {
    int total = resolvers.stream().mapToInt(StackPlan::resources).sum();
    if (rootResources + total <= MAX_RESOURCES) {
      return new StackPlan(resolvers, List.of());
    }
    int stacks = (total + MAX_RESOURCES - 1) / MAX_RESOURCES;
    List<List<ResolverModel>> nested = new ArrayList<>();
    for (int i = 0; i < stacks; i++) {
      nested.add(new ArrayList<>());
    }
    long before = 0;
    for (ResolverModel r : resolvers) {
      int middle = (int) ((2 * before + resources(r)) * stacks / (2L * total));
      nested.get(Math.min(stacks - 1, middle)).add(r);
      before += resources(r);
    }
    return new StackPlan(List.of(), nested);
  }
}
