package io.singletable.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.singletable.model.EntityModel;
import io.singletable.model.OperationKind;
import io.singletable.model.OperationModel;
import io.singletable.model.RelationKind;
import io.singletable.model.RelationModel;
import io.singletable.model.RelationShape;
import io.singletable.model.SortField;
import io.singletable.render.java.GeneratedJava;
import io.singletable.render.java.SampleValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The relations of one entity under test, read through both runtimes: the {@code @hasMany} pages
 * it belongs to and those it just left (in both directions), its own {@code @belongsTo}/
 * {@code @hasOne} fields, and those of other types pointing at it. Provides the helper items its
 * key fields refer to, taking each possible parent or target type in turn, so that GraphQL can
 * reach every relation from an existing parent.
 */
final class RelationReads {
  /** An item under test with the values it must have (automatic timestamps as stored). */
  record Side(String id, Map<String, Object> values) {}

  private final CrossRuntimeBackend rt;
  private final EntityModel e;
  private final List<RelationModel> incoming;
  private final List<RelationModel> outgoing;
  private final List<RelationModel> referencing;
  /** Key field → the types its values may name: the owners of the pages, then the targets of the relations. */
  private final Map<String, List<String>> helperTypes = new LinkedHashMap<>();
  private final Map<Integer, Map<String, Object>> keyValues = new HashMap<>();
  private final Map<String, String> typeOf = new HashMap<>();
  /** Key field → the ids the items under test held in it at the last read: the pages they left. */
  private final Map<String, Set<String>> lastParents = new HashMap<>();
  /** Items of other types pointing at A and B: relation id → [points at A, points at B]. */
  private final Map<String, List<String>> pointers = new LinkedHashMap<>();

  RelationReads(CrossRuntimeBackend rt, EntityModel e) {
    this.rt = rt;
    this.e = e;
    // @list Query fields are read by ListScenarioTest, ListDataAccessTest and the samples' tests, not here; @manyToMany
    // relations by ManyToManyScenarioTest and ManyToManySortedScenarioTest, through both runtimes
    this.incoming = rt.model().relationsTargeting(e.name()).stream().filter(r -> !r.list()).toList();
    this.outgoing = e.relations().stream().filter(r -> r.kind() != RelationKind.HAS_MANY && !r.manyToMany()).toList();
    this.referencing = rt.model().relations().stream()
        .filter(r -> !r.indexed() && !r.manyToMany() && r.concreteTargets().contains(e.name())).toList();
    incoming.forEach(r -> addHelperType(r.keyField(), r.owner()));
    outgoing.forEach(r -> addHelperType(r.keyField(), r.concreteTargets().get(0)));
  }

  private void addHelperType(String keyField, String type) {
    List<String> types = helperTypes.computeIfAbsent(keyField, k -> new ArrayList<>());
    if (!types.contains(type)) {
      types.add(type);
    }
  }

  /** The fields of the entity that hold related ids. */
  List<String> keyFields() {
    return List.copyOf(helperTypes.keySet());
  }

  /** The fields that decide membership and order in the pages the entity belongs to. */
  List<String> pageFields() {
    List<String> out = new ArrayList<>();
    for (RelationModel r : incoming) {
      r.sortBy().forEach(s -> out.add(s.field()));
      if (r.onlyIf() != null) {
        out.add(r.onlyIf());
      }
    }
    return out;
  }

  /** The value of every key field in {@code round}: ids of new items (Java-written) of the round's type, two for a list. */
  Map<String, Object> keyValues(int round) {
    return keyValues.computeIfAbsent(round, r -> {
      Map<String, Object> out = new LinkedHashMap<>();
      helperTypes.forEach((k, types) -> {
        String type = types.get(r % types.size());
        out.put(k, e.field(k).orElseThrow().type().list() ? List.of(helper(type), helper(type)) : helper(type));
      });
      return out;
    });
  }

  private String helper(String type) {
    String id = rt.createHelper(type, Map.of());
    typeOf.put(id, type);
    return id;
  }

  /** Creates, through the Java layer, an item of each referencing type pointing at {@code a} and one at {@code b}. */
  void pointAt(String a, String b) {
    for (RelationModel r : referencing) {
      boolean list = rt.entity(r.owner()).field(r.keyField()).orElseThrow().type().list();
      List<String> ids = new ArrayList<>();
      for (String target : List.of(a, b)) {
        ids.add(rt.createHelper(r.owner(), Map.of(r.keyField(), list ? List.of(target) : target)));
      }
      pointers.put(r.id(), ids);
    }
  }

