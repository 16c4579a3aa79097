package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.harness.Backend;
import io.singletable.harness.GraphQLResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Three types with different unique fields, sort keys and no uniques at all, updated and deleted
 * through the SAME pipeline functions (ReadItem, UpdateItem, DeleteItem): each behaves as its own
 * type, with its own errors, keys and request counts.
 */
@Tag("simulator")
public class SharedFunctionsScenarioTest {
  /** Shared with the Apache Velocity test of the same functions. */
  public static final String SCHEMA = """
      type Shelf @model {
        id: ID!
        label: String! @unique
        books: [Book] @hasMany(field: "shelfId", sortBy: ["title"])
        gadgets: [Gadget] @hasMany(field: "shelfId", sortBy: ["weight", "added"], nulls: FIRST)
        notes: [Note] @hasMany(field: "shelfId", sortBy: ["rank"])
      }
      type Book @model {
        id: ID!
        isbn: String! @unique(ignoreCase: false)
        title: String
        shelfId: ID
        shelf: Shelf @belongsTo(field: "shelfId")
      }
      type Gadget @model {
        id: ID!
        serial: Float @unique
        weight: Float
        added: AWSDateTime
        shelfId: ID
        shelf: Shelf @belongsTo(field: "shelfId")
      }
      type Note @model {
        id: ID!
        text: String!
        rank: Int
        shelfId: ID
        shelf: Shelf @belongsTo(field: "shelfId")
      }
      """;

  @TempDir
  static Path out;
  static Backend backend;

  @BeforeAll
  static void start() throws Exception {
    Path schema = Files.createDirectories(out.resolve("schema")).resolve("schema.graphql");
    Files.writeString(schema, SCHEMA);
    new Generator().generate(GeneratorOptions.of(schema, out.resolve("gen")));
    backend = Backend.start(out.resolve("gen"));
  }

  @AfterAll
  static void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  private static GraphQLResponse gql(String query, Map<String, Object> vars) {
    return backend.graphql(query, vars);
  }

  private static String create(String type, String fields) {
    return gql("mutation { create" + type + "(input: {" + fields + "}) { id } }", Map.of())
        .requireNoErrors().data("/create" + type + "/id").asText();
  }

  private static Map<String, AttributeValue> node(String id) {
    return backend.scan().stream().filter(i -> i.get("PK").s().equals("NODE#" + id)).findFirst()
        .orElseThrow(() -> new AssertionError("no node " + id));
  }

