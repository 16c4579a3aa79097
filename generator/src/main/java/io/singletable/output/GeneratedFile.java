package io.singletable.output;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One rendered file.
 *
 * @param path relative to the output directory, '/'-separated and normalized: not empty, not
 *     absolute, no backslash, no empty, "." or ".." segments, and not {@value OutputWriter#MANIFEST}
 * @param content the exact bytes to write; copied on the way in and on the way out
 */
public record GeneratedFile(String path, byte[] content) {

  /**
   * Validates the path and copies the content.
   *
   * @throws IllegalArgumentException when the path breaks a rule above
   */
  public GeneratedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    PathRules.problem(path).ifPresent(problem -> {
      throw new IllegalArgumentException("invalid output path '" + path + "': " + problem);
    });
    content = content.clone();
  }

  /** A UTF-8 text file; "\r\n" and lone "\r" line ends become "\n". */
  public static GeneratedFile text(String path, String text) {
    Objects.requireNonNull(text, "text");
    String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
    return new GeneratedFile(path, normalized.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of the bytes to write. */
  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The content itself, not a copy, for the writer and the comparison of this package: never modified. */
  byte[] bytes() {
    return content;
  }

  /** Number of content bytes. */
  public int size() {
    return content.length;
  }

  /** Whether {@code bytes} equal this file's content. */
  boolean contentEquals(byte[] bytes) {
    return Arrays.equals(content, bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GeneratedFile that
        && path.equals(that.path)
        && Arrays.equals(content, that.content);
  }

  @Override
  public int hashCode() {
    return 31 * path.hashCode() + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "GeneratedFile[" + path + ", " + content.length + " bytes]";
  }
}
