package io.singletable.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.language.Directive;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.TestSchemas;
import io.singletable.diag.Diagnostics;
import io.singletable.model.Authentication;
import io.singletable.validate.GraphQLJavaCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The deployable schema of an API with several providers (the default plus those {@code @auth} rules need): every
 * object type and root field names, with {@code @aws_*} directives, the providers that may reach it, since AppSync
 * admits to a type without directives only the default provider and a field's directives replace its type's.
 */
class AuthDirectivesTest {
  static final String UP = "@aws_cognito_user_pools";
  static final String IAM = "@aws_iam";
  static final String KEY = "@aws_api_key";

  /** Owner, groups, private and public rules over user pools, IAM and the API key; an open type; a non-model type. */
  static final String MIXED = """
      type User @model @auth(rules: [{ allow: owner }, { allow: private, operations: [read] }]) {
        id: ID!
        owner: String
        name: String!
        email: String @auth(rules: [{ allow: owner, operations: [read] }, { allow: private, provider: iam, operations: [read] }])
        posts: PostConnection @hasMany(field: "authorId")
      }
      type Post @model @auth(rules: [
        { allow: owner, ownerField: "authorId" },
        { allow: groups, groups: ["Admin"], operations: [update, delete] },
        { allow: public, operations: [read] }
      ]) {
        id: ID!
        authorId: ID
        title: String!
        author: User @belongsTo(field: "authorId")
        draft: String @auth(rules: [{ allow: owner, ownerField: "authorId", operations: [read] }])
        tags: [Tag] @hasMany(field: "postId")
      }
      type Tag @model {
        id: ID!
        postId: ID
        label: String
      }
      type Stats {
        posts: Int
      }
      type Query {
        postById(id: ID!): Post @get
        hello: String
        stats: Stats
      }
      """;

  static String schema(String sdl, Authentication auth) {
    var base = GeneratorOptions.of(Path.of("schema.graphql"), Path.of("out"));
    var options = base.withAuthentication(auth);
    io.singletable.output.OutputPlan plan;
    try {
      plan = new Generator().plan(TestSchemas.inline(sdl), options).plan();
    } catch (io.singletable.diag.SchemaException e) {
      throw new AssertionError(e.formatted(), e);
    }
    return new String(plan.get(Generator.SCHEMA).orElseThrow().content(), StandardCharsets.UTF_8);
  }

  /** {@code Type} and {@code Type.field} to their {@code @aws_*} directives, as printed. */
  static Map<String, List<String>> directives(String sdl) {
    Map<String, List<String>> out = new TreeMap<>();
    for (var d : new graphql.parser.Parser().parseDocument(sdl).getDefinitions()) {
      if (d instanceof ObjectTypeDefinition o) {
        out.put(o.getName(), aws(o.getDirectives()));
        for (FieldDefinition f : o.getFieldDefinitions()) {
          out.put(o.getName() + "." + f.getName(), aws(f.getDirectives()));
        }
      }
    }
    return out;
  }

  private static List<String> aws(List<Directive> directives) {
    return directives.stream().map(d -> graphql.language.AstPrinter.printAst(d)).filter(s -> s.startsWith("@aws_") && !s.startsWith("@aws_subscribe"))
        .toList();
  }

