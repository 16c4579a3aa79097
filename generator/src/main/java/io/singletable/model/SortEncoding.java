package io.singletable.model;

/**
 * How a sort value becomes a component of a {@code SKnn} key (SPEC §3; README "Storage layout"). Every
 * encoding preserves the value's order under DynamoDB's byte-wise comparison of strings.
 */
public enum SortEncoding {
  /**
   * Strings, ids and the other string scalars: as written (lower-cased when {@code ignoreCase}), escaped so
   * that no char below U+0002 remains, cut to the component's units.
   */
  STRING,
  /** {@code Int}, {@code Float}, {@code AWSTimestamp}: the order-preserving number encoding. */
  NUMBER,
  /** {@code AWSDateTime}: its epoch milliseconds, number-encoded, so that offsets compare correctly. */
  DATETIME,
  /** {@code AWSDate}: its first 10 chars, as written. */
  DATE,
  /** {@code Boolean}: {@code 0}/{@code 1}. */
  BOOLEAN,
  /** A GraphQL enum: the value's name, cut to the component's units. */
  ENUM;

  /** The encoding of a sort field. */
  public static SortEncoding of(SortField s) {
    if (s.enumType()) {
      return ENUM;
    }
    return switch (s.type().name()) {
      case "Int", "Float", "AWSTimestamp" -> NUMBER;
      case "AWSDateTime" -> DATETIME;
      case "AWSDate" -> DATE;
      case "Boolean" -> BOOLEAN;
      default -> STRING;
    };
  }
}
