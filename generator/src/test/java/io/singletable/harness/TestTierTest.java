package io.singletable.harness;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.cfn.CfnSpecValidator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fast tier ({@code -Pfast}) leaves out exactly the test classes that need what only {@code npm ci} installs,
 * each tagged for what it needs: {@code @Tag("simulator")} when its code names {@link AppSyncSimulator},
 * {@code @Tag("cfnspec")} when it names {@link io.singletable.cfn.CfnSpecValidator#fromHarness}, directly or
 * through a helper class of the test sources that does (transitively; helpers are the classes without tests:
 * naming another test class for a static helper runs none of its fixtures). Comments and string literals do not
 * count. No other test class carries these tags.
 */
class TestTierTest {

  private static final Path TEST_SOURCES = Path.of("src", "test", "java");
  private static final Pattern TEST_ANNOTATION = Pattern.compile("@(Test|ParameterizedTest|RepeatedTest|TestFactory"
      + "|TestTemplate)\\b");

  /** A tag of the full tier: the test classes naming {@code identifier} (declared by {@code owner}) carry it. */
  record Rule(String tag, String owner, String identifier, String needs) {
    Pattern annotation() {
      return Pattern.compile("^@Tag\\(\"" + tag + "\"\\)$", Pattern.MULTILINE);
    }
  }

  static final List<Rule> RULES = List.of(
      new Rule(TestTier.SIMULATOR, "AppSyncSimulator", "AppSyncSimulator", "the AppSync simulator"),
      new Rule(TestTier.CFNSPEC, "CfnSpecValidator", "fromHarness", "the CloudFormation specification from npm"));

  @Test
  void exactlyTheTestClassesNeedingNpmAreTaggedForTheFullTierOnly() throws IOException {
    Map<String, String> sources = testSources();
    Map<String, String> code = new TreeMap<>();
    sources.forEach((name, source) -> code.put(name, strip(source)));
    // this class names what the tags stand for only to see it refuse to start in the fast tier
    code.remove(TestTierTest.class.getSimpleName());
    List<String> wrong = new ArrayList<>();
    Map<String, Set<String>> found = new TreeMap<>();
    for (Rule rule : RULES) {
      Map<String, Set<String>> reaching = reaching(code, rule.owner(), rule.identifier());
      found.put(rule.tag(), reaching.keySet());
      for (var e : code.entrySet()) {
        if (!isTestClass(e.getValue())) {
          continue;
        }
        boolean tagged = rule.annotation().matcher(sources.get(e.getKey())).find();
        boolean reaches = reaching.containsKey(e.getKey());
        if (reaches && !tagged) {
          wrong.add(e.getKey() + " needs " + rule.needs() + " (through " + reaching.get(e.getKey())
              + ") without @Tag(\"" + rule.tag() + "\"): the fast tier would run it without npm ci");
        } else if (tagged && !reaches) {
          wrong.add(e.getKey() + " is tagged \"" + rule.tag() + "\" but never needs " + rule.needs()
              + ": the fast tier leaves it out for nothing");
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(found.get(TestTier.SIMULATOR).containsAll(List.of("HarnessTest", "FarmScenarioTest",
        "DataAccessCrossRuntimeTest")) && found.get(TestTier.CFNSPEC).contains("CfnTemplateValidationTest"),
        "the rules find the known tests: " + found);
  }

  @Test
  void theRuleSeesTheSimulatorThroughHelpersButNotThroughOtherTestClassesOrComments() {
    Map<String, String> code = new TreeMap<>();
    code.put("Owner", "class Owner { static void needed() {} static void other() {} }");
    code.put("Helper", "class Helper { void h() { Owner.needed(); } }");
    code.put("Wrapper", "class Wrapper { Helper h; }");
    code.put("ViaWrapperTest", "class ViaWrapperTest { Wrapper w; @Test void t() {} }");
    code.put("ViaTestClassTest", "class ViaTestClassTest { @Test void t() { ViaWrapperTest.x(); } }");
    code.put("OtherMethodTest", "class OtherMethodTest { @Test void t() { Owner.other(); } }");
    code.put("Commented", "class Commented { /* needed() */ // Helper\n String s = \"Wrapper\"; }");
    code.replaceAll((name, source) -> strip(source));
    Map<String, Set<String>> reaching = reaching(code, "Owner", "needed");
    assertEquals(Set.of("Helper", "Wrapper", "ViaWrapperTest"), reaching.keySet());
    assertEquals(Set.of("Wrapper"), reaching.get("ViaWrapperTest"));
  }

  @Test
  void whatTheTagsStandForRefusesToStartInTheFastTierNamingTheTag() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TestTier.requireFullTier(TestTier.FAST, "x", TestTier.CFNSPEC));
    assertTrue(e.getMessage().contains("@Tag(\"cfnspec\")"), e.getMessage());
    assertDoesNotThrow(() -> TestTier.requireFullTier(null, "x", TestTier.CFNSPEC));
    if (TestTier.FAST.equals(System.getProperty(TestTier.PROPERTY))) { // this run is the fast tier
      IllegalStateException simulator = assertThrows(IllegalStateException.class,
          () -> AppSyncSimulator.start(Path.of("nowhere"), URI.create("http://127.0.0.1:1"), "t"));
      assertTrue(simulator.getMessage().contains("@Tag(\"simulator\")"), simulator.getMessage());
      IllegalStateException spec = assertThrows(IllegalStateException.class, CfnSpecValidator::fromHarness);
      assertTrue(spec.getMessage().contains("@Tag(\"cfnspec\")"), spec.getMessage());
    }
  }

  /** Top-level class name to its source, for every file of the test sources. */
  private static Map<String, String> testSources() throws IOException {
    Map<String, String> code = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(TEST_SOURCES)) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
        String name = p.getFileName().toString().replace(".java", "");
        String previous = code.put(name, Files.readString(p, StandardCharsets.UTF_8));
        assertEquals(null, previous, "two test source files named " + name + ": the rule goes by simple names");
      }
    }
    assertTrue(code.containsKey("AppSyncSimulator") && code.containsKey("TestTierTest"), "test sources in "
        + TEST_SOURCES.toAbsolutePath() + ": " + code.keySet());
    return code;
  }

  private static boolean isTestClass(String code) {
    return TEST_ANNOTATION.matcher(code).find();
  }

  /**
   * The classes whose code reaches {@code identifier} of {@code owner}, each with what it names that does:
   * every class but the owner naming the identifier, then every class naming a non-test class that reaches it.
   */
  static Map<String, Set<String>> reaching(Map<String, String> code, String owner, String identifier) {
    Map<String, Set<String>> reaching = new TreeMap<>();
    Set<String> propagating = new TreeSet<>(Set.of(identifier));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (var e : code.entrySet()) {
        if (e.getKey().equals(owner) || reaching.containsKey(e.getKey())) {
          continue;
        }
        Set<String> via = new TreeSet<>();
        for (String p : propagating) {
          if (!p.equals(e.getKey()) && Pattern.compile("\\b" + p + "\\b").matcher(e.getValue()).find()) {
            via.add(p);
          }
        }
        if (!via.isEmpty()) {
          reaching.put(e.getKey(), via);
          if (!isTestClass(e.getValue())) {
            propagating.add(e.getKey());
          }
          grew = true;
        }
      }
    }
    return reaching;
  }

  /** Java code without comments, string and character literals and text blocks (each replaced by a space). */
  static String strip(String java) {
    StringBuilder out = new StringBuilder(java.length());
    int i = 0;
    int n = java.length();
    while (i < n) {
      char c = java.charAt(i);
      if (java.startsWith("//", i)) {
        i = java.indexOf('\n', i);
        i = i < 0 ? n : i;
      } else if (java.startsWith("/*", i)) {
        int end = java.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        out.append(' ');
      } else if (java.startsWith("\"\"\"", i)) {
        int end = i + 3;
        while (end < n && !java.startsWith("\"\"\"", end)) {
          end += java.charAt(end) == '\\' ? 2 : 1;
        }
        i = Math.min(n, end + 3);
        out.append(' ');
      } else if (c == '"' || c == '\'') {
        int end = i + 1;
        while (end < n && java.charAt(end) != c && java.charAt(end) != '\n') {
          end += java.charAt(end) == '\\' ? 2 : 1;
        }
        i = Math.min(n, end + 1);
        out.append(' ');
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
