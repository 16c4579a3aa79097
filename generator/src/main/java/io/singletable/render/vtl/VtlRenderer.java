package io.singletable.render.vtl;

import io.singletable.model.AuthOperation;
import io.singletable.model.EntityModel;
import io.singletable.model.FieldModel;
import io.singletable.model.OperationKind;
import io.singletable.model.OperationModel;
import io.singletable.model.OperationNames;
import io.singletable.model.RelationKind;
import io.singletable.model.ManyToManyModel;
import io.singletable.model.RelationModel;
import io.singletable.model.RelationShape;
import io.singletable.model.ServiceModel;
import io.singletable.model.SortKeyComponent;
import io.singletable.model.SubscriptionModel;
import io.singletable.model.UniqueModel;
import io.singletable.render.ResolverModel;
import io.singletable.render.TemplateEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the VTL resolvers of every operation and relation, and describes them for the SAM template. */
public final class VtlRenderer {
  /** Folder of the resolver templates, relative to template.yaml. */
  public static final String DIR = "appsync/resolvers/";
  /** Folder of the shared pipeline functions' templates, relative to template.yaml. */
  public static final String FUNCTIONS_DIR = "appsync/functions/";

  /**
   * The pipeline functions, shared by every PIPELINE resolver whatever its type: everything
   * type-specific is in the descriptor the resolver's request template puts in the stash.
   */
  public enum SharedFunction {
    /** GetItem of the node (consistent); NotFound unless it exists with the expected type and id. */
    READ_ITEM("ReadItem", "read-item", false),
    /** The merged item written, conditioned on the item read; unique items moved or refreshed. */
    UPDATE_ITEM("UpdateItem", "update-item", false),
    /** The node and its unique items deleted in one transaction. */
    DELETE_ITEM("DeleteItem", "delete-item", false),
    /** Step 2 of a delete of a type in @manyToMany relations: its link heads, read consistently. */
    READ_LINKS("ReadLinks", "read-links", true),
    /** Step 1 of a @manyToMany page: one Query of the join items. */
    QUERY_JOINS("QueryJoins", "query-joins", true),
    /** Step 2 of a @manyToMany page: one BatchGetItem of the items the join items name. */
    BATCH_GET_NODES("BatchGetNodes", "batch-get-nodes", true),
    /** Step 3 of a @manyToMany page: the keys step 2 left unprocessed, when there are (else no request). */
    BATCH_GET_NODES_RETRY("BatchGetNodesRetry", "batch-get-nodes", true),
    /**
     * Consistent BatchGetItem of the keys in the stash (none: no request): both items of a sorted connect, the join
     * items of an update that rewrites their sort copies.
     */
    READ_KEYS("ReadKeys", "read-keys", true),
    /**
     * The connect of a @manyToMany relation (both items checked, the join item put, both link heads updated), and the
     * disconnect of one with @auth rules (both items' rules applied, the join item deleted, both heads updated).
     */
    LINK_ITEMS("LinkItems", "link-items", true);

    private final String functionName;
    private final String template;
    /** Used only by @manyToMany relations: declared only by schemas that have one. */
    private final boolean manyToMany;

    SharedFunction(String functionName, String template, boolean manyToMany) {
      this.functionName = functionName;
      this.template = template;
      this.manyToMany = manyToMany;
    }

    /**
     * The functions a schema's deployment declares: the three every schema may use, and the @manyToMany ones only
     * when it has such a relation (a schema without one declares nothing it cannot use).
     */
    public static List<SharedFunction> available(ServiceModel model) {
      return java.util.Arrays.stream(values())
          .filter(f -> !f.manyToMany || !model.manyToMany().isEmpty()).toList();
    }

    /** The function as the SAM template declares it. */
    public ResolverModel.FunctionModel model() {
      return new ResolverModel.FunctionModel(functionName + "Function", functionName,
          FUNCTIONS_DIR + functionName + ".request.vtl", FUNCTIONS_DIR + functionName + ".response.vtl");
    }
  }

