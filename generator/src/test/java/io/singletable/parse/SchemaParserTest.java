package io.singletable.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.language.FieldDefinition;
import io.singletable.diag.SchemaException;
import io.singletable.diag.SourceSpan;
import io.singletable.source.SchemaSource;
import io.singletable.source.SchemaSources;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaParserTest {
  private static List<SchemaSource> sources(String... nameAndText) {
    List<SchemaSource> out = new java.util.ArrayList<>(List.of(SchemaSources.bundledDirectives()));
    for (int i = 0; i < nameAndText.length; i += 2) {
      out.add(new SchemaSource(nameAndText[i], nameAndText[i + 1], false));
    }
    return out;
  }

  @Test
  void everyNodeKnowsItsFileLineAndColumnPerSource() {
    ParsedSchema p = new SchemaParser().parse(sources(
        "a.graphql", "type A @model {\n  id: ID!\n}\n",
        "sub/b.graphql", "\n\ntype B @model {\n  id: ID!\n    name: String\n}\n"));
    SchemaIndex index = new SchemaIndex(p);
    FieldDefinition name = index.field("B", "name").orElseThrow();
    assertEquals(new SourceSpan("sub/b.graphql", 5, 5), SchemaIndex.span(name));
    assertEquals(new SourceSpan("a.graphql", 1, 1), SchemaIndex.span(index.object("A").orElseThrow()));
    assertEquals(2, p.userDefinitions().size());
  }

  @Test
  void reportsTheFirstSyntaxErrorOfEveryFile() {
    SchemaException e = assertThrows(SchemaException.class, () -> new SchemaParser().parse(sources(
        "a.graphql", "type A {\n  id: ID!\n  name String\n}\n",
        "b.graphql", "type B {\n  id: ID!\n}\nenum {\n")));
    assertEquals(2, e.diagnostics().size());
    assertEquals("ST001", e.diagnostics().get(0).code());
    assertEquals(new SourceSpan("a.graphql", 3, 8), e.diagnostics().get(0).span());
    assertEquals("b.graphql", e.diagnostics().get(1).span().file());
    assertEquals(4, e.diagnostics().get(1).span().line());
  }

  @Test
  void duplicateTypesAcrossFilesAreReportedWhereTheSecondIs() {
    SchemaException e = assertThrows(SchemaException.class, () -> new SchemaParser().parse(sources(
        "a.graphql", "type A {\n  id: ID!\n}\n",
        "b.graphql", "\ntype A {\n  id: ID!\n}\n")));
    assertEquals(1, e.diagnostics().size());
    assertEquals("ST007", e.diagnostics().get(0).code());
    assertEquals(new SourceSpan("b.graphql", 2, 1), e.diagnostics().get(0).span());
  }

  @Test
  void columnsCountCharactersAsTheUtf8CheckDoes() {
    // the parser counts an emoji (two UTF-16 units) as one column, like SchemaSources' bad-byte position
    SchemaException e = assertThrows(SchemaException.class, () -> new SchemaParser().parse(sources(
        "a.graphql", "type A { \"\ud83d\ude00\" id: ID ! ! }\n")));
    assertEquals(new SourceSpan("a.graphql", 1, 23), e.diagnostics().get(0).span());
  }

  @Test
  void extensionsAreMergedIntoTheirDefinitionsWithTheirOwnLocations() {
    ParsedSchema p = new SchemaParser().parse(sources(
        "a.graphql", "extend type A { b: Int }\nextend union U = B\n",
        "b.graphql", "type A { a: Int }\ntype B { x: Int }\nunion U = A\nextend type A implements I @aws_iam { c: Int }\n"
            + "interface I { c: Int }\n"));
    SchemaIndex index = new SchemaIndex(p);
    assertEquals(List.of("a", "b", "c"), index.fields("A").stream().map(FieldDefinition::getName).toList());
    assertEquals(new SourceSpan("a.graphql", 1, 17), SchemaIndex.span(index.field("A", "b").orElseThrow()));
    assertEquals(new SourceSpan("b.graphql", 4, 39), SchemaIndex.span(index.field("A", "c").orElseThrow()));
    assertEquals(new SourceSpan("b.graphql", 1, 1), SchemaIndex.span(index.object("A").orElseThrow()));
    assertEquals(List.of("A", "B"), index.concreteTypes("U"));
    assertEquals(List.of("A"), index.concreteTypes("I"));
    assertEquals(1, index.object("A").orElseThrow().getDirectives().size());
    assertEquals(4, p.userDefinitions().size(), "A, B, U, I and no extension");
    assertTrue(p.userDefinitions().stream().noneMatch(d -> d instanceof graphql.language.SDLExtensionDefinition));
    assertTrue(p.registry().objectTypeExtensions().isEmpty() && p.registry().unionTypeExtensions().isEmpty());
    assertTrue(p.findings().isEmpty());
  }

  @Test
  void extensionsOfUnknownTypesAreFindingsNotExceptions() {
    ParsedSchema p = new SchemaParser().parse(sources("a.graphql", "type A { a: Int }\nextend type X { b: Int }\n"));
    assertEquals(1, p.findings().size());
    assertEquals("ST009", p.findings().get(0).code());
    assertEquals(new SourceSpan("a.graphql", 2, 1), p.findings().get(0).span());
  }

  @Test
  void nestingJustBelowTheLimitParses() {
    int depth = SchemaParser.MAX_BRACKETS - 1;
    new SchemaParser().parse(sources("a.graphql", "type A {\n  a: " + "[".repeat(depth) + "Int" + "]".repeat(depth)
        + "\n  \"\"\" ((((( \"\"\" b: Int # [[[[[[\n}\n"));
  }

  @Test
  void deepNestingIsALocatedSyntaxErrorNotAStackOverflow() {
    int depth = 100_000;
    String type = "[".repeat(depth) + "Int" + "]".repeat(depth);
    String value = "[".repeat(depth) + "]".repeat(depth);
    SchemaException e = assertThrows(SchemaException.class, () -> new SchemaParser().parse(sources(
        "a.graphql", "type A {\n  a: " + type + "\n}\n",
        "b.graphql", "type B {\n  b(x: [Int] = " + value + "): Int\n}\n")));
    assertEquals(2, e.diagnostics().size(), e.formatted());
    assertEquals(new SourceSpan("a.graphql", 2, 5 + SchemaParser.MAX_BRACKETS), e.diagnostics().get(0).span());
    assertEquals(new SourceSpan("b.graphql", 2, 14 + SchemaParser.MAX_BRACKETS), e.diagnostics().get(1).span());
    for (var d : e.diagnostics()) {
      assertEquals("ST001", d.code());
      assertTrue(d.message().contains("nests deeper than"), d.message());
    }
  }

  @Test
  void aHugeFileIsALocatedSyntaxError() {
    String huge = "type A { a: Int }\n" + "# filler\n".repeat(SchemaParser.MAX_CHARACTERS / 9 + 1);
    SchemaException e = assertThrows(SchemaException.class, () -> new SchemaParser().parse(sources("a.graphql", huge)));
    assertEquals(new SourceSpan("a.graphql", 1, 1), e.diagnostics().get(0).span());
    assertTrue(e.diagnostics().get(0).message().contains("too large"), e.diagnostics().get(0).message());
  }
}