  @Test
  void typesAndRootFieldsNameTheProvidersThatMayReachThem() {
    String sdl = schema(MIXED, Authentication.AMAZON_COGNITO_USER_POOLS);
    Map<String, List<String>> d = directives(sdl);
    // User: owner + private (user pools); its email field adds private over IAM.
    assertEquals(List.of(UP), d.get("User"), sdl);
    assertEquals(List.of(), d.get("User.name"), "a field without rules takes its type's");
    assertEquals(List.of(UP, IAM), d.get("User.email"), "the type's providers plus the field's rules'");
    // Post: owner and groups (user pools), public (API key).
    assertEquals(List.of(UP, KEY), d.get("Post"));
    assertEquals(List.of(UP, KEY), d.get("Post.draft"), "the type's readers still reach the field's own resolver");
    assertEquals(List.of(), d.get("Post.author"), "a relation field takes its owner's; its target type has its own");
    // Tag has no rules: every provider of the API (user pools default, IAM and API key additional).
    assertEquals(List.of(UP, IAM, KEY), d.get("Tag"));
    assertEquals(List.of(UP, IAM, KEY), d.get("Stats"), "non-model types: every provider");
    assertEquals(List.of(UP, IAM, KEY), d.get("Query.stats"));
    assertEquals(List.of(UP, KEY), d.get("PostConnection"), "a connection: its element type's");
    // Root fields: the type they return or change.
    assertEquals(List.of(), d.get("Query"), "directives go on the root fields");
    assertEquals(List.of(UP, KEY), d.get("Query.postById"), "declared operation");
    assertEquals(List.of(UP), d.get("Query.getUser"), "default operation");
    assertEquals(List.of(UP, IAM, KEY), d.get("Query.getTag"));
    assertEquals(List.of(UP, IAM, KEY), d.get("Query.hello"), "a field singletable does not serve: its type's");
    assertEquals(List.of(UP, KEY), d.get("Mutation.createPost"));
    assertEquals(List.of(UP, KEY), d.get("Mutation.deletePost"));
    assertEquals(List.of(UP), d.get("Mutation.updateUser"));
    assertEquals(List.of(UP, IAM, KEY), d.get("Mutation.createTag"));
    assertFalse(sdl.contains("cognito_groups"), "groups are checked in the resolvers");
    assertFalse(sdl.contains("@auth"), sdl);
    int input = sdl.indexOf("input CreatePostInput {");
    assertFalse(sdl.substring(input, sdl.indexOf('}', input)).contains("@aws_"), "inputs take no directives");
    Diagnostics diags = new Diagnostics();
    assertTrue(GraphQLJavaCheck.checkDeployable(sdl, diags), diags.toString());
  }

  @Test
  void aManyToManyTakesTheProvidersBothOfItsTypesAdmit() {
    String sdl = schema("""
        type Post @model @auth(rules: [{ allow: owner }, { allow: public, operations: [read] }]) {
          id: ID!
          owner: String
          tags: TagConnection @manyToMany(relationName: "PostTag")
          notes: [Note] @manyToMany(relationName: "PostNote")
        }
        type Tag @model {
          id: ID!
          posts: PostConnection @manyToMany(relationName: "PostTag")
        }
        type Note @model @auth(rules: [{ allow: private, provider: iam }]) {
          id: ID!
          posts: [Post] @manyToMany(relationName: "PostNote")
        }
        """, Authentication.AMAZON_COGNITO_USER_POOLS);
    Map<String, List<String>> d = directives(sdl);
    assertEquals(List.of(UP, IAM, KEY), d.get("Tag"));
    assertEquals(List.of(UP, KEY), d.get("Mutation.addPostTag"), "Post's providers, all of which reach Tag: " + sdl);
    assertEquals(List.of(UP, KEY), d.get("Mutation.removePostTag"));
    assertEquals(List.of(UP, KEY), d.get("PostTag"), "the join type the mutations return");
    // Post (user pools, API key) and Note (IAM) share no provider: either's, the resolver refuses
    assertEquals(List.of(UP, IAM, KEY), d.get("Mutation.addPostNote"));
    Diagnostics diags = new Diagnostics();
    assertTrue(GraphQLJavaCheck.checkDeployable(sdl, diags), diags.toString());
  }

  @Test
  void everyObjectTypeAndRootFieldCarriesDirectivesWhenSeveralProvidersAreUsed() {
    String sdl = schema(MIXED, Authentication.API_KEY);
    Map<String, List<String>> d = directives(sdl);
    d.forEach((name, list) -> {
      boolean root = name.equals("Query") || name.equals("Mutation") || name.equals("Subscription");
      boolean rootField = name.startsWith("Query.") || name.startsWith("Mutation.") || name.startsWith("Subscription.");
      boolean type = !name.contains(".");
      if (rootField || (type && !root)) {
        assertFalse(list.isEmpty(), name + " would admit only the default provider:\n" + sdl);
      }
    });
    assertEquals(List.of(UP, IAM, KEY), d.get("Tag"), "the same providers whatever the default");
  }

