package io.singletable.validate;

import graphql.introspection.Introspection.DirectiveLocation;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.Node;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.UnionTypeDefinition;
import io.singletable.parse.SchemaIndex;
import java.util.ArrayList;
import java.util.List;

/** Every directive written in the user's files, with the location kind it is written at. */
final class DirectiveUses {
  /**
   * One directive use.
   *
   * @param directive the directive as written
   * @param location the kind of place it is written at
   * @param container the node carrying it (uses with the same container sit on the same element)
   * @param where the element for messages, e.g. {@code Farm}, {@code Farm.name}, {@code Query.farm(id:)}
   */
  record Use(Directive directive, DirectiveLocation location, Node<?> container, String where) {}

  private DirectiveUses() {}

  static List<Use> all(SchemaIndex index) {
    List<Use> out = new ArrayList<>();
    for (Definition<?> d : index.parsed().userDefinitions()) {
      collect(d, out);
    }
    return out;
  }

  private static void collect(Definition<?> d, List<Use> out) {
    if (d instanceof ObjectTypeDefinition o) {
      add(o, o.getDirectives(), DirectiveLocation.OBJECT, o.getName(), out);
      fields(o.getName(), o.getFieldDefinitions(), out);
    } else if (d instanceof InterfaceTypeDefinition i) {
      add(i, i.getDirectives(), DirectiveLocation.INTERFACE, i.getName(), out);
      fields(i.getName(), i.getFieldDefinitions(), out);
    } else if (d instanceof UnionTypeDefinition u) {
      add(u, u.getDirectives(), DirectiveLocation.UNION, u.getName(), out);
    } else if (d instanceof EnumTypeDefinition e) {
      add(e, e.getDirectives(), DirectiveLocation.ENUM, e.getName(), out);
      for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
        add(v, v.getDirectives(), DirectiveLocation.ENUM_VALUE, e.getName() + "." + v.getName(), out);
      }
    } else if (d instanceof InputObjectTypeDefinition in) {
      add(in, in.getDirectives(), DirectiveLocation.INPUT_OBJECT, in.getName(), out);
      for (InputValueDefinition v : in.getInputValueDefinitions()) {
        add(v, v.getDirectives(), DirectiveLocation.INPUT_FIELD_DEFINITION, in.getName() + "." + v.getName(), out);
      }
    } else if (d instanceof ScalarTypeDefinition s) {
      add(s, s.getDirectives(), DirectiveLocation.SCALAR, s.getName(), out);
    } else if (d instanceof SchemaDefinition s) {
      add(s, s.getDirectives(), DirectiveLocation.SCHEMA, "schema", out);
    }
  }

  private static void fields(String owner, List<FieldDefinition> fields, List<Use> out) {
    for (FieldDefinition f : fields) {
      String field = owner + "." + f.getName();
      add(f, f.getDirectives(), DirectiveLocation.FIELD_DEFINITION, field, out);
      for (InputValueDefinition a : f.getInputValueDefinitions()) {
        add(a, a.getDirectives(), DirectiveLocation.ARGUMENT_DEFINITION, field + "(" + a.getName() + ":)", out);
      }
    }
  }

  private static void add(Node<?> container, List<Directive> ds, DirectiveLocation loc, String where, List<Use> out) {
    for (Directive d : ds) {
      out.add(new Use(d, loc, container, where));
    }
  }
}
