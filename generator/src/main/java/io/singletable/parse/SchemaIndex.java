package io.singletable.parse;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.DirectiveDefinition;
import graphql.language.DirectivesContainer;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValue;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ListType;
import graphql.language.Node;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.language.Value;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.singletable.diag.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Read-only questions about the parsed schema that validation and model building share. */
public final class SchemaIndex {
  /** GraphQL's built-in scalars. */
  public static final Set<String> BUILT_IN_SCALARS = Set.of("ID", "String", "Int", "Float", "Boolean");

  private final ParsedSchema parsed;
  private final TypeDefinitionRegistry registry;
  /** What {@link #memo} computed once: the schema is immutable, so are the answers about it. */
  private final java.util.concurrent.ConcurrentHashMap<Object, Object> memos = new java.util.concurrent.ConcurrentHashMap<>();
  /** Each type's fields by name (the first of a name), built at the first {@link #field} of the type. */
  private final java.util.concurrent.ConcurrentHashMap<String, java.util.Map<String, FieldDefinition>> fieldsByName =
      new java.util.concurrent.ConcurrentHashMap<>();

  public SchemaIndex(ParsedSchema parsed) {
    this.parsed = parsed;
    this.registry = parsed.registry();
  }

  public ParsedSchema parsed() {
    return parsed;
  }

  /**
   * The value {@code compute} gives for {@code key}, computed at the first call and kept: for what several
   * validation rules and stages derive from the whole schema (every field of every model, the default
   * operations…), so that each is derived once rather than once per rule. The value must be immutable.
   */
  @SuppressWarnings("unchecked")
  public <T> T memo(Object key, java.util.function.Supplier<T> compute) {
    Object known = memos.get(key);
    if (known == null) {
      known = compute.get(); // not computeIfAbsent: compute may memo other keys
      Object raced = memos.putIfAbsent(key, known);
      known = raced != null ? raced : known;
    }
    return (T) known;
  }

  /** Where to report a problem with a node: past its description, if any. */
  public SourceSpan locate(Node<?> node) {
    return Spans.of(this, node);
  }

  /** Where a node starts (its description, if any, included). */
  public static SourceSpan span(Node<?> node) {
    return SchemaParser.span(node.getSourceLocation());
  }

  /** The user's object types in source order (their extensions merged). */
  public List<ObjectTypeDefinition> userObjects() {
    List<ObjectTypeDefinition> out = new ArrayList<>();
    for (var d : parsed.userDefinitions()) {
      if (d instanceof ObjectTypeDefinition o) {
        out.add(o);
      }
    }
    return out;
  }

  /** The type named {@code name} if it is a {@code kind}. */
  public <T> Optional<T> typed(String name, Class<T> kind) {
    Object t = registry.getTypeOrNull(name);
    return kind.isInstance(t) ? Optional.of(kind.cast(t)) : Optional.empty();
  }

  public Optional<TypeDefinition<?>> type(String name) {
    return registry.getTypeOrNull(name) == null ? Optional.empty() : Optional.of(registry.getTypeOrNull(name));
  }

  public Optional<ObjectTypeDefinition> object(String name) {
    return typed(name, ObjectTypeDefinition.class);
  }

  public Optional<UnionTypeDefinition> union(String name) {
    return typed(name, UnionTypeDefinition.class);
  }

  public Optional<InterfaceTypeDefinition> iface(String name) {
    return typed(name, InterfaceTypeDefinition.class);
  }

  public boolean isEnum(String name) {
    return typed(name, EnumTypeDefinition.class).isPresent();
  }

  public boolean isInput(String name) {
    return typed(name, InputObjectTypeDefinition.class).isPresent();
  }

  public Optional<InputObjectTypeDefinition> input(String name) {
    return typed(name, InputObjectTypeDefinition.class);
  }

  /** Built-in scalar, AppSync scalar (bundled) or user scalar. */
  public boolean isScalar(String name) {
    return BUILT_IN_SCALARS.contains(name) || typed(name, ScalarTypeDefinition.class).isPresent();
  }

  /** Scalars and enums: what can be stored in an attribute as is. */
  public boolean isLeaf(String name) {
    return isScalar(name) || isEnum(name);
  }

  public boolean isDefined(String name) {
    return BUILT_IN_SCALARS.contains(name) || registry.getTypeOrNull(name) != null;
  }

  public boolean isModel(String name) {
    return object(name).map(o -> o.hasDirective("model")).orElse(false);
  }

  public boolean isAbstract(String name) {
    return union(name).isPresent() || iface(name).isPresent();
  }

  public Optional<DirectiveDefinition> directiveDefinition(String name) {
    return registry.getDirectiveDefinition(name);
  }

  /** Fields of an object or interface type (its extensions' fields after its own), else none. */
  public List<FieldDefinition> fields(String typeName) {
    Optional<TypeDefinition<?>> t = type(typeName);
    return t.isPresent() && t.get() instanceof ImplementingTypeDefinition<?> it
        ? List.copyOf(it.getFieldDefinitions()) : List.of();
  }

  public Optional<FieldDefinition> field(String typeName, String fieldName) {
    java.util.Map<String, FieldDefinition> byName = fieldsByName.get(typeName);
    if (byName == null) {
      byName = new java.util.HashMap<>();
      for (FieldDefinition f : fields(typeName)) {
        byName.putIfAbsent(f.getName(), f);
      }
      fieldsByName.putIfAbsent(typeName, byName);
    }
    return Optional.ofNullable(byName.get(fieldName));
  }

