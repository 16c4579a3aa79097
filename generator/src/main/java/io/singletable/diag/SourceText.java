package io.singletable.diag;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The text of every schema source by file name, so diagnostics can quote the offending line. */
public final class SourceText {
  private final Map<String, List<String>> lines = new TreeMap<>();

  /** Registers a source under the name used in {@link SourceSpan#file()}. */
  public void put(String file, String content) {
    lines.put(file, content.lines().toList());
  }

  /** The 1-based line of a file, or null when unknown. */
  public String line(String file, int line) {
    List<String> l = lines.get(file);
    if (l == null || line < 1 || line > l.size()) {
      return null;
    }
    return l.get(line - 1);
  }
}
