package io.singletable.render.java;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Valid schemas nobody wrote by hand, from a seed: 2 to 5 model types with random stored fields
 * (every scalar, an enum, lists, non-null), random {@code @unique} fields, automatic timestamps,
 * and parent/child relations ({@code @hasMany} as list or connection with random {@code sortBy},
 * {@code nulls}, {@code ignoreCase} and {@code onlyIf}; the child's {@code @belongsTo}), relations over a
 * union or an interface of two types, {@code @hasOne}, and {@code @belongsTo} over a list of ids.
 */
public final class RandomSchemas {
  private static final String[] SCALARS = {"ID", "String", "Int", "Float", "Boolean", "AWSDate", "AWSDateTime",
      "AWSTime", "AWSTimestamp", "AWSEmail", "AWSURL", "AWSPhone", "AWSIPAddress", "AWSJSON", "Mood"};
  private static final List<String> UNSORTABLE = List.of("AWSJSON");
  private static final List<String> UNIQUE_TYPES = List.of("String", "Int", "AWSEmail", "ID", "Mood", "AWSTimestamp",
      "AWSDate", "AWSURL");

  private RandomSchemas() {}

  /** A stored field of a generated type. */
  private record Field(String name, String type, boolean list, boolean nonNull) {
    String sdl() {
      String t = list ? "[" + type + "]" : type;
      return name + ": " + t + (nonNull ? "!" : "");
    }

    boolean sortable() {
      return !list && !UNSORTABLE.contains(type);
    }
  }

  /** The schema of {@code seed}. */
  public static String sdl(long seed) {
    Random r = new Random(seed);
    int types = 2 + r.nextInt(4);
    List<List<String>> lines = new ArrayList<>();
    List<List<Field>> fields = new ArrayList<>();
    for (int t = 0; t < types; t++) {
      List<Field> own = new ArrayList<>();
      List<String> text = new ArrayList<>(List.of("id: ID!"));
      int count = 1 + r.nextInt(6);
      for (int f = 0; f < count; f++) {
        Field field = new Field("f" + f, SCALARS[r.nextInt(SCALARS.length)], r.nextInt(7) == 0, r.nextInt(4) == 0);
        boolean unique = !field.list() && UNIQUE_TYPES.contains(field.type()) && r.nextInt(4) == 0;
        if (unique && field.nonNull()) {
          // the tests' children leave unique values null: fine for any value space, e.g. an enum's three
          field = new Field(field.name(), field.type(), false, false);
        }
        own.add(field);
        text.add(field.sdl() + (unique ? " @unique(ignoreCase: " + r.nextBoolean() + ")" : ""));
      }
      if (r.nextBoolean()) {
        text.add("createdAt: AWSDateTime");
        text.add("updatedAt: AWSDateTime");
      }
      fields.add(own);
      lines.add(text);
    }
    for (int child = 1; child < types; child++) {
      if (r.nextInt(4) == 0) {
        continue;
      }
      int parent = r.nextInt(child);
      String key = "p" + parent + "Id";
      lines.get(child).add(key + ": ID");
      lines.get(child).add("parent" + parent + ": T" + parent + " @belongsTo(field: \"" + key + "\")");
      List<String> sortBy = new ArrayList<>();
      for (Field f : fields.get(child)) {
        if (f.sortable() && sortBy.size() < 3 && r.nextBoolean()) {
          sortBy.add("\"" + f.name() + "\"");
        }
      }
      String shape = r.nextBoolean() ? "[T" + child + "]" : "T" + child + "Connection";
      String onlyIf = fields.get(child).stream().filter(f -> f.type().equals("Boolean") && !f.list()).findFirst()
          .filter(f -> r.nextBoolean()).map(f -> ", onlyIf: \"" + f.name() + "\"").orElse("");
      lines.get(parent).add("kids" + child + ": " + shape + " @hasMany(field: \"" + key + "\", sortBy: " + sortBy
          + ", nulls: " + (r.nextBoolean() ? "FIRST" : "LAST") + ", ignoreCase: " + r.nextBoolean() + onlyIf + ")");
    }
    List<String> abstracts = new ArrayList<>();
    List<List<String>> implemented = new ArrayList<>();
    for (int t = 0; t < types; t++) {
      implemented.add(new ArrayList<>());
    }
    if (types >= 3 && r.nextBoolean()) {
      // a relation over an abstract type: T0 has many of Tb and Tc, which store its id in `groupId`
      int b = 1 + r.nextInt(types - 1);
      int c = 1 + (b - 1 + 1 + r.nextInt(types - 2)) % (types - 1);
      boolean union = r.nextBoolean();
      String name = union ? "Either" : "Grouped";
      for (int member : List.of(b, c)) {
        lines.get(member).add("groupId: ID");
        if (!union) {
          implemented.get(member).add(name);
        }
      }
      abstracts.add(union ? "union Either = T" + b + " | T" + c : "interface Grouped { id: ID! groupId: ID }");
      String shape = r.nextBoolean() ? "[" + name + "]" : name + "Connection";
      lines.get(0).add("group: " + shape + " @hasMany(field: \"groupId\")");
    }
    if (types >= 2 && r.nextBoolean()) {
      int target = 1 + r.nextInt(types - 1);
      lines.get(0).add("bestId: ID");
      lines.get(0).add("best: T" + target + " @hasOne(field: \"bestId\")");
      lines.get(0).add("pickIds: [ID" + (r.nextBoolean() ? "!" : "") + "]");
      lines.get(0).add("picks: [T" + target + "] @belongsTo(field: \"pickIds\")");
    }
    StringBuilder sdl = new StringBuilder("enum Mood { HAPPY SAD meh }\n");
    abstracts.forEach(a -> sdl.append(a).append('\n'));
    for (int t = 0; t < types; t++) {
      sdl.append("type T").append(t).append(implemented.get(t).isEmpty() ? "" : " implements " + String.join(" & ", implemented.get(t)))
          .append(" @model {\n");
      lines.get(t).forEach(l -> sdl.append("  ").append(l).append('\n'));
      sdl.append("}\n");
    }
    return sdl.toString();
  }
}
