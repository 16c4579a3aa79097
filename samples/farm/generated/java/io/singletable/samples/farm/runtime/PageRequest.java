// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.farm.runtime;

import java.util.Objects;

/**
 * Which page of a relation to read: GraphQL's {@code limit}, {@code sortDirection} and {@code nextToken}.
 *
 * @param limit items per page, 1 to 1000 (DynamoDB's {@code Limit}: a page can hold fewer when items
 *        of other types share the index or the 1 MB read limit is reached; {@code nextToken} then continues)
 * @param direction the order
 * @param nextToken where the previous page ended, or null for the first page
 */
public record PageRequest(int limit, Direction direction, String nextToken) {
  /**
   * The resolvers' default {@code limit}.
   */
  public static final int DEFAULT_LIMIT = 100;

  /**
   * The largest {@code limit}.
   */
  public static final int MAX_LIMIT = 1000;

  /**
   * Checks the limit and the direction.
   *
   * @param limit items per page, 1 to 1000
   * @param direction the order
   * @param nextToken where the previous page ended, or null for the first page
   * @throws IllegalArgumentException when the limit is out of range
   */
  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and 1000: " + limit);
    }
    Objects.requireNonNull(direction, "direction");
  }

  /**
   * The first page, ascending.
   *
   * @param limit items per page, 1 to 1000
   * @return the request
   */
  public static PageRequest first(int limit) {
    return new PageRequest(limit, Direction.ASC, null);
  }

  /**
   * The first {@value #DEFAULT_LIMIT} items, ascending.
   *
   * @return the request
   */
  public static PageRequest first() {
    return first(DEFAULT_LIMIT);
  }

  /**
   * The same request in another order.
   *
   * @param order the order
   * @return the request
   */
  public PageRequest withDirection(Direction order) {
    return new PageRequest(limit, order, nextToken);
  }

  /**
   * The page after the one that returned {@code token}.
   *
   * @param token a page's {@code nextToken}
   * @return the request
   */
  public PageRequest after(String token) {
    return new PageRequest(limit, direction, token);
  }
}
