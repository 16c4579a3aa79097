package io.singletable.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Golden-file support: compare actual files with a checked-in folder, or rewrite the folder when
 * {@code -Dsingletable.updateGoldens=true}. {@link GoldenGuardTest} fails in CI when the switch is on.
 */
final class Goldens {
  static final String UPDATE_PROPERTY = "singletable.updateGoldens";

  private Goldens() {}

  static boolean updating() {
    return Boolean.parseBoolean(System.getProperty(UPDATE_PROPERTY, "false"));
  }

  static Path samplesDir() {
    String dir = System.getProperty("singletable.samplesDir");
    return dir != null ? Path.of(dir) : Path.of("..", "samples");
  }

  static Path testResources() {
    return Path.of("src", "test", "resources");
  }

  /** Asserts {@code actual} (path to text) equals the files under {@code dir}, ignoring names starting with '.'. */
  static void assertTree(Path dir, Map<String, String> actual) throws IOException {
    Map<String, String> expected = read(dir);
    TreeSet<String> missing = new TreeSet<>(actual.keySet());
    missing.removeAll(expected.keySet());
    TreeSet<String> extra = new TreeSet<>(expected.keySet());
    extra.removeAll(actual.keySet());
    if (!missing.isEmpty() || !extra.isEmpty()) {
      fail("golden " + dir + " differs: files not in golden " + missing + ", golden files not generated " + extra
          + " (rerun with -D" + UPDATE_PROPERTY + "=true and review the diff)");
    }
    for (var e : actual.entrySet()) {
      assertEquals(expected.get(e.getKey()), e.getValue(), "golden " + dir.resolve(e.getKey())
          + " differs (rerun with -D" + UPDATE_PROPERTY + "=true and review the diff)");
    }
  }

  /** Every non-hidden file under dir, by '/'-separated relative path. */
  static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (!rel.startsWith(".") && !rel.contains("/.")) {
          out.put(rel, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  /** Compares one text file with its golden, or rewrites it when updating. */
  static void assertFile(Path golden, String actual) throws IOException {
    if (updating()) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(golden)) {
      fail("missing golden " + golden + " (rerun with -D" + UPDATE_PROPERTY + "=true)");
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "golden " + golden + " differs");
  }
}
