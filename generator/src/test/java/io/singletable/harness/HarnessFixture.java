package io.singletable.harness;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/** The hand-made backend of {@code src/test/resources/harness-fixture}, as the tests see it. */
final class HarnessFixture {

  private HarnessFixture() {
  }

  /** The fixture's output directory (holding template.yaml), from the test classpath. */
  static Path outputDir() {
    try {
      return Path.of(Objects.requireNonNull(HarnessFixture.class.getResource("/harness-fixture/template.yaml"),
          "harness-fixture/template.yaml on the test classpath").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
