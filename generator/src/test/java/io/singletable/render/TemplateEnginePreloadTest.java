package io.singletable.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TemplateEngine#preload}: templates parsed ahead render as without it, and no failure is kept for later. */
class TemplateEnginePreloadTest {
  @TempDir Path dir;

  private static final List<String> SHARED = List.of("read-item.request.vtl.ftl", "read-item.response.vtl.ftl",
      "update-item.request.vtl.ftl", "delete-item.request.vtl.ftl");

  @Test
  void preloadedTemplatesRenderAsWithoutIt() {
    TemplateEngine plain = new TemplateEngine(null);
    TemplateEngine preloaded = new TemplateEngine(null).preload(SHARED);
    for (String name : SHARED) {
      String text = plain.render(name, Map.of());
      assertTrue(text.contains("$"), name + " rendered VTL");
      assertEquals(text, preloaded.render(name, Map.of()), name);
    }
  }

  @Test
  void aMissingNameLeavesNoFailureBehind() {
    TemplateEngine engine = new TemplateEngine(null).preload(List.of("no-such-template.ftl", SHARED.get(0)));
    assertEquals(new TemplateEngine(null).render(SHARED.get(0), Map.of()), engine.render(SHARED.get(0), Map.of()));
    var e = assertThrows(RuntimeException.class, () -> engine.render("no-such-template.ftl", Map.of()));
    assertTrue(e.getMessage().contains("no-such-template.ftl"), e.getMessage());
  }

  @Test
  void aBrokenOverrideFailsAtItsUseAsTheOverridesFault() throws Exception {
    Files.writeString(dir.resolve(SHARED.get(0)), "[#if]broken");
    TemplateEngine engine = new TemplateEngine(dir).preload(SHARED);
    var e = assertThrows(TemplateOverrideException.class, () -> engine.render(SHARED.get(0), Map.of()));
    assertTrue(e.getMessage().contains("templateDirectory"), e.getMessage());
    assertEquals(new TemplateEngine(null).render(SHARED.get(1), Map.of()), engine.render(SHARED.get(1), Map.of()));
  }
}
