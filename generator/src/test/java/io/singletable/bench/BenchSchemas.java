package io.singletable.bench;

import io.singletable.cfn.GeneratedSchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schemas of {@code bench/run-bench.sh}: for each model count, {@code chain-N/schema.graphql} (singletable's,
 * {@link GeneratedSchemas#models}) and {@code chain-N/amplify.graphql}, the same schema in Amplify's directives,
 * trimmed to singletable's operations:
 * <ul>
 *   <li>{@code @model} with get, create, update and delete only (no list query, no subscriptions);</li>
 *   <li>{@code @hasMany(field: "f", sortBy: ["s"])} becomes {@code @hasMany(indexName: …, fields: ["id"])} with
 *       {@code @index(name: …, sortKeyFields: ["s"])} on the target's {@code f}; a connection type becomes a list;
 *       a {@code @hasMany} over a union becomes one {@code @hasMany} per member (Amplify has no union relations);</li>
 *   <li>{@code @belongsTo(field:)} and {@code @hasOne(field:)} become {@code fields: [...]};</li>
 *   <li>dropped, as Amplify lacks them: {@code @unique}, {@code onlyIf}, a {@code @belongsTo} over a list of ids.</li>
 * </ul>
 *
 * <pre>java -cp generator/target/test-classes io.singletable.bench.BenchSchemas OUT_DIR 10 50 150</pre>
 */
public final class BenchSchemas {
  private BenchSchemas() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    for (int i = 1; i < args.length; i++) {
      int models = Integer.parseInt(args[i]);
      Path dir = Files.createDirectories(out.resolve("chain-" + models));
      String sdl = GeneratedSchemas.models(models);
      Files.writeString(dir.resolve("schema.graphql"), sdl, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("amplify.graphql"), amplify(sdl), StandardCharsets.UTF_8);
    }
  }

  private static final Pattern TYPE = Pattern.compile("^type (\\w+) @model \\{$");
  private static final Pattern UNION = Pattern.compile("^union (\\w+) = (.*)$");
  private static final Pattern FIELD = Pattern.compile("^  (\\w+): (\\S+?)( @.*)?$");
  private static final Pattern HAS_MANY = Pattern.compile("@hasMany\\(field: \"(\\w+)\", sortBy: \\[\"(\\w+)\"\\].*\\)");
  private static final Pattern FIELD_ARG = Pattern.compile("@(belongsTo|hasOne)\\(field: \"(\\w+)\"\\)");

  /** {@link GeneratedSchemas}' SDL in Amplify's directives (see the class comment). */
  static String amplify(String sdl) {
    Map<String, List<String>> unions = new LinkedHashMap<>();
    Map<String, List<String>> types = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : sdl.split("\n")) {
      Matcher t = TYPE.matcher(line);
      Matcher u = UNION.matcher(line);
      if (t.matches()) {
        current = new ArrayList<>();
        types.put(t.group(1), current);
      } else if (u.matches()) {
        unions.put(u.group(1), List.of(u.group(2).split(" \\| ")));
      } else if (line.equals("}")) {
        current = null;
      } else if (current != null && !line.isBlank()) {
        current.add(line);
      }
    }
    // target type -> its field -> index names with their sort key
    Map<String, Map<String, Set<String>>> indexes = new LinkedHashMap<>();
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (var type : types.entrySet()) {
      List<String> translated = new ArrayList<>();
      for (String line : type.getValue()) {
        Matcher f = FIELD.matcher(line);
        if (!f.matches()) {
          throw new IllegalArgumentException("unexpected line: " + line);
        }
        String name = f.group(1);
        String fieldType = f.group(2);
        String directives = f.group(3) == null ? "" : f.group(3);
        Matcher many = HAS_MANY.matcher(directives);
        Matcher one = FIELD_ARG.matcher(directives);
        if (many.find()) {
          String element = fieldType.replaceAll("[\\[\\]!]", "");
          if (element.endsWith("Connection")) {
            element = element.substring(0, element.length() - "Connection".length());
          }
          String key = many.group(1);
          String sort = many.group(2);
          String index = "by" + cap(key) + cap(sort);
          for (String target : unions.getOrDefault(element, List.of(element))) {
            indexes.computeIfAbsent(target, k -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new LinkedHashSet<>())
                .add("@index(name: \"" + index + "\", sortKeyFields: [\"" + sort + "\"])");
            String fieldName = unions.containsKey(element) ? name + target : name;
            translated.add("  " + fieldName + ": [" + target + "] @hasMany(indexName: \"" + index
                + "\", fields: [\"id\"])");
          }
        } else if (one.find()) {
          if (fieldType.startsWith("[")) {
            continue; // a list of ids: Amplify has no such relation
          }
          translated.add("  " + name + ": " + fieldType + " @" + one.group(1) + "(fields: [\"" + one.group(2) + "\"])");
        } else {
          translated.add("  " + name + ": " + fieldType); // @unique dropped
        }
      }
      fields.put(type.getKey(), translated);
    }
    StringBuilder out = new StringBuilder("# ").append(types.size()).append(" generated models, Amplify's directives\n");
    for (var type : fields.entrySet()) {
      String name = type.getKey();
      out.append("type ").append(name).append(" @model(queries: {get: \"get").append(name)
          .append("\", list: null}, mutations: {create: \"create").append(name).append("\", update: \"update")
          .append(name).append("\", delete: \"delete").append(name).append("\"}, subscriptions: null) {\n");
      Map<String, Set<String>> own = indexes.getOrDefault(name, Map.of());
      for (String line : type.getValue()) {
        Matcher f = FIELD.matcher(line);
        f.matches();
        Set<String> idx = own.get(f.group(1));
        out.append(line).append(idx == null ? "" : " " + String.join(" ", idx)).append('\n');
      }
      out.append("}\n\n");
    }
    return out.toString();
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
