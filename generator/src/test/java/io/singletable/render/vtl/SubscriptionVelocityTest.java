package io.singletable.render.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.model.Authentication;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.exception.MethodInvocationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subscription resolvers' filters on Apache Velocity, AppSync's engine: the arguments given, ANDed with what the
 * type's read rules require of the item ({@code SubscriptionScenarioTest} runs them in the simulator).
 */
class SubscriptionVelocityTest {
  @TempDir
  static Path dir;
  static Path out;
  static VelocityEngine velocity;

  @BeforeAll
  static void generate() throws Exception {
    Path schema = Files.createDirectories(dir.resolve("schema")).resolve("schema.graphql");
    Files.writeString(schema, """
        enum Status { DRAFT PUBLISHED }
        type Post @model { id: ID! title: String status: Status views: Int tags: [String] }
        type Note @model @auth(rules: [{allow: owner}, {allow: groups, groups: ["Admin"], operations: [read]}]) {
          id: ID! text: String owner: String
        }
        type Doc @model @auth(rules: [{allow: owner, ownerField: "editors"}, {allow: groups, groupsField: "team"},
                                     {allow: public, provider: apiKey, operations: [read]}]) {
          id: ID! editors: [String] team: String
        }
        type Profile @model @auth(rules: [{allow: private}]) {
          id: ID!
          name: String
          owner: String
          phone: String @auth(rules: [{allow: owner, operations: [read]}, {allow: groups, groups: ["Staff"], operations: [read]}])
        }
        """);
    out = dir.resolve("out");
    new Generator().generate(GeneratorOptions.of(schema, out).withAuthentication(Authentication.AMAZON_COGNITO_USER_POOLS));
    velocity = new VelocityEngine();
    velocity.init();
  }

  /** What the response template of {@code field} passes to {@code setSubscriptionFilter}; null when it sets none. */
  private static Object filter(String field, Map<String, Object> args, String authType, Map<String, Object> claims)
      throws Exception {
    return filter(field, args, authType, claims, List.of("id"));
  }

  private static Object filter(String field, Map<String, Object> args, String authType, Map<String, Object> claims,
      List<String> selection) throws Exception {
    AppSyncUtil util = new AppSyncUtil();
    util.authType = authType;
    List<Object> filters = new ArrayList<>();
    VelocityContext context = new VelocityContext();
    context.put("util", util);
    Map<String, Object> ctx = new HashMap<>();
    ctx.put("args", args);
    ctx.put("identity", claims == null ? null : Map.of("claims", claims));
    ctx.put("info", Map.of("selectionSetList", selection));
    context.put("ctx", ctx);
    context.put("extensions", new Extensions(filters));
    String template = "appsync/resolvers/Subscription." + field + ".response.vtl";
    StringWriter printed = new StringWriter();
    velocity.evaluate(context, printed, template, Files.readString(out.resolve(template)));
    assertEquals("null", printed.toString().strip().lines().reduce((a, b) -> b).orElseThrow().strip());
    return filters.isEmpty() ? null : filters.get(0);
  }

  @Test
  void aFieldWithRulesOfItsOwnNarrowsTheEventsOfSubscribersSelectingIt() throws Exception {
    Map<String, Object> alice = map("sub", "alice");
    assertNull(filter("onCreateProfile", map(), POOL, alice, List.of("id", "name")));
    assertEquals(map("owner", map("eq", "alice")), filter("onCreateProfile", map(), POOL, alice, List.of("id", "phone")),
        "AppSync does not resolve the field for subscribers: only the items whose phone alice may read");
    assertNull(filter("onUpdateProfile", map(), POOL, map("sub", "s", "cognito:groups", List.of("Staff")),
        List.of("phone")));
  }

  /** {@code $extensions}: records the filters set. */
  public static final class Extensions {
    private final List<Object> filters;

    Extensions(List<Object> filters) {
      this.filters = filters;
    }

    public String setSubscriptionFilter(Object filter) {
      filters.add(filter);
      return "";
    }
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static final String KEY = "API Key Authorization";
  private static final String POOL = "User Pool Authorization";

  @Test
  void argumentsGivenAreEqualitiesAndNoArgumentsNoFilter() throws Exception {
    assertNull(filter("onCreatePost", map(), KEY, null));
    assertEquals(map("status", map("eq", "PUBLISHED")), filter("onCreatePost", map("status", "PUBLISHED"), KEY, null));
    assertEquals(map("and", List.of(map("title", map("eq", "Hi")), map("views", map("eq", 3)))),
        filter("onUpdatePost", map("title", "Hi", "status", null, "views", 3), KEY, null));
  }

  @Test
  void anOwnerOnlyReceivesItsOwnItemsUnlessAnotherRuleAdmitsItToAll() throws Exception {
    assertEquals(map("owner", map("eq", "alice")), filter("onCreateNote", map(), POOL, map("sub", "alice")));
    assertEquals(map("and", List.of(map("text", map("eq", "x")), map("owner", map("eq", "alice")))),
        filter("onUpdateNote", map("text", "x"), POOL, map("sub", "alice")));
    assertNull(filter("onDeleteNote", map(), POOL, map("sub", "root", "cognito:groups", List.of("Admin"))),
        "the Admin group reads every note");
    MethodInvocationException e = assertThrows(MethodInvocationException.class,
        () -> filter("onCreateNote", map(), KEY, null));
    assertEquals("Unauthorized", e.getCause().getMessage(), "no read rule can admit an API key caller");
    e = assertThrows(MethodInvocationException.class, () -> filter("onCreateNote", map(), POOL, map("email", "x")));
    assertEquals("Unauthorized", e.getCause().getMessage(), "a token without the owner claim");
  }

  @Test
  void itemDependentRulesAreAlternatives() throws Exception {
    List<String> groups = List.of("g1", "g2", "g3", "g4", "g5", "g6");
    assertEquals(map("or", List.of(map("editors", map("contains", "bob")),
            map("team", map("in", groups.subList(0, 5))), map("team", map("in", groups.subList(5, 6))))),
        filter("onCreateDoc", map(), POOL, map("sub", "bob", "cognito:groups", groups)));
    assertEquals(map("and", List.of(map("team", map("eq", "t")), map("editors", map("contains", "bob")))),
        filter("onCreateDoc", map("team", "t"), POOL, map("sub", "bob")));
    assertNull(filter("onCreateDoc", map(), KEY, null), "public reads with the API key");
  }
}
