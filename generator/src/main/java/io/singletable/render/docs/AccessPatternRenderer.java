package io.singletable.render.docs;

import io.singletable.model.AuthOperation;
import io.singletable.model.AuthRule;
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
          r.id(), String.join(", ", r.concreteTargets()), "`" + partitionValue(r) + "`",
          "`" + sortKey(r) + "`", r.onlyIf() == null ? "" : "`" + r.onlyIf() + "` is true")).toList();
      slots.add(new AccessPatternView.Slot(s.indexName(), s.partitionAttribute(), s.sortAttribute(), rels));
    }
    List<AccessPatternView.Pattern> patterns = new ArrayList<>();
    boolean auth = model.entities().stream().anyMatch(e -> !e.auth().open());
    for (OperationModel o : model.operations()) {
      EntityModel e = model.entity(o.entity()).orElseThrow();
      AuthOperation op = switch (o.kind()) {
        case GET -> AuthOperation.READ;
        case CREATE -> AuthOperation.CREATE;
        case UPDATE -> AuthOperation.UPDATE;
        case DELETE -> AuthOperation.DELETE;
      };
      patterns.add(operation(model, o).withRules(auth ? rules(e, op) : ""));
    }
    for (RelationModel r : model.relations()) {
      String text = "";
      if (auth) {
        List<String> parts = new ArrayList<>();
        for (String t : r.concreteTargets()) {
          EntityModel target = model.entity(t).orElse(null);
          if (target != null && !target.auth().open()) {
            parts.add((r.concreteTargets().size() > 1 ? t + ": " : "") + rules(target, AuthOperation.READ));
          }
        }
        text = parts.isEmpty() ? "open" : String.join("; ", parts) + (r.indexed()
            ? " (items a caller may not read are left out: a page can hold fewer than `limit`)"
            : " (an item a caller may not read is null)");
      }
      patterns.add(relation(model, r).withRules(text));
    }
    for (io.singletable.model.ManyToManyModel m : model.manyToMany()) {
      String args = "(" + m.aIdField() + ", " + m.bIdField() + ")";
      String join = "`" + PK + " = " + m.keyPrefix() + "<" + m.aIdField() + ">#<" + m.bIdField() + ">`";
      boolean sorted = !m.a().sortBy().isEmpty() || !m.b().sortBy().isEmpty();
      EntityModel a = model.entity(m.aType()).orElseThrow();
      EntityModel b = model.entity(m.bType()).orElseThrow();
      boolean guarded = linkGuarded(a, m.a()) || linkGuarded(b, m.b());
      String rules = !auth ? "" : guarded ? "the update rules of " + m.aType() + " and of " + m.bType()
          + " (and of the relation fields' own @auth), on both items as read" : "open";
      String read = sorted || guarded ? "BatchGetItem (both nodes, consistent) + " : "";
      patterns.add(new AccessPatternView.Pattern("`Mutation." + m.addMutation() + args + "`", "connect",
          read + "TransactWriteItems", "both nodes checked (`" + TYPENAME + "` and id"
              + (sorted || guarded ? ", and the values the join item copies and the rules read, as read" : "") + "), "
              + join + " put (again: the same item" + (sorted ? ", its copies of the sort values refreshed" : "")
              + "), each id added to the other's link head `" + m.keyPrefix() + "<id>` (`links`, a string set)")
          .withRules(rules));
      patterns.add(new AccessPatternView.Pattern("`Mutation." + m.removeMutation() + args + "`", "disconnect",
          (guarded ? "BatchGetItem (both nodes, consistent) + " : "") + "TransactWriteItems", join
              + " deleted if it is one, each id removed from the other's link head; not linked: no change")
          .withRules(rules));
      for (io.singletable.model.RelationModel side : List.of(m.a(), m.b())) {
        if (!side.sortBy().isEmpty()) {
          String fields = String.join(", ", side.sortBy().stream().map(SortField::field).toList());
          patterns.add(new AccessPatternView.Pattern("update of a " + side.target() + " setting " + fields,
              "sort copies", "+ BatchGetItem (link head) + BatchGetItem (join items) in the update's TransactWriteItems",
              "each join item of the " + side.target() + " gets the new `" + side.sortAttribute() + "` (" + side.id()
                  + " sorts by " + fields + "), the head conditioned on its links as read; more than one transaction "
                  + "holds (100 writes): refused, TooManyLinks").withRules(auth ? "as the update" : ""));
        }
      }
    }
    return new AccessPatternView(model.keyStrategy().name(), entities, slots, patterns, auth);
  }

  /** Whether linking {@code e}'s items by {@code side} needs rules to admit the caller (its type's or the field's). */
  private static boolean linkGuarded(EntityModel e, io.singletable.model.RelationModel side) {
    return !e.auth().open() || e.field(side.field()).map(f -> !f.auth().open()).orElse(false);
  }

  private static AccessPatternView.Pattern operation(ServiceModel model, OperationModel o) {
    EntityModel e = model.entity(o.entity()).orElseThrow();
    String name = "`" + o.rootType() + "." + o.signature() + "`";
    boolean uniques = !e.uniques().isEmpty();
    String node = "`" + PK + " = " + nodeKey(model, e.name(), o.kind().name().equals("CREATE") ? "new id" : "id") + "`";
    return switch (o.kind()) {
      case GET -> o.by().equals("id")
          ? new AccessPatternView.Pattern(name, "get", "GetItem", node + ", `" + TYPENAME + " = " + e.name() + "`")
          : new AccessPatternView.Pattern(name, "get by unique", "GetItem",
              "`" + PK + " = " + uniqueKey(e, e.uniques().stream().filter(u -> u.field().equals(o.by())).findFirst()
                  .orElseThrow()) + "`");
      case CREATE -> new AccessPatternView.Pattern(name, "create", uniques ? "TransactWriteItems" : "PutItem",
          node + (uniques ? " + one unique item per @unique field" : "") + ", `attribute_not_exists(" + PK + ")`");
      case UPDATE -> new AccessPatternView.Pattern(name, "update",
          uniques ? "GetItem + TransactWriteItems" : "GetItem + PutItem",
          node + ", condition `" + TYPENAME + " = " + e.name() + "` and every stored field as read"
              + (uniques ? "; unique items moved or refreshed" : "")
              + (e.versioned() ? "; `version` + 1, and with `expectedVersion` refused (ConflictingVersion) unless"
                  + " the version read is that one" : ""));
      case DELETE -> new AccessPatternView.Pattern(name, "delete",
          e.relations().stream().anyMatch(io.singletable.model.RelationModel::manyToMany)
              ? "GetItem + BatchGetItem (its link heads, consistent) + TransactWriteItems (with every join item they list)"
              : e.readsBeforeDelete() ? "GetItem + TransactWriteItems" : "DeleteItem",
          node + ", condition `" + TYPENAME + " = " + e.name() + "`" + (uniques ? " + its unique items" : "")
              + (e.readsBeforeDelete() && !uniques ? " and the fields its @auth rules read, as read" : "")
              + (!e.versioned() ? "" : e.readsBeforeDelete()
                  ? "; with `expectedVersion`: refused (ConflictingVersion) unless the version read is that one,"
                      + " and `version` as read"
                  : "; with `expectedVersion`: `version = :expectedVersion` (ConflictingVersion)"));
    };
  }

  /**
   * What a relation's items carry in {@code PKnn}: {@code <Target>#<field>} for a {@code @hasMany}; for a {@code @list}
   * {@code <Target>} or {@code <Target>#<by values>} (each escaped, separated by U+0001).
   */
  private static String partitionValue(RelationModel r) {
    if (r.manyToMany()) {
      return r.partitionPrefix() + "<" + io.singletable.model.OperationNames.lowerFirst(r.owner()) + "Id" + ">";
    }
    if (!r.list()) {
      return r.partitionPrefix() + "<" + r.keyField() + ">";
    }
    return r.partitionPrefix() + (r.by().isEmpty() ? "" : "<" + String.join("␁", r.by().stream()
        .map(io.singletable.model.SortField::field).toList()) + ">");
  }

  private static AccessPatternView.Pattern relation(ServiceModel model, RelationModel r) {
    String name = "`" + r.id() + "`";
    if (r.manyToMany()) {
      String paging = r.shape() == RelationShape.CONNECTION ? ", paged by `nextToken`" : ", first `limit` items";
      return new AccessPatternView.Pattern(name, "many-to-many", "Query " + r.indexName() + " + BatchGetItem",
          "`" + r.partitionAttribute() + " = " + partitionValue(r) + "` (the join items, by "
              + (r.sortBy().isEmpty() ? "" : String.join(", ", r.sortBy().stream().map(SortField::field).toList())
                  + " of the other item, then ") + "the other id)" + paging
              + "; then the " + r.target() + " items they name in one BatchGetItem, whatever the page's size (a second "
              + "only for unprocessed keys)");
    }
    if (r.list()) {
      String paging = r.shape() == RelationShape.CONNECTION ? ", paged by `nextToken`" : ", first `limit` items";
      String partition = r.by().isEmpty()
          ? "every " + String.join(" and ", r.concreteTargets()) + " item" + (r.onlyIf() == null ? "" : " whose `"
              + r.onlyIf() + "` is true") + " in ONE partition"
          : "the items with these values, one partition per combination";
      return new AccessPatternView.Pattern(name, "list", "Query " + r.indexName(),
          "`" + r.partitionAttribute() + " = " + partitionValue(r) + "`, sorted by `" + r.sortAttribute() + "`"
              + paging + "; " + partition + ": its writes share DynamoDB's per-partition limit (about 1,000 writes/s)");
    }
    if (r.kind() == RelationKind.HAS_MANY) {
      String paging = r.shape() == RelationShape.CONNECTION ? ", paged by `nextToken`" : ", first `limit` items";
      return new AccessPatternView.Pattern(name, "one-to-many", "Query " + r.indexName(),
          "`" + r.partitionAttribute() + " = " + r.partitionPrefix() + "<id>`, sorted by `" + r.sortAttribute() + "`" + paging);
    }
    String targets = String.join(" | ", r.concreteTargets());
    if (r.shape() == RelationShape.LIST) {
      return new AccessPatternView.Pattern(name, "many ids", "BatchGetItem",
          "`" + PK + " = " + nodeKey(model, r.target(), "each of " + r.keyField()) + "`, `" + TYPENAME + "` in " + targets);
    }
    return new AccessPatternView.Pattern(name, r.kind() == RelationKind.HAS_ONE ? "one-to-one" : "many-to-one",
        "GetItem", "`" + PK + " = " + nodeKey(model, r.target(), r.keyField()) + "`, `" + TYPENAME + "` in " + targets);
  }

  /** The rules of {@code e} allowing {@code op}, for people: "open", "nobody", or each rule. */
  private static String rules(EntityModel e, AuthOperation op) {
    if (e.auth().open()) {
      return "open";
    }
    List<String> out = new ArrayList<>();
    for (AuthRule r : e.auth().rules(op)) {
      out.add(switch (r.allow()) {
        case OWNER -> "owner (`" + r.ownerField() + "` = claim `" + r.identityClaim() + "`)";
        case GROUPS -> r.groupsField() != null ? "groups in `" + r.groupsField() + "`"
            : "groups " + String.join(", ", r.groups().stream().map(g -> "`" + g + "`").toList());
        case PRIVATE -> "signed in (" + r.provider().graphqlName() + ")";
        case PUBLIC -> "public (" + r.provider().graphqlName() + ")";
      });
    }
    return out.isEmpty() ? "nobody" : String.join(" or ", out);
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
