package io.singletable.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputPlanTest {

  @Test
  void duplicatePathNamesPathAndBothEmitters() {
    OutputPlan plan = new OutputPlan();
    plan.add("schema", GeneratedFile.text("out/a.txt", "1"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> plan.add("docs", GeneratedFile.text("out/a.txt", "2")));
    assertTrue(e.getMessage().contains("out/a.txt"), e.getMessage());
    assertTrue(e.getMessage().contains("'schema'"), e.getMessage());
    assertTrue(e.getMessage().contains("'docs'"), e.getMessage());
    assertEquals("1", new String(plan.get("out/a.txt").orElseThrow().content()), "first claim kept");
  }

  @Test
  void filesAreSortedByPathAndUnmodifiable() {
    OutputPlan plan = new OutputPlan();
    for (String path : List.of("b/x.txt", "a.txt", "B.txt", "a/b.txt", "a-b.txt")) {
      plan.add("e", GeneratedFile.text(path, path));
    }
    List<String> paths = plan.files().stream().map(GeneratedFile::path).toList();
    assertEquals(List.of("B.txt", "a-b.txt", "a.txt", "a/b.txt", "b/x.txt"), paths);
    assertThrows(UnsupportedOperationException.class, () -> plan.files().clear());
  }

  @Test
  void getFindsPlannedFilesOnly() {
    OutputPlan plan = new OutputPlan();
    GeneratedFile file = GeneratedFile.text("a.txt", "x");
    plan.add("e", file);
    assertEquals(file, plan.get("a.txt").orElseThrow());
    assertTrue(plan.get("b.txt").isEmpty());
  }
}
