package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.model.KeyStrategy;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated Java compiles with {@code -Xlint:all -Werror -Xdoclint:all} and has the promised shape. */
class GeneratedJavaCompileTest {

  @Test
  void farmCompilesAndHasTypedRecords(@TempDir Path dir) throws Exception {
    try (GeneratedJava gen = GeneratedJava.sample("farm", dir)) {
      Class<?> cow = gen.type("Cow");
      assertTrue(cow.isRecord());
      assertEquals(List.of("id", "name", "breed", "born", "farmId"),
          Arrays.stream(cow.getRecordComponents()).map(c -> c.getName()).toList());
      assertTrue(cow.getRecordComponents()[2].getType().isEnum());
      Class<?> animal = gen.type("Animal");
      assertTrue(animal.isSealed() && animal.isInterface());
      assertEquals(List.of("Chicken", "Cow"), Arrays.stream(animal.getPermittedSubclasses()).map(Class::getSimpleName).sorted().toList());
      assertTrue(animal.isAssignableFrom(cow));
      assertTrue(gen.type("Entity").isAssignableFrom(gen.type("Farm")));
      assertEquals(List.class, gen.type("Farm").getRecordComponents()[3].getType());
    }
  }

  @Test
  void socialCompiles(@TempDir Path dir) throws Exception {
    try (GeneratedJava gen = GeneratedJava.sample("social", dir)) {
      assertTrue(Modifier.isFinal(gen.type("ItemCodec").getModifiers()));
      assertTrue(gen.type("User").isRecord());
    }
  }

  @Test
  void versionedTypesGetANullableVersionComponentAndCompile(@TempDir Path dir) throws Exception {
    String sdl = """
        type Note @model(versioned: true) { id: ID! title: String! @unique ownerId: ID owner: Person @belongsTo(field: "ownerId") }
        type Page @model(versioned: true) { id: ID! version: Int text: String }
        type Person @model { id: ID! notes: [Note] @hasMany(field: "ownerId") }
        """;
    try (GeneratedJava gen = GeneratedJava.inline(sdl, dir, KeyStrategy.NODE)) {
      Class<?> note = gen.type("Note");
      assertEquals(List.of("id", "title", "ownerId", "version"),
          Arrays.stream(note.getRecordComponents()).map(c -> c.getName()).toList());
      assertEquals(Integer.class, note.getRecordComponents()[3].getType());
      // the resolvers set the version: an item stored before the type was versioned has none, and decodes
      Object fresh = note.getDeclaredConstructors()[0].newInstance("n1", "A title", null, null);
      assertEquals(null, note.getMethod("version").invoke(fresh));
      assertEquals(List.of("id", "version", "text"),
          Arrays.stream(gen.type("Page").getRecordComponents()).map(c -> c.getName()).toList());
    }
  }

  @Test
  void everyScalarListUnionInterfaceAndOddNameCompiles(@TempDir Path dir) throws Exception {
    try (GeneratedJava gen = GeneratedJava.inline(GeneratedJava.KITCHEN_SINK, dir, KeyStrategy.TYPE)) {
      Class<?> gizmo = gen.type("Gizmo");
      var types = Arrays.stream(gizmo.getRecordComponents())
          .collect(java.util.stream.Collectors.toMap(c -> c.getName(), c -> c.getType().getSimpleName()));
      assertEquals("String", types.get("class_"));
      assertEquals("Integer", types.get("hashCode_"));
      assertEquals("AttributeValue", types.get("json"));
      assertEquals("Long", types.get("seconds"));
      assertEquals("Double", types.get("ratio"));
      assertEquals("Boolean", types.get("flag"));
      assertEquals("String", types.get("time"));
      assertEquals("List", types.get("stamps"));
      assertTrue(gen.type("Thing").isAssignableFrom(gizmo));
      assertTrue(gen.type("Either").isAssignableFrom(gizmo));
      assertTrue(gen.type("Kind").isEnum());
      assertTrue(gen.type("Entity").isRecord(), "a schema type named Entity keeps its name");
      assertTrue(gen.type("Entity_").isSealed(), "and the support interface moves aside");
      assertTrue(gen.type("Entity_").isAssignableFrom(gen.type("Math")));
    }
  }

