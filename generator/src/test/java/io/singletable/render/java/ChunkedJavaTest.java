package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.model.EntityModel;
import io.singletable.model.KeyStrategy;
import io.singletable.model.ServiceModel;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A large schema's Java in groups of types ({@link JavaNames#chunks()}), on a small schema split into groups of a
 * few types: it compiles with the same strictness, {@code DataAccess} and {@code ItemCodec} have exactly the public
 * members of the Java in one group, and the codec and its {@code SCHEMA} dispatch to every group's types as the
 * unsplit codec does (items compared attribute by attribute). The types' relations point both ways, so that a
 * group's {@code toItem} calls key builders of a later group's class.
 */
class ChunkedJavaTest {
  private static final String PACKAGE = "com.example.gen";

  /** {@code T00…}: each has many of the next (by {@code parentId}) and of the previous (by {@code nextId}). */
  static String schema(int count) {
    StringBuilder sdl = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sdl.append("type ").append(name(i)).append(" @model {\n  id: ID!\n  name: String! @unique\n");
      if (i % 2 == 0) {
        sdl.append("  code: Int @unique\n");
      }
      sdl.append("  rank: Int\n  parentId: ID\n  nextId: ID\n");
      if (i + 1 < count) {
        sdl.append("  children: [").append(name(i + 1)).append("] @hasMany(field: \"parentId\", sortBy: [\"name\"])\n");
      }
      if (i > 0) {
        sdl.append("  older: [").append(name(i - 1)).append("] @hasMany(field: \"nextId\", sortBy: [\"rank\"])\n");
        sdl.append("  parent: ").append(name(i - 1)).append(" @belongsTo(field: \"parentId\")\n");
      }
      if (i + 1 < count) {
        sdl.append("  next: ").append(name(i + 1)).append(" @hasOne(field: \"nextId\")\n");
      }
      sdl.append("}\n");
    }
    return sdl.toString();
  }

  private static String name(int i) {
    return String.format(Locale.ROOT, "T%02d", i);
  }

  @Test
  void groupsOfTypesHaveThePublicApiAndTheItemsOfOneClass(@TempDir Path dir) throws Exception {
    int count = 24;
    Path schema = Files.writeString(Files.createDirectories(dir).resolve("schema.graphql"), schema(count));
    Path single = dir.resolve("single");
    Path split = dir.resolve("split");
    var result = new Generator().generate(new GeneratorOptions(schema, dir, single.resolve("out"), PACKAGE,
        KeyStrategy.NODE, 20, null));
    ServiceModel model = result.model();
    copy(single.resolve("out"), split.resolve("out"));
    Path javaDir = split.resolve("out").resolve("java").resolve(PACKAGE.replace('.', '/'));
    int weight = 120; // a few types per group
    for (var file : new EntityJavaRenderer().render(model, PACKAGE, weight).entrySet()) {
      Files.writeString(javaDir.resolve(file.getKey()), file.getValue());
    }
    int groups = new JavaNames(model, PACKAGE, weight).chunks().size();
    assertTrue(groups >= 4, "groups: " + groups);
    try (GeneratedJava one = GeneratedJava.compile(single, PACKAGE, model);
        GeneratedJava many = GeneratedJava.compile(split, PACKAGE, model)) {
      assertEquals(Object.class, one.codecType().getSuperclass(), "one group: no chain");
      assertEquals(many.type("ItemCodec" + (groups - 1)), many.codecType().getSuperclass());
      assertEquals(many.type("DataAccess" + (groups - 1)), many.dataAccessType().getSuperclass());
      assertEquals(publicApi(one.dataAccessType()), publicApi(many.dataAccessType()));
      assertEquals(publicApi(one.codecType()), publicApi(many.codecType()));
      for (int g = 1; g < groups; g++) {
        assertTrue(Modifier.isPublic(many.type("DataAccess" + g).getModifiers()), "public: no bridge methods");
        assertTrue(Modifier.isPublic(many.type("ItemCodec" + g).getModifiers()), "public: no bridge methods");
      }
      assertEquals(declaredPublic(one.dataAccessType()).size() > 0, true);
      assertTrue(declaredPublic(many.dataAccessType()).size() < declaredPublic(one.dataAccessType()).size(),
          "DataAccess holds the last group's methods only");

      Object schemaOne = one.codecType().getField("SCHEMA").get(null);
      Object schemaMany = many.codecType().getField("SCHEMA").get(null);
      assertEquals(schema(schemaOne, "typenames"), schema(schemaMany, "typenames"));
      for (EntityModel e : model.entities()) {
        Map<String, AttributeValue> raw = raw(e);
        Object a = one.call("ItemCodec", "decode", raw);
        Object b = many.call("ItemCodec", "decode", raw);
        assertEquals(e.name(), b.getClass().getSimpleName());
        Object itemA = one.call("ItemCodec", "encode", a);
        assertEquals(itemA, many.call("ItemCodec", "encode", b), e.name());
        assertEquals(itemA, many.call("ItemCodec", "toItem", b), e.name() + " toItem, overloaded over the chain");
        assertTrue(((Map<?, ?>) itemA).containsKey("PK01") || e.name().equals(name(0)), e.name() + " " + itemA);
        assertEquals(one.call("ItemCodec", "uniqueItemsOf", a), many.call("ItemCodec", "uniqueItemsOf", b), e.name());
        assertEquals(one.call("ItemCodec", one.uniqueKeyMethod(e.name(), "name"), "N"),
            many.call("ItemCodec", many.uniqueKeyMethod(e.name(), "name"), "N"));
        assertEquals(e.name(), schema(schemaMany, "typename", b.getClass()));
        assertEquals(schema(schemaOne, "attributesOf", e.name()),
            schema(schemaMany, "attributesOf", e.name()), e.name());
        assertEquals(schema(schemaOne, "uniqueKeys", raw), schema(schemaMany, "uniqueKeys", raw));
        assertEquals(itemA, schema(schemaMany, "encode", b));
      }
      Map<String, AttributeValue> unknown = Map.of("__typename", AttributeValue.fromS("Nope"), "id", AttributeValue.fromS("x"));
      assertThrows(IllegalArgumentException.class, () -> many.call("ItemCodec", "decode", unknown));
      assertEquals(List.of(), schema(schemaMany, "attributesOf", "Nope"));
      assertEquals(List.of(), schema(schemaMany, "uniqueKeys", unknown));
      assertThrows(IllegalArgumentException.class, () -> schema(schemaMany, "typename", String.class));
      assertInstanceOf(List.class, schema(schemaMany, "typenames"));
    }
  }

  /** Calls a method of the runtime's {@code ItemSchema} on a codec's {@code SCHEMA} (an anonymous class). */
  private static Object schema(Object schema, String method, Object... args) throws Exception {
    Class<?> itemSchema = Arrays.stream(schema.getClass().getInterfaces())
        .filter(i -> i.getSimpleName().equals("ItemSchema")).findFirst().orElseThrow();
    for (Method m : itemSchema.getMethods()) {
      if (m.getName().equals(method) && m.getParameterCount() == args.length) {
        try {
          return m.invoke(schema, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw (Exception) e.getCause();
        }
      }
    }
    throw new IllegalArgumentException(method);
  }

  /** A stored item of {@code e} with every field set, its relation keys included. */
  private static Map<String, AttributeValue> raw(EntityModel e) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("PK", AttributeValue.fromS("NODE#i1"));
    item.put("__typename", AttributeValue.fromS(e.name()));
    item.put("id", AttributeValue.fromS("i1"));
    item.put("name", AttributeValue.fromS("N"));
    if (e.field("code").isPresent()) {
      item.put("code", AttributeValue.fromN("7"));
    }
    item.put("rank", AttributeValue.fromN("3"));
    item.put("parentId", AttributeValue.fromS("p1"));
    item.put("nextId", AttributeValue.fromS("n1"));
    return item;
  }

  /** Public methods, inherited ones included, as {@code static? return name(params)}. */
  private static Set<String> publicApi(Class<?> type) {
    return Arrays.stream(type.getMethods()).map(ChunkedJavaTest::signature).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<Method> declaredPublic(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers())).toList();
  }

  private static String signature(Method m) {
    return (Modifier.isStatic(m.getModifiers()) ? "static " : "") + m.getGenericReturnType().getTypeName()
        .replaceAll("[\\w.]+\\.", "") + " " + m.getName() + Arrays.stream(m.getGenericParameterTypes())
        .map(t -> t.getTypeName().replaceAll("[\\w.]+\\.", "")).collect(Collectors.joining(", ", "(", ")"));
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
