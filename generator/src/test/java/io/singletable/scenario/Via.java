package io.singletable.scenario;

/** Which runtime writes: the generated resolvers through GraphQL, or the generated Java data-access class. */
enum Via {
  GRAPHQL,
  JAVA;

  Via other() {
    return this == GRAPHQL ? JAVA : GRAPHQL;
  }
}
