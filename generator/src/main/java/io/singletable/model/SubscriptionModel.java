package io.singletable.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A generated subscription field of SPEC §2.5: {@code onCreateT}, {@code onUpdateT} or {@code onDeleteT} of a
 * {@code @model} type, subscribed to every mutation of that kind serving the type (default and declared ones), with
 * one optional equality-filter argument per {@link EntityModel#subscriptionFilterFields() stored scalar or enum field}.
 *
 * @param field the Subscription field's name, e.g. {@code onCreatePost}
 * @param kind CREATE, UPDATE or DELETE
 * @param entity the {@code @model} type it returns
 * @param mutations the Mutation fields it is subscribed to, in the schema's operation order
 */
public record SubscriptionModel(String field, OperationKind kind, String entity, List<String> mutations) {
  /** The root type subscriptions belong to. */
  public static final String ROOT = "Subscription";

  public SubscriptionModel {
    mutations = List.copyOf(mutations);
  }

  /** {@code onCreateT}, {@code onUpdateT}, {@code onDeleteT}. */
  public static String name(OperationKind kind, String entity) {
    return "on" + OperationNames.upperFirst(kind.name().toLowerCase(Locale.ROOT)) + entity;
  }

  /**
   * The subscriptions of {@code model}: per entity in source order with {@code @model(subscriptions: true)}, one per
   * mutation kind (create, update, delete) the entity has at least one mutation of.
   */
  public static List<SubscriptionModel> of(ServiceModel model) {
    List<SubscriptionModel> out = new ArrayList<>();
    for (EntityModel e : model.entities()) {
      if (!e.subscriptions()) {
        continue;
      }
      for (OperationKind kind : List.of(OperationKind.CREATE, OperationKind.UPDATE, OperationKind.DELETE)) {
        List<String> mutations = model.operations().stream()
            .filter(o -> o.rootType().equals("Mutation") && o.kind() == kind && o.entity().equals(e.name()))
            .map(OperationModel::field).toList();
        if (!mutations.isEmpty()) {
          out.add(new SubscriptionModel(name(kind, e.name()), kind, e.name(), mutations));
        }
      }
    }
    return out;
  }

  /**
   * The field's SDL, e.g. {@code onCreatePost(id: ID, title: String): Post @aws_subscribe(mutations: ["createPost"])}:
   * every filter argument optional.
   */
  public String signature(EntityModel e) {
    List<String> args = e.subscriptionFilterFields().stream()
        .map(f -> f.name() + ": " + f.type().nullable().sdl()).toList();
    return field + (args.isEmpty() ? "" : "(" + String.join(", ", args) + ")") + ": " + entity
        + " @aws_subscribe(mutations: [" + String.join(", ", mutations.stream().map(m -> "\"" + m + "\"").toList())
        + "])";
  }
}
