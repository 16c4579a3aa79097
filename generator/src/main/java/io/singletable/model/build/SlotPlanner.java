package io.singletable.model.build;

import io.singletable.diag.Diagnostics;
import io.singletable.model.EntityModel;
import io.singletable.model.IndexSlotModel;
import io.singletable.model.RelationKind;
import io.singletable.model.RelationModel;
import io.singletable.parse.SchemaIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Assigns each {@code @hasMany} relation its GSI slot through {@link IndexSlotAllocator}. */
final class SlotPlanner {
  /** Entities with slotted relations, the slotted lists, and the slots. */
  record Result(List<EntityModel> entities, List<IndexSlotModel> slots, List<RelationModel> lists) {}

  static final String CODE = "ST041";
  private final SchemaIndex index;

  SlotPlanner(SchemaIndex index) {
    this.index = index;
  }

  Result plan(List<EntityModel> entities, List<RelationModel> lists, int maxIndexes, Diagnostics out) {
    List<IndexSlotAllocator.Demand> demands = new ArrayList<>();
    for (RelationModel r : indexed(entities, lists)) {
      if (!r.indexedTypes().isEmpty()) {
        demands.add(new IndexSlotAllocator.Demand(r.id(), new TreeSet<>(r.indexedTypes())));
      }
    }
    IndexSlotAllocator.Plan plan = IndexSlotAllocator.allocate(demands, maxIndexes);
    report(plan, indexed(entities, lists), maxIndexes, out);
    List<EntityModel> slotted = new ArrayList<>();
    List<RelationModel> all = new ArrayList<>();
    for (EntityModel e : entities) {
      List<RelationModel> rels = new ArrayList<>();
      for (RelationModel r : e.relations()) {
        RelationModel s = r.withSlot(plan.slotByRelation().getOrDefault(r.id(), 0));
        rels.add(s);
        all.add(s);
      }
      slotted.add(new EntityModel(e.name(), e.description(), e.fields(), e.operations(), e.uniques(), rels,
          e.abstractTypes(), e.span(), e.auth(), e.versioned(), e.subscriptions()));
    }
    List<RelationModel> slottedLists = new ArrayList<>();
    for (RelationModel r : lists) {
      RelationModel s = r.withSlot(plan.slotByRelation().getOrDefault(r.id(), 0));
      slottedLists.add(s);
      all.add(s);
    }
    List<IndexSlotModel> slots = new ArrayList<>();
    for (int s = 1; s <= plan.slotCount(); s++) {
      final int slot = s;
      slots.add(new IndexSlotModel(slot, all.stream().filter(r -> r.slot() == slot).toList()));
    }
    return new Result(slotted, slots, slottedLists);
  }

  /** The {@code @hasMany} relations of the entities, then the lists. */
  private static List<RelationModel> indexed(List<EntityModel> entities, List<RelationModel> lists) {
    List<RelationModel> out = new ArrayList<>();
    entities.forEach(e -> e.relations().stream().filter(r -> r.kind() == RelationKind.HAS_MANY || r.manyToMany())
        .forEach(out::add));
    out.addAll(lists);
    return out;
  }

  private void report(IndexSlotAllocator.Plan plan, List<RelationModel> indexed, int max, Diagnostics out) {
    for (String type : plan.typesOverLimit()) {
      List<String> incoming = indexed.stream().filter(r -> r.indexedTypes().contains(type))
          .map(RelationModel::id).sorted().toList();
      // a join type is not declared: point at the first relation storing its attributes there
      var span = index.object(type).map(index::locate).orElseGet(() -> indexed.stream()
          .filter(r -> r.indexedTypes().contains(type)).findFirst().orElseThrow().span());
      out.error(CODE, span, type + " carries the index attributes of " + incoming.size() + " @hasMany/@list field"
          + (incoming.size() == 1 ? "" : "s") + " (" + String.join(", ", incoming) + "); with the relations that share "
          + "their targets they need more than maxIndexes = " + max + " GSI" + (max == 1 ? "" : "s")
          + "; raise maxIndexes (DynamoDB allows 20) or remove relations");
    }
  }
}
