package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;

/**
 * ST024: a field of a {@code @model} type whose type is an object, union or interface needs a
 * relation directive: only scalars and enums are stored in the item.
 */
final class UnresolvedObjectFieldRule implements SchemaRule {
  @Override
  public String code() {
    return "ST024";
  }

  @Override
  public String summary() {
    return "object-typed field of a @model type without @hasMany/@belongsTo/@hasOne";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelFields.Owned o : ModelFields.unresolvedOfModels(index)) {
      var f = o.field();
      String named = SchemaIndex.unwrap(f.getType());
      if (index.isDefined(named) && !index.isLeaf(named)) {
        out.error(code(), Spans.of(index, f), o.label() + " of type " + named + " is neither stored nor resolved: "
            + "add @belongsTo/@hasOne (it holds ids) or @hasMany (others hold its id), or use scalars");
      }
    }
  }
}
