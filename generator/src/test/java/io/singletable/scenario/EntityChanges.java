package io.singletable.scenario;

import io.singletable.model.EntityModel;
import io.singletable.model.FieldKind;
import io.singletable.model.FieldModel;
import io.singletable.model.UniqueModel;
import io.singletable.render.java.SampleValues;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values a scenario writes for one entity, by GraphQL field name (automatic timestamps left
 * out): the initial ones, the changes of each update round, the values that move unique values
 * out of the way. Derived from the model: unique fields, the fields that place an item in its
 * {@code @hasMany} pages (sort and filter fields) and the fields holding related ids.
 */
final class EntityChanges {
  static final int CREATE_SEED = 1;
  private static final int PARK_SEED = 50;

  /** What an update changes; every round also gives the unique fields new values. */
  enum Round {
    /** Key fields (to new parents and targets), sort and filter fields at edge values; one plain field cleared. */
    MOVE,
    /** Sort and filter fields, nullable ones cleared, and a plain field; keys kept, so the resolver must use the stored ones. */
    RESORT,
    /** Key fields only: nullable ones cleared (the item leaves its pages), the others to new parents. */
    DETACH;

    int seed() {
      return CREATE_SEED + 1 + ordinal();
    }
  }

  private final CrossRuntimeBackend rt;
  private final EntityModel e;
  private final RelationReads relations;
  private int parkSeed = PARK_SEED;

  EntityChanges(CrossRuntimeBackend rt, EntityModel e, RelationReads relations) {
    this.rt = rt;
    this.e = e;
    this.relations = relations;
  }

  /** Every stored field set (key fields to new related items), automatic timestamps null. */
  Map<String, Object> initial() {
    Map<String, Object> out = fresh(CREATE_SEED, 0);
    automaticTimestamps().forEach(f -> out.put(f, null));
    return out;
  }

  /** The changes of a round. */
  Map<String, Object> of(Round round) {
    return of(round, round.seed());
  }

  /** The changes of a round, values from {@code seed} (and new related items for key fields). */
  Map<String, Object> of(Round round, int seed) {
    Map<String, Object> fresh = fresh(seed, round == Round.RESORT ? -1 : round.ordinal() + 1);
    Set<String> names = new LinkedHashSet<>(uniqueFields());
    if (round != Round.DETACH) {
      names.addAll(relations.pageFields());
    }
    if (round != Round.RESORT) {
      names.addAll(relations.keyFields());
    }
    names.removeIf(n -> n.equals("id") || automaticTimestamps().contains(n));
    Map<String, Object> out = new LinkedHashMap<>();
    names.forEach(n -> out.put(n, changed(round, n, fresh.get(n))));
    if (round != Round.DETACH) {
      e.storedFields().stream().map(FieldModel::name)
          .filter(n -> !n.equals("id") && !automaticTimestamps().contains(n) && !names.contains(n)
              && !relations.keyFields().contains(n)).findFirst()
          .ifPresent(n -> out.put(n, round == Round.MOVE && nullable(n) ? null : fresh.get(n)));
    }
    return out;
  }

  /** The changes of RESORT without the unique fields, from values of their own. */
  Map<String, Object> keepingUniqueValues() {
    Map<String, Object> out = of(Round.RESORT, Round.DETACH.seed() + 1);
    out.keySet().removeAll(uniqueFields());
    return out;
  }

  /** Unique values no scenario uses (null where allowed), to move an item's values out of another's way. */
  Map<String, Object> parking() {
    Map<String, Object> fresh = fresh(parkSeed++, -1);
    Map<String, Object> out = new LinkedHashMap<>();
    uniqueFields().forEach(u -> out.put(u, nullable(u) ? null : fresh.get(u)));
    return out;
  }

  /** Sample values of {@code seed}; key fields to the related items of {@code keyRound} (none: negative). */
  private Map<String, Object> fresh(int seed, int keyRound) {
    Map<String, Object> keys = keyRound < 0 ? Map.of() : relations.keyValues(keyRound);
    return SampleValues.fields(e, SampleValues.record(rt.java(), e, seed, false, keys));
  }

  /** MOVE: edge values (but for ids); RESORT and DETACH: null where allowed (DETACH keeps unique values). */
  private Object changed(Round round, String field, Object fresh) {
    if (round == Round.MOVE) {
      return relations.keyFields().contains(field) ? fresh : edgeValue(e.field(field).orElseThrow(), fresh);
    }
    boolean keep = round == Round.DETACH && uniqueFields().contains(field);
    return nullable(field) && !keep ? null : fresh;
  }

  /**
   * A value at an edge of the key encodings: a long mixed-case, mixed-script string (truncated in
   * sort keys, lower-cased in keys), a large negative Int, a Float in exponent notation, a negative
   * timestamp, a date-time with another offset and no fraction.
   */
  private static Object edgeValue(FieldModel f, Object value) {
    if (value == null || f.type().list() || f.kind() == FieldKind.ENUM) {
      return value;
    }
    return switch (f.type().name()) {
      case "String", "ID" -> (value + " Ünïcödé ÉTÉ Straße İSTANBUL ΣΊΣΥΦΟΣ \uD83D\uDE00").repeat(7);
      case "Int" -> -2_000_000_000 - (Integer) value;
      case "Float" -> (Double) value * 1e-9;
      case "AWSTimestamp" -> -(Long) value;
      case "AWSDateTime" -> ((String) value).replaceFirst("\\.\\d+\\+02:00$", "-07:30");
      default -> value;
    };
  }

  List<String> uniqueFields() {
    return e.uniques().stream().map(UniqueModel::field).toList();
  }

  List<String> automaticTimestamps() {
    return e.storedFields().stream().filter(FieldModel::automaticTimestamp).map(FieldModel::name).toList();
  }

  private boolean nullable(String field) {
    return !e.field(field).orElseThrow().type().nonNull();
  }

  /** The non-null values: what a GraphQL create input carries. */
  static Map<String, Object> present(Map<String, Object> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (v != null) {
        out.put(k, v);
      }
    });
    return out;
  }
}
