package io.singletable.model;

/** Where items whose sort value is null go. */
public enum NullsOrder {
  FIRST,
  LAST
}
