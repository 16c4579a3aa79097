package io.singletable.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.model.Authentication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness calls the API as the callers AppSync tells apart ({@link Caller}): a backend generated with
 * {@code authentication = AMAZON_COGNITO_USER_POOLS}, started twice: as generated (user pools only), and with
 * API_KEY and AWS_IAM added as {@code AdditionalAuthenticationProviders} plus a probe field {@code
 * Query.harnessWhoAmI} (a NONE resolver answering {@code $util.authType()} and {@code $ctx.identity}), which the
 * test adds to the generated template and schema.
 */
@Tag("simulator")
class AuthHarnessTest {

  static final String SCHEMA = """
      type Note @model {
        id: ID!
        title: String!
        owner: String
      }
      """;

  static final String WHO_AM_I = "{ harnessWhoAmI }";

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  private static Backend userPoolsOnly;
  private static Backend everyMode;

  @BeforeAll
  static void start() throws IOException {
    Path schema = dir.resolve("schema.graphql");
    Files.writeString(schema, SCHEMA);
    Path generated = dir.resolve("generated");
    GeneratorOptions defaults = GeneratorOptions.of(schema, generated);
    new Generator().generate(defaults.withAuthentication(Authentication.AMAZON_COGNITO_USER_POOLS));
    Path withProviders = dir.resolve("with-providers");
    copy(generated, withProviders);
    addProvidersAndProbe(withProviders);
    userPoolsOnly = Backend.start(generated);
    everyMode = Backend.start(withProviders);
  }

  @AfterAll
  static void stop() {
    for (Backend backend : new Backend[] {userPoolsOnly, everyMode}) {
      if (backend != null) {
        backend.close();
      }
    }
  }

  @Test
  void theSimulatorIsConfiguredFromTheTemplate() {
    assertEquals(List.of("AMAZON_COGNITO_USER_POOLS"), userPoolsOnly.simulator().authenticationTypes());
    assertEquals(List.of("AMAZON_COGNITO_USER_POOLS", "API_KEY", "AWS_IAM"), everyMode.simulator().authenticationTypes());
    assertEquals(List.of(Caller.USER_POOL_ISSUER), userPoolsOnly.simulator().userPoolIssuers());
  }

  @Test
  void aUserPoolCallerGetsData() {
    Caller alice = Caller.user("alice");
    String id = userPoolsOnly.graphql(alice, "mutation { createNote(input: {title: \"Alice's\"}) { id } }")
        .requireNoErrors().data("/createNote/id").asText();
    GraphQLResponse read = userPoolsOnly.graphql(Caller.user("bob", "Admin"),
        "query($id: ID!) { getNote(id: $id) { title } }", Map.of("id", id)).requireNoErrors();
    assertEquals(200, read.status());
    assertEquals("Alice's", read.data("/getNote/title").asText());
  }

  @Test
  void callersTheApiDoesNotAdmitAreRefusedWithHttp401() {
    String query = "{ getNote(id: \"x\") { id } }";
    assertRefused(userPoolsOnly.graphql(Caller.anonymous(), query), "UnauthorizedException: Missing authorization");
    assertRefused(userPoolsOnly.graphql(Caller.authorization("not-a-jwt"), query), "UnauthorizedException: Invalid JWT token");
    // API_KEY is not a provider: the simulator ignores the key, so the caller has no credentials
    assertRefused(userPoolsOnly.graphql(Caller.apiKey(), query), "UnauthorizedException: Missing authorization");
    assertRefused(userPoolsOnly.graphql(Caller.iam(true), query), "UnauthorizedException: Invalid JWT token");
    // what the stock simulator let through and AppSync does not
    Caller alice = Caller.user("alice");
    assertRefused(userPoolsOnly.graphql(alice.withClaim("exp", Instant.now().getEpochSecond() - 1), query),
        "UnauthorizedException: Token has expired.");
    assertRefused(userPoolsOnly.graphql(alice.withoutClaim("exp"), query), "UnauthorizedException: Invalid JWT token");
    assertRefused(userPoolsOnly.graphql(alice.withoutClaim("iss"), query), "UnauthorizedException: Invalid JWT token");
    assertRefused(userPoolsOnly.graphql(alice.withClaim("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_OTHER"),
        query), "UnauthorizedException: Invalid JWT token");
    // a token whose claims are forged but well-formed is admitted: the signature is not checked
    GraphQLResponse forged = userPoolsOnly.graphql(alice.withClaim("sub", "bob").withoutClaim("email"), query);
    assertEquals(200, forged.status());
    forged.requireNoErrors();
  }

