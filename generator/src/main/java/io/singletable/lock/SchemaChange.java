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

  /** The lock's line for this change: {@code change <kind> | <subject> | <types> | <attributes> | <why>}. */
  public String lockLine() {
    return "change " + kind.label() + " | " + subject + " | " + (types.isEmpty() ? "-" : String.join(",", types))
        + " | " + (attributes.isEmpty() ? "-" : String.join(", ", attributes)) + " | " + why.replace('|', '/');
  }

  /**
   * Reads {@link #lockLine}'s text after {@code change }.
   *
   * @return the change, or null when the text is not five {@code " | "}-separated parts with a known kind
   */
  static SchemaChange fromLockLine(String text) {
    String[] parts = text.split(" \\| ", -1);
    if (parts.length != 5) {
      return null;
    }
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (k != Kind.REFUSED && k.label().equals(parts[0].strip())) {
        kind = k;
      }
    }
    if (kind == null || parts[1].isBlank()) {
      return null;
    }
    Set<String> types = parts[2].strip().equals("-") ? Set.of() : new TreeSet<>(List.of(parts[2].strip().split(",")));
    List<String> attributes = parts[3].strip().equals("-") ? List.of() : List.of(parts[3].strip().split(", "));
    return new SchemaChange(kind, parts[1].strip(), types, attributes, parts[4].strip());
  }

  /** One line for the build log. */
  public String line() {
    return kind.label() + ": " + subject + (types.isEmpty() ? "" : " — " + String.join(", ", types) + " items")
        + (attributes.isEmpty() ? "" : " [" + String.join(", ", attributes) + "]") + ": " + why;
  }
}
