package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.TestSchemas;
import io.singletable.harness.Backend;
import io.singletable.harness.GraphQLResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Unique values under concurrency and churn: never duplicated, never orphaned, never missing, copies in sync. */
@Tag("simulator")
class UniqueIntegrityScenarioTest {
  private static final String SEP = "\u0001";
  @TempDir
  static Path out;
  static Backend backend;

  @BeforeAll
  static void start() throws Exception {
    new Generator().generate(TestSchemas.sampleOptions("farm", out));
    backend = Backend.start(out);
  }

  @AfterAll
  static void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void concurrentCreatesOfOneNameDifferingInCaseLetExactlyOneWin() throws Exception {
    int n = 12;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Callable<GraphQLResponse>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = i % 2 == 0 ? "Race Farm" : "RACE farm";
        calls.add(() -> backend.graphql("mutation($n: String!) { createFarm(input: {name: $n}) { id } }",
            Map.of("n", name)));
      }
      int ok = 0;
      for (Future<GraphQLResponse> f : pool.invokeAll(calls)) {
        GraphQLResponse r = f.get();
        if (!r.hasErrors()) {
          ok++;
        } else {
          assertEquals("NotUnique:Farm.name", r.firstError().path("errorType").asText(), r.toString());
        }
      }
      assertEquals(1, ok);
    } finally {
      pool.shutdownNow();
    }
    long nodes = backend.scan().stream().filter(i -> "Farm".equals(s(i, "__typename")) && s(i, "PK").startsWith("NODE#")
        && "race farm".equalsIgnoreCase(s(i, "name"))).count();
    assertEquals(1, nodes);
  }

  @Test
  void afterChurnEveryUniqueAndIndexAttributeIsWhatAFreshCreateWouldWrite() {
    Random random = new Random(42);
    List<String> names = List.of("Alpha", "alpha", "Beta", "GAMMA", "gamma", "Delta", "Epsilon", "zeta");
    List<String> farms = new ArrayList<>();
    List<String> cows = new ArrayList<>();
    for (int step = 0; step < 150; step++) {
      int action = random.nextInt(10);
      String name = names.get(random.nextInt(names.size())) + random.nextInt(3);
      if (action < 3 || farms.isEmpty()) {
        GraphQLResponse r = backend.graphql("mutation($n: String!) { createFarm(input: {name: $n}) { id } }",
            Map.of("n", name));
        if (!r.hasErrors()) {
          farms.add(r.data("/createFarm/id").asText());
        }
      } else if (action < 6) {
        String id = farms.get(random.nextInt(farms.size()));
        backend.graphql("mutation($id: ID!, $n: String) { updateFarm(input: {id: $id, name: $n}) { id } }",
            Map.of("id", id, "n", name));
      } else if (action < 7) {
        String id = farms.remove(random.nextInt(farms.size()));
        backend.graphql("mutation($id: ID!) { deleteFarm(id: $id) { id } }", Map.of("id", id)).requireNoErrors();
      } else if (action < 9) {
        String farm = farms.get(random.nextInt(farms.size()));
        GraphQLResponse r = backend.graphql("mutation($f: ID!, $n: String!) { createCow(input: {farmId: $f, name: $n}) "
            + "{ id } }", Map.of("f", farm, "n", name));
        cows.add(r.requireNoErrors().data("/createCow/id").asText());
      } else if (!cows.isEmpty()) {
        String cow = cows.get(random.nextInt(cows.size()));
        String farm = farms.get(random.nextInt(farms.size()));
        Map<String, Object> vars = new HashMap<>(Map.of("id", cow, "f", farm));
        String mutation = random.nextBoolean()
            ? "mutation($id: ID!, $f: ID) { updateCow(input: {id: $id, farmId: $f}) { id } }"
            : "mutation($id: ID!, $n: String) { updateCow(input: {id: $id, name: $n}) { id } }";
        if (mutation.contains("$n")) {
          vars.remove("f");
          vars.put("n", name);
        }
        backend.graphql(mutation, vars).requireNoErrors();
      }
    }
    assertIntegrity();
  }

  private static void assertIntegrity() {
    List<Map<String, AttributeValue>> all = backend.scan();
    Map<String, Map<String, AttributeValue>> farmNodes = new HashMap<>();
    Map<String, Map<String, AttributeValue>> uniqueItems = new HashMap<>();
    for (Map<String, AttributeValue> item : all) {
      String pk = s(item, "PK");
      if (pk.startsWith("NODE#") && "Farm".equals(s(item, "__typename"))) {
        farmNodes.put(s(item, "id"), item);
      } else if (pk.startsWith("Farm#name#")) {
        uniqueItems.put(pk, item);
      } else if (pk.startsWith("NODE#") && "Cow".equals(s(item, "__typename"))) {
        String id = s(item, "id");
        assertEquals("Cow#" + s(item, "farmId"), s(item, "PK02"), id);
        assertEquals("Animal#" + s(item, "farmId"), s(item, "PK01"), id);
        String sk = "1" + s(item, "name").toLowerCase(Locale.ROOT) + SEP + id;
        assertEquals(sk, s(item, "SK02"), id);
        assertEquals(sk, s(item, "SK01"), id);
      }
    }
    assertEquals(farmNodes.size(), uniqueItems.size(), "one unique item per farm: no orphans, none missing");
    for (Map<String, AttributeValue> node : farmNodes.values()) {
      String key = "Farm#name#" + s(node, "name").toLowerCase(Locale.ROOT);
      Map<String, AttributeValue> unique = uniqueItems.get(key);
      assertNotNull(unique, "missing unique item " + key);
      Map<String, AttributeValue> expected = new HashMap<>(node);
      expected.remove("PK");
      // the node's index attributes (Query.farms lists it) stay off the copy: no list returns a unique item
      assertEquals("Farm", s(expected, "PK01"), key);
      assertEquals("1" + s(node, "name").toLowerCase(Locale.ROOT) + SEP + s(node, "id"), s(expected, "SK01"), key);
      expected.remove("PK01");
      expected.remove("SK01");
      Map<String, AttributeValue> actual = new HashMap<>(unique);
      actual.remove("PK");
      assertEquals(expected, actual, "unique item copies its node: " + key);
    }
    assertTrue(farmNodes.size() > 3, "the churn kept some farms: " + farmNodes.size());
  }

  private static String s(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }
}
