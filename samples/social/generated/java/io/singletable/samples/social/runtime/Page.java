// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.social.runtime;

import java.util.List;

/**
 * A page of a relation, as GraphQL's {@code items} and {@code nextToken}.
 *
 * @param <T> the item type
 * @param items the items of the page, in order
 * @param nextToken where to continue ({@link PageRequest#after}), or null after the last page
 */
public record Page<T>(List<T> items, String nextToken) {
  /**
   * Copies the items.
   *
   * @param items the items of the page, in order
   * @param nextToken where to continue, or null after the last page
   */
  public Page {
    items = List.copyOf(items);
  }

  /**
   * Whether DynamoDB may hold more items (a last page can also be empty).
   *
   * @return true with a nextToken
   */
  public boolean hasNext() {
    return nextToken != null;
  }
}
