package io.singletable.validate;

import graphql.language.DirectiveDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import java.util.Locale;
import java.util.Optional;

/** ST006: a directive may only be used where its definition allows it, and only once there. */
final class DirectiveLocationRule implements SchemaRule {
  @Override
  public String code() {
    return "ST006";
  }

  @Override
  public String summary() {
    return "directive used where it is not allowed, or repeated";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (DirectiveUses.Use u : DirectiveUses.all(index)) {
      Optional<DirectiveDefinition> def = index.directiveDefinition(u.directive().getName());
      if (def.isEmpty()) {
        continue;
      }
      boolean allowed = def.get().getDirectiveLocations().stream()
          .anyMatch(l -> l.getName().equals(u.location().name()));
      if (!allowed) {
        out.error(code(), SchemaIndex.span(u.directive()), "@" + u.directive().getName()
            + " is not allowed on " + u.location().name().toLowerCase(Locale.ROOT).replace('_', ' '));
      }
    }
    for (ModelFields.Owned o : ModelFields.all(index)) {
      var names = o.field().getDirectives().stream().map(d -> d.getName()).toList();
      for (int i = 0; i < names.size(); i++) {
        if (names.indexOf(names.get(i)) != i) {
          out.error(code(), SchemaIndex.span(o.field().getDirectives().get(i)),
              "@" + names.get(i) + " is repeated on " + o.label());
        }
      }
    }
  }
}
