package io.singletable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.model.KeyStrategy;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The options refuse what would generate Java that cannot compile, and say why. */
class GeneratorOptionsTest {
  private static GeneratorOptions withPackage(String packageName) {
    return new GeneratorOptions(Path.of("schema.graphql"), Path.of("."), Path.of("out"), packageName, KeyStrategy.NODE, 20, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"com.class.x", "org.example.enum", "_", "a.record_.goto"})
  void keywordsAreNotPackageSegments(String packageName) {
    var e = assertThrows(IllegalArgumentException.class, () -> withPackage(packageName));
    assertTrue(e.getMessage().contains("is a Java keyword"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"com..x", "1com", "com.example.", "com-example", "Com.Example"})
  void malformedNamesAreRefused(String packageName) {
    var e = assertThrows(IllegalArgumentException.class, () -> withPackage(packageName));
    assertTrue(e.getMessage().startsWith("packageName is not a Java package name: " + packageName), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"com.example.backend", "record.sealed.var", "a_b.c1", "io.singletable.generated"})
  void javaPackageNamesAreKept(String packageName) {
    assertEquals(packageName, withPackage(packageName).packageName());
  }
}
