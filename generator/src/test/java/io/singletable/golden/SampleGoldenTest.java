package io.singletable.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.TestSchemas;
import io.singletable.model.KeyStrategy;
import io.singletable.output.GeneratedFile;
import io.singletable.output.OutputWriter;
import io.singletable.source.SchemaSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The samples' checked-in output ({@code samples/NAME/generated}) and lock ({@code samples/NAME/singletable.lock})
 * are exactly what the generator produces today. With {@code -Dsingletable.updateGoldens=true} they are
 * regenerated instead; nothing else writes them (a sample's own build generates into its {@code target/}).
 */
@ResourceLock("singletable.goldens") // goldens: never read while -Dsingletable.updateGoldens=true rewrites them
class SampleGoldenTest {

  @ParameterizedTest
  @ValueSource(strings = {"farm", "social"})
  void generatedOutputMatchesCheckedInSample(String sample) throws Exception {
    Path project = Goldens.samplesDir().resolve(sample);
    GeneratorOptions options = new GeneratorOptions(project.resolve("src/main/graphql"), project,
        project.resolve("generated"), "io.singletable.samples." + sample, KeyStrategy.NODE, 20, null,
        TestSchemas.sampleAuthentication(sample)).withLock(project.resolve("singletable.lock"), false)
        .withAsyncDataAccess(TestSchemas.sampleAsync(sample));
    var planned = new Generator().plan(SchemaSources.load(options.schema(), project), options);
    // the committed lock is what the generator writes for the sample (it plans against it, so it is stable)
    Goldens.assertFile(options.lockFile(), planned.lock().lock().render());
    if (Goldens.updating()) {
      new OutputWriter().write(options.outputDirectory(), planned.plan());
      return;
    }
    assertTrue(planned.lock().changes().isEmpty(), "the sample has no change against its lock: "
        + planned.lock().changes());
    Map<String, String> actual = new TreeMap<>();
    for (GeneratedFile f : planned.plan().files()) {
      actual.put(f.path(), new String(f.content(), StandardCharsets.UTF_8));
    }
    Goldens.assertTree(options.outputDirectory(), actual);
    assertTrue(Files.exists(options.outputDirectory().resolve(OutputWriter.MANIFEST)), "sample manifest missing");
    String manifest = Files.readString(options.outputDirectory().resolve(OutputWriter.MANIFEST));
    assertEquals(actual.keySet().stream().toList(),
        manifest.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList(), "manifest lists the files");
  }
}
