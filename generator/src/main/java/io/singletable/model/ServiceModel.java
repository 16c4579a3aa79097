package io.singletable.model;

import java.util.List;
import java.util.Optional;

/**
 * The whole backend as the renderers see it: immutable, sorted where order is not the author's.
 *
 * @param keyStrategy node key layout
 * @param entities {@code @model} types in source order
 * @param abstractTypes unions/interfaces over models, in source order
 * @param operations root operations: Query then Mutation, each in declaration order, defaults after
 * @param slots GSI slots in slot order
 */
public record ServiceModel(
    KeyStrategy keyStrategy,
    List<EntityModel> entities,
    List<AbstractTypeModel> abstractTypes,
    List<OperationModel> operations,
    List<IndexSlotModel> slots) {

  public ServiceModel {
    entities = List.copyOf(entities);
    abstractTypes = List.copyOf(abstractTypes);
    operations = List.copyOf(operations);
    slots = List.copyOf(slots);
  }

  public Optional<EntityModel> entity(String name) {
    return entities.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** Every relation of every entity, in entity then field order. */
  public List<RelationModel> relations() {
    return entities.stream().flatMap(e -> e.relations().stream()).toList();
  }

  /** The {@code @hasMany} relations. */
  public List<RelationModel> hasManyRelations() {
    return relations().stream().filter(r -> r.kind() == RelationKind.HAS_MANY).toList();
  }

  /** The {@code @hasMany} relations whose targets include {@code entity}, in relation order. */
  public List<RelationModel> relationsTargeting(String entity) {
    return hasManyRelations().stream().filter(r -> r.concreteTargets().contains(entity)).toList();
  }
}
