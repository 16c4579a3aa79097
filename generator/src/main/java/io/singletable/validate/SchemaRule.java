package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;

/**
 * One semantic check with a stable code. Rules never throw on schemas that other rules reject:
 * each keeps going and reports only its own findings, so all errors come out at once.
 */
public interface SchemaRule {
  /** The stable code, e.g. {@code ST011}. */
  String code();

  /** One line: what the rule checks (used in the README's diagnostics table). */
  String summary();

  /** Reports every violation. */
  void check(SchemaIndex index, Diagnostics out);
}
