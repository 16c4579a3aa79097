package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.harness.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema whose types and fields are named like Velocity directives ({@code end}, {@code else},
 * {@code stop}, {@code break}…), with an interface relation and declared operations under the
 * author's own names: the generated resolvers must run, not only parse.
 */
@Tag("simulator")
class DirectiveNamesScenarioTest {
  static final String SCHEMA = """
      interface Node { id: ID! }
      type End implements Node @model {
        id: ID!
        end: String! @unique
        else: Int
        stop: String
        break: Boolean
        parentId: ID
        parent: Stop @belongsTo(field: "parentId")
      }
      type Stop implements Node @model(operations: [GET, CREATE]) {
        id: ID!
        stop: String @unique(ignoreCase: false)
        ends: [End] @hasMany(field: "parentId", sortBy: ["else", "end"], nulls: FIRST, onlyIf: "break")
        everything: NodeConnection @hasMany(field: "parentId", sortBy: ["stop"])
        parentId: ID
      }
      type Query {
        byEnd(end: String!): End @get(by: "end")
        stopByStop(stop: String!): Stop @get(by: "stop")
      }
      type Mutation {
        foreach(input: NewEnd!): End @create
        set(input: ChangeEnd!): End @update
        evaluate(id: ID!): End @delete
      }
      input NewEnd { end: String! else: Int stop: String break: Boolean parentId: ID }
      input ChangeEnd { id: ID! end: String else: Int stop: String break: Boolean parentId: ID }
      """;

  @Test
  void resolversRunWhateverTheNames(@TempDir Path dir) throws Exception {
    Path schema = dir.resolve("schema.graphql");
    Files.writeString(schema, SCHEMA);
    Path out = dir.resolve("out");
    new Generator().generate(GeneratorOptions.of(schema, out));
    try (Backend backend = Backend.start(out)) {
      String stop = backend.graphql("mutation { createStop(input: {stop: \"Halt\"}) { id } }")
          .requireNoErrors().data("/createStop/id").asText();
      List<String> ids = new ArrayList<>();
      Object[][] rows = {{"b", 2, true}, {"a", 2, true}, {"c", null, true}, {"d", -1, false}};
      for (Object[] row : rows) {
        Map<String, Object> input = new java.util.HashMap<>();
        input.put("end", row[0]);
        input.put("else", row[1]);
        input.put("break", row[2]);
        input.put("parentId", stop);
        ids.add(backend.graphql("mutation($i: NewEnd!) { foreach(input: $i) { id end } }", Map.of("i", input))
            .requireNoErrors().data("/foreach/id").asText());
      }
      JsonNode s = backend.graphql("query($id: ID!) { getStop(id: $id) { ends { end } everything { items { id } } } }",
          Map.of("id", stop)).requireNoErrors().data("/getStop");
      List<String> ends = new ArrayList<>();
      s.path("ends").forEach(n -> ends.add(n.path("end").asText()));
      assertEquals(List.of("c", "a", "b"), ends, "nulls first, then by else, then by end; only break = true");
      assertEquals(4, s.path("everything").path("items").size(), "the interface relation holds every End");
      assertEquals(ids.get(1), backend.graphql("query { byEnd(end: \"A\") { id } }").requireNoErrors()
          .data("/byEnd/id").asText());
      assertTrue(backend.graphql("query { stopByStop(stop: \"halt\") { id } }").requireNoErrors()
          .data("/stopByStop").isNull(), "ignoreCase: false");
      backend.graphql("mutation($id: ID!) { set(input: {id: $id, break: true, else: 0}) { id } }",
          Map.of("id", ids.get(3))).requireNoErrors();
      JsonNode after = backend.graphql("query($id: ID!) { getStop(id: $id) { ends { end } } }", Map.of("id", stop))
          .requireNoErrors().data("/getStop/ends");
      assertEquals(4, after.size());
      assertEquals("d", after.get(1).path("end").asText());
      assertEquals("a", backend.graphql("mutation($id: ID!) { evaluate(id: $id) { end } }", Map.of("id", ids.get(1)))
          .requireNoErrors().data("/evaluate/end").asText());
      assertTrue(backend.graphql("query { byEnd(end: \"a\") { id } }").requireNoErrors().data("/byEnd").isNull());
    }
  }
}
