// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.social.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The link head of an item in a {@code @manyToMany} relation, as a delete read it: {@code <joinType>#<id>}, whose
 * {@code links} string set names every item it is linked to, so that the delete removes every join item
 * ({@code <joinType>#<a id>#<b id>}) with the node, conditioned on the links as read.
 *
 * @param joinType the relation's name, the join items' {@code __typename}
 * @param sideA true when the item is on side {@code a} (its id comes first in the join items' keys)
 * @param id the item's id
 * @param item the head as read (consistently), or null when there is none (the item has never been linked)
 */
public record LinkHead(String joinType, boolean sideA, String id, Map<String, AttributeValue> item) {
  /**
   * A head as read.
   *
   * @param joinType the relation's name
   * @param sideA whether the item is on side {@code a}
   * @param id the item's id
   * @param item the head, or null
   */
  public LinkHead {
    Objects.requireNonNull(joinType, "joinType");
    Objects.requireNonNull(id, "id");
  }

  /**
   * The head's key.
   *
   * @return {@code <joinType>#<id>}
   */
  public String key() {
    return key(joinType, id);
  }

  /**
   * The key of an item's link head.
   *
   * @param joinType the relation's name
   * @param id the item's id
   * @return {@code <joinType>#<id>}
   */
  public static String key(String joinType, String id) {
    return joinType + "#" + id;
  }

  /**
   * The key of the join item linking this item to another.
   *
   * @param other the other item's id
   * @return {@code <joinType>#<a id>#<b id>}
   */
  public String joinKey(String other) {
    return sideA ? joinKey(joinType, id, other) : joinKey(joinType, other, id);
  }

  /**
   * The key of a join item.
   *
   * @param joinType the relation's name
   * @param aId the id of its side a item
   * @param bId the id of its side b item
   * @return {@code <joinType>#<aId>#<bId>}
   */
  public static String joinKey(String joinType, String aId, String bId) {
    return joinType + "#" + aId + "#" + bId;
  }

  /**
   * The ids the head lists.
   *
   * @return the linked ids (none without a head)
   */
  public List<String> linked() {
    if (item == null || item.get("links") == null || !item.get("links").hasSs()) {
      return List.of();
    }
    return List.copyOf(item.get("links").ss());
  }
}
