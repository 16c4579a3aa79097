package io.singletable.validate;

import graphql.language.FieldDefinition;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.TypeName;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.Optional;

/** ST010: a {@code @model} type has a field {@code id: ID!}; {@code @model} is not for Query/Mutation. */
final class ModelIdRule implements SchemaRule {
  @Override
  public String code() {
    return "ST010";
  }

  @Override
  public String summary() {
    return "@model type without id: ID!, or @model on a root type";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ObjectTypeDefinition o : index.userObjects()) {
      if (!o.hasDirective("model")) {
        continue;
      }
      if (Roots.isRoot(o.getName())) {
        out.error(code(), Spans.of(index, o.getDirectives("model").get(0)),
            "@model is not allowed on the root type " + o.getName());
        continue;
      }
      Optional<FieldDefinition> id = index.field(o.getName(), "id");
      if (id.isEmpty()) {
        out.error(code(), Spans.of(index, o), "@model type " + o.getName() + " needs a field id: ID!");
      } else if (!(id.get().getType() instanceof NonNullType nn && nn.getType() instanceof TypeName t
          && t.getName().equals("ID"))) {
        out.error(code(), Spans.of(index, id.get()), o.getName() + ".id must be of type ID!, found "
            + ArgumentValueRule.print(id.get().getType()));
      }
    }
  }
}
