// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.farm.runtime;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Conversions between Java values and DynamoDB attribute values, and the sort-key encoding of
 * the generated resolvers, shared by the generated item codec. Part of the singletable runtime; do not edit.
 */
public final class ItemValues {
  /**
   * Separates the components of a sort key ({@code U+0001}).
   */
  public static final String SEPARATOR = "\u0001";

  /**
   * The bucket of a sort-key component holding a value ({@code 1}), between the null buckets {@code 0} (nulls first)
   * and {@code 2} (nulls last).
   */
  public static final String VALUE_BUCKET = "1";

  private ItemValues() {
  }

  /**
   * Puts {@code value} under {@code name} unless it is null (null fields are absent).
   * @param item the item
   * @param name the attribute name
   * @param value the value
   */
  public static void put(Map<String, AttributeValue> item, String name, AttributeValue value) {
    if (value != null) {
      item.put(name, value);
    }
  }

  /**
   * An {@code S} value, or null.
   * @param value the value
   * @return the result
   */
  public static AttributeValue string(String value) {
    return value == null ? null : AttributeValue.fromS(value);
  }

  /**
   * An {@code N} value, or null.
   * @param value the value
   * @return the result
   */
  public static AttributeValue number(Integer value) {
    return value == null ? null : AttributeValue.fromN(value.toString());
  }

  /**
   * An {@code N} value, or null.
   * @param value the value
   * @return the result
   */
  public static AttributeValue number(Long value) {
    return value == null ? null : AttributeValue.fromN(value.toString());
  }

  /**
   * An {@code N} value, or null.
   * @param value the value
   * @return the result
   */
  public static AttributeValue number(Double value) {
    return value == null ? null : AttributeValue.fromN(text(value));
  }

  /**
   * A {@code BOOL} value, or null.
   * @param value the value
   * @return the result
   */
  public static AttributeValue bool(Boolean value) {
    return value == null ? null : AttributeValue.fromBool(value);
  }

  /**
   * An {@code AWSJSON} value as stored (already an attribute value), or null.
   * @param value the value
   * @return the result
   */
  public static AttributeValue json(AttributeValue value) {
    return value;
  }

  /**
   * An {@code L} value of the elements (a null element as {@code NULL}), or null.
   *
   * @param <T> element type
   * @param values the elements
   * @param element converts one element
   * @return the result
   */
  public static <T> AttributeValue list(List<T> values, Function<T, AttributeValue> element) {
    if (values == null) {
      return null;
    }
    List<AttributeValue> out = new ArrayList<>(values.size());
    for (T value : values) {
      AttributeValue v = value == null ? null : element.apply(value);
      out.add(v == null ? AttributeValue.fromNul(true) : v);
    }
    return AttributeValue.fromL(out);
  }

  /**
   * True when the attribute is absent or DynamoDB's {@code NULL}.
   * @param value the value
   * @return the result
   */
  public static boolean isNull(AttributeValue value) {
    return value == null || Boolean.TRUE.equals(value.nul());
  }

  /**
   * The value of an {@code S} attribute, or null when absent or {@code NULL}; fails on another attribute type.
   * @param value the value
   * @return the result
   */
  public static String asString(AttributeValue value) {
    if (isNull(value)) {
      return null;
    }
    String out = value.s();
    if (out == null) {
      throw new IllegalArgumentException("expected a S attribute, got " + value);
    }
    return out;
  }

  /**
   * The value of an {@code N} attribute as an {@code Int}, or null when absent or {@code NULL}; fails on another attribute type.
   * @param value the value
   * @return the result
   */
  public static Integer asInteger(AttributeValue value) {
    if (isNull(value)) {
      return null;
    }
    Integer out = value.n() == null ? null : java.lang.Integer.valueOf(value.n());
    if (out == null) {
      throw new IllegalArgumentException("expected a N attribute, got " + value);
    }
    return out;
  }

  /**
   * The value of an {@code N} attribute as an {@code AWSTimestamp}, or null when absent or {@code NULL}; fails on another attribute type.
   * @param value the value
   * @return the result
   */
  public static Long asLong(AttributeValue value) {
    if (isNull(value)) {
      return null;
    }
    Long out = value.n() == null ? null : java.lang.Long.valueOf(value.n());
    if (out == null) {
      throw new IllegalArgumentException("expected a N attribute, got " + value);
    }
    return out;
  }

  /**
   * The value of an {@code N} attribute as a {@code Float}, or null when absent or {@code NULL}; fails on another attribute type.
   * @param value the value
   * @return the result
   */
  public static Double asDouble(AttributeValue value) {
    if (isNull(value)) {
      return null;
    }
    Double out = value.n() == null ? null : java.lang.Double.valueOf(value.n());
    if (out == null) {
      throw new IllegalArgumentException("expected a N attribute, got " + value);
    }
    return out;
  }

