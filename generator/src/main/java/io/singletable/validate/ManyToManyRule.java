package io.singletable.validate;

import graphql.language.InputValueDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ST063: a {@code @manyToMany} relation is declared by exactly two fields with its {@code relationName}, on two
 * different {@code @model} types, each declared as {@code [T]} or {@code TConnection} of the other type (no argument:
 * limit, nextToken and sortDirection are generated); the name is a free GraphQL type name (the join items' type,
 * generated), not {@code NODE}; and each {@code sortBy} field is a sortable scalar or enum field of the other type.
 */
final class ManyToManyRule implements SchemaRule {
  private static final Set<String> GENERATED = Set.of("limit", "nextToken", "sortDirection");

  @Override
  public String code() {
    return "ST063";
  }

  @Override
  public String summary() {
    return "@manyToMany not declared by exactly two fields of two different model types pointing at each other, "
        + "a relationName that is taken, or a sortBy field the other type lacks";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    Map<String, List<ModelFields.WithDirective>> byName = new LinkedHashMap<>();
    for (ModelFields.WithDirective w : ModelFields.using(index, "manyToMany")) {
      String name = index.stringArg(w.directive(), "relationName");
      if (name == null) {
        continue; // a missing required argument is ST003's
      }
      byName.computeIfAbsent(name, k -> new ArrayList<>()).add(w);
      String element = index.relationElement(w.field());
      var type = w.field().getType();
      boolean shapeOk = SchemaIndex.isList(type)
          ? !SchemaIndex.isNestedList(type) && !index.isGeneratedConnection(element)
          : index.isConnectionField(w.field());
      if (!shapeOk || (index.isDefined(element) && !index.isModel(element))) {
        out.error(code(), Spans.of(index, w.field()), "@manyToMany field " + w.label() + " must be declared as [T] "
            + "or TConnection with T a @model type; found " + ArgumentValueRule.print(type));
      }
      for (InputValueDefinition a : w.field().getInputValueDefinitions()) {
        out.error(code(), Spans.of(index, a), "@manyToMany field " + w.label() + " cannot declare argument "
            + a.getName() + (GENERATED.contains(a.getName()) ? "; the generator adds limit, nextToken and sortDirection"
                : ""));
      }
      if (index.isModel(element)) {
        for (String sort : index.listArg(w.directive(), "sortBy")) {
          var f = index.field(element, sort);
          if (f.isEmpty() || !SortByRule.sortable(index, f.get())) {
            out.error(code(), Spans.of(index, w.directive()), "@manyToMany(sortBy: \"" + sort + "\") on " + w.label()
                + ": " + element + (f.isEmpty() ? " has no field " + sort : "." + sort + " cannot be sorted on (use a "
                    + "scalar or enum, not a list or AWSJSON)"));
          }
        }
      }
    }
    byName.forEach((name, sides) -> checkPair(index, name, sides, out));
  }

  private void checkPair(SchemaIndex index, String name, List<ModelFields.WithDirective> sides, Diagnostics out) {
    ModelFields.WithDirective first = sides.get(0);
    if (index.isDefined(name) || name.equals("NODE") || !name.matches("[_A-Za-z][_0-9A-Za-z]*")) {
      out.error(code(), Spans.of(index, first.directive()), "@manyToMany(relationName: \"" + name + "\") on "
          + first.label() + ": the relation name is the GraphQL type of its join items, so it must be a type name the "
          + "schema does not define" + (name.equals("NODE") ? " (NODE is the node keys' prefix)" : ""));
    }
    if (sides.size() != 2) {
      for (ModelFields.WithDirective w : sides.size() == 1 ? sides : sides.subList(2, sides.size())) {
        out.error(code(), Spans.of(index, w.directive()), "@manyToMany(relationName: \"" + name + "\") on " + w.label()
            + (sides.size() == 1 ? ": the other type declares no field with this relationName (both sides do)"
                : ": already declared by " + sides.get(0).label() + " and " + sides.get(1).label()));
      }
      return;
    }
    ModelFields.WithDirective second = sides.get(1);
    String a = first.owner().getName();
    String b = second.owner().getName();
    if (a.equals(b)) {
      out.error(code(), Spans.of(index, second.directive()), "@manyToMany(relationName: \"" + name + "\") on "
          + first.label() + " and " + second.label() + ": a many-to-many between a type and itself is not supported");
      return;
    }
    for (ModelFields.WithDirective[] pair : new ModelFields.WithDirective[][] {{first, second}, {second, first}}) {
      String element = index.relationElement(pair[0].field());
      String other = pair[1].owner().getName();
      if (index.isModel(element) && !element.equals(other)) {
        out.error(code(), Spans.of(index, pair[0].field()), "@manyToMany field " + pair[0].label() + " lists " + element
            + ", but the other side of " + name + " is " + pair[1].label() + " on " + other);
      }
    }
  }
}
