package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.model.EntityModel;
import io.singletable.model.FieldModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of one entity as stored, made comparable with the items of another entity written
 * with the same values: its id becomes {@code <id>} wherever it occurs (key, sort-key tie-break,
 * {@code id}), and the automatic {@code createdAt}/{@code updatedAt} are checked for their format
 * and replaced by {@code <timestamp>}, their sort encodings in index keys by {@code <timestamp~>}.
 */
final class StoredItems {
  /** {@code $util.time.nowISO8601()}: UTC with milliseconds. */
  static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

  private StoredItems() {}

  /** The normalised items of {@code id}, sorted by normalised {@code PK}. */
  static List<Map<String, AttributeValue>> normalised(CrossRuntimeBackend backend, EntityModel e, String id) {
    List<String> timestamps = e.storedFields().stream().filter(FieldModel::automaticTimestamp).map(FieldModel::name).toList();
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    for (Map<String, AttributeValue> item : backend.itemsOf(id)) {
      Map<String, String> tokens = new LinkedHashMap<>();
      tokens.put(id, "<id>");
      for (String name : timestamps) {
        AttributeValue value = item.get(name);
        if (value != null) {
          assertTrue(value.s() != null && TIMESTAMP.matcher(value.s()).matches(),
              e.name() + "." + name + " is an AppSync timestamp: " + value + " in " + item);
          tokens.put(backend.sortDateTime(value.s()), "<timestamp~>");
        }
      }
      Map<String, AttributeValue> normal = new TreeMap<>();
      item.forEach((name, value) -> normal.put(name, timestamps.contains(name)
          ? AttributeValue.fromS("<timestamp>") : replace(value, s -> substitute(s, tokens))));
      out.add(normal);
    }
    out.sort(Comparator.comparing(i -> i.get("PK").s()));
    return out;
  }

  private static String substitute(String s, Map<String, String> tokens) {
    String out = s;
    for (Map.Entry<String, String> t : tokens.entrySet()) {
      out = out.replace(t.getKey(), t.getValue());
    }
    return out;
  }

  private static AttributeValue replace(AttributeValue v, UnaryOperator<String> strings) {
    if (v.s() != null) {
      return AttributeValue.fromS(strings.apply(v.s()));
    }
    if (v.hasL()) {
      return AttributeValue.fromL(v.l().stream().map(x -> replace(x, strings)).toList());
    }
    if (v.hasM()) {
      Map<String, AttributeValue> m = new TreeMap<>();
      v.m().forEach((k, x) -> m.put(k, replace(x, strings)));
      return AttributeValue.fromM(m);
    }
    return v;
  }
}
