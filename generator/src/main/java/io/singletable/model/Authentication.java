package io.singletable.model;

/** How clients authenticate to the AppSync API. */
public enum Authentication {
  /** An API key (default): the template creates one, without an expiry date so output stays deterministic. */
  API_KEY,
  /** Signed AWS requests (IAM). */
  AWS_IAM,
  /** A Cognito user pool, named by the template's {@code UserPoolId} parameter. */
  AMAZON_COGNITO_USER_POOLS
}
