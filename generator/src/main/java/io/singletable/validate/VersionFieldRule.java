package io.singletable.validate;

import graphql.language.FieldDefinition;
import graphql.language.NonNullType;
import graphql.language.TypeName;
import io.singletable.diag.Diagnostics;
import io.singletable.model.EntityModel;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;

/**
 * ST061: on a {@code @model(versioned: true)} type, a declared {@code version} is the stored version the resolvers
 * set: {@code Int!} (or {@code Int}, for a type whose items stored before it was versioned are read with no
 * version), not a relation, not {@code @unique}; and no field is named {@code expectedVersion}, the name of the
 * update input field and delete argument that carries the version a caller expects.
 */
final class VersionFieldRule implements SchemaRule {
  @Override
  public String code() {
    return "ST061";
  }

  @Override
  public String summary() {
    return "on a @model(versioned: true) type, a version field that is not Int! or Int (or a relation or @unique), "
        + "or a field named expectedVersion";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ModelFields.Owned o : ModelFields.ofModels(index)) {
      if (!index.versioned(o.ownerName())) {
        continue;
      }
      FieldDefinition f = o.field();
      if (f.getName().equals(EntityModel.VERSION)) {
        String problem = null;
        if (!isInt(f.getType())) {
          problem = "must be Int! (or Int), found " + ArgumentValueRule.print(f.getType());
        } else if (ModelFields.isRelation(f) || f.hasDirective("unique")) {
          problem = "cannot be " + (f.hasDirective("unique") ? "@unique" : "a relation");
        }
        if (problem != null) {
          out.error(code(), Spans.of(index, f), o.label() + " " + problem + ": @model(versioned: true) stores the "
              + "item's version in it, 1 on create and one more on every update (leave it out and it is added as "
              + "version: Int!)");
        }
      } else if (f.getName().equals(EntityModel.EXPECTED_VERSION)) {
        out.error(code(), Spans.of(index, f), o.label() + ": the name " + EntityModel.EXPECTED_VERSION + " is "
            + "reserved on a @model(versioned: true) type: its update input and delete take it for the version the "
            + "caller expects");
      }
    }
  }

  /** {@code Int} or {@code Int!}. */
  static boolean isInt(graphql.language.Type<?> t) {
    graphql.language.Type<?> bare = t instanceof NonNullType n ? n.getType() : t;
    return bare instanceof TypeName name && name.getName().equals("Int");
  }
}