  private final TemplateEngine engine;
  private final ServiceModel model;
  /** The shared functions, each rendered once, at its first use. */
  private final Map<SharedFunction, ResolverModel.FunctionModel> functions =
      new java.util.EnumMap<>(SharedFunction.class);

  public VtlRenderer(TemplateEngine engine, ServiceModel model) {
    this.engine = engine;
    this.model = model;
  }

  /**
   * The resolvers and their templates.
   *
   * @param resolvers the resolvers in schema order: operations, then relations
   * @param files every template's text by its path relative to template.yaml, in rendering order
   * @param functions the shared pipeline functions some resolver uses, in {@link SharedFunction} order
   */
  public record Rendered(List<ResolverModel> resolvers, Map<String, String> files,
      List<ResolverModel.FunctionModel> functions) {
    public Rendered {
      resolvers = List.copyOf(resolvers);
      functions = List.copyOf(functions);
      files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }
  }

  /** Renders every template; returns them with the resolvers in schema order. */
  public Rendered render() {
    functions.clear();
    Map<String, String> files = new LinkedHashMap<>();
    List<ResolverModel> out = new ArrayList<>();
    for (OperationModel o : model.operations()) {
      out.add(operation(o, files));
    }
    for (RelationModel r : model.relations()) {
      out.add(r.manyToMany() ? manyToManyPage(r, files) : relation(r, files));
    }
    for (ManyToManyModel m : model.manyToMany()) {
      out.add(manyToManyWrite(m, m.addMutation(), "m2m-add", files));
      out.add(manyToManyWrite(m, m.removeMutation(), "m2m-remove", files));
    }
    for (EntityModel e : model.entities()) {
      for (FieldModel f : e.fields()) {
        if (f.stored() && !f.auth().open()) {
          out.add(fieldAuth(e, f, files));
        }
      }
    }
    for (SubscriptionModel s : SubscriptionModel.of(model)) {
      out.add(subscription(s, files));
    }
    return new Rendered(out, files, List.copyOf(functions.values()));
  }

  private ResolverModel operation(OperationModel o, Map<String, String> files) {
    EntityModel entity = model.entity(o.entity()).orElseThrow();
    VtlViews.Unique unique = o.kind() == OperationKind.GET && !o.by().equals("id")
        ? unique(entity, entity.uniques().stream().filter(u -> u.field().equals(o.by())).findFirst().orElseThrow())
        : null;
    var view = new VtlViews.Operation(o.rootType() + "." + o.field(), entity(entity), o.argumentName(), unique);
    String base = o.rootType() + "." + o.field();
    String id = OperationNames.upperFirst(o.rootType()) + OperationNames.upperFirst(o.field());
    return switch (o.kind()) {
      case GET -> unit(files, id, o, base, "get", view);
      case CREATE -> unit(files, id, o, base, "create", view);
      case UPDATE -> pipeline(files, id, o, base, "update", view);
      case DELETE -> !entity.readsBeforeDelete() ? unit(files, id, o, base, "delete", view)
          : pipeline(files, id, o, base, "delete", view);
    };
  }

  private ResolverModel unit(Map<String, String> files, String id, OperationModel o, String base, String template, Object view) {
    String req = write(files, base + ".request.vtl", template + ".request.vtl.ftl", view);
    String res = write(files, base + ".response.vtl", template + ".response.vtl.ftl", view);
    return new ResolverModel(id + "Resolver", o.rootType(), o.field(), req, res, List.of());
  }

