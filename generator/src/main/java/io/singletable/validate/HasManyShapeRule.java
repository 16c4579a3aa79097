package io.singletable.validate;

import graphql.language.InputValueDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.Set;

/**
 * ST015: a {@code @hasMany} field is {@code [T]} or {@code TConnection} with {@code T} a model,
 * union or interface, on a {@code @model} type, with no arguments but the generated ones.
 */
final class HasManyShapeRule implements SchemaRule {
  private static final Set<String> ARGS = Set.of("limit", "nextToken", "sortDirection");

  @Override
  public String code() {
    return "ST015";
  }

  @Override
  public String summary() {
    return "@hasMany field not declared as [T] or TConnection of a model, union or interface";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelFields.WithDirective w : ModelFields.using(index, "hasMany")) {
      var type = w.field().getType();
      String element = index.relationElement(w.field());
      // a list of a generated connection ([CowConnection]) names no model: the connection stands alone
      boolean shapeOk = SchemaIndex.isList(type)
          ? !SchemaIndex.isNestedList(type) && !index.isGeneratedConnection(element)
          : index.isConnectionField(w.field());
      // an undefined element type is ST005's finding alone
      if (!shapeOk || (index.isDefined(element) && !index.isRelationTarget(element))) {
        out.error(code(), Spans.of(index, w.field()), "@hasMany field " + w.label() + " must be declared as [T] or "
            + "TConnection with T a @model type, union or interface; found " + ArgumentValueRule.print(type));
      }
      for (InputValueDefinition a : w.field().getInputValueDefinitions()) {
        if (!ARGS.contains(a.getName())) {
          out.error(code(), Spans.of(index, a), "@hasMany field " + w.label() + " cannot declare argument "
              + a.getName() + "; the generator adds limit, nextToken and sortDirection");
        }
      }
    }
  }
}
