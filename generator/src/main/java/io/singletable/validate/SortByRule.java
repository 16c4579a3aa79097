package io.singletable.validate;

import graphql.language.FieldDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.Optional;
import java.util.Set;

/**
 * ST013: every {@code sortBy} field exists on every related type, is a sortable scalar or enum
 * (not a list, not AWSJSON), and has the same type in every member of an abstract target.
 */
final class SortByRule implements SchemaRule {
  static final Set<String> SORTABLE = Set.of("ID", "String", "Int", "Float", "Boolean", "AWSDate",
      "AWSDateTime", "AWSTime", "AWSTimestamp", "AWSEmail", "AWSURL", "AWSPhone", "AWSIPAddress");

  @Override
  public String code() {
    return "ST013";
  }

  @Override
  public String summary() {
    return "@hasMany/@list(sortBy:) field missing, of an unsortable type, or typed differently across members";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelFields.WithDirective w : ModelFields.indexed(index)) {
      for (String sort : index.listArg(w.directive(), "sortBy")) {
        String firstType = null;
        String firstMember = null;
        for (String target : RelationTargets.concrete(index, w.field())) {
          Optional<FieldDefinition> f = index.field(target, sort);
          String where = "@" + w.directive().getName() + "(sortBy: \"" + sort + "\") on " + w.label() + ": ";
          if (f.isEmpty()) {
            out.error(code(), Spans.of(index, w.directive()), where + target + " has no field " + sort
                + Suggest.didYouMean(sort, index.fields(target).stream().filter(x -> sortable(index, x))
                    .map(x -> x.getName()).toList()));
            continue;
          }
          String type = ArgumentValueRule.print(f.get().getType()).replace("!", "");
          if (!sortable(index, f.get())) {
            out.error(code(), Spans.of(index, w.directive()), where + target + "." + sort
                + " of type " + type + " cannot be sorted on (use a scalar or enum, not a list or AWSJSON)");
          } else if (firstType == null) {
            firstType = type;
            firstMember = target;
          } else if (!firstType.equals(type)) {
            out.error(code(), Spans.of(index, w.directive()), where + target + "." + sort + " is " + type
                + " but " + firstMember + "." + sort + " is " + firstType
                + "; every member must give it the same type");
          }
        }
      }
    }
  }

  static boolean sortable(SchemaIndex index, FieldDefinition f) {
    String name = SchemaIndex.unwrap(f.getType());
    return !SchemaIndex.isList(f.getType()) && (SORTABLE.contains(name) || index.isEnum(name));
  }
}
