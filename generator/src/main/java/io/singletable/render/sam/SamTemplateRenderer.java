package io.singletable.render.sam;

import io.singletable.model.AuthProvider;
import io.singletable.model.Authentication;
import io.singletable.model.ServiceModel;
import io.singletable.model.StorageLayout;
import io.singletable.render.TemplateEngine;
import io.singletable.render.ResolverModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Renders {@code template.yaml}, the SAM template that deploys the backend. */
public final class SamTemplateRenderer {
  /** File name of the packaged template. */
  public static final String TEMPLATE = "template.yaml.ftl";
  private final TemplateEngine engine;

  public SamTemplateRenderer(TemplateEngine engine) {
    this.engine = engine;
  }

  /** Logical id of the table in {@code template.yaml} (deploy.sh asks CloudFormation for its physical id). */
  public static final String TABLE_LOGICAL_ID = "Table";

  /** Resources of the root template besides resolvers (table, API, log role, key, schema, data source and role). */
  static final int ROOT_RESOURCES = 7;
  /** File name of the nested stack template. */
  public static final String NESTED_TEMPLATE = "resolvers-stack.yaml.ftl";
  /** File name of the group stack template. */
  public static final String GROUP_TEMPLATE = "group-stack.yaml.ftl";

  /** The DynamoDB actions the resolvers of this model call, sorted (TransactWriteItems needs Put/Delete). */
  static List<String> actions(ServiceModel model) {
    TreeSet<String> out = new TreeSet<>();
    for (var o : model.operations()) {
      boolean unique = model.entity(o.entity()).map(e -> !e.uniques().isEmpty()).orElse(false);
      switch (o.kind()) {
        case GET -> out.add("dynamodb:GetItem");
        case CREATE -> out.add("dynamodb:PutItem");
        case UPDATE -> out.addAll(unique ? List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem")
            : List.of("dynamodb:GetItem", "dynamodb:PutItem"));
        case DELETE -> out.addAll(model.entity(o.entity()).map(io.singletable.model.EntityModel::readsBeforeDelete)
            .orElse(false) ? List.of("dynamodb:GetItem", "dynamodb:DeleteItem")
            : List.of("dynamodb:DeleteItem"));
      }
    }
    for (var r : model.relations()) {
      if (r.manyToMany()) {
        out.addAll(List.of("dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem"));
        continue;
      }
      out.add(r.indexed() ? "dynamodb:Query"
          : r.shape() == io.singletable.model.RelationShape.LIST ? "dynamodb:BatchGetItem" : "dynamodb:GetItem");
    }
    return List.copyOf(out);
  }

  /**
   * Files and counts of the rendered template set.
   *
   * @param files every file by its path relative to the output directory
   * @param resourcesPerStack resources of {@code template.yaml}, then of every other template in path order
   * @param resourcesPerOperation resources each {@code sam deploy} creates or updates at most (a top-level stack
   *     and its nested stacks), root first, in deployment order
   * @param placement every resolver ({@code Type.field}) to its stack, for the lock
   * @param functions the shared pipeline functions {@code template.yaml} declares
   */
  public record Rendered(Map<String, String> files, List<Integer> resourcesPerStack, List<Integer> resourcesPerOperation,
      Map<String, Integer> placement, List<ResolverModel.FunctionModel> functions) {}

  /** Resources the root template holds besides resolvers, at most: room for the shared functions to come. */
  static final int ROOT_RESERVED = ROOT_RESOURCES + StackPlacement.NESTED_IN_ROOT + 10;
  /** Deploy script, at the output root. */
  public static final String DEPLOY_SCRIPT = "deploy.sh";
  /** Delete script, at the output root. */
  public static final String DELETE_SCRIPT = "delete.sh";

