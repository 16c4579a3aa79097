package io.singletable.render.sam;

import io.singletable.render.ResolverModel;
import java.util.List;

/**
 * What {@code resolvers-stack.yaml.ftl} renders: one nested stack of resolvers.
 *
 * @param index 1-based number of this stack
 * @param count number of nested stacks
 * @param description template description
 * @param resolvers its resolvers (with their pipeline functions)
 */
public record NestedStackView(int index, int count, String description, List<ResolverModel> resolvers) {
  public NestedStackView {
    resolvers = List.copyOf(resolvers);
  }
}