  @Test
  void dataAccessServesEveryRelationShapeWithTypedResults(@TempDir Path dir) throws Exception {
    String sdl = """
        union Pet = Dog | Cat
        interface Named { id: ID! name: String ownerId: ID }
        type Dog implements Named @model { id: ID! name: String ownerId: ID }
        type Cat implements Named @model { id: ID! name: String ownerId: ID }
        type Person @model {
          id: ID!
          email: AWSEmail @unique
          favoriteId: ID
          favorite: Pet @belongsTo(field: "favoriteId")
          petIds: [ID]
          pets: [Pet] @belongsTo(field: "petIds")
          dogId: ID
          dog: Dog @hasOne(field: "dogId")
          named: [Named] @hasMany(field: "ownerId", sortBy: ["name"])
          cats: CatConnection @hasMany(field: "ownerId")
        }
        """;
    try (GeneratedJava gen = GeneratedJava.inline(sdl, dir, KeyStrategy.NODE)) {
      Class<?> access = gen.type("DataAccess");
      Class<?> person = gen.type("Person");
      Class<?> people = access.getMethod("persons").getReturnType();
      assertEquals("PersonRepository", people.getSimpleName());
      assertEquals("Optional<Pet>", returns(people.getMethod("favorite", person)));
      assertEquals("List<Pet>", returns(people.getMethod("pets", person)));
      assertEquals("Optional<Dog>", returns(people.getMethod("dog", person)));
      Class<?> pageRequest = gen.type("runtime.PageRequest");
      assertEquals("Page<Named>", returns(people.getMethod("named", String.class, pageRequest)));
      assertEquals("Page<Named>", returns(people.getMethod("named", person, pageRequest)));
      assertEquals("Page<Cat>", returns(people.getMethod("cats", String.class, pageRequest)));
      assertEquals("Optional<Person>", returns(people.getMethod("getByEmail", String.class)));
      assertEquals("List<Dog>", returns(access.getMethod("dogs").getReturnType().getMethod("batchGet", List.class)));
      assertEquals(person, people.getMethod("update", String.class, java.util.function.UnaryOperator.class).getReturnType());
      assertEquals(person, person.getMethod("withEmail", String.class).getReturnType());
    }
  }