  /**
   * Renders {@code template.yaml}, the nested stacks under {@code stacks/} holding the resolvers that do not fit
   * in it, the group stacks deployed after it when one operation could not hold them all, and the scripts that
   * deploy and delete them in order. Every path is relative to the output directory.
   *
   * @param previous the resolvers' recorded stacks ({@code Type.field} to stack): they stay where they are
   * @param shared every shared pipeline function there is: a split deployment declares and exports them all, used or
   *     not, since CloudFormation refuses to remove an export a group stack (updated only later) still imports
   * @param indexDefinitions the GSIs the template declares, at least the model's slots: more when the table may still
   *     have GSIs of released slots, which deploy.sh then deletes one per update (off by default)
   */
  public Rendered render(ServiceModel model, String schemaPath, List<ResolverModel> resolvers, Authentication auth,
      String templatePath, Map<String, Integer> previous, List<ResolverModel.FunctionModel> shared,
      int indexDefinitions) {
    Map<String, String> owners = new HashMap<>();
    model.operations().forEach(o -> owners.put(o.rootType() + "." + o.field(), o.entity()));
    // a @list's resolver goes with the type it lists (as an operation's with its entity)
    model.relations().forEach(r -> owners.put(r.owner() + "." + r.field(), r.list() ? r.target() : r.owner()));
    io.singletable.model.SubscriptionModel.of(model)
        .forEach(s -> owners.put(io.singletable.model.SubscriptionModel.ROOT + "." + s.field(), s.entity()));
    Map<String, ResolverModel> byKey = new LinkedHashMap<>();
    List<StackPlacement.Entry> entries = new ArrayList<>();
    for (ResolverModel r : resolvers) {
      String key = r.typeName() + "." + r.fieldName();
      byKey.put(key, r);
      entries.add(new StackPlacement.Entry(key, owners.getOrDefault(key, r.typeName())));
    }
    Map<String, Integer> placement = StackPlacement.place(entries, previous, ROOT_RESERVED);
    Map<String, ResolverModel.FunctionModel> distinct = new LinkedHashMap<>();
    resolvers.forEach(r -> r.functions().forEach(f -> distinct.putIfAbsent(f.logicalId(), f)));
    List<ResolverModel.FunctionModel> used = List.copyOf(distinct.values());

    SortedMap<Integer, List<ResolverModel>> stacks = new TreeMap<>();
    placement.forEach((key, stack) -> stacks.computeIfAbsent(stack, s -> new ArrayList<>()).add(byKey.get(key)));
    SortedSet<Integer> groups = new TreeSet<>();
    stacks.keySet().forEach(s -> groups.add(StackPlacement.group(s)));
    previous.values().forEach(s -> groups.add(StackPlacement.group(s))); // an emptied group is deployed empty once
    groups.remove(0);
    List<ResolverModel.FunctionModel> functions = groups.isEmpty() ? used : List.copyOf(shared);
    if (!functions.containsAll(used)) {
      throw new IllegalStateException("a resolver uses a function that is not shared: " + used);
    }

    Map<String, String> files = new LinkedHashMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    List<SamTemplateView.NestedStack> rootNested = new ArrayList<>();
    SortedMap<Integer, List<SamTemplateView.NestedStack>> groupNested = new TreeMap<>();
    groups.forEach(g -> groupNested.put(g, new ArrayList<>()));
    Map<Integer, Integer> operations = new TreeMap<>();
    for (var e : stacks.entrySet()) {
      int s = e.getKey();
      if (s == 0) {
        continue;
      }
      String file = String.format(Locale.ROOT, "resolvers-%02d.yaml", s);
      String description = "singletable resolvers, stack " + s;
      NestedStackView nested = new NestedStackView(s, description, e.getValue(), functions);
      files.put("stacks/" + file, engine.render(NESTED_TEMPLATE, nested));
      counts.put("stacks/" + file, e.getValue().size());
      String logicalId = String.format(Locale.ROOT, "Resolvers%02d", s);
      int g = StackPlacement.group(s);
      if (g == 0) {
        rootNested.add(new SamTemplateView.NestedStack(logicalId, "stacks/" + file, nested.none()));
      } else {
        groupNested.get(g).add(new SamTemplateView.NestedStack(logicalId, file, nested.none()));
      }
      operations.merge(g, e.getValue().size() + (g == 0 ? 0 : 1), Integer::sum); // a nested stack is a resource of its group
    }
    List<DeployScriptView.Group> deployGroups = new ArrayList<>();
    for (var e : groupNested.entrySet()) {
      int g = e.getKey();
      String path = String.format(Locale.ROOT, "stacks/group-%02d.yaml", g);
      String description = "singletable resolvers, group " + g + ": deployed after the root stack";
      files.put(path, engine.render(GROUP_TEMPLATE, new GroupStackView(g, description, e.getValue(), functions)));
      counts.put(path, Math.max(1, e.getValue().size()));
      operations.merge(g, e.getValue().isEmpty() ? 1 : 0, Integer::sum);
      deployGroups.add(new DeployScriptView.Group(path, String.format(Locale.ROOT, "-resolvers-%02d", g)));
    }
    List<ResolverModel> inline = stacks.getOrDefault(0, List.of());
    boolean none = !groups.isEmpty() || resolvers.stream().anyMatch(ResolverModel::none);
    SamTemplateView view = view(model, schemaPath, inline, auth, rootNested, functions, !groups.isEmpty(), none,
        indexDefinitions);
    files.put(templatePath, engine.render(TEMPLATE, view));
    int rootCount = ROOT_RESOURCES - (view.apiKey() ? 0 : 1) + (none ? 1 : 0) + functions.size() + rootNested.size()
        + inline.size();
    operations.merge(0, rootCount, Integer::sum);
    var scripts = new DeployScriptView(deployGroups, TABLE_LOGICAL_ID, view.indexCount(), view.indexes().size());
    files.put(DEPLOY_SCRIPT, engine.render(DEPLOY_SCRIPT + ".ftl", scripts));
    files.put(DELETE_SCRIPT, engine.render(DELETE_SCRIPT + ".ftl", scripts));
    List<Integer> perStack = new ArrayList<>();
    perStack.add(rootCount);
    perStack.addAll(counts.values());
    return new Rendered(files, perStack, List.copyOf(operations.values()), placement, functions);
  }

