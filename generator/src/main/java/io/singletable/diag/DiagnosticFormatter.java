package io.singletable.diag;

import java.util.List;

/**
 * Formats findings the way compilers do, so IDEs and CI annotate them:
 * <pre>
 * schema/farm.graphql:12:3: error[ST011]: @hasMany(field: "farmId"): Cow has no field farmId
 *     cows: [Cow] @hasMany(field: "farmId")
 *     ^
 * </pre>
 */
public final class DiagnosticFormatter {
  private final SourceText sources;

  public DiagnosticFormatter(SourceText sources) {
    this.sources = sources;
  }

  /** The header line: {@code file:line:column: severity[CODE]: message}. */
  public static String headline(Diagnostic d) {
    return d.span() + ": " + d.severity().label() + "[" + d.code() + "]: " + d.message();
  }

  /** Header plus the source excerpt and a caret under the column, '\n'-separated, no trailing newline. */
  public String format(Diagnostic d) {
    StringBuilder sb = new StringBuilder(headline(d));
    String line = sources == null ? null : sources.line(d.span().file(), d.span().line());
    if (line != null) {
      String excerpt = line.replace('\t', ' ');
      int col = Math.max(1, Math.min(d.span().column(), excerpt.length() + 1));
      sb.append("\n    ").append(excerpt.stripTrailing());
      sb.append("\n    ").append(" ".repeat(col - 1)).append('^');
    }
    return sb.toString();
  }

  /** Every finding, each formatted, then a summary line such as {@code 3 errors}. */
  public String formatAll(List<Diagnostic> all) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : all) {
      sb.append(format(d)).append('\n');
    }
    long errors = all.stream().filter(Diagnostic::isError).count();
    sb.append(errors).append(errors == 1 ? " error" : " errors").append('\n');
    return sb.toString();
  }
}
