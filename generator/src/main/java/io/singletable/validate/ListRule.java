package io.singletable.validate;

import graphql.language.FieldDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.NonNullType;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ST062: a {@code @list} field is a {@code Query} field declared as {@code [T]} or {@code TConnection} of a model,
 * union or interface; each {@code by} field is a stored field of every member, of one type that has a single
 * spelling per value (ID, String, Int, Boolean, AWSEmail, AWSURL, AWSPhone or an enum: a Float or a date-time can be
 * written two ways, so equality on the stored text would miss items), named once; and the field declares exactly one
 * non-null argument per {@code by} field, with its name and type, and no other (limit, nextToken and sortDirection are
 * generated).
 */
final class ListRule implements SchemaRule {
  static final Set<String> BY_TYPES = Set.of("ID", "String", "Int", "Boolean", "AWSEmail", "AWSURL", "AWSPhone");
  private static final Set<String> GENERATED = Set.of("limit", "nextToken", "sortDirection");

  @Override
  public String code() {
    return "ST062";
  }

  @Override
  public String summary() {
    return "@list field not on Query, not [T] or TConnection of a model, or its by fields and arguments disagree";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelFields.WithDirective w : ModelFields.using(index, "list")) {
      FieldDefinition field = w.field();
      if (!w.owner().getName().equals(Roots.QUERY)) {
        out.error(code(), Spans.of(index, w.directive()), "@list on " + w.label() + " belongs on a field of Query "
            + "(a list of one item's related items is @hasMany)");
        continue;
      }
      var type = field.getType();
      String element = index.relationElement(field);
      boolean shapeOk = SchemaIndex.isList(type)
          ? !SchemaIndex.isNestedList(type) && !index.isGeneratedConnection(element)
          : index.isConnectionField(field);
      if (!shapeOk || (index.isDefined(element) && !index.isRelationTarget(element))) {
        out.error(code(), Spans.of(index, field), "@list field " + w.label() + " must be declared as [T] or "
            + "TConnection with T a @model type, union or interface; found " + ArgumentValueRule.print(type));
        continue;
      }
      List<String> by = index.listArg(w.directive(), "by");
      Set<String> seen = new HashSet<>();
      for (String b : by) {
        if (!seen.add(b)) {
          out.error(code(), Spans.of(index, w.directive()), "@list(by:) on " + w.label() + " names " + b + " twice");
          continue;
        }
        checkByField(index, w, b, out);
      }
      for (InputValueDefinition a : field.getInputValueDefinitions()) {
        if (GENERATED.contains(a.getName())) {
          out.error(code(), Spans.of(index, a), "@list field " + w.label() + " cannot declare argument " + a.getName()
              + "; the generator adds limit, nextToken and sortDirection");
        } else if (!by.contains(a.getName())) {
          out.error(code(), Spans.of(index, a), "@list field " + w.label() + " declares argument " + a.getName()
              + ", which is not one of its by fields (" + (by.isEmpty() ? "none" : String.join(", ", by)) + ")");
        }
      }
      for (String b : seen) {
        if (GENERATED.contains(b)) {
          out.error(code(), Spans.of(index, w.directive()), "@list(by: \"" + b + "\") on " + w.label()
              + " would take the name of the argument the generator adds; rename the field");
        }
      }
      for (String b : by) {
        Optional<InputValueDefinition> arg = field.getInputValueDefinitions().stream()
            .filter(a -> a.getName().equals(b)).findFirst();
        List<String> targets = RelationTargets.concrete(index, field);
        Optional<FieldDefinition> stored = targets.isEmpty() ? Optional.empty() : index.field(targets.get(0), b);
        String expected = stored.map(f -> SchemaIndex.unwrap(f.getType())).orElse(null);
        if (expected == null) {
          continue; // no such field: reported above
        }
        if (arg.isEmpty()) {
          out.error(code(), Spans.of(index, field), "@list field " + w.label() + " lists by " + b + ", so it declares "
              + "the argument " + b + ": " + expected + "!");
        } else if ((!(arg.get().getType() instanceof NonNullType)
            || SchemaIndex.isList(arg.get().getType()) || !SchemaIndex.unwrap(arg.get().getType()).equals(expected))) {
          out.error(code(), Spans.of(index, arg.get()), "argument " + b + " of @list field " + w.label() + " must be "
              + expected + "! (the type of the field it equals); found " + ArgumentValueRule.print(arg.get().getType()));
        }
      }
    }
  }

  private static void checkByField(SchemaIndex index, ModelFields.WithDirective w, String b, Diagnostics out) {
    String firstType = null;
    String firstMember = null;
    for (String target : RelationTargets.concrete(index, w.field())) {
      Optional<FieldDefinition> f = index.field(target, b);
      String where = "@list(by: \"" + b + "\") on " + w.label() + ": ";
      if (f.isEmpty() || ModelFields.isRelation(f.get())) {
        out.error("ST062", Spans.of(index, w.directive()), where + target + " has no stored field " + b
            + Suggest.didYouMean(b, index.fields(target).stream().filter(x -> byType(index, x))
                .map(FieldDefinition::getName).toList()));
        continue;
      }
      String type = ArgumentValueRule.print(f.get().getType()).replace("!", "");
      if (!byType(index, f.get())) {
        out.error("ST062", Spans.of(index, w.directive()), where + target + "." + b + " of type " + type
            + " cannot key a list (use ID, String, Int, Boolean, AWSEmail, AWSURL, AWSPhone or an enum: a Float, a "
            + "date or a time can be written in more than one way)");
      } else if (firstType == null) {
        firstType = type;
        firstMember = target;
      } else if (!firstType.equals(type)) {
        out.error("ST062", Spans.of(index, w.directive()), where + target + "." + b + " is " + type + " but "
            + firstMember + "." + b + " is " + firstType + "; every member must give it the same type");
      }
    }
  }

  static boolean byType(SchemaIndex index, FieldDefinition f) {
    String name = SchemaIndex.unwrap(f.getType());
    return !SchemaIndex.isList(f.getType()) && !ModelFields.isRelation(f)
        && (BY_TYPES.contains(name) || index.isEnum(name));
  }
}
