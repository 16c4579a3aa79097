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
 */
public record FieldModel(String name, TypeRef type, FieldKind kind, String description, SourceSpan span) {

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
