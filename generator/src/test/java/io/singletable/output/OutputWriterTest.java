package io.singletable.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {

  private static final FileTime OLD = FileTime.fromMillis(1_000_000_000_000L);

  @TempDir Path temp;

  private final OutputWriter writer = new OutputWriter();

  private static OutputPlan plan(String... pathsAndTexts) {
    OutputPlan plan = new OutputPlan();
    for (int i = 0; i < pathsAndTexts.length; i += 2) {
      plan.add("test", GeneratedFile.text(pathsAndTexts[i], pathsAndTexts[i + 1]));
    }
    return plan;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** Every file under {@code dir}, relative, sorted; temp files would show up here. */
  private static List<String> tree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted().toList();
    }
  }

  @Test
  void firstWriteWritesEverythingAndAnExactManifest() throws IOException {
    Path out = temp.resolve("missing/out");
    WriteReport report = writer.write(out, plan("z.txt", "z", "a/b/c.txt", "c", "a.txt", "a"));

    assertEquals(List.of("a.txt", "a/b/c.txt", "z.txt"), report.written());
    assertEquals(List.of(), report.unchanged());
    assertEquals(List.of(), report.deleted());
    assertEquals("c", read(out.resolve("a/b/c.txt")));
    assertEquals("# files written by singletable; do not edit\na.txt\na/b/c.txt\nz.txt\n",
        read(out.resolve(OutputWriter.MANIFEST)));
    assertEquals(List.of(OutputWriter.MANIFEST, "a.txt", "a/b/c.txt", "z.txt"), tree(out), "no temp files left");
  }

  @Test
  void secondWriteOfSamePlanTouchesNothing() throws IOException {
    Path out = temp.resolve("out");
    writer.write(out, plan("a.txt", "a", "d/b.txt", "b"));
    List<Path> files = List.of(out.resolve("a.txt"), out.resolve("d/b.txt"), out.resolve(OutputWriter.MANIFEST));
    for (Path f : files) {
      Files.setLastModifiedTime(f, OLD);
    }

    WriteReport report = writer.write(out, plan("a.txt", "a", "d/b.txt", "b"));

    assertEquals(List.of(), report.written());
    assertEquals(List.of("a.txt", "d/b.txt"), report.unchanged());
    assertEquals(List.of(), report.deleted());
    for (Path f : files) {
      assertEquals(OLD, Files.getLastModifiedTime(f), f + " was rewritten");
    }
  }

  @Test
  void changedContentIsRewrittenAndOthersAreNot() throws IOException {
    Path out = temp.resolve("out");
    writer.write(out, plan("a.txt", "a", "b.txt", "b"));
    Files.setLastModifiedTime(out.resolve("b.txt"), OLD);
    Files.writeString(out.resolve("a.txt"), "edited by hand");

    WriteReport report = writer.write(out, plan("a.txt", "a", "b.txt", "b2"));

    assertEquals(List.of("a.txt", "b.txt"), report.written());
    assertEquals("a", read(out.resolve("a.txt")));
    assertEquals("b2", read(out.resolve("b.txt")));
    assertFalse(OLD.equals(Files.getLastModifiedTime(out.resolve("b.txt"))));
  }

  @Test
  void staleOwnedFilesAreDeletedWithTheirEmptyDirectoriesButUserFilesStay() throws IOException {
    Path out = temp.resolve("out");
    writer.write(out, plan("keep.txt", "k", "gone/deep/old.txt", "o", "shared/old.txt", "o"));
    Files.writeString(out.resolve("user.txt"), "mine");
    Files.writeString(out.resolve("shared/user.txt"), "mine too");

    WriteReport report = writer.write(out, plan("keep.txt", "k"));

    assertEquals(List.of("gone/deep/old.txt", "shared/old.txt"), report.deleted());
    assertFalse(Files.exists(out.resolve("gone")), "emptied directories are removed");
    assertFalse(Files.exists(out.resolve("shared/old.txt")));
    assertEquals("mine", read(out.resolve("user.txt")));
    assertEquals("mine too", read(out.resolve("shared/user.txt")));
    assertEquals(List.of(OutputWriter.MANIFEST, "keep.txt", "shared/user.txt", "user.txt"), tree(out));
    assertEquals("# files written by singletable; do not edit\nkeep.txt\n", read(out.resolve(OutputWriter.MANIFEST)));
  }

  @Test
  void emptyPlanDeletesAllOwnedFilesButKeepsTheOutputDirectory() throws IOException {
    Path out = temp.resolve("out");
    writer.write(out, plan("a/b.txt", "b"));

    WriteReport report = writer.write(out, new OutputPlan());

    assertEquals(List.of("a/b.txt"), report.deleted());
    assertEquals(List.of(OutputWriter.MANIFEST), tree(out));
    assertTrue(Files.isDirectory(out));
  }

  @Test
  void unsafeManifestEntriesNeverDeleteOutsideTheOutputDirectory() throws IOException {
    Path out = Files.createDirectories(temp.resolve("out"));
    Path outside = Files.writeString(temp.resolve("x"), "outside");
    Path sibling = Files.createDirectories(temp.resolve("sib"));
    Files.writeString(sibling.resolve("y.txt"), "outside too");
    Files.writeString(out.resolve("owned.txt"), "stale");
    Files.writeString(out.resolve(OutputWriter.MANIFEST), String.join("\n", "# comment", "", "../x",
        "a/../../x", "../sib/y.txt", outside.toString(), "./owned.txt", "owned.txt", ""));

    WriteReport report = writer.write(out, plan("new.txt", "n"));

    assertEquals(List.of("owned.txt"), report.deleted());
    assertEquals("outside", read(outside));
    assertEquals("outside too", read(sibling.resolve("y.txt")));
    assertEquals("# files written by singletable; do not edit\nnew.txt\n", read(out.resolve(OutputWriter.MANIFEST)));
  }

  @Test
  void ownedPathThroughALinkToOutsideIsNotDeleted() throws IOException {
    Path out = Files.createDirectories(temp.resolve("out"));
    Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("y.txt"), "outside");
    try {
      Files.createSymbolicLink(out.resolve("link"), elsewhere);
    } catch (UnsupportedOperationException | IOException e) {
      Assumptions.abort("symbolic links not available: " + e);
    }
    Files.writeString(out.resolve(OutputWriter.MANIFEST), "link/y.txt\n");

    WriteReport report = writer.write(out, new OutputPlan());

    assertEquals(List.of(), report.deleted());
    assertEquals("outside", read(elsewhere.resolve("y.txt")));
  }

  @Test
  void plannedPathThatIsADirectoryFailsBeforeWritingAnything() throws IOException {
    Path out = Files.createDirectories(temp.resolve("out"));
    Files.createDirectories(out.resolve("b.txt"));

    IOException e = assertThrows(IOException.class, () -> writer.write(out, plan("a.txt", "a", "b.txt", "b")));

    assertTrue(e.getMessage().contains("'b.txt'") && e.getMessage().contains("is a directory"), e.getMessage());
    assertFalse(Files.exists(out.resolve("a.txt")));
    assertFalse(Files.exists(out.resolve(OutputWriter.MANIFEST)));
  }

  @Test
  void plannedPathThatLinksToADirectoryFailsBeforeWritingAnything() throws IOException {
    Path out = Files.createDirectories(temp.resolve("out"));
    Path dir = Files.createDirectories(temp.resolve("elsewhere"));
    try {
      Files.createSymbolicLink(out.resolve("b.txt"), dir);
    } catch (UnsupportedOperationException | IOException e) {
      Assumptions.abort("no symbolic links here: " + e);
    }

    IOException e = assertThrows(IOException.class, () -> writer.write(out, plan("a.txt", "a", "b.txt", "b")));

    assertTrue(e.getMessage().contains("'b.txt'") && e.getMessage().contains("is a directory"), e.getMessage());
    assertFalse(Files.exists(out.resolve("a.txt")));
  }

  @Test
  void plannedPathThatLinksToAFileWithTheSameBytesBecomesThatFile() throws IOException {
    Path out = Files.createDirectories(temp.resolve("out/a"));
    Path target = Files.writeString(temp.resolve("target.txt"), "b");
    try {
      Files.createSymbolicLink(out.resolve("b.txt"), target);
    } catch (UnsupportedOperationException | IOException e) {
      Assumptions.abort("no symbolic links here: " + e);
    }
    Files.writeString(out.resolve("c.txt"), "c");

    WriteReport report = writer.write(temp.resolve("out"), plan("a/b.txt", "b", "a/c.txt", "c", "a/new/d.txt", "d"));

    assertEquals(List.of("a/b.txt", "a/new/d.txt"), report.written(), "the link is replaced, the equal file kept");
    assertEquals(List.of("a/c.txt"), report.unchanged());
    assertFalse(Files.isSymbolicLink(out.resolve("b.txt")));
    assertEquals("b", read(out.resolve("b.txt")));
    assertEquals("b", read(target), "the link's target is untouched");
    assertEquals("d", read(out.resolve("new/d.txt")));
  }

  @Test
  void plannedPathBelowAFileFailsWithAClearMessage() throws IOException {
    Path out = Files.createDirectories(temp.resolve("out"));
    Files.writeString(out.resolve("a"), "file");

    IOException e = assertThrows(IOException.class, () -> writer.write(out, plan("a/b.txt", "b")));

    assertTrue(e.getMessage().contains("'a/b.txt'") && e.getMessage().contains("is a file"), e.getMessage());
    assertEquals("file", read(out.resolve("a")));
  }

  @Test
  void unchangedManifestIsNotRewrittenEvenWhenAFileChanges() throws IOException {
    Path out = temp.resolve("out");
    writer.write(out, plan("a.txt", "a"));
    Path manifest = out.resolve(OutputWriter.MANIFEST);
    Files.setLastModifiedTime(manifest, OLD);

    writer.write(out, plan("a.txt", "changed"));

    assertEquals(OLD, Files.getLastModifiedTime(manifest));
  }

  @Test
  void previouslyUnownedFileBecomesOwnedWhenPlanned() throws IOException {
    Path out = Files.createDirectories(temp.resolve("out"));
    Files.writeString(out.resolve("a.txt"), "a");

    WriteReport first = writer.write(out, plan("a.txt", "a"));
    WriteReport second = writer.write(out, new OutputPlan());

    assertEquals(List.of("a.txt"), first.unchanged());
    assertEquals(List.of("a.txt"), second.deleted());
    assertFalse(Files.exists(out.resolve("a.txt")));
  }
}
