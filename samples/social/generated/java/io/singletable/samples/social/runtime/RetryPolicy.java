// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.social.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a write that meets a concurrent change or a transaction conflict is tried, and how long it waits in
 * between: exponential backoff with full jitter, from {@code firstDelay} doubling up to {@code maxDelay}. An update
 * re-reads the item before each retry; a transaction runs its function again. Batch reads retry unprocessed keys on
 * their own schedule. Part of the singletable runtime; do not edit.
 *
 * @param maxAttempts attempts in all, at least 1 (1: never retry)
 * @param firstDelay the wait before the second attempt (at most; jitter makes it shorter)
 * @param maxDelay the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {
  /** 5 attempts, waits from 20 ms up to 1 s: what the data-access layer does unless told otherwise. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(TableAccess.MAX_ATTEMPTS, Duration.ofMillis(20),
      Duration.ofSeconds(1));

  /**
   * Checks the values.
   *
   * @param maxAttempts attempts in all, at least 1
   * @param firstDelay the first wait, not negative
   * @param maxDelay the longest wait, not shorter than the first
   * @throws IllegalArgumentException when a value is out of range
   */
  public RetryPolicy {
    Objects.requireNonNull(firstDelay, "firstDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("delays must be 0 <= firstDelay <= maxDelay: " + firstDelay + ", " + maxDelay);
    }
  }

  /**
   * No retry: a concurrent change or a conflict fails the call at once.
   *
   * @return the policy
   */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
  }

  /**
   * The same waits with another number of attempts.
   *
   * @param attempts attempts in all, at least 1
   * @return the policy
   */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, firstDelay, maxDelay);
  }

  /**
   * The wait after failed attempt {@code attempt} (from 1): a random time up to {@code firstDelay * 2^(attempt-1)},
   * at most {@code maxDelay}.
   *
   * @param attempt the attempt that failed
   * @return the wait in milliseconds
   */
  long delayMillis(int attempt) {
    long ceiling = Math.min(maxDelay.toMillis(), firstDelay.toMillis() << Math.min(attempt - 1, 20));
    return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
  }
}
