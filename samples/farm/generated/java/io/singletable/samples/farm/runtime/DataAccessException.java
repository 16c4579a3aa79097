// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.farm.runtime;

/**
 * A failed access; {@link #errorType()} is the GraphQL {@code errorType} of the same failure.
 */
public class DataAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String errorType;

  /**
   * A failure.
   *
   * @param errorType the GraphQL error type
   * @param message what failed
   * @param cause the DynamoDB exception, or null
   */
  public DataAccessException(String errorType, String message, Throwable cause) {
    super(message, cause);
    this.errorType = errorType;
  }

  /**
   * The {@code errorType} the resolvers report for the same failure.
   *
   * @return the error type
   */
  public String errorType() {
    return errorType;
  }
}
