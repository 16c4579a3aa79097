package io.singletable.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Loads the user's schema files, sorted by relative path, after the bundled directive SDL. */
public final class SchemaSources {
  /** Name under which the bundled directive SDL appears in diagnostics. */
  public static final String DIRECTIVES_NAME = "singletable-directives.graphql";

  private SchemaSources() {}

  /**
   * The bundled directive SDL followed by every {@code *.graphql} file of {@code schema} (a file or
   * a folder, searched recursively), sorted by path relative to the folder.
   *
   * @param schema file or folder
   * @param displayBase paths under it are shown relative to it (e.g. the project folder); others,
   *     and all when it is null, relative to the schema folder, so no absolute path is shown
   * @throws IOException when the schema cannot be read or holds no {@code *.graphql} file
   */
  public static List<SchemaSource> load(Path schema, Path displayBase) throws IOException {
    List<SchemaSource> out = new ArrayList<>();
    out.add(bundledDirectives());
    Path root = Files.isDirectory(schema) ? schema : schema.toAbsolutePath().getParent();
    for (Path file : schemaFiles(schema)) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      out.add(new SchemaSource(displayName(file, displayBase, root), text, false));
    }
    return List.copyOf(out);
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
      throw new IOException("schema not found: " + schema);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(schema)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".graphql"))
          .sorted(Comparator.comparing(p -> slashed(schema.relativize(p))))
          .toList();
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
