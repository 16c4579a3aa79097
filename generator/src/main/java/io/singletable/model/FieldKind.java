package io.singletable.model;

/** What a field of a {@code @model} type is made of. */
public enum FieldKind {
  /** A scalar (built-in, AppSync or custom) or a list of them: stored as an attribute. */
  SCALAR,
  /** A GraphQL enum or a list of them: stored as its name. */
  ENUM,
  /** A relation ({@code @hasMany}, {@code @belongsTo}, {@code @hasOne}): resolved, never stored. */
  RELATION
}
