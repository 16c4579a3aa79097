package io.singletable.diag;

import java.util.Comparator;
import java.util.Objects;

/**
 * One finding about the schema: a stable code ({@code ST001}…), a message, and where it is.
 *
 * @param severity error or warning
 * @param code stable code, documented in the README's diagnostics table
 * @param message one-line human message
 * @param span where the problem is
 */
public record Diagnostic(Severity severity, String code, String message, SourceSpan span) {

  /** Orders diagnostics by location, then code, then message: the report order. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing(Diagnostic::span)
          .thenComparing(Diagnostic::code)
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(span, "span");
  }

  /** An error. */
  public static Diagnostic error(String code, SourceSpan span, String message) {
    return new Diagnostic(Severity.ERROR, code, message, span);
  }

  /** True when this stops generation. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
