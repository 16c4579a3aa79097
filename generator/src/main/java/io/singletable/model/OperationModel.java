package io.singletable.model;

import io.singletable.diag.SourceSpan;

/**
 * A root field served by a generated resolver.
 *
 * @param rootType {@code Query} or {@code Mutation}
 * @param field the root field's name
 * @param kind get, create, update or delete
 * @param entity the {@code @model} type it serves
 * @param by for GET: {@code id} or the {@code @unique} field looked up; otherwise {@code id}
 * @param argumentName the single argument's name ({@code id}, the unique field, or {@code input})
 * @param argumentType the single argument's type
 * @param declared true when the author declared it, false for a default operation
 * @param span where it is declared ({@link SourceSpan#NONE} for defaults)
 * @param versioned the entity is {@code @model(versioned: true)}: a default delete also takes
 *     {@code expectedVersion: Int} (a default update takes it in its input)
 */
public record OperationModel(
    String rootType,
    String field,
    OperationKind kind,
    String entity,
    String by,
    String argumentName,
    TypeRef argumentType,
    boolean declared,
    SourceSpan span,
    boolean versioned) {

  /** An operation of an entity without versions. */
  public OperationModel(String rootType, String field, OperationKind kind, String entity, String by,
      String argumentName, TypeRef argumentType, boolean declared, SourceSpan span) {
    this(rootType, field, kind, entity, by, argumentName, argumentType, declared, span, false);
  }

  /** The GraphQL signature, e.g. {@code getFarm(id: ID!): Farm}; {@code deleteT(id: ID!, expectedVersion: Int): T}. */
  public String signature() {
    return field + "(" + argumentName + ": " + argumentType.sdl() + moreArguments(kind, versioned) + "): " + entity;
  }

  /** The default arguments after the first: {@code , expectedVersion: Int} for the delete of a versioned entity. */
  public static String moreArguments(OperationKind kind, boolean versioned) {
    return kind == OperationKind.DELETE && versioned ? ", " + EntityModel.EXPECTED_VERSION + ": Int" : "";
  }
}
