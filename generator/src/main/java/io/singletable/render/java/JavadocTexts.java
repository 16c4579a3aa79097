package io.singletable.render.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Javadoc kept out of JavaPoet: most of the generated Java is Javadoc, and JavaPoet formats every line of it twice
 * (a pass collecting imports, then the text) with a regular expression per fragment. A text registered here is
 * handed to JavaPoet as a one-line placeholder carrying only the types the text links to, so that JavaPoet imports
 * (or qualifies) them exactly as for the full text; {@link #expand} then puts the text in place of the placeholder,
 * laid out line by line as JavaPoet lays out Javadoc, using the names JavaPoet chose for the types. The output is
 * the same, byte for byte, as JavaPoet's for the full text. Thread-safe: one instance serves every file of a schema.
 */
final class JavadocTexts {
  private static final String MARK = "@@singletable-javadoc:";
  /** JavaPoet's line break: CodeWriter splits emitted text on it. */
  private static final Pattern LINE_BREAK = Pattern.compile("\\R");

  /** A registered text: {@code pieces} interleaved with the types at {@code refs} (indexes into the placeholder's). */
  private record Entry(String[] pieces, int[] refs) {}

  private final Map<Integer, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  /**
   * The placeholder of the Javadoc text {@code pieces[0] types[0] pieces[1] … pieces[n]} (one more piece than
   * types), each type written as JavaPoet writes {@code $T} in the file.
   */
  CodeBlock placeholder(List<String> pieces, List<ClassName> types) {
    if (pieces.size() != types.size() + 1) {
      throw new IllegalArgumentException("pieces must be one more than types");
    }
    if (types.isEmpty() && pieces.get(0).isEmpty()) {
      return CodeBlock.builder().build(); // JavaPoet writes no Javadoc for an empty text
    }
    List<ClassName> distinct = new ArrayList<>();
    int[] refs = new int[types.size()];
    for (int i = 0; i < types.size(); i++) {
      int at = distinct.indexOf(types.get(i));
      if (at < 0) {
        at = distinct.size();
        distinct.add(types.get(i));
      }
      refs[i] = at;
    }
    int id = ids.getAndIncrement();
    entries.put(id, new Entry(pieces.toArray(new String[0]), refs));
    return CodeBlock.of(MARK + id + "@@" + " $T".repeat(distinct.size()), distinct.toArray());
  }

  /** {@code source} (a file as JavaPoet wrote it) with every placeholder line replaced by its text's Javadoc lines. */
  String expand(String source) {
    int mark = source.indexOf(MARK);
    if (mark < 0) {
      return source;
    }
    StringBuilder out = new StringBuilder(source.length() * 2);
    int done = 0;
    while (mark >= 0) {
      int lineStart = source.lastIndexOf('\n', mark) + 1;
      int lineEnd = source.indexOf('\n', mark);
      String prefix = source.substring(lineStart, mark);
      if (lineEnd < 0 || !prefix.endsWith(" * ") || !prefix.substring(0, prefix.length() - 3).isBlank()) {
        throw new IllegalStateException("a Javadoc placeholder JavaPoet did not write on a line of its own: "
            + source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd));
      }
      String indent = prefix.substring(0, prefix.length() - 3);
      String[] fields = source.substring(mark + MARK.length(), lineEnd).split(" ", -1);
      int id = Integer.parseInt(fields[0].substring(0, fields[0].length() - 2));
      Entry e = entries.get(id);
      if (e == null || fields.length - 1 < (e.refs.length == 0 ? 0 : max(e.refs) + 1)) {
        throw new IllegalStateException("unknown Javadoc placeholder " + fields[0]);
      }
      StringBuilder text = new StringBuilder(e.pieces[0]);
      for (int i = 0; i < e.refs.length; i++) {
        text.append(fields[1 + e.refs[i]]).append(e.pieces[i + 1]);
      }
      out.append(source, done, lineStart);
      layOut(text.toString(), indent, out);
      done = lineEnd + 1;
      mark = source.indexOf(MARK, done);
    }
    return out.append(source, done, source.length()).toString();
  }

  private static int max(int[] values) {
    int m = 0;
    for (int v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** The Javadoc lines of {@code text}, as JavaPoet's CodeWriter writes them between the {@code /**} and its end. */
  private static void layOut(String text, String indent, StringBuilder out) {
    boolean trailingNewline = true;
    boolean first = true;
    for (String line : LINE_BREAK.split(text, -1)) {
      if (!first) {
        if (trailingNewline) {
          out.append(indent).append(" *");
        }
        out.append('\n');
        trailingNewline = true;
      }
      first = false;
      if (line.isEmpty()) {
        continue;
      }
      if (trailingNewline) {
        out.append(indent).append(" * ");
      }
      out.append(line);
      trailingNewline = false;
    }
    if (!trailingNewline) {
      out.append('\n');
    }
  }
}
