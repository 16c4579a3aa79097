package io.singletable.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Compares an output directory with what {@link OutputWriter} would make of a plan, without writing:
 * the {@code check} goal and frozen mode use it so that CI catches generated files that are stale
 * (the schema changed but nobody regenerated) or edited by hand.
 */
public final class OutputComparison {

  private OutputComparison() {}

  /** One file that differs, and how. */
  public record Difference(String path, Kind kind) {
    @Override
    public String toString() {
      return path + ": " + kind.text;
    }
  }

  /** How a file differs from what {@code generate} would write. */
  public enum Kind {
    /** Planned but absent. */
    MISSING("missing; generate would write it"),
    /** Present with other bytes (edited by hand, or generated from another schema). */
    CHANGED("differs from what generate would write (edited by hand, or generated from another schema)"),
    /** Owned by a previous run (listed in the manifest) but no longer generated. */
    STALE("no longer generated; generate would delete it"),
    /** Planned where a directory stands. */
    BLOCKED("is a directory where generate would write a file");

    private final String text;

    Kind(String text) {
      this.text = text;
    }
  }

  /**
   * Every difference between {@code outputDirectory} and {@code plan}, sorted by path: planned files
   * missing or with other bytes, files of the manifest that are no longer planned, and the manifest
   * itself. Files the generator does not own are not looked at. An empty list means that {@code
   * generate} would change nothing.
   *
   * @throws IOException when the directory cannot be read
   */
  public static List<Difference> compare(Path outputDirectory, OutputPlan plan) throws IOException {
    Path root = outputDirectory.toAbsolutePath().normalize();
    SortedSet<String> planned = new TreeSet<>();
    List<Difference> out = new ArrayList<>();
    for (GeneratedFile file : plan.files()) {
      planned.add(file.path());
      kindOf(root.resolve(file.path()), file.bytes()).ifPresent(k -> out.add(new Difference(file.path(), k)));
    }
    Path manifest = root.resolve(OutputWriter.MANIFEST);
    Set<String> owned = Files.isDirectory(root) ? Manifest.read(manifest) : Set.of();
    for (String path : owned) {
      if (!planned.contains(path) && Files.exists(root.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
        out.add(new Difference(path, Kind.STALE));
      }
    }
    kindOf(manifest, Manifest.render(planned)).ifPresent(k -> out.add(new Difference(OutputWriter.MANIFEST, k)));
    out.sort(java.util.Comparator.comparing(Difference::path));
    return List.copyOf(out);
  }

  private static java.util.Optional<Kind> kindOf(Path file, byte[] expected) throws IOException {
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      return java.util.Optional.of(Kind.BLOCKED);
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return java.util.Optional.of(Kind.MISSING);
    }
    if (Files.size(file) != expected.length || !Arrays.equals(Files.readAllBytes(file), expected)) {
      return java.util.Optional.of(Kind.CHANGED);
    }
    return java.util.Optional.empty();
  }
}
