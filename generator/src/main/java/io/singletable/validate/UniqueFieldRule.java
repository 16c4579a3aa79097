package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;

/** ST020: {@code @unique} goes on a single scalar or enum field of a {@code @model} type. */
final class UniqueFieldRule implements SchemaRule {
  @Override
  public String code() {
    return "ST020";
  }

  @Override
  public String summary() {
    return "@unique on a list, object or relation field, on id, or outside a @model type";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelFields.WithDirective w : ModelFields.using(index, "unique")) {
      var type = w.field().getType();
      String named = SchemaIndex.unwrap(type);
      String problem = null;
      if (!w.owner().hasDirective("model")) {
        problem = "is only allowed on fields of @model types";
      } else if (SchemaIndex.isList(type)) {
        problem = "cannot be used on a list field";
      } else if (!index.isLeaf(named) || named.equals("AWSJSON")) {
        problem = "needs a scalar or enum field, found " + named;
      } else if (w.field().getName().equals("id")) {
        problem = "is not needed on id, which is the key";
      }
      if (problem != null) {
        out.error(code(), Spans.of(index, w.directive()), "@unique on " + w.label() + " " + problem);
      }
    }
  }
}
