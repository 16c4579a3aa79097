package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.model.EntityModel;
import io.singletable.model.FieldKind;
import io.singletable.model.FieldModel;
import io.singletable.model.KeyStrategy;
import io.singletable.model.UniqueModel;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Key spaces are disjoint by construction, proved on the GENERATED key builders ({@code ItemCodec})
 * of adversarial schemas (type and field names that are prefixes of one another, names like key
 * prefixes, every unique value kind) with adversarial ids ({@code #}, control characters, unicode,
 * lone surrogates, empty) and unique values ({@code #}, separators, case variants, {@code 4} and
 * {@code 4.0}, {@code -0.0}), under both key strategies: an id the generated check refuses never
 * becomes a key; every accepted id round-trips; no node key equals a unique key; node keys of distinct
 * (type, id) differ under TYPE keys and of distinct ids under NODE keys; unique keys of distinct
 * (type, field, normalized value) differ, and equal normalized values share their key. Fixed seeds.
 */
class KeySpacePropertyTest {
  /** Type names: prefixes of one another, names of key prefixes and fields; none equal but for case. */
  private static final List<String> TYPE_NAMES = List.of("NODE", "Node_", "N", "NO", "NOD", "NODEX", "A", "AB", "ABC",
      "A_B", "T", "Type", "name", "Handle", "H");
  private static final List<String> FIELD_NAMES = List.of("n", "na", "name", "nameX", "h", "handle", "id_", "x_y", "NODE");
  private static final List<String> UNIQUE_TYPES = List.of("String", "ID", "AWSEmail", "Int", "Float", "Mood");
  private static final String[] ID_ALPHABET = {"a", "Z", "0", "#", "\u0000", "\u0001", "\u001f", "\u007f", " ", "é", "😀",
      "\uD800", "-", ":", "NODE", "name", "\t", "\u0080", "\u2028"};
  private static final String[] VALUE_ALPHABET = {"b", "B", "o", "O", "#", "\u0000", "\u0001", "\u0002", " ", "İ", "ß",
      "😀", "NODE", "name#", "Bob"};

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} keys, seed {1}")
  @CsvSource({"TYPE, 1", "NODE, 2", "TYPE, 3"})
  void keySpacesAreDisjointForAdversarialTypesIdsAndValues(KeyStrategy keys, long seed) throws Exception {
    Random r = new Random(seed);
    String sdl = schema(r, keys);
    try (GeneratedJava java = GeneratedJava.inline(sdl, dir, keys)) {
      String codec = java.codecType().getSimpleName();
      String values = "runtime." + java.valuesType().getSimpleName();
      JavaNames names = new JavaNames(java.model(), "com.example.gen");
      Map<String, String> ownerOfKey = new HashMap<>();
      Map<String, String> keyOfOwner = new HashMap<>();
      int accepted = 0;
      int refused = 0;
      for (EntityModel e : java.model().entities()) {
        String prefix = keys == KeyStrategy.NODE ? "NODE#" : e.name() + "#";
        for (String id : ids(r)) {
          boolean valid = isValidId(id);
          assertEquals(valid, java.call(values, "isId", id), "ItemValues.isId of " + show(id));
          if (!valid) {
            assertThrows(IllegalArgumentException.class, () -> java.call(codec, names.nodeKey(e.name()), id),
                "the key builder refuses " + show(id));
            refused++;
            continue;
          }
          String key = (String) java.call(codec, names.nodeKey(e.name()), id);
          assertTrue(key.startsWith(prefix) && key.substring(prefix.length()).equals(id), "round trip of " + show(id));
          accepted++;
          claim(ownerOfKey, keyOfOwner, key, keys == KeyStrategy.NODE ? "node " + id : "node " + e.name() + " " + id, sdl);
        }
        for (UniqueModel u : e.uniques()) {
          FieldModel f = e.field(u.field()).orElseThrow();
          for (Object value : uniqueValues(r, java, f)) {
            String key = (String) java.call(codec, names.uniqueKey(e.name(), u.field()), value);
            assertTrue(key.startsWith(e.name() + "#" + u.field() + "#"), key);
            claim(ownerOfKey, keyOfOwner, key, "unique " + e.name() + " " + u.field() + " " + normalized(f, u, value), sdl);
          }
        }
      }
      assertThrows(NullPointerException.class, () -> java.call(codec, names.nodeKey(java.model().entities().get(0).name()),
          (Object) null));
      assertTrue(accepted > 50 && refused > 100, "accepted " + accepted + ", refused " + refused);
      assertTrue(ownerOfKey.values().stream().anyMatch(o -> o.startsWith("unique")), "unique keys were built");
    }
  }

  /** Records that {@code key} stands for {@code owner}: no key of two owners, no owner with two keys. */
  private static void claim(Map<String, String> ownerOfKey, Map<String, String> keyOfOwner, String key, String owner, String sdl) {
    String before = ownerOfKey.putIfAbsent(key, owner);
    assertTrue(before == null || before.equals(owner), () -> "key " + show(key) + " of " + show(before) + " and of "
        + show(owner) + " in\n" + sdl);
    String keyBefore = keyOfOwner.putIfAbsent(owner, key);
    assertTrue(keyBefore == null || keyBefore.equals(key), () -> show(owner) + " has keys " + show(keyBefore) + " and " + show(key));
  }

  /** The shared rule: not empty, no '#', no U+0000–U+001F or U+007F. */
  private static boolean isValidId(String id) {
    return !id.isEmpty() && id.chars().noneMatch(c -> c == '#' || c < 0x20 || c == 0x7f);
  }

  /** What a unique value stands for: lower-cased with ignoreCase, numbers by value, enums by name. */
  private static String normalized(FieldModel f, UniqueModel u, Object value) {
    if (value instanceof Double d) {
      return new BigDecimal(d).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Integer i) {
      return i.toString();
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    String s = (String) value;
    return f.kind() != FieldKind.ENUM && u.ignoreCase() ? s.toLowerCase(Locale.ROOT) : s;
  }

  private static List<String> ids(Random r) {
    Set<String> out = new LinkedHashSet<>(List.of("", "#", "name#bob", "handle#alice", "x#y", "NODE#1", "NODE", "\t", "a\u007f",
        "a", "A", "id", "😀", "\uD800", "é#"));
    while (out.size() < 60) {
      StringBuilder s = new StringBuilder();
      int n = r.nextInt(6);
      for (int i = 0; i < n; i++) {
        s.append(ID_ALPHABET[r.nextInt(ID_ALPHABET.length)]);
      }
      out.add(s.toString());
    }
    return new ArrayList<>(out);
  }

  private static List<Object> uniqueValues(Random r, GeneratedJava java, FieldModel f) {
    List<Object> out = new ArrayList<>();
    switch (f.type().name()) {
      case "Int" -> {
        out.addAll(List.of(0, -1, 1, 4, 40, Integer.MAX_VALUE, Integer.MIN_VALUE));
        for (int i = 0; i < 10; i++) {
          out.add(r.nextInt(2000) - 1000);
        }
      }
      case "Float" -> {
        out.addAll(List.of(4.0, Double.valueOf("4"), Double.parseDouble("4.0"), 4.5, 0.0, -0.0, 1e21, 1e-7, -4.0, 0.1 + 0.2, 0.3));
        for (int i = 0; i < 10; i++) {
          out.add((r.nextInt(2000) - 1000) / 8.0);
        }
      }
      case "Mood" -> out.addAll(List.of(java.schemaType("Mood").getEnumConstants()));
      default -> {
        out.addAll(List.of("Bob", "bob", "BOB", "b#o", "b", "#", "", "name#bob", "bob\u0001", "bob\u0000", "İ", "i̇", "ß", "SS"));
        for (int i = 0; i < 30; i++) {
          StringBuilder s = new StringBuilder();
          int n = r.nextInt(5);
          for (int j = 0; j < n; j++) {
            s.append(VALUE_ALPHABET[r.nextInt(VALUE_ALPHABET.length)]);
          }
          out.add(s.toString());
        }
      }
    }
    return out;
  }

  /** 4 to 7 types with names from {@link #TYPE_NAMES} ({@code NODE} only under TYPE keys), 1 to 3 unique fields each. */
  private static String schema(Random r, KeyStrategy keys) {
    List<String> pool = new ArrayList<>(TYPE_NAMES);
    if (keys == KeyStrategy.NODE) {
      pool.remove("NODE"); // a type named like the node key prefix is a generation error under NODE keys
    }
    java.util.Collections.shuffle(pool, r);
    // always some names that are prefixes of one another, and the key prefix itself where it is allowed
    for (String always : keys == KeyStrategy.NODE ? List.of("NODEX", "NO", "A", "AB") : List.of("NODE", "NOD", "A", "AB")) {
      pool.remove(always);
      pool.add(0, always);
    }
    StringBuilder sdl = new StringBuilder("enum Mood { HAPPY SAD meh }\n");
    int types = 4 + r.nextInt(4);
    for (int t = 0; t < types; t++) {
      sdl.append("type ").append(pool.get(t)).append(" @model {\n  id: ID!\n");
      List<String> fields = new ArrayList<>(FIELD_NAMES);
      java.util.Collections.shuffle(fields, r);
      int count = 1 + r.nextInt(3);
      for (int f = 0; f < count; f++) {
        String type = UNIQUE_TYPES.get(r.nextInt(UNIQUE_TYPES.size()));
        boolean text = List.of("String", "ID", "AWSEmail").contains(type);
        sdl.append("  ").append(fields.get(f)).append(": ").append(type)
            .append(text ? " @unique(ignoreCase: " + r.nextBoolean() + ")" : " @unique").append('\n');
      }
      sdl.append("}\n");
    }
    return sdl.toString();
  }

  private static String show(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    s.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return out.append('"').toString();
  }
}
