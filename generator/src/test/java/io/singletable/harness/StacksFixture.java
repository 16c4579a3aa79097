package io.singletable.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The hand-made split backend of {@code src/test/resources/harness-stacks}: a root stack with nested
 * stacks two levels deep and two group stacks importing the root's exports (see its {@code
 * template.yaml}). Tests of broken variants copy it and edit the copy.
 */
final class StacksFixture {

  private StacksFixture() {
  }

  /** The fixture's output directory (holding template.yaml), from the test classpath. */
  static Path outputDir() {
    try {
      return Path.of(Objects.requireNonNull(StacksFixture.class.getResource("/harness-stacks/template.yaml"),
          "harness-stacks/template.yaml on the test classpath").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies the fixture into {@code target} (an empty directory) and returns it. */
  static Path copyTo(Path target) {
    Path source = outputDir();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** Replaces {@code from} (which must occur) by {@code to} in the file {@code relative} of {@code dir}. */
  static void edit(Path dir, String relative, String from, String to) {
    Path file = dir.resolve(relative);
    try {
      String text = Files.readString(file);
      assertTrue(text.contains(from), relative + " contains " + from);
      Files.writeString(file, text.replace(from, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends {@code lines} to the file {@code relative} of {@code dir}. */
  static void append(Path dir, String relative, List<String> lines) {
    try {
      Files.writeString(dir.resolve(relative), String.join("\n", lines) + "\n", java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
