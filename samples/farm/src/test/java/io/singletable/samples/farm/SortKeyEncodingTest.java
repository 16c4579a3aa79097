package io.singletable.samples.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.samples.farm.runtime.ItemValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The generated sort-key encoding ({@link ItemValues#sortString}, {@link ItemValues#component}) orders
 * keys as their values, compared as DynamoDB compares string keys (UTF-8 bytes), for values holding
 * the separator U+0001, U+0000 and the escape U+0002, values that are prefixes of one another,
 * surrogate pairs, and values beyond the cut. Fixed seed.
 */
class SortKeyEncodingTest {
  /** Characters around every boundary the encoding has: below, at and above the escapes, '#', surrogates. */
  private static final String[] ALPHABET = {"\u0000", "\u0001", "\u0002", "\u0003", "\u0004", "a", "b", "A", "#", "~",
      "\u007f", "é", "\uE000", "\uFFFF", "😀", "😁"};
  private static final String[] BMP = java.util.Arrays.stream(ALPHABET).filter(s -> s.length() == 1).toArray(String[]::new);

  /** DynamoDB's order of string keys: unsigned UTF-8 bytes. */
  static int dynamoDb(String a, String b) {
    return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** The order of value tuples: component by component, null first, then the id. */
  private static int values(List<String> a, String idA, List<String> b, String idB) {
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) == null || b.get(i) == null) {
        if (a.get(i) != b.get(i)) {
          return a.get(i) == null ? -1 : 1;
        }
        continue;
      }
      int c = dynamoDb(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return dynamoDb(idA, idB);
  }

  /** The sort key of a tuple, as the codec builds it: components with nulls first, then the id. */
  private static String key(List<String> tuple, String id, int maxChars) {
    StringBuilder key = new StringBuilder();
    for (String v : tuple) {
      ItemValues.component(key, v == null ? null : ItemValues.sortString(v, false, maxChars), "0");
    }
    return key.append(id).toString();
  }

  private static String random(Random r, String[] alphabet, int maxLength) {
    StringBuilder s = new StringBuilder();
    int n = r.nextInt(maxLength + 1);
    for (int i = 0; i < n; i++) {
      s.append(alphabet[r.nextInt(alphabet.length)]);
    }
    return s.toString();
  }

  private static List<String> tuple(Random r, String[] alphabet, int maxLength, int size) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      out.add(r.nextInt(8) == 0 ? null : random(r, alphabet, maxLength));
    }
    return out;
  }

  @Test
  void keysWithinTheCutSortExactlyAsTheirValueTuples() {
    Random r = new Random(10);
    List<List<String>> tuples = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      tuples.add(tuple(r, ALPHABET, 5, 2));
    }
    String[] ids = {"a", "b"};
    int compared = 0;
    for (List<String> a : tuples) {
      for (List<String> b : tuples) {
        for (String idA : ids) {
          String idB = ids[compared++ % 2];
          int expected = Integer.signum(values(a, idA, b, idB));
          int actual = Integer.signum(dynamoDb(key(a, idA, 240), key(b, idB, 240)));
          assertEquals(expected, actual, () -> "values " + escaped(a) + " " + idA + " vs " + escaped(b) + " " + idB);
        }
      }
    }
    assertTrue(compared > 300_000);
  }

  @Test
  void theEscapesAreExactlyThoseAgreedAndOtherTextIsUnchanged() {
    assertEquals("a\u0002\u0002b\u0002\u0003c\u0002\u0004d\u0003", ItemValues.sortString("a\u0000b\u0001c\u0002d\u0003", false, 240));
    assertEquals("x\u0002\u0004\u0002\u0003", ItemValues.sortString("X\u0002\u0001", true, 240), "after lower-casing");
    assertEquals("plain text é 😀 #", ItemValues.sortString("Plain Text É 😀 #", true, 240));
    // no encoded component holds a character below U+0002: the separator sorts below every continuation
    Random r = new Random(11);
    for (int i = 0; i < 2000; i++) {
      String encoded = ItemValues.sortString(random(r, ALPHABET, 12), false, 1 + r.nextInt(12));
      assertTrue(encoded.chars().noneMatch(c -> c < 2), escaped(List.of(encoded)));
    }
  }

  /**
   * The cut: a value whose encoding is longer than maxChars becomes the encoding of a prefix, never
   * ending in a lone high surrogate or a split escape pair; and, for a single component without
   * supplementary characters, cut keys never sort against their values' order (ties are broken by
   * the id). (Where a cut drops an emoji's high half, a value with a BMP character at that position
   * sorts after one with the emoji; and a tie of cut values leaves the order to the next component.)
   */
  @Test
  void theCutKeepsAValidPrefixAndNeverInvertsTheOrder() {
    Random r = new Random(12);
    for (int i = 0; i < 5000; i++) {
      String value = random(r, ALPHABET, 14);
      int maxChars = 1 + r.nextInt(10);
      String full = ItemValues.sortString(value, false, Integer.MAX_VALUE);
      String cut = ItemValues.sortString(value, false, maxChars);
      assertTrue(full.startsWith(cut), "a prefix of the full encoding");
      assertTrue(cut.length() <= maxChars && cut.length() >= Math.min(full.length(), maxChars - 1), "at most one unit dropped");
      if (!cut.isEmpty()) {
        char last = cut.charAt(cut.length() - 1);
        assertFalse(Character.isHighSurrogate(last), "no lone high surrogate at the end");
        int run = 0;
        while (run < cut.length() && cut.charAt(cut.length() - 1 - run) == '\u0002') {
          run++;
        }
        assertEquals(0, run % 2, "no split escape pair at the end (pairs parse left to right)");
      }
      assertTrue(isValidUtf16(cut));
    }
    List<List<String>> tuples = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      tuples.add(tuple(r, BMP, 9, 1));
    }
    for (List<String> a : tuples) {
      for (List<String> b : tuples) {
        if (values(a, "i", b, "i") < 0) {
          assertTrue(dynamoDb(key(a, "i", 5), key(b, "i", 5)) <= 0, () -> escaped(a) + " < " + escaped(b));
        }
      }
    }
  }

  @Test
  void longValuesAreCutAt240UnitsOneLessWhereTheCutWouldSplitAPairOrAnEscape() {
    String base = "k".repeat(239);
    assertEquals(base + "x", ItemValues.sortString(base + "xyz", false, 240));
    assertEquals(base, ItemValues.sortString(base + "😀", false, 240), "the emoji's high half would be last");
    assertEquals(base, ItemValues.sortString(base + "\u0001", false, 240), "U+0002 of the escape pair would be last");
    assertEquals(base.substring(1) + "\u0002\u0002", ItemValues.sortString(base.substring(1) + "\u0000z", false, 240),
        "a complete pair (an escaped U+0000, U+0002 U+0002) at the end is kept");
    assertEquals(base.substring(2) + "\u0002\u0002", ItemValues.sortString(base.substring(2) + "\u0000\u0000", false, 240),
        "the second escaped U+0000 is split: dropped");
    // the cut keeps the order of a value and its extension: x < x + U+0000 + y
    String shortOne = key(List.of(base.substring(1) + "\u0000"), "i", 240);
    String extended = key(List.of(base.substring(1) + "\u0000y"), "i", 240);
    assertTrue(dynamoDb(shortOne, extended) <= 0);
    // two long values equal in their first 240 units sort alike: the id breaks the tie
    String a = key(List.of(base + "a-long-tail", "x"), "id1", 240);
    String b = key(List.of(base + "a-longer-tail", "x"), "id2", 240);
    assertTrue(dynamoDb(a, b) < 0);
    assertEquals(a.substring(0, a.length() - 3), b.substring(0, b.length() - 3));
  }

  private static boolean isValidUtf16(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static String escaped(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (v == null) {
        out.add("null");
        continue;
      }
      StringBuilder s = new StringBuilder("\"");
      v.chars().forEach(c -> s.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
      out.add(s.append('"').toString());
    }
    return out.toString();
  }
}
