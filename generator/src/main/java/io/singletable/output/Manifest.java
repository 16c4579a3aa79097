package io.singletable.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/** Reads and renders the list of generator-owned paths kept in {@value OutputWriter#MANIFEST}. */
final class Manifest {

  /** First line of every manifest. */
  static final String HEADER = "# files written by singletable; do not edit";

  private Manifest() {}

  /**
   * The owned paths listed in {@code manifest}; empty when it does not exist. Blank lines, comments
   * and unsafe paths (absolute, "..", ...) are ignored.
   */
  static SortedSet<String> read(Path manifest) throws IOException {
    SortedSet<String> owned = new TreeSet<>();
    if (!Files.exists(manifest)) {
      return owned;
    }
    if (!Files.isRegularFile(manifest)) {
      throw new IOException("cannot read the singletable manifest " + manifest + ": not a regular file");
    }
    for (String line : Files.readString(manifest, StandardCharsets.UTF_8).lines().toList()) {
      String path = line.strip();
      if (!path.isEmpty() && !path.startsWith("#") && PathRules.isSafe(path)) {
        owned.add(path);
      }
    }
    return owned;
  }

  /** The manifest bytes for {@code paths}: header, then the paths sorted, each line ending in '\n'. */
  static byte[] render(Collection<String> paths) {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    new TreeSet<>(paths).forEach(path -> text.append(path).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
