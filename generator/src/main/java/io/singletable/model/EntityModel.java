package io.singletable.model;

import io.singletable.diag.SourceSpan;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code @model} type: one kind of item in the table.
 *
 * @param name GraphQL type name, also {@code __typename}
 * @param description SDL description or null
 * @param fields every field in declaration order
 * @param operations the operation kinds of {@code @model(operations:)}
 * @param uniques {@code @unique} fields in declaration order
 * @param relations relation fields in declaration order
 * @param abstractTypes unions and interfaces it belongs to, sorted
 * @param span where the type is declared
 * @param auth its {@code @auth} rules (type level)
 * @param versioned {@code @model(versioned: true)}: the items carry {@link #VERSION}, 1 on create and one more on every
 *     update; updates and deletes may give {@code expectedVersion}
 * @param subscriptions {@code @model(subscriptions:)}, true by default: the type gets {@code onCreateT},
 *     {@code onUpdateT} and {@code onDeleteT} for the mutation kinds it has (SPEC §2.5)
 */
public record EntityModel(
    String name,
    String description,
    List<FieldModel> fields,
    Set<OperationKind> operations,
    List<UniqueModel> uniques,
    List<RelationModel> relations,
    List<String> abstractTypes,
    SourceSpan span,
    AuthRules auth,
    boolean versioned,
    boolean subscriptions) {

  /** The stored field of a versioned type: {@code version: Int!}, added to the type unless the author declares it. */
  public static final String VERSION = "version";
  /** What a versioned type's {@code version} field says of itself when the author does not declare it. */
  public static final String VERSION_DESCRIPTION =
      "The item's version: 1 when created, one more on every update (set by the resolvers).";
  /** The update input field and delete argument naming the version the caller expects to change. */
  public static final String EXPECTED_VERSION = "expectedVersion";

  public EntityModel {
    fields = List.copyOf(fields);
    operations = Set.copyOf(operations);
    uniques = List.copyOf(uniques);
    relations = List.copyOf(relations);
    abstractTypes = List.copyOf(abstractTypes);
    auth = auth == null ? AuthRules.OPEN : auth;
  }

  /** An entity without versions ({@code @model(versioned: false)}, the default), with subscriptions. */
  public EntityModel(String name, String description, List<FieldModel> fields, Set<OperationKind> operations,
      List<UniqueModel> uniques, List<RelationModel> relations, List<String> abstractTypes, SourceSpan span,
      AuthRules auth) {
    this(name, description, fields, operations, uniques, relations, abstractTypes, span, auth, false, true);
  }

  /** An entity with subscriptions ({@code @model(subscriptions: true)}, the default). */
  public EntityModel(String name, String description, List<FieldModel> fields, Set<OperationKind> operations,
      List<UniqueModel> uniques, List<RelationModel> relations, List<String> abstractTypes, SourceSpan span,
      AuthRules auth, boolean versioned) {
    this(name, description, fields, operations, uniques, relations, abstractTypes, span, auth, versioned, true);
  }

  /**
   * The stored fields a subscription filters on (SPEC §2.5): stored scalar or enum fields, not lists, in declaration
   * order.
   */
  public List<FieldModel> subscriptionFilterFields() {
    return storedFields().stream().filter(f -> !f.type().list()).toList();
  }

  /** The version field of a versioned type; empty for other types. */
  public Optional<FieldModel> versionField() {
    return versioned ? field(VERSION) : Optional.empty();
  }

  /**
   * True for a stored field the resolvers set and no input can: the automatic {@code createdAt}/{@code updatedAt}
   * ({@link FieldModel#automaticTimestamp}) and, on a versioned type, {@code version}.
   */
  public boolean serverSet(FieldModel f) {
    return f.automaticTimestamp() || (versioned && f.name().equals(VERSION) && f.stored());
  }

  /** Stored fields in declaration order. */
  public List<FieldModel> storedFields() {
    return fields.stream().filter(FieldModel::stored).toList();
  }

  public Optional<FieldModel> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  /** How the unique items of {@code u}, one of its {@code @unique} fields, are keyed. */
  public UniqueKeyFormat uniqueKey(UniqueModel u) {
    return StorageLayout.uniqueKey(name, u);
  }

  /**
   * True when a delete reads the item first (a pipeline of ReadItem and DeleteItem): to delete its unique items
   * with it, to apply {@code @auth} rules that depend on the stored item (owner, groups from a field), or to delete
   * its {@code @manyToMany} join items with it (ReadLinks between them).
   */
  public boolean readsBeforeDelete() {
    return !uniques.isEmpty() || auth.rules(AuthOperation.DELETE).stream().anyMatch(AuthRule::dependsOnItem)
        || relations.stream().anyMatch(RelationModel::manyToMany);
  }

  public boolean has(OperationKind kind) {
    return operations.contains(kind);
  }
}
