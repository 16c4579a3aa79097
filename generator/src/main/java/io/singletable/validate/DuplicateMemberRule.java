package io.singletable.validate;

import graphql.language.Definition;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.NamedNode;
import graphql.language.Node;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ST007 (with the parser's "type defined twice"): a name declared twice inside one type — a field of
 * an object or interface type (its extensions included), an input field, an enum value, a union
 * member, an argument of a field, an argument of one directive use. GraphQL requires them unique and
 * the generator keys its model by them.
 */
final class DuplicateMemberRule implements SchemaRule {
  @Override
  public String code() {
    return "ST007";
  }

  @Override
  public String summary() {
    return "type defined twice, or a field, input field, enum value, union member or argument declared twice in one type";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    // members by type name, over the definition and its extensions, in source order
    Map<String, List<Node<?>>> members = new LinkedHashMap<>();
    Map<String, String> kinds = new LinkedHashMap<>();
    for (Definition<?> d : index.parsed().userDefinitions()) {
      if (!(d instanceof TypeDefinition<?> t)) {
        continue;
      }
      List<Node<?>> list = members.computeIfAbsent(t.getName(), k -> new ArrayList<>());
      if (t instanceof ImplementingTypeDefinition<?> it) {
        kinds.put(t.getName(), "field");
        list.addAll(it.getFieldDefinitions());
        for (FieldDefinition f : it.getFieldDefinitions()) {
          unique(index, out, t.getName() + "." + f.getName(), "argument", new ArrayList<>(f.getInputValueDefinitions()));
        }
      } else if (t instanceof InputObjectTypeDefinition in) {
        kinds.put(t.getName(), "input field");
        list.addAll(in.getInputValueDefinitions());
      } else if (t instanceof EnumTypeDefinition e) {
        kinds.put(t.getName(), "value");
        list.addAll(e.getEnumValueDefinitions());
      } else if (t instanceof UnionTypeDefinition u) {
        kinds.put(t.getName(), "member");
        for (Type<?> m : u.getMemberTypes()) {
          list.add(m);
        }
      }
    }
    members.forEach((type, list) -> unique(index, out, type, kinds.getOrDefault(type, "member"), list));
    for (DirectiveUses.Use use : DirectiveUses.all(index)) {
      unique(index, out, "@" + use.directive().getName() + " on " + use.where(), "argument",
          new ArrayList<>(use.directive().getArguments()));
    }
  }

  private void unique(SchemaIndex index, Diagnostics out, String owner, String kind, List<? extends Node<?>> nodes) {
    Map<String, Node<?>> first = new LinkedHashMap<>();
    for (Node<?> n : nodes) {
      String name = name(n);
      Node<?> earlier = first.putIfAbsent(name, n);
      if (earlier != null) {
        out.error(code(), Spans.of(index, n), owner + ": the " + kind + " " + name + " is declared twice (first at "
            + Spans.of(index, earlier) + ")");
      }
    }
  }

  private static String name(Node<?> n) {
    if (n instanceof Type<?> t && !(n instanceof TypeName)) {
      return SchemaIndex.unwrap(t);
    }
    return ((NamedNode<?>) n).getName();
  }
}
