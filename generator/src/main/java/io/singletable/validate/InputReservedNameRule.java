package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;

/** ST036: a @create/@update input field named like a storage attribute (PK, PKnn, SKnn, __typename) (see {@link ModelInputs}). */
final class InputReservedNameRule implements SchemaRule {
  @Override
  public String code() {
    return "ST036";
  }

  @Override
  public String summary() {
    return "a @create/@update input field named like a storage attribute (PK, PKnn, SKnn, __typename)";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelInputs.Finding f : ModelInputs.findings(index, code())) {
      out.error(f.code(), f.span(), f.message());
    }
  }
}
