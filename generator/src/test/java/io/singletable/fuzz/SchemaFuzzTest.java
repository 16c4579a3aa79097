package io.singletable.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.TestSchemas;
import io.singletable.diag.Diagnostic;
import io.singletable.diag.SchemaException;
import io.singletable.model.KeyStrategy;
import io.singletable.render.java.GeneratedJava;
import io.singletable.render.java.RandomSchemaJavaTest;
import io.singletable.render.java.RandomSchemas;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the generator with mutations of every schema of the repository (the samples, the scenario
 * schemas, the negative goldens, the kitchen sink and random schemas of the Java tests): byte damage,
 * invalid UTF-8, truncation, deleted and duplicated tokens, directive and argument typos, swapped
 * argument values, swapped type names, changed list/non-null wrappers, tricky renames and spliced lines.
 *
 * <p>For each case the output directory first holds the previous valid generation's output (of the
 * unmutated schema with NODE keys, or of the farm sample when the schema is itself a negative golden), then
 * {@link Generator#generate} runs under keyStrategy NODE or TYPE. It must either succeed or throw a
 * {@link SchemaException} whose every diagnostic points at a line and column inside one of the
 * case's files, and then leave the output directory byte for byte as it was. Any other exception is
 * a finding. Findings are printed with the seed, the case index, the mutations and the mutated files
 * (and saved under {@code target/singletable-fuzz/}); rerun one case with
 * {@code -Dsingletable.fuzz.case=N}, more cases with {@code -Dsingletable.fuzz.cases=N}, another seed
 * with {@code -Dsingletable.fuzz.seed=S}, without some mutation kinds with {@code -Dsingletable.fuzz.skip=BYTES,TRUNCATE}. The seed is fixed, so every build runs the same cases.
 */
class SchemaFuzzTest {
  static final long SEED = Long.getLong("singletable.fuzz.seed", 20261202L);
  static final int CASES = Integer.getInteger("singletable.fuzz.cases", 400);
  static final Integer ONLY = Integer.getInteger("singletable.fuzz.case");
  /** Mutation kinds to leave out while investigating (e.g. {@code BYTES,TRUNCATE}); none by default. */
  static final List<String> SKIP = List.of(System.getProperty("singletable.fuzz.skip", "").split(","));
  private static final Path FINDINGS = Path.of("target", "singletable-fuzz");

  /** A schema of the corpus: its files by path relative to the schema folder. */
  record Base(String name, Map<String, byte[]> files) {}

  /** The output of a valid generation: which schema and key strategy, and the files. */
  record Previous(String key, Map<String, byte[]> files) {}

  /** What one case did. */
  record Outcome(boolean generated, String finding) {}

  @Test
  void mutatedSchemasGenerateOrFailWithLocatedErrorsAndWriteNothing(@TempDir Path temp) throws IOException {
    List<Base> corpus = corpus();
    List<Base> valid = corpus.stream().filter(b -> !b.name().startsWith("diagnostics/")).toList();
    List<String> lines = new ArrayList<>();
    for (Base b : corpus) {
      for (byte[] bytes : b.files().values()) {
        new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).forEach(lines::add);
      }
    }
    Map<String, Previous> previous = new HashMap<>();
    Map<String, Path> outputs = new HashMap<>();
    List<String> findings = new ArrayList<>();
    int generated = 0;
    int refused = 0;
    long started = System.nanoTime();
    long[] generatedNanos = {0};
    long[] refusedNanos = {0};
    for (int i = ONLY == null ? 0 : ONLY; i < (ONLY == null ? CASES : ONLY + 1); i++) {
      Random random = new Random(SEED * 1_000_003L + i);
      // mostly valid schemas (a mutation of a valid schema may stay valid), the negative goldens too
      List<Base> pool = random.nextInt(10) < 7 ? valid : corpus;
      Base base = pool.get(random.nextInt(pool.size()));
      KeyStrategy keys = random.nextBoolean() ? KeyStrategy.NODE : KeyStrategy.TYPE;
      int maxIndexes = random.nextInt(10) == 0 ? random.nextInt(3) : 20;
      List<String> log = new ArrayList<>();
      Map<String, byte[]> files = mutate(base, random, lines, log);

      Previous prior = previousOutput(previous, corpus, base, temp);
      Map<String, byte[]> before = prior.files();
      // one output folder per previous generation, filled once and restored after a case changed it
      Path out = outputs.get(prior.key());
      if (out == null) {
        out = temp.resolve("out-" + outputs.size());
        restore(out, before);
        outputs.put(prior.key(), out);
      }
      Path schema = temp.resolve("case").resolve("schema");
      write(schema, files);
      GeneratorOptions options = new GeneratorOptions(schema, schema, out, null, keys, maxIndexes, null);
      long t0 = System.nanoTime();
      Outcome o = run(options, files, out, before);
      (o.generated() ? generatedNanos : refusedNanos)[0] += System.nanoTime() - t0;
      if (o.generated()) {
        generated++;
      } else if (o.finding() == null) {
        refused++;
      }
      if (o.generated() || o.finding() != null) {
        restore(out, before);
      }
      if (o.finding() != null) {
        findings.add(report(i, base, keys, maxIndexes, log, files, o.finding()));
      }
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    System.out.println("SchemaFuzzTest: seed " + SEED + ", " + (ONLY == null ? CASES : 1) + " cases: " + generated
        + " generated (" + generatedNanos[0] / 1_000_000 + " ms), " + refused + " refused with located errors ("
        + refusedNanos[0] / 1_000_000 + " ms), " + findings.size() + " findings, " + seconds + " s in all");
    findings.forEach(System.out::println);
    assertEquals(List.of(), findings.stream().map(f -> f.lines().findFirst().orElse("")).toList(),
        "every mutated schema generates or fails with located errors, writing nothing (details above)");
    if (ONLY == null) {
      assertTrue(generated >= CASES / 20, "some mutations keep the schema valid: " + generated);
      assertTrue(refused >= CASES / 2, "most mutations break the schema: " + refused);
    }
  }

  /** Runs one case and checks its outcome. */
  private static Outcome run(GeneratorOptions options, Map<String, byte[]> files, Path out, Map<String, byte[]> before) {
    try {
      new Generator().generate(options);
      return new Outcome(true, null);
    } catch (SchemaException e) {
      List<String> problems = new ArrayList<>();
      if (e.diagnostics().isEmpty()) {
        problems.add("a SchemaException without diagnostics");
      }
      for (Diagnostic d : e.diagnostics()) {
        String unlocated = unlocated(d, files);
        if (unlocated != null) {
          problems.add(unlocated + ": " + d);
        }
      }
      try {
        if (!sameBytes(before, snapshot(out))) {
          problems.add("the output directory changed although the schema was refused");
        }
      } catch (IOException io) {
        problems.add("cannot read the output directory: " + io);
      }
      return new Outcome(false, problems.isEmpty() ? null
          : String.join("\n", problems) + "\n--- diagnostics ---\n" + e.formatted());
    } catch (Throwable t) {
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      String shortTrace = trace.toString().lines().limit(12).reduce((a, b) -> a + "\n" + b).orElse("");
      return new Outcome(false, t.getClass().getName() + ": " + t.getMessage() + "\n" + shortTrace);
    }
  }

  /** Null when {@code d} points at a line and column inside one of {@code files}; else what is wrong. */
  static String unlocated(Diagnostic d, Map<String, byte[]> files) {
    byte[] bytes = files.get(d.span().file());
    if (bytes == null) {
      return "not in a schema file " + files.keySet();
    }
    // lenient bounds: columns counted in bytes (at least as many as characters); lines split at \n only
    // (as graphql-java counts them) or at every GraphQL line terminator (\n, \r\n, \r)
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    String byNewline = inside(d, text.split("\n", -1));
    String byTerminator = inside(d, text.split("\r\n|\r|\n", -1));
    return byNewline == null || byTerminator == null ? null : byTerminator;
  }

  private static String inside(Diagnostic d, String[] lines) {
    int line = d.span().line();
    if (line < 1 || line > lines.length) {
      return "line " + line + " outside the file's " + lines.length + " lines";
    }
    int column = d.span().column();
    if (column < 1 || column > lines[line - 1].length() + 1) {
      return "column " + column + " outside line " + line + " (" + lines[line - 1].length() + " bytes)";
    }
    return null;
  }

  /** Applies one mutation (a quarter of the time two or three) to one file of the base. */
  private static Map<String, byte[]> mutate(Base base, Random random, List<String> lines, List<String> log) {
    Map<String, byte[]> files = new TreeMap<>(base.files());
    List<String> names = new ArrayList<>(files.keySet());
    String target = names.get(random.nextInt(names.size()));
    SchemaMutator mutator = new SchemaMutator(random, lines);
    SchemaMutator.Kind[] kinds = SchemaMutator.Kind.values();
    int count = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
    byte[] bytes = files.get(target);
    log.add("file " + target);
    for (int m = 0; m < count; m++) {
      SchemaMutator.Kind kind = kinds[random.nextInt(kinds.length)];
      if (SKIP.contains(kind.name())) {
        kind = SchemaMutator.Kind.RENAME;
      }
      if ((kind == SchemaMutator.Kind.BYTES || kind == SchemaMutator.Kind.TRUNCATE) && m + 1 < count) {
        kind = SchemaMutator.Kind.DELETE_TOKEN; // damage bytes last: text mutations work on valid UTF-8
      }
      bytes = mutator.apply(kind, bytes, log);
    }
    files.put(target, bytes);
    return files;
  }

  /**
   * The output of the last valid generation before the case: the unmutated base's (with NODE keys, whatever
   * the case's key strategy: most file names are the same), else the farm's.
   */
  private static Previous previousOutput(Map<String, Previous> cache, List<Base> corpus, Base base, Path temp)
      throws IOException {
    String key = base.name();
    if (!cache.containsKey(key)) {
      Path schema = temp.resolve("base").resolve("schema");
      write(schema, base.files());
      Path out = temp.resolve("base").resolve("out-" + cache.size());
      try {
        new Generator().generate(new GeneratorOptions(schema, schema, out, null, KeyStrategy.NODE, 20, null));
        cache.put(key, new Previous(key, snapshot(out)));
      } catch (SchemaException e) {
        Base farm = corpus.stream().filter(b -> b.name().equals("samples/farm")).findFirst().orElseThrow();
        assertTrue(base != farm, "the farm sample generates: " + e.formatted());
        cache.put(key, previousOutput(cache, corpus, farm, temp));
      }
    }
    return cache.get(key);
  }

  /** The corpus: every schema of the repository's samples, scenarios and negative goldens, plus test schemas. */
  static List<Base> corpus() throws IOException {
    List<Base> out = new ArrayList<>();
    for (String sample : List.of("farm", "social")) {
      out.add(folder("samples/" + sample, TestSchemas.sampleSchema(sample)));
    }
    Path resources = Path.of("src", "test", "resources");
    for (String group : List.of("scenarios", "diagnostics")) {
      try (Stream<Path> dirs = Files.list(resources.resolve(group))) {
        for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
          out.add(folder(group + "/" + dir.getFileName(), dir));
        }
      }
    }
    out.add(inline("kitchen-sink", GeneratedJava.KITCHEN_SINK));
    out.add(inline("odd-names", RandomSchemaJavaTest.ODD_NAMES));
    for (long seed : new long[] {1, 2, 3}) {
      out.add(inline("random-" + seed, RandomSchemas.sdl(seed)));
    }
    assertTrue(out.size() >= 40, "corpus found: " + out.size());
    return out;
  }

  private static Base inline(String name, String sdl) {
    return new Base(name, Map.of("schema.graphql", sdl.getBytes(StandardCharsets.UTF_8)));
  }

  private static Base folder(String name, Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".graphql")).sorted().toList()) {
        files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    assertTrue(!files.isEmpty(), "schema files in " + dir);
    return new Base(name, files);
  }

  private static void write(Path dir, Map<String, byte[]> files) throws IOException {
    delete(dir);
    for (var e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }

  /** Makes {@code dir} hold exactly {@code files}, touching only what differs. */
  private static void restore(Path dir, Map<String, byte[]> files) throws IOException {
    Files.createDirectories(dir);
    Map<String, byte[]> now = snapshot(dir);
    for (String name : now.keySet()) {
      if (!files.containsKey(name)) {
        Files.delete(dir.resolve(name));
      }
    }
    for (var e : files.entrySet()) {
      if (!Arrays.equals(now.get(e.getKey()), e.getValue())) {
        Path p = dir.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.write(p, e.getValue());
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** Every file under {@code dir} (hidden ones included) by relative path. */
  static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    if (!Files.exists(dir)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return out;
  }

  private static boolean sameBytes(Map<String, byte[]> a, Map<String, byte[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    return a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
  }

  /** The finding, how to rerun it, and the mutated files (saved under target/singletable-fuzz/case-N). */
  private static String report(int index, Base base, KeyStrategy keys, int maxIndexes, List<String> log,
      Map<String, byte[]> files, String finding) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("FINDING case ").append(index).append(" (seed ").append(SEED).append(", rerun with -Dsingletable.fuzz.case=")
        .append(index).append("): base ").append(base.name()).append(", keyStrategy ").append(keys)
        .append(", maxIndexes ").append(maxIndexes).append('\n');
    sb.append("mutations: ").append(String.join("; ", log)).append('\n');
    sb.append(finding).append('\n');
    Path dir = FINDINGS.resolve("case-" + index);
    write(dir, files);
    for (var e : new LinkedHashMap<>(files).entrySet()) {
      sb.append("--- ").append(e.getKey()).append(" (saved in ").append(dir.resolve(e.getKey())).append(")");
      String text = strictUtf8(e.getValue());
      sb.append(text == null ? " not valid UTF-8, shown as Latin-1:\n" + new String(e.getValue(), StandardCharsets.ISO_8859_1)
          : "\n" + text).append('\n');
    }
    return sb.toString();
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
