package io.singletable.render.docs;

import io.singletable.model.AuthOperation;
import io.singletable.model.AuthProvider;
import io.singletable.model.AuthRule;
import io.singletable.model.AuthStrategy;
import io.singletable.model.EntityModel;
import io.singletable.model.IndexSlotModel;
import io.singletable.model.OperationModel;
import io.singletable.model.RelationKind;
import io.singletable.model.RelationModel;
import io.singletable.model.RelationShape;
import io.singletable.model.ServiceModel;
import io.singletable.model.SortField;
import io.singletable.model.SortKeyComponent;
import io.singletable.model.StorageLayout;
import io.singletable.model.UniqueKeyFormat;
import io.singletable.model.UniqueModel;
import io.singletable.render.TemplateEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders the access-pattern document schema authors read to see what every operation costs. */
public final class AccessPatternRenderer {
  public static final String TEMPLATE = "access-patterns.md.ftl";
  private static final String PK = StorageLayout.PARTITION_KEY;
  private static final String TYPENAME = StorageLayout.TYPENAME;
  private final TemplateEngine engine;

  public AccessPatternRenderer(TemplateEngine engine) {
    this.engine = engine;
  }

  public String render(ServiceModel model) {
    return engine.render(TEMPLATE, view(model));
  }

  static AccessPatternView view(ServiceModel model) {
    List<AccessPatternView.Entity> entities = new ArrayList<>();
    for (EntityModel e : model.entities()) {
      List<String> uniques = e.uniques().stream().map(u -> "`" + uniqueKey(e, u) + "`").toList();
      List<String> attrs = model.relationsTargeting(e.name()).stream()
          .map(r -> "`" + r.partitionAttribute() + "`/`" + r.sortAttribute() + "` (" + r.id() + ")").toList();
      entities.add(new AccessPatternView.Entity(e.name(), "`" + nodeKey(model, e.name(), "id") + "`", uniques, attrs));
    }
    List<AccessPatternView.Slot> slots = new ArrayList<>();
    for (IndexSlotModel s : model.slots()) {
      List<AccessPatternView.SlotRelation> rels = s.relations().stream().map(r -> new AccessPatternView.SlotRelation(
          r.id(), String.join(", ", r.concreteTargets()), "`" + r.partitionPrefix() + "<" + r.keyField() + ">`",
          "`" + sortKey(r) + "`", r.onlyIf() == null ? "" : "`" + r.onlyIf() + "` is true")).toList();
      slots.add(new AccessPatternView.Slot(s.indexName(), s.partitionAttribute(), s.sortAttribute(), rels));
    }
    List<AccessPatternView.Pattern> patterns = new ArrayList<>();
    boolean auth = model.entities().stream().anyMatch(e -> !e.auth().open());
    for (OperationModel o : model.operations()) {
      AccessPatternView.Pattern p = operation(model, o);
      patterns.add(auth ? p.withRules(rules(model, List.of(o.entity()), operation(o))) : p);
    }
    for (RelationModel r : model.relations()) {
      AccessPatternView.Pattern p = relation(model, r);
      String unreadable = r.kind() == RelationKind.HAS_MANY ? "; items it does not admit left out of the page"
          : r.shape() == RelationShape.LIST ? "; `null` in place of items it does not admit"
          : "; `null` for an item it does not admit";
      String rules = rules(model, r.concreteTargets(), AuthOperation.READ);
      patterns.add(auth ? p.withRules(rules + (restricted(model, r.concreteTargets(), AuthOperation.READ)
          ? unreadable : "")) : p);
    }
    return new AccessPatternView(model.keyStrategy().name(), entities, slots, patterns, auth);
  }

  private static AuthOperation operation(OperationModel o) {
    return switch (o.kind()) {
      case GET -> AuthOperation.READ;
      case CREATE -> AuthOperation.CREATE;
      case UPDATE -> AuthOperation.UPDATE;
      case DELETE -> AuthOperation.DELETE;
    };
  }

  private static boolean restricted(ServiceModel model, List<String> types, AuthOperation op) {
    return types.stream().anyMatch(t -> !model.entity(t).orElseThrow().auth().open());
  }

  /** Whom the rules of {@code types} admit to {@code op}: each type's rules, or every caller the API admits. */
  private static String rules(ServiceModel model, List<String> types, AuthOperation op) {
    List<String> out = new ArrayList<>();
    for (String t : types) {
      EntityModel e = model.entity(t).orElseThrow();
      String who = e.auth().open() ? "any caller of the API"
          : e.auth().rules(op).isEmpty() ? "nobody"
          : e.auth().rules(op).stream().map(AccessPatternRenderer::rule).collect(Collectors.joining(", "));
      out.add(types.size() > 1 ? t + ": " + who : who);
    }
    return String.join("; ", out);
  }

