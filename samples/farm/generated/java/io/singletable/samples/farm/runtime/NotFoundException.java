// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.farm.runtime;

/**
 * No item of the expected type has the id ({@code NotFound}).
 */
public final class NotFoundException extends DataAccessException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure.
   *
   * @param message what was not found
   * @param cause the DynamoDB exception, or null
   */
  public NotFoundException(String message, Throwable cause) {
    super("NotFound", message, cause);
  }
}
