package io.singletable.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.singletable.Generator;
import io.singletable.TestSchemas;
import io.singletable.diag.SchemaException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §2.5: onCreateT, onUpdateT, onDeleteT in the deployable schema, with their filter arguments. */
class SubscriptionSchemaTest {
  private static final String POSTS = """
      enum Status { DRAFT PUBLISHED }
      type Post @model {
        id: ID!
        title: String!
        status: Status
        views: Int
        tags: [String]
        comments: [Comment] @hasMany(field: "postId")
      }
      type Comment @model(operations: [GET, CREATE]) {
        id: ID!
        postId: ID!
        text: String
        post: Post @belongsTo(field: "postId")
      }
      type Secret @model(subscriptions: false) { id: ID! text: String }
      input PublishPostInput { id: ID! status: Status }
      type Mutation {
        publishPost(input: PublishPostInput!): Post @update
        removeComment(id: ID!): Comment @delete
      }
      """;

  private static String sdl(String schema) {
    try {
      TestSchemas.plan(schema);
    } catch (SchemaException e) {
      throw new AssertionError(e.formatted());
    }
    return new String(TestSchemas.plan(schema).plan().get(Generator.SCHEMA).orElseThrow().content(),
        StandardCharsets.UTF_8);
  }

  private static graphql.schema.GraphQLSchema executable(String sdl) {
    TypeDefinitionRegistry reg = new graphql.schema.idl.SchemaParser().parse(sdl);
    RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
    for (String s : List.of("AWSDateTime", "AWSEmail", "AWSJSON")) {
      if (reg.getType(s).isEmpty()) {
        reg.add(graphql.language.ScalarTypeDefinition.newScalarTypeDefinition().name(s).build());
      }
      wiring.scalar(GraphQLScalarType.newScalar().name(s).coercing(graphql.Scalars.GraphQLString.getCoercing()).build());
    }
    reg.add(graphql.language.DirectiveDefinition.newDirectiveDefinition().name("aws_subscribe")
        .inputValueDefinition(graphql.language.InputValueDefinition.newInputValueDefinition().name("mutations")
            .type(new graphql.language.ListType(new graphql.language.TypeName("String"))).build())
        .directiveLocation(graphql.language.DirectiveLocation.newDirectiveLocation().name("FIELD_DEFINITION").build())
        .build());
    wiring.wiringFactory(new graphql.schema.idl.MockedWiringFactory());
    return new SchemaGenerator().makeExecutableSchema(reg, wiring.build());
  }

  @Test
  void everyMutationKindOfAModelGetsItsSubscriptionWithOneOptionalArgumentPerStoredScalarOrEnumField() {
    String sdl = sdl(POSTS);
    assertTrue(sdl.contains("type Subscription {\n"
        + "  onCreatePost(id: ID, title: String, status: Status, views: Int): Post"
        + " @aws_subscribe(mutations: [\"createPost\"])\n"
        + "  onUpdatePost(id: ID, title: String, status: Status, views: Int): Post"
        + " @aws_subscribe(mutations: [\"publishPost\"])\n"
        + "  onDeletePost(id: ID, title: String, status: Status, views: Int): Post"
        + " @aws_subscribe(mutations: [\"deletePost\"])\n"
        + "  onCreateComment(id: ID, postId: ID, text: String): Comment @aws_subscribe(mutations: [\"createComment\"])\n"
        + "  onDeleteComment(id: ID, postId: ID, text: String): Comment @aws_subscribe(mutations: [\"removeComment\"])\n"
        + "}\n"), sdl);
    assertFalse(sdl.contains("Secret @aws_subscribe"), "subscriptions: false leaves them out");
    assertFalse(sdl.contains("onCreateSecret"));
    assertFalse(sdl.contains("onUpdateComment"), "no update mutation of Comment: no onUpdateComment");
    var schema = executable(sdl);
    GraphQLFieldDefinition f = schema.getSubscriptionType().getFieldDefinition("onCreatePost");
    assertEquals(List.of("id", "title", "status", "views"),
        f.getArguments().stream().map(a -> a.getName()).toList(), "no list field (tags), no relation");
    assertTrue(f.getArguments().stream().allMatch(a -> !(a.getType() instanceof graphql.schema.GraphQLNonNull)));
  }

