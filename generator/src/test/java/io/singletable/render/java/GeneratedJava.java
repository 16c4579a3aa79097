package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.TestSchemas;
import io.singletable.model.KeyStrategy;
import io.singletable.model.ServiceModel;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Generates a backend, compiles its Java sources with javac and loads them. */
public final class GeneratedJava implements AutoCloseable {
  /** The schema exercising every Java mapping: unions, interfaces, enums, lists, all scalars, odd names. */
  public static final String KITCHEN_SINK = """
      "An owner of things."
      type Shelf @model {
        id: ID!
        label: String! @unique
        code: Int @unique(ignoreCase: false)
        things: [Thing] @hasMany(field: "shelfId", sortBy: ["rank", "when", "kind"], nulls: FIRST)
        gadgets: GadgetConnection @hasMany(field: "shelfId", sortBy: ["weight", "day", "title"], ignoreCase: false)
        shiny: [Gadget] @hasMany(field: "shelfId", sortBy: ["title"], onlyIf: "shiny")
        stamps: [Stamp] @hasMany(field: "shelfId", sortBy: ["at", "on"])
        createdAt: AWSDateTime
        updatedAt: AWSDateTime
      }
      enum Kind { SMALL LARGE huge }
      enum Color { RED GREEN }
      interface Thing { id: ID! shelfId: ID rank: Int when: AWSDateTime kind: Kind }
      "Gadgets and gizmos."
      type Gadget implements Thing @model {
        id: ID!
        shelfId: ID
        rank: Int
        when: AWSDateTime
        kind: Kind
        title: String
        weight: Float
        day: AWSDate
        shiny: Boolean
        tags: [String!]
        scores: [Int]
        colors: [Color!]!
      }
      type Gizmo implements Thing @model {
        id: ID!
        shelfId: ID
        rank: Int
        when: AWSDateTime
        kind: Kind
        "A field named like a Java keyword. It costs $5 & <more>; */ @see"
        class: String
        hashCode: Int
        email: AWSEmail @unique
        url: AWSURL
        phone: AWSPhone
        ip: AWSIPAddress
        json: AWSJSON
        time: AWSTime
        seconds: AWSTimestamp
        ratio: Float
        flag: Boolean!
        dates: [AWSDate]
        stamps: [AWSTimestamp!]
        floats: [Float]
        flags: [Boolean]
      }
      type Stamp @model {
        id: ID!
        shelfId: ID!
        at: AWSTimestamp
        on: Boolean
      }
      "Names that shadow JDK classes and the generated support classes."
      type Math @model { id: ID! n: Int @unique locale: Locale @unique }
      enum Locale { EN DE }
      type Entity @model { id: ID! label: String @unique }
      "Names that shadow the data-access class's nested types and JDK classes it uses."
      type Page @model { id: ID! n: Int items: [Optional] @hasMany(field: "pageId") }
      type Optional @model { id: ID! pageId: ID page: Page @belongsTo(field: "pageId") thread: Thread @hasOne(field: "threadId") threadId: ID }
      type Thread @model { id: ID! getItem: String @unique }
      union Either = Gadget | Gizmo
      type Holder @model {
        id: ID!
        either: [Either] @hasMany(field: "shelfId")
      }
      """;

  private final Path classes;
  private final URLClassLoader loader;
  private final String packageName;
  private final ServiceModel model;

