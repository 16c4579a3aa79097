// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.farm.runtime;

/**
 * The order of a relation page, as GraphQL's {@code sortDirection}.
 */
public enum Direction {
  /**
   * By the relation's {@code sortBy}, then id.
   */
  ASC,

  /**
   * The exact reverse of {@code ASC}.
   */
  DESC
}
