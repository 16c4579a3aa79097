package io.singletable.model.build;

import graphql.language.Directive;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumTypeExtensionDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.UnionTypeDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.diag.SourceSpan;
import io.singletable.model.AbstractTypeModel;
import io.singletable.model.EntityModel;
import io.singletable.model.EnumModel;
import io.singletable.model.FieldKind;
import io.singletable.model.FieldModel;
import io.singletable.model.KeyStrategy;
import io.singletable.model.NullsOrder;
import io.singletable.model.OperationModel;
import io.singletable.model.RelationKind;
import io.singletable.model.RelationModel;
import io.singletable.model.RelationShape;
import io.singletable.model.ServiceModel;
import io.singletable.model.SortField;
import io.singletable.model.StorageLayout;
import io.singletable.model.TypeRef;
import io.singletable.model.UniqueModel;
import io.singletable.parse.OperationScan;
import io.singletable.parse.SchemaIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Validated schema to {@link ServiceModel}: entities, relations, operations and the GSI slot plan. */
public final class ModelBuilder {
  private final SchemaIndex index;

  public ModelBuilder(SchemaIndex index) {
    this.index = index;
  }

  /** Builds the model; reports ST041 into {@code out} when the relations need more than {@code maxIndexes} GSIs. */
  public ServiceModel build(KeyStrategy keyStrategy, int maxIndexes, Diagnostics out) {
    List<EntityModel> entities = new ArrayList<>();
    Map<String, TreeSet<String>> unions = unionsByMember();
    OperationScan scan = new OperationScan(index);
    for (ObjectTypeDefinition o : index.userObjects()) {
      if (o.hasDirective("model")) {
        entities.add(entity(o, unions, scan));
      }
    }
    if (keyStrategy == KeyStrategy.TYPE) {
      checkTypeKeys(entities, out);
    }
    checkKeyPrefixes(keyStrategy, entities, out);
    SlotPlanner.Result slots = new SlotPlanner(index).plan(entities, lists(), maxIndexes, out);
    return new ServiceModel(keyStrategy, slots.entities(), abstractTypes(), enums(), operations(), slots.slots(),
        slots.lists());
  }

  /** Code of {@link #checkTypeKeys}. */
  static final String TYPE_KEYS = "ST042";

  /**
   * ST042: with {@code TYPE} keys ({@code <Type>#<id>}) an id alone does not say which type's key to
   * read, so a {@code @belongsTo}/{@code @hasOne} cannot point at a union or interface.
   */
  private void checkTypeKeys(List<EntityModel> entities, Diagnostics out) {
    for (EntityModel e : entities) {
      for (RelationModel r : e.relations()) {
        if (r.kind() != RelationKind.HAS_MANY && index.isAbstract(r.target())) {
          out.error(TYPE_KEYS, r.span(), "@" + r.kind().directive() + " on " + r.id() + " points at " + r.target()
              + ", a union/interface; with keyStrategy TYPE an id does not tell which type's key to read "
              + "(use keyStrategy NODE, or point at one @model type)");
        }
      }
    }
  }

  /** Code of {@link #checkKeyPrefixes}. */
  static final String KEY_PREFIX = "ST043";

  /**
   * ST043: a type name that would share a key prefix with another kind of item. With NODE keys a node
   * is {@code NODE#<id>} and a unique item {@code <Type>#<field>#<value>}: a {@code @model} type named
   * {@code NODE} would put its unique items into the node key space ({@code NODE#name#bob}), and only the
   * rule that ids hold no {@code #} would keep them apart. Every other pair of key spaces is disjoint
   * by its first {@code #}-separated segment, since type and field names cannot contain {@code #}.
   */
  private static void checkKeyPrefixes(KeyStrategy keyStrategy, List<EntityModel> entities, Diagnostics out) {
    for (EntityModel e : entities) {
      if (keyStrategy == KeyStrategy.NODE && e.name().equals(StorageLayout.NODE_SEGMENT)) {
        out.error(KEY_PREFIX, e.span(), "the @model type " + e.name() + " collides with the node keys of keyStrategy "
            + "NODE (" + new StorageLayout(keyStrategy).nodePrefix(e.name()) + "<id>): its unique items "
            + StorageLayout.uniquePrefix(e.name(), "<field>") + "<value> would share their key space; rename the "
            + "type or use keyStrategy TYPE");
      }
    }
  }

