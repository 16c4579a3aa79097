// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.social.runtime;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the runtime needs to know of one schema's items: its {@code @model} types, their node keys and
 * attributes, the codec between entities and items, and the join items of its {@code @manyToMany}
 * relations. The generated item codec provides it
 * ({@code ItemCodec.SCHEMA}); the runtime's {@link MigrationRunner} and {@link SchemaBackfill} work through
 * it. Part of the singletable runtime; do not edit.
 *
 * @param <E> the schema's entity type (its sealed {@code Entity} interface)
 */
public interface ItemSchema<E> {
  /**
   * The {@code __typename} of every {@code @model} type, sorted.
   *
   * @return the type names
   */
  List<String> typenames();

  /**
   * The {@code __typename} of a record class.
   *
   * @param type the record class of a {@code @model} type
   * @return its type name
   * @throws IllegalArgumentException when the class is not the record of a {@code @model} type
   */
  String typename(Class<?> type);

  /**
   * The {@code PK} a node item of this type and id has, by the schema's key strategy, without checking the
   * id (so that items stored before ids were checked can still be found and repaired).
   *
   * @param typename the {@code __typename}
   * @param id the id
   * @return the node key
   */
  String nodeKey(String typename, String id);

  /**
   * The attributes a node item of the type can have: key, type, stored fields, index attributes.
   *
   * @param typename the {@code __typename}, or null
   * @return the attribute names; empty for an unknown type
   */
  List<String> attributesOf(String typename);

  /**
   * The keys of the unique items a stored node item has, each unique field read on its own (so that they
   * are known for an item that no longer decodes as a whole).
   *
   * @param item the node item as stored
   * @return the unique keys
   */
  List<String> uniqueKeys(Map<String, AttributeValue> item);

  /**
   * Decodes a node or unique item.
   *
   * @param item the item
   * @return the entity
   * @throws RuntimeException when the item does not decode as its {@code __typename}'s record
   */
  E decode(Map<String, AttributeValue> item);

  /**
   * The node item a create writes for the entity.
   *
   * @param entity the entity
   * @return a new mutable item
   */
  Map<String, AttributeValue> encode(E entity);

  /**
   * The unique items a create writes for the entity.
   *
   * @param entity the entity
   * @return new mutable items
   */
  List<Map<String, AttributeValue>> uniqueItemsOf(E entity);

  /**
   * The entity's id.
   *
   * @param entity the entity
   * @return its id
   */
  String id(E entity);

  /**
   * The join types of the schema's {@code @manyToMany} relations, in type-name order. None by default.
   *
   * @return the join types
   */
  default List<Join> joins() {
    return List.of();
  }

  /**
   * The join item a connect of two items writes: its key, {@code __typename}, both ids, and the index
   * attributes of both sides of the relation (each side's sort key from the other item's values).
   *
   * @param typename the join type's {@code __typename} (the relation's name)
   * @param a the item of side {@code a} ({@link Join#aType})
   * @param b the item of side {@code b} ({@link Join#bType})
   * @return a new mutable item
   * @throws IllegalArgumentException when the schema has no such join type, an item is of another type,
   *     or an id is not an id
   */
  default Map<String, AttributeValue> joinItem(String typename, E a, E b) {
    throw new IllegalArgumentException("not a join type of this schema: " + typename);
  }

  /**
   * The join items of a {@code @manyToMany} relation: {@code PK = <typename>#<aId>#<bId>}, with
   * {@code __typename} and the two ids. Its link heads ({@code PK = <typename>#<id>}, with the linked ids)
   * have the same {@code __typename} but are no join items.
   *
   * @param typename the join items' {@code __typename}, the relation's name
   * @param aType the {@code __typename} of the items of side {@code a}
   * @param aIdField the join item's attribute holding the a item's id
   * @param bType the {@code __typename} of the items of side {@code b}
   * @param bIdField the join item's attribute holding the b item's id
   */
  record Join(String typename, String aType, String aIdField, String bType, String bIdField) {
    /**
     * The key of the join item of two ids.
     *
     * @param aId the a item's id
     * @param bId the b item's id
     * @return {@code <typename>#<aId>#<bId>}
     */
    public String key(String aId, String bId) {
      return typename + "#" + aId + "#" + bId;
    }

    /**
     * Whether an item is a join item of this type: its {@code __typename}, both ids, and its key made of
     * them (a link head is not).
     *
     * @param item an item as stored
     * @return true for a join item
     */
    public boolean isJoinItem(Map<String, AttributeValue> item) {
      String aId = string(item, aIdField);
      String bId = string(item, bIdField);
      return typename.equals(string(item, "__typename")) && aId != null && bId != null
          && key(aId, bId).equals(string(item, "PK"));
    }

    /**
     * The a item's id a join item holds.
     *
     * @param item a join item
     * @return the id, or null when absent
     */
    public String aId(Map<String, AttributeValue> item) {
      return string(item, aIdField);
    }

    /**
     * The b item's id a join item holds.
     *
     * @param item a join item
     * @return the id, or null when absent
     */
    public String bId(Map<String, AttributeValue> item) {
      return string(item, bIdField);
    }

    /**
     * A string attribute, or null.
     */
    private static String string(Map<String, AttributeValue> item, String name) {
      AttributeValue v = item.get(name);
      return v == null ? null : v.s();
    }
  }
}
