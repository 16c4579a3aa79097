// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.farm.runtime;

/**
 * DynamoDB cancelled the write because another transaction held one of its items
 * ({@code TransactionConflict}). Nothing was written; the call can be retried.
 */
public final class TransactionConflictException extends DataAccessException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure.
   *
   * @param message what failed
   * @param cause the DynamoDB exception
   */
  public TransactionConflictException(String message, Throwable cause) {
    super("TransactionConflict", message, cause);
  }
}
