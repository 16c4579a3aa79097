package io.singletable.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratedFileTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "/abs/x.txt", "C:/x.txt", "a\\b.txt", ".", "..", "./a.txt", "a/./b.txt",
      "a/../b.txt", "../x.txt", "a//b.txt", "a/", OutputWriter.MANIFEST})
  void rejectsBadPaths(String path) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GeneratedFile(path, new byte[0]));
    assertTrue(e.getMessage().contains("'" + path + "'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.txt", "java/io/x/Y.java", ".gitignore", "a/.singletable-manifest", "a..b/c"})
  void acceptsNormalizedRelativePaths(String path) {
    assertEquals(path, new GeneratedFile(path, new byte[0]).path());
  }

  @Test
  void textNormalizesLineEndsAndEncodesUtf8() {
    GeneratedFile file = GeneratedFile.text("a.txt", "one\r\ntwo\rthree\nf\u00fcnf\r\n");
    assertArrayEquals("one\ntwo\nthree\nf\u00fcnf\n".getBytes(StandardCharsets.UTF_8), file.content());
  }

  @Test
  void equalityUsesContentBytes() {
    GeneratedFile a = new GeneratedFile("a.txt", new byte[] {1, 2, 3});
    GeneratedFile b = new GeneratedFile("a.txt", new byte[] {1, 2, 3});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, new GeneratedFile("a.txt", new byte[] {1, 2, 4}));
    assertNotEquals(a, new GeneratedFile("b.txt", new byte[] {1, 2, 3}));
    assertEquals("GeneratedFile[a.txt, 3 bytes]", a.toString());
  }

  @Test
  void contentIsCopiedInAndOut() {
    byte[] bytes = {1, 2, 3};
    GeneratedFile file = new GeneratedFile("a.bin", bytes);
    bytes[0] = 9;
    file.content()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, file.content());
  }
}
