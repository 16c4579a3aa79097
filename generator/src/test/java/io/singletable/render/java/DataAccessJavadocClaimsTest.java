package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.TestSchemas;
import io.singletable.model.EntityModel;
import io.singletable.model.FieldModel;
import io.singletable.model.KeyStrategy;
import io.singletable.model.RelationKind;
import io.singletable.model.RelationModel;
import io.singletable.model.RelationShape;
import io.singletable.model.ServiceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated Javadoc claims nothing a type's shape does not have: per repository method and type, each
 * {@code @throws X} is one the method can throw for that type (a table over the model: unique fields, timestamps,
 * relation key fields, {@code Float} fields), the fields an {@code InvalidIdException} names are the type's id and
 * relation key fields, {@code createdAt}/{@code updatedAt} are named only by types that have them (repository
 * methods and records alike), and a repeated create is promised to succeed only where it does (types without
 * unique fields; with them it fails as the resolver's create does).
 */
class DataAccessJavadocClaimsTest {
  /** Shapes the samples and the kitchen sink leave out: one timestamp only, with and without unique fields. */
  private static final String STAMPS = """
      type Note @model { id: ID! text: String createdAt: AWSDateTime }
      type Tag @model { id: ID! label: String! @unique updatedAt: AWSDateTime weight: Float @unique }
      type Pin @model { id: ID! noteId: ID! note: Note @belongsTo(field: "noteId") updatedAt: AWSDateTime }
      """;

  private static final Pattern METHOD = Pattern.compile(
      "  /\\*\\*\\n((?:   \\*.*\\n)+)   \\*/\\n  public (?:static )?(?:<\\w+> )?[\\w.<>, ?]+ (\\w+)\\(([^)]*)\\) \\{");
  private static final Pattern THROWS = Pattern.compile("@throws (\\w+)([^@]*)");

  @ParameterizedTest
  @ValueSource(strings = {"farm", "social", "kitchen-sink", "stamps"})
  void everyThrowsClauseAndTimestampTheJavadocNamesHoldsForTheType(String schema, @TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    ServiceModel model;
    String packageName;
    if (schema.equals("farm") || schema.equals("social")) {
      model = new Generator().generate(TestSchemas.sampleOptions(schema, out)).model();
      packageName = "io.singletable.samples." + schema;
    } else {
      Path file = Files.createDirectories(dir).resolve("schema.graphql");
      Files.writeString(file, schema.equals("stamps") ? STAMPS : GeneratedJava.KITCHEN_SINK);
      packageName = "com.example.gen";
      model = new Generator().generate(new GeneratorOptions(file, dir, out, packageName, KeyStrategy.TYPE, 20, null)).model();
    }
    JavaNames names = new JavaNames(model, packageName);
    DataAccessRenderer renderer = new DataAccessRenderer(model, names);
    Path sources = out.resolve("java").resolve(packageName.replace('.', '/'));
    List<String> wrong = new ArrayList<>();
    int methods = 0;
    for (EntityModel e : model.entities()) {
      String repository = Files.readString(sources.resolve(names.repositoryClass(e.name()).simpleName() + ".java"));
      Matcher m = METHOD.matcher(repository);
      Set<String> seen = new HashSet<>();
      while (m.find()) {
        String doc = m.group(1).replaceAll("(?m)^   \\* ?", "");
        String method = m.group(2);
        boolean byValue = !m.group(3).startsWith("String ") && !m.group(3).startsWith("java.lang.String ");
        String kind = kind(renderer, e, method);
        boolean navigation = kind.startsWith("relation ") || kind.startsWith("stream ") || kind.startsWith("pages ");
        boolean list = kind.contains(" Query."); // a @list: its arguments are values, never an owner
        seen.add(kind + (byValue && navigation && !list ? " by value" : ""));
        methods++;
        Set<String> reachable = reachable(model, renderer, e, kind, byValue);
        Matcher t = THROWS.matcher(doc);
        while (t.find()) {
          if (!reachable.contains(t.group(1))) {
            wrong.add(e.name() + "." + method + " (" + kind + "): @throws " + t.group(1) + " cannot happen for this type");
          }
          if (t.group(1).equals("InvalidIdException")) {
            Set<String> named = codes(t.group(2));
            Set<String> allowed = new HashSet<>(renderer.relationKeyFields(e).stream().map(FieldModel::name).toList());
            allowed.add("id");
            allowed.add("#");
            if (!allowed.containsAll(named)) {
              wrong.add(e.name() + "." + method + ": InvalidIdException names " + named + ", the type's id fields are " + allowed);
            }
          }
        }
        if (!kind.startsWith("relation")) {
          for (String stamp : List.of("createdAt", "updatedAt")) {
            boolean has = e.field(stamp).map(FieldModel::automaticTimestamp).orElse(false);
            if (!has && doc.contains("{@code " + stamp + "}")) {
              wrong.add(e.name() + "." + method + ": names {@code " + stamp + "}, which " + e.name() + " does not have");
            }
          }
        }
        if (kind.startsWith("create ")) {
          boolean promised = doc.contains("succeeds");
          if (promised != e.uniques().isEmpty()) {
            wrong.add(e.name() + "." + method + ": a repeated create " + (promised ? "promised to succeed" : "not said to succeed")
                + ", but with" + (e.uniques().isEmpty() ? "out" : "") + " unique fields it "
                + (e.uniques().isEmpty() ? "succeeds" : "fails as the resolver's does"));
          }
        }
      }
      Set<String> expected = new TreeSet<>();
      for (String k : List.of("get", "create", "update", "delete", "batchGet", "createAll")) {
        expected.add(k + " " + e.name());
      }
      DataAccessRenderer.incrementable(model, e).forEach(f -> expected.add("increment " + e.name() + "." + f.name()));
      e.uniques().forEach(u -> expected.add("getBy " + e.name() + "." + u.field()));
      for (RelationModel r : e.relations()) {
        expected.add("relation " + r.id());
        if (r.kind() == RelationKind.HAS_MANY || r.manyToMany()) {
          expected.add("relation " + r.id() + " by value");
          for (String lazy : List.of("stream ", "pages ")) { // a Stream of items, an Iterable of pages
            expected.add(lazy + r.id());
            expected.add(lazy + r.id() + " by value");
          }
        } else {
          expected.add("relation " + r.id() + " by value");
          expected.remove("relation " + r.id());
        }
      }
      for (io.singletable.model.ManyToManyModel link : model.manyToMany()) {
        if (link.aType().equals(e.name())) { // connect and disconnect, on side a's repository
          expected.add("link " + link.name());
          expected.add("unlink " + link.name());
        }
      }
      for (RelationModel r : model.lists()) {
        if (renderer.listTarget(r.id()).equals(e.name())) {
          List.of("relation ", "stream ", "pages ").forEach(k -> expected.add(k + r.id()));
        }
      }
      assertEquals(expected, new TreeSet<>(seen), e.name() + ": every public method was read");
      String record = Files.readString(sources.resolve(names.type(e.name()).simpleName() + ".java"));
      for (String stamp : List.of("createdAt", "updatedAt")) {
        if (e.field(stamp).isEmpty() && record.contains(stamp)) {
          wrong.add(e.name() + " record: names " + stamp + ", which it does not have");
        }
      }
    }
    assertTrue(methods >= model.entities().size() * 5, "methods read: " + methods);
    assertEquals(List.of(), wrong);
  }

  /** What a public method of {@code e}'s repository serves, by the renderer's names ({@code create Farm}, …). */
  private static String kind(DataAccessRenderer renderer, EntityModel e, String method) {
    for (Map.Entry<String, String> k : renderer.methodNames().entrySet()) {
      String key = k.getKey();
      String subject = key.substring(key.indexOf(' ') + 1);
      String entity = subject.contains(".") ? subject.substring(0, subject.indexOf('.')) : subject;
      if (entity.equals("Query")) { // a @list's methods are on the repository of the type it lists
        entity = renderer.listTarget(subject);
      }
      if (key.startsWith("link ") || key.startsWith("unlink ")) { // on the repository of the relation's side a
        entity = renderer.linkOwner(subject);
      }
      if (k.getValue().equals(method) && entity.equals(e.name()) && !key.startsWith("repository ")) {
        return key;
      }
    }
    throw new AssertionError("unknown method " + e.name() + "." + method);
  }

  /**
   * The exceptions a method can throw for the type's shape: what the generated code and the runtime throw on that
   * path (see DataAccessRenderer and TableAccess).
   */
  private static Set<String> reachable(ServiceModel model, DataAccessRenderer renderer, EntityModel e, String kind,
      boolean byValue) {
    Set<String> out = new LinkedHashSet<>(List.of("NullPointerException", "ValidationErrorException"));
    boolean uniques = !e.uniques().isEmpty();
    boolean floats = e.storedFields().stream().anyMatch(f -> f.type().name().equals("Float"));
    String what = kind.substring(0, kind.indexOf(' '));
    if (e.versioned() && (what.equals("update") || what.equals("delete"))) {
      out.add("VersionConflictException"); // the overload taking the expected version
    }
    switch (what) {
      case "get" -> out.add("InvalidIdException");
      case "getBy" -> {
        String field = kind.substring(kind.indexOf('.') + 1);
        if (e.field(field).orElseThrow().type().name().equals("Float")) {
          out.add("IllegalArgumentException"); // NaN or infinite has no key
        }
      }
      case "create" -> {
        out.addAll(List.of("InvalidIdException", "NotUniqueException", "TransactionConflictException"));
        if (floats) {
          out.add("IllegalArgumentException");
        }
      }
      case "update" -> {
        out.addAll(List.of("InvalidIdException", "IllegalArgumentException", "NotFoundException", "ConflictException",
            "TransactionConflictException", "DataAccessException"));
        if (uniques) {
          out.add("NotUniqueException"); // only a unique value can be taken by another item
        }
      }
      case "delete" -> {
        out.addAll(List.of("InvalidIdException", "NotFoundException", "TransactionConflictException", "DataAccessException"));
        boolean links = e.relations().stream().anyMatch(RelationModel::manyToMany);
        if (uniques || links) { // a read then a conditioned transaction; without either one conditioned delete
          out.add("ConflictException");
        }
      }
      case "batchGet" -> out.add("DataAccessException");
      case "createAll" -> {
        out.addAll(List.of("InvalidIdException", "NotUniqueException", "TransactionConflictException",
            "IllegalStateException", "IllegalArgumentException"));
      }
      case "increment" -> {
        out.addAll(List.of("InvalidIdException", "NotFoundException", "TransactionConflictException", "DataAccessException"));
        String field = kind.substring(kind.indexOf('.') + 1);
        if (e.field(field).orElseThrow().type().name().equals("Float")) {
          out.add("IllegalArgumentException"); // a NaN or infinite delta
        }
      }
      case "relation" -> {
        RelationModel r = model.relations().stream().filter(x -> kind.equals("relation " + x.id())).findFirst().orElseThrow();
        if (r.kind() == RelationKind.HAS_MANY) {
          out.add("IllegalArgumentException"); // a nextToken that is not one
          out.add("InvalidIdException"); // the id given, or the entity's
        } else if (r.manyToMany()) {
          out.add("IllegalArgumentException"); // a nextToken that is not one
          out.add("InvalidIdException"); // the id given, or the entity's
          out.add("DataAccessException"); // keys the BatchGetItem left unprocessed
        } else if (r.list()) {
          out.add("IllegalArgumentException"); // a nextToken that is not one, a refused range
        } else if (r.shape() == RelationShape.LIST) {
          out.add("DataAccessException");
        }
      }
      case "link" -> {
        out.addAll(List.of("InvalidIdException", "NotFoundException", "TransactionConflictException",
            "DataAccessException"));
        io.singletable.model.ManyToManyModel m = model.manyToMany().stream()
            .filter(x -> kind.equals("link " + x.name())).findFirst().orElseThrow();
        if (!m.a().sortBy().isEmpty() || !m.b().sortBy().isEmpty()) {
          out.add("ConflictException"); // a sorted link reads both items, then writes conditioned on them
        }
      }
      case "unlink" -> out.addAll(List.of("InvalidIdException", "TransactionConflictException", "DataAccessException"));
      case "stream", "pages" -> {
        out.add("IllegalArgumentException"); // a nextToken that is not one, a refused range
        out.add("InvalidIdException"); // the id given, or the entity's
      }
      default -> throw new AssertionError(kind);
    }
    return out;
  }

  /** The {@code {@code x}} names of a text. */
  private static Set<String> codes(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = Pattern.compile("\\{@code ([^}]+)}").matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
