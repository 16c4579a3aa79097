package io.singletable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.output.OutputWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Same input, byte-identical output; a second run with unchanged input rewrites nothing. */
class DeterminismTest {

  @ParameterizedTest
  @ValueSource(strings = {"farm", "social"})
  void generatingTwiceGivesByteIdenticalTrees(String sample, @TempDir Path tmp) throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    new Generator().generate(TestSchemas.sampleOptions(sample, a));
    new Generator().generate(TestSchemas.sampleOptions(sample, b));
    Map<String, byte[]> ta = tree(a);
    Map<String, byte[]> tb = tree(b);
    assertEquals(ta.keySet(), tb.keySet());
    assertTrue(ta.size() >= 5, "expected the full output, got " + ta.keySet());
    for (String k : ta.keySet()) {
      assertArrayEquals(ta.get(k), tb.get(k), k);
      String text = new String(ta.get(k), java.nio.charset.StandardCharsets.UTF_8);
      assertFalse(text.contains("\r"), k + " has CR line ends");
      assertFalse(text.contains(tmp.toString()), k + " contains an absolute path");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"farm", "social"})
  void secondRunWithUnchangedInputRewritesNoFile(String sample, @TempDir Path out) throws Exception {
    GeneratorOptions options = TestSchemas.sampleOptions(sample, out);
    var first = new Generator().generate(options);
    assertFalse(first.report().written().isEmpty());
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    List<Path> files = files(out);
    for (Path f : files) {
      Files.setLastModifiedTime(f, old);
    }
    var second = new Generator().generate(options);
    assertEquals(List.of(), second.report().written());
    assertEquals(List.of(), second.report().deleted());
    for (Path f : files) {
      assertEquals(old, Files.getLastModifiedTime(f), f + " was rewritten");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"farm"})
  void staleGeneratedFilesAreRemovedAndUserFilesKept(String sample, @TempDir Path out) throws Exception {
    new Generator().generate(TestSchemas.sampleOptions(sample, out));
    Path oldJava = out.resolve("java/io/singletable/samples/farm/SingleTableSchema.java");
    assertTrue(Files.exists(oldJava));
    Files.writeString(out.resolve("NOTES.md"), "mine");
    GeneratorOptions renamed = new GeneratorOptions(TestSchemas.sampleSchema(sample), null, out, "com.example.farm",
        null, 20, null);
    var r = new Generator().generate(renamed);
    assertFalse(Files.exists(oldJava), "stale Java file kept");
    assertFalse(Files.exists(out.resolve("java/io")), "emptied folders kept");
    assertTrue(Files.exists(out.resolve("java/com/example/farm/SingleTableSchema.java")));
    assertEquals("mine", Files.readString(out.resolve("NOTES.md")));
    assertTrue(r.report().deleted().contains("java/io/singletable/samples/farm/SingleTableSchema.java"));
  }

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static Map<String, byte[]> tree(Path dir) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    for (Path f : files(dir)) {
      out.put(dir.relativize(f).toString(), Files.readAllBytes(f));
    }
    assertTrue(out.containsKey(OutputWriter.MANIFEST));
    return out;
  }
}
