package io.singletable.bench;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.cfn.GeneratedSchemas;
import io.singletable.model.KeyStrategy;
import io.singletable.output.GeneratedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How long generation takes, by schema size: a rerunnable benchmark, not a test. For 10, 100 and
 * 400 generated models ({@link GeneratedSchemas}) it reports the first run in a fresh JVM (what
 * {@code mvn singletable:generate} pays), the median of warm runs of the whole pipeline in memory
 * ({@code plan}), of a generation into an empty folder, and of a regeneration that finds every
 * file unchanged (CI's usual case), with the output's size.
 *
 * <pre>mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl generator test-compile exec:java@benchmark</pre>
 *
 * The model counts can be chosen with {@code -Dsingletable.benchmark.models=100,1000} (or as arguments).
 */
public final class GenerationBenchmark {
  private static final int WARM_RUNS = 7;

  private GenerationBenchmark() {}

  public static void main(String[] args) throws IOException {
    List<Integer> sizes = new ArrayList<>();
    List<String> given = new ArrayList<>(List.of(args));
    String property = System.getProperty("singletable.benchmark.models", "");
    if (given.isEmpty() && !property.isBlank()) {
      given.addAll(List.of(property.split(",")));
    }
    for (String a : given) {
      sizes.add(Integer.parseInt(a.trim()));
    }
    if (sizes.isEmpty()) {
      sizes.addAll(List.of(10, 100, 400));
    }
    Path work = Files.createTempDirectory("singletable-bench");
    try {
      System.out.printf(Locale.ROOT, "%-7s %8s %10s %10s %12s %12s %7s %9s%n", "models", "SDL KB", "first ms", "plan ms",
          "write ms", "no-op ms", "files", "output MB");
      for (int models : sizes) {
        run(models, work.resolve("m" + models));
      }
      System.out.printf(Locale.ROOT, "(%s, %d cores, %s; warm figures are medians of %d runs)%n",
          System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"), WARM_RUNS);
    } finally {
      delete(work);
    }
  }

  private static void run(int models, Path dir) throws IOException {
    Path schema = Files.createDirectories(dir).resolve("schema.graphql");
    String sdl = GeneratedSchemas.models(models);
    Files.writeString(schema, sdl);
    Generator generator = new Generator();
    long first = time(() -> generator.generate(options(schema, dir.resolve("first"))));
    var sources = io.singletable.source.SchemaSources.load(schema, dir);
    List<Long> plan = new ArrayList<>();
    List<Long> write = new ArrayList<>();
    List<Long> noop = new ArrayList<>();
    Generator.Planned planned = null;
    for (int i = 0; i < WARM_RUNS; i++) {
      plan.add(time(() -> generator.plan(sources, options(schema, dir.resolve("unused")))));
      Path out = dir.resolve("out-" + i);
      write.add(time(() -> generator.generate(options(schema, out))));
      noop.add(time(() -> {
        var result = generator.generate(options(schema, out));
        if (!result.report().written().isEmpty()) {
          throw new IllegalStateException("a regeneration wrote " + result.report().written());
        }
      }));
      delete(out);
    }
    planned = generator.plan(sources, options(schema, dir.resolve("unused")));
    long bytes = planned.plan().files().stream().mapToLong(GeneratedFile::size).sum();
    System.out.printf(Locale.ROOT, "%-7d %8.0f %10d %10d %12d %12d %7d %9.1f%n", models, sdl.length() / 1024.0,
        first, median(plan), median(write), median(noop), planned.plan().files().size(), bytes / 1e6);
  }

  private static GeneratorOptions options(Path schema, Path out) {
    return new GeneratorOptions(schema, schema.getParent(), out, "com.example.bench", KeyStrategy.NODE, 20, null);
  }

  private interface Step {
    void run() throws IOException;
  }

  private static long time(Step step) throws IOException {
    long start = System.nanoTime();
    step.run();
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
