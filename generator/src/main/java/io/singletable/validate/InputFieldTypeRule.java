package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;

/** ST037: a @create/@update input field whose type differs from the model field (named type, list, element nullability; a create input may not make a required field optional; id is ID/ID! on create, ID! on update) (see {@link ModelInputs}). */
final class InputFieldTypeRule implements SchemaRule {
  @Override
  public String code() {
    return "ST037";
  }

  @Override
  public String summary() {
    return "a @create/@update input field whose type differs from the model field (named type, list, element nullability; a create input may not make a required field optional; id is ID/ID! on create, ID! on update)";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelInputs.Finding f : ModelInputs.findings(index, code())) {
      out.error(f.code(), f.span(), f.message());
    }
  }
}
