package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.cfn.GeneratedSchemas;
import io.singletable.model.EntityModel;
import io.singletable.model.KeyStrategy;
import io.singletable.model.UniqueModel;
import java.io.DataInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Java of a 2,000-model schema compiles with {@code -Xlint:all -Werror -Xdoclint:all/protected}: the
 * data-access patterns live in one class per type behind {@code DataAccess}, the codec's per-type dispatch stays
 * under the JVM's 64 KB per method, and past about 310 models of the chain {@code DataAccess} and {@code ItemCodec}
 * inherit most of their members from a chain of public classes, one per group of types, so that no class file
 * holds more than the 65,535 constants it can (2,000 models cover the split that 1,000 already need). Minutes:
 * tagged {@code slow}, out of the fast tier.
 */
@Tag("slow")
class LargeSchemaJavaCompileTest {
  private static final String PACKAGE = "com.example.big";

  @Test
  void theJavaOfTwoThousandModelsCompilesWithTheSamePublicApi(@TempDir Path dir) throws Exception {
    // a caller in another package, compiled with the rest: the public members resolve through DataAccess and ItemCodec
    Path caller = Files.createDirectories(dir.resolve("out/java/com/example/use")).resolve("Caller.java");
    Files.writeString(caller, """
        package com.example.use;

        import com.example.big.DataAccess;
        import com.example.big.ItemCodec;
        import com.example.big.Item000;
        import com.example.big.Item1999;
        import com.example.big.runtime.Page;
        import com.example.big.runtime.PageRequest;
        import java.util.List;
        import java.util.Map;
        import java.util.Optional;
        import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

        final class Caller {
          private Caller() {}

          static Optional<Item1999> last(DataAccess access, String id) {
            return access.item1999s().get(id);
          }

          static Optional<Item000> first(DataAccess access, String id) {
            return access.item000s().get(id);
          }

          static Page<Item1999> children(DataAccess access, String id) {
            return access.item1998s().children(id, PageRequest.first(10));
          }

          static List<String> keys(String id) {
            return List.of(ItemCodec.item1999NodeKey(id), ItemCodec.item000NodeKey(id), ItemCodec.item1998ChildrenPartitionKey(id),
                ItemCodec.item000NameUniqueKey(id));
          }

          static Map<String, AttributeValue> item(Item000 first, Item1999 last) {
            ItemCodec.toItem(first);
            return ItemCodec.toItem(last);
          }
        }
        """);
    try (GeneratedJava java = generate(dir, 2000)) {
      assertEquals(2000, java.model().entities().size());
      Class<?> access = java.type("DataAccess");
      Method last = access.getMethod("item1999s");
      assertEquals(Optional.class, last.getReturnType().getMethod("get", String.class).getReturnType());
      assertEquals(access, last.getDeclaringClass(), "DataAccess holds the last group of types");
      Method first = access.getMethod("item000s");
      assertEquals(java.type("DataAccess1"), first.getDeclaringClass(), "inherited from the first group's class");
      assertTrue(Modifier.isPublic(first.getDeclaringClass().getModifiers()), "public: no bridge methods in DataAccess");
      assertSameApi(java);

      assertEquals("NODE#x", java.call("ItemCodec", "item1999NodeKey", "x"));
      assertEquals("NODE#x", java.call("ItemCodec", "item000NodeKey", "x"));
      for (String type : java.model().entities().stream().map(EntityModel::name).filter(n -> n.endsWith("00")).toList()) {
        Map<String, AttributeValue> raw = Map.of("PK", AttributeValue.fromS("NODE#i1"), "__typename", AttributeValue.fromS(type),
            "id", AttributeValue.fromS("i1"), "name", AttributeValue.fromS("n"));
        Object decoded = java.call("ItemCodec", "decode", raw);
        assertEquals(type, decoded.getClass().getSimpleName());
        assertEquals(raw, java.call("ItemCodec", "encode", decoded), type);
        assertEquals(1, ((java.util.List<?>) java.call("ItemCodec", "uniqueItemsOf", decoded)).size(), type + ": name's");
      }
      int most = fullest(java);
      assertTrue(most < 40_000, "constants of the fullest class: " + most);
    }
  }

