package io.singletable.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.diag.Diagnostic;
import io.singletable.diag.SchemaException;
import io.singletable.model.KeyStrategy;
import io.singletable.source.SchemaSources;
import io.singletable.validate.SchemaRule;
import io.singletable.validate.SchemaValidator;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Negative goldens: every folder under {@code src/test/resources/diagnostics} is a schema with
 * mistakes (one or more {@code *.graphql} files, loaded as a folder) and the exact diagnostics
 * text the generator must report for it ({@code expected-diagnostics.txt}). An optional
 * {@code options.properties} sets generator options ({@code maxIndexes}, {@code keyStrategy},
 * {@code packageName}); an optional {@code singletable.lock} is the lock the schema is generated against (its
 * lines may be where a diagnostic points, and it must stay as it was). With {@code -Dsingletable.updateGoldens=true} the expected files are
 * rewritten instead of checked: review every change.
 */
@ResourceLock("singletable.goldens") // goldens: never read while -Dsingletable.updateGoldens=true rewrites them
class DiagnosticGoldenTest {
  static final String EXPECTED = "expected-diagnostics.txt";
  static final String OPTIONS = "options.properties";
  static final String LOCK = "singletable.lock";
  private static final Set<String> OPTION_KEYS = Set.of("maxIndexes", "keyStrategy", "packageName");
  private static final Pattern HEADLINE =
      Pattern.compile("^(?<file>[^\\s:]+):(?<line>\\d+):(?<col>\\d+): error\\[(?<code>ST\\d{3})\\]: .+$",
          Pattern.MULTILINE);

  static Path casesDir() {
    return Goldens.testResources().resolve("diagnostics");
  }

