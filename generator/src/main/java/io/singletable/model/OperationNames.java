package io.singletable.model;

import java.util.Locale;

/** Names of the default operations of SPEC §2.1. */
public final class OperationNames {
  private OperationNames() {}

  /** {@code getT}, {@code createT}, {@code updateT}, {@code deleteT}. */
  public static String of(OperationKind kind, String entity) {
    return kind.name().toLowerCase(Locale.ROOT) + entity;
  }

  /** {@code tByF}, e.g. {@code farmByName}. */
  public static String byUnique(String entity, String field) {
    return lowerFirst(entity) + "By" + upperFirst(field);
  }

  /** {@code CreateTInput} / {@code UpdateTInput}. */
  public static String input(OperationKind kind, String entity) {
    return upperFirst(kind.name().toLowerCase(Locale.ROOT)) + entity + "Input";
  }

  /** {@code TConnection}. */
  public static String connection(String target) {
    return target + "Connection";
  }

  public static String lowerFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }

  public static String upperFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
