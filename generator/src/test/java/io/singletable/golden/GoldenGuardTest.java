package io.singletable.golden;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The update switch rewrites goldens instead of checking them: it must never be on in CI. */
class GoldenGuardTest {
  @Test
  void updateSwitchIsOffInCi() {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    assertFalse(ci && Goldens.updating(),
        "-D" + Goldens.UPDATE_PROPERTY + "=true is set in CI: goldens would be rewritten instead of checked");
  }
}
