package io.singletable.harness;

/**
 * The test tiers. The full build runs every test; the fast tier ({@code -Pfast}, which sets {@value #PROPERTY}
 * to {@value #FAST}) runs no {@code npm ci} and leaves out the test classes tagged {@value #SIMULATOR} (they
 * start the AppSync simulator) or {@value #CFNSPEC} (they read the CloudFormation resource specification of
 * the npm package {@code @aws-cdk/cfnspec}). {@code TestTierTest} checks the tags; what the tags stand for
 * refuses to start in the fast tier, naming the tag the test class lacks.
 */
public final class TestTier {
  /** The system property naming the tier; the fast tier sets it to {@value #FAST}. */
  public static final String PROPERTY = "singletable.tier";
  /** The fast tier's value of {@value #PROPERTY}. */
  public static final String FAST = "fast";
  /** The tag of a test class that starts the AppSync simulator (directly or through a backend). */
  public static final String SIMULATOR = "simulator";
  /** The tag of a test class that reads the CloudFormation resource specification installed by npm. */
  public static final String CFNSPEC = "cfnspec";

  private TestTier() {
  }

  /** Fails in the fast tier: {@code needs} is not installed there, and a test class using it lacks {@code tag}. */
  public static void requireFullTier(String needs, String tag) {
    requireFullTier(System.getProperty(PROPERTY), needs, tag);
  }

  static void requireFullTier(String tier, String needs, String tag) {
    if (FAST.equals(tier)) {
      throw new IllegalStateException("this test needs " + needs + ", which the fast tier (-Pfast, " + PROPERTY + "="
          + FAST + ") does not install: tag its class @Tag(\"" + tag + "\") so that only the full build runs it");
    }
  }
}