  /**
   * Every type that is a member of a union, to the names of those unions: looked up per entity, built once (a scan of
   * every union per entity made the model quadratic in the schema's size).
   */
  private Map<String, TreeSet<String>> unionsByMember() {
    Map<String, TreeSet<String>> out = new HashMap<>();
    for (UnionTypeDefinition u : index.parsed().registry().getTypes(UnionTypeDefinition.class)) {
      for (String member : index.concreteTypes(u.getName())) {
        out.computeIfAbsent(member, m -> new TreeSet<>()).add(u.getName());
      }
    }
    return out;
  }

  private EntityModel entity(ObjectTypeDefinition o, Map<String, TreeSet<String>> unions, OperationScan scan) {
    List<FieldModel> fields = new ArrayList<>();
    List<UniqueModel> uniques = new ArrayList<>();
    List<RelationModel> relations = new ArrayList<>();
    for (FieldDefinition f : index.fields(o.getName())) {
      Optional<RelationModel> rel = relation(o.getName(), f);
      rel.ifPresent(relations::add);
      TypeRef type = typeRef(f.getType());
      FieldKind kind = rel.isPresent() ? FieldKind.RELATION : index.isEnum(type.name()) ? FieldKind.ENUM : FieldKind.SCALAR;
      fields.add(new FieldModel(f.getName(), type, kind, description(f.getDescription()), index.locate(f),
          AuthRulesReader.read(index, f)));
      SchemaIndex.directive(f, "unique").ifPresent(d -> uniques.add(
          new UniqueModel(f.getName(), type, index.booleanArg(d, "ignoreCase", true), SchemaIndex.span(d))));
    }
    boolean versioned = index.versioned(o.getName());
    if (versioned && fields.stream().noneMatch(f -> f.name().equals(EntityModel.VERSION))) {
      fields.add(versionField(index.locate(o)));
    }
    TreeSet<String> abstracts = new TreeSet<>(unions.getOrDefault(o.getName(), new TreeSet<>()));
    o.getImplements().forEach(i -> abstracts.add(SchemaIndex.unwrap(i)));
    return new EntityModel(o.getName(), description(o.getDescription()), fields,
        scan.enabled(o), uniques, relations, List.copyOf(abstracts), index.locate(o), AuthRulesReader.read(index, o),
        versioned, index.subscriptions(o.getName()));
  }

  /**
   * The {@code version: Int!} of a {@code @model(versioned: true)} type whose author did not declare it: stored after
   * the declared fields, located at the type.
   */
  private static FieldModel versionField(SourceSpan at) {
    return new FieldModel(EntityModel.VERSION, TypeRef.named("Int", true), FieldKind.SCALAR,
        EntityModel.VERSION_DESCRIPTION, at);
  }

  private Optional<RelationModel> relation(String owner, FieldDefinition f) {
    for (RelationKind kind : RelationKind.values()) {
      if (kind == RelationKind.LIST) {
        continue;
      }
      Optional<Directive> d = SchemaIndex.directive(f, kind.directive());
      if (d.isEmpty()) {
        continue;
      }
      String target = index.relationElement(f);
      List<String> concrete = index.concreteTypes(target);
      RelationShape shape = SchemaIndex.isList(f.getType()) ? RelationShape.LIST
          : kind == RelationKind.HAS_MANY || kind == RelationKind.MANY_TO_MANY ? RelationShape.CONNECTION
          : RelationShape.SINGLE;
      List<SortField> sortBy = kind == RelationKind.HAS_MANY
          ? sortFields(concrete, index.listArg(d.get(), "sortBy")) : List.of();
      String nulls = index.enumArg(d.get(), "nulls");
      if (kind == RelationKind.MANY_TO_MANY) {
        return Optional.of(new RelationModel(owner, f.getName(), kind, shape, target, concrete, null,
            sortFields(concrete, index.listArg(d.get(), "sortBy")), true, NullsOrder.LAST, null, 0, index.locate(f),
            List.of(), index.stringArg(d.get(), "relationName")));
      }
      return Optional.of(new RelationModel(owner, f.getName(), kind, shape, target, concrete,
          index.stringArg(d.get(), "field"), sortBy, index.booleanArg(d.get(), "ignoreCase", true),
          nulls == null ? NullsOrder.LAST : NullsOrder.valueOf(nulls),
          kind == RelationKind.HAS_MANY ? index.stringArg(d.get(), "onlyIf") : null, 0, index.locate(f)));
    }
    return Optional.empty();
  }

