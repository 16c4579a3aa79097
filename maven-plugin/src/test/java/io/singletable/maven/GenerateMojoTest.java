package io.singletable.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.model.Authentication;
import io.singletable.model.KeyStrategy;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No exception escapes the Mojo, and a failing run writes nothing. */
class GenerateMojoTest {
  private static final String SCHEMA = "type Farm @model {\n  id: ID!\n  name: String! @unique\n}\n";

  @TempDir
  Path dir;

  private GenerateMojo mojo(Path schema, Path out, Path templates) throws Exception {
    return configure(new GenerateMojo(), schema, out, templates);
  }

  private <T extends GenerateMojo> T configure(T m, Path schema, Path out, Path templates) throws Exception {
    set(m, "schema", schema.toFile());
    set(m, "outputDirectory", out.toFile());
    set(m, "packageName", "com.example.farm");
    set(m, "keyStrategy", KeyStrategy.NODE);
    set(m, "maxIndexes", 20);
    set(m, "templateDirectory", templates == null ? null : templates.toFile());
    set(m, "authentication", Authentication.API_KEY);
    set(m, "basedir", dir.toFile());
    return m;
  }

  private static void set(Object target, String name, Object value) throws Exception {
    Field f = GenerateMojo.class.getDeclaredField(name);
    f.setAccessible(true);
    f.set(target, value);
  }

