package io.singletable.diag;

/** How bad a finding is; only errors stop generation. */
public enum Severity {
  ERROR,
  WARNING;

  /** Lower-case label used in formatted diagnostics. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
