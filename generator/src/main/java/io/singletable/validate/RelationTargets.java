package io.singletable.validate;

import graphql.language.FieldDefinition;
import io.singletable.parse.SchemaIndex;
import java.util.List;
import java.util.Optional;

/** The concrete model types behind a relation field; empty when the target is not valid. */
final class RelationTargets {
  private RelationTargets() {}

  static List<String> concrete(SchemaIndex index, FieldDefinition field) {
    String element = index.relationElement(field);
    if (!index.isRelationTarget(element)) {
      return List.of();
    }
    return index.concreteTypes(element).stream().filter(index::isModel).toList();
  }

  static Optional<FieldDefinition> field(SchemaIndex index, String type, String name) {
    return name == null ? Optional.empty() : index.field(type, name);
  }
}
