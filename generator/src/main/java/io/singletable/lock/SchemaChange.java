package io.singletable.lock;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One difference between the lock and the schema, as the plan lists it.
 *
 * @param kind what it means for the stored data
 * @param subject what changed, e.g. {@code relation Barn.cows}
 * @param types the concrete types whose stored items are affected (empty for none)
 * @param attributes the stored attributes or items affected, e.g. {@code PK03/SK03}
 * @param why what happened and what the backfill does
 */
public record SchemaChange(Kind kind, String subject, Set<String> types, List<String> attributes, String why) {

  /** Classification of a change. */
  public enum Kind {
    /** Nothing stored has to change. */
    NO_DATA_CHANGE("no data change"),
    /** Existing items must be reindexed, unique items built, or stale attributes removed. */
    NEEDS_BACKFILL("needs backfill"),
    /** Would break stored data: the generation fails. */
    REFUSED("refused");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** As printed in the plan. */
    public String label() {
      return label;
    }
  }

  public SchemaChange {
    types = Collections.unmodifiableSortedSet(new TreeSet<>(types));
    attributes = List.copyOf(attributes);
  }

  /** One line for the build log. */
  public String line() {
    return kind.label() + ": " + subject + (types.isEmpty() ? "" : " — " + String.join(", ", types) + " items")
        + (attributes.isEmpty() ? "" : " [" + String.join(", ", attributes) + "]") + ": " + why;
  }
}