  /** The {@code @list} fields of Query, in declaration order (validation put them there). */
  private List<RelationModel> lists() {
    List<RelationModel> out = new ArrayList<>();
    for (FieldDefinition f : index.fields("Query")) {
      Optional<Directive> d = SchemaIndex.directive(f, RelationKind.LIST.directive());
      if (d.isEmpty()) {
        continue;
      }
      String target = index.relationElement(f);
      List<String> concrete = index.concreteTypes(target);
      String nulls = index.enumArg(d.get(), "nulls");
      out.add(new RelationModel("Query", f.getName(), RelationKind.LIST,
          SchemaIndex.isList(f.getType()) ? RelationShape.LIST : RelationShape.CONNECTION, target, concrete, null,
          sortFields(concrete, index.listArg(d.get(), "sortBy")), index.booleanArg(d.get(), "ignoreCase", true),
          nulls == null ? NullsOrder.LAST : NullsOrder.valueOf(nulls), index.stringArg(d.get(), "onlyIf"), 0,
          index.locate(f), sortFields(concrete, index.listArg(d.get(), "by")), null));
    }
    return out;
  }

  /** The fields {@code names} of the first of {@code concrete} (validation made them alike in every member). */
  private List<SortField> sortFields(List<String> concrete, List<String> names) {
    List<SortField> out = new ArrayList<>();
    for (String s : names) {
      TypeRef t = index.field(concrete.get(0), s).map(sf -> typeRef(sf.getType())).orElseThrow();
      out.add(new SortField(s, t, index.isEnum(t.name())));
    }
    return out;
  }

  private List<AbstractTypeModel> abstractTypes() {
    List<AbstractTypeModel> out = new ArrayList<>();
    for (var d : index.parsed().userDefinitions()) {
      boolean union = d instanceof UnionTypeDefinition;
      if (union || d instanceof InterfaceTypeDefinition) {
        String name = ((graphql.language.TypeDefinition<?>) d).getName();
        List<String> members = index.concreteTypes(name);
        if (!members.isEmpty() && members.stream().allMatch(index::isModel)) {
          out.add(new AbstractTypeModel(name, abstractDescription(name), union, members, index.locate(d)));
        }
      }
    }
    return out;
  }

  /** The description of the union or interface {@code name} as registered (its definition's, not an extension's). */
  private String abstractDescription(String name) {
    var t = index.type(name).orElse(null);
    if (t instanceof UnionTypeDefinition u) {
      return description(u.getDescription());
    }
    if (t instanceof InterfaceTypeDefinition i) {
      return description(i.getDescription());
    }
    return null;
  }

  /**
   * The GraphQL enums (the bundled directives' first, then the user's), in source order, each with the
   * values of its definition and extensions.
   */
  private List<EnumModel> enums() {
    List<EnumModel> out = new ArrayList<>();
    for (var d : index.parsed().definitions()) {
      if (d instanceof EnumTypeDefinition e && !(d instanceof EnumTypeExtensionDefinition)) {
        EnumTypeDefinition merged = index.typed(e.getName(), EnumTypeDefinition.class).orElse(e);
        out.add(new EnumModel(e.getName(), description(merged.getDescription()),
            merged.getEnumValueDefinitions().stream()
                .map(v -> new EnumModel.Value(v.getName(), description(v.getDescription()))).toList(),
            index.locate(e)));
      }
    }
    return out;
  }

  private List<OperationModel> operations() {
    OperationScan scan = new OperationScan(index);
    List<OperationModel> out = new ArrayList<>();
    for (String root : List.of("Query", "Mutation")) {
      for (OperationScan.Declared d : scan.declared()) {
        if (d.rootType().equals(root)) {
          var arg = d.field().getInputValueDefinitions().get(0);
          out.add(new OperationModel(root, d.field().getName(), d.kind(), d.entity(), d.by(), arg.getName(),
              typeRef(arg.getType()), true, index.locate(d.field()), index.versioned(d.entity())));
        }
      }
      for (OperationScan.Default d : scan.defaults()) {
        if (d.rootType().equals(root)) {
          SourceSpan span = index.field(root, d.name()).map(index::locate).orElse(SourceSpan.NONE);
          out.add(new OperationModel(root, d.name(), d.kind(), d.entity(), d.by(), d.argumentName(),
              d.argumentType(), false, span, d.versioned()));
        }
      }
    }
    return out;
  }

  /** AST type to {@link TypeRef} (lists of lists are rejected by validation). */
  public static TypeRef typeRef(Type<?> type) {
    boolean nonNull = type instanceof NonNullType;
    Type<?> t = nonNull ? ((NonNullType) type).getType() : type;
    if (t instanceof ListType l) {
      boolean elementNonNull = l.getType() instanceof NonNullType;
      return new TypeRef(SchemaIndex.unwrap(l.getType()), nonNull, true, elementNonNull);
    }
    return TypeRef.named(SchemaIndex.unwrap(t), nonNull);
  }

  private static String description(graphql.language.Description d) {
    return d == null ? null : d.getContent();
  }
}
