package io.singletable.model;

/**
 * A field's GraphQL type: a named type, optionally a list, with non-null markers.
 *
 * @param name the named type under the wrappers
 * @param nonNull outer non-null
 * @param list true for {@code [T]}
 * @param elementNonNull for lists: {@code [T!]}
 */
public record TypeRef(String name, boolean nonNull, boolean list, boolean elementNonNull) {

  public static TypeRef named(String name, boolean nonNull) {
    return new TypeRef(name, nonNull, false, false);
  }

  /** The same type, nullable at the outer level. */
  public TypeRef nullable() {
    return new TypeRef(name, false, list, elementNonNull);
  }

  /** The same type, non-null at the outer level. */
  public TypeRef required() {
    return new TypeRef(name, true, list, elementNonNull);
  }

  /** SDL notation such as {@code [String!]!}. */
  public String sdl() {
    String inner = list ? "[" + name + (elementNonNull ? "!" : "") + "]" : name;
    return nonNull ? inner + "!" : inner;
  }

  @Override
  public String toString() {
    return sdl();
  }
}
