package io.singletable.render.java;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The singletable runtime: the Java that is the same for every schema (SPEC §5), kept as ordinary sources
 * in {@code generator/src/runtime/java/io/singletable/runtime}, compiled and tested there, packaged as
 * resources under {@value #ROOT}, and copied into {@code <packageName>.runtime} with only the package line
 * changed.
 */
public final class RuntimeSources {
  /** The package of the runtime in the repository. */
  public static final String PACKAGE = "io.singletable.runtime";
  /** Where the sources are packaged in the generator's jar. */
  static final String ROOT = "singletable-runtime/io/singletable/runtime/";
  /** Every runtime source file, in order; {@code RuntimeSourcesTest} checks it against the folder. */
  public static final List<String> FILES = List.of("AsyncTableAccess.java", "ConflictException.java", "DataAccessException.java", "Direction.java", "InvalidIdException.java", "ItemSchema.java", "ItemValues.java", "LinkHead.java", "MigrationRunner.java", "NotFoundException.java", "NotUniqueException.java", "Page.java", "PageRequest.java", "PendingWrites.java", "ReadConsistency.java", "RetryPolicy.java", "SchemaBackfill.java", "SortRange.java", "SortedLink.java", "TableAccess.java", "TableRequests.java", "TransactionConflictException.java", "UniqueKey.java", "ValidationErrorException.java", "VersionConflictException.java");

  private static final String PACKAGE_LINE = "package " + PACKAGE + ";\n";

  private RuntimeSources() {
  }

  /** The runtime package for generated code in {@code packageName}. */
  static String runtimePackage(String packageName) {
    return packageName + ".runtime";
  }

  /**
   * Each runtime file's name and text for {@code packageName}'s runtime package.
   *
   * @throws IllegalStateException when a packaged source is missing or has no package line
   */
  public static Map<String, String> render(String packageName) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String file : FILES) {
      String text = read(file);
      int at = text.indexOf(PACKAGE_LINE);
      if (at < 0 || text.indexOf(PACKAGE_LINE, at + 1) >= 0) {
        throw new IllegalStateException("runtime source " + file + " has no single '" + PACKAGE_LINE.strip() + "'");
      }
      out.put(file, text.substring(0, at) + "package " + runtimePackage(packageName) + ";\n"
          + text.substring(at + PACKAGE_LINE.length()));
    }
    return out;
  }

  private static String read(String file) {
    try (InputStream in = RuntimeSources.class.getClassLoader().getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new IllegalStateException("runtime source " + ROOT + file + " is not packaged with the generator");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read runtime source " + file, e);
    }
  }
}
