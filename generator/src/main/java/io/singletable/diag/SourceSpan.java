package io.singletable.diag;

/**
 * A position in a schema source: the file name as shown to the user (relative, '/'-separated),
 * 1-based line and column. {@link #NONE} marks elements the generator made up.
 */
public record SourceSpan(String file, int line, int column) implements Comparable<SourceSpan> {

  /** The span of generated elements that have no place in any source. */
  public static final SourceSpan NONE = new SourceSpan("<generated>", 0, 0);

  @Override
  public int compareTo(SourceSpan o) {
    int c = file.compareTo(o.file);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(line, o.line);
    return c != 0 ? c : Integer.compare(column, o.column);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
