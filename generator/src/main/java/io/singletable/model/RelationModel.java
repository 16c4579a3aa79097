package io.singletable.model;

import io.singletable.diag.SourceSpan;
import java.util.List;

/**
 * A relation field of an entity.
 *
 * @param owner the entity declaring the field ({@code Query} for a {@code @list})
 * @param field the relation field's name
 * @param kind which directive
 * @param shape single, list or connection
 * @param target declared element type (a model, union or interface)
 * @param concreteTargets the concrete {@code @model} types behind {@code target}, sorted
 * @param keyField for {@code @hasMany}: the related types' field holding the owner's id; for {@code @list}: null;
 *     otherwise the owner's field holding the related id(s)
 * @param sortBy {@code @hasMany} sort components, in order
 * @param ignoreCase {@code @hasMany}: strings sort lower-cased
 * @param nulls {@code @hasMany}: where nulls sort
 * @param onlyIf {@code @hasMany}: the Boolean field of the related type that admits items, or null
 * @param slot {@code @hasMany} and {@code @list}: 1-based GSI slot; 0 for other kinds
 * @param span where the field is declared
 * @param by {@code @list}: the fields whose values (the Query field's arguments) key the list, in order; empty for a
 *     list of every item of the type and for other kinds
 * @param joinType {@code @manyToMany}: the relation's name, the {@code __typename} of its join items; null for other
 *     kinds
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
    SourceSpan span,
    List<SortField> by,
    String joinType) {

  public RelationModel {
    concreteTargets = List.copyOf(concreteTargets);
    sortBy = List.copyOf(sortBy);
    by = List.copyOf(by);
  }

  /** A relation of any kind but {@code @list}. */
  public RelationModel(String owner, String field, RelationKind kind, RelationShape shape, String target,
      List<String> concreteTargets, String keyField, List<SortField> sortBy, boolean ignoreCase, NullsOrder nulls,
      String onlyIf, int slot, SourceSpan span) {
    this(owner, field, kind, shape, target, concreteTargets, keyField, sortBy, ignoreCase, nulls, onlyIf, slot, span,
        List.of(), null);
  }

  /** True for the kinds served by a GSI slot, whose items carry {@code PKnn}/{@code SKnn}: {@code @hasMany}, {@code @list}. */
  public boolean indexed() {
    return kind == RelationKind.HAS_MANY || kind == RelationKind.LIST;
  }

  /** True for a {@code @manyToMany} side, served by a GSI slot on its join items. */
  public boolean manyToMany() {
    return kind == RelationKind.MANY_TO_MANY;
  }

  /**
   * The types whose items carry this relation's index attributes: the concrete targets of a {@code @hasMany} or
   * {@code @list}; the join type of a {@code @manyToMany}; none for other kinds.
   */
  public List<String> indexedTypes() {
    return manyToMany() ? List.of(joinType) : indexed() ? concreteTargets : List.of();
  }

  /** True for a {@code @list} Query field. */
  public boolean list() {
    return kind == RelationKind.LIST;
  }

  /** {@code Owner.field}. */
  public String id() {
    return owner + "." + field;
  }

  /** The same relation on another slot. */
  public RelationModel withSlot(int newSlot) {
    return new RelationModel(owner, field, kind, shape, target, concreteTargets, keyField, sortBy,
        ignoreCase, nulls, onlyIf, newSlot, span, by, joinType);
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

  /**
   * The {@code PKnn} value without what varies per item: {@code <Target>#} (before the parent's id, or a
   * {@code @list}'s {@code by} values), or {@code <Target>} for a {@code @list} without {@code by} (one partition).
   */
  public String partitionPrefix() {
    return manyToMany() ? StorageLayout.relationPrefix(joinType)
        : list() && by.isEmpty() ? target : StorageLayout.relationPrefix(target);
  }

  /** The components of the {@code SKnn} value (before the id), in {@code sortBy} order. */
  public List<SortKeyComponent> sortComponents() {
    return StorageLayout.sortComponents(this);
  }
}
