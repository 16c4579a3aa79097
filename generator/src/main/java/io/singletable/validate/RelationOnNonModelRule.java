package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;

/** ST022: relation directives only make sense on fields of {@code @model} types. */
final class RelationOnNonModelRule implements SchemaRule {
  @Override
  public String code() {
    return "ST022";
  }

  @Override
  public String summary() {
    return "relation directive on a field of a type that is not @model";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (String directive : new String[] {"hasMany", "belongsTo", "hasOne", "manyToMany"}) {
      for (ModelFields.WithDirective w : ModelFields.using(index, directive)) {
        if (!w.owner().hasDirective("model")) {
          out.error(code(), Spans.of(index, w.directive()), "@" + directive + " on " + w.label()
              + ": " + w.owner().getName() + " is not a @model type");
        }
      }
    }
  }
}
