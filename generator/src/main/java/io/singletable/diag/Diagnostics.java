package io.singletable.diag;

import java.util.ArrayList;
import java.util.List;

/** Collects findings of one stage; rules keep going after an error so that all are reported at once. */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  /** Adds an error. */
  public void error(String code, SourceSpan span, String message) {
    items.add(Diagnostic.error(code, span, message));
  }

  /** Adds any finding. */
  public void add(Diagnostic d) {
    items.add(d);
  }

  /** The number of errors reported so far. */
  public int errorCount() {
    return (int) items.stream().filter(Diagnostic::isError).count();
  }

  /** True if any error was recorded. */
  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  /** All findings in report order (location, code, message), without exact duplicates. */
  public List<Diagnostic> sorted() {
    return items.stream().distinct().sorted(Diagnostic.ORDER).toList();
  }

  /** Throws a {@link SchemaException} holding every finding if any of them is an error. */
  public void throwIfErrors(SourceText sources) {
    if (hasErrors()) {
      throw new SchemaException(sorted(), sources);
    }
  }
}
