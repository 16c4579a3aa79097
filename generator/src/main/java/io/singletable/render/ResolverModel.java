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
 * @param none a UNIT resolver on the API's NONE data source ({@link #NONE_DATA_SOURCE}) rather than the table's
 */
public record ResolverModel(String logicalId, String typeName, String fieldName, String requestPath,
    String responsePath, List<FunctionModel> functions, boolean none) {
  /** Logical id and name of the NONE data source, declared when some resolver uses it. */
  public static final String NONE_DATA_SOURCE = "NoneDataSource";

  public ResolverModel {
    functions = List.copyOf(functions);
    if (none && !functions.isEmpty()) {
      throw new IllegalArgumentException("a PIPELINE resolver has no data source of its own: " + logicalId);
    }
  }

  /** A resolver on the table's data source (UNIT) or a PIPELINE resolver. */
  public ResolverModel(String logicalId, String typeName, String fieldName, String requestPath, String responsePath,
      List<FunctionModel> functions) {
    this(logicalId, typeName, fieldName, requestPath, responsePath, functions, false);
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