  /** Reads every relation of both items through Java now and through GraphQL when {@code batch} runs. */
  void verify(Side a, Side b, String when, GraphQLBatch batch) {
    Map<String, Set<String>> current = new HashMap<>();
    for (String k : keyFields()) {
      for (Side s : List.of(a, b)) {
        if (s.values().get(k) instanceof String parent) {
          current.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(parent);
        }
      }
    }
    for (RelationModel r : incoming) {
      Set<String> pages = new LinkedHashSet<>(lastParents.getOrDefault(r.keyField(), Set.of()));
      pages.addAll(current.getOrDefault(r.keyField(), Set.of()));
      for (String parent : pages) {
        verifyPage(r, parent, members(r, parent, a, b), when, batch);
      }
    }
    for (RelationModel r : outgoing) {
      for (Side s : List.of(a, b)) {
        verifyOutgoing(r, s, when, batch);
      }
    }
    for (RelationModel r : referencing) {
      verifyReferencing(r, a.id(), b.id(), false, when, batch);
    }
    lastParents.clear();
    lastParents.putAll(current);
  }

  /** After both items were deleted: no page lists them, no relation finds them. */
  void verifyGone(String a, String b, String when, GraphQLBatch batch) {
    for (RelationModel r : incoming) {
      for (String parent : lastParents.getOrDefault(r.keyField(), Set.of())) {
        verifyPage(r, parent, List.of(), when, batch);
      }
    }
    for (RelationModel r : referencing) {
      verifyReferencing(r, a, b, true, when, batch);
    }
  }

  /**
   * The items a page of {@code parent} must list, in order: A and B share every sort value but the
   * automatic timestamps, which compare as text (UTC, milliseconds); then the id decides.
   */
  private List<Side> members(RelationModel r, String parent, Side a, Side b) {
    List<Side> out = new ArrayList<>();
    for (Side s : List.of(a, b)) {
      if (parent.equals(s.values().get(r.keyField())) && (r.onlyIf() == null || Boolean.TRUE.equals(s.values().get(r.onlyIf())))) {
        out.add(s);
      }
    }
    out.sort(pageOrder(r));
    return out;
  }

  private Comparator<Side> pageOrder(RelationModel r) {
    Comparator<Side> order = (x, y) -> 0;
    for (SortField f : r.sortBy()) {
      if (e.field(f.field()).orElseThrow().automaticTimestamp()) {
        order = order.thenComparing(s -> (String) s.values().get(f.field()));
      }
    }
    return order.thenComparing(Side::id);
  }

  /** A {@code @hasMany} page of {@code parent}: exactly {@code members}, in order, and reversed. */
  private void verifyPage(RelationModel r, String parent, List<Side> members, String when, GraphQLBatch batch) {
    String what = when + ": " + r.id() + " of " + parent;
    List<Map<String, Object>> expected = members.stream().map(Side::values).toList();
    List<Map<String, Object>> reversed = new ArrayList<>(expected);
    Collections.reverse(reversed);
    String method = rt.java().accessMethod("relation " + r.id());
    assertEquals(expected, javaPage(rt.access(method, parent, rt.pageRequest(false))), what + " (Java, ASC)");
    if (!expected.isEmpty()) {
      assertEquals(reversed, javaPage(rt.access(method, parent, rt.pageRequest(true))), what + " (Java, DESC)");
    }
    rt.count("java:" + r.id());
    Optional<OperationModel> get = rt.operation(r.owner(), OperationKind.GET);
    if (get.isEmpty() || !r.owner().equals(typeOf.get(parent))) {
      return;
    }
    boolean connection = r.shape() == RelationShape.CONNECTION;
    String page = "(limit: 100, sortDirection: %s) " + (connection
        ? "{ items { __typename ... on %s { %s } } nextToken }" : "{ __typename ... on %s { %s } }");
    String fields = GraphQLValues.selection(e);
    batch.add(get.get(), parent, "asc: " + r.field() + page.formatted("ASC", e.name(), fields)
        + " desc: " + r.field() + page.formatted("DESC", e.name(), fields), node -> {
          for (String order : List.of("asc", "desc")) {
            assertTrue(!connection || node.path(order).path("nextToken").isNull(), what + ": one page");
            List<JsonNode> actual = new ArrayList<>();
            (connection ? node.path(order).path("items") : node.path(order)).forEach(item -> {
              assertEquals(e.name(), item.path("__typename").asText(), what);
              actual.add(GraphQLValues.comparable(e, item));
            });
            List<JsonNode> wanted = (order.equals("asc") ? expected : reversed).stream()
                .map(v -> GraphQLValues.expected(e, v)).toList();
            assertEquals(wanted, actual, what + " (GraphQL, " + order + ")");
          }
          rt.count("graphql:" + r.id());
        });
  }