  private GeneratedJava(Path classes, String packageName, ServiceModel model) throws IOException {
    this.classes = classes;
    this.model = model;
    this.packageName = packageName;
    this.loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratedJava.class.getClassLoader());
  }

  /** Generates a sample into {@code dir}/out and compiles it into {@code dir}/classes. */
  public static GeneratedJava sample(String sample, Path dir) throws IOException {
    var result = new Generator().generate(TestSchemas.sampleOptions(sample, dir.resolve("out")));
    return compile(dir, "io.singletable.samples." + sample, result.model());
  }

  /** Generates an inline schema into {@code dir}/out, with the asynchronous data access, and compiles it. */
  public static GeneratedJava inline(String sdl, Path dir, KeyStrategy keys) throws IOException {
    Path schema = Files.createDirectories(dir).resolve("schema.graphql");
    Files.writeString(schema, sdl);
    var result = new Generator().generate(
        new GeneratorOptions(schema, dir, dir.resolve("out"), "com.example.gen", keys, 20, null).withAsyncDataAccess(true));
    return compile(dir, "com.example.gen", result.model());
  }

  /** Compiles the Java generated into {@code dir}/out into {@code dir}/classes. */
  public static GeneratedJava compile(Path dir, String packageName, ServiceModel model) throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-Xlint:all", "-Werror", "-Xdoclint:all/protected", "-proc:none",
        "--release", "17", "-classpath", classpath(), "-d", classes.toString()));
    try (Stream<Path> files = Files.walk(dir.resolve("out").resolve("java"))) {
      files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(p -> args.add(p.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
    assertTrue(rc == 0, "javac failed for " + dir + ":\n" + diagnostics.toString(StandardCharsets.UTF_8));
    return new GeneratedJava(classes, packageName, model);
  }

  /**
   * The test classpath without DynamoDB Local, whose jar's manifest lists jars that do not exist
   * (javac's {@code -Xlint:path} would warn about each).
   */
  private static String classpath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.contains("DynamoDBLocal"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** A generated class by simple name. */
  public Class<?> type(String simpleName) {
    try {
      return Class.forName(packageName + "." + simpleName, true, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The model the sources were generated from. */
  public ServiceModel model() {
    return model;
  }

  /** Calls a public static method of a generated class whose parameter types fit {@code args} exactly. */
  public Object call(String simpleName, String method, Object... args) {
    return invoke(type(simpleName), null, method, args);
  }

  /**
   * Calls a public instance method of a generated object whose parameter types fit {@code args} exactly; a dotted
   * name ({@code users.get}) first calls the no-argument methods before the last dot.
   */
  public static Object callOn(Object target, String method, Object... args) {
    int dot = method.lastIndexOf('.');
    if (dot > 0) {
      for (String step : method.substring(0, dot).split("\\.")) {
        target = invoke(target.getClass(), target, step);
      }
      method = method.substring(dot + 1);
    }
    return invoke(target.getClass(), target, method, args);
  }

  private static Object invoke(Class<?> type, Object target, String method, Object... args) {
    for (var m : type.getMethods()) {
      if (!m.getName().equals(method) || m.getParameterCount() != args.length) {
        continue;
      }
      boolean fits = true;
      for (int i = 0; i < args.length; i++) {
        Class<?> param = m.getParameterTypes()[i];
        Class<?> boxed = param.isPrimitive() ? java.lang.invoke.MethodType.methodType(param).wrap().returnType() : param;
        fits &= args[i] == null ? !param.isPrimitive() : boxed.isInstance(args[i]);
      }
      if (fits) {
        try {
          return m.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalArgumentException("no method " + type.getSimpleName() + "." + method + " for " + Arrays.toString(args));
  }

  /** The generated class of a schema type (entity, union, interface or enum), by its GraphQL name. */
  public Class<?> schemaType(String graphqlName) {
    return type(JavaNames.typeName(graphqlName));
  }

  /** The data-access class ({@code DataAccess}, or renamed when a schema type takes the name). */
  public Class<?> dataAccessType() {
    return type(new JavaNames(model, packageName).dataAccess);
  }

  /** The item codec class ({@code ItemCodec}, or renamed when a schema type takes the name). */
  public Class<?> codecType() {
    return type(new JavaNames(model, packageName).codec);
  }

  /** The value-encoding support class, the runtime's {@code ItemValues}. */
  public Class<?> valuesType() {
    return type("runtime.ItemValues");
  }

  /**
   * A public method of the data-access layer, by what it serves: {@code "get T"}, {@code "getBy T.field"},
   * {@code "create T"}, {@code "update T"}, {@code "delete T"}, {@code "batchGet T"}, {@code "relation Owner.field"},
   * {@code "stream Owner.field"}, {@code "pages Owner.field"}:
   * {@code "<repository accessor>.<method>"} (e.g. {@code farms.getByName}, with a trailing {@code _} where names
   * collide), which {@link #callOn} follows from the data-access object.
   */
  public String accessMethod(String key) {
    DataAccessRenderer renderer = new DataAccessRenderer(model, new JavaNames(model, packageName));
    String entity = key.substring(key.indexOf(' ') + 1);
    entity = entity.contains(".") ? entity.substring(0, entity.indexOf('.')) : entity;
    return renderer.repositoryAccessor(entity) + "." + renderer.methodName(key);
  }

  /** The codec's unique-key builder of {@code entity.field} (e.g. {@code farmNameUniqueKey}). */
  public String uniqueKeyMethod(String entity, String field) {
    return new JavaNames(model, packageName).uniqueKey(entity, field);
  }

  /** The classes folder. */
  public Path classes() {
    return classes;
  }

  @Override
  public void close() {
    try {
      loader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
