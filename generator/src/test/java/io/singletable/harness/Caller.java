package io.singletable.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who calls the API, as AppSync tells callers apart: the HTTP headers a client of that kind sends.
 *
 * <ul>
 *   <li>{@link #apiKey()}: {@code x-api-key} with the harness's key ({@value #HARNESS_API_KEY});
 *   <li>{@link #user(String, String...)}: a Cognito user pool user, {@code Authorization: <ID token>}. The
 *       simulator decodes the token without checking its signature, so tests forge any claims
 *       ({@link #withClaim}, {@link #withoutClaim}, {@link #idToken(Map)}); the harness checks, as AppSync does,
 *       the issuer (one of the API's user pools: {@value #USER_POOL_ISSUER}) and {@code exp};
 *   <li>{@link #iam(boolean)}: a SigV4-signed caller with Cognito identity-pool credentials, authenticated
 *       or not ({@code $ctx.identity.cognitoIdentityAuthType}); {@link #iamPrincipal()} a plain IAM principal
 *       (no Cognito identity). The simulator does not check signatures: the access key id decides;
 *   <li>{@link #anonymous()}: no credentials; {@link #authorization(String)}: any raw {@code Authorization}.
 * </ul>
 *
 * <p>Values, immutable; {@link #headers()} is what {@link AppSyncSimulator#graphql(Caller, String, Map)} sends.
 */
public final class Caller {

  /** The API key of the harness (the simulator accepts it when API_KEY is a provider of the API). */
  public static final String HARNESS_API_KEY = "da2-singletableharness0000000";
  /** The harness's user pool: the value it gives the template's {@code UserPoolId} parameter. */
  public static final String USER_POOL_ID = "us-east-1_TEST";
  /** The issuer ({@code iss}) of the harness's user pool tokens. */
  public static final String USER_POOL_ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/" + USER_POOL_ID;
  /** The app client id ({@code aud}) of the tokens {@link #user} builds. */
  public static final String CLIENT_ID = "harnessclient0000000000000";
  /** The access key id of an authenticated Cognito identity-pool caller. */
  public static final String IAM_AUTHENTICATED_KEY_ID = "ASIAHARNESSAUTHENTICATED";
  /** The access key id of an unauthenticated Cognito identity-pool caller. */
  public static final String IAM_UNAUTHENTICATED_KEY_ID = "ASIAHARNESSUNAUTHENTICATED";
  /** The access key id of {@link #iamPrincipal()}. */
  public static final String IAM_PRINCIPAL_KEY_ID = "AKIAHARNESSIAMUSER";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JWT_HEADER = "{\"alg\":\"RS256\",\"kid\":\"test\"}";
  private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

  private final String description;
  private final Map<String, String> headers;
  private final Map<String, Object> claims;

  private Caller(String description, Map<String, String> headers, Map<String, Object> claims) {
    this.description = description;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.claims = claims == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(claims));
  }

  /** A client with the harness's API key. */
  public static Caller apiKey() {
    return apiKey(HARNESS_API_KEY);
  }

  /** A client sending {@code key} as its API key. */
  public static Caller apiKey(String key) {
    return new Caller("API key " + key, Map.of("x-api-key", key), null);
  }

  /**
   * A user of the harness's user pool with an ID token: {@code sub}, {@code cognito:username} (= sub),
   * {@code cognito:groups} (omitted when {@code groups} is empty), {@code email} ({@code <sub>@example.com}),
   * {@code iss}, {@code token_use} {@code id}, {@code aud}, {@code iat} now, {@code exp} in an hour.
   */
  public static Caller user(String sub, String... groups) {
    Objects.requireNonNull(sub, "sub");
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", sub);
    if (groups.length > 0) {
      claims.put("cognito:groups", List.copyOf(Arrays.asList(groups)));
    }
    claims.put("email", sub + "@example.com");
    claims.put("email_verified", true);
    claims.put("iss", USER_POOL_ISSUER);
    claims.put("cognito:username", sub);
    claims.put("aud", CLIENT_ID);
    claims.put("token_use", "id");
    claims.put("auth_time", now);
    claims.put("iat", now);
    claims.put("exp", now + TOKEN_LIFETIME.toSeconds());
    return idToken(claims);
  }

  /** A caller with an ID token of exactly these claims (values: strings, numbers, booleans, lists, maps). */
  public static Caller idToken(Map<String, Object> claims) {
    Map<String, Object> copy = new LinkedHashMap<>(claims);
    return new Caller("user " + copy.get("sub"), Map.of("Authorization", jwt(copy)), copy);
  }

  /** This user's token with {@code claim} set to {@code value} (e.g. another user's {@code sub}, a single group). */
  public Caller withClaim(String claim, Object value) {
    Map<String, Object> changed = new LinkedHashMap<>(requireClaims());
    changed.put(claim, value);
    return idToken(changed);
  }

  /** This user's token without {@code claim}. */
  public Caller withoutClaim(String claim) {
    Map<String, Object> changed = new LinkedHashMap<>(requireClaims());
    changed.remove(claim);
    return idToken(changed);
  }

  /** This user's token with {@code cognito:groups} set to these groups (none: the claim is left out). */
  public Caller withGroups(String... groups) {
    return groups.length == 0 ? withoutClaim("cognito:groups") : withClaim("cognito:groups", List.of(groups));
  }

  /**
   * A SigV4-signed caller with Cognito identity-pool credentials: {@code $util.authType()} is {@code IAM
   * Authorization}, {@code $ctx.identity.cognitoIdentityAuthType} {@code authenticated} or {@code
   * unauthenticated}, {@code cognitoIdentityId} and {@code cognitoIdentityPoolId} set.
   */
  public static Caller iam(boolean authenticated) {
    return signed(authenticated ? IAM_AUTHENTICATED_KEY_ID : IAM_UNAUTHENTICATED_KEY_ID,
        "IAM " + (authenticated ? "authenticated" : "unauthenticated") + " identity-pool caller");
  }

  /** A SigV4-signed IAM principal without a Cognito identity ({@code cognitoIdentityId} null). */
  public static Caller iamPrincipal() {
    return signed(IAM_PRINCIPAL_KEY_ID, "IAM principal");
  }

  /** No credentials at all. */
  public static Caller anonymous() {
    return new Caller("anonymous", Map.of(), null);
  }

  /** A caller sending this {@code Authorization} header, as is (a malformed token, say). */
  public static Caller authorization(String header) {
    return new Caller("Authorization " + header, Map.of("Authorization", header), null);
  }

  /** The headers this caller sends with each request. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The token's claims, for a caller made by {@link #user} or {@link #idToken}; else null. */
  public Map<String, Object> claims() {
    return claims;
  }

  /** The ID token ({@code header.payload.signature}, base64url), for a user-pool caller; else null. */
  public String token() {
    return claims == null ? null : headers.get("Authorization");
  }

  @Override
  public String toString() {
    return description;
  }

  private Map<String, Object> requireClaims() {
    if (claims == null) {
      throw new IllegalStateException(description + " has no token claims");
    }
    return claims;
  }

  private static Caller signed(String accessKeyId, String description) {
    String date = "20260101";
    return new Caller(description, Map.of(
        "Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + date + "/us-east-1/appsync/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date, Signature=" + "0".repeat(64),
        "x-amz-date", date + "T000000Z"), null);
  }

  private static String jwt(Map<String, Object> claims) {
    try {
      return base64Url(JWT_HEADER.getBytes(StandardCharsets.UTF_8)) + "."
          + base64Url(JSON.writeValueAsBytes(claims)) + "."
          + base64Url("harness-signature-not-checked".getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("claims not serialisable as JSON: " + claims, e);
    }
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
