package io.singletable.render.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.render.TemplateEngine;
import io.singletable.render.java.GeneratedJava;
import io.singletable.model.KeyStrategy;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolvers' string cut (sort keys) and number encoding (sort keys, unique keys of {@code Float} fields) run the way
 * AppSync runs VTL: Apache Velocity on the JVM, where a {@code Float} is a {@link Double} and
 * prints as {@code 1.0}, {@code 1.0E21} or {@code 1.0E-7}, and an {@code Int} as an
 * {@link Integer}. (The simulator runs it in JavaScript, which prints {@code 1}, {@code 1e+21}.)
 * Every value encodes exactly as the generated Java does.
 */
class JvmVelocityEncodingTest {
  @TempDir
  Path dir;

  /** A macro call of vtl-lib.ftl, rendered into plain VTL that prints $enc afterwards. */
  private String macro(String call) throws Exception {
    Path overrides = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(overrides.resolve("macro-only.ftl"), "[#import \"vtl-lib.ftl\" as lib]\n" + call + "\n$enc");
    return new TemplateEngine(overrides).render("macro-only.ftl", new Object());
  }

  /** Like {@link #macro}, printing $enc between brackets, so that control chars survive the trim. */
  private String bracketed(String call) throws Exception {
    Path overrides = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(overrides.resolve("macro-bracketed.ftl"), "[#import \"vtl-lib.ftl\" as lib]\n" + call + "\n<$enc>");
    return new TemplateEngine(overrides).render("macro-bracketed.ftl", new Object());
  }

  private static String unbracket(String out) {
    return out.substring(out.lastIndexOf('<') + 1, out.lastIndexOf('>'));
  }

  private static String evaluate(VelocityEngine velocity, String vtl, String name, Object value) {
    VelocityContext context = new VelocityContext();
    context.put("util", new Util());
    context.put(name, value);
    StringWriter out = new StringWriter();
    velocity.evaluate(context, out, "macro", vtl);
    return out.toString().trim();
  }

  /** The codec's cut of a sort-key string to 5 units, case kept. */
  private static String cut(GeneratedJava java, String value) throws ReflectiveOperationException {
    return (String) java.valuesType().getMethod("sortString", String.class, boolean.class, int.class).invoke(null, value, false, 5);
  }

