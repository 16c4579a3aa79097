package io.singletable.validate;

import graphql.language.Definition;
import graphql.language.DirectiveDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.List;

/**
 * ST053: input types only where values come in (arguments, input fields: scalars, enums, input
 * types), output types only where they go out (fields: anything but input types).
 */
final class TypePositionRule implements SchemaRule {
  private static final List<String> OPERATIONS = List.of("get", "create", "update", "delete");

  @Override
  public String code() {
    return "ST053";
  }

  @Override
  public String summary() {
    return "an object, interface or union type as an argument or input field, or an input type as a field's type";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (Definition<?> d : index.parsed().userDefinitions()) {
      if (d instanceof ImplementingTypeDefinition<?> t) {
        for (FieldDefinition f : t.getFieldDefinitions()) {
          String type = SchemaIndex.unwrap(f.getType());
          if (index.isInput(type) && !ModelFields.isRelation(f)) { // relation shapes: ST015, ST021
            out.error(code(), Spans.of(index, f.getType()), t.getName() + "." + f.getName() + " returns "
                + GraphQLTypes.describe(index, type) + "; input types can only be the types of arguments and input "
                + "fields (return an object type)");
          }
          if (OPERATIONS.stream().noneMatch(f::hasDirective)) { // ST031 checks operation arguments
            for (InputValueDefinition a : f.getInputValueDefinitions()) {
              input(index, a, "argument " + t.getName() + "." + f.getName() + "(" + a.getName() + ":)", out);
            }
          }
        }
      } else if (d instanceof InputObjectTypeDefinition in) {
        for (InputValueDefinition v : in.getInputValueDefinitions()) {
          input(index, v, "input field " + in.getName() + "." + v.getName(), out);
        }
      } else if (d instanceof DirectiveDefinition dd) {
        for (InputValueDefinition a : dd.getInputValueDefinitions()) {
          input(index, a, "argument @" + dd.getName() + "(" + a.getName() + ":)", out);
        }
      }
    }
  }

  private void input(SchemaIndex index, InputValueDefinition v, String what, Diagnostics out) {
    String type = SchemaIndex.unwrap(v.getType());
    if (index.isDefined(type) && !GraphQLTypes.isInputType(index, type)) {
      out.error(code(), Spans.of(index, v.getType()), what + " has " + GraphQLTypes.describe(index, type)
          + ", which is an output type; arguments and input fields take scalars, enums and input types");
    }
  }
}
