package io.singletable;

import io.singletable.model.KeyStrategy;
import io.singletable.source.SchemaSource;
import io.singletable.source.SchemaSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Schemas for tests: inline SDL or the samples. */
public final class TestSchemas {
  private TestSchemas() {}

  /** The bundled directives plus one user file {@code schema.graphql}. */
  public static List<SchemaSource> inline(String sdl) {
    List<SchemaSource> out = new ArrayList<>();
    out.add(SchemaSources.bundledDirectives());
    out.add(new SchemaSource("schema.graphql", sdl, false));
    return out;
  }

  /** The samples folder of the repository. */
  public static Path samples() {
    String dir = System.getProperty("singletable.samplesDir");
    return dir != null ? Path.of(dir) : Path.of("..", "samples");
  }

  /** Schema folder of a sample. */
  public static Path sampleSchema(String sample) {
    return samples().resolve(sample).resolve("src/main/graphql");
  }

  /** Options for a sample with output into {@code out}. */
  public static GeneratorOptions sampleOptions(String sample, Path out) {
    return new GeneratorOptions(sampleSchema(sample), samples().resolve(sample), out,
        "io.singletable.samples." + sample, KeyStrategy.NODE, 20, null);
  }

  /** Plans an inline schema with default options. */
  public static Generator.Planned plan(String sdl) {
    return new Generator().plan(inline(sdl), GeneratorOptions.of(Path.of("schema.graphql"), Path.of("out")));
  }
}
