package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.TestSchemas;
import io.singletable.harness.Backend;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keyStrategy TYPE: node keys are {@code <Type>#<id>}, and every access pattern still works. */
@Tag("simulator")
class TypeKeyScenarioTest {

  @Test
  void nodeKeysCarryTheTypeAndRelationsFollowThem(@TempDir Path out) throws Exception {
    GeneratorOptions nodeKeys = TestSchemas.sampleOptions("farm", out);
    new Generator().generate(new GeneratorOptions(nodeKeys.schema(), null, out, nodeKeys.packageName(),
        io.singletable.model.KeyStrategy.TYPE, 20, null));
    try (Backend backend = Backend.start(out)) {
      String img = backend.graphql("mutation { createImage(input: {url: \"https://x/t.png\"}) { id } }")
          .requireNoErrors().data("/createImage/id").asText();
      String farm = backend.graphql("mutation($l: ID!) { createFarm(input: {name: \"Typed\", logoId: $l, "
          + "galleryIds: [$l]}) { id } }", Map.of("l", img)).requireNoErrors().data("/createFarm/id").asText();
      String cow = backend.graphql("mutation($f: ID!) { createCow(input: {farmId: $f, name: \"T\"}) { id } }",
          Map.of("f", farm)).requireNoErrors().data("/createCow/id").asText();
      Set<String> keys = backend.scan().stream().map(i -> i.get("PK").s()).collect(Collectors.toSet());
      assertTrue(keys.containsAll(Set.of("Farm#" + farm, "Cow#" + cow, "Image#" + img, "Farm#name#typed")), keys.toString());
      var f = backend.graphql("query($id: ID!) { farm(id: $id) { name logo { url } gallery { url } cows { id farm { id } } } }",
          Map.of("id", farm)).requireNoErrors().data("/farm");
      assertEquals("https://x/t.png", f.path("logo").path("url").asText());
      assertEquals("https://x/t.png", f.path("gallery").get(0).path("url").asText());
      assertEquals(cow, f.path("cows").get(0).path("id").asText());
      assertEquals(farm, f.path("cows").get(0).path("farm").path("id").asText());
      assertTrue(backend.graphql("query($id: ID!) { farm(id: $id) { id } }", Map.of("id", cow)).requireNoErrors()
          .data("/farm").isNull());
      backend.graphql("mutation($id: ID!) { deleteFarm(id: $id) { id } }", Map.of("id", farm)).requireNoErrors();
      assertTrue(backend.scan().stream().noneMatch(i -> i.get("PK").s().startsWith("Farm#")));
    }
  }
}
