package io.singletable.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.singletable.output.OutputComparison.Difference;
import io.singletable.output.OutputComparison.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison behind the check goal: exactly what generate would change, and nothing written. */
class OutputComparisonTest {

  @TempDir Path out;

  private static OutputPlan plan(String... pathsAndTexts) {
    OutputPlan plan = new OutputPlan();
    for (int i = 0; i < pathsAndTexts.length; i += 2) {
      plan.add("test", GeneratedFile.text(pathsAndTexts[i], pathsAndTexts[i + 1]));
    }
    return plan;
  }

  @Test
  void freshlyWrittenOutputHasNoDifference() throws IOException {
    OutputPlan plan = plan("a.txt", "a", "d/b.txt", "b");
    new OutputWriter().write(out, plan);
    assertEquals(List.of(), OutputComparison.compare(out, plan));
  }

  @Test
  void aMissingDirectoryLacksEveryFileAndTheManifest() throws IOException {
    Path nowhere = out.resolve("nowhere");
    assertEquals(List.of(new Difference(OutputWriter.MANIFEST, Kind.MISSING), new Difference("a.txt", Kind.MISSING)),
        OutputComparison.compare(nowhere, plan("a.txt", "a")));
    assertEquals(false, Files.exists(nowhere), "comparing writes nothing");
  }

  @Test
  void namesEditedMissingStaleAndBlockedFilesAndIgnoresFilesItDoesNotOwn() throws IOException {
    new OutputWriter().write(out, plan("edited.txt", "e", "gone.txt", "g", "same.txt", "s", "old.txt", "o"));
    Files.writeString(out.resolve("edited.txt"), "e, edited by hand", StandardCharsets.UTF_8);
    Files.delete(out.resolve("gone.txt"));
    Files.writeString(out.resolve("mine.txt"), "a user's file", StandardCharsets.UTF_8);
    Files.createDirectories(out.resolve("new.txt"));
    byte[] manifestBefore = Files.readAllBytes(out.resolve(OutputWriter.MANIFEST));

    List<Difference> differences = OutputComparison.compare(out,
        plan("edited.txt", "e", "gone.txt", "g", "same.txt", "s", "new.txt", "n"));

    assertEquals(List.of(
        new Difference(OutputWriter.MANIFEST, Kind.CHANGED), // old.txt leaves it, new.txt joins it
        new Difference("edited.txt", Kind.CHANGED),
        new Difference("gone.txt", Kind.MISSING),
        new Difference("new.txt", Kind.BLOCKED),
        new Difference("old.txt", Kind.STALE)), differences);
    assertEquals("e, edited by hand", Files.readString(out.resolve("edited.txt"), StandardCharsets.UTF_8));
    assertEquals(true, Files.exists(out.resolve("old.txt")), "comparing deletes nothing");
    assertEquals(new String(manifestBefore, StandardCharsets.UTF_8),
        Files.readString(out.resolve(OutputWriter.MANIFEST), StandardCharsets.UTF_8));
  }
}
