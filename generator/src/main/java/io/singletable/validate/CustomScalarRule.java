package io.singletable.validate;

import graphql.language.ScalarTypeDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;

/** ST008: AppSync has no custom scalars: only GraphQL's and the AWS* scalars exist. */
final class CustomScalarRule implements SchemaRule {
  @Override
  public String code() {
    return "ST008";
  }

  @Override
  public String summary() {
    return "custom scalar (AppSync supports only the built-in and AWS* scalars)";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (var d : index.parsed().userDefinitions()) {
      if (d instanceof ScalarTypeDefinition s) {
        out.error(code(), Spans.of(index, s), "custom scalar " + s.getName()
            + " is not supported by AppSync; use String or one of the AWS scalars (AWSDateTime, AWSJSON, …)");
      }
    }
  }
}
