package io.singletable.model;

/** The relation directives. */
public enum RelationKind {
  HAS_MANY("hasMany"),
  /** A {@code @list} Query field: every item of a type, or those with given field values, from a GSI slot. */
  LIST("list"),
  BELONGS_TO("belongsTo"),
  HAS_ONE("hasOne"),
  /** A {@code @manyToMany} side: join items in the table, of the generated type the relation names. */
  MANY_TO_MANY("manyToMany");

  private final String directive;

  RelationKind(String directive) {
    this.directive = directive;
  }

  /** The directive's name without {@code @}. */
  public String directive() {
    return directive;
  }
}
