// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.farm.runtime;

/**
 * An update or delete of a versioned type expected another version than the stored item has
 * ({@code ConflictingVersion}): someone changed it since the caller read it. Nothing was written; read it again.
 */
public final class VersionConflictException extends DataAccessException {
  private static final long serialVersionUID = 1L;

  private final int expectedVersion;
  private final Integer storedVersion;

  /**
   * A failure.
   *
   * @param message what failed
   * @param expectedVersion the version the caller expected
   * @param storedVersion the stored item's version when it was read (0 for none), or null when unknown (it changed
   *     between the read and the write)
   * @param cause the DynamoDB exception, or null
   */
  public VersionConflictException(String message, int expectedVersion, Integer storedVersion, Throwable cause) {
    super("ConflictingVersion", message, cause);
    this.expectedVersion = expectedVersion;
    this.storedVersion = storedVersion;
  }

  /**
   * The version the caller expected.
   *
   * @return the version
   */
  public int expectedVersion() {
    return expectedVersion;
  }

  /**
   * The stored version as read, when known.
   *
   * @return the version (0: an item without one), or null when it changed between the read and the write
   */
  public Integer storedVersion() {
    return storedVersion;
  }
}
