package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;

/** ST011: {@code @hasMany(field:)} names a field that every related type declares. */
final class HasManyFieldRule implements SchemaRule {
  @Override
  public String code() {
    return "ST011";
  }

  @Override
  public String summary() {
    return "@hasMany(field:) missing on the related type or on a union/interface member";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelFields.WithDirective w : ModelFields.using(index, "hasMany")) {
      String key = index.stringArg(w.directive(), "field");
      if (key == null) {
        continue;
      }
      for (String target : RelationTargets.concrete(index, w.field())) {
        if (index.field(target, key).isEmpty()) {
          out.error(code(), Spans.of(index, w.directive()), "@hasMany(field: \"" + key + "\") on " + w.label()
              + ": " + target + " has no field " + key + Suggest.didYouMean(key,
                  index.fields(target).stream().map(f -> f.getName()).toList()));
        }
      }
    }
  }
}
