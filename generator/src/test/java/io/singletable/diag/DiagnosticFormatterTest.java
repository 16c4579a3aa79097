package io.singletable.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticFormatterTest {

  private static SourceText text(String file, String content) {
    SourceText t = new SourceText();
    t.put(file, content);
    return t;
  }

  private static Diagnostic error(String file, int line, int column, String message) {
    return Diagnostic.error("ST011", new SourceSpan(file, line, column), message);
  }

  @Test
  void headlineIsFileLineColumnSeverityCodeMessage() {
    Diagnostic d = error("schema/farm.graphql", 12, 15, "Cow has no field farmId");
    assertEquals("schema/farm.graphql:12:15: error[ST011]: Cow has no field farmId", DiagnosticFormatter.headline(d));
    Diagnostic w = new Diagnostic(Severity.WARNING, "ST099", "just saying", new SourceSpan("a.graphql", 1, 2));
    assertEquals("a.graphql:1:2: warning[ST099]: just saying", DiagnosticFormatter.headline(w));
  }

  @Test
  void formatQuotesTheLineWithACaretUnderTheColumn() {
    SourceText src = text("farm.graphql", "type Farm @model {\n  id: ID!\n  cows: [Cow] @hasMany(field: \"farmId\")\n}\n");
    String out = new DiagnosticFormatter(src).format(error("farm.graphql", 3, 15, "Cow has no field farmId"));
    assertEquals("farm.graphql:3:15: error[ST011]: Cow has no field farmId\n"
        + "      cows: [Cow] @hasMany(field: \"farmId\")\n"
        + "                  ^", out);
  }

  @Test
  void caretAtColumnOneAndLastLineWithoutNewline() {
    SourceText src = text("a.graphql", "type A {\n  x: Int\n}");
    assertEquals("a.graphql:3:1: error[ST011]: m\n    }\n    ^",
        new DiagnosticFormatter(src).format(error("a.graphql", 3, 1, "m")));
  }

  @Test
  void tabsBecomeOneSpaceEachSoTheCaretStaysUnderTheColumn() {
    // graphql-java counts a tab as one column: "\t\tcows" has 'c' at column 3
    SourceText src = text("t.graphql", "type Farm @model {\n\t\tcows: [Cow] @hasMany\n}\n");
    assertEquals("t.graphql:2:15: error[ST011]: m\n"
        + "      cows: [Cow] @hasMany\n"
        + "                  ^", new DiagnosticFormatter(src).format(error("t.graphql", 2, 15, "m")));
    assertEquals("t.graphql:2:3: error[ST011]: m\n"
        + "      cows: [Cow] @hasMany\n"
        + "      ^", new DiagnosticFormatter(src).format(error("t.graphql", 2, 3, "m")));
  }

  @Test
  void crlfLineEndingsAndTrailingBlanksDoNotLeakIntoTheExcerpt() {
    SourceText src = text("w.graphql", "type A {\r\n  x: Int   \r\n}\r\n");
    assertEquals("w.graphql:2:3: error[ST011]: m\n      x: Int\n      ^",
        new DiagnosticFormatter(src).format(error("w.graphql", 2, 3, "m")));
  }

  @Test
  void columnPastTheEndOfTheLinePutsTheCaretJustAfterIt() {
    SourceText src = text("a.graphql", "type A {\n  x: Int\n}\n");
    assertEquals("a.graphql:2:40: error[ST011]: m\n      x: Int\n            ^",
        new DiagnosticFormatter(src).format(error("a.graphql", 2, 40, "m")));
  }

  @Test
  void columnZeroOrNegativeGoesToTheFirstColumn() {
    SourceText src = text("a.graphql", "type A {\n  x: Int\n}\n");
    assertEquals("a.graphql:2:0: error[ST011]: m\n      x: Int\n    ^",
        new DiagnosticFormatter(src).format(error("a.graphql", 2, 0, "m")));
  }

  @Test
  void emptyLineGetsJustTheCaret() {
    SourceText src = text("a.graphql", "type A {\n\n  x: Int\n}\n");
    assertEquals("a.graphql:2:1: error[ST011]: m\n    \n    ^",
        new DiagnosticFormatter(src).format(error("a.graphql", 2, 1, "m")));
  }

  @Test
  void unknownFileLineOutOfRangeOrNoSourcesGiveTheHeadlineOnly() {
    SourceText src = text("a.graphql", "type A {\n  x: Int\n}\n");
    DiagnosticFormatter f = new DiagnosticFormatter(src);
    assertEquals("b.graphql:2:3: error[ST011]: m", f.format(error("b.graphql", 2, 3, "m")));
    assertEquals("a.graphql:4:1: error[ST011]: m", f.format(error("a.graphql", 4, 1, "m")));
    assertEquals("a.graphql:0:0: error[ST011]: m", f.format(error("a.graphql", 0, 0, "m")));
    assertEquals("<generated>:0:0: error[ST041]: too many",
        f.format(Diagnostic.error("ST041", SourceSpan.NONE, "too many")));
    assertEquals("a.graphql:2:3: error[ST011]: m", new DiagnosticFormatter(null).format(error("a.graphql", 2, 3, "m")));
    assertNull(src.line("a.graphql", 4));
  }

  @Test
  void formatAllEndsWithASingularOrPluralSummary() {
    SourceText src = text("a.graphql", "type A {\n  x: Int\n  y: Int\n}\n");
    DiagnosticFormatter f = new DiagnosticFormatter(src);
    assertEquals("0 errors\n", f.formatAll(List.of()));
    assertEquals("a.graphql:2:3: error[ST011]: first\n      x: Int\n      ^\n1 error\n",
        f.formatAll(List.of(error("a.graphql", 2, 3, "first"))));
    assertEquals("a.graphql:2:3: error[ST011]: first\n      x: Int\n      ^\n"
            + "a.graphql:3:3: error[ST011]: second\n      y: Int\n      ^\n"
            + "2 errors\n",
        f.formatAll(List.of(error("a.graphql", 2, 3, "first"), error("a.graphql", 3, 3, "second"))));
  }

  @Test
  void warningsAreListedButNotCountedAsErrors() {
    Diagnostic w = new Diagnostic(Severity.WARNING, "ST099", "hmm", new SourceSpan("x.graphql", 1, 1));
    assertEquals("x.graphql:1:1: warning[ST099]: hmm\nx.graphql:1:1: error[ST011]: m\n1 error\n",
        new DiagnosticFormatter(new SourceText()).formatAll(List.of(w, error("x.graphql", 1, 1, "m"))));
    assertEquals("x.graphql:1:1: warning[ST099]: hmm\n0 errors\n",
        new DiagnosticFormatter(new SourceText()).formatAll(List.of(w)));
  }

  @Test
  void schemaExceptionFormatsEveryDiagnosticAndCountsThem() {
    SourceText src = text("a.graphql", "type A {\n  x: Int\n}\n");
    SchemaException e = new SchemaException(
        List.of(error("a.graphql", 1, 6, "one"), error("a.graphql", 2, 3, "two")), src);
    assertEquals("schema has 2 errors", e.getMessage());
    assertEquals("a.graphql:1:6: error[ST011]: one\n    type A {\n         ^\n"
        + "a.graphql:2:3: error[ST011]: two\n      x: Int\n      ^\n2 errors\n", e.formatted());
    assertEquals("schema has 1 error",
        new SchemaException(List.of(error("a.graphql", 1, 1, "one")), src).getMessage());
  }

  @Test
  void diagnosticsSortByFileThenLineThenColumnThenCode() {
    Diagnostics ds = new Diagnostics();
    ds.error("ST020", new SourceSpan("b.graphql", 1, 1), "b1");
    ds.error("ST011", new SourceSpan("a.graphql", 10, 1), "a10");
    ds.error("ST013", new SourceSpan("a.graphql", 2, 7), "a2c7");
    ds.error("ST012", new SourceSpan("a.graphql", 2, 3), "a2c3 later code");
    ds.error("ST002", new SourceSpan("a.graphql", 2, 3), "a2c3 earlier code");
    ds.error("ST002", new SourceSpan("a.graphql", 2, 3), "a2c3 earlier code");
    assertEquals(List.of("a2c3 earlier code", "a2c3 later code", "a2c7", "a10", "b1"),
        ds.sorted().stream().map(Diagnostic::message).toList(), "sorted, exact duplicates once");
  }
}
