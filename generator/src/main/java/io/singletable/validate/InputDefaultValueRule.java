package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;

/** ST039: a default value on a field of an update input (every update leaving it out would overwrite the stored value) (see {@link ModelInputs}). */
final class InputDefaultValueRule implements SchemaRule {
  @Override
  public String code() {
    return "ST039";
  }

  @Override
  public String summary() {
    return "a default value on a field of an update input (every update leaving it out would overwrite the stored value)";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelInputs.Finding f : ModelInputs.findings(index, code())) {
      out.error(f.code(), f.span(), f.message());
    }
  }
}
