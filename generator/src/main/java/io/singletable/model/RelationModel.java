package io.singletable.model;

import io.singletable.diag.SourceSpan;
import java.util.List;

/**
 * A relation field of an entity.
 *
 * @param owner the entity declaring the field
 * @param field the relation field's name
 * @param kind which directive
 * @param shape single, list or connection
 * @param target declared element type (a model, union or interface)
 * @param concreteTargets the concrete {@code @model} types behind {@code target}, sorted
 * @param keyField for {@code @hasMany}: the related types' field holding the owner's id; otherwise the
 *     owner's field holding the related id(s)
 * @param sortBy {@code @hasMany} sort components, in order
 * @param ignoreCase {@code @hasMany}: strings sort lower-cased
 * @param nulls {@code @hasMany}: where nulls sort
 * @param onlyIf {@code @hasMany}: the Boolean field of the related type that admits items, or null
 * @param slot {@code @hasMany}: 1-based GSI slot; 0 for other kinds
 * @param span where the field is declared
 */
public record RelationModel(
    String owner,
    String field,
    RelationKind kind,
    RelationShape shape,
    String target,
    List<String> concreteTargets,
    String keyField,
    List<SortField> sortBy,
    boolean ignoreCase,
    NullsOrder nulls,
    String onlyIf,
    int slot,
    SourceSpan span) {

  public RelationModel {
    concreteTargets = List.copyOf(concreteTargets);
    sortBy = List.copyOf(sortBy);
  }

  /** {@code Owner.field}. */
  public String id() {
    return owner + "." + field;
  }

  /** The same relation on another slot. */
  public RelationModel withSlot(int newSlot) {
    return new RelationModel(owner, field, kind, shape, target, concreteTargets, keyField, sortBy,
        ignoreCase, nulls, onlyIf, newSlot, span);
  }

  /** Two-digit slot number, e.g. {@code 01}. */
  public String slotSuffix() {
    return StorageLayout.slotSuffix(slot);
  }

  /** {@code GSInn}. */
  public String indexName() {
    return StorageLayout.indexName(slot);
  }

  /** {@code PKnn}. */
  public String partitionAttribute() {
    return StorageLayout.partitionAttribute(slot);
  }

  /** {@code SKnn}. */
  public String sortAttribute() {
    return StorageLayout.sortAttribute(slot);
  }

  /** {@code <Target>#}: the {@code PKnn} value without the parent's id. */
  public String partitionPrefix() {
    return StorageLayout.relationPrefix(target);
  }

  /** The components of the {@code SKnn} value (before the id), in {@code sortBy} order. */
  public List<SortKeyComponent> sortComponents() {
    return StorageLayout.sortComponents(this);
  }
}
