package io.singletable.model;

/** How node items are keyed. */
public enum KeyStrategy {
  /** {@code NODE#<id>}: ids are globally unique (default). */
  NODE,
  /** {@code <Type>#<id>}: ids are unique per type only. */
  TYPE;

  /** Human-readable node key template for an entity. */
  public String nodeKeyTemplate(String entity) {
    return (this == NODE ? "NODE" : entity) + "#id";
  }
}
