package io.singletable.model;

/** How a relation field is declared. */
public enum RelationShape {
  /** {@code T}: one related item. */
  SINGLE,
  /** {@code [T]}: a list (the first {@code limit} items of a {@code @hasMany}, or a batch of ids). */
  LIST,
  /** {@code TConnection}: a page of items plus {@code nextToken}. */
  CONNECTION
}