  private static String rule(AuthRule r) {
    String via = switch (r.provider()) {
      case USER_POOLS -> "user pool";
      case IAM -> "IAM";
      case API_KEY -> "API key";
    };
    return switch (r.allow()) {
      case OWNER -> "owner (`" + r.ownerField() + "` holds the " + via + " token's `" + r.identityClaim() + "`)";
      case GROUPS -> r.groupsField() != null ? "groups named in `" + r.groupsField() + "`"
          : "group " + String.join(" or ", r.groups().stream().map(g -> "`" + g + "`").toList());
      case PRIVATE -> "signed-in (" + via + ")";
      case PUBLIC -> "public (" + via + ")";
    };
  }

  private static AccessPatternView.Pattern operation(ServiceModel model, OperationModel o) {
    EntityModel e = model.entity(o.entity()).orElseThrow();
    String name = "`" + o.rootType() + "." + o.signature() + "`";
    boolean uniques = !e.uniques().isEmpty();
    String node = "`" + PK + " = " + nodeKey(model, e.name(), o.kind().name().equals("CREATE") ? "new id" : "id") + "`";
    return switch (o.kind()) {
      case GET -> o.by().equals("id")
          ? new AccessPatternView.Pattern(name, "get", "GetItem", node + ", `" + TYPENAME + " = " + e.name() + "`", "")
          : new AccessPatternView.Pattern(name, "get by unique", "GetItem",
              "`" + PK + " = " + uniqueKey(e, e.uniques().stream().filter(u -> u.field().equals(o.by())).findFirst()
                  .orElseThrow()) + "`", "");
      case CREATE -> new AccessPatternView.Pattern(name, "create", uniques ? "TransactWriteItems" : "PutItem",
          node + (uniques ? " + one unique item per @unique field" : "") + ", `attribute_not_exists(" + PK + ")`", "");
      case UPDATE -> new AccessPatternView.Pattern(name, "update",
          uniques ? "GetItem + TransactWriteItems" : "GetItem + PutItem",
          node + ", condition `" + TYPENAME + " = " + e.name() + "` and every stored field as read"
              + (uniques ? "; unique items moved or refreshed" : ""), "");
      case DELETE -> new AccessPatternView.Pattern(name, "delete", uniques ? "GetItem + TransactWriteItems"
          : e.readsBeforeDelete() ? "GetItem + DeleteItem" : "DeleteItem",
          node + ", condition `" + TYPENAME + " = " + e.name() + "`" + ruleFields(e)
              + (uniques ? " + its unique items" : ""), "");
    };
  }

  /** The stored fields a delete's rules read, on which the delete is conditioned. */
  private static String ruleFields(EntityModel e) {
    List<String> fields = e.auth().rules(AuthOperation.DELETE).stream().filter(AuthRule::dependsOnItem)
        .map(r -> r.allow() == AuthStrategy.OWNER ? r.ownerField() : r.groupsField()).distinct()
        .map(f -> "`" + f + "`").toList();
    return fields.isEmpty() ? "" : " and " + String.join(", ", fields) + " as read";
  }

  private static AccessPatternView.Pattern relation(ServiceModel model, RelationModel r) {
    String name = "`" + r.id() + "`";
    if (r.kind() == RelationKind.HAS_MANY) {
      String paging = r.shape() == RelationShape.CONNECTION ? ", paged by `nextToken`" : ", first `limit` items";
      return new AccessPatternView.Pattern(name, "one-to-many", "Query " + r.indexName(),
          "`" + r.partitionAttribute() + " = " + r.partitionPrefix() + "<id>`, sorted by `" + r.sortAttribute() + "`" + paging,
          "");
    }
    String targets = String.join(" | ", r.concreteTargets());
    if (r.shape() == RelationShape.LIST) {
      return new AccessPatternView.Pattern(name, "many ids", "BatchGetItem",
          "`" + PK + " = " + nodeKey(model, r.target(), "each of " + r.keyField()) + "`, `" + TYPENAME + "` in " + targets,
          "");
    }
    return new AccessPatternView.Pattern(name, r.kind() == RelationKind.HAS_ONE ? "one-to-one" : "many-to-one",
        "GetItem", "`" + PK + " = " + nodeKey(model, r.target(), r.keyField()) + "`, `" + TYPENAME + "` in " + targets,
        "");
  }

  private static String nodeKey(ServiceModel model, String type, String idName) {
    return model.layout().nodePrefix(type) + "<" + idName + ">";
  }

  private static String uniqueKey(EntityModel e, UniqueModel u) {
    UniqueKeyFormat key = e.uniqueKey(u);
    String how = key.number() ? "number-encoded " : key.lowerCase() && key.letters() ? "lower-cased " : "";
    return key.prefix() + "<" + how + u.field() + ">";
  }

  private static String sortKey(RelationModel r) {
    String parts = r.sortBy().stream().map(SortField::field).map(f -> "<" + f + ">").collect(Collectors.joining("#"));
    boolean lowerCased = r.sortComponents().stream().anyMatch(SortKeyComponent::lowerCase);
    String order = r.sortBy().isEmpty() ? "" : " (" + (lowerCased ? "case-insensitive, " : "")
        + "nulls " + r.nulls().name().toLowerCase(java.util.Locale.ROOT) + ")";
    return (parts.isEmpty() ? "" : parts + "#") + "<id>" + order;
  }
}
