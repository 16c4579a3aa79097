package io.singletable.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The README's Diagnostics table (one row {@code | STnnn | check |} per code) against the rules: every code the
 * generator can emit (an {@code "STnnn"} literal in {@code src/main/java}) or that a negative golden expects
 * ({@code src/test/resources/diagnostics/}) has exactly one row, in ascending order; every row's code is
 * emitted; codes the README names elsewhere exist; and every emitted code has a negative golden.
 */
@ResourceLock("singletable.goldens") // goldens: never read while -Dsingletable.updateGoldens=true rewrites them
class ReadmeDiagnosticsTableTest {

  private static final Path MAIN_SOURCES = Path.of("src", "main", "java");
  private static final Pattern CODE_LITERAL = Pattern.compile("\"(ST\\d{3})\"");
  private static final Pattern GOLDEN_CODE = Pattern.compile("\\[(ST\\d{3})]");
  private static final Pattern ROW = Pattern.compile("^\\|\\s*([^|]*?)\\s*\\|");
  private static final Pattern CODE = Pattern.compile("ST\\d{3}");
  private static final Pattern MENTION = Pattern.compile("\\bST\\d+\\b");

  @Test
  void diagnosticsTableListsExactlyTheCodesTheGeneratorEmits() throws IOException {
    Set<String> emitted = codesIn(MAIN_SOURCES, ".java", CODE_LITERAL);
    Set<String> expected = codesIn(Goldens.testResources().resolve("diagnostics"), "expected-diagnostics.txt",
        GOLDEN_CODE);
    assertTrue(emitted.size() >= 40 && expected.size() >= 40, "codes found in " + MAIN_SOURCES.toAbsolutePath()
        + ": " + emitted + ", in the negative goldens: " + expected);
    List<String> problems = problems(Files.readString(readme(), StandardCharsets.UTF_8), emitted, expected);
    assertEquals(List.of(), problems, readme() + "'s Diagnostics table does not match the rules");
  }

  @Test
  void everyEmittedCodeHasANegativeGolden() throws IOException {
    Set<String> missing = codesIn(MAIN_SOURCES, ".java", CODE_LITERAL);
    missing.removeAll(codesIn(Goldens.testResources().resolve("diagnostics"), "expected-diagnostics.txt",
        GOLDEN_CODE));
    assertEquals(Set.of(), missing, "codes the generator emits that no negative golden under "
        + Goldens.testResources().resolve("diagnostics") + " expects");
  }

  @Test
  void theCheckFindsMissingUnusedDuplicateUnorderedAndUnknownCodes() {
    String readme = """
        # x
        Refused with ST004 or ST099.

        ## Diagnostics

        | code | check |
        |---|---|
        | ST001 | one |
        | ST003 | three |
        | ST002 | two |
        | ST003 | three again |
        | ST7 | malformed |

        ## Next

        | ST005 | a table of another section |
        """;
    assertEquals(List.of(
        "ST7: not a code (STnnn) in a row of the Diagnostics table",
        "ST003: 2 rows in the Diagnostics table",
        "ST002: row after ST003 (the table is in ascending order)",
        "ST004: emitted by the generator but not in the Diagnostics table",
        "ST002: in the Diagnostics table but nothing emits it",
        "ST005: named in the README but not a code the generator emits",
        "ST099: named in the README but not a code the generator emits"),
        problems(readme, new TreeSet<>(Set.of("ST001", "ST003", "ST004")), Set.of("ST001")));
    assertEquals(List.of("no Diagnostics table (## Diagnostics with rows | STnnn | … |) in the README"),
        problems("# x\n", Set.of("ST001"), Set.of()));
  }

  /** The README of the repository. */
  static Path readme() {
    String path = System.getProperty("singletable.readme");
    return (path != null ? Path.of(path) : Path.of("..", "README.md")).toAbsolutePath().normalize();
  }

  /**
   * What is wrong with the README's Diagnostics table given the codes the generator emits and the negative
   * goldens expect: malformed codes, duplicate and unordered rows, codes missing from it, rows nothing emits,
   * and codes named elsewhere in the README that do not exist. Empty when all is well.
   */
  static List<String> problems(String readme, Set<String> emitted, Set<String> expected) {
    List<String> malformed = new ArrayList<>();
    List<String> unordered = new ArrayList<>();
    Map<String, Integer> rows = new TreeMap<>();
    String previous = null;
    StringBuilder elsewhere = new StringBuilder();
    boolean inSection = false;
    for (String line : readme.split("\n", -1)) {
      if (line.startsWith("## ")) {
        inSection = line.strip().equals("## Diagnostics");
      }
      Matcher row = ROW.matcher(line);
      if (!inSection || !row.find() || !row.group(1).startsWith("ST")) {
        elsewhere.append(line).append('\n');
        continue;
      }
      String code = row.group(1);
      if (!CODE.matcher(code).matches()) {
        malformed.add(code + ": not a code (STnnn) in a row of the Diagnostics table");
        continue;
      }
      rows.merge(code, 1, Integer::sum);
      if (previous != null && code.compareTo(previous) < 0) {
        unordered.add(code + ": row after " + previous + " (the table is in ascending order)");
      }
      previous = code;
    }
    if (rows.isEmpty()) {
      return List.of("no Diagnostics table (## Diagnostics with rows | STnnn | … |) in the README");
    }
    List<String> problems = new ArrayList<>(malformed);
    rows.forEach((code, n) -> {
      if (n > 1) {
        problems.add(code + ": " + n + " rows in the Diagnostics table");
      }
    });
    problems.addAll(unordered);
    Set<String> all = new TreeSet<>(emitted);
    all.addAll(expected);
    for (String code : all) {
      if (!rows.containsKey(code)) {
        problems.add(code + ": emitted by the generator but not in the Diagnostics table");
      }
    }
    for (String code : rows.keySet()) {
      if (!all.contains(code)) {
        problems.add(code + ": in the Diagnostics table but nothing emits it");
      }
    }
    Set<String> named = new TreeSet<>();
    MENTION.matcher(elsewhere).results().forEach(m -> named.add(m.group()));
    for (String code : named) {
      if (!rows.containsKey(code) && !all.contains(code)) {
        problems.add(code + ": named in the README but not a code the generator emits");
      }
    }
    return problems;
  }

  /** Every code {@code pattern} (group 1) finds in the files under {@code dir} whose names end with {@code suffix}. */
  private static Set<String> codesIn(Path dir, String suffix, Pattern pattern) throws IOException {
    Set<String> codes = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(f -> f.getFileName().toString().endsWith(suffix)).toList()) {
        pattern.matcher(Files.readString(p, StandardCharsets.UTF_8)).results().forEach(m -> codes.add(m.group(1)));
      }
    }
    return codes;
  }
}