  @Test
  void declaredAndDefaultMutationsOfOneKindAreBothSubscribed() {
    String sdl = sdl("""
        type Farm @model { id: ID! name: String }
        input NewFarm { name: String }
        type Mutation { plantFarm(input: NewFarm!): Farm @create }
        extend type Mutation { openFarm(input: NewFarm!): Farm @create }
        """);
    assertTrue(sdl.contains("  onCreateFarm(id: ID, name: String): Farm"
        + " @aws_subscribe(mutations: [\"plantFarm\", \"openFarm\"])\n"), sdl);
    assertTrue(sdl.contains("  onUpdateFarm(id: ID, name: String): Farm @aws_subscribe(mutations: [\"updateFarm\"])\n"));
  }

  @Test
  void aDeclaredSubscriptionTypeIsMergedWithTheGeneratedOnes() {
    String sdl = sdl("""
        type Farm @model { id: ID! name: String }
        "Mine."
        type Subscription { onFarmSold(id: ID): Farm @aws_subscribe(mutations: ["updateFarm"]) }
        """);
    assertEquals(1, sdl.split("type Subscription", -1).length - 1, sdl);
    assertTrue(sdl.contains("\"Mine.\"\ntype Subscription {\n"
        + "  onFarmSold(id: ID): Farm @aws_subscribe(mutations: [\"updateFarm\"])\n"
        + "  onCreateFarm(id: ID, name: String): Farm @aws_subscribe(mutations: [\"createFarm\"])\n"), sdl);
    executable(sdl);
  }

  @Test
  void noSubscriptionTypeWhenEveryModelLeavesThemOutOrHasNoMutation() {
    assertFalse(sdl("type Farm @model(subscriptions: false) { id: ID! }").contains("Subscription"));
    assertFalse(sdl("type Farm @model(operations: [GET]) { id: ID! }").contains("Subscription"));
  }

  @Test
  void aDeclaredSubscriptionWithAGeneratedNameIsAnError() {
    SchemaException e = assertThrows(SchemaException.class, () -> TestSchemas.plan("""
        type Farm @model { id: ID! name: String }
        type Subscription {
          onCreateFarm: Farm @aws_subscribe(mutations: ["createFarm"])
        }
        """));
    assertEquals(List.of("schema.graphql:3:3: error[ST034]: Subscription.onCreateFarm has the name of the"
        + " subscription generated for Farm (subscribed to createFarm); rename it, or leave it out with"
        + " @model(subscriptions: false) on Farm"),
        e.formatted().lines().filter(l -> l.startsWith("schema.graphql")).toList());
    // with subscriptions: false the name is free
    String sdl = sdl("""
        type Farm @model(subscriptions: false) { id: ID! name: String }
        type Subscription { onCreateFarm: Farm @aws_subscribe(mutations: ["createFarm"]) }
        """);
    assertTrue(sdl.contains("onCreateFarm: Farm @aws_subscribe(mutations: [\"createFarm\"])"), sdl);
  }

  @Test
  void subscriptionsCarryTheProvidersOfTheirType() {
    var planned = new Generator().plan(TestSchemas.inline("""
        type Note @model @auth(rules: [{allow: owner}, {allow: public, provider: apiKey, operations: [read]}]) {
          id: ID! text: String owner: String
        }
        type Open @model { id: ID! }
        """), io.singletable.GeneratorOptions.of(java.nio.file.Path.of("schema.graphql"), java.nio.file.Path.of("out"))
        .withAuthentication(io.singletable.model.Authentication.AMAZON_COGNITO_USER_POOLS));
    String sdl = new String(planned.plan().get(Generator.SCHEMA).orElseThrow().content(), StandardCharsets.UTF_8);
    assertTrue(sdl.contains("  onCreateNote(id: ID, text: String, owner: String): Note"
        + " @aws_subscribe(mutations: [\"createNote\"]) @aws_cognito_user_pools @aws_api_key\n"), sdl);
    assertTrue(sdl.contains("  onCreateOpen(id: ID): Open @aws_subscribe(mutations: [\"createOpen\"])"
        + " @aws_cognito_user_pools @aws_api_key\n"), sdl);
  }

  @Test
  void aSchemaBlockGetsTheRootsOfTheGeneratedOperations() {
    String sdl = sdl("""
        schema { query: Query }
        type Query { hello: String }
        type Farm @model { id: ID! name: String }
        """);
    assertTrue(sdl.contains("schema {\n  query: Query\n  mutation: Mutation\n  subscription: Subscription\n}\n"), sdl);
    var schema = executable(sdl);
    assertEquals("Subscription", schema.getSubscriptionType().getName());
    assertEquals("Mutation", schema.getMutationType().getName());
  }
}
