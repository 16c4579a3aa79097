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
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.UnionTypeDefinition;
import io.singletable.parse.SchemaIndex;
import java.util.ArrayList;
import java.util.List;

/** Every directive written in the user's files, with the location kind it is written at. */
final class DirectiveUses {
  record Use(Directive directive, DirectiveLocation location) {}

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
      add(o.getDirectives(), DirectiveLocation.OBJECT, out);
      fields(o.getFieldDefinitions(), out);
    } else if (d instanceof InterfaceTypeDefinition i) {
      add(i.getDirectives(), DirectiveLocation.INTERFACE, out);
      fields(i.getFieldDefinitions(), out);
    } else if (d instanceof UnionTypeDefinition u) {
      add(u.getDirectives(), DirectiveLocation.UNION, out);
    } else if (d instanceof EnumTypeDefinition e) {
      add(e.getDirectives(), DirectiveLocation.ENUM, out);
      for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
        add(v.getDirectives(), DirectiveLocation.ENUM_VALUE, out);
      }
    } else if (d instanceof InputObjectTypeDefinition in) {
      add(in.getDirectives(), DirectiveLocation.INPUT_OBJECT, out);
      for (InputValueDefinition v : in.getInputValueDefinitions()) {
        add(v.getDirectives(), DirectiveLocation.INPUT_FIELD_DEFINITION, out);
      }
    } else if (d instanceof ScalarTypeDefinition s) {
      add(s.getDirectives(), DirectiveLocation.SCALAR, out);
    } else if (d instanceof SchemaDefinition s) {
      add(s.getDirectives(), DirectiveLocation.SCHEMA, out);
    }
  }

  private static void fields(List<FieldDefinition> fields, List<Use> out) {
    for (FieldDefinition f : fields) {
      add(f.getDirectives(), DirectiveLocation.FIELD_DEFINITION, out);
      for (InputValueDefinition a : f.getInputValueDefinitions()) {
        add(a.getDirectives(), DirectiveLocation.ARGUMENT_DEFINITION, out);
      }
    }
  }

  private static void add(List<Directive> ds, DirectiveLocation loc, List<Use> out) {
    for (Directive d : ds) {
      out.add(new Use(d, loc));
    }
  }
}
