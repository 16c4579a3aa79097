package io.singletable.validate;

import graphql.language.FieldDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;

/** ST016: a union or interface that a relation points at has only {@code @model} members, and at least one. */
final class AbstractMemberRule implements SchemaRule {
  @Override
  public String code() {
    return "ST016";
  }

  @Override
  public String summary() {
    return "relation to a union/interface with a member that is not @model (or with no member)";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelFields.Owned o : ModelFields.all(index)) {
      FieldDefinition f = o.field();
      if (!ModelFields.isRelation(f)) {
        continue;
      }
      String element = index.relationElement(f);
      if (!index.isAbstract(element)) {
        continue;
      }
      var members = index.concreteTypes(element);
      if (members.isEmpty()) {
        out.error(code(), Spans.of(index, f), o.label() + " points at " + element + (index.iface(element).isPresent()
            ? ", an interface that no type implements" : ", a union without member types"));
      }
      for (String m : members) {
        if (!index.isModel(m)) {
          out.error(code(), Spans.of(index, f), o.label() + " points at " + element + ", whose member " + m
              + " is not a @model type");
        }
      }
    }
  }
}
