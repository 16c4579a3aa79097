package io.singletable.render.sam;

import io.singletable.model.Authentication;
import io.singletable.model.IndexSlotModel;
import io.singletable.model.ServiceModel;
import io.singletable.render.TemplateEngine;
import io.singletable.render.vtl.ResolverModel;
import java.util.ArrayList;
import java.util.List;

/** Renders {@code template.yaml}, the SAM template that deploys the backend. */
public final class SamTemplateRenderer {
  /** File name of the packaged template. */
  public static final String TEMPLATE = "template.yaml.ftl";
  private final TemplateEngine engine;

  public SamTemplateRenderer(TemplateEngine engine) {
    this.engine = engine;
  }

  public String render(ServiceModel model, String schemaPath, List<ResolverModel> resolvers, Authentication auth) {
    return engine.render(TEMPLATE, view(model, schemaPath, resolvers, auth));
  }

  static SamTemplateView view(ServiceModel model, String schemaPath, List<ResolverModel> resolvers,
      Authentication auth) {
    List<String> attributes = new ArrayList<>(List.of("PK"));
    List<SamTemplateView.Index> indexes = new ArrayList<>();
    for (IndexSlotModel s : model.slots()) {
      attributes.add(s.partitionAttribute());
      attributes.add(s.sortAttribute());
      indexes.add(new SamTemplateView.Index(s.indexName(), s.partitionAttribute(), s.sortAttribute()));
    }
    int n = model.entities().size();
    String description = "singletable backend: " + n + (n == 1 ? " model, " : " models, ") + indexes.size()
        + (indexes.size() == 1 ? " GSI" : " GSIs");
    return new SamTemplateView(description, schemaPath, attributes, indexes, resolvers, auth.name());
  }
}
