// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.social.runtime;

/**
 * The item changed between the read and the write of an update or delete, in each of
 * {@link TableAccess#MAX_ATTEMPTS} attempts ({@code ConditionalCheckFailed}).
 */
public final class ConflictException extends DataAccessException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure.
   *
   * @param message what failed
   * @param cause the DynamoDB exception
   */
  public ConflictException(String message, Throwable cause) {
    super("ConditionalCheckFailed", message, cause);
  }
}
