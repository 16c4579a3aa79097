package io.singletable.render.sam;

import java.util.List;

/**
 * What {@code deploy.sh.ftl} and {@code delete.sh.ftl} render: the stacks of the backend in deployment order.
 *
 * @param groups the group stacks, deployed after {@code template.yaml} in this order
 */
public record DeployScriptView(List<Group> groups) {
  public DeployScriptView {
    groups = List.copyOf(groups);
  }

  /**
   * A group stack.
   *
   * @param template its template, relative to the output directory ({@code stacks/group-01.yaml})
   * @param suffix what its stack name adds to the root stack's ({@code -resolvers-01})
   */
  public record Group(String template, String suffix) {}
}
