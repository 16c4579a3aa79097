package io.singletable.model;

/** How node items are keyed. */
public enum KeyStrategy {
  /** {@code NODE#<id>}: ids are globally unique (default). */
  NODE,
  /** {@code <Type>#<id>}: ids are unique per type only. */
  TYPE
}
