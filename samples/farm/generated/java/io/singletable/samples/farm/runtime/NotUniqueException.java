// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.farm.runtime;

/**
 * Another item of the type has this {@code @unique} value ({@code NotUnique:Type.field}), or, with the
 * field {@code id}, a create's id is taken by an item of any type under that key ({@code NotUnique:Type.id}).
 */
public final class NotUniqueException extends DataAccessException {
  private static final long serialVersionUID = 1L;

  private final String typename;

  private final String field;

  /**
   * A failure.
   *
   * @param typename the type
   * @param field the unique field
   * @param cause the DynamoDB exception
   */
  public NotUniqueException(String typename, String field, Throwable cause) {
    super("NotUnique:" + typename + "." + field, typename + "." + field + " must be unique: another " + typename + " has this " + field, cause);
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
   * The unique field.
   *
   * @return the GraphQL field name
   */
  public String field() {
    return field;
  }
}
