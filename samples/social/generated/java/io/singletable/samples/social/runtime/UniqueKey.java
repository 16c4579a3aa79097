// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.social.runtime;

/**
 * For the generated data-access class: a {@code @unique} field's item key before and after a write (null: no unique item).
 *
 * @param field the unique field
 * @param before the key the stored item has, or null
 * @param after the key the written item has, or null
 */
public record UniqueKey(String field, String before, String after) {
  /**
   * A unique field's keys.
   *
   * @param field the unique field
   * @param before the key the stored item has, or null
   * @param after the key the written item has, or null
   */
  public UniqueKey {
  }
}
