package io.singletable.validate;

import graphql.language.Definition;
import graphql.language.DirectiveDefinition;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.NamedNode;
import graphql.language.Node;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.UnionTypeDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.OperationScan;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * ST050: GraphQL's rules for the definitions themselves, as AppSync applies them (type extensions
 * already merged): there is a query and {@code Query}, {@code Mutation}, {@code Subscription} are
 * object types; no name starts with {@code __}; no type is empty; within a type no field, argument,
 * input field, enum value, union member or implemented interface appears twice; enum values are not
 * {@code true}, {@code false} or {@code null}; a {@code schema} block names the root types
 * {@code Query}, {@code Mutation}, {@code Subscription} (where singletable puts its operations).
 */
final class DefinitionRule implements SchemaRule {
  @Override
  public String code() {
    return "ST050";
  }

  @Override
  public String summary() {
    return "invalid GraphQL definition: no query, a root type (Query, Mutation, Subscription) that is not an "
        + "object type, a name starting with __, an empty type, a field, argument, enum value, "
        + "union member or interface listed twice in a type (its extensions included), an enum value true/false/null";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    Set<String> rootsWithDefaults = new java.util.HashSet<>();
    new OperationScan(index).defaults().forEach(d -> rootsWithDefaults.add(d.rootType()));
    List<Definition<?>> user = index.parsed().userDefinitions();
    if (index.type("Query").isEmpty() && !rootsWithDefaults.contains("Query") && !user.isEmpty()) {
      out.error(code(), Spans.of(index, user.get(0)), "the schema has no query: AppSync needs a type Query with at "
          + "least one field; declare one, or let a @model type have the GET operation");
    }
    for (Definition<?> d : index.parsed().userDefinitions()) {
      if (d instanceof graphql.language.SchemaDefinition sd) {
        for (graphql.language.OperationTypeDefinition op : sd.getOperationTypeDefinitions()) {
          String expected = Character.toUpperCase(op.getName().charAt(0)) + op.getName().substring(1);
          String named = SchemaIndex.unwrap(op.getTypeName());
          if (!named.equals(expected)) {
            out.error(code(), Spans.of(index, op), "schema { " + op.getName() + ": " + named + " }: singletable "
                + "adds its operations to the type " + expected + " and AppSync resolves them there; name the "
                + op.getName() + " root type " + expected);
          }
        }
      }
      if (d instanceof TypeDefinition<?> t) {
        name(index, t, "type " + t.getName(), out);
        if (Roots.isRoot(t.getName()) && !(t instanceof graphql.language.ObjectTypeDefinition)) {
          out.error(code(), Spans.of(index, t), t.getName() + " is the root type of " + t.getName().toLowerCase(
              java.util.Locale.ROOT).replace("query", "queries").replace("mutation", "mutations").replace("subscription",
              "subscriptions") + ", so it must be an object type: type " + t.getName() + " { … }");
        }
      }
      if (d instanceof ImplementingTypeDefinition<?> t) {
        boolean model = t.hasDirective("model");
        if (t.getFieldDefinitions().isEmpty() && !rootsWithDefaults.contains(t.getName())) {
          empty(index, t, "fields", out);
        }
        twice(index, t.getFieldDefinitions(), FieldDefinition::getName, "field", t.getName(), out);
        twice(index, t.getImplements(), SchemaIndex::unwrap, "interface", "the implements list of " + t.getName(), out);
        for (FieldDefinition f : t.getFieldDefinitions()) {
          if (!(model && f.getName().equals("__typename"))) { // ST040 reports that one
            name(index, f, t.getName() + "." + f.getName(), out);
          }
          arguments(index, t.getName() + "." + f.getName(), f.getInputValueDefinitions(), out);
        }
      } else if (d instanceof InputObjectTypeDefinition in) {
        if (in.getInputValueDefinitions().isEmpty()) {
          empty(index, in, "fields", out);
        }
        twice(index, in.getInputValueDefinitions(), InputValueDefinition::getName, "field", "input " + in.getName(), out);
        in.getInputValueDefinitions().forEach(v -> name(index, v, in.getName() + "." + v.getName(), out));
      } else if (d instanceof EnumTypeDefinition e) {
        if (e.getEnumValueDefinitions().isEmpty()) {
          empty(index, e, "values", out);
        }
        twice(index, e.getEnumValueDefinitions(), EnumValueDefinition::getName, "value", "enum " + e.getName(), out);
        for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
          name(index, v, e.getName() + "." + v.getName(), out);
          if (Set.of("true", "false", "null").contains(v.getName())) {
            out.error(code(), Spans.of(index, v), "enum value " + e.getName() + "." + v.getName()
                + ": true, false and null cannot be enum values");
          }
        }
      } else if (d instanceof UnionTypeDefinition u) {
        if (u.getMemberTypes().isEmpty()) {
          empty(index, u, "members", out);
        }
        List<Type<?>> members = u.getMemberTypes().stream().<Type<?>>map(m -> (Type<?>) m).toList();
        twice(index, members, SchemaIndex::unwrap, "member", "union " + u.getName(), out);
      } else if (d instanceof DirectiveDefinition dd) {
        name(index, dd, "directive @" + dd.getName(), out);
        arguments(index, "@" + dd.getName(), dd.getInputValueDefinitions(), out);
      }
    }
  }

  private void arguments(SchemaIndex index, String owner, List<InputValueDefinition> args, Diagnostics out) {
    twice(index, args, InputValueDefinition::getName, "argument", owner, out);
    args.forEach(a -> name(index, a, owner + "(" + a.getName() + ":)", out));
  }

  private void name(SchemaIndex index, Node<?> node, String what, Diagnostics out) {
    String name = ((NamedNode<?>) node).getName();
    if (name.startsWith("__")) {
      out.error(code(), Spans.of(index, node), what + ": names starting with __ are reserved for GraphQL's "
          + "introspection");
    }
  }

  private void empty(SchemaIndex index, TypeDefinition<?> t, String what, Diagnostics out) {
    out.error(code(), Spans.of(index, t), t.getName() + " has no " + what + " (its extensions included); "
        + "GraphQL needs at least one");
  }

  private <T extends Node<?>> void twice(SchemaIndex index, List<? extends T> items, Function<T, String> name,
      String what, String owner, Diagnostics out) {
    Map<String, T> seen = new HashMap<>();
    for (T item : items) {
      String n = name.apply(item);
      T first = seen.putIfAbsent(n, item);
      if (first != null) {
        out.error(code(), Spans.of(index, item), "the " + what + " " + n + " of " + owner + " appears twice (first at "
            + Spans.of(index, first) + ")");
      }
    }
  }
}
