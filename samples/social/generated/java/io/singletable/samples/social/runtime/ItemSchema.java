// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.social.runtime;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the runtime needs to know of one schema's items: its {@code @model} types, their node keys and
 * attributes, and the codec between entities and items. The generated item codec provides it
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
}
