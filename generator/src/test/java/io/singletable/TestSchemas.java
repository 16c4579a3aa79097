package io.singletable;

import io.singletable.model.Authentication;
import io.singletable.model.KeyStrategy;
import io.singletable.source.SchemaSource;
import io.singletable.source.SchemaSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /** Options for a sample with output into {@code out}, with the authentication its build configures. */
  public static GeneratorOptions sampleOptions(String sample, Path out) {
    return new GeneratorOptions(sampleSchema(sample), samples().resolve(sample), out,
        "io.singletable.samples." + sample, KeyStrategy.NODE, 20, null, sampleAuthentication(sample))
        .withAsyncDataAccess(sampleAsync(sample));
  }

  /** Whether the sample's {@code pom.xml} asks the plugin for the asynchronous data access. */
  public static boolean sampleAsync(String sample) {
    try {
      return Files.readString(samples().resolve(sample).resolve("pom.xml"), StandardCharsets.UTF_8)
          .contains("<asyncDataAccess>true</asyncDataAccess>");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Pattern AUTHENTICATION = Pattern.compile("<authentication>\\s*([A-Z_]+)\\s*</authentication>");

  /**
   * The {@code authentication} the sample's {@code pom.xml} gives the singletable plugin (API_KEY when it gives
   * none), so that tests generate the sample as its own build does.
   */
  public static Authentication sampleAuthentication(String sample) {
    String pom;
    try {
      pom = Files.readString(samples().resolve(sample).resolve("pom.xml"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher m = AUTHENTICATION.matcher(pom);
    return m.find() ? Authentication.valueOf(m.group(1)) : Authentication.API_KEY;
  }

  /** Plans an inline schema with default options. */
  public static Generator.Planned plan(String sdl) {
    return new Generator().plan(inline(sdl), GeneratorOptions.of(Path.of("schema.graphql"), Path.of("out")));
  }
}
