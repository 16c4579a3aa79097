package io.singletable.render.sam;

import io.singletable.render.ResolverModel;
import java.util.List;

/**
 * What {@code resolvers-stack.yaml.ftl} renders: one nested stack of resolvers.
 *
 * @param index number of this stack (its placement in {@code singletable.lock})
 * @param description template description
 * @param resolvers its resolvers, in schema order
 * @param functions the shared pipeline functions, whose ids the stack receives as parameters
 */
public record NestedStackView(int index, String description, List<ResolverModel> resolvers,
    List<ResolverModel.FunctionModel> functions) {
  public NestedStackView {
    resolvers = List.copyOf(resolvers);
    functions = List.copyOf(functions);
  }

  /** True when a resolver of this stack is on the NONE data source (then the stack takes its name as a parameter). */
  public boolean none() {
    return resolvers.stream().anyMatch(ResolverModel::none);
  }
}