  static SamTemplateView view(ServiceModel model, String schemaPath, List<ResolverModel> resolvers,
      Authentication auth, List<SamTemplateView.NestedStack> stacks, List<ResolverModel.FunctionModel> functions,
      boolean split, boolean noneDataSource, int indexDefinitions) {
    List<SamTemplateView.Index> indexes = new ArrayList<>();
    int count = model.slots().size();
    for (int i = 0; i < count; i++) { // IndexCount k declares GSI01..GSIk: the slots are 1..count
      if (model.slots().get(i).slot() != i + 1) {
        throw new IllegalStateException("the GSI slots are not 1.." + count + ": " + model.slots());
      }
    }
    for (int slot = 1; slot <= Math.max(count, indexDefinitions); slot++) {
      indexes.add(new SamTemplateView.Index(StorageLayout.indexName(slot), StorageLayout.partitionAttribute(slot),
          StorageLayout.sortAttribute(slot), String.format(Locale.ROOT, "HasIndex%02d", slot)));
    }
    int n = model.entities().size();
    String description = "singletable backend: " + n + (n == 1 ? " model, " : " models, ") + count
        + (count == 1 ? " GSI" : " GSIs");
    var providers = model.apiAuthProviders(auth);
    return new SamTemplateView(description, schemaPath, indexes, count, resolvers, auth.name(), stacks,
        actions(model), !model.indexedRelations().isEmpty(), functions, split,
        model.additionalAuthProviders(auth).stream().map(AuthProvider::authenticationType).toList(),
        providers.contains(AuthProvider.USER_POOLS), providers.contains(AuthProvider.API_KEY), noneDataSource);
  }
}