  /** Concrete types: the object itself, a union's members, or an interface's implementing objects; sorted. */
  public List<String> concreteTypes(String name) {
    TreeSet<String> out = new TreeSet<>();
    if (object(name).isPresent()) {
      out.add(name);
    } else if (union(name).isPresent()) {
      for (Type<?> t : union(name).get().getMemberTypes()) {
        out.add(((TypeName) t).getName());
      }
    } else if (iface(name).isPresent()) {
      for (ObjectTypeDefinition o : registry.getTypes(ObjectTypeDefinition.class)) {
        if (o.getImplements().stream().anyMatch(i -> unwrap(i).equals(name))) {
          out.add(o.getName());
        }
      }
    }
    return List.copyOf(out);
  }

  /** The named type under any list/non-null wrappers. */
  public static String unwrap(Type<?> type) {
    Type<?> t = type;
    while (!(t instanceof TypeName)) {
      t = t instanceof ListType l ? l.getType() : ((NonNullType) t).getType();
    }
    return ((TypeName) t).getName();
  }

  /** True if the type is a list (under an optional non-null). */
  public static boolean isList(Type<?> type) {
    Type<?> t = type instanceof NonNullType nn ? nn.getType() : type;
    return t instanceof ListType;
  }

  /** True if the type is a list of lists or deeper. */
  public static boolean isNestedList(Type<?> type) {
    Type<?> t = type instanceof NonNullType nn ? nn.getType() : type;
    if (!(t instanceof ListType l)) {
      return false;
    }
    Type<?> inner = l.getType() instanceof NonNullType nn ? nn.getType() : l.getType();
    return inner instanceof ListType;
  }

  public static Optional<Directive> directive(DirectivesContainer<?> node, String name) {
    return node.getDirectives().stream().filter(d -> d.getName().equals(name)).findFirst();
  }

  /** A directive argument's value as written, or the default of its definition, or null. */
  public Value<?> argument(Directive d, String name) {
    Argument a = d.getArgument(name);
    if (a != null) {
      return a.getValue();
    }
    return directiveDefinition(d.getName())
        .flatMap(def -> def.getInputValueDefinitions().stream().filter(i -> i.getName().equals(name)).findFirst())
        .map(InputValueDefinition::getDefaultValue)
        .orElse(null);
  }

  public String stringArg(Directive d, String name) {
    return argument(d, name) instanceof StringValue s ? s.getValue() : null;
  }

  public boolean booleanArg(Directive d, String name, boolean fallback) {
    return argument(d, name) instanceof BooleanValue b ? b.isValue() : fallback;
  }

  /** True for a {@code @model(versioned: true)} type (SPEC §2.1); false for any other type or name. */
  public boolean versioned(String type) {
    return object(type).flatMap(o -> directive(o, "model")).map(d -> booleanArg(d, "versioned", false))
        .orElse(false);
  }

  /**
   * True for a {@code @model} type whose subscriptions are generated ({@code @model(subscriptions:)}, true by
   * default, SPEC §2.5); false for any other type or name.
   */
  public boolean subscriptions(String type) {
    return object(type).flatMap(o -> directive(o, "model")).map(d -> booleanArg(d, "subscriptions", true))
        .orElse(false);
  }

  public String enumArg(Directive d, String name) {
    return argument(d, name) instanceof EnumValue e ? e.getName() : null;
  }

  /** A list argument of strings or enum names; a single value counts as a one-element list. */
  public List<String> listArg(Directive d, String name) {
    Value<?> v = argument(d, name);
    List<String> out = new ArrayList<>();
    List<?> values = v instanceof ArrayValue a ? a.getValues() : v == null ? List.of() : List.of(v);
    for (Object item : values) {
      if (item instanceof StringValue s) {
        out.add(s.getValue());
      } else if (item instanceof EnumValue e) {
        out.add(e.getName());
      }
    }
    return out;
  }

  /** True when {@code name} is {@code <T>Connection} for a model or abstract {@code T} and not defined by the schema. */
  public boolean isGeneratedConnection(String name) {
    return !isDefined(name) && name.endsWith("Connection") && name.length() > "Connection".length()
        && isRelationTarget(name.substring(0, name.length() - "Connection".length()));
  }

  /** Models, and unions/interfaces: what a relation may point at (members checked separately). */
  public boolean isRelationTarget(String name) {
    return isModel(name) || isAbstract(name);
  }

  /**
   * The element type a relation field points at: {@code T} for {@code T}, {@code [T]} and, for
   * connections, {@code TConnection} (the type of its {@code items} when the schema defines it).
   */
  public String relationElement(FieldDefinition field) {
    String named = unwrap(field.getType());
    if (isList(field.getType()) || !named.endsWith("Connection")) {
      return named;
    }
    if (object(named).isPresent()) {
      return field(named, "items").map(f -> unwrap(f.getType())).orElse(named);
    }
    return isGeneratedConnection(named) ? named.substring(0, named.length() - "Connection".length()) : named;
  }

  /** True when a single-valued relation field's type names a connection (defined or generated). */
  public boolean isConnectionField(FieldDefinition field) {
    String named = unwrap(field.getType());
    return !isList(field.getType()) && named.endsWith("Connection")
        && (isGeneratedConnection(named) || field(named, "items").isPresent());
  }
}