  /**
   * The value of a {@code BOOL} attribute, or null when absent or {@code NULL}; fails on another attribute type.
   * @param value the value
   * @return the result
   */
  public static Boolean asBoolean(AttributeValue value) {
    if (isNull(value)) {
      return null;
    }
    Boolean out = value.bool();
    if (out == null) {
      throw new IllegalArgumentException("expected a BOOL attribute, got " + value);
    }
    return out;
  }

  /**
   * An {@code AWSJSON} attribute as stored, or null when absent or {@code NULL}.
   * @param value the value
   * @return the result
   */
  public static AttributeValue asJson(AttributeValue value) {
    return isNull(value) ? null : value;
  }

  /**
   * An {@code L} attribute's elements (unmodifiable, {@code NULL} elements as null), or null.
   *
   * @param <T> element type
   * @param value the value
   * @param element converts one element
   * @return the result
   */
  public static <T> List<T> asList(AttributeValue value, Function<AttributeValue, T> element) {
    if (isNull(value)) {
      return null;
    }
    if (!value.hasL()) {
      throw new IllegalArgumentException("expected an L attribute, got " + value);
    }
    List<T> out = new ArrayList<>(value.l().size());
    for (AttributeValue v : value.l()) {
      out.add(isNull(v) ? null : element.apply(v));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The item's {@code __typename}, or null.
   * @param item the item
   * @return the result
   */
  public static String typename(Map<String, AttributeValue> item) {
    return asString(item.get("__typename"));
  }

  /**
   * Fails unless the item's {@code __typename} is {@code expected}.
   * @param item the item
   * @param expected the expected type name
   */
  public static void requireType(Map<String, AttributeValue> item, String expected) {
    String actual = typename(item);
    if (!expected.equals(actual)) {
      throw new IllegalArgumentException("not an item of type " + expected + ": __typename is " + actual);
    }
  }

  /**
   * True when {@code value} may be an id: not null, not empty, without {@code #} (the key
   * separator) and without control characters (U+0000 to U+001F, U+007F). Only such ids are ever put in a key, so
   * no id can name another item's key.
   * @param value the value
   * @return the result
   */
  public static boolean isId(String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '#' || c < ' ' || c == '\u007f') {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code id} when it may be an id ({@link #isId}); the key builders put nothing else in a key.
   *
   * @param typename the type, for the message
   * @param field the id field, for the message
   * @param id the id
   * @return the id
   * @throws NullPointerException when the id is null
   * @throws IllegalArgumentException when the id is empty or contains {@code #} or a control character
   */
  public static String requireId(String typename, String field, String id) {
    Objects.requireNonNull(id, () -> typename + "." + field);
    if (!isId(id)) {
      throw new IllegalArgumentException(typename + "." + field + ": an id may not be empty or contain '#' or control characters");
    }
    return id;
  }

  /**
   * True when {@code value} is neither null nor empty.
   * @param value the value
   * @return the result
   */
  public static boolean present(String value) {
    return value != null && !value.isEmpty();
  }

  /**
   * The text of a {@code Float} as the resolvers print it (JavaScript style: shortest
   * plain digits between 1e-7 and 1e21, else {@code 1.5e+21}); also the {@code N} value written.
   * @param value the value
   * @return the result
   */
  public static String text(Double value) {
    if (value.isNaN() || value.isInfinite()) {
      throw new IllegalArgumentException("not a GraphQL Float: " + value);
    }
    if (value == 0) {
      return "0";
    }
    BigDecimal d = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    double abs = Math.abs(value);
    if (abs >= 1e-7 && abs < 1e21) {
      return d.toPlainString();
    }
    String digits = d.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - d.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (d.signum() < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + Math.abs(exp);
  }

  /**
   * The order-preserving encoding of a number written in decimal (plain, {@code 1.0E10} or
   * {@code 1e+21}): {@code 1} for zero; {@code 2} + (500 + e) + digits for positives; {@code 0} + (500 - e)
   * + nines-complemented digits + {@code ~} for negatives, where |n| = 0.digits &times; 10^e. Same as the resolvers.
   * @param number the number's decimal text
   * @return the result
   */
  public static String encodeNumber(String number) {
    String s = number;
    boolean neg = s.startsWith("-");
    if (neg) {
      s = s.substring(1);
    }
    s = s.toUpperCase(Locale.ROOT);
    int exp = 0;
    int e = s.indexOf('E');
    if (e > -1) {
      String expText = s.substring(e + 1);
      if (expText.startsWith("+")) {
        expText = expText.substring(1);
      }
      exp = Integer.parseInt(expText);
      s = s.substring(0, e);
    }
    int dot = s.indexOf('.');
    String digits;
    int point;
    if (dot > -1) {
      digits = s.substring(0, dot) + s.substring(dot + 1);
      point = dot + exp;
    } else {
      digits = s;
      point = s.length() + exp;
    }
    while (digits.startsWith("0")) {
      digits = digits.substring(1);
      point--;
    }
    while (digits.endsWith("0")) {
      digits = digits.substring(0, digits.length() - 1);
    }
    if (digits.isEmpty()) {
      return "1";
    }
    if (!neg) {
      return "2" + (point + 500) + digits;
    }
    StringBuilder c = new StringBuilder(digits.length());
    for (int i = 0; i < digits.length(); i++) {
      c.append((char) ('9' - digits.charAt(i) + '0'));
    }
    return "0" + (500 - point) + c + "~";
  }

  /**
   * Sort encoding of an {@code Int}.
   * @param value the value
   * @return the result
   */
  public static String sortNumber(Integer value) {
    return encodeNumber(value.toString());
  }

  /**
   * Sort encoding of an {@code AWSTimestamp}.
   * @param value the value
   * @return the result
   */
  public static String sortNumber(Long value) {
    return encodeNumber(value.toString());
  }

  /**
   * Sort encoding of a {@code Float}.
   * @param value the value
   * @return the result
   */
  public static String sortNumber(Double value) {
    return encodeNumber(text(value));
  }

  /**
   * Sort encoding of an {@code AWSDateTime}: its epoch milliseconds as a number, so offsets compare correctly.
   * @param value the value
   * @return the result
   */
  public static String sortDateTime(String value) {
    return encodeNumber(Long.toString(OffsetDateTime.parse(value).toInstant().toEpochMilli()));
  }

  /**
   * Sort encoding of an {@code AWSDate}: its first ten characters ({@code yyyy-mm-dd}).
   * @param value the value
   * @return the result
   */
  public static String sortDate(String value) {
    return value.length() > 10 ? value.substring(0, 10) : value;
  }

  /**
   * Sort encoding of a {@code Boolean}: {@code 0} or {@code 1}.
   * @param value the value
   * @return the result
   */
  public static String sortBoolean(Boolean value) {
    return value ? "1" : "0";
  }

  /**
   * A string sort component's characters below U+0003 escaped, so that the encoded text holds
   * no character below U+0002 and the separator U+0001 sorts below every continuation: U+0002 becomes U+0002 U+0004,
   * U+0001 becomes U+0002 U+0003, U+0000 becomes U+0002 U+0002 (order-preserving). Other text is unchanged.
   *
   * @param value the value
   * @return the result
   */
  public static String escape(String value) {
    if (value.indexOf('\u0000') < 0 && value.indexOf('\u0001') < 0 && value.indexOf('\u0002') < 0) {
      return value;
    }
    return value.replace("\u0002", "\u0002\u0004").replace("\u0001", "\u0002\u0003").replace("\u0000", "\u0002\u0002");
  }

  /**
   * Sort encoding of a string or enum name: lower-cased when asked, escaped ({@link #escape}),
   * cut to {@code maxChars} UTF-16 units, one less where the cut would leave a lone high surrogate or the first unit
   * of an escape pair (keys stay valid UTF-16, and a cut value sorts as a prefix). A complete pair {@code U+0002 U+0002}
   * (an escaped U+0000) at the end is kept.
   * @param value the value
   * @param lowerCase lower-case the value
   * @param maxChars the most characters kept
   * @return the result
   */
  public static String sortString(String value, boolean lowerCase, int maxChars) {
    String s = escape(lowerCase ? value.toLowerCase(Locale.ROOT) : value);
    if (s.length() <= maxChars) {
      return s;
    }
    int end = maxChars;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    } else {
      // escape pairs start with U+0002 and parse left to right: after an odd run of U+0002 a pair is split
      int run = 0;
      while (run < end && s.charAt(end - 1 - run) == '\u0002') {
        run++;
      }
      if (run % 2 == 1) {
        end--;
      }
    }
    return s.substring(0, end);
  }

  /**
   * Appends one sort-key component: {@code 1} + the encoded value, or the null bucket
   * ({@code 0} nulls first, {@code 2} nulls last) when it is null; then the separator.
   * @param key the sort key being built
   * @param encoded the encoded value, or null
   * @param nullBucket the bucket of a null value
   */
  public static void component(StringBuilder key, String encoded, String nullBucket) {
    key.append(bucket(encoded, nullBucket)).append(SEPARATOR);
  }

  /**
   * One sort-key component without its separator: {@link #VALUE_BUCKET} + the encoded value, or the null bucket
   * when it is null. The start of the sort key of every item with this value (range conditions on relations).
   * @param encoded the encoded value, or null
   * @param nullBucket the bucket of a null value
   * @return the result
   */
  public static String bucket(String encoded, String nullBucket) {
    return encoded == null ? nullBucket : VALUE_BUCKET + encoded;
  }
}
