package io.singletable.model;

/** {@code provider:} of an {@code @auth} rule: how the callers it admits authenticate to AppSync. */
public enum AuthProvider {
  USER_POOLS("userPools", "AMAZON_COGNITO_USER_POOLS", "aws_cognito_user_pools"),
  IAM("iam", "AWS_IAM", "aws_iam"),
  API_KEY("apiKey", "API_KEY", "aws_api_key");

  private final String graphqlName;
  private final String authenticationType;
  private final String directive;

  AuthProvider(String graphqlName, String authenticationType, String directive) {
    this.graphqlName = graphqlName;
    this.authenticationType = authenticationType;
    this.directive = directive;
  }

  /** The value's name in the schema ({@code userPools}, {@code iam}, {@code apiKey}). */
  public String graphqlName() {
    return graphqlName;
  }

  /** AppSync's {@code AuthenticationType} of this provider. */
  public String authenticationType() {
    return authenticationType;
  }

  /** The AppSync directive admitting this provider's callers to a type or field, without {@code @}. */
  public String directive() {
    return directive;
  }

  /** The provider of a schema value, or null. */
  public static AuthProvider ofGraphqlName(String name) {
    for (AuthProvider p : values()) {
      if (p.graphqlName.equals(name)) {
        return p;
      }
    }
    return null;
  }

  /** The provider of the API's {@link Authentication}. */
  public static AuthProvider of(Authentication authentication) {
    return switch (authentication) {
      case API_KEY -> API_KEY;
      case AWS_IAM -> IAM;
      case AMAZON_COGNITO_USER_POOLS -> USER_POOLS;
    };
  }
}