  private List<Map<String, Object>> javaPage(Object page) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object item : (List<?>) GeneratedJava.callOn(page, "items")) {
      out.add(SampleValues.fields(e, item));
    }
    return out;
  }

  /** The entity's own {@code @belongsTo}/{@code @hasOne} field: the items its key names, if of a target type. */
  private void verifyOutgoing(RelationModel r, Side s, String when, GraphQLBatch batch) {
    String what = when + ": " + r.id() + " of " + s.id();
    Object key = s.values().get(r.keyField());
    Object expected = r.shape() == RelationShape.LIST
        ? (key == null ? List.of() : ((List<?>) key).stream().map(id -> typed(r, id)).toList())
        : typed(r, key);
    Object record = SampleValues.construct(rt.java(), e, s.values());
    assertEquals(expected, ids(rt.access(rt.java().accessMethod("relation " + r.id()), record)), what + " (Java)");
    rt.count("java:" + r.id());
    graphqlRelation(r, s.id(), expected, what, batch);
  }

  /** {@code id} if it names an item of one of the relation's types, else null. */
  private Object typed(RelationModel r, Object id) {
    return id != null && r.concreteTargets().contains(typeOf.get(id)) ? id : null;
  }

  /** Another type's {@code @belongsTo}/{@code @hasOne} pointing at A and at B. */
  private void verifyReferencing(RelationModel r, String a, String b, boolean gone, String when, GraphQLBatch batch) {
    List<String> holders = pointers.get(r.id());
    List<String> targets = List.of(a, b);
    for (int i = 0; i < 2; i++) {
      String what = when + ": " + r.id() + " of " + holders.get(i) + " pointing at " + targets.get(i);
      String target = gone ? null : targets.get(i);
      Object expected = r.shape() == RelationShape.LIST ? Arrays.asList(target) : target;
      Object holder = ((Optional<?>) rt.access(rt.java().accessMethod("get " + r.owner()), holders.get(i))).orElseThrow();
      assertEquals(expected, ids(rt.access(rt.java().accessMethod("relation " + r.id()), holder)), what + " (Java)");
      rt.count("java:" + r.id());
      graphqlRelation(r, holders.get(i), expected, what, batch);
    }
  }

  /** GraphQL {@code get(id) { relation { id } }} when the owner can be read; {@code expected} as the Java ids. */
  private void graphqlRelation(RelationModel r, String ownerId, Object expected, String what, GraphQLBatch batch) {
    Optional<OperationModel> get = rt.operation(r.owner(), OperationKind.GET);
    if (get.isEmpty()) {
      return;
    }
    String fragments = r.concreteTargets().stream().map(t -> "... on " + t + " { id }").collect(Collectors.joining(" "));
    batch.add(get.get(), ownerId, r.field() + " { __typename " + fragments + " }", node -> {
      JsonNode value = node.path(r.field());
      Object actual;
      if (value.isArray()) {
        List<String> out = new ArrayList<>();
        value.forEach(v -> out.add(v.isNull() ? null : v.path("id").asText()));
        actual = out;
      } else {
        actual = value.isNull() ? null : value.path("id").asText();
      }
      assertEquals(expected, actual, what + " (GraphQL)");
      rt.count("graphql:" + r.id());
    });
  }

  /** The ids of a relation result: an {@code Optional} entity, a list of entities (nulls kept). */
  private static Object ids(Object result) {
    if (result instanceof Optional<?> o) {
      return o.map(RelationReads::id).orElse(null);
    }
    List<String> out = new ArrayList<>();
    ((List<?>) result).forEach(x -> out.add(x == null ? null : id(x)));
    return out;
  }

  private static String id(Object entity) {
    return (String) GeneratedJava.callOn(entity, "id");
  }
}
