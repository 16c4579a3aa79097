package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.cfn.GeneratedSchemas;
import io.singletable.model.KeyStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java of a 1,000-model schema compiles with {@code -Xlint:all -Werror -Xdoclint:all/protected}: the
 * data-access patterns live in one class per type behind {@code DataAccess}, and the codec's per-type
 * dispatch stays under the JVM's 64 KB per method. About a minute: tagged {@code slow}, out of the fast tier.
 */
@Tag("slow")
class LargeSchemaJavaCompileTest {
  @Test
  void theJavaOfAThousandModelsCompiles(@TempDir Path dir) throws Exception {
    Path schema = Files.writeString(Files.createDirectories(dir).resolve("schema.graphql"), GeneratedSchemas.models(1000));
    var result = new Generator().generate(new GeneratorOptions(schema, dir, dir.resolve("out"), "com.example.big",
        KeyStrategy.NODE, 20, null));
    try (GeneratedJava java = GeneratedJava.compile(dir, "com.example.big", result.model())) {
      assertEquals(1000, result.model().entities().size());
      assertEquals(java.type("DataAccess"), java.type("Item000Access").getDeclaredField("access").getType(),
          "each type's access patterns are a class of their own behind DataAccess");
    }
  }
}