  @Test
  void anApiKeyCallerIsAdmittedWhenApiKeyIsAProvider() {
    JsonNode whoAmI = whoAmI(everyMode, Caller.apiKey());
    assertEquals("API Key Authorization", whoAmI.path("authType").asText());
    assertTrue(whoAmI.path("identity").isNull(), whoAmI.toString());
    assertRefused(everyMode.graphql(Caller.apiKey("da2-wrong"), WHO_AM_I), "UnauthorizedException: Invalid API key");
    assertRefused(everyMode.graphql(Caller.anonymous(), WHO_AM_I), "UnauthorizedException: Missing authorization");
    // a field without @aws_api_key admits the default provider only, as in AppSync
    GraphQLResponse note = everyMode.graphql(Caller.apiKey(), "{ getNote(id: \"x\") { id } }");
    assertEquals(200, note.status());
    assertEquals("Unauthorized", note.firstError().path("errorType").asText());
    assertEquals("Not Authorized to access getNote on type Query", note.firstError().path("message").asText());
  }

  @Test
  void aUserPoolCallersIdentityCarriesTheTokensClaims() {
    JsonNode carol = whoAmI(everyMode, Caller.user("carol", "Admin", "Editors"));
    assertEquals("User Pool Authorization", carol.path("authType").asText());
    JsonNode identity = carol.path("identity");
    assertEquals("carol", identity.path("sub").asText());
    assertEquals("carol", identity.path("username").asText());
    assertEquals(Caller.USER_POOL_ISSUER, identity.path("issuer").asText());
    assertEquals("carol", identity.path("claims").path("sub").asText());
    assertEquals("carol@example.com", identity.path("claims").path("email").asText());
    assertEquals("id", identity.path("claims").path("token_use").asText());
    assertEquals(JSON.valueToTree(List.of("Admin", "Editors")), identity.path("claims").path("cognito:groups"));
    assertEquals(JSON.valueToTree(List.of("Admin", "Editors")), identity.path("groups"));

    JsonNode single = whoAmI(everyMode, Caller.user("dave", "Admin")).path("identity");
    assertEquals(JSON.valueToTree(List.of("Admin")), single.path("claims").path("cognito:groups"));

    JsonNode forged = whoAmI(everyMode, Caller.user("eve").withClaim("sub", "carol").withoutClaim("email")).path("identity");
    assertEquals("carol", forged.path("sub").asText());
    assertEquals("carol", forged.path("claims").path("sub").asText());
    assertFalse(forged.path("claims").has("email"), forged.toString());
    assertFalse(forged.path("claims").has("cognito:groups"), "no groups: no claim");
    assertTrue(forged.path("groups").isNull(), forged.toString());
  }

  @Test
  void iamCallersAreTheIdentityPoolsAuthenticatedAndUnauthenticatedCallersOrPlainPrincipals() {
    JsonNode authenticated = whoAmI(everyMode, Caller.iam(true));
    assertEquals("IAM Authorization", authenticated.path("authType").asText());
    assertEquals("authenticated", authenticated.path("identity").path("cognitoIdentityAuthType").asText());
    assertTrue(authenticated.path("identity").path("cognitoIdentityId").asText().startsWith("us-east-1:"), authenticated.toString());
    assertTrue(authenticated.path("identity").path("cognitoIdentityAuthProvider").asText().contains("CognitoSignIn"));
    assertFalse(authenticated.path("identity").path("accountId").asText().isEmpty(), authenticated.toString());

    JsonNode unauthenticated = whoAmI(everyMode, Caller.iam(false));
    assertEquals("IAM Authorization", unauthenticated.path("authType").asText());
    assertEquals("unauthenticated", unauthenticated.path("identity").path("cognitoIdentityAuthType").asText());
    assertTrue(unauthenticated.path("identity").path("cognitoIdentityAuthProvider").isNull(), unauthenticated.toString());
    assertFalse(unauthenticated.path("identity").path("cognitoIdentityId").asText().equals(
        authenticated.path("identity").path("cognitoIdentityId").asText()));

    JsonNode principal = whoAmI(everyMode, Caller.iamPrincipal()).path("identity");
    assertTrue(principal.path("cognitoIdentityId").isNull(), principal.toString());
    assertTrue(principal.path("cognitoIdentityAuthType").isNull(), principal.toString());
    assertTrue(principal.path("userArn").asText().startsWith("arn:aws:iam::"), principal.toString());
  }

