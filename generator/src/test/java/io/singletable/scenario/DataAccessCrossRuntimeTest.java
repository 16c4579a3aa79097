package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.harness.Backend;
import io.singletable.model.EntityModel;
import io.singletable.model.KeyStrategy;
import io.singletable.model.OperationKind;
import io.singletable.model.RelationModel;
import io.singletable.render.java.GeneratedJava;
import io.singletable.render.java.RandomSchemaJavaTest;
import io.singletable.render.java.RandomSchemas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated Java data-access class against the generated resolvers (AppSync simulator on
 * DynamoDB Local), driven by the model for every {@code @model} type of the farm and social
 * samples, the kitchen-sink schema and a schema with {@code <Type>#<id>} keys: items written with
 * the same values by either runtime are equal apart from ids and timestamps, each runtime reads,
 * pages and looks up what the other wrote, uniqueness and type checks hold across them, and
 * deletes through either leave nothing behind. See {@link EntityCrossRuntime} for the steps.
 */
@Tag("simulator")
class DataAccessCrossRuntimeTest {
  /** keyStrategy TYPE (so no single relation to a union or interface), declared operations, a sparse union page. */
  static final String LIBRARY = """
      "A library: its code is unique and case-sensitive."
      type Library @model {
        id: ID!
        code: String! @unique(ignoreCase: false)
        city: String
        books: BookConnection @hasMany(field: "libraryId", sortBy: ["genre", "year", "title"], nulls: FIRST)
        loans: [Loan] @hasMany(field: "libraryId", sortBy: ["due", "rating"], ignoreCase: false)
        featured: [Holding] @hasMany(field: "libraryId", sortBy: ["rating"], onlyIf: "visible", nulls: FIRST)
        createdAt: AWSDateTime
        updatedAt: AWSDateTime
      }
      enum Genre { NOVEL POETRY essay }
      union Holding = Book | Loan
      type Book @model {
        id: ID!
        libraryId: ID
        library: Library @belongsTo(field: "libraryId")
        isbn: String @unique
        title: String!
        genre: Genre
        year: Int
        rating: Float
        "Unique as a number: 4 and 4.0 are one value, whichever runtime prints it."
        shelf: Float @unique
        visible: Boolean
        authorIds: [ID!]
        authors: [Author] @belongsTo(field: "authorIds")
        meta: AWSJSON
        updatedAt: AWSDateTime
      }
      type Loan @model(operations: [GET, CREATE, DELETE]) {
        id: ID!
        libraryId: ID
        bookId: ID
        book: Book @hasOne(field: "bookId")
        due: AWSDate
        rating: Float
        visible: Boolean
        tags: [String]
      }
      type Author @model(operations: [CREATE, UPDATE, GET]) {
        id: ID!
        name: String! @unique
        born: AWSTimestamp
        createdAt: AWSDateTime
      }
      type Query {
        libraryByCode(code: String!): Library @get(by: "code")
        book(id: ID!): Book @get
      }
      type Mutation {
        addAuthor(input: NewAuthor!): Author @create
        returnLoan(id: ID!): Loan @delete
      }
      input NewAuthor { id: ID name: String! born: AWSTimestamp }
      """;

  /**
   * The odd-names schema of the Java tests without its fields {@code toString} and {@code getClass}:
   * the simulator runs VTL in JavaScript, where every object has a {@code toString}, and answers
   * "[object Object]" for such a field (AppSync's Velocity runs on the JVM, whose maps have no such
   * clash); the Java side of those names is tested by {@link RandomSchemaJavaTest}.
   */
  static final String ODD_NAMES = RandomSchemaJavaTest.ODD_NAMES.replace("  toString: String\n", "")
      .replace("  getClass: Int\n", "");

  private interface Generate {
    GeneratedJava into(Path dir) throws Exception;
  }

  private record Schema(String label, Generate generate) {}

  private static final List<Schema> SCHEMAS = List.of(
      new Schema("farm", d -> GeneratedJava.sample("farm", d)),
      new Schema("social", d -> GeneratedJava.sample("social", d)),
      new Schema("kitchen sink (NODE keys)", d -> GeneratedJava.inline(GeneratedJava.KITCHEN_SINK, d, KeyStrategy.NODE)),
      new Schema("library (TYPE keys)", d -> GeneratedJava.inline(LIBRARY, d, KeyStrategy.TYPE)),
      new Schema("odd names (TYPE keys)", d -> GeneratedJava.inline(ODD_NAMES, d, KeyStrategy.TYPE)),
      new Schema("random seed 6", d -> GeneratedJava.inline(RandomSchemas.sdl(6), d, KeyStrategy.NODE)),
      new Schema("random seed 7", d -> GeneratedJava.inline(RandomSchemas.sdl(7), d, KeyStrategy.NODE)));

  @TempDir
  static Path dir;
  static ExecutorService starter;
  static final Map<String, CompletableFuture<CrossRuntimeBackend>> BACKENDS = new LinkedHashMap<>();

  /**
   * Generates, compiles and starts the backends, two at a time (each takes seconds), so that the
   * scenarios of the first ones run while the last ones start.
   */
  @BeforeAll
  static void start() {
    starter = Executors.newFixedThreadPool(2);
    for (Schema s : SCHEMAS) {
      BACKENDS.put(s.label(), CompletableFuture.supplyAsync(() -> start(s), starter));
    }
  }

  private static CrossRuntimeBackend start(Schema schema) {
    Path folder = dir.resolve(schema.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
    GeneratedJava java;
    try {
      java = schema.generate().into(folder);
    } catch (Exception e) {
      throw new CompletionException(e);
    }
    try {
      return new CrossRuntimeBackend(schema.label(), java, Backend.start(folder.resolve("out")));
    } catch (RuntimeException e) {
      java.close();
      throw e;
    }
  }

  @AfterAll
  static void stop() {
    starter.shutdown();
    for (CompletableFuture<CrossRuntimeBackend> backend : BACKENDS.values()) {
      try {
        backend.join().close();
      } catch (CompletionException e) {
        // a backend that did not start failed its scenarios already
      }
    }
  }

  @TestFactory
  Stream<DynamicNode> eachModelTypeIsWrittenAndReadInterchangeablyByTheResolversAndTheJavaLayer() {
    return BACKENDS.entrySet().stream().map(b -> DynamicContainer.dynamicContainer(b.getKey(),
        Stream.of(b.getValue()).flatMap(started -> scenarios(started.join()))));
  }

  private static Stream<DynamicNode> scenarios(CrossRuntimeBackend rt) {
    List<EntityModel> creatable = rt.model().entities().stream()
        .filter(e -> rt.operation(e.name(), OperationKind.CREATE).isPresent()).toList();
    return Stream.concat(
        creatable.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> new EntityCrossRuntime(rt, e).run())),
        Stream.of(
            DynamicTest.dynamicTest("every relation was read through both runtimes", () -> assertCoverage(rt)),
            DynamicTest.dynamicTest("an exact re-create of an item is answered alike", () -> assertExactRecreates(rt, creatable))));
  }

  /**
   * Creating an item again with the same id and the same values: one answer per runtime, for every
   * type (a type whose items keep changing, e.g. by their timestamps, never meets the case).
   */
  private static void assertExactRecreates(CrossRuntimeBackend rt, List<EntityModel> types) {
    List<String> differences = new ArrayList<>();
    for (EntityModel e : types) {
      String difference = new RefusalChecks(rt, e, new EntityChanges(rt, e, new RelationReads(rt, e))).exactRecreate();
      if (difference != null) {
        differences.add(difference);
      }
    }
    assertEquals(List.of(), differences, rt.label() + ": a create repeating an existing item (same id and values)"
        + " is refused by one runtime and accepted by the other");
  }

  /** Every relation was read through Java, and through GraphQL wherever its owner has a get operation. */
  private static void assertCoverage(CrossRuntimeBackend rt) {
    List<String> missing = new ArrayList<>();
    for (RelationModel r : rt.model().relations()) {
      if (r.list() || r.manyToMany()) {
        continue; // ListScenarioTest, ListDataAccessTest; ManyToMany*ScenarioTest (both runtimes, byte for byte)
      }
      if (!rt.coverage().containsKey("java:" + r.id())) {
        missing.add("java:" + r.id());
      }
      if (rt.operation(r.owner(), OperationKind.GET).isPresent() && !rt.coverage().containsKey("graphql:" + r.id())) {
        missing.add("graphql:" + r.id());
      }
    }
    assertEquals(List.of(), missing, rt.label() + ": relations never read, of " + rt.coverage());
    List<String> tested = rt.model().entities().stream().map(EntityModel::name)
        .filter(n -> rt.operation(n, OperationKind.CREATE).isPresent()).toList();
    assertTrue(tested.size() >= 3, rt.label() + ": entities tested " + tested);
  }
}