  /**
   * A PIPELINE resolver: its request template ({@code <write>.before.vtl.ftl}) checks what it can and
   * describes the entity in the stash; the shared functions read the node and write it.
   */
  private ResolverModel pipeline(Map<String, String> files, String id, OperationModel o, String base, String write,
      VtlViews.Operation view) {
    String before = write(files, base + ".before.vtl", write + ".before.vtl.ftl", view);
    String after = write(files, base + ".after.vtl", "pipeline.after.vtl.ftl", view);
    SharedFunction change = write.equals("update") ? SharedFunction.UPDATE_ITEM : SharedFunction.DELETE_ITEM;
    boolean links = write.equals("delete") && !view.entity().links().isEmpty();
    boolean sortedLinks = write.equals("update") && view.entity().links().stream().anyMatch(VtlViews.LinkSide::sorted);
    List<ResolverModel.FunctionModel> steps = new ArrayList<>();
    steps.add(function(files, SharedFunction.READ_ITEM));
    if (links || sortedLinks) {
      steps.add(function(files, SharedFunction.READ_LINKS));
    }
    if (sortedLinks) {
      steps.add(function(files, SharedFunction.READ_KEYS));
    }
    steps.add(function(files, change));
    return new ResolverModel(id + "Resolver", o.rootType(), o.field(), before, after, steps);
  }

  /**
   * The two templates of a shared function by path, for a function the SAM template declares though no resolver
   * uses it (a split deployment keeps every function, whose ids group stacks may import).
   */
  public Map<String, String> functionFiles(SharedFunction f) {
    ResolverModel.FunctionModel m = f.model();
    Map<String, String> files = new LinkedHashMap<>();
    files.put(m.requestPath(), engine.render(f.template + ".request.vtl.ftl", functionView()));
    files.put(m.responsePath(), engine.render(f.template + ".response.vtl.ftl", functionView()));
    return files;
  }

  /**
   * What the shared functions' templates see: {@code auth}, whether any type has {@code @auth} rules (the functions
   * then apply the rules the resolver puts in the stash; without rules they carry no such code); {@code versioned},
   * whether any type is {@code @model(versioned: true)} (likewise for the version checks).
   */
  private Map<String, Object> functionView() {
    return Map.of("auth", model.entities().stream().anyMatch(e -> !e.auth().open()
        || e.fields().stream().anyMatch(f -> !f.auth().open())),
        "versioned", model.entities().stream().anyMatch(EntityModel::versioned),
        "links", !model.manyToMany().isEmpty());
  }

  private ResolverModel.FunctionModel function(Map<String, String> files, SharedFunction f) {
    return functions.computeIfAbsent(f, key -> {
      ResolverModel.FunctionModel m = key.model();
      for (String[] part : new String[][] {{m.requestPath(), ".request.vtl.ftl"}, {m.responsePath(), ".response.vtl.ftl"}}) {
        if (files.putIfAbsent(part[0], engine.render(key.template + part[1], functionView())) != null) {
          throw new IllegalStateException("function template '" + part[0] + "' rendered twice");
        }
      }
      return m;
    });
  }

  /**
   * The resolver of a stored field with read rules of its own: the field from its source item when a rule admits the
   * caller, else null with an Unauthorized error. It returns from its request template, calling no data source.
   */
  private ResolverModel fieldAuth(EntityModel e, FieldModel f, Map<String, String> files) {
    String id = e.name() + "." + f.name();
    var view = new VtlViews.FieldAuth(id, f.name(), AuthLiterals.fieldReadRules(e, f));
    String req = write(files, id + ".request.vtl", "field-auth.request.vtl.ftl", view);
    String res = write(files, id + ".response.vtl", "field-auth.response.vtl.ftl", view);
    return new ResolverModel(e.name() + OperationNames.upperFirst(f.name()) + "Resolver", e.name(), f.name(), req, res,
        List.of());
  }