  @Test
  void providersAppSyncWouldRefuseDoNotStart(@TempDir Path other) throws IOException {
    String auth = "      AuthenticationType: AMAZON_COGNITO_USER_POOLS\n";
    assertStartFails(other.resolve("twice"), auth, auth + """
              AdditionalAuthenticationProviders:
                - AuthenticationType: API_KEY
                - AuthenticationType: API_KEY
        """, "GraphQLApi: AdditionalAuthenticationProviders[1]: API_KEY is already a provider of the API");
    assertStartFails(other.resolve("lambda"), auth, auth + """
              AdditionalAuthenticationProviders:
                - AuthenticationType: AWS_LAMBDA
        """, "GraphQLApi: AdditionalAuthenticationProviders[0]: AuthenticationType AWS_LAMBDA is not supported by the harness");
    assertStartFails(other.resolve("pool"), auth, auth + """
              AdditionalAuthenticationProviders:
                - AuthenticationType: AMAZON_COGNITO_USER_POOLS
        """, "GraphQLApi: AdditionalAuthenticationProviders[0]: AMAZON_COGNITO_USER_POOLS without UserPoolConfig");
  }

  private static void assertStartFails(Path out, String from, String to, String message) throws IOException {
    copy(dir.resolve("generated"), out);
    Path templateFile = out.resolve("template.yaml");
    String template = Files.readString(templateFile);
    assertTrue(template.contains(from), from);
    Files.writeString(templateFile, template.replace(from, to));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> AppSyncSimulator.start(out, DynamoDbLocal.shared().endpoint(), "st-none"));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static JsonNode whoAmI(Backend backend, Caller caller) {
    GraphQLResponse response = backend.graphql(caller, WHO_AM_I).requireNoErrors();
    try {
      return JSON.readTree(response.data("/harnessWhoAmI").asText());
    } catch (IOException e) {
      throw new AssertionError("harnessWhoAmI is not JSON: " + response, e);
    }
  }

  private static void assertRefused(GraphQLResponse response, String message) {
    assertEquals(401, response.status(), response.toString());
    assertEquals("UnauthorizedException", response.firstError().path("errorType").asText(), response.toString());
    assertEquals(message, response.firstError().path("message").asText(), response.toString());
    assertTrue(response.data().isMissingNode(), response.toString());
  }

  /**
   * What the generator does not emit yet: API_KEY and AWS_IAM as additional providers (with the API key), and
   * a probe field readable by every provider.
   */
  private static void addProvidersAndProbe(Path out) throws IOException {
    Path templateFile = out.resolve("template.yaml");
    String template = Files.readString(templateFile);
    String auth = "      AuthenticationType: AMAZON_COGNITO_USER_POOLS\n";
    assertTrue(template.contains(auth), "the generated API uses user pools");
    template = template.replace(auth, auth + """
              AdditionalAuthenticationProviders:
                - AuthenticationType: API_KEY
                - AuthenticationType: AWS_IAM
        """);
    String resources = """
          HarnessApiKey:
            Type: AWS::AppSync::ApiKey
            Properties:
              ApiId:
                Fn::GetAtt: [GraphQLApi, ApiId]
          HarnessProbeDataSource:
            Type: AWS::AppSync::DataSource
            Properties:
              ApiId:
                Fn::GetAtt: [GraphQLApi, ApiId]
              Name: HarnessProbe
              Type: NONE
          HarnessWhoAmIResolver:
            Type: AWS::AppSync::Resolver
            Properties:
              ApiId:
                Fn::GetAtt: [GraphQLApi, ApiId]
              TypeName: Query
              FieldName: harnessWhoAmI
              DataSourceName:
                Fn::GetAtt: [HarnessProbeDataSource, Name]
              RequestMappingTemplate: '{"version": "2017-02-28", "payload": {}}'
              ResponseMappingTemplate: |
                #set($out = {"authType": $util.authType(), "identity": $ctx.identity})
                $util.toJson($util.toJson($out))

        """;
    int outputs = template.indexOf("\nOutputs:");
    assertTrue(outputs > 0, "the template has Outputs");
    template = template.substring(0, outputs + 1) + resources + template.substring(outputs + 1);
    Files.writeString(templateFile, template);

    Path schemaFile = out.resolve("appsync/schema.graphql");
    String schema = Files.readString(schemaFile);
    assertTrue(schema.contains("type Query {\n"), schema);
    Files.writeString(schemaFile, schema.replace("type Query {\n",
        "type Query {\n  harnessWhoAmI: String @aws_api_key @aws_iam @aws_cognito_user_pools\n"));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
