package io.singletable.diag;

import java.util.List;

/** Thrown between stages when the schema has errors; carries every finding, already sorted. */
public final class SchemaException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Diagnostic> diagnostics;
  private final transient SourceText sources;

  public SchemaException(List<Diagnostic> diagnostics, SourceText sources) {
    super(summary(diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
    this.sources = sources;
  }

  private static String summary(List<Diagnostic> diagnostics) {
    long n = diagnostics.stream().filter(Diagnostic::isError).count();
    return "schema has " + n + (n == 1 ? " error" : " errors");
  }

  /** Every finding in report order. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** Every finding formatted with excerpts, plus a summary line. */
  public String formatted() {
    return new DiagnosticFormatter(sources).formatAll(diagnostics);
  }
}
