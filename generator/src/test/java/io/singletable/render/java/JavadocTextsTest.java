package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.Test;

/**
 * Javadoc laid out after JavaPoet ({@link JavadocTexts}) is byte for byte what JavaPoet writes for the same text:
 * compared on files whose class, nested class, field and methods carry texts with blank lines (leading, inner,
 * trailing), no final newline, every line break JavaPoet splits on, and links to types that are imported, that
 * clash with another type of the same simple name (qualified), or that repeat.
 */
class JavadocTextsTest {
  private static final ClassName PAGE = ClassName.get("com.example.gen.runtime", "Page");
  private static final ClassName OTHER_PAGE = ClassName.get("com.example.other", "Page");
  private static final ClassName ERROR = ClassName.get("com.example.gen.runtime", "NotFoundException");
  private static final ClassName LIST = ClassName.get(List.class);

  /** A text as pieces around types; JavaPoet's version is {@code pieces[0] $T pieces[1] …}. */
  private record Text(List<String> pieces, List<ClassName> types) {
    CodeBlock javaPoet() {
      CodeBlock.Builder b = CodeBlock.builder();
      for (int i = 0; i < types.size(); i++) {
        b.add("$L$T", pieces.get(i), types.get(i));
      }
      return b.add("$L", pieces.get(pieces.size() - 1)).build();
    }
  }

  private static String file(Function<Text, CodeBlock> doc, List<Text> texts) {
    int[] next = {0};
    Function<Void, CodeBlock> take = v -> doc.apply(texts.get(next[0]++ % texts.size()));
    TypeSpec nested = TypeSpec.classBuilder("Inner").addModifiers(Modifier.STATIC).addJavadoc(take.apply(null))
        .addMethod(MethodSpec.methodBuilder("deep").addJavadoc(take.apply(null)).build()).build();
    TypeSpec type = TypeSpec.classBuilder("Sample").addJavadoc(take.apply(null))
        .addField(com.palantir.javapoet.FieldSpec.builder(OTHER_PAGE, "other").addJavadoc(take.apply(null)).build())
        .addMethod(MethodSpec.methodBuilder("first").addJavadoc(take.apply(null))
            .addStatement("$T<$T> pages = null", LIST, PAGE).build())
        .addMethod(MethodSpec.methodBuilder("second").addJavadoc(take.apply(null)).build())
        .addType(nested).build();
    return JavaFile.builder("com.example.gen", type).skipJavaLangImports(true).build().toString();
  }

  private static void assertSameAsJavaPoet(List<Text> texts) {
    JavadocTexts docs = new JavadocTexts();
    String expected = file(Text::javaPoet, texts);
    String actual = docs.expand(file(t -> docs.placeholder(t.pieces(), t.types()), texts));
    assertEquals(expected, actual);
    assertFalse(actual.contains("@@singletable-javadoc"), actual);
  }

  @Test
  void handWrittenTextsAreLaidOutAsJavaPoetLaysThemOut() {
    List<Text> texts = List.of(
        new Text(List.of("Plain text.\n"), List.of()),
        new Text(List.of("\nLeading blank line, then a link to ", " and a blank line\n\n@return the ", " or\n  indented\n\n\n"),
            List.of(PAGE, OTHER_PAGE)),
        new Text(List.of("No final newline, ", " twice: ", " and ", ""), List.of(ERROR, ERROR, PAGE)),
        new Text(List.of("Line breaks: \r\n crlf, \r cr, \u2028 ls, \u0085 nel, \u000B vt, \f ff\n"), List.of()),
        new Text(List.of("", " first, text after\n"), List.of(LIST)));
    assertSameAsJavaPoet(texts);
  }

  @Test
  void randomTextsAreLaidOutAsJavaPoetLaysThemOut() {
    Random random = new Random(20261203L);
    String[] bits = {"a", "word", " ", "\n", "\n\n", "{@code x}", "@param p it", "*", "/", "$", "\r\n", "  ", "é"};
    ClassName[] types = {PAGE, OTHER_PAGE, ERROR, LIST};
    for (int round = 0; round < 200; round++) {
      List<Text> texts = new ArrayList<>();
      for (int t = 0; t < 7; t++) {
        int refs = random.nextInt(4);
        List<String> pieces = new ArrayList<>();
        List<ClassName> links = new ArrayList<>();
        for (int p = 0; p <= refs; p++) {
          StringBuilder piece = new StringBuilder();
          for (int n = random.nextInt(6); n > 0; n--) {
            piece.append(bits[random.nextInt(bits.length)]);
          }
          pieces.add(piece.toString());
          if (p < refs) {
            links.add(types[random.nextInt(types.length)]);
          }
        }
        if (links.isEmpty() && pieces.get(0).isEmpty()) {
          pieces.set(0, "x");
        }
        texts.add(new Text(pieces, links));
      }
      assertSameAsJavaPoet(texts);
    }
  }

  @Test
  void anEmptyTextWritesNoJavadocAsWithJavaPoet() {
    JavadocTexts docs = new JavadocTexts();
    assertEquals(CodeBlock.builder().build(), docs.placeholder(List.of(""), List.of()));
  }

  @Test
  void aPlaceholderOfAnotherRegistryIsRefused() {
    JavadocTexts one = new JavadocTexts();
    JavadocTexts other = new JavadocTexts();
    other.placeholder(List.of("taken\n"), List.of());
    String source = file(t -> one.placeholder(t.pieces(), t.types()), List.of(new Text(List.of("x\n"), List.of())));
    assertThrows(IllegalStateException.class, () -> new JavadocTexts().expand(source));
  }
}
