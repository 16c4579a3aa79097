// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.farm.runtime;

/**
 * A client-supplied id (an entity's {@code id}, the id of a get, update or delete, or a relation key
 * field's value) is empty or contains {@code #} or a control character (U+0000 to U+001F, U+007F)
 * ({@code InvalidId}). Nothing was read or written: such an id could name another item's key.
 */
public final class InvalidIdException extends DataAccessException {
  private static final long serialVersionUID = 1L;

  private final String typename;

  private final String field;

  /**
   * A failure.
   *
   * @param typename the type
   * @param field the id field ({@code id} or a relation key field)
   */
  public InvalidIdException(String typename, String field) {
    super("InvalidId", typename + "." + field + ": an id may not be empty or contain '#' or control characters", null);
    this.typename = typename;
    this.field = field;
  }

  /**
   * The type.
   *
   * @return the GraphQL type name
   */
  public String typename() {
    return typename;
  }

  /**
   * The id field.
   *
   * @return the GraphQL field name
   */
  public String field() {
    return field;
  }
}