  /** cutString with a literal limit (create) and cutStringToMax with the limit in $max (the shared functions). */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"[@lib.cutString 5/]", "#set($max = 5)\n[@lib.cutStringToMax/]"})
  void stringsAreCutAsTheGeneratedJavaCutsThemWithoutSplittingSurrogatePairs(String call) throws Exception {
    String vtl = macro(call);
    VelocityEngine velocity = new VelocityEngine();
    velocity.init();
    String emoji = "\uD83D\uDE00";
    try (GeneratedJava java = GeneratedJava.inline("type T @model { id: ID! }", dir.resolve("gen"), KeyStrategy.NODE)) {
      for (String value : List.of("abcdefg", "abcd" + emoji + "x", "abc" + emoji + "x", "ab", "abcde", emoji.repeat(4), "abcd" + emoji)) {
        String viaJava = cut(java, value);
        assertEquals(viaJava, evaluate(velocity, vtl, "enc", value), value);
        assertTrue(viaJava.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF), "no lone surrogate in " + viaJava);
      }
      assertEquals("abcd", cut(java, "abcd" + emoji + "x"));
      assertEquals("abc" + emoji, cut(java, "abc" + emoji + "x"));
    }
  }

  /** The helpers the macros call on {@code $util}, as AppSync's {@code $util} does them. */
  public static final class Util {
    public Object parseJson(String json) {
      return Integer.valueOf(json.trim());
    }

    public String urlDecode(String s) {
      return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /**
   * The sort-key string encoding as shared-decisions.md states it, written independently of both
   * runtimes: U+0002 → U+0002 U+0004, U+0001 → U+0002 U+0003, U+0000 → U+0002 U+0002, then the cut
   * to {@code max} units, one less where it leaves a lone high surrogate or a split escape pair (an odd
   * run of U+0002 at the end).
   */
  static String reference(String value, int max) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\u0002' -> out.append("\u0002\u0004");
        case '\u0001' -> out.append("\u0002\u0003");
        case '\u0000' -> out.append("\u0002\u0002");
        default -> out.append(c);
      }
    }
    if (out.length() <= max) {
      return out.toString();
    }
    String cut = out.substring(0, max);
    int run = 0;
    while (run < cut.length() && cut.charAt(cut.length() - 1 - run) == '\u0002') {
      run++;
    }
    return Character.isHighSurrogate(cut.charAt(max - 1)) || run % 2 == 1 ? cut.substring(0, max - 1) : cut;
  }

  private static int utf8(String a, String b) {
    return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void separatorCharsAreEscapedSoThatTuplesKeepTheirOrder() throws Exception {
    String vtl = bracketed("[@lib.escapeChars/]\n[@lib.escapeString/]\n[@lib.cutString 6/]");
    VelocityEngine velocity = new VelocityEngine();
    velocity.init();
    String emoji = "\uD83D\uDE00";
    List<String> values = new ArrayList<>(List.of("", "a", "ab", "\u0000", "\u0001", "\u0002", "a\u0000", "a\u0001",
        "a\u0002", "a\u0000b", "a\u0001b", "a\u0002b", "\u0002\u0002\u0002", "\u0000\u0000\u0000\u0000",
        "abcd\u0000", "abcde\u0001", "abcd" + emoji, "abc\u0000" + emoji, "\u0003\u0004", "abcdefgh"));
    Random random = new Random(11);
    String alphabet = "\u0000\u0001\u0002\u0003ab";
    for (int i = 0; i < 300; i++) {
      StringBuilder v = new StringBuilder();
      for (int n = random.nextInt(6); n > 0; n--) {
        v.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      values.add(v.toString());
    }
    Map<String, String> encoded = new java.util.HashMap<>();
    for (String v : values) {
      String viaVelocity = unbracket(evaluate(velocity, vtl, "enc", v));
      assertEquals(reference(v, 6), viaVelocity, "encoding of " + v.chars().boxed().toList());
      assertTrue(viaVelocity.chars().noneMatch(c -> c < 2), "no char below U+0002 in " + viaVelocity.chars().boxed().toList());
      encoded.put(v, viaVelocity);
    }
    // Two components joined by the separator, then the id: ordered as the tuples of the values
    // wherever neither was cut (cut values tie on their prefix, then the id decides).
    String sep = "\u0001";
    for (String a : values) {
      for (String b : values) {
        String ea = encoded.get(a);
        String eb = encoded.get(b);
        if (a.equals(b) || reference(a, 100).length() > 6 || reference(b, 100).length() > 6) {
          continue;
        }
        int want = Integer.signum(utf8(a, b));
        assertEquals(want, Integer.signum(utf8("1" + ea + sep + "1z" + sep + "id", "1" + eb + sep + "1a" + sep + "id")),
            a.chars().boxed().toList() + " vs " + b.chars().boxed().toList());
      }
    }
  }

  /**
   * The generated Java's {@code sortString} against the resolvers': equal for every value without
   * U+0000–U+0002, and for those too once the Java codec escapes them (a parallel change).
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"[@lib.cutString 5/]", "#set($max = 5)\n[@lib.cutStringToMax/]"})
  void escapedStringsAreCutAsTheGeneratedJavaCutsThem(String call) throws Exception {
    String vtl = bracketed("[@lib.escapeChars/]\n[@lib.escapeString/]\n" + call);
    VelocityEngine velocity = new VelocityEngine();
    velocity.init();
    try (GeneratedJava java = GeneratedJava.inline("type T @model { id: ID! }", dir.resolve("gen"), KeyStrategy.NODE)) {
      boolean javaEscapes = cut(java, "\u0001").equals("\u0002\u0003");
      for (String value : List.of("abcdefg", "ab", "abc\u00e9", "a\u0001b", "abcd\u0000", "\u0002\u0002\u0002")) {
        if (javaEscapes || value.chars().noneMatch(c -> c < 3)) {
          assertEquals(cut(java, value), unbracket(evaluate(velocity, vtl, "enc", value)),
              value.chars().boxed().toList().toString());
        }
      }
    }
  }

  @Test
  void javaPrintedDoublesAndIntegersEncodeAsTheGeneratedJavaEncodes() throws Exception {
    String vtl = macro("[@lib.encodeNumber/]");
    VelocityEngine velocity = new VelocityEngine();
    velocity.init();
    Random random = new Random(7);
    List<Object> numbers = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 4.0, 1.5, 0.1, 1e-7, 1.5e-7, 1e21, -1e21, 1.2345e22,
        123456789.0, 1e10, -2.5e-12, 0, 5, -5, 15, Integer.MAX_VALUE, Integer.MIN_VALUE, 1700000000L));
    for (int i = 0; i < 200; i++) {
      numbers.add((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 15));
    }
    try (GeneratedJava java = GeneratedJava.inline("type T @model { id: ID! f: Float @unique i: Int }", dir.resolve("gen"),
        KeyStrategy.NODE)) {
      for (Object n : numbers) {
        String viaJava = (String) java.call("runtime." + java.valuesType().getSimpleName(), "sortNumber", n);
        assertEquals(viaJava, evaluate(velocity, vtl, "n", n), n + " (" + n.getClass().getSimpleName() + ")");
        if (n instanceof Double d) {
          assertEquals("T#f#" + viaJava, java.call(java.codecType().getSimpleName(), "tFUniqueKey", d));
        }
      }
    }
  }
}
