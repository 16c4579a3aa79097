package io.singletable.validate;

import graphql.language.FieldDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.Optional;

/** ST014: {@code @hasMany(onlyIf:)} names a Boolean field of every related type. */
final class OnlyIfRule implements SchemaRule {
  @Override
  public String code() {
    return "ST014";
  }

  @Override
  public String summary() {
    return "@hasMany/@list(onlyIf:) field missing or not Boolean";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelFields.WithDirective w : ModelFields.indexed(index)) {
      String flag = index.stringArg(w.directive(), "onlyIf");
      if (flag == null) {
        continue;
      }
      for (String target : RelationTargets.concrete(index, w.field())) {
        Optional<FieldDefinition> f = index.field(target, flag);
        String where = "@" + w.directive().getName() + "(onlyIf: \"" + flag + "\") on " + w.label() + ": ";
        if (f.isEmpty()) {
          out.error(code(), Spans.of(index, w.directive()), where + target + " has no field " + flag
              + Suggest.didYouMean(flag, index.fields(target).stream()
                  .filter(x -> ArgumentValueRule.print(x.getType()).replace("!", "").equals("Boolean"))
                  .map(x -> x.getName()).toList()));
        } else if (SchemaIndex.isList(f.get().getType()) || !SchemaIndex.unwrap(f.get().getType()).equals("Boolean")) {
          out.error(code(), Spans.of(index, w.directive()), where + target + "." + flag
              + " must be Boolean, found " + ArgumentValueRule.print(f.get().getType()));
        }
      }
    }
  }
}
