package io.singletable.model;

import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * The Java identifiers that GraphQL field names and enum values become. Validation uses them too,
 * to report two names of one type that would become the same identifier.
 */
public final class JavaIdentifiers {
  /** Names a record component cannot have (they clash with Object's methods). */
  private static final Set<String> OBJECT_METHODS = Set.of("clone", "finalize", "getClass", "hashCode", "notify",
      "notifyAll", "toString", "wait");

  private JavaIdentifiers() {}

  /** Record component / parameter name of a field: the name, with {@code _} appended where Java forbids it. */
  public static String member(String fieldName) {
    return SourceVersion.isName(fieldName) && !OBJECT_METHODS.contains(fieldName) ? fieldName : fieldName + "_";
  }

  /** Enum constant name of a GraphQL enum value. */
  public static String constant(String value) {
    return SourceVersion.isName(value) ? value : value + "_";
  }
}
