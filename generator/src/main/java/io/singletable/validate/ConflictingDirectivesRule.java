package io.singletable.validate;

import graphql.language.Directive;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** ST023: a field carries at most one of the relation/unique/operation directives. */
final class ConflictingDirectivesRule implements SchemaRule {
  private static final Set<String> EXCLUSIVE =
      Set.of("hasMany", "list", "manyToMany", "belongsTo", "hasOne", "unique", "get", "create", "update", "delete");

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
      if (ds.isEmpty()) {
        continue;
      }
      String first = ds.get(0).getName();
      List<String> reported = new ArrayList<>();
      for (Directive d : ds) { // each other role once; a repeated directive is ST006's
        if (!d.getName().equals(first) && !reported.contains(d.getName())) {
          reported.add(d.getName());
          out.error(code(), Spans.of(index, d), o.label() + " combines @" + first + " and @" + d.getName()
              + "; a field has one role");
        }
      }
    }
  }
}