  private Path schema(String text) throws Exception {
    Path file = dir.resolve("schema.graphql");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** An output folder holding a previous run's file, to check that failures leave it alone. */
  private Path previousOutput() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("template.yaml"), "previous\n", StandardCharsets.UTF_8);
    return out;
  }

  private static void assertUntouched(Path out) throws Exception {
    try (Stream<Path> files = Files.walk(out)) {
      assertEquals(List.of(out.resolve("template.yaml")), files.filter(Files::isRegularFile).toList());
    }
    assertEquals("previous\n", Files.readString(out.resolve("template.yaml"), StandardCharsets.UTF_8));
  }

  @Test
  void generatesAValidSchema() throws Exception {
    Path out = dir.resolve("out");
    mojo(schema(SCHEMA), out, null).execute();
    assertTrue(Files.exists(out.resolve("template.yaml")));
    assertTrue(Files.exists(out.resolve("java/com/example/farm/Farm.java")));
  }

  @Test
  void writesTheLockInTheBaseFolderAndLogsThePlanAgainstIt() throws Exception {
    Path out = dir.resolve("out");
    List<String> log = new java.util.ArrayList<>();
    org.apache.maven.plugin.logging.SystemStreamLog capture = new org.apache.maven.plugin.logging.SystemStreamLog() {
      @Override
      public void info(CharSequence content) {
        log.add(content.toString());
      }
    };
    String v1 = SCHEMA.replace("}", "  cows: [Cow] @hasMany(field: \"farmId\")\n}\n")
        + "type Cow @model {\n  id: ID!\n  farmId: ID\n  barnId: ID\n}\n";
    GenerateMojo first = mojo(schema(v1), out, null);
    first.setLog(capture);
    first.execute();
    Path lock = dir.resolve("singletable.lock");
    assertTrue(Files.readString(lock, StandardCharsets.UTF_8).contains("relation Farm.cows slot=1"));
    assertTrue(log.stream().anyMatch(l -> l.contains("no lock yet; wrote " + lock)), log.toString());

    log.clear();
    String v2 = v1 + "type Barn @model {\n  id: ID!\n  cows: [Cow] @hasMany(field: \"barnId\")\n}\n";
    GenerateMojo second = mojo(schema(v2), out, null);
    second.setLog(capture);
    second.execute();
    assertTrue(log.stream().anyMatch(l -> l.contains("needs backfill: relation Barn.cows — Cow items [PK02/SK02]")),
        log.toString());
    assertTrue(Files.readString(out.resolve("schema-changes.md"), StandardCharsets.UTF_8)
        .contains("| needs backfill | relation Barn.cows | Cow | PK02/SK02 |"));
    assertTrue(Files.readString(lock, StandardCharsets.UTF_8).contains("relation Farm.cows slot=1"), "kept");
  }

  @Test
  void checkNamesAStaleOrMissingLockByItsOwnPathAndWritesNothing() throws Exception {
    Path out = dir.resolve("out");
    Path lock = dir.resolve("singletable.lock");
    mojo(schema(SCHEMA), out, null).execute();
    byte[] v1 = Files.readAllBytes(lock);
    String v2 = SCHEMA.replace("}", "  code: String @unique\n}");
    mojo(schema(v2), out, null).execute(); // output and lock for v2 ...
    Files.write(lock, v1); // ... but the lock written for v2 not kept
    List<String> errors = new java.util.ArrayList<>();
    org.apache.maven.plugin.logging.SystemStreamLog capture = new org.apache.maven.plugin.logging.SystemStreamLog() {
      @Override
      public void error(CharSequence content) {
        errors.add(content.toString());
      }
    };
    CheckMojo check = configure(new CheckMojo(), dir.resolve("schema.graphql"), out, null);
    check.setLog(capture);
    MojoFailureException e = assertThrows(MojoFailureException.class, check::execute);
    assertEquals(List.of("singletable: " + lock + ": differs from what generate would write (the lock was not "
        + "committed after a schema change, or was edited by hand)"), errors);
    assertTrue(e.getMessage().startsWith("singletable: the lock " + lock + " differs from what generate writes for "),
        e.getMessage());
    assertTrue(java.util.Arrays.equals(v1, Files.readAllBytes(lock)), "check rewrote the lock");

    errors.clear();
    Files.delete(lock); // planned from scratch: schema-changes.md differs too
    e = assertThrows(MojoFailureException.class, check::execute);
    assertEquals(List.of("singletable: " + out.resolve("schema-changes.md") + ": differs from what generate would write "
        + "(edited by hand, or generated from another schema)", "singletable: " + lock + ": missing; generate would "
        + "write it (commit the lock with the schema)"), errors);
    assertTrue(e.getMessage().startsWith("singletable: 1 generated file in " + out + " differs and the lock " + lock
        + " is missing from what generate writes for "), e.getMessage());
    assertFalse(Files.exists(lock), "check wrote the lock");
  }

  @Test
  void aRuntimeExceptionIsAnInternalErrorNamingTheSchemaAndAskingForAReport() throws Exception {
    Path schema = schema(SCHEMA);
    GenerateMojo m = mojo(schema, previousOutput(), null);
    m.generator(options -> {
      throw new IllegalStateException("boom");
    });
    MojoExecutionException e = assertThrows(MojoExecutionException.class, m::execute);
    assertEquals("singletable: internal error (java.lang.IllegalStateException: boom) while generating from "
        + schema.toFile() + "; nothing was written. Please report it at "
        + "https://github.com/singletable/singletable/issues with the schema", e.getMessage());
    assertTrue(e.getCause() instanceof IllegalStateException);
  }

  @Test
  void aStackOverflowIsAnInternalErrorToo() throws Exception {
    GenerateMojo m = mojo(schema(SCHEMA), previousOutput(), null);
    m.generator(options -> {
      throw new StackOverflowError();
    });
    MojoExecutionException e = assertThrows(MojoExecutionException.class, m::execute);
    assertTrue(e.getMessage().startsWith("singletable: internal error (java.lang.StackOverflowError) while generating"),
        e.getMessage());
  }

  @Test
  void aFailureHalfWayThroughRenderingWritesNothing() throws Exception {
    // a real failure half-way through rendering: a template override that throws; the user's to fix
    Path templates = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(templates.resolve("get.response.vtl.ftl"), "[#stop \"broken template\"]\n");
    Path out = previousOutput();
    MojoFailureException e = assertThrows(MojoFailureException.class,
        () -> mojo(schema(SCHEMA), out, templates).execute());
    assertTrue(e.getMessage().startsWith("singletable: template get.response.vtl.ftl from the templateDirectory ")
        && e.getMessage().contains("broken template") && e.getMessage().endsWith("nothing was written"),
        e.getMessage());
    assertUntouched(out);
  }

  @Test
  void aTemplateOverrideThatDoesNotParseFailsTheBuildToo() throws Exception {
    Path templates = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(templates.resolve("get.response.vtl.ftl"), "[#if]\n");
    Path out = previousOutput();
    MojoFailureException e = assertThrows(MojoFailureException.class,
        () -> mojo(schema(SCHEMA), out, templates).execute());
    assertTrue(e.getMessage().contains("get.response.vtl.ftl"), e.getMessage());
    assertUntouched(out);
  }

  @Test
  void aSchemaErrorFailsTheBuildAndWritesNothing() throws Exception {
    Path out = previousOutput();
    MojoFailureException e = assertThrows(MojoFailureException.class,
        () -> mojo(schema("type Farm @model {\n  id: ID!\n}\nextend union Farm = Farm\n"), out, null).execute());
    assertTrue(e.getMessage().contains("schema has 1 error") && e.getMessage().contains("nothing was written"),
        e.getMessage());
    assertUntouched(out);
  }

  @Test
  void aSchemaFileThatIsNotUtf8FailsTheBuildWithItsPosition() throws Exception {
    Path file = dir.resolve("schema.graphql");
    Files.write(file, "type Farm @model {\n  id: ID!\n  name: String # caf\u00e9\n}\n".getBytes(StandardCharsets.ISO_8859_1));
    Path out = previousOutput();
    MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo(file, out, null).execute());
    assertTrue(e.getMessage().contains("schema has 1 error"), e.getMessage());
    assertUntouched(out);
  }

  @Test
  void aMissingSchemaFailsTheBuildWithAClearMessage() throws Exception {
    Path out = dir.resolve("out");
    MojoFailureException e = assertThrows(MojoFailureException.class,
        () -> mojo(dir.resolve("nowhere"), out, null).execute());
    assertTrue(e.getMessage().startsWith("singletable: schema not found: "), e.getMessage());
    assertFalse(Files.exists(out));
  }

  /** Every message of a Mojo's log, as {@code LEVEL message}. */
  private static List<String> capture(GenerateMojo m) {
    List<String> log = new java.util.ArrayList<>();
    m.setLog(new org.apache.maven.plugin.logging.SystemStreamLog() {
      @Override
      public void info(CharSequence content) {
        log.add("INFO " + content);
      }

      @Override
      public void warn(CharSequence content) {
        log.add("WARN " + content);
      }

      @Override
      public void error(CharSequence content) {
        log.add("ERROR " + content);
      }
    });
    return log;
  }

  private static java.util.Map<String, String> tree(Path root) throws Exception {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static final String RELATED = SCHEMA.replace("}", "  cows: [Cow] @hasMany(field: \"farmId\")\n}\n")
      + "type Cow @model {\n  id: ID!\n  farmId: ID\n  name: String @unique\n}\n";

  @Test
  void aForkedGenerationWritesWhatMavensJvmWritesAndLogsTheSame() throws Exception {
    Path schema = schema(RELATED);
    GenerateMojo here = mojo(schema, dir.resolve("here"), null);
    set(here, "fork", false);
    set(here, "lockFile", dir.resolve("here.lock").toFile());
    List<String> hereLog = capture(here);
    here.execute();
    GenerateMojo forked = mojo(schema, dir.resolve("forked"), null);
    set(forked, "fork", true);
    set(forked, "lockFile", dir.resolve("forked.lock").toFile());
    List<String> forkedLog = capture(forked);
    forked.execute();

    var files = tree(dir.resolve("here"));
    assertTrue(files.size() > 20, files.keySet().toString());
    var forkedFiles = tree(dir.resolve("forked"));
    assertEquals(files.keySet(), forkedFiles.keySet());
    for (String f : files.keySet()) {
      assertEquals(files.get(f), forkedFiles.get(f).replace("forked.lock", "here.lock"), f); // schema-changes.md names it
    }
    assertEquals(Files.readString(dir.resolve("here.lock")), Files.readString(dir.resolve("forked.lock")));
    assertTrue(forkedLog.get(0).startsWith("INFO singletable: generating in a forked JVM (-XX:TieredStopAtLevel=1"),
        forkedLog.toString());
    // the same lines but the first and the timing, with each run's own paths
    List<String> expected = hereLog.subList(0, hereLog.size() - 1).stream()
        .map(l -> l.replace(dir.resolve("here").toString(), dir.resolve("forked").toString())
            .replace(dir.resolve("here.lock").toString(), dir.resolve("forked.lock").toString()))
        .toList();
    assertEquals(expected, forkedLog.subList(1, forkedLog.size() - 1));
    String last = hereLog.get(hereLog.size() - 1);
    assertTrue(last.matches("INFO singletable: generated \\d+ files in \\d+ ms"), last);
    assertEquals(last.substring(0, last.indexOf(" in ")),
        forkedLog.get(forkedLog.size() - 1).substring(0, forkedLog.get(forkedLog.size() - 1).indexOf(" in ")));
  }

  @Test
  void aSchemaErrorInAForkedGenerationFailsTheBuildAsInMavensJvm() throws Exception {
    Path schema = schema("type Farm @model {\n  id: ID!\n  name: Strin\n}\nextend union Farm = Farm\n");
    Path out = previousOutput();
    GenerateMojo here = mojo(schema, out, null);
    set(here, "fork", false);
    List<String> hereLog = capture(here);
    MojoFailureException expected = assertThrows(MojoFailureException.class, here::execute);
    GenerateMojo forked = mojo(schema, out, null);
    set(forked, "fork", true);
    List<String> forkedLog = capture(forked);
    MojoFailureException e = assertThrows(MojoFailureException.class, forked::execute);
    assertEquals(expected.getMessage(), e.getMessage());
    assertTrue(e.getMessage().contains("schema has 2 errors"), e.getMessage());
    List<String> errors = forkedLog.stream().filter(l -> l.startsWith("ERROR ")).toList();
    assertEquals(hereLog.stream().filter(l -> l.startsWith("ERROR ")).toList(), errors);
    assertTrue(errors.stream().anyMatch(l -> l.startsWith("ERROR schema.graphql:3:9: ")), errors.toString()); // file:line:column
    assertUntouched(out);
  }

  @Test
  void aFailingTemplateInAForkedGenerationWritesNothing() throws Exception {
    Path templates = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(templates.resolve("get.response.vtl.ftl"), "[#stop \"broken template\"]\n");
    Path out = previousOutput();
    GenerateMojo forked = mojo(schema(SCHEMA), out, templates);
    set(forked, "fork", true);
    MojoFailureException e = assertThrows(MojoFailureException.class, forked::execute);
    assertTrue(e.getMessage().startsWith("singletable: template get.response.vtl.ftl from the templateDirectory ")
        && e.getMessage().contains("broken template") && e.getMessage().endsWith("nothing was written"),
        e.getMessage());
    assertUntouched(out);
  }

  @Test
  void aForkedJvmThatDiesWithoutAnOutcomeIsReportedWithItsStatusAndOutput() throws Exception {
    Path fakeJava = dir.resolve("java");
    Files.writeString(fakeJava, "#!/bin/sh\nprintf '%s\\n' 'INFO first\\nsecond \\\\ back'\necho 'a library line'\n"
        + "echo 'trace' >&2\nexit 9\n");
    assertTrue(fakeJava.toFile().setExecutable(true));
    List<String> log = new java.util.ArrayList<>();
    ForkedGeneration.Outcome o = ForkedGeneration.run(fakeJava, List.of(dir), List.of("a=b"),
        (level, message) -> log.add(level + " " + message));
    assertEquals(9, o.status());
    assertEquals(null, o.files());
    assertEquals(null, o.failure());
    assertEquals("trace\n", o.stderr());
    assertEquals(List.of("INFO first\nsecond \\ back", "INFO a library line"), log);
  }

  @Test
  void messagesCrossTheForkOnOneLineEach() {
    for (String m : List.of("", "plain", "two\nlines", "cr\r\nlf", "back\\slash\\n", "tab\tand \u00e9")) {
      String line = ForkedGeneration.escape(m);
      assertFalse(line.contains("\n") || line.contains("\r"), line);
      assertEquals(m, ForkedGeneration.unescape(line));
    }
  }
}
