package io.singletable.validate;

import graphql.language.Directive;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import io.singletable.parse.SchemaIndex;
import java.util.ArrayList;
import java.util.List;

/** Shared iteration over the fields of object types, with their owner. */
final class ModelFields {
  /** A field with the type declaring it. */
  record Owned(ObjectTypeDefinition owner, FieldDefinition field) {
    String ownerName() {
      return owner.getName();
    }

    String label() {
      return owner.getName() + "." + field.getName();
    }
  }

  /** A field carrying a directive. */
  record WithDirective(ObjectTypeDefinition owner, FieldDefinition field, Directive directive) {
    String label() {
      return owner.getName() + "." + field.getName();
    }
  }

  private ModelFields() {}

  /** True when the field carries a relation directive: it is resolved, not stored. */
  static boolean isRelation(FieldDefinition f) {
    return f.hasDirective("hasMany") || f.hasDirective("belongsTo") || f.hasDirective("hasOne")
        || f.hasDirective("manyToMany");
  }

  /** Every field of {@code @model} types without a relation directive (what the items store, on a valid schema). */
  static List<Owned> unresolvedOfModels(SchemaIndex index) {
    return ofModels(index).stream().filter(o -> !isRelation(o.field())).toList();
  }

  /** Every field of every user object type (extensions included), in source order. */
  static List<Owned> all(SchemaIndex index) {
    return index.memo(ALL, () -> scanAll(index));
  }

  private static final Object ALL = new Object();

  private static List<Owned> scanAll(SchemaIndex index) {
    List<Owned> out = new ArrayList<>();
    for (ObjectTypeDefinition o : index.userObjects()) {
      for (FieldDefinition f : index.fields(o.getName())) {
        out.add(new Owned(o, f));
      }
    }
    return List.copyOf(out);
  }

  /** Every field of {@code @model} types. */
  static List<Owned> ofModels(SchemaIndex index) {
    return all(index).stream().filter(o -> o.owner().hasDirective("model")).toList();
  }

  /** Every {@code @hasMany} and then every {@code @list}: the fields served by a GSI slot, with sortBy/onlyIf. */
  static List<WithDirective> indexed(SchemaIndex index) {
    List<WithDirective> out = new ArrayList<>(using(index, "hasMany"));
    out.addAll(using(index, "list"));
    return out;
  }

  /** Every use of {@code directive} on a field of any user object type. */
  static List<WithDirective> using(SchemaIndex index, String directive) {
    return index.memo(new Using(directive), () -> scanUsing(index, directive));
  }

  private record Using(String directive) {}

  private static List<WithDirective> scanUsing(SchemaIndex index, String directive) {
    List<WithDirective> out = new ArrayList<>();
    for (Owned o : all(index)) {
      for (Directive d : o.field().getDirectives(directive)) {
        out.add(new WithDirective(o.owner(), o.field(), d));
      }
    }
    return List.copyOf(out);
  }
}
