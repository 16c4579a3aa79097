package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.Generator;
import io.singletable.diag.SchemaException;
import io.singletable.model.EntityModel;
import io.singletable.model.KeyStrategy;
import io.singletable.model.RelationModel;
import io.singletable.harness.Backend;
import io.singletable.render.java.GeneratedJava;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Type extensions of every kind work like the definitions they extend: fields (a relation and a
 * {@code @unique} field among them), union members used by a relation, interface fields and
 * implementations, enum values, input fields, and operations added to {@code Query}/{@code Mutation}.
 * The schema generates, the deployable schema has one merged definition per type, the Java compiles,
 * and the resolvers serve what the extensions added.
 */
@Tag("simulator")
public class TypeExtensionScenarioTest {
  public static final String SCHEMA = """
      type Farm @model {
        id: ID!
        name: String!
      }

      extend type Farm {
        code: String! @unique
        region: Region
        animals: [Animal] @hasMany(field: "farmId", sortBy: ["name"])
      }

      interface Named {
        name: String!
      }

      extend interface Named {
        farmId: ID!
      }

      type Cow implements Named @model {
        id: ID!
        name: String!
        farmId: ID!
      }

      type Chicken @model {
        id: ID!
        farmId: ID!
      }

      extend type Chicken implements Named {
        name: String!
      }

      type Pig @model {
        id: ID!
        name: String!
        farmId: ID!
      }

      extend type Pig {
        farm: Farm @belongsTo(field: "farmId")
      }

      union Animal = Cow | Chicken

      extend union Animal = Pig

      enum Region { NORTH }

      extend enum Region { SOUTH }

      input NewPig {
        name: String!
      }

      extend input NewPig {
        id: ID
        farmId: ID!
      }

      type Query {
        farm(id: ID!): Farm @get
      }

      extend type Query {
        farmWithCode(code: String!): Farm @get(by: "code")
      }

      type Mutation {
        addPig(input: NewPig!): Pig @create
      }

      extend type Mutation {
        removePig(id: ID!): Pig @delete
      }
      """;

  @Test
  void extensionsOfEveryKindGenerateCompileAndServeRequests(@TempDir Path dir) throws Exception {
    try (GeneratedJava gen = generate(dir)) {
      // the model sees the extended fields, members and operations
      EntityModel farm = gen.model().entity("Farm").orElseThrow();
      assertEquals(List.of("code"), farm.uniques().stream().map(u -> u.field()).toList());
      RelationModel animals = farm.relations().stream().filter(r -> r.field().equals("animals")).findFirst()
          .orElseThrow();
      assertEquals(List.of("Chicken", "Cow", "Pig"), animals.concreteTargets(), "extend union adds Pig to the relation");
      assertTrue(gen.model().entity("Pig").orElseThrow().relations().stream().anyMatch(r -> r.field().equals("farm")));
      List<String> operations = gen.model().operations().stream().map(o -> o.rootType() + "." + o.field()).toList();
      assertTrue(operations.containsAll(List.of("Query.farm", "Query.farmWithCode", "Mutation.addPig",
          "Mutation.removePig")), operations.toString());
      assertFalse(operations.contains("Query.farmByCode"), "the extension's @get(by: \"code\") replaces the default");

      // the deployable schema has one merged definition per type and no extension
      String sdl = Files.readString(dir.resolve("out").resolve(Generator.SCHEMA), StandardCharsets.UTF_8);
      assertFalse(sdl.contains("extend "), sdl);
      assertTrue(sdl.contains("union Animal = Cow | Chicken | Pig\n"), sdl);
      assertTrue(sdl.contains("enum Region {\n  NORTH\n  SOUTH\n}\n"), sdl);
      assertTrue(sdl.contains("input NewPig {\n  name: String!\n  id: ID\n  farmId: ID!\n}\n"), sdl);
      assertTrue(sdl.contains("interface Named {\n  name: String!\n  farmId: ID!\n}\n"), sdl);
      assertTrue(sdl.contains("type Chicken implements Named {\n  id: ID!\n  farmId: ID!\n  name: String!\n}\n"), sdl);
      assertTrue(sdl.contains("  animals(limit: Int, sortDirection: SortDirection): [Animal]\n"), sdl);
      assertTrue(sdl.contains("  farmWithCode(code: String!): Farm\n"), sdl);
      assertTrue(sdl.contains("  addPig(input: NewPig!): Pig\n  removePig(id: ID!): Pig\n"), sdl);
      assertEquals(1, count(sdl, "type Farm "), sdl);
      assertEquals(1, count(sdl, "type Query "), sdl);

      // the Java sees them too (and compiled under -Xlint:all -Werror)
      assertEquals(List.of("id", "name", "code", "region"),
          Arrays.stream(gen.type("Farm").getRecordComponents()).map(c -> c.getName()).toList());
      assertTrue(gen.type("Animal").isAssignableFrom(gen.type("Pig")));
      assertTrue(gen.type("Named").isAssignableFrom(gen.type("Chicken")));
      assertEquals(List.of("NORTH", "SOUTH"),
          Arrays.stream(gen.type("Region").getEnumConstants()).map(Object::toString).toList());

      // and the resolvers serve them: the extended @get, @create, @unique and the relation over the extended union
      try (Backend backend = Backend.start(dir.resolve("out"))) {
        String farmId = backend.graphql("mutation { createFarm(input: {name: \"Hill\", code: \"H1\", region: SOUTH}) "
            + "{ id } }").requireNoErrors().data("/createFarm/id").asText();
        String pig = backend.graphql("mutation($f: ID!) { addPig(input: {name: \"Babe\", farmId: $f}) { id } }",
            Map.of("f", farmId)).requireNoErrors().data("/addPig/id").asText();
        backend.graphql("mutation($f: ID!) { createCow(input: {name: \"Annabelle\", farmId: $f}) { id } }",
            Map.of("f", farmId)).requireNoErrors();
        backend.graphql("mutation($f: ID!) { createChicken(input: {name: \"Clara\", farmId: $f}) { id } }",
            Map.of("f", farmId)).requireNoErrors();
        JsonNode found = backend.graphql("{ farmWithCode(code: \"h1\") { id region animals { "
            + "... on Pig { name farm { code } } ... on Cow { name } ... on Chicken { name } } } }")
            .requireNoErrors().data("/farmWithCode");
        assertEquals(farmId, found.get("id").asText());
        assertEquals("SOUTH", found.get("region").asText());
        List<String> names = new ArrayList<>();
        found.get("animals").forEach(a -> names.add(a.get("name").asText()));
        assertEquals(List.of("Annabelle", "Babe", "Clara"), names, "sorted by name across the extended union");
        assertEquals("H1", found.get("animals").get(1).get("farm").get("code").asText());
        backend.graphql("mutation($p: ID!) { removePig(id: $p) { id } }", Map.of("p", pig)).requireNoErrors();
        assertEquals(2, backend.graphql("{ farm(id: \"" + farmId + "\") { animals { __typename } } }")
            .requireNoErrors().data("/farm/animals").size(), "the @delete added by extend removed the pig");
        var taken = backend.graphql("mutation { createFarm(input: {name: \"Other\", code: \"h1\"}) { id } }");
        assertTrue(taken.hasErrors(), "the @unique field added by extend is enforced: " + taken);
      }
    }
  }

  private static GeneratedJava generate(Path dir) throws java.io.IOException {
    try {
      return GeneratedJava.inline(SCHEMA, dir, KeyStrategy.NODE);
    } catch (SchemaException e) {
      throw new AssertionError(e.formatted(), e);
    }
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
