package io.singletable.render;

import java.util.List;

/**
 * One AppSync resolver as the SAM template declares it.
 *
 * @param logicalId CloudFormation logical id
 * @param typeName GraphQL type
 * @param fieldName GraphQL field
 * @param requestPath request template, relative to template.yaml
 * @param responsePath response template, relative to template.yaml
 * @param functions for a PIPELINE resolver its functions in order; empty for UNIT
 */
public record ResolverModel(String logicalId, String typeName, String fieldName, String requestPath,
    String responsePath, List<FunctionModel> functions) {
  public ResolverModel {
    functions = List.copyOf(functions);
  }

  /** True for a PIPELINE resolver. */
  public boolean pipeline() {
    return !functions.isEmpty();
  }

  /**
   * A pipeline function.
   *
   * @param logicalId CloudFormation logical id
   * @param name function name (unique in the API)
   * @param requestPath request template
   * @param responsePath response template
   */
  public record FunctionModel(String logicalId, String name, String requestPath, String responsePath) {}
}
