package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;

/**
 * ST025: a stored field of a {@code @model} type may be a scalar, an enum or a list of them, not a
 * list of lists: the inputs, the item codec and the sort keys have no form for nested lists.
 * (Relation fields of nested shapes are reported by ST015/ST021.)
 */
final class NestedListRule implements SchemaRule {
  @Override
  public String code() {
    return "ST025";
  }

  @Override
  public String summary() {
    return "list of lists as a stored field of a @model type";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelFields.Owned o : ModelFields.unresolvedOfModels(index)) {
      var f = o.field();
      if (SchemaIndex.isNestedList(f.getType()) && index.isLeaf(SchemaIndex.unwrap(f.getType()))) {
        out.error(code(), Spans.of(index, f), o.label() + " is a list of lists; stored fields are scalars, enums and lists of them: "
            + "store nested data as AWSJSON");
      }
    }
  }
}
