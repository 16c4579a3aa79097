package io.singletable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generator's packages depend forward through its stages, so that each stage can be read (and
 * replaced) knowing only the ones before it:
 *
 * <pre>
 *   source → parse → validate → model.build → lock → render → output      (the façade Generator on top)
 * </pre>
 *
 * <ul>
 *   <li>{@code diag} (findings) and {@code model} (the immutable vocabulary every later stage shares:
 *       records, enums, naming rules, the storage layout) are leaves: {@code diag} imports nothing of
 *       the generator, {@code model} only {@code diag}, and every stage may import them;</li>
 *   <li>a stage imports leaves, itself and earlier stages, never a later one;</li>
 *   <li>the renderers ({@code render.docs}, {@code render.java}, {@code render.sam}, {@code
 *       render.schema}, {@code render.vtl}) share only {@code render} itself (the template engine, the
 *       resolver list): no renderer imports another renderer's package;</li>
 *   <li>nothing imports the façade ({@code io.singletable}).</li>
 * </ul>
 *
 * Every reference counts: imports, static imports and qualified names in code and Javadoc. A
 * package the table below does not name fails the test until it is placed.
 */
class PackageDependencyTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final String ROOT = "io.singletable";

  /** Leaves, with what each may import. */
  private static final Map<String, List<String>> LEAVES = Map.of(
      "diag", List.of(),
      "model", List.of("diag"));

  /** Stages in order; a stage imports only leaves and stages up to its own rank. */
  private static final List<String> STAGES = List.of(
      "source", "parse", "validate", "model.build", "lock", "render", "output");

  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
  /** {@code io.singletable.<package>.<Type>} anywhere: imports, static imports, qualified names, links. */
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.singletable((?:\\.[a-z]\\w*)*)\\.[A-Z]");

  @Test
  void everyDependencyPointsForward() throws IOException {
    List<String> violations = new ArrayList<>();
    int files = 0;
    int references = 0;
    try (Stream<Path> paths = Files.walk(MAIN)) {
      for (Path p : paths.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        files++;
        String text = Files.readString(p, StandardCharsets.UTF_8);
        references += references(text).size();
        violations.addAll(check(MAIN.relativize(p).toString().replace('\\', '/'), text));
      }
    }
    assertTrue(files > 100, "found only " + files + " sources under " + MAIN.toAbsolutePath());
    assertTrue(references > 300, "found only " + references + " references between the generator's packages");
    assertEquals(List.of(), violations, "backward or cross-renderer dependencies:\n" + String.join("\n", violations));
  }

  @Test
  void reportsBackwardCrossRendererAndUnplacedDependencies() {
    assertEquals(List.of("io/singletable/validate/X.java: validate imports model.build (io.singletable.model.build.OperationScan): "
            + "a later stage"),
        check("io/singletable/validate/X.java", "package io.singletable.validate;\n"
            + "import io.singletable.model.build.OperationScan;\nimport io.singletable.parse.SchemaIndex;\n"
            + "import io.singletable.model.OperationKind;\nimport io.singletable.diag.Diagnostics;\n"));
    assertEquals(List.of("io/singletable/render/java/X.java: render.java imports render.vtl "
            + "(io.singletable.render.vtl.VtlRenderer): another renderer's package"),
        check("io/singletable/render/java/X.java", "package io.singletable.render.java;\n"
            + "import io.singletable.render.TemplateEngine;\nclass X { Object v = io.singletable.render.vtl.VtlRenderer.DIR; }\n"));
    assertEquals(List.of("io/singletable/model/X.java: model imports parse (io.singletable.parse.SchemaIndex): "
            + "model may import only [diag]"),
        check("io/singletable/model/X.java", "package io.singletable.model;\nimport static io.singletable.parse.SchemaIndex.unwrap;\n"));
    assertEquals(List.of("io/singletable/lock/X.java: lock imports the façade (io.singletable.Generator)"),
        check("io/singletable/lock/X.java", "package io.singletable.lock;\n/** {@link io.singletable.Generator} */\n"));
    assertEquals(List.of("io/singletable/extra/X.java: package extra is in no stage: place it in PackageDependencyTest"),
        check("io/singletable/extra/X.java", "package io.singletable.extra;\n"));
    assertEquals(List.of(), check("io/singletable/render/sam/X.java", "package io.singletable.render.sam;\n"
        + "import io.singletable.render.ResolverModel;\nimport io.singletable.model.ServiceModel;\n"
        + "import io.singletable.render.sam.StackPlan;\nimport io.singletable.parse.SchemaIndex;\n"));
  }

  /** The violations of one source file, each naming the file, the two packages and the reference. */
  static List<String> check(String file, String text) {
    Matcher m = PACKAGE.matcher(text);
    if (!m.find()) {
      return List.of(file + ": no package line");
    }
    String from = relative(m.group(1));
    if (from == null) {
      return List.of(file + ": package " + m.group(1) + " is outside " + ROOT);
    }
    if (!from.isEmpty() && !LEAVES.containsKey(from) && stage(from) < 0) {
      return List.of(file + ": package " + from + " is in no stage: place it in PackageDependencyTest");
    }
    List<String> out = new ArrayList<>();
    for (Reference r : references(text)) {
      String problem = problem(from, r.pkg());
      if (problem != null) {
        out.add(file + ": " + (from.isEmpty() ? "the façade" : from) + " imports "
            + (r.pkg().isEmpty() ? "the façade" : r.pkg()) + " (" + r.name() + ")" + problem);
      }
    }
    return out.stream().distinct().toList();
  }

  /** Why {@code from} may not import {@code to}, or null when it may. */
  private static String problem(String from, String to) {
    if (from.equals(to) || from.isEmpty()) {
      return null;
    }
    if (to.isEmpty()) {
      return "";
    }
    if (LEAVES.containsKey(from)) {
      return LEAVES.get(from).contains(to) ? null : ": " + from + " may import only " + LEAVES.get(from);
    }
    if (LEAVES.containsKey(to)) {
      return null;
    }
    int toRank = stage(to);
    if (toRank < 0) {
      return ": a package in no stage";
    }
    if (toRank > stage(from)) {
      return ": a later stage";
    }
    if (from.startsWith("render.") && to.startsWith("render.") && !renderer(from).equals(renderer(to))) {
      return ": another renderer's package";
    }
    return null;
  }

  /** The rank of a package's stage (its longest listed prefix), or -1. */
  private static int stage(String pkg) {
    int best = -1;
    int bestLength = -1;
    for (int i = 0; i < STAGES.size(); i++) {
      String s = STAGES.get(i);
      if ((pkg.equals(s) || pkg.startsWith(s + ".")) && s.length() > bestLength) {
        best = i;
        bestLength = s.length();
      }
    }
    return best;
  }

  /** {@code render.java.x} → {@code render.java}. */
  private static String renderer(String pkg) {
    String[] parts = pkg.split("\\.");
    return parts.length > 1 ? parts[0] + "." + parts[1] : pkg;
  }

  /** {@code io.singletable.a.b} → {@code a.b}; {@code io.singletable} → empty; else null. */
  private static String relative(String pkg) {
    if (pkg.equals(ROOT)) {
      return "";
    }
    return pkg.startsWith(ROOT + ".") ? pkg.substring(ROOT.length() + 1) : null;
  }

  private record Reference(String pkg, String name) {}

  private static List<Reference> references(String text) {
    List<Reference> out = new ArrayList<>();
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      String pkg = m.group(1).isEmpty() ? "" : m.group(1).substring(1);
      int end = m.end();
      while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
        end++;
      }
      out.add(new Reference(pkg, text.substring(m.start(), end)));
    }
    return out;
  }

  @Test
  void everyPackageIsPlaced() throws IOException {
    TreeSet<String> unplaced = new TreeSet<>();
    try (Stream<Path> dirs = Files.walk(MAIN.resolve("io/singletable"))) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        String pkg = MAIN.resolve("io/singletable").relativize(d).toString().replace('\\', '/').replace('/', '.');
        boolean hasSources;
        try (Stream<Path> list = Files.list(d)) {
          hasSources = list.anyMatch(f -> f.toString().endsWith(".java"));
        }
        if (hasSources && !pkg.isEmpty() && !LEAVES.containsKey(pkg) && stage(pkg) < 0) {
          unplaced.add(pkg);
        }
      }
    }
    assertEquals(new TreeSet<>(), unplaced, "packages in no stage");
  }
}
