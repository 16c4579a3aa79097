package io.singletable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.singletable.cfn.GeneratedSchemas;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Five hundred models referencing each other in a chain plan from a caller with a small stack. */
class GeneratorDeepSchemaTest {
  @Test
  void fiveHundredChainedModelsPlanFromAThreadWithASmallStack() throws Exception {
    String sdl = GeneratedSchemas.models(500);
    AtomicReference<Generator.Planned> planned = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread caller = new Thread(null, () -> {
      try {
        planned.set(new Generator().plan(TestSchemas.inline(sdl), GeneratorOptions.of(Path.of("schema.graphql"), Path.of("out"))));
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "small-stack", 256 * 1024);
    caller.start();
    caller.join();
    assertNull(failure.get(), () -> "planning failed: " + failure.get());
    assertEquals(500, planned.get().model().entities().size());
  }
}
