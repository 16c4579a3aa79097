package io.singletable.model;

import java.util.List;

/**
 * One generic GSI of the table and the relations sharing it.
 *
 * @param slot 1-based slot number
 * @param relations the {@code @hasMany} relations served by it, by id
 */
public record IndexSlotModel(int slot, List<RelationModel> relations) {
  public IndexSlotModel {
    relations = List.copyOf(relations);
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
}
