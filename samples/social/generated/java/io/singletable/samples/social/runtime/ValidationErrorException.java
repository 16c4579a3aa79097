// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.social.runtime;

/**
 * DynamoDB refused the request as invalid, e.g. a key over its size limit (a unique value whose key
 * exceeds 2,048 bytes) ({@code ValidationError}); the message is DynamoDB's. Nothing was written.
 */
public final class ValidationErrorException extends DataAccessException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure.
   *
   * @param message DynamoDB's message
   * @param cause the DynamoDB exception
   */
  public ValidationErrorException(String message, Throwable cause) {
    super("ValidationError", message, cause);
  }
}
