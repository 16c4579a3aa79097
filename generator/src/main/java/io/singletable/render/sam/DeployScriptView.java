package io.singletable.render.sam;

import java.util.List;

/**
 * What {@code deploy.sh.ftl} and {@code delete.sh.ftl} render: the stacks of the backend in deployment order.
 *
 * @param groups the group stacks, deployed after {@code template.yaml} in this order
 * @param table the logical id of the table in {@code template.yaml}
 * @param indexCount the GSIs of the schema: the last root deploy passes {@link #indexParameter()} = this
 * @param indexDefinitions the GSIs {@code template.yaml} can declare (the parameter's most; 0: no parameter,
 *     and deploy.sh deploys the root stack once, as CloudFormation refuses an update that drops two GSIs anyway)
 */
public record DeployScriptView(List<Group> groups, String table, int indexCount, int indexDefinitions) {
  public DeployScriptView {
    groups = List.copyOf(groups);
  }

  /** template.yaml's parameter of the table's GSI count ({@link SamTemplateView#indexParameter()}). */
  public String indexParameter() {
    return SamTemplateView.indexParameter(indexCount);
  }

  /**
   * A group stack.
   *
   * @param template its template, relative to the output directory ({@code stacks/group-01.yaml})
   * @param suffix what its stack name adds to the root stack's ({@code -resolvers-01})
   */
  public record Group(String template, String suffix) {}
}
