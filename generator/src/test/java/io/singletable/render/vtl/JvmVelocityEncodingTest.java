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

  @Test
  void stringsAreCutAsTheGeneratedJavaCutsThemWithoutSplittingSurrogatePairs() throws Exception {
    String vtl = macro("[@lib.cutString 5/]");
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

  /** The two helpers the macro calls on {@code $util}. */
  public static final class Util {
    public Object parseJson(String json) {
      return Integer.valueOf(json.trim());
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
        String viaJava = (String) java.call(java.valuesType().getSimpleName(), "sortNumber", n);
        assertEquals(viaJava, evaluate(velocity, vtl, "n", n), n + " (" + n.getClass().getSimpleName() + ")");
        if (n instanceof Double d) {
          assertEquals("T#f#" + viaJava, java.call(java.codecType().getSimpleName(), "tFUniqueKey", d));
        }
      }
    }
  }
}
