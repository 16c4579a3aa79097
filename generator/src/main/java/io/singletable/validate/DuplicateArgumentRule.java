package io.singletable.validate;

import graphql.language.NamedNode;
import graphql.language.Node;
import graphql.language.Type;
import graphql.language.TypeName;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ST007 (with the parser's "type defined twice"): an argument given twice in one directive use
 * ({@code @hasMany(field: "a", field: "b")}). Names declared twice inside a type are ST050's
 * ({@link DefinitionRule}).
 */
final class DuplicateArgumentRule implements SchemaRule {
  @Override
  public String code() {
    return "ST007";
  }

  @Override
  public String summary() {
    return "type defined twice, or an argument given twice in one directive use";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    // names declared twice inside a type (its extensions merged in) are ST050's (DefinitionRule)
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