  /**
   * The resolver of a subscription field, on the NONE data source: when a client subscribes, it sets the enhanced
   * filter of the subscriber's arguments and the type's read rules (SPEC §2.5).
   */
  private ResolverModel subscription(SubscriptionModel s, Map<String, String> files) {
    EntityModel e = model.entity(s.entity()).orElseThrow();
    String id = SubscriptionModel.ROOT + "." + s.field();
    List<VtlViews.FieldAuth> protectedFields = e.fields().stream().filter(f -> f.stored() && !f.auth().open())
        .map(f -> new VtlViews.FieldAuth(e.name() + "." + f.name(), f.name(), AuthLiterals.fieldReadRules(e, f)))
        .toList();
    var view = VtlViews.Subscription.of(id, e.name(), s.mutations(),
        e.subscriptionFilterFields().stream().map(FieldModel::name).toList(), AuthLiterals.rules(e, AuthOperation.READ),
        protectedFields);
    String req = write(files, id + ".request.vtl", "subscription.request.vtl.ftl", view);
    String res = write(files, id + ".response.vtl", "subscription.response.vtl.ftl", view);
    return new ResolverModel(SubscriptionModel.ROOT + OperationNames.upperFirst(s.field()) + "Resolver",
        SubscriptionModel.ROOT, s.field(), req, res, List.of(), true);
  }

  private ResolverModel relation(RelationModel r, Map<String, String> files) {
    String template = switch (r.kind()) {
      case HAS_MANY, LIST -> "relation-query";
      case MANY_TO_MANY -> throw new IllegalStateException("a @manyToMany side is a pipeline: " + r.id());
      case BELONGS_TO, HAS_ONE -> r.shape() == RelationShape.LIST ? "relation-batch" : "relation-get";
    };
    String nodePrefix = model.layout().nodePrefix(r.target());
    var view = new VtlViews.Relation(r.id(), r.concreteTargets(), nodePrefix, r.keyField(),
        r.indexed() ? r.indexName() : null,
        r.indexed() ? r.partitionAttribute() : null, r.partitionPrefix(),
        r.shape() == RelationShape.CONNECTION, AuthLiterals.readRulesByType(model, r.concreteTargets()),
        model.entity(r.owner()).flatMap(o -> o.field(r.field())).filter(f -> !f.auth().open())
            .map(f -> AuthLiterals.fieldReadRules(model.entity(r.owner()).orElseThrow(), f)).orElse(null),
        r.by().stream().map(io.singletable.model.SortField::field).toList(), r.list());
    String req = write(files, r.id() + ".request.vtl", template + ".request.vtl.ftl", view);
    String res = write(files, r.id() + ".response.vtl", template + ".response.vtl.ftl", view);
    return new ResolverModel(r.owner() + OperationNames.upperFirst(r.field()) + "Resolver", r.owner(), r.field(),
        req, res, List.of());
  }

  /** A @manyToMany side: QueryJoins, then BatchGetNodes and BatchGetNodesRetry. */
  private ResolverModel manyToManyPage(RelationModel r, Map<String, String> files) {
    ManyToManyModel m = model.manyToManyOf(r).orElseThrow();
    boolean a = m.a().id().equals(r.id());
    var view = new VtlViews.ManyToManyPage(r.id(), m.name(), r.concreteTargets(), r.indexName(), r.partitionAttribute(),
        r.partitionPrefix(), a ? m.bIdField() : m.aIdField(), model.layout().nodePrefix(r.target()),
        r.shape() == RelationShape.CONNECTION, AuthLiterals.readRulesByType(model, r.concreteTargets()),
        model.entity(r.owner()).flatMap(o -> o.field(r.field())).filter(f -> !f.auth().open())
            .map(f -> AuthLiterals.fieldReadRules(model.entity(r.owner()).orElseThrow(), f)).orElse(null));
    String before = write(files, r.id() + ".before.vtl", "m2m-page.before.vtl.ftl", view);
    String after = write(files, r.id() + ".after.vtl", "m2m-page.after.vtl.ftl", view);
    return new ResolverModel(r.owner() + OperationNames.upperFirst(r.field()) + "Resolver", r.owner(), r.field(),
        before, after, List.of(function(files, SharedFunction.QUERY_JOINS), function(files, SharedFunction.BATCH_GET_NODES),
            function(files, SharedFunction.BATCH_GET_NODES_RETRY)));
  }