  @Test
  void aProviderOnlyTheDefaultNeedsNoDirectives() {
    String sdl = """
        type Note @model @auth(rules: [{ allow: owner }, { allow: groups, groups: ["Admin"] }]) {
          id: ID!
          owner: String
          text: String @auth(rules: [{ allow: owner, operations: [read] }])
        }
        type Open @model { id: ID! }
        """;
    String userPools = schema(sdl, Authentication.AMAZON_COGNITO_USER_POOLS);
    assertFalse(userPools.replace("@aws_subscribe", "").contains("@aws_"), "user pools only: AppSync's default applies everywhere\n" + userPools);
    String apiKey = schema(sdl, Authentication.API_KEY);
    Map<String, List<String>> d = directives(apiKey);
    assertEquals(List.of(UP), d.get("Note"), "API-key callers do not reach a type only user-pool rules admit");
    assertEquals(List.of(UP), d.get("Query.getNote"));
    assertEquals(List.of(UP), d.get("Note.text"));
    assertEquals(List.of(UP, KEY), d.get("Open"));
    assertEquals(List.of(UP, KEY), d.get("Mutation.createOpen"));
  }

  @ParameterizedTest
  @EnumSource(Authentication.class)
  void aSchemaWithoutAuthIsUnchanged(Authentication auth) {
    String sdl = "type T @model @aws_api_key { id: ID! name: String @aws_iam }\ntype U @model { id: ID! t: [T] @hasMany(field: \"id\") }\n";
    assertEquals(schema(sdl, Authentication.API_KEY), schema(sdl, auth));
    assertFalse(schema(sdl, auth).contains("@aws_cognito_user_pools"));
  }

  @Test
  void theAuthorsDirectivesAreKeptAndNotRepeated() {
    String sdl = schema("""
        type Post @model @aws_api_key @auth(rules: [{ allow: public, provider: iam }, { allow: owner }]) {
          id: ID!
          owner: String
          secret: String @aws_cognito_user_pools(cognito_groups: ["Admin"]) @auth(rules: [{ allow: owner, operations: [read] }])
        }
        type Query {
          getPost(id: ID!): Post @get @aws_iam
        }
        """, Authentication.API_KEY);
    Map<String, List<String>> d = directives(sdl);
    assertEquals(List.of(KEY, UP, IAM), d.get("Post"), "the author's first, then the rules' not yet named\n" + sdl);
    assertEquals(List.of("@aws_cognito_user_pools(cognito_groups: [\"Admin\"])", IAM), d.get("Post.secret"));
    assertEquals(List.of(IAM, UP), d.get("Query.getPost"));
    Diagnostics diags = new Diagnostics();
    assertTrue(GraphQLJavaCheck.checkDeployable(sdl, diags), diags.toString());
  }

  @Test
  void abstractTargetsTakeTheirMembersProviders() {
    String sdl = schema("""
        interface Animal { id: ID! name: String }
        type Cow implements Animal @model @auth(rules: [{ allow: owner }]) { id: ID! name: String owner: String farmId: ID }
        type Hen implements Animal @model @auth(rules: [{ allow: private, provider: iam }]) { id: ID! name: String farmId: ID }
        union Thing = Cow | Hen
        type Farm @model @auth(rules: [{ allow: public }]) {
          id: ID!
          animals: AnimalConnection @hasMany(field: "farmId")
          things: [Thing] @hasMany(field: "farmId")
        }
        """, Authentication.API_KEY);
    Map<String, List<String>> d = directives(sdl);
    assertEquals(List.of(UP, IAM), d.get("AnimalConnection"), sdl);
    assertEquals(List.of(UP), d.get("Cow"));
    assertEquals(List.of(IAM), d.get("Hen"));
    assertEquals(List.of(KEY), d.get("Farm"));
    assertFalse(sdl.contains("interface Animal @"), "interfaces carry no directive");
    Diagnostics diags = new Diagnostics();
    assertTrue(GraphQLJavaCheck.checkDeployable(sdl, diags), diags.toString());
  }
}