  /** A generic return type with simple names, e.g. {@code Optional<Pet>}. */
  @Test
  void recordsHaveBuildersAndInstantTimestampsBesideFieldsOfTheSameNames(@TempDir Path dir) throws Exception {
    String sdl = """
        type Person @model {
          id: ID!
          name: String!
          nick: String
          builderId: ID
          createdAt: AWSDateTime
          updatedAt: AWSDateTime
        }
        type Builder @model {
          id: ID!
          builder: String
          toBuilder: Int
          build: String
          get: [Person] @hasMany(field: "builderId")
        }
        """;
    try (GeneratedJava gen = GeneratedJava.inline(sdl, dir, KeyStrategy.NODE)) {
      Class<?> person = gen.type("Person");
      Object b = gen.call("Person", "builder");
      GeneratedJava.callOn(b, "name", "Ada");
      Object first = GeneratedJava.callOn(b, "build");
      Object second = GeneratedJava.callOn(b, "build");
      String id = (String) GeneratedJava.callOn(first, "id");
      assertTrue(id != null && !id.isEmpty(), "a new id: " + first);
      assertTrue(!id.equals(GeneratedJava.callOn(second, "id")), "each build of a builder without id gets another");
      assertEquals("Ada", GeneratedJava.callOn(first, "name"));
      assertEquals(null, GeneratedJava.callOn(first, "createdAt"), "the create sets the timestamps");
      Object renamed = GeneratedJava.callOn(GeneratedJava.callOn(GeneratedJava.callOn(first, "toBuilder"), "nick", "A"), "build");
      assertEquals(GeneratedJava.callOn(GeneratedJava.callOn(first, "withNick", "A"), "withId", id), renamed,
          "toBuilder keeps every field, the id too");
      Object emptyName = gen.call("Person", "builder");
      org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, () -> GeneratedJava.callOn(emptyName, "build"),
          "a non-null field left unset");
      Object stamped = GeneratedJava.callOn(first, "withCreatedAt", "2026-12-03T10:15:30.123Z");
      assertEquals(java.time.Instant.parse("2026-12-03T10:15:30.123Z"), GeneratedJava.callOn(stamped, "createdAtInstant"));
      assertEquals(null, GeneratedJava.callOn(first, "updatedAtInstant"));
      assertEquals(java.time.Instant.class, person.getMethod("createdAtInstant").getReturnType());

      // a type named Builder, and fields named like the generated members: those move aside, the fields keep theirs
      Class<?> named = gen.type("Builder");
      assertEquals("Builder_", named.getMethod("builder_").getReturnType().getSimpleName());
      assertEquals(String.class, named.getMethod("builder").getReturnType());
      assertEquals(Integer.class, named.getMethod("toBuilder").getReturnType());
      Object nb = GeneratedJava.callOn(gen.call("Builder", "builder_"), "build", "b");
      Object built = GeneratedJava.callOn(nb, "build_");
      assertEquals("b", GeneratedJava.callOn(built, "build"));
      Class<?> builders = gen.dataAccessType().getMethod("builders").getReturnType();
      assertEquals("Page<Person>", returns(builders.getMethod("get_", String.class, gen.type("runtime.PageRequest"))));
      assertEquals("Optional<Builder>", returns(builders.getMethod("get", String.class)));
    }
  }

  private static String returns(java.lang.reflect.Method m) {
    return m.getGenericReturnType().getTypeName().replaceAll("[a-z0-9_.]+\\.(?=[A-Z])", "");
  }

  @Test
  void migrationRunnerCompilesBesideSchemaTypesNamedLikeItsParts(@TempDir Path dir) throws Exception {
    String sdl = """
        type MigrationRunner @model { id: ID! name: String @unique }
        type Context @model { id: ID! report: Int @unique stage: Progress @unique ratio: Float @unique }
        enum Progress { STARTED DONE }
        type Report @model { id: ID! }
        type Checkpoint @model { id: ID! }
        type Run @model { id: ID! }
        type Path @model { id: ID! }
        type Put @model { id: ID! }
        type Thread @model { id: ID! }
        """;
    try (GeneratedJava gen = GeneratedJava.inline(sdl, dir, KeyStrategy.TYPE)) {
      assertTrue(gen.type("MigrationRunner").isRecord(), "the schema type keeps its name");
      Class<?> runner = gen.type("runtime.MigrationRunner");
      assertEquals(List.of("Checkpoint", "Context", "Migration", "MigrationException", "Progress", "RawMigration", "Report", "Run"),
          Arrays.stream(runner.getDeclaredClasses()).map(Class::getSimpleName).sorted().toList());
      assertTrue(gen.type("Context").isRecord());
      // the generated SchemaMigration reaches the runtime's MigrationRunner past the schema's own
      assertEquals(runner, Arrays.stream(gen.type("SchemaMigration").getMethods()).filter(m -> m.getName().equals("configure"))
          .findFirst().orElseThrow().getParameterTypes()[0]);
    }
  }

  @Test
  void everySchemaGetsAMigrationRunner(@TempDir Path dir) throws Exception {
    try (GeneratedJava gen = GeneratedJava.inline(GeneratedJava.KITCHEN_SINK, dir, KeyStrategy.TYPE)) {
      Class<?> runner = gen.type("runtime.MigrationRunner");
      assertTrue(Modifier.isFinal(runner.getModifiers()));
      Object schema = gen.codecType().getField("SCHEMA").get(null);
      assertEquals(gen.type("Entity_").getName(), ((java.lang.reflect.ParameterizedType) gen.codecType().getField("SCHEMA")
          .getGenericType()).getActualTypeArguments()[0].getTypeName(), "the schema's entity type is the sealed support interface");
      assertTrue(gen.type("runtime.ItemSchema").isInstance(schema));
    }
  }

  /** Every JDK and SDK class the generated sources use, the java.lang classes and the nested types, as schema types. */
  private static final List<String> SHADOWING = Arrays.stream(String.join(" ",
      "ArrayList AtomicInteger AtomicMoveNotSupportedException AtomicReference AttributeDefinition AttributeValue Base64 BatchGetItemResponse",
      "BiConsumer BigDecimal BillingMode ByteArrayInputStream ByteArrayOutputStream ByteBuffer CancellationReason Clock",
      "Collections ConditionalCheckFailedException Consumer LinkHead CreateTableRequest DataInputStream DataOutputStream DateTimeFormatter Delete",
      "DeleteItemResponse Double DynamoDbClient ExecutorService Executors Files Function GetItemResponse",
      "GlobalSecondaryIndex HashMap HashSet IOException Integer KeySchemaElement KeyType KeysAndAttributes",
      "LinkedHashMap LinkedHashSet Locale Long LongAdder Objects OffsetDateTime Path",
      "ProjectionType Properties Put QueryRequest QueryResponse Reader ReturnValue ScalarAttributeType",
      "ScanRequest ScanResponse SdkBytes Set StandardCharsets StandardCopyOption ThreadLocalRandom TimeUnit",
      "TransactWriteItem TransactionCanceledException TreeMap TreeSet UUID UnaryOperator UncheckedIOException ZoneOffset",
      "Math System Runtime Character Exception Error Iterable Comparable",
      "Runnable Void Class Enum Number Short Byte Float_",
      "Process Thread Deprecated FunctionalInterface SafeVarargs SuppressWarnings Report Context",
      "Progress Checkpoint Migration RawMigration MigrationException NotFoundException NotUniqueException ConflictException",
      "Page PageRequest Instant Duration Stream Collectors Arrays Iterator PendingWrites Builder VersionConflictException ReadConsistency RetryPolicy",
      "SortRange SortedLink BiFunction",
      "Entry",
      "InvalidIdException TransactionConflictException ValidationErrorException DynamoDbException DataAccessException",
      "").trim().split(" ")).toList();

  @Test
  void schemaTypesNamedLikeEveryClassTheGeneratedJavaUsesCompile(@TempDir Path dir) throws Exception {
    StringBuilder sdl = new StringBuilder();
    SHADOWING.forEach(n -> sdl.append("type ").append(n).append(" @model { id: ID! name: String @unique parentId: ID }\n"));
    sdl.append("type Root @model { id: ID! kids: [Files] @hasMany(field: \"parentId\", sortBy: [\"name\"]) "
        + "ups: PathConnection @hasMany(field: \"parentId\") }\n");
    try (GeneratedJava gen = GeneratedJava.inline(sdl.toString(), dir, KeyStrategy.NODE)) {
      for (String n : SHADOWING) {
        assertTrue(gen.type(n).isRecord(), n);
      }
      assertEquals("DataAccess", gen.dataAccessType().getSimpleName());
    }
  }

  @Test
  void theAsyncRepositoriesMirrorTheSynchronousOnesAndTheRendererNamesEveryMethod(@TempDir Path dir) throws Exception {
    try (GeneratedJava gen = GeneratedJava.inline(GeneratedJava.KITCHEN_SINK, dir, KeyStrategy.TYPE)) {
      JavaNames names = new JavaNames(gen.model(), "com.example.gen");
      DataAccessRenderer renderer = new DataAccessRenderer(gen.model(), names);
      int mirrored = 0;
      for (var e : gen.model().entities()) {
        Class<?> sync = gen.type(names.repositoryClass(e.name()).simpleName());
        Class<?> async = gen.type(names.asyncRepositoryClass(e.name()).simpleName());
        java.util.Set<String> syncNames = new java.util.TreeSet<>();
        for (var m : sync.getDeclaredMethods()) {
          if (!Modifier.isPublic(m.getModifiers()) || m.getReturnType() == java.util.stream.Stream.class
              || m.getReturnType() == Iterable.class) {
            continue;
          }
          syncNames.add(m.getName());
          var twin = async.getMethod(m.getName(), m.getParameterTypes());
          assertEquals(java.util.concurrent.CompletableFuture.class, twin.getReturnType(), twin.toString());
          mirrored++;
        }
        java.util.Set<String> asyncNames = new java.util.TreeSet<>();
        for (var m : async.getDeclaredMethods()) {
          if (Modifier.isPublic(m.getModifiers()) && !m.getName().endsWith("ForEach")) {
            asyncNames.add(m.getName());
          }
        }
        assertEquals(syncNames, asyncNames, e.name() + ": the same methods, and forEach for the streams and pages");
      }
      assertTrue(mirrored > 50, "mirrored " + mirrored);
      for (var entry : renderer.methodNames().entrySet()) { // the renderer's names are the synchronous repositories'
        if (entry.getKey().startsWith("repository ")) {
          continue;
        }
        String entity = entry.getKey().substring(entry.getKey().indexOf(' ') + 1).split("\\.")[0];
        Class<?> sync = gen.type(names.repositoryClass(entity).simpleName());
        assertTrue(Arrays.stream(sync.getMethods()).anyMatch(m -> m.getName().equals(entry.getValue())), entry.toString());
      }
    }
  }
}
