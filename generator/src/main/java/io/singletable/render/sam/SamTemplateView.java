package io.singletable.render.sam;

import io.singletable.render.ResolverModel;
import java.util.List;

/**
 * What {@code template.yaml.ftl} renders: the table, the API and its schema.
 *
 * @param description template description
 * @param schemaPath path of the deployable schema relative to template.yaml
 * @param indexes every GSI the template can declare, in slot order: the schema's {@code indexCount} and, after them,
 *     those the table may still have (released slots, recorded in the lock), which deploy.sh deletes one by one
 * @param indexCount the GSIs of the schema: the default of the parameter {@link #indexParameter()}, which declares
 *     GSI01..GSIk for its value k (and their key attributes), so that a deploy changes one GSI at a time
 * @param resolvers the resolvers kept in the root template, in schema order
 * @param stacks nested stacks holding the other resolvers
 * @param actions the DynamoDB actions the resolvers call: all the data source role may do
 * @param queriesIndexes whether any resolver queries a GSI (then the role reaches the indexes too)
 * @param authentication API_KEY, AWS_IAM or AMAZON_COGNITO_USER_POOLS
 * @param additionalProviders the {@code AuthenticationType}s of the additional providers the {@code @auth} rules
 *     need, in order (none without rules)
 * @param userPools whether a user pool is a provider, default or additional (then the template has {@code UserPoolId})
 * @param apiKey whether the API key is a provider, default or additional (then the template creates one)
 * @param functions the shared pipeline functions, declared once here
 * @param split whether group stacks are deployed after this one (then its outputs are exported for them)
 * @param noneDataSource whether the template declares the NONE data source of the subscription resolvers (when some
 *     resolver uses it, and always in a split deployment, whose group stacks may import it)
 */
public record SamTemplateView(String description, String schemaPath, List<Index> indexes, int indexCount,
    List<ResolverModel> resolvers, String authentication, List<NestedStack> stacks, List<String> actions,
    boolean queriesIndexes, List<ResolverModel.FunctionModel> functions, boolean split, List<String> additionalProviders,
    boolean userPools, boolean apiKey, boolean noneDataSource) {
  public SamTemplateView {
    indexes = List.copyOf(indexes);
    resolvers = List.copyOf(resolvers);
    stacks = List.copyOf(stacks);
    actions = List.copyOf(actions);
    functions = List.copyOf(functions);
    additionalProviders = List.copyOf(additionalProviders);
  }

  /**
   * The parameter that says how many GSIs the table has: {@code IndexCountOf<indexCount>}. Its name changes with the
   * schema's count, so that a plain {@code sam deploy} of a schema with another count takes the new default instead of
   * the stack's previous value (SAM keeps a parameter's previous value only for a key the stack already has).
   */
  public String indexParameter() {
    return indexParameter(indexCount);
  }

  /** {@link #indexParameter()} of a schema with {@code count} GSIs. */
  public static String indexParameter(int count) {
    return io.singletable.model.StorageLayout.indexCountParameter(count);
  }

  /**
   * A nested stack of resolvers: logical id and template path relative to template.yaml; {@code none}: it holds a
   * resolver on the NONE data source (then it takes the data source's name as a parameter).
   */
  public record NestedStack(String logicalId, String path, boolean none) {}

  /**
   * One generic GSI: {@code name} with hash {@code partitionKey} and range {@code sortKey}, declared (with its key
   * attributes) under the condition {@code condition}: the index parameter is at least its slot.
   */
  public record Index(String name, String partitionKey, String sortKey, String condition) {}
}
