package io.singletable.validate;

import graphql.language.Directive;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;

/** ST030: {@code @get} goes on Query fields; {@code @create}, {@code @update}, {@code @delete} on Mutation fields. */
final class OperationRootRule implements SchemaRule {
  @Override
  public String code() {
    return "ST030";
  }

  @Override
  public String summary() {
    return "operation directive on the wrong root type";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelFields.Owned o : ModelFields.all(index)) {
      for (Directive d : o.field().getDirectives()) {
        String expected = switch (d.getName()) {
          case "get" -> Roots.QUERY;
          case "create", "update", "delete" -> Roots.MUTATION;
          default -> null;
        };
        if (expected != null && !expected.equals(o.ownerName())) {
          out.error(code(), Spans.of(index, d), "@" + d.getName() + " on " + o.label() + " belongs on a field of "
              + expected);
        }
      }
    }
  }
}