  static List<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(casesDir())) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheExpectedDiagnostics(String name, @TempDir Path temp) throws IOException {
    Path caseDir = casesDir().resolve(name);
    Path out = temp.resolve("out");
    GeneratorOptions options = options(caseDir, out);

    // loading is part of it: a file that is not UTF-8 is reported while loading (ST060)
    SchemaException e = assertThrows(SchemaException.class,
        () -> new Generator().plan(SchemaSources.load(caseDir, caseDir), options),
        name + ": the schema must be rejected");
    String formatted = e.formatted();
    Goldens.assertFile(caseDir.resolve(EXPECTED), formatted);

    List<Diagnostic> diagnostics = e.diagnostics();
    assertFalse(diagnostics.isEmpty(), "a rejected schema reports at least one diagnostic");
    assertEquals(diagnostics.stream().sorted(Diagnostic.ORDER).toList(), diagnostics,
        "diagnostics come sorted by file, line and column");
    Set<String> userFiles = new TreeSet<>();
    try (Stream<Path> files = Files.list(caseDir)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".graphql") || n.equals(LOCK))
          .forEach(userFiles::add);
    }
    for (Diagnostic d : diagnostics) {
      assertTrue(userFiles.contains(d.span().file()) && d.span().line() >= 1 && d.span().column() >= 1,
          "every diagnostic points into one of the case's own files " + userFiles + ": " + d);
    }
    assertTrue(formatted.endsWith(diagnostics.size() + (diagnostics.size() == 1 ? " error\n" : " errors\n")),
        "summary line counts the errors");
    assertFalse(Files.exists(out), "plan() writes nothing");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void generateLeavesThePreviousOutputAsItWas(String name, @TempDir Path temp) throws IOException {
    Path caseDir = casesDir().resolve(name);
    Path out = temp.resolve("out");
    Path previous = out.resolve("template.yaml");
    Files.createDirectories(out);
    Files.writeString(previous, "# previous output\n", StandardCharsets.UTF_8);
    GeneratorOptions options = options(caseDir, out);
    Path lock = caseDir.resolve(LOCK);
    byte[] lockBefore = Files.exists(lock) ? Files.readAllBytes(lock) : null;

    SchemaException planned = assertThrows(SchemaException.class,
        () -> new Generator().plan(SchemaSources.load(caseDir, caseDir), options));
    SchemaException e = assertThrows(SchemaException.class, () -> new Generator().generate(options));

    assertEquals(planned.formatted(), e.formatted(), "generate() reports what plan() reports");
    try (Stream<Path> walk = Files.walk(out)) {
      assertEquals(List.of(previous), walk.filter(p -> !p.equals(out)).toList(), "no file appeared or vanished");
    }
    assertEquals("# previous output\n", Files.readString(previous, StandardCharsets.UTF_8), "previous file unchanged");
    if (lockBefore != null) {
      assertEquals(new String(lockBefore, StandardCharsets.UTF_8), Files.readString(lock, StandardCharsets.UTF_8),
          "the lock is left as it was");
    }
  }

  @Test
  void everyCodeHasANegativeGolden() throws IOException {
    Set<String> required = new TreeSet<>(Set.of("ST001", "ST007", "ST041", "ST044"));
    for (SchemaRule rule : SchemaValidator.rules()) {
      required.add(rule.code());
    }
    Set<String> covered = new TreeSet<>();
    for (String name : cases()) {
      Path expected = casesDir().resolve(name).resolve(EXPECTED);
      if (Files.exists(expected)) {
        covered.addAll(codes(Files.readString(expected, StandardCharsets.UTF_8)));
      }
    }
    Set<String> missing = new TreeSet<>(required);
    missing.removeAll(covered);
    assertEquals(Set.of(), missing, "codes without a case under " + casesDir());
    assertTrue(required.size() >= 26, "the rule list shrank: " + required);
  }

  @Test
  void everyCaseFolderIsComplete() throws IOException {
    List<String> problems = new ArrayList<>();
    for (String name : cases()) {
      Path dir = casesDir().resolve(name);
      try (Stream<Path> files = Files.list(dir)) {
        List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
        if (names.stream().noneMatch(n -> n.endsWith(".graphql"))) {
          problems.add(name + ": no *.graphql file");
        }
        if (!names.contains(EXPECTED)) {
          problems.add(name + ": no " + EXPECTED);
        }
        names.stream().filter(n -> !n.endsWith(".graphql") && !n.equals(EXPECTED) && !n.equals(OPTIONS)
            && !n.equals(LOCK))
            .forEach(n -> problems.add(name + ": unexpected file " + n));
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void severalMistakesAreReportedTogetherAcrossFiles() throws IOException {
    String text = Files.readString(casesDir().resolve("several-mistakes").resolve(EXPECTED), StandardCharsets.UTF_8);
    Matcher m = HEADLINE.matcher(text);
    Set<String> files = new TreeSet<>();
    Set<String> codes = new TreeSet<>();
    while (m.find()) {
      files.add(m.group("file"));
      codes.add(m.group("code"));
    }
    assertTrue(files.size() >= 2, "errors in two files: " + files);
    assertTrue(codes.size() >= 5, "at least five different mistakes: " + codes);
  }

  @Test
  void headlinePatternRecognisesTheFormat() {
    assertEquals(Set.of("ST011"), codes("schema.graphql:3:5: error[ST011]: x\n    y\n    ^\n1 error\n"));
  }

  private static Set<String> codes(String expected) {
    Set<String> out = new TreeSet<>();
    Matcher m = HEADLINE.matcher(expected);
    while (m.find()) {
      out.add(m.group("code"));
    }
    return out;
  }

  /** Options for a case: schema and display base are the case folder; {@code options.properties} if present. */
  static GeneratorOptions options(Path caseDir, Path out) throws IOException {
    Properties p = new Properties();
    Path file = caseDir.resolve(OPTIONS);
    if (Files.exists(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      for (String key : p.stringPropertyNames()) {
        if (!OPTION_KEYS.contains(key)) {
          fail(file + ": unknown option " + key + " (known: " + new TreeSet<>(OPTION_KEYS) + ")");
        }
      }
    }
    GeneratorOptions options = new GeneratorOptions(caseDir, caseDir, out, p.getProperty("packageName"),
        KeyStrategy.valueOf(p.getProperty("keyStrategy", "NODE")),
        Integer.parseInt(p.getProperty("maxIndexes", "20").trim()), null);
    Path lock = caseDir.resolve(LOCK);
    return Files.exists(lock) ? options.withLock(lock, false) : options;
  }
}
