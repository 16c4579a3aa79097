package io.singletable.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.diag.Diagnostic;
import io.singletable.diag.SchemaException;
import io.singletable.diag.SourceSpan;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema files are decoded strictly: bad bytes are located errors, a byte order mark is fine. */
class SchemaSourcesTest {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @TempDir
  Path dir;

  private Path write(String name, byte[]... parts) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p);
    }
    Path file = dir.resolve(name);
    Files.write(file, out.toByteArray());
    return file;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  @Test
  void aByteOrderMarkIsDroppedAndPositionsStayRight() throws Exception {
    write("a.graphql", BOM, utf8("type Farm @model {\n  id: ID!\n  name: Strin\n}\n"));
    List<SchemaSource> sources = SchemaSources.load(dir, dir);
    assertEquals("type Farm @model {", sources.get(1).content().lines().findFirst().orElseThrow());
    SchemaException e = assertThrows(SchemaException.class, () -> new Generator().plan(sources,
        GeneratorOptions.of(dir, dir.resolve("out"))));
    assertEquals(new SourceSpan("a.graphql", 3, 9), e.diagnostics().get(0).span(), e.formatted());
    assertEquals("ST005", e.diagnostics().get(0).code());
  }

  @Test
  void aByteOrderMarkOnTheFirstLineKeepsItsColumns() throws Exception {
    write("a.graphql", BOM, utf8("type Farm @model { id: ID! name: Strin }\n"));
    SchemaException e = assertThrows(SchemaException.class, () -> new Generator().plan(SchemaSources.load(dir, dir),
        GeneratorOptions.of(dir, dir.resolve("out"))));
    assertEquals(new SourceSpan("a.graphql", 1, 34), e.diagnostics().get(0).span(), e.formatted());
  }

  @Test
  void theFirstBadByteOfEveryFileIsLocatedAndNamed() throws Exception {
    // line 2: "  # é€😀 " then the lone byte 0xFF: the column counts characters, the emoji as one
    write("a.graphql", utf8("type A {\n  # \u00e9\u20ac\ud83d\ude00 "), bytes(0xFF), utf8(" x\n  id: ID\n}\n"));
    write("b.graphql", BOM, utf8("type B {\n  id: ID\n  name: String # caf"), bytes(0xE9), utf8("\n}\n"));
    write("c.graphql", utf8("type C {\n  id: ID\n}\n"));
    write("d.graphql", utf8("type D { id: ID } # "), bytes(0xE2, 0x82));
    SchemaException e = assertThrows(SchemaException.class, () -> SchemaSources.load(dir, dir));
    List<Diagnostic> d = e.diagnostics();
    assertEquals(3, d.size(), e.formatted());
    assertEquals(new SourceSpan("a.graphql", 2, 9), d.get(0).span());
    assertEquals("not valid UTF-8: byte 0xFF never occurs in UTF-8; save the file as UTF-8", d.get(0).message());
    assertEquals(new SourceSpan("b.graphql", 3, 21), d.get(1).span());
    assertEquals("not valid UTF-8: byte 0xE9 starts a 3-byte character, but 0x0A does not continue it; "
        + "save the file as UTF-8", d.get(1).message());
    assertEquals(new SourceSpan("d.graphql", 1, 21), d.get(2).span());
    assertEquals("not valid UTF-8: bytes 0xE2 0x82 start a 3-byte character cut off by the end of the file; "
        + "save the file as UTF-8", d.get(2).message());
    d.forEach(x -> assertEquals(SchemaSources.NOT_UTF8, x.code()));
    assertTrue(e.formatted().contains("    name: String # caf\ufffd\n" + " ".repeat(4 + 20) + "^\n"), e.formatted());
  }

  @Test
  void moreBadSequencesAreCountedAndUtf16IsRecognised() throws Exception {
    write("a.graphql", utf8("# "), bytes(0xC3, 0x28), utf8(" "), bytes(0x80), utf8(" "), bytes(0xED, 0xA0, 0x80));
    write("b.graphql", bytes(0xFF, 0xFE), "type B { id: ID }".getBytes(StandardCharsets.UTF_16LE));
    List<Diagnostic> d = assertThrows(SchemaException.class, () -> SchemaSources.load(dir, dir)).diagnostics();
    assertEquals("not valid UTF-8: byte 0xC3 starts a 2-byte character, but 0x28 does not continue it "
        + "(and 2 more invalid sequences after it); save the file as UTF-8", d.get(0).message());
    assertTrue(d.get(1).message().endsWith("; save the file as UTF-8 (it starts with a UTF-16 byte order mark)"),
        d.get(1).message());
  }
}
