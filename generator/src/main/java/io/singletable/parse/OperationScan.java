package io.singletable.parse;

import graphql.language.Directive;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import io.singletable.model.OperationKind;
import io.singletable.model.OperationModel;
import io.singletable.model.OperationNames;
import io.singletable.model.TypeRef;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the operations the author declared with operation directives and the default operations
 * (SPEC §2.1) still to add. Robust on invalid schemas: validation rules use it too.
 */
public final class OperationScan {
  /** An author-declared operation. */
  public record Declared(String rootType, FieldDefinition field, OperationKind kind, String entity, String by,
      Directive directive) {}

  /**
   * A default operation to add (unless a field with its name and signature already exists).
   *
   * @param versioned the entity is {@code @model(versioned: true)}: its default delete also takes
   *     {@code expectedVersion: Int}
   */
  public record Default(OperationKind kind, String entity, String by, String name, String argumentName,
      TypeRef argumentType, boolean versioned) {
    /** A default operation of an entity without versions. */
    public Default(OperationKind kind, String entity, String by, String name, String argumentName,
        TypeRef argumentType) {
      this(kind, entity, by, name, argumentName, argumentType, false);
    }

    /** The arguments after the first: {@code , expectedVersion: Int} for the delete of a versioned entity, else empty. */
    public String moreArguments() {
      return OperationModel.moreArguments(kind, versioned);
    }

    /** Root type the default belongs to. */
    public String rootType() {
      return kind == OperationKind.GET ? "Query" : "Mutation";
    }

    /** {@code name(arg: Type): Entity}. */
    public String signature() {
      return name + "(" + argumentName + ": " + argumentType.sdl() + moreArguments() + "): " + entity;
    }
  }

  private final SchemaIndex index;

  public OperationScan(SchemaIndex index) {
    this.index = index;
  }

  /** Operation directives on fields of Query and Mutation, in declaration order. */
  public List<Declared> declared() {
    return index.memo(MemoKey.DECLARED, this::scanDeclared);
  }

  private enum MemoKey { DECLARED, DEFAULTS }

  private List<Declared> scanDeclared() {
    List<Declared> out = new ArrayList<>();
    for (String root : List.of("Query", "Mutation")) {
      for (FieldDefinition f : index.fields(root)) {
        for (OperationKind kind : OperationKind.values()) {
          Optional<Directive> d = SchemaIndex.directive(f, kind.name().toLowerCase(Locale.ROOT));
          if (d.isPresent()) {
            String by = kind == OperationKind.GET ? Optional.ofNullable(index.stringArg(d.get(), "by")).orElse("id") : "id";
            out.add(new Declared(root, f, kind, SchemaIndex.unwrap(f.getType()), by, d.get()));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /** Operation kinds enabled by {@code @model(operations:)}. */
  public Set<OperationKind> enabled(ObjectTypeDefinition model) {
    EnumSet<OperationKind> out = EnumSet.noneOf(OperationKind.class);
    SchemaIndex.directive(model, "model").ifPresent(d -> {
      for (String name : index.listArg(d, "operations")) {
        for (OperationKind k : OperationKind.values()) {
          if (k.name().equals(name)) {
            out.add(k);
          }
        }
      }
    });
    return out;
  }

  /** Defaults of every {@code @model} type not covered by a declared operation, in type order. */
  public List<Default> defaults() {
    return index.memo(MemoKey.DEFAULTS, this::scanDefaults);
  }

  private List<Default> scanDefaults() {
    List<Declared> declared = declared();
    List<Default> out = new ArrayList<>();
    for (ObjectTypeDefinition model : index.userObjects()) {
      if (!model.hasDirective("model")) {
        continue;
      }
      String t = model.getName();
      Set<OperationKind> kinds = enabled(model);
      boolean versioned = index.versioned(t);
      for (OperationKind kind : OperationKind.values()) {
        if (kinds.contains(kind) && !covered(declared, kind, t, "id")) {
          out.add(defaultFor(kind, t, versioned));
        }
      }
      if (kinds.contains(OperationKind.GET)) {
        for (FieldDefinition f : index.fields(t)) {
          if (f.hasDirective("unique") && !covered(declared, OperationKind.GET, t, f.getName())) {
            out.add(new Default(OperationKind.GET, t, f.getName(), OperationNames.byUnique(t, f.getName()),
                f.getName(), TypeRef.named(SchemaIndex.unwrap(f.getType()), true)));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private static boolean covered(List<Declared> declared, OperationKind kind, String entity, String by) {
    return declared.stream().anyMatch(d -> d.kind() == kind && d.entity().equals(entity) && d.by().equals(by));
  }

  private static Default defaultFor(OperationKind kind, String t, boolean versioned) {
    String name = OperationNames.of(kind, t);
    return switch (kind) {
      case GET, DELETE -> new Default(kind, t, "id", name, "id", TypeRef.named("ID", true), versioned);
      case CREATE, UPDATE -> new Default(kind, t, "id", name, "input",
          TypeRef.named(OperationNames.input(kind, t), true), versioned);
    };
  }

  /** The signature of an existing root field, in the notation of {@link Default#signature()}. */
  public static String signatureOf(FieldDefinition f) {
    StringBuilder sb = new StringBuilder(f.getName()).append('(');
    for (int i = 0; i < f.getInputValueDefinitions().size(); i++) {
      var a = f.getInputValueDefinitions().get(i);
      sb.append(i > 0 ? ", " : "").append(a.getName()).append(": ").append(typeSdl(a.getType()));
    }
    String ret = SchemaIndex.isList(f.getType()) ? typeSdl(f.getType()) : SchemaIndex.unwrap(f.getType());
    return sb.append("): ").append(ret).toString();
  }

  static String typeSdl(graphql.language.Type<?> t) {
    if (t instanceof graphql.language.NonNullType nn) {
      return typeSdl(nn.getType()) + "!";
    }
    if (t instanceof graphql.language.ListType l) {
      return "[" + typeSdl(l.getType()) + "]";
    }
    return ((graphql.language.TypeName) t).getName();
  }
}
