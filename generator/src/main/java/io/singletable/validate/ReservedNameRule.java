package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.model.StorageLayout;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;

/** ST040: fields of {@code @model} types cannot take the names of storage attributes. */
final class ReservedNameRule implements SchemaRule {
  @Override
  public String code() {
    return "ST040";
  }

  @Override
  public String summary() {
    return "field named like a storage attribute (PK, PKnn, SKnn, __typename)";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelFields.Owned o : ModelFields.ofModels(index)) {
      if (StorageLayout.reservedAttribute(o.field().getName())) {
        out.error(code(), Spans.of(index, o.field()), o.label() + ": the name " + o.field().getName()
            + " is reserved for the table's key and index attributes");
      }
    }
  }
}
