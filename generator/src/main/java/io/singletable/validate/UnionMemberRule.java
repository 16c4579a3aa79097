package io.singletable.validate;

import graphql.language.Definition;
import graphql.language.Type;
import graphql.language.UnionTypeDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;

/** ST051: the members of a union are object types (not scalars, enums, inputs, interfaces or unions). */
final class UnionMemberRule implements SchemaRule {
  @Override
  public String code() {
    return "ST051";
  }

  @Override
  public String summary() {
    return "union member that is not an object type";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (Definition<?> d : index.parsed().userDefinitions()) {
      if (d instanceof UnionTypeDefinition u) {
        for (Object m : u.getMemberTypes()) {
          String name = SchemaIndex.unwrap((Type<?>) m);
          if (index.isDefined(name) && index.object(name).isEmpty()) { // unknown names: ST005
            out.error(code(), Spans.of(index, (Type<?>) m), "union " + u.getName() + ": its member "
                + GraphQLTypes.describe(index, name) + " is not an object type; union members must be object types");
          }
        }
      }
    }
  }
}