  private static Set<String> keys() {
    return backend.scan().stream().map(i -> i.get("PK").s()).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The sort key of an index attribute without the id it ends with: what the values encode to. */
  private static String sortValues(Map<String, AttributeValue> item, String attribute) {
    String sk = item.get(attribute).s();
    return sk.substring(0, sk.length() - item.get("id").s().length());
  }

  private static String sortAttribute(Map<String, AttributeValue> item) {
    return item.keySet().stream().filter(k -> k.startsWith("SK")).findFirst().orElseThrow(() -> new AssertionError(item.toString()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyUpdateAndDeleteNamesTheSameFunctions() throws Exception {
    Map<String, Object> template = (Map<String, Object>) new Yaml().load(
        Files.readString(out.resolve("gen").resolve(Generator.TEMPLATE), StandardCharsets.UTF_8));
    Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) template.get("Resources");
    List<Object> read = List.of(Map.of("Fn::GetAtt", List.of("ReadItemFunction", "FunctionId")));
    for (String type : List.of("Shelf", "Book", "Gadget", "Note")) {
      Map<String, Object> update = (Map<String, Object>) resources.get("MutationUpdate" + type + "Resolver").get("Properties");
      assertEquals(List.of(read.get(0), Map.of("Fn::GetAtt", List.of("UpdateItemFunction", "FunctionId"))),
          ((Map<String, Object>) update.get("PipelineConfig")).get("Functions"), type);
      Map<String, Object> delete = (Map<String, Object>) resources.get("MutationDelete" + type + "Resolver").get("Properties");
      if (type.equals("Note")) {
        assertEquals("UNIT", delete.get("Kind"), "a delete without unique fields stays one DeleteItem");
      } else {
        assertEquals(List.of(read.get(0), Map.of("Fn::GetAtt", List.of("DeleteItemFunction", "FunctionId"))),
            ((Map<String, Object>) delete.get("PipelineConfig")).get("Functions"), type);
      }
    }
    long functions = resources.values().stream().filter(r -> "AWS::AppSync::FunctionConfiguration".equals(r.get("Type"))).count();
    assertEquals(3, functions);
  }

  @Test
  void updatesMoveUniqueItemsAndRewriteSortKeysPerType() {
    String shelf = create("Shelf", "label: \"Main\"");
    String book = create("Book", "isbn: \"isbn-A\", title: \"Old\", shelfId: \"" + shelf + "\"");
    String gadget = create("Gadget", "serial: 7, weight: 2.5, shelfId: \"" + shelf + "\"");
    String note = create("Note", "text: \"n\", rank: 3, shelfId: \"" + shelf + "\"");
    // before the updates these sort after the items updated below, after them before
    create("Book", "isbn: \"mid\", title: \"Mid\", shelfId: \"" + shelf + "\"");
    String heavy = create("Gadget", "serial: 100, weight: 1, shelfId: \"" + shelf + "\"");
    String zero = create("Note", "text: \"z\", rank: 0, shelfId: \"" + shelf + "\"");

    assertCost(Map.of("GetItem", 1, "TransactWriteItems", 1), "mutation($id: ID!) { updateBook(input: {id: $id, isbn: \"ISBN-b\", "
        + "title: \"Zeta\"}) { id isbn title } }", Map.of("id", book));
    assertCost(Map.of("GetItem", 1, "TransactWriteItems", 1), "mutation($id: ID!) { updateGadget(input: {id: $id, serial: 1.5E1, "
        + "weight: -0.25, added: \"2024-05-01T10:00:00Z\"}) { id } }", Map.of("id", gadget));
    assertCost(Map.of("GetItem", 1, "PutItem", 1), "mutation($id: ID!) { updateNote(input: {id: $id, rank: -4}) { id } }",
        Map.of("id", note));

    Set<String> keys = keys();
    assertTrue(keys.contains("Book#isbn#ISBN-b") && !keys.contains("Book#isbn#isbn-A"), keys.toString());
    // A Float's unique key is its order-preserving encoding: 7 is 2 501 7, 15 is 2 502 15.
    assertTrue(keys.contains("Gadget#serial#250215") && !keys.contains("Gadget#serial#25017"), keys.toString());

    // The sort keys the shared UpdateItem writes are those the type's own create writes for the same values.
    String twinBook = create("Book", "isbn: \"twin\", title: \"Zeta\", shelfId: \"" + shelf + "\"");
    String twinGadget = create("Gadget", "serial: 99, weight: -0.25, added: \"2024-05-01T10:00:00Z\", shelfId: \"" + shelf + "\"");
    String twinNote = create("Note", "text: \"t\", rank: -4, shelfId: \"" + shelf + "\"");
    for (String[] pair : List.of(new String[] {book, twinBook}, new String[] {gadget, twinGadget}, new String[] {note, twinNote})) {
      var updated = node(pair[0]);
      var created = node(pair[1]);
      String attribute = sortAttribute(updated);
      assertEquals(sortAttribute(created), attribute);
      assertEquals(sortValues(created, attribute), sortValues(updated, attribute), "sort key of " + pair[0]);
    }
    // Each type's unique item holds that type's copy, and the unique key of a Float is its number, however written.
    var taken = gql("mutation { createGadget(input: {serial: 15}) { id } }", Map.of());
    assertEquals("NotUnique:Gadget.serial", taken.firstError().path("errorType").asText(), taken.toString());

    JsonNode lists = gql("query($id: ID!) { getShelf(id: $id) { books { title } gadgets { id } notes { id } } }",
        Map.of("id", shelf)).requireNoErrors().data("/getShelf");
    assertEquals(List.of("Mid", "Zeta", "Zeta"), values(lists.path("books"), "title"));
    assertEquals(List.of(gadget, twinGadget).stream().sorted().toList(), values(lists.path("gadgets"), "id").subList(0, 2));
    assertEquals(heavy, values(lists.path("gadgets"), "id").get(2));
    assertEquals(List.of(note, twinNote).stream().sorted().toList(), values(lists.path("notes"), "id").subList(0, 2));
    assertEquals(zero, values(lists.path("notes"), "id").get(2));
  }

  private static List<String> values(JsonNode list, String field) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  @Test
  void errorsNameTheTypeTheResolverServes() {
    String book = create("Book", "isbn: \"err-1\", title: \"E\"");
    create("Book", "isbn: \"err-2\"");
    String gadget = create("Gadget", "serial: 31");
    create("Gadget", "serial: 32");

    assertError("NotUnique:Book.isbn", "Book.isbn must be unique: another Book has this isbn",
        "mutation($id: ID!) { updateBook(input: {id: $id, isbn: \"err-2\"}) { id } }", book);
    assertError("NotUnique:Gadget.serial", "Gadget.serial must be unique: another Gadget has this serial",
        "mutation($id: ID!) { updateGadget(input: {id: $id, serial: 32.0}) { id } }", gadget);
    // The same ReadItem refuses an item of another type under the id asked for.
    assertError("NotFound", "Gadget not found", "mutation($id: ID!) { updateGadget(input: {id: $id, weight: 1}) { id } }", book);
    assertError("NotFound", "Book not found", "mutation($id: ID!) { updateBook(input: {id: $id, title: \"x\"}) { id } }", gadget);
    assertError("NotFound", "Book not found", "mutation($id: ID!) { deleteBook(id: $id) { id } }", gadget);
    assertError("NotFound", "Gadget not found", "mutation($id: ID!) { deleteGadget(id: $id) { id } }", book);
    assertError("BadRequest", "Book.isbn is non-null and cannot be set to null",
        "mutation($id: ID!) { updateBook(input: {id: $id, isbn: null}) { id } }", book);
    assertError("InvalidId", "Gadget.shelfId: an id may not be empty or contain '#' or control characters",
        "mutation($id: ID!) { updateGadget(input: {id: $id, shelfId: \"a#b\"}) { id } }", gadget);
    assertError("InvalidId", "Book.id: an id may not be empty or contain '#' or control characters",
        "mutation($id: ID!) { deleteBook(id: $id) { id } }", "x#y");
    // Nothing changed: each still holds its own unique value.
    assertEquals("err-1", node(book).get("isbn").s());
    assertEquals("31", node(gadget).get("serial").n());
  }

  @Test
  void deletesRemoveTheNodeAndItsOwnUniqueItemsPerType() {
    String book = create("Book", "isbn: \"del-1\"");
    String gadget = create("Gadget", "serial: 4.75");
    String shelf = create("Shelf", "label: \"Gone\"");
    int before = backend.scan().size();
    assertCost(Map.of("GetItem", 1, "TransactWriteItems", 1), "mutation($id: ID!) { deleteBook(id: $id) { id isbn } }", Map.of("id", book));
    assertCost(Map.of("GetItem", 1, "TransactWriteItems", 1), "mutation($id: ID!) { deleteGadget(id: $id) { id serial } }", Map.of("id", gadget));
    assertCost(Map.of("GetItem", 1, "TransactWriteItems", 1), "mutation($id: ID!) { deleteShelf(id: $id) { id } }", Map.of("id", shelf));
    assertEquals(before - 6, backend.scan().size(), "each node and its one unique item");
    Set<String> keys = keys();
    assertFalse(keys.contains("Book#isbn#del-1") || keys.contains("NODE#" + book) || keys.contains("NODE#" + gadget)
        || keys.contains("Shelf#label#gone"), keys.toString());
    // The values are free again, each for its own type.
    create("Book", "isbn: \"del-1\"");
    create("Gadget", "serial: 4.75");
  }

  private static void assertCost(Map<String, Integer> expected, String query, Map<String, Object> vars) {
    backend.resetCounts();
    gql(query, vars).requireNoErrors();
    assertEquals(expected, backend.requestCounts(), query);
  }

  private static void assertError(String type, String message, String query, String id) {
    var response = gql(query, Map.of("id", id));
    assertEquals(type, response.firstError().path("errorType").asText(), response.toString());
    assertEquals(message, response.firstError().path("message").asText(), response.toString());
  }
}