  /**
   * The connect ({@code add<R>}: a PIPELINE of ReadKeys, when a side is sorted, and LinkItems) or disconnect
   * ({@code remove<R>}: a UNIT resolver) mutation of a @manyToMany relation.
   */
  private ResolverModel manyToManyWrite(ManyToManyModel m, String field, String template, Map<String, String> files) {
    String id = "Mutation." + field;
    var view = new VtlViews.ManyToManyWrite(id, m.name(), m.keyPrefix(), linkSideWrite(m.a(), m.b(), m.aIdField()),
        linkSideWrite(m.b(), m.a(), m.bIdField()), template.equals("m2m-add"));
    String resolver = "Mutation" + OperationNames.upperFirst(field) + "Resolver";
    if (template.equals("m2m-add") || view.guarded()) {
      String before = write(files, id + ".before.vtl", "m2m-write.before.vtl.ftl", view);
      String after = write(files, id + ".after.vtl", "pipeline.after.vtl.ftl", view);
      List<ResolverModel.FunctionModel> steps = new ArrayList<>();
      if (view.readsItems()) {
        steps.add(function(files, SharedFunction.READ_KEYS));
      }
      steps.add(function(files, SharedFunction.LINK_ITEMS));
      return new ResolverModel(resolver, "Mutation", field, before, after, steps);
    }
    String req = write(files, id + ".request.vtl", template + ".request.vtl.ftl", view);
    String res = write(files, id + ".response.vtl", template + ".response.vtl.ftl", view);
    return new ResolverModel(resolver, "Mutation", field, req, res, List.of());
  }

  /**
   * One side of a @manyToMany relation as its connect and disconnect see it: the join item's attributes of the
   * relation declared there, how its sort key is computed from the other item, the rules the caller must pass for
   * this side's item, and the fields the write requires unchanged since the read.
   */
  private VtlViews.LinkSideWrite linkSideWrite(RelationModel side, RelationModel other, String idField) {
    EntityModel e = model.entity(side.owner()).orElseThrow();
    FieldModel relationField = e.field(side.field()).orElse(null);
    List<String> checks = new ArrayList<>();
    other.sortBy().forEach(s -> checks.add(s.field()));
    for (String f : AuthLiterals.linkRuleFields(e, relationField)) {
      if (!checks.contains(f)) {
        checks.add(f);
      }
    }
    return new VtlViews.LinkSideWrite(e.name(), idField, model.layout().nodePrefix(e.name()), side.partitionAttribute(),
        side.sortAttribute(), sortIndex(side), AuthLiterals.linkRules(e, relationField), checks);
  }

  /**
   * How the join items' sort key of a @manyToMany side is computed from an item of the other type: the side's
   * {@code sortBy} components, then the item's id ({@code partitionAttribute} is a scratch name).
   */
  private static VtlViews.IndexAttributes sortIndex(RelationModel side) {
    return new VtlViews.IndexAttributes(side.id(), "_lp", side.sortAttribute(), "", "id", List.of(), null,
        components(side));
  }

  private String write(Map<String, String> files, String file, String template, Object view) {
    String path = DIR + file;
    if (files.putIfAbsent(path, engine.render(template, view)) != null) {
      throw new IllegalStateException("resolver template '" + path + "' rendered twice");
    }
    return path;
  }

