package io.singletable.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Fails the build when the output directory differs from what {@code generate} would write for the
 * schema (a generated file edited by hand, missing, or stale after a schema change), listing each
 * difference. Writes nothing. Takes the parameters of {@code generate}; the same as {@code generate}
 * with {@code -Dsingletable.lockMode=frozen}. For CI: {@code mvn singletable:check}.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class CheckMojo extends GenerateMojo {
  @Override
  boolean checkOnly() {
    return true;
  }
}