  private static GeneratedJava generate(Path dir, int models) throws Exception {
    Path schema = Files.writeString(Files.createDirectories(dir).resolve("schema.graphql"), GeneratedSchemas.models(models));
    var result = new Generator().generate(new GeneratorOptions(schema, dir, dir.resolve("out"), PACKAGE,
        KeyStrategy.NODE, 20, null));
    return GeneratedJava.compile(dir, PACKAGE, result.model());
  }

  /**
   * The public members a schema of any size has: every repository on {@code DataAccess} with its methods, every per-type codec
   * method a public static of {@code ItemCodec}, and the codec's dispatch.
   */
  private static void assertSameApi(GeneratedJava java) throws Exception {
    JavaNames names = new JavaNames(java.model(), PACKAGE);
    Set<String> accessMethods = Arrays.stream(java.dataAccessType().getMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
        .map(Method::getName).collect(Collectors.toSet());
    DataAccessRenderer renderer = new DataAccessRenderer(java.model(), names);
    Class<?> accessType = java.dataAccessType(); // once: each call builds the names of the whole schema
    Map<String, Set<String>> repositoryMethods = new java.util.HashMap<>();
    for (EntityModel e : java.model().entities()) {
      String accessor = renderer.repositoryAccessor(e.name());
      assertTrue(accessMethods.contains(accessor), "DataAccess." + accessor);
      repositoryMethods.put(e.name(), Arrays.stream(accessType.getMethod(accessor).getReturnType().getMethods())
          .map(Method::getName).collect(Collectors.toSet()));
    }
    for (var entry : renderer.methodNames().entrySet()) { // each repository's methods
      String entity = entry.getKey().substring(entry.getKey().indexOf(' ') + 1).split("\\.")[0];
      assertTrue(entry.getKey().startsWith("repository ") || repositoryMethods.get(entity).contains(entry.getValue()),
          entry.toString());
    }
    Class<?> codec = java.codecType(); // once: each call builds the names of the whole schema
    Set<String> codecMethods = Arrays.stream(codec.getMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
        .map(Method::getName).collect(Collectors.toSet());
    for (EntityModel e : java.model().entities()) {
      assertTrue(codecMethods.contains(names.nodeKey(e.name())), names.nodeKey(e.name()));
      assertTrue(codecMethods.contains(names.fromItem(e.name())), names.fromItem(e.name()));
      for (UniqueModel u : e.uniques()) {
        assertTrue(codecMethods.contains(names.uniqueKey(e.name(), u.field())), names.uniqueKey(e.name(), u.field()));
      }
      codec.getMethod("toItem", java.schemaType(e.name()));
    }
    for (var r : java.model().indexedRelations()) {
      assertTrue(codecMethods.contains(names.partitionKey(r)) && codecMethods.contains(names.sortKey(r)), r.id());
    }
    assertTrue(codecMethods.containsAll(Set.of("decode", "encode", "uniqueItemsOf")));
    assertTrue(Modifier.isStatic(codec.getField("SCHEMA").getModifiers()));
  }

  /** The most constants of a generated class file; the fullest classes are printed. */
  private static int fullest(GeneratedJava java) throws Exception {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.walk(java.classes())) {
      for (Path p : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        counts.put(java.classes().relativize(p).toString(), constants(p));
      }
    }
    System.out.println(java.model().entities().size() + " models, constants of the fullest classes: " + counts.entrySet()
        .stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(6).toList());
    return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** A class file's constant pool entries ({@code constant_pool_count - 1}). */
  private static int constants(Path classFile) throws Exception {
    try (InputStream in = Files.newInputStream(classFile); DataInputStream data = new DataInputStream(in)) {
      data.readInt(); // magic
      data.readUnsignedShort();
      data.readUnsignedShort();
      return data.readUnsignedShort() - 1;
    }
  }
}
