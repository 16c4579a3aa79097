package io.singletable.harness;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The fast tier ({@code -Pfast}) leaves out exactly the test classes that start the AppSync simulator: each
 * of them, and no other, carries {@code @Tag("simulator")}. A test class starts the simulator when its code
 * names {@link AppSyncSimulator}, or a helper class of the test sources that does (transitively; helpers are
 * the classes without tests: naming another test class for a static helper runs none of its fixtures).
 * Comments and string literals do not count.
 */
class TestTierTest {

  private static final Path TEST_SOURCES = Path.of("src", "test", "java");
  private static final Pattern TEST_ANNOTATION = Pattern.compile("@(Test|ParameterizedTest|RepeatedTest|TestFactory"
      + "|TestTemplate)\\b");
  private static final Pattern SIMULATOR_TAG = Pattern.compile("^@Tag\\(\"" + AppSyncSimulator.SIMULATOR_TAG + "\"\\)$",
      Pattern.MULTILINE);

  @Test
  void exactlyTheTestClassesReachingTheSimulatorAreTaggedForTheFullTierOnly() throws IOException {
    Map<String, String> sources = testSources();
    Map<String, String> code = new TreeMap<>();
    sources.forEach((name, source) -> code.put(name, strip(source)));
    // this class names the simulator only to see it refuse to start in the fast tier
    code.remove(TestTierTest.class.getSimpleName());
    Map<String, Set<String>> reaching = reachingSimulator(code);
    List<String> wrong = new ArrayList<>();
    for (var e : code.entrySet()) {
      if (!isTestClass(e.getValue())) {
        continue;
      }
      boolean tagged = SIMULATOR_TAG.matcher(sources.get(e.getKey())).find();
      boolean reaches = reaching.containsKey(e.getKey());
      if (reaches && !tagged) {
        wrong.add(e.getKey() + " starts the simulator (through " + reaching.get(e.getKey()) + ") without @Tag(\""
            + AppSyncSimulator.SIMULATOR_TAG + "\"): the fast tier would run it without Node");
      } else if (tagged && !reaches) {
        wrong.add(e.getKey() + " is tagged \"" + AppSyncSimulator.SIMULATOR_TAG + "\" but never starts the "
            + "simulator: the fast tier leaves it out for nothing");
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(reaching.keySet().containsAll(List.of("HarnessTest", "FarmScenarioTest", "DataAccessCrossRuntimeTest")),
        "the rule finds the known simulator tests: " + reaching.keySet());
  }

  @Test
  void theRuleSeesTheSimulatorThroughHelpersButNotThroughOtherTestClassesOrComments() {
    Map<String, String> code = new TreeMap<>();
    code.put("Helper", "class Helper { AppSyncSimulator s; }");
    code.put("Wrapper", "class Wrapper { Helper h; }");
    code.put("ViaWrapperTest", "class ViaWrapperTest { Wrapper w; @Test void t() {} }");
    code.put("ViaTestClassTest", "class ViaTestClassTest { @Test void t() { ViaWrapperTest.x(); } }");
    code.put("Commented", "class Commented { /* AppSyncSimulator */ // Helper\n String s = \"Wrapper\"; }");
    code.replaceAll((name, source) -> strip(source));
    Map<String, Set<String>> reaching = reachingSimulator(code);
    assertEquals(Set.of("Helper", "Wrapper", "ViaWrapperTest"), reaching.keySet());
    assertEquals(Set.of("Wrapper"), reaching.get("ViaWrapperTest"));
  }

  @Test
  void theSimulatorRefusesToStartInTheFastTierNamingTheTag() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> AppSyncSimulator.refuseInFastTier(AppSyncSimulator.FAST_TIER));
    assertTrue(e.getMessage().contains("@Tag(\"simulator\")"), e.getMessage());
    assertDoesNotThrow(() -> AppSyncSimulator.refuseInFastTier(null));
    if (AppSyncSimulator.FAST_TIER.equals(System.getProperty(AppSyncSimulator.TIER_PROPERTY))) { // this run is the fast tier
      assertThrows(IllegalStateException.class,
          () -> AppSyncSimulator.start(Path.of("nowhere"), URI.create("http://127.0.0.1:1"), "t"));
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
   * The classes whose code reaches {@code AppSyncSimulator}, each with the classes it names that do: the
   * simulator itself, then every class naming a non-test class that reaches it.
   */
  private static Map<String, Set<String>> reachingSimulator(Map<String, String> code) {
    Map<String, Set<String>> reaching = new TreeMap<>();
    Set<String> propagating = new TreeSet<>(Set.of("AppSyncSimulator"));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (var e : code.entrySet()) {
        if (e.getKey().equals("AppSyncSimulator") || reaching.containsKey(e.getKey())) {
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
