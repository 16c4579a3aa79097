// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sort key an update moves: the item is in the {@code @manyToMany} relation {@code joinType}, whose other side
 * sorts its items by fields of the item, and the update changed them, so every join item of the item gets {@code
 * sortAttribute} = {@code sortKey} (the item codec's sort key of the item's new values) in the update's transaction.
 *
 * @param joinType the relation's name, the join items' {@code __typename}
 * @param sideA true when the item is on side {@code a} (its id comes first in the join items' keys)
 * @param sortAttribute the join items' attribute holding the other side's sort key of the item ({@code SKnn})
 * @param sortKey its new value
 */
public record SortedLink(String joinType, boolean sideA, String sortAttribute, String sortKey) {
  /**
   * A sort key to move.
   *
   * @param joinType the relation's name
   * @param sideA whether the item is on side {@code a}
   * @param sortAttribute the join items' sort key attribute
   * @param sortKey its new value
   */
  public SortedLink {
    Objects.requireNonNull(joinType, "joinType");
    Objects.requireNonNull(sortAttribute, "sortAttribute");
    Objects.requireNonNull(sortKey, "sortKey");
  }

  /**
   * The relations of sort keys to move, as {@link TableAccess#readLinkHeads} takes them.
   *
   * @param links the sort keys to move
   * @return join type to whether the item is on side {@code a}
   */
  static Map<String, Boolean> relations(List<SortedLink> links) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    links.forEach(l -> out.put(l.joinType(), l.sideA()));
    return out;
  }
}