  VtlViews.Entity entity(EntityModel e) {
    List<String> stored = e.storedFields().stream().map(FieldModel::name).filter(n -> !n.equals("id")).toList();
    List<VtlViews.IndexAttributes> indexes = new ArrayList<>();
    for (RelationModel r : model.relationsTargeting(e.name())) {
      indexes.add(new VtlViews.IndexAttributes(r.id(), r.partitionAttribute(), r.sortAttribute(), r.partitionPrefix(),
          r.keyField(), r.by().stream().map(io.singletable.model.SortField::field).toList(), r.onlyIf(),
          components(r)));
    }
    indexes.sort(java.util.Comparator.comparing(VtlViews.IndexAttributes::partitionAttribute));
    boolean created = e.field("createdAt").map(FieldModel::automaticTimestamp).orElse(false);
    boolean updated = e.field("updatedAt").map(FieldModel::automaticTimestamp).orElse(false);
    List<String> inputs = e.storedFields().stream()
        .filter(f -> !f.name().equals("id") && !e.serverSet(f)).map(FieldModel::name).toList();
    List<String> required = e.storedFields().stream()
        .filter(f -> f.type().nonNull() && !f.name().equals("id") && !e.serverSet(f))
        .map(FieldModel::name).toList();
    return new VtlViews.Entity(e.name(), model.layout().nodePrefix(e.name()), stored,
        inputs, required, idFields(e), e.uniques().stream().map(u -> unique(e, u)).toList(), indexes, created, updated,
        e.auth().open() ? null : new VtlViews.Auth(AuthLiterals.rules(e, AuthOperation.CREATE),
            AuthLiterals.rules(e, AuthOperation.READ), AuthLiterals.rules(e, AuthOperation.UPDATE),
            AuthLiterals.rules(e, AuthOperation.DELETE), AuthLiterals.ownerDefaults(e), AuthLiterals.ownerFields(e),
            AuthLiterals.nonOwnerRules(e, AuthOperation.UPDATE),
            AuthLiterals.itemFields(e, AuthOperation.DELETE)), AuthLiterals.fieldRules(e), e.versioned(),
        model.manyToMany().stream().filter(m -> m.aType().equals(e.name()) || m.bType().equals(e.name()))
            .map(m -> linkSide(e, m)).toList());
  }

  /**
   * The side of {@code m} that {@code e} is on; sorted when the other side sorts by {@code e}'s fields (its join items
   * keep copies of them, rewritten when an update changes them).
   */
  private static VtlViews.LinkSide linkSide(EntityModel e, ManyToManyModel m) {
    boolean a = m.aType().equals(e.name());
    RelationModel other = a ? m.b() : m.a();
    if (other.sortBy().isEmpty()) {
      return new VtlViews.LinkSide(m.name(), a ? "a" : "b");
    }
    boolean always = other.sortBy().stream().anyMatch(s -> e.field(s.field())
        .map(f -> f.name().equals("updatedAt") && f.automaticTimestamp() || f.name().equals("version") && e.versioned())
        .orElse(false));
    return new VtlViews.LinkSide(m.name(), a ? "a" : "b", sortIndex(other), always);
  }

  /**
   * The entity's relation key fields in declaration order: the key fields of its own
   * {@code @belongsTo}/{@code @hasOne} relations and the fields {@code @hasMany(field:)} of
   * relations targeting it name. Their values are ids, refused when they could cross a key.
   */
  static List<VtlViews.IdField> idFields(EntityModel e, ServiceModel model) {
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (RelationModel r : e.relations()) {
      if (r.kind() != RelationKind.HAS_MANY) {
        keys.add(r.keyField());
      }
    }
    for (RelationModel r : model.relationsTargeting(e.name())) {
      if (r.keyField() != null) {
        keys.add(r.keyField());
      }
    }
    return e.storedFields().stream().filter(f -> keys.contains(f.name()) && !f.name().equals("id"))
        .map(f -> new VtlViews.IdField(f.name(), f.type().list())).toList();
  }

  private List<VtlViews.IdField> idFields(EntityModel e) {
    return idFields(e, model);
  }

  private static VtlViews.Unique unique(EntityModel e, UniqueModel u) {
    var key = e.uniqueKey(u);
    return new VtlViews.Unique(u.field(), key.prefix(), key.lowerCase(), key.number());
  }

  /** The sort components of a relation, as the templates see them. */
  private static List<VtlViews.SortComponent> components(RelationModel r) {
    return r.sortComponents().stream().map(VtlRenderer::component).toList();
  }

  private static VtlViews.SortComponent component(SortKeyComponent c) {
    return new VtlViews.SortComponent(c.field().field(), c.encoding().name(), c.lowerCase(), c.nullBucket(),
        c.maxUnits());
  }
}
