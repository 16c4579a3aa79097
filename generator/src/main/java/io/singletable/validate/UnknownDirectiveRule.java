package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;

/** ST002: every directive used must be declared (singletable's, AppSync's, or the schema's own). */
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
      if (index.directiveDefinition(u.directive().getName()).isEmpty()) {
        out.error(code(), SchemaIndex.span(u.directive()),
            "unknown directive @" + u.directive().getName() + Suggest.didYouMean(u.directive().getName(),
                index.parsed().registry().getDirectiveDefinitions().keySet()));
      }
    }
  }
}
