package io.singletable.model;

import io.singletable.diag.SourceSpan;

/**
 * A field of an entity.
 *
 * @param name GraphQL name, also the attribute name when stored
 * @param type GraphQL type
 * @param kind stored scalar/enum or relation
 * @param description the SDL description, or null
 * @param span where it is declared
 * @param auth its field-level {@code @auth} rules
 */
public record FieldModel(String name, TypeRef type, FieldKind kind, String description, SourceSpan span,
    AuthRules auth) {

  public FieldModel {
    auth = auth == null ? AuthRules.OPEN : auth;
  }

  /** A field without {@code @auth}. */
  public FieldModel(String name, TypeRef type, FieldKind kind, String description, SourceSpan span) {
    this(name, type, kind, description, span, AuthRules.OPEN);
  }

  /** True when the field is an attribute of the item. */
  public boolean stored() {
    return kind != FieldKind.RELATION;
  }

  /** {@code createdAt}/{@code updatedAt} of type AWSDateTime: set by the resolvers, not by inputs. */
  public boolean automaticTimestamp() {
    return (name.equals("createdAt") || name.equals("updatedAt"))
        && type.name().equals("AWSDateTime") && !type.list();
  }
}
