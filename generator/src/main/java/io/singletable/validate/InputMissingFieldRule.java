package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;

/** ST038: a create input without a required stored field of the model, or an update input without id: ID! (see {@link ModelInputs}). */
final class InputMissingFieldRule implements SchemaRule {
  @Override
  public String code() {
    return "ST038";
  }

  @Override
  public String summary() {
    return "a create input without a required stored field of the model, or an update input without id: ID!";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelInputs.Finding f : ModelInputs.findings(index, code())) {
      out.error(f.code(), f.span(), f.message());
    }
  }
}
