package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;

/** ST035: a @create/@update input field the model does not store: unknown, a relation, or an automatic createdAt/updatedAt timestamp (see {@link ModelInputs}). */
final class InputUnknownFieldRule implements SchemaRule {
  @Override
  public String code() {
    return "ST035";
  }

  @Override
  public String summary() {
    return "a @create/@update input field the model does not store: unknown, a relation, or an automatic createdAt/updatedAt timestamp";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelInputs.Finding f : ModelInputs.findings(index, code())) {
      out.error(f.code(), f.span(), f.message());
    }
  }
}
