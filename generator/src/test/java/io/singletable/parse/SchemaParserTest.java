package io.singletable.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
