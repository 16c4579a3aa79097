package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.model.OperationKind;
import io.singletable.parse.OperationScan;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;

/** ST032: {@code @get(by:)} names {@code id} or a {@code @unique} field of the returned type. */
final class GetByRule implements SchemaRule {
  @Override
  public String code() {
    return "ST032";
  }

  @Override
  public String summary() {
    return "@get(by:) names neither id nor a @unique field";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (OperationScan.Declared d : new OperationScan(index).declared()) {
      if (d.kind() != OperationKind.GET || d.by().equals("id") || !index.isModel(d.entity())) {
        continue;
      }
      var field = index.field(d.entity(), d.by());
      String at = "@get(by: \"" + d.by() + "\") on " + d.rootType() + "." + d.field().getName() + ": ";
      if (field.isEmpty()) {
        out.error(code(), Spans.of(index, d.directive()), at + d.entity() + " has no field " + d.by()
            + Suggest.didYouMean(d.by(), index.fields(d.entity()).stream()
                .filter(f -> f.hasDirective("unique")).map(f -> f.getName()).toList()));
      } else if (!field.get().hasDirective("unique")) {
        out.error(code(), Spans.of(index, d.directive()), at + d.entity() + "." + d.by() + " is not a @unique field"
            + " (a lookup needs a unique item; add @unique or look up by id)");
      }
    }
  }
}
