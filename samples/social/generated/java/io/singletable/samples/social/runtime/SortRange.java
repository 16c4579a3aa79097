// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.social.runtime;

import java.util.Objects;
import java.util.function.Function;

/**
 * A condition on the first {@code sortBy} field of a {@code @hasMany} relation, for its range methods (e.g.
 * {@code posts(userId, SortRange.since("2026-01-01T00:00:00Z"), PageRequest.first(20))}): a key condition of the
 * one Query, so items outside it are neither read nor paid for. Values compare as the relation orders them: by the
 * sort-key encoding the resolvers write, so a string compares lower-cased when the relation has {@code ignoreCase}
 * and cut to its stored length, an {@code AWSDateTime} by its instant, an enum by its name. Items whose first sort
 * field is null are in no range. Bounds are inclusive. Immutable.
 *
 * @param <V> the Java type of the relation's first {@code sortBy} field
 */
public final class SortRange<V> {
  /** How the bounds combine. */
  private enum Kind { SINCE, UNTIL, BETWEEN, BEGINS_WITH }

  /** The longest sort key DynamoDB stores, in UTF-8 bytes. */
  private static final int MAX_KEY_BYTES = 1024;

  private final Kind kind;
  private final V from;
  private final V to;

  private SortRange(Kind kind, V from, V to) {
    this.kind = kind;
    this.from = from;
    this.to = to;
  }

  /**
   * The items whose first sort field is {@code from} or after it.
   *
   * @param <V> the field's Java type
   * @param from the lowest value, included
   * @return the range
   * @throws NullPointerException when {@code from} is null
   */
  public static <V> SortRange<V> since(V from) {
    return new SortRange<>(Kind.SINCE, Objects.requireNonNull(from, "from"), null);
  }

  /**
   * The items whose first sort field is {@code to} or before it (never a null one).
   *
   * @param <V> the field's Java type
   * @param to the highest value, included
   * @return the range
   * @throws NullPointerException when {@code to} is null
   */
  public static <V> SortRange<V> until(V to) {
    return new SortRange<>(Kind.UNTIL, null, Objects.requireNonNull(to, "to"));
  }

  /**
   * The items whose first sort field is between {@code from} and {@code to}, both included.
   *
   * @param <V> the field's Java type
   * @param from the lowest value, included
   * @param to the highest value, included (not before {@code from}, as the relation orders them)
   * @return the range
   * @throws NullPointerException when a bound is null
   */
  public static <V> SortRange<V> between(V from, V to) {
    return new SortRange<>(Kind.BETWEEN, Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"));
  }

  /**
   * The items whose first sort field starts with {@code prefix}, compared as stored (lower-cased when the relation
   * has {@code ignoreCase}): for {@code String}/{@code ID} fields sorted as text only (a relation sorted by another
   * type refuses it).
   *
   * @param prefix the start of the value ({@code ""}: every item with a value)
   * @return the range
   * @throws NullPointerException when {@code prefix} is null
   */
  public static SortRange<String> beginsWith(String prefix) {
    return new SortRange<>(Kind.BEGINS_WITH, Objects.requireNonNull(prefix, "prefix"), null);
  }

  /**
   * The key condition on the sort key attribute: {@code {"BETWEEN", low, high}} or {@code {"begins_with", prefix}}.
   *
   * @param bucketOf the item codec's encoding of a value as the start of a sort key (bucket and encoded value, as
   *        the codec writes them)
   * @param text whether the field is sorted as text (else {@code beginsWith} is refused)
   * @param field the field's name, for messages
   * @return the operator and its operands
   * @throws IllegalArgumentException when the range is empty by its bounds ({@code to} before {@code from}), a
   *         bound is no value of the field (e.g. not an {@code AWSDateTime}), or {@code beginsWith} is not for text
   */
  String[] condition(Function<V, String> bucketOf, boolean text, String field) {
    switch (kind) {
      case BEGINS_WITH:
        if (!text) {
          throw new IllegalArgumentException("beginsWith is only for a sort field sorted as text, not " + field);
        }
        return new String[] {"begins_with", encode(bucketOf, from, field)};
      case SINCE:
        return new String[] {"BETWEEN", encode(bucketOf, from, field), highest(ItemValues.VALUE_BUCKET)};
      case UNTIL:
        return new String[] {"BETWEEN", ItemValues.VALUE_BUCKET, highest(encode(bucketOf, to, field) + ItemValues.SEPARATOR)};
      default:
        String low = encode(bucketOf, from, field);
        String high = highest(encode(bucketOf, to, field) + ItemValues.SEPARATOR);
        if (compareUtf8(low, high) > 0) {
          throw new IllegalArgumentException("the range of " + field + " ends before it starts: " + from + " to " + to);
        }
        return new String[] {"BETWEEN", low, high};
    }
  }

  private static <V> String encode(Function<V, String> bucketOf, V value, String field) {
    try {
      return bucketOf.apply(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a value of " + field + ": " + value, e);
    }
  }

  /**
   * The greatest string of at most {@value #MAX_KEY_BYTES} UTF-8 bytes that starts with {@code prefix}: every sort
   * key starting with {@code prefix} (sort keys are at most that long) is at most it, by DynamoDB's byte order.
   */
  static String highest(String prefix) {
    StringBuilder out = new StringBuilder(prefix);
    int room = MAX_KEY_BYTES - utf8Length(prefix);
    for (; room >= 4; room -= 4) {
      out.appendCodePoint(Character.MAX_CODE_POINT);
    }
    if (room == 3) {
      out.append('\uFFFF');
    } else if (room == 2) {
      out.append('\u07FF');
    } else if (room == 1) {
      out.append('\u007F');
    }
    return out.toString();
  }

  private static int utf8Length(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      i += Character.charCount(c);
    }
    return bytes;
  }

  /** Compares as DynamoDB compares string keys, by UTF-8 bytes (the order of code points). */
  private static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SortRange<?> r && kind == r.kind && Objects.equals(from, r.from) && Objects.equals(to, r.to);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, from, to);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case SINCE -> "since " + from;
      case UNTIL -> "until " + to;
      case BETWEEN -> "between " + from + " and " + to;
      case BEGINS_WITH -> "beginsWith " + from;
    };
  }
}
