package io.singletable.source;

import io.singletable.diag.Diagnostics;
import io.singletable.diag.SourceSpan;
import io.singletable.diag.SourceText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Loads the user's schema files, sorted by relative path, after the bundled directive SDL. Files are
 * decoded strictly as UTF-8 (a leading byte order mark is dropped): a file that is not valid UTF-8
 * is a located error {@value #NOT_UTF8} at its first bad byte, every such file reported at once.
 */
public final class SchemaSources {
  /** Name under which the bundled directive SDL appears in diagnostics. */
  public static final String DIRECTIVES_NAME = "singletable-directives.graphql";
  /** Code of a schema file that is not valid UTF-8. */
  public static final String NOT_UTF8 = "ST060";

  private SchemaSources() {}

  /**
   * The bundled directive SDL followed by every {@code *.graphql} file of {@code schema} (a file or
   * a folder, searched recursively), sorted by path relative to the folder.
   *
   * @param schema file or folder
   * @param displayBase paths under it are shown relative to it (e.g. the project folder); others,
   *     and all when it is null, relative to the schema folder, so no absolute path is shown
   * @throws IOException when the schema cannot be read or holds no {@code *.graphql} file
   * @throws io.singletable.diag.SchemaException when a file is not valid UTF-8
   */
  public static List<SchemaSource> load(Path schema, Path displayBase) throws IOException {
    List<SchemaSource> out = new ArrayList<>();
    out.add(bundledDirectives());
    Path root = Files.isDirectory(schema) ? schema : schema.toAbsolutePath().getParent();
    Diagnostics diags = new Diagnostics();
    SourceText text = new SourceText();
    for (Path file : schemaFiles(schema)) {
      String name = displayName(file, displayBase, root);
      String content = decode(name, read(file, name), diags);
      text.put(name, content);
      out.add(new SchemaSource(name, content, false));
    }
    diags.throwIfErrors(text);
    return List.copyOf(out);
  }

  /** Larger files are not read: no schema is that large (the parser takes at most 32 M characters). */
  static final long MAX_BYTES = 128L * 1024 * 1024;

  private static byte[] read(Path file, String name) throws IOException {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw unreadable(name, e);
    }
    if (size > MAX_BYTES) {
      throw new IOException("schema file " + name + " has " + size + " bytes; a schema file may have at most "
          + MAX_BYTES + " (is it really a schema?)");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw unreadable(name, e);
    }
  }

  private static IOException unreadable(String name, IOException e) {
    String why = e instanceof AccessDeniedException ? "permission denied"
        : e instanceof NoSuchFileException ? "it disappeared while reading" : e.toString();
    return new IOException("cannot read schema file " + name + ": " + why, e);
  }

  /**
   * The text of a schema file: strict UTF-8 without its byte order mark. On bad input, reports where
   * the first bad byte is (lines counted at '\n', columns in characters, as the parser counts) and
   * returns the text with the bad bytes replaced, for the excerpt.
   */
  static String decode(String name, byte[] bytes, Diagnostics diags) {
    int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    try {
      return strict.decode(in).toString();
    } catch (CharacterCodingException e) {
      // located below
    }
    String replaced = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    strict.reset();
    in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer chars = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = strict.decode(in, chars, true);
    if (!r.isError()) {
      return replaced; // cannot happen: the strict decode above failed
    }
    int bad = in.position();
    int length = r.length();
    chars.flip();
    int line = 1;
    int column = 1;
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
      } else if (!Character.isLowSurrogate(c)) {
        column++;
      }
    }
    int more = countBad(bytes, bad + length) ;
    diags.error(NOT_UTF8, new SourceSpan(name, line, column), "not valid UTF-8: " + describe(bytes, bad, length)
        + (more == 0 ? "" : " (and " + more + " more invalid sequence" + (more == 1 ? "" : "s") + " after it)")
        + "; save the file as UTF-8" + guess(bytes));
    return replaced;
  }

  private static int countBad(byte[] bytes, int from) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
    CharBuffer out = CharBuffer.allocate(bytes.length - from + 1);
    int n = 0;
    while (true) {
      CoderResult r = d.decode(in, out, true);
      if (r.isError()) {
        n++;
        in.position(in.position() + r.length());
      } else {
        return n;
      }
    }
  }

  private static String describe(byte[] bytes, int at, int length) {
    int b = bytes[at] & 0xFF;
    String hex = hex(bytes, at, length);
    if (b >= 0x80 && b <= 0xBF) {
      return "byte " + hex + " continues a character that never started";
    }
    if (b == 0xC0 || b == 0xC1 || b >= 0xF5) {
      return "byte " + hex + " never occurs in UTF-8";
    }
    int expected = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    int end = at + length;
    if (end >= bytes.length) {
      return "byte" + (length == 1 ? " " : "s ") + hex + " start" + (length == 1 ? "s" : "") + " a " + expected
          + "-byte character cut off by the end of the file";
    }
    int next = bytes[end] & 0xFF;
    if (next < 0x80 || next > 0xBF) {
      return "byte" + (length == 1 ? " " : "s ") + hex + " start" + (length == 1 ? "s" : "") + " a " + expected
          + "-byte character, but " + hex(bytes, end, 1) + " does not continue it";
    }
    return "bytes " + hex(bytes, at, Math.min(expected, bytes.length - at))
        + " are not a valid UTF-8 sequence (an overlong form, a surrogate or beyond U+10FFFF)";
  }

  private static String hex(byte[] bytes, int at, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = at; i < at + length && i < bytes.length; i++) {
      sb.append(sb.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "0x%02X", bytes[i] & 0xFF));
    }
    return sb.toString();
  }

  /** A hint at the encoding the file seems to be in. */
  private static String guess(byte[] bytes) {
    if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE
        || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
      return " (it starts with a UTF-16 byte order mark)";
    }
    return "";
  }

  /** The generator's directive SDL. */
  public static SchemaSource bundledDirectives() {
    try (InputStream in = SchemaSources.class.getResourceAsStream("directives.graphql")) {
      if (in == null) {
        throw new IllegalStateException("directives.graphql missing from the generator jar");
      }
      return new SchemaSource(DIRECTIVES_NAME, new String(in.readAllBytes(), StandardCharsets.UTF_8), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> schemaFiles(Path schema) throws IOException {
    if (Files.isRegularFile(schema)) {
      return List.of(schema);
    }
    if (!Files.isDirectory(schema)) {
      throw new IOException("schema not found: " + schema + " (set singletable.schema to a .graphql file or a folder)");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(schema)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".graphql"))
          .sorted(Comparator.comparing(p -> slashed(schema.relativize(p))))
          .toList();
    } catch (UncheckedIOException e) {
      throw new IOException("cannot list the schema folder " + schema + ": " + e.getCause(), e.getCause());
    }
    if (files.isEmpty()) {
      throw new IOException("no *.graphql file under " + schema);
    }
    return files;
  }

  /** Relative to {@code displayBase} when the file is under it, else relative to the schema folder. */
  static String displayName(Path file, Path displayBase, Path schemaRoot) {
    Path abs = file.toAbsolutePath().normalize();
    for (Path base : new Path[] {displayBase, schemaRoot}) {
      if (base != null && abs.startsWith(base.toAbsolutePath().normalize())) {
        return slashed(base.toAbsolutePath().normalize().relativize(abs));
      }
    }
    return slashed(file.getFileName());
  }

  private static String slashed(Path p) {
    return p.toString().replace('\\', '/');
  }
}
