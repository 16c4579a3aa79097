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
    AuthRules auth) {

  public EntityModel {
    fields = List.copyOf(fields);
    operations = Set.copyOf(operations);
    uniques = List.copyOf(uniques);
    relations = List.copyOf(relations);
    abstractTypes = List.copyOf(abstractTypes);
    auth = auth == null ? AuthRules.OPEN : auth;
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
   * with it, or to apply {@code @auth} rules that depend on the stored item (owner, groups from a field).
   */
  public boolean readsBeforeDelete() {
    return !uniques.isEmpty() || auth.rules(AuthOperation.DELETE).stream().anyMatch(AuthRule::dependsOnItem);
  }

  public boolean has(OperationKind kind) {
    return operations.contains(kind);
  }
}
