package io.singletable.parse;

import graphql.language.DescribedNode;
import graphql.language.Description;
import graphql.language.Node;
import io.singletable.diag.SourceSpan;
import io.singletable.diag.SourceText;

/**
 * Where to report a problem with a node. graphql-java places a described node (a field, argument,
 * type with a {@code "doc string"}) at the start of its description; diagnostics point at the
 * definition itself instead: the first token after the description (the field name, or the
 * {@code type}/{@code scalar}… keyword). Other nodes keep their own location.
 */
public final class Spans {
  private Spans() {}

  /** Where to report a problem with {@code node}. */
  public static SourceSpan of(SchemaIndex index, Node<?> node) {
    SourceSpan start = SchemaIndex.span(node);
    if (!(node instanceof DescribedNode<?> described) || described.getDescription() == null
        || start.equals(SourceSpan.NONE)) {
      return start;
    }
    Description description = described.getDescription();
    SourceSpan from = description.getSourceLocation() == null ? start
        : SchemaParser.span(description.getSourceLocation());
    SourceSpan after = skipDescription(index.parsed().sources(), from);
    return after == null ? start : after;
  }

  /** The position of the first token after the string starting at {@code at}, or null if it cannot be found. */
  public static SourceSpan skipDescription(SourceText text, SourceSpan at) {
    Cursor c = new Cursor(text, at.file(), at.line(), at.column());
    if (c.peek(0) != '"') {
      return null;
    }
    if (c.peek(1) == '"' && c.peek(2) == '"') {
      c.advance(3);
      while (true) {
        int ch = c.peek(0);
        if (ch == Cursor.EOF) {
          return null;
        } else if (ch == '\\' && c.peek(1) == '"' && c.peek(2) == '"' && c.peek(3) == '"') {
          c.advance(4);
        } else if (ch == '"' && c.peek(1) == '"' && c.peek(2) == '"') {
          c.advance(3);
          break;
        } else {
          c.advance(1);
        }
      }
    } else {
      c.advance(1);
      while (true) {
        int ch = c.peek(0);
        if (ch == Cursor.EOF || ch == '\n') {
          return null;
        } else if (ch == '\\') {
          c.advance(2);
        } else if (ch == '"') {
          c.advance(1);
          break;
        } else {
          c.advance(1);
        }
      }
    }
    while (true) { // ignored tokens: white space, line ends, commas, comments
      int ch = c.peek(0);
      if (ch == Cursor.EOF) {
        return null;
      } else if (ch == ' ' || ch == '\t' || ch == '\n' || ch == ',' || ch == '\uFEFF') {
        c.advance(1);
      } else if (ch == '#') {
        c.nextLine();
      } else {
        return new SourceSpan(at.file(), c.line, c.column);
      }
    }
  }

  /** A position in the source text; a line end reads as '\n'. */
  private static final class Cursor {
    static final int EOF = -1;
    private final SourceText text;
    private final String file;
    int line;
    int column;

    Cursor(SourceText text, String file, int line, int column) {
      this.text = text;
      this.file = file;
      this.line = line;
      this.column = column;
    }

    int peek(int ahead) {
      int l = line;
      int col = column;
      for (int i = 0; i < ahead; i++) {
        String s = text.line(file, l);
        if (s == null) {
          return EOF;
        }
        if (col > s.length()) {
          l++;
          col = 1;
        } else {
          col++;
        }
      }
      String s = text.line(file, l);
      if (s == null) {
        return EOF;
      }
      return col > s.length() ? '\n' : s.charAt(col - 1);
    }

    void advance(int n) {
      for (int i = 0; i < n; i++) {
        String s = text.line(file, line);
        if (s == null) {
          return;
        }
        if (column > s.length()) {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
    }

    void nextLine() {
      line++;
      column = 1;
    }
  }
}
