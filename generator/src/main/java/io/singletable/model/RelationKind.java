package io.singletable.model;

/** The relation directives. */
public enum RelationKind {
  HAS_MANY("hasMany"),
  BELONGS_TO("belongsTo"),
  HAS_ONE("hasOne");

  private final String directive;

  RelationKind(String directive) {
    this.directive = directive;
  }

  /** The directive's name without {@code @}. */
  public String directive() {
    return directive;
  }
}
