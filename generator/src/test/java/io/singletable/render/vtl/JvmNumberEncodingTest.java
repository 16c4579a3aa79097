package io.singletable.render.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The resolvers' number encoding (sort keys, unique keys of {@code Float} fields) run the way
 * AppSync runs VTL: Apache Velocity on the JVM, where a {@code Float} is a {@link Double} and
 * prints as {@code 1.0}, {@code 1.0E21} or {@code 1.0E-7}, and an {@code Int} as an
 * {@link Integer}. (The simulator runs it in JavaScript, which prints {@code 1}, {@code 1e+21}.)
 * Every value encodes exactly as the generated Java does.
 */
class JvmNumberEncodingTest {
  @TempDir
  Path dir;

  /** The encodeNumber macro of vtl-lib.ftl, rendered into plain VTL that prints $enc for $n. */
  private String macro() throws Exception {
    Path overrides = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(overrides.resolve("encode-only.ftl"), "[#import \"vtl-lib.ftl\" as lib]\n[@lib.encodeNumber/]\n$enc");
    return new TemplateEngine(overrides).render("encode-only.ftl", new Object());
  }

  /** The two helpers the macro calls on {@code $util}. */
  public static final class Util {
    public Object parseJson(String json) {
      return Integer.valueOf(json.trim());
    }
  }

  @Test
  void javaPrintedDoublesAndIntegersEncodeAsTheGeneratedJavaEncodes() throws Exception {
    String vtl = macro();
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
        VelocityContext context = new VelocityContext();
        context.put("util", new Util());
        context.put("n", n);
        StringWriter out = new StringWriter();
        velocity.evaluate(context, out, "encodeNumber", vtl);
        String viaJava = (String) java.call(java.valuesType().getSimpleName(), "sortNumber", n);
        assertEquals(viaJava, out.toString().trim(), n + " (" + n.getClass().getSimpleName() + ")");
        if (n instanceof Double d) {
          assertEquals("T#f#" + viaJava, java.call(java.codecType().getSimpleName(), "tFUniqueKey", d));
        }
      }
    }
  }
}
