package io.singletable.validate;

import graphql.language.FieldDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.Optional;

/** ST012: the field named by {@code @hasMany(field:)} holds one id: it is of type {@code ID}. */
final class HasManyFieldTypeRule implements SchemaRule {
  @Override
  public String code() {
    return "ST012";
  }

  @Override
  public String summary() {
    return "@hasMany(field:) is not of type ID on a related type";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelFields.WithDirective w : ModelFields.using(index, "hasMany")) {
      String key = index.stringArg(w.directive(), "field");
      for (String target : RelationTargets.concrete(index, w.field())) {
        Optional<FieldDefinition> f = RelationTargets.field(index, target, key);
        if (f.isPresent() && (SchemaIndex.isList(f.get().getType())
            || !SchemaIndex.unwrap(f.get().getType()).equals("ID"))) {
          out.error(code(), Spans.of(index, w.directive()), "@hasMany(field: \"" + key + "\") on " + w.label()
              + ": " + target + "." + key + " must be of type ID, found " + ArgumentValueRule.print(f.get().getType()));
        }
      }
    }
  }
}
