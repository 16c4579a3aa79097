package io.singletable.validate;

/** Root operation type names. */
final class Roots {
  static final String QUERY = "Query";
  static final String MUTATION = "Mutation";

  private Roots() {}

  static boolean isRoot(String name) {
    return name.equals(QUERY) || name.equals(MUTATION) || name.equals("Subscription");
  }
}
