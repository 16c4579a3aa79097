package io.singletable.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole backend as the renderers see it: immutable, sorted where order is not the author's.
 * The lookups the renderers make per entity and per operation (an entity by name, the relations
 * targeting a type) are indexed once, so rendering stays linear in the schema's size.
 */
public final class ServiceModel {
  private final KeyStrategy keyStrategy;
  private final List<EntityModel> entities;
  private final List<AbstractTypeModel> abstractTypes;
  private final List<EnumModel> enums;
  private final Map<String, EnumModel> enumByName = new HashMap<>();
  private final StorageLayout layout;
  private final List<OperationModel> operations;
  private final List<IndexSlotModel> slots;
  private final Map<String, EntityModel> entityByName = new HashMap<>();
  private final List<RelationModel> relations;
  private final List<RelationModel> indexedRelations;
  private final List<RelationModel> lists;
  private final List<ManyToManyModel> manyToMany;
  private final Map<String, List<RelationModel>> targeting = new HashMap<>();

  /**
   * @param keyStrategy node key layout
   * @param entities {@code @model} types in source order
   * @param abstractTypes unions/interfaces over models, in source order
   * @param enums the declared GraphQL enums, in source order
   * @param operations root operations: Query then Mutation, each in declaration order, defaults after
   * @param slots GSI slots in slot order
   * @param lists the {@code @list} Query fields, in declaration order
   */
  public ServiceModel(KeyStrategy keyStrategy, List<EntityModel> entities, List<AbstractTypeModel> abstractTypes,
      List<EnumModel> enums, List<OperationModel> operations, List<IndexSlotModel> slots, List<RelationModel> lists) {
    this.keyStrategy = keyStrategy;
    this.layout = new StorageLayout(keyStrategy);
    this.enums = List.copyOf(enums);
    for (EnumModel e : this.enums) {
      enumByName.putIfAbsent(e.name(), e);
    }
    this.entities = List.copyOf(entities);
    this.abstractTypes = List.copyOf(abstractTypes);
    this.operations = List.copyOf(operations);
    this.slots = List.copyOf(slots);
    List<RelationModel> all = new ArrayList<>();
    for (EntityModel e : this.entities) {
      entityByName.putIfAbsent(e.name(), e);
      all.addAll(e.relations());
    }
    this.lists = List.copyOf(lists);
    all.addAll(this.lists);
    this.relations = List.copyOf(all);
    this.indexedRelations = relations.stream().filter(r -> r.indexed() || r.manyToMany()).toList();
    Map<String, List<RelationModel>> sides = new java.util.TreeMap<>();
    relations.stream().filter(RelationModel::manyToMany)
        .forEach(r -> sides.computeIfAbsent(r.joinType(), k -> new ArrayList<>()).add(r));
    List<ManyToManyModel> pairs = new ArrayList<>();
    sides.forEach((name, rs) -> {
      if (rs.size() == 2) { // validation refuses every other count
        List<RelationModel> ordered = new ArrayList<>(rs);
        ordered.sort(java.util.Comparator.comparing(RelationModel::owner));
        pairs.add(new ManyToManyModel(name, ordered.get(0), ordered.get(1)));
      }
    });
    this.manyToMany = List.copyOf(pairs);
    Map<String, List<RelationModel>> byTarget = new HashMap<>();
    for (RelationModel r : indexedRelations) {
      for (String t : r.indexedTypes()) {
        byTarget.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
      }
    }
    byTarget.forEach((t, rs) -> targeting.put(t, List.copyOf(rs)));
  }

  /** Node key layout. */
  public KeyStrategy keyStrategy() {
    return keyStrategy;
  }

  /** The storage layout: key formats of this model's items (SPEC §3). */
  public StorageLayout layout() {
    return layout;
  }

  /** The declared GraphQL enums, in source order. */
  public List<EnumModel> enums() {
    return enums;
  }

  public Optional<EnumModel> enumType(String name) {
    return Optional.ofNullable(enumByName.get(name));
  }

  /** {@code @model} types in source order. */
  public List<EntityModel> entities() {
    return entities;
  }

  /** Unions/interfaces over models, in source order. */
  public List<AbstractTypeModel> abstractTypes() {
    return abstractTypes;
  }

  /** Root operations: Query then Mutation, each in declaration order, defaults after. */
  public List<OperationModel> operations() {
    return operations;
  }

  /** GSI slots in slot order. */
  public List<IndexSlotModel> slots() {
    return slots;
  }

  public Optional<EntityModel> entity(String name) {
    return Optional.ofNullable(entityByName.get(name));
  }

  /** Every relation of every entity, in entity then field order, then the {@code @list} Query fields. */
  public List<RelationModel> relations() {
    return relations;
  }

  /**
   * The relations served by a GSI slot: the {@code @hasMany} and {@code @manyToMany} relations, then the {@code @list}
   * Query fields.
   */
  public List<RelationModel> indexedRelations() {
    return indexedRelations;
  }

  /** The {@code @manyToMany} relations, by name. */
  public List<ManyToManyModel> manyToMany() {
    return manyToMany;
  }

  /** The {@code @manyToMany} relation one of whose sides is {@code r}. */
  public java.util.Optional<ManyToManyModel> manyToManyOf(RelationModel r) {
    return manyToMany.stream().filter(m -> m.a().id().equals(r.id()) || m.b().id().equals(r.id())).findFirst();
  }

  /** The {@code @list} Query fields, in declaration order. */
  public List<RelationModel> lists() {
    return lists;
  }

  /** Every provider an {@code @auth} rule of a type or field names, in enum order. */
  public java.util.Set<AuthProvider> authProviders() {
    java.util.Set<AuthProvider> out = java.util.EnumSet.noneOf(AuthProvider.class);
    for (EntityModel e : entities) {
      out.addAll(e.auth().providers());
      e.fields().forEach(f -> out.addAll(f.auth().providers()));
    }
    return out;
  }

  /**
   * The providers the API admits besides its default ({@code authentication}): every provider a rule names that is
   * not the default one, in enum order. Empty for a schema without {@code @auth} (or whose rules name only the
   * default).
   */
  public java.util.Set<AuthProvider> additionalAuthProviders(Authentication authentication) {
    java.util.Set<AuthProvider> out = authProviders();
    out.remove(AuthProvider.of(authentication));
    return out;
  }

  /** Every provider the API admits: the default ({@code authentication}) and the additional ones, in enum order. */
  public java.util.Set<AuthProvider> apiAuthProviders(Authentication authentication) {
    java.util.Set<AuthProvider> out = authProviders();
    out.add(AuthProvider.of(authentication));
    return out;
  }

  /** The indexed relations ({@code @hasMany}, {@code @list}) whose targets include {@code entity}, in relation order. */
  public List<RelationModel> relationsTargeting(String entity) {
    return targeting.getOrDefault(entity, List.of());
  }
}
