package io.singletable.render.sam;

import io.singletable.render.ResolverModel;
import java.util.List;

/**
 * What {@code group-stack.yaml.ftl} renders: a top-level stack deployed after the root, nesting
 * resolver stacks that take the API, the data source and the functions from the root's exports.
 *
 * @param index 1-based group number
 * @param description template description
 * @param stacks its nested stacks (paths relative to the group's file); empty when its resolvers are all gone
 * @param functions the shared pipeline functions, whose ids the nested stacks receive
 */
public record GroupStackView(int index, String description, List<SamTemplateView.NestedStack> stacks,
    List<ResolverModel.FunctionModel> functions) {
  public GroupStackView {
    stacks = List.copyOf(stacks);
    functions = List.copyOf(functions);
  }
}
