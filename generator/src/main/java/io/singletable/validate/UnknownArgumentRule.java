package io.singletable.validate;

import graphql.language.Argument;
import graphql.language.DirectiveDefinition;
import graphql.language.InputValueDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.Optional;

/** ST003: every directive argument must be declared by the directive. */
final class UnknownArgumentRule implements SchemaRule {
  @Override
  public String code() {
    return "ST003";
  }

  @Override
  public String summary() {
    return "unknown directive argument";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (DirectiveUses.Use u : DirectiveUses.all(index)) {
      Optional<DirectiveDefinition> def = KnownDirectives.definition(index, u.directive().getName());
      if (def.isEmpty()) {
        continue;
      }
      var known = def.get().getInputValueDefinitions().stream().map(InputValueDefinition::getName).toList();
      for (Argument a : u.directive().getArguments()) {
        if (!known.contains(a.getName())) {
          out.error(code(), Spans.of(index, a), "@" + u.directive().getName() + " has no argument "
              + a.getName() + (known.isEmpty() ? "" : " (arguments: " + String.join(", ", known) + ")"));
        }
      }
    }
  }
}
