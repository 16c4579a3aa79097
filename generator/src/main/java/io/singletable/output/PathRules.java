package io.singletable.output;

import java.util.Optional;
import java.util.regex.Pattern;

/** Rules for the relative paths the generator may own inside its output directory. */
final class PathRules {

  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

  private PathRules() {}

  /**
   * Why {@code path} is not a safe output path, or empty when it is: relative, '/'-separated,
   * normalized (no empty, "." or ".." segments) and not the manifest itself.
   */
  static Optional<String> problem(String path) {
    if (path.isEmpty()) {
      return Optional.of("is empty");
    }
    if (path.indexOf('\\') >= 0) {
      return Optional.of("contains a backslash; use '/'");
    }
    if (path.indexOf('\0') >= 0) {
      return Optional.of("contains a NUL character");
    }
    if (path.startsWith("/") || DRIVE.matcher(path).matches()) {
      return Optional.of("is absolute");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        return Optional.of("has an empty segment");
      }
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of("has a '" + segment + "' segment");
      }
    }
    if (path.equals(OutputWriter.MANIFEST)) {
      return Optional.of("is reserved for the manifest");
    }
    return Optional.empty();
  }

  /** Whether {@code path} passes {@link #problem(String)}. */
  static boolean isSafe(String path) {
    return problem(path).isEmpty();
  }
}
