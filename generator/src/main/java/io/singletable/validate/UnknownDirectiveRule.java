package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;

/**
 * ST002: every directive used must be declared (singletable's, AppSync's, the schema's own, or
 * GraphQL's {@code @deprecated}).
 */
final class UnknownDirectiveRule implements SchemaRule {
  @Override
  public String code() {
    return "ST002";
  }

  @Override
  public String summary() {
    return "unknown directive";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (DirectiveUses.Use u : DirectiveUses.all(index)) {
      String name = u.directive().getName();
      if (KnownDirectives.definition(index, name).isEmpty()) {
        out.error(code(), Spans.of(index, u.directive()), "unknown directive @" + name
            + Suggest.didYouMean(name, KnownDirectives.names(index), "@"));
      }
    }
  }
}
