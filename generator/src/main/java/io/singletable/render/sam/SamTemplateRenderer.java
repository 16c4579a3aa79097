package io.singletable.render.sam;

import io.singletable.model.Authentication;
import io.singletable.model.IndexSlotModel;
import io.singletable.model.ServiceModel;
import io.singletable.model.StorageLayout;
import io.singletable.render.TemplateEngine;
import io.singletable.render.ResolverModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders {@code template.yaml}, the SAM template that deploys the backend. */
public final class SamTemplateRenderer {
  /** File name of the packaged template. */
  public static final String TEMPLATE = "template.yaml.ftl";
  private final TemplateEngine engine;

  public SamTemplateRenderer(TemplateEngine engine) {
    this.engine = engine;
  }

  /** Resources of the root template besides resolvers (table, API, log role, key, schema, data source and role). */
  static final int ROOT_RESOURCES = 7;
  /** File name of the nested stack template. */
  public static final String NESTED_TEMPLATE = "resolvers-stack.yaml.ftl";

  /** The DynamoDB actions the resolvers of this model call, sorted (TransactWriteItems needs Put/Delete). */
  static List<String> actions(ServiceModel model) {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    for (var o : model.operations()) {
      boolean unique = model.entity(o.entity()).map(e -> !e.uniques().isEmpty()).orElse(false);
      switch (o.kind()) {
        case GET -> out.add("dynamodb:GetItem");
        case CREATE -> out.add("dynamodb:PutItem");
        case UPDATE -> out.addAll(unique ? List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem")
            : List.of("dynamodb:GetItem", "dynamodb:PutItem"));
        case DELETE -> out.addAll(unique ? List.of("dynamodb:GetItem", "dynamodb:DeleteItem")
            : List.of("dynamodb:DeleteItem"));
      }
    }
    for (var r : model.relations()) {
      out.add(r.kind() == io.singletable.model.RelationKind.HAS_MANY ? "dynamodb:Query"
          : r.shape() == io.singletable.model.RelationShape.LIST ? "dynamodb:BatchGetItem" : "dynamodb:GetItem");
    }
    return List.copyOf(out);
  }

  /** Files and counts of the rendered template set. */
  public record Rendered(Map<String, String> files, List<Integer> resourcesPerStack) {}

  /**
   * Renders {@code template.yaml} and, when the resolvers do not fit in it, nested stacks under
   * {@code stacks/}; every path is relative to the output directory.
   */
  public Rendered render(ServiceModel model, String schemaPath, List<ResolverModel> resolvers, Authentication auth,
      String templatePath) {
    StackPlan plan = StackPlan.of(resolvers, ROOT_RESOURCES);
    Map<String, String> files = new LinkedHashMap<>();
    List<Integer> counts = new ArrayList<>();
    List<SamTemplateView.NestedStack> stacks = new ArrayList<>();
    int count = plan.nested().size();
    for (int i = 0; i < count; i++) {
      String path = String.format(Locale.ROOT, "stacks/resolvers-%02d.yaml", i + 1);
      List<ResolverModel> part = plan.nested().get(i);
      String description = "singletable resolvers, part " + (i + 1) + " of " + count;
      files.put(path, engine.render(NESTED_TEMPLATE, new NestedStackView(i + 1, count, description, part)));
      counts.add(part.stream().mapToInt(StackPlan::resources).sum());
      stacks.add(new SamTemplateView.NestedStack(String.format(Locale.ROOT, "Resolvers%02d", i + 1), path));
    }
    SamTemplateView view = view(model, schemaPath, plan.inline(), auth, stacks);
    files.put(templatePath, engine.render(TEMPLATE, view));
    int rootCount = ROOT_RESOURCES - (auth == Authentication.API_KEY ? 0 : 1) + stacks.size()
        + plan.inline().stream().mapToInt(StackPlan::resources).sum();
    counts.add(0, rootCount);
    return new Rendered(files, counts);
  }

  static SamTemplateView view(ServiceModel model, String schemaPath, List<ResolverModel> resolvers,
      Authentication auth, List<SamTemplateView.NestedStack> stacks) {
    List<String> attributes = new ArrayList<>(List.of(StorageLayout.PARTITION_KEY));
    List<SamTemplateView.Index> indexes = new ArrayList<>();
    for (IndexSlotModel s : model.slots()) {
      attributes.add(s.partitionAttribute());
      attributes.add(s.sortAttribute());
      indexes.add(new SamTemplateView.Index(s.indexName(), s.partitionAttribute(), s.sortAttribute()));
    }
    int n = model.entities().size();
    String description = "singletable backend: " + n + (n == 1 ? " model, " : " models, ") + indexes.size()
        + (indexes.size() == 1 ? " GSI" : " GSIs");
    return new SamTemplateView(description, schemaPath, attributes, indexes, resolvers, auth.name(), stacks,
        actions(model), !model.hasManyRelations().isEmpty());
  }
}
