package io.singletable.validate;

import graphql.language.Directive;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import java.util.List;
import java.util.Set;

/** ST023: a field carries at most one of the relation/unique/operation directives. */
final class ConflictingDirectivesRule implements SchemaRule {
  private static final Set<String> EXCLUSIVE =
      Set.of("hasMany", "belongsTo", "hasOne", "unique", "get", "create", "update", "delete");

  @Override
  public String code() {
    return "ST023";
  }

  @Override
  public String summary() {
    return "more than one relation/unique/operation directive on one field";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelFields.Owned o : ModelFields.all(index)) {
      List<Directive> ds = o.field().getDirectives().stream().filter(d -> EXCLUSIVE.contains(d.getName())).toList();
      if (ds.size() > 1 && !ds.stream().allMatch(d -> d.getName().equals(ds.get(0).getName()))) {
        out.error(code(), SchemaIndex.span(ds.get(1)), o.label() + " combines @" + ds.get(0).getName()
            + " and @" + ds.get(1).getName() + "; a field has one role");
      }
    }
  }
}
