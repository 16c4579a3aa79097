package io.singletable.lock;

import io.singletable.diag.Diagnostics;
import io.singletable.diag.SourceSpan;
import io.singletable.lock.SchemaChange.Kind;
import io.singletable.model.EntityModel;
import io.singletable.model.IndexSlotModel;
import io.singletable.model.RelationModel;
import io.singletable.model.ServiceModel;
import io.singletable.model.StorageLayout;
import io.singletable.model.UniqueModel;
import io.singletable.model.build.IndexSlotAllocator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Honours a lock: keeps every locked relation on its slot (or re-plans with {@code replan}), reserves removed
 * relations' slots, classifies every change against the lock, refuses the ones that would break stored data
 * (ST044), and yields the model to render and the lock to write. Several GSIs created or deleted at once are not
 * refused: template.yaml's parameter {@code IndexCountOf<n>} lets deploy.sh create or delete them one per stack update.
 */
public final class LockPlanner {
  /** A change the stored data cannot follow. */
  public static final String REFUSED = "ST044";
  /** More slots than maxIndexes (as {@code ModelBuilder} reports it). */
  static final String TOO_MANY = "ST041";

  /**
   * The outcome.
   *
   * @param model the model with the slots to render
   * @param lock the lock to write
   * @param previous the lock read, or null on the first generation
   * @param changes the classified changes, in plan order
   */
  public record Outcome(ServiceModel model, SchemaLock lock, SchemaLock previous, List<SchemaChange> changes) {
    public Outcome {
      changes = List.copyOf(changes);
    }
  }

  private final String lockName;

  /** @param lockName the lock file as shown in diagnostics */
  public LockPlanner(String lockName) {
    this.lockName = lockName;
  }

  /**
   * Plans against {@code previous} (null: first generation, the minimal plan is kept). Errors go to
   * {@code out}; the caller throws them.
   */
  public Outcome plan(ServiceModel minimal, SchemaLock previous, boolean replan, int maxIndexes, Diagnostics out) {
    if (previous == null) {
      return new Outcome(minimal, SchemaLock.of(minimal), null, List.of());
    }
    refuse(minimal, previous, out);
    List<RelationModel> current = minimal.indexedRelations().stream().filter(r -> !r.indexedTypes().isEmpty())
        .toList();
    Map<String, RelationModel> byId = new TreeMap<>();
    current.forEach(r -> byId.put(r.id(), r));

    SortedMap<String, Integer> slots;
    SortedMap<String, SchemaLock.Removed> removed = new TreeMap<>();
    if (replan) {
      slots = new TreeMap<>();
      current.forEach(r -> slots.put(r.id(), r.slot()));
    } else {
      removed.putAll(previous.removed());
      previous.relations().forEach((id, p) -> {
        if (!byId.containsKey(id)) {
          removed.put(id, new SchemaLock.Removed(p.slot(), p.types()));
        }
      });
      Map<Integer, Set<String>> reserved = new TreeMap<>();
      removed.values().forEach(r -> reserved.computeIfAbsent(r.slot(), s -> new TreeSet<>()).addAll(r.types()));
      Map<String, Integer> fixed = new HashMap<>();
      previous.relations().forEach((id, p) -> fixed.put(id, p.slot()));
      List<IndexSlotAllocator.Demand> demands = current.stream()
          .map(r -> new IndexSlotAllocator.Demand(r.id(), new TreeSet<>(r.indexedTypes()))).toList();
      Set<String> grown = new TreeSet<>();
      current.forEach(r -> {
        SchemaLock.Relation p = previous.relations().get(r.id());
        if (p != null && !p.types().containsAll(r.indexedTypes())) {
          grown.add(r.id());
        }
      });
      slots = IndexSlotAllocator.extend(demands, fixed, reserved, grown);
      // a locked relation forced off its slot (its targets grew into another's) leaves attributes behind
      slots.forEach((id, slot) -> {
        SchemaLock.Relation p = previous.relations().get(id);
        if (p != null && p.slot() != slot) {
          removed.put(id, new SchemaLock.Removed(p.slot(), p.types()));
        }
      });
    }
    int slotCount = slots.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    for (SchemaLock.Removed r : removed.values()) {
      slotCount = Math.max(slotCount, r.slot());
    }
    ServiceModel model = reslot(minimal, slots, slotCount);
    checkLimits(model, previous, slotCount, maxIndexes, out);

    SortedMap<String, SchemaLock.Relation> relations = new TreeMap<>();
    for (RelationModel r : model.indexedRelations()) {
      if (r.slot() > 0) {
        relations.put(r.id(), SchemaLock.relation(r));
      }
    }
    SchemaLock base = SchemaLock.of(model);
    SchemaLock lock = base.with(relations, removed, slotCount);
    // Changes are recorded in the lock until the user deletes them, so that generating again (or checking)
    // keeps the plan; the rows of reserved slots are derived from the lock's 'removed' lines each time.
    List<SchemaChange> found = classify(model, previous, lock, replan);
    List<SchemaChange> derived = found.stream().filter(c -> c.subject().startsWith("removed ")
        && lock.removed().containsKey(c.subject().substring("removed ".length()))).toList();
    Set<SchemaChange> recorded = new java.util.LinkedHashSet<>(previous.changes().values());
    found.stream().filter(c -> !derived.contains(c)).forEach(recorded::add);
    SchemaLock written = lock.withChanges(recorded);
    List<SchemaChange> all = new ArrayList<>(written.changes().values());
    all.addAll(derived);
    return new Outcome(model, written, previous, all);
  }

  /** Key strategy change, removed (or renamed) types, indexed fields changing type: ST044. */
  private void refuse(ServiceModel model, SchemaLock previous, Diagnostics out) {
    if (previous.keyStrategy() != model.keyStrategy()) {
      out.error(REFUSED, at("keyStrategy", previous), "keyStrategy " + model.keyStrategy() + " differs from the lock's "
          + previous.keyStrategy() + ": every stored node item's key PK would change, so existing items would no "
          + "longer be found; keep keyStrategy " + previous.keyStrategy() + " (a new key strategy needs a new table)");
    }
    SortedSet<String> newTypes = new TreeSet<>();
    model.entities().forEach(e -> newTypes.add(e.name()));
    newTypes.removeAll(previous.types());
    for (String type : previous.types()) {
      if (model.entity(type).isEmpty()) {
        out.error(REFUSED, at("type " + type, previous), "@model type " + type + " is locked but no longer in the "
            + "schema: its stored items (__typename " + type + ") would be orphaned"
            + (newTypes.isEmpty() ? "" : ", and a renamed type (" + String.join(", ", newTypes) + "?) would not "
                + "find them")
            + "; keep the type, or, to drop it and its data on purpose, delete the line 'type " + type + "' from "
            + lockName);
      }
    }
    for (EntityModel e : model.entities()) {
      for (UniqueModel u : e.uniques()) {
        SchemaLock.Unique p = previous.uniques().get(e.name() + "." + u.field());
        if (p != null && !p.type().equals(u.type().name())) {
          out.error(REFUSED, u.span(), "@unique field " + e.name() + "." + u.field() + " changes type from " + p.type()
              + " to " + u.type().name() + ": its stored unique items are keyed by the " + p.type() + " encoding; "
              + "keep " + p.type() + ", or add a new field and remove this one");
        }
      }
    }
    for (RelationModel r : model.indexedRelations()) {
      SchemaLock.Relation p = previous.relations().get(r.id());
      if (p == null) {
        continue;
      }
      if (p.manyToMany() && r.manyToMany() && !p.target().equals(r.joinType())) {
        out.error(REFUSED, r.span(), "@manyToMany " + r.id() + " changes relationName from " + p.target() + " to "
            + r.joinType() + ": its stored join items and link heads (__typename " + p.target() + ") would be "
            + "orphaned, and the relation would list no links; keep relationName \"" + p.target() + "\", or, to "
            + "drop the stored links on purpose, delete the lines 'relation " + r.id() + "' and the other side's from "
            + lockName);
        continue;
      }
      Map<String, String> before = new HashMap<>();
      for (String s : p.sortBy()) {
        String[] parts = s.split(":");
        before.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
      for (var f : r.sortBy()) {
        String old = before.get(f.field());
        if (old != null && !old.equals(f.type().name())) {
          out.error(REFUSED, fieldSpan(model, r, f.field()), "sortBy field " + f.field() + " of " + r.id()
              + " changes type from " + old + " to " + f.type().name() + ": the sort keys "
              + StorageLayout.sortAttribute(p.slot()) + " stored on existing items use the " + old
              + " encoding; keep " + old + ", or sort by a new field");
        }
      }
    }
  }

  private static SourceSpan fieldSpan(ServiceModel model, RelationModel r, String field) {
    for (String t : r.concreteTargets()) {
      var f = model.entity(t).flatMap(e -> e.field(field));
      if (f.isPresent() && f.get().span() != null && f.get().span().line() > 0) {
        return f.get().span();
      }
    }
    return r.span();
  }

  private SourceSpan at(String key, SchemaLock lock) {
    return new SourceSpan(lockName, lock.line(key), 1);
  }

  /** More than maxIndexes slots (ST041). */
  private void checkLimits(ServiceModel model, SchemaLock previous, int slotCount, int maxIndexes, Diagnostics out) {
    List<RelationModel> fresh = model.indexedRelations().stream()
        .filter(r -> r.slot() > previous.gsiCount())
        .sorted(Comparator.comparing(RelationModel::span)).toList();
    if (slotCount > maxIndexes) {
      SourceSpan span = fresh.isEmpty() ? at("gsiCount", previous) : fresh.get(0).span();
      out.error(TOO_MANY, span, "keeping every locked relation on its slot needs " + slotCount + " GSIs, more than "
          + "maxIndexes = " + maxIndexes + "; raise maxIndexes, release removed slots in " + lockName
          + ", or re-plan with -Dsingletable.replan=true (every moved relation then needs a backfill)");
    }
  }

  private static String gsiRange(int from, int to) {
    List<String> names = new ArrayList<>();
    for (int s = from; s <= to; s++) {
      names.add(StorageLayout.indexName(s));
    }
    return String.join(", ", names);
  }

  /** The model with the given slots; slots 1..slotCount all exist (reserved ones without relations). */
  static ServiceModel reslot(ServiceModel model, Map<String, Integer> slots, int slotCount) {
    List<EntityModel> entities = new ArrayList<>();
    List<RelationModel> all = new ArrayList<>();
    for (EntityModel e : model.entities()) {
      List<RelationModel> rels = new ArrayList<>();
      for (RelationModel r : e.relations()) {
        RelationModel s = r.slot() > 0 || slots.containsKey(r.id()) ? r.withSlot(slots.getOrDefault(r.id(), 0)) : r;
        rels.add(s);
        all.add(s);
      }
      entities.add(new EntityModel(e.name(), e.description(), e.fields(), e.operations(), e.uniques(), rels,
          e.abstractTypes(), e.span(), e.auth(), e.versioned(), e.subscriptions()));
    }
    List<RelationModel> lists = new ArrayList<>();
    for (RelationModel r : model.lists()) {
      RelationModel s = r.slot() > 0 || slots.containsKey(r.id()) ? r.withSlot(slots.getOrDefault(r.id(), 0)) : r;
      lists.add(s);
      all.add(s);
    }
    List<IndexSlotModel> indexSlots = new ArrayList<>();
    for (int s = 1; s <= slotCount; s++) {
      final int slot = s;
      indexSlots.add(new IndexSlotModel(slot, all.stream().filter(r -> r.slot() == slot).toList()));
    }
    return new ServiceModel(model.keyStrategy(), entities, model.abstractTypes(), model.enums(), model.operations(),
        indexSlots, lists);
  }

  private static String attrs(int slot) {
    return StorageLayout.partitionAttribute(slot) + "/" + StorageLayout.sortAttribute(slot);
  }

  /** Every difference between the previous lock and the new one, classified. */
  private List<SchemaChange> classify(ServiceModel model, SchemaLock previous, SchemaLock lock, boolean replan) {
    List<SchemaChange> changes = new ArrayList<>();
    Set<String> old = previous.types();
    for (String t : lock.types()) {
      if (!old.contains(t)) {
        changes.add(new SchemaChange(Kind.NO_DATA_CHANGE, "type " + t, Set.of(), List.of(),
            "new @model type: no stored items yet"));
      }
    }
    lock.uniques().forEach((id, u) -> {
      SchemaLock.Unique p = previous.uniques().get(id);
      String type = id.substring(0, id.indexOf('.'));
      String field = id.substring(id.indexOf('.') + 1);
      String items = StorageLayout.uniquePrefix(type, field) + "<value>";
      if (p == null && old.contains(type)) {
        changes.add(new SchemaChange(Kind.NEEDS_BACKFILL, "@unique " + id, Set.of(type), List.of(items),
            "new @unique field: build a unique item for each stored " + type + "; a value held by two items is "
                + "reported with both ids and neither item is changed"));
      } else if (p == null) {
        changes.add(new SchemaChange(Kind.NO_DATA_CHANGE, "@unique " + id, Set.of(), List.of(),
            "new @unique field on a new type"));
      } else if (p.ignoreCase() != u.ignoreCase()) {
        changes.add(new SchemaChange(Kind.NEEDS_BACKFILL, "@unique " + id, Set.of(type), List.of(items),
            "ignoreCase " + p.ignoreCase() + " → " + u.ignoreCase() + ": rebuild the unique items (values that "
                + "become equal are reported with both ids)"));
      }
    });
    previous.uniques().forEach((id, p) -> {
      if (!lock.uniques().containsKey(id)) {
        String type = id.substring(0, id.indexOf('.'));
        changes.add(new SchemaChange(Kind.NEEDS_BACKFILL, "@unique " + id, Set.of(type),
            List.of(StorageLayout.uniquePrefix(type, id.substring(id.indexOf('.') + 1)) + "<value>"),
            "@unique removed: delete its unique items"));
      }
    });
    // join items (__typename = a @manyToMany's name, never a @model type) are stored once a lock had the relation
    SortedSet<String> joins = joinTypes(previous);
    lock.relations().forEach((id, r) -> {
      SchemaLock.Relation p = previous.relations().get(id);
      SortedSet<String> stored = new TreeSet<>(r.types());
      stored.retainAll(r.manyToMany() ? joins : old);
      String subject = "relation " + id;
      String slot = StorageLayout.indexName(r.slot());
      if (r.manyToMany()) {
        manyToManyChange(changes, subject, p, r, stored, replan);
        return;
      }
      if (p == null) {
        changes.add(stored.isEmpty()
            ? new SchemaChange(Kind.NO_DATA_CHANGE, subject, Set.of(), List.of(attrs(r.slot())),
                "new relation on " + slot + " over new types only")
            : new SchemaChange(Kind.NEEDS_BACKFILL, subject, stored, List.of(attrs(r.slot())),
                "new relation on " + slot + ": reindex the existing items so that they appear in it"));
        return;
      }
      if (p.slot() != r.slot()) {
        changes.add(new SchemaChange(Kind.NEEDS_BACKFILL, subject, stored,
            List.of(attrs(r.slot()), "remove " + attrs(p.slot())), "moved from "
                + StorageLayout.indexName(p.slot()) + " to " + slot
                + (replan ? " by replan" : " (its targets grew into a type another relation indexes on the old slot)")
                + ": reindex the items and remove the old slot's attributes"));
      } else if (!p.sameKeys(r)) {
        changes.add(new SchemaChange(Kind.NEEDS_BACKFILL, subject, stored, List.of(attrs(r.slot())),
            keyChanges(p, r) + ": the stored keys are stale; reindex the items"));
      } else {
        SortedSet<String> grown = new TreeSet<>(stored);
        grown.removeAll(p.types());
        if (!grown.isEmpty()) {
          changes.add(new SchemaChange(Kind.NEEDS_BACKFILL, subject, grown, List.of(attrs(r.slot())),
              "new target type " + String.join(", ", grown) + ": reindex its items so that they appear in it"));
        }
      }
      SortedSet<String> shrunk = new TreeSet<>(p.types());
      shrunk.removeAll(r.types());
      shrunk.retainAll(lock.types());
      if (!shrunk.isEmpty() && p.slot() == r.slot()) {
        changes.add(new SchemaChange(Kind.NEEDS_BACKFILL, subject, shrunk, List.of("remove " + attrs(p.slot())),
            "no longer targets " + String.join(", ", shrunk) + ": remove the attributes from its items"));
      }
    });
    SortedSet<String> currentJoins = joinTypes(lock);
    previous.relations().forEach((id, p) -> {
      if (!lock.relations().containsKey(id)) {
        SortedSet<String> stored = new TreeSet<>(p.types());
        stored.retainAll(p.manyToMany() ? currentJoins : lock.types());
        String reserved = replan ? "" : "; " + StorageLayout.indexName(p.slot()) + " stays reserved on these types "
            + "until you delete the line 'removed " + id + "' from " + lockName;
        if (p.manyToMany() && stored.isEmpty()) {
          // the whole relation is gone: this schema's backfill no longer knows its join items
          changes.add(new SchemaChange(Kind.NEEDS_BACKFILL, "relation " + id, p.types(),
              List.of("remove " + attrs(p.slot())), "@manyToMany relation removed: its join items and link heads "
                  + "(__typename " + p.target() + ") stay in the table, read by nothing; SchemaMigration no longer "
                  + "knows them, so delete them yourself if you want them gone (e.g. with a MigrationRunner raw "
                  + "migration of " + p.target() + " returning MigrationRunner.delete of each)" + reserved));
          return;
        }
        changes.add(new SchemaChange(Kind.NEEDS_BACKFILL, "relation " + id, stored, List.of("remove " + attrs(p.slot())),
            "relation removed: remove its attributes" + reserved));
      }
    });
    if (!replan) {
      lock.removed().forEach((id, p) -> changes.add(new SchemaChange(Kind.NEEDS_BACKFILL, "removed " + id,
          p.types(), List.of("remove " + attrs(p.slot())), "slot still reserved: once its cleanup has run, delete the "
              + "line 'removed " + id + "' from " + lockName + " to release it")));
    } else {
      previous.removed().forEach((id, p) -> changes.add(new SchemaChange(Kind.NEEDS_BACKFILL, "removed " + id,
          p.types(), List.of("remove " + attrs(p.slot())), "reservation dropped by replan: the reindex must remove "
              + "the attributes where no relation uses the slot now")));
    }
    lock.authFields().forEach((type, fields) -> {
      SortedSet<String> added = new TreeSet<>(fields);
      added.removeAll(previous.authFields().getOrDefault(type, new TreeSet<>()));
      if (!added.isEmpty() && old.contains(type)) {
        String names = added.stream().map(f -> "`" + f + "`").collect(java.util.stream.Collectors.joining(", "));
        changes.add(new SchemaChange(Kind.NEEDS_BACKFILL, "@auth " + type + " reads " + String.join(", ", added),
            Set.of(type), List.copyOf(added), "a new rule compares " + names + " with the caller: stored items "
                + "without a value there are admitted by no such rule, only by the type's other rules; "
                + "SchemaMigration cannot know whose they are, so set " + names + " on them yourself (e.g. with "
                + "a MigrationRunner migration of " + type + " with MigrationRunner.rewrite) before the rule is deployed"));
      }
    });
    previous.authFields().forEach((type, fields) -> {
      SortedSet<String> dropped = new TreeSet<>(fields);
      dropped.removeAll(lock.authFields().getOrDefault(type, new TreeSet<>()));
      if (!dropped.isEmpty() && lock.types().contains(type)) {
        changes.add(new SchemaChange(Kind.NO_DATA_CHANGE, "@auth " + type + " reads " + String.join(", ", dropped),
            Set.of(), List.of(), "no rule compares it with the caller any more: the stored values stay and no "
                + "longer decide who may do what"));
      }
    });
    if (lock.gsiCount() != previous.gsiCount()) {
      int from = previous.gsiCount();
      int to = lock.gsiCount();
      String which = to > from ? "creates " + gsiRange(from + 1, to) : "deletes " + gsiRange(to + 1, from);
      boolean several = Math.abs(to - from) > 1;
      changes.add(new SchemaChange(Kind.NO_DATA_CHANGE, GSI_CHANGE + from + " → " + to, Set.of(), List.of(),
          "template.yaml " + which + "; DynamoDB " + (to > from ? "builds" : "drops") + (several ? " them" : " it")
              + " on deploy" + (several ? ", one per table update: deploy.sh deploys template.yaml once per GSI, "
                  + "its parameter " + StorageLayout.indexCountParameter(to) + " counting "
                  + (to > from ? "up" : "down") + " from the table's GSIs to " + to + " (a plain sam deploy must pass "
                  + "--parameter-overrides " + StorageLayout.indexCountParameter(to)
                  + "=k likewise, one step "
                  + "at a time); while this line is recorded, template.yaml keeps declaring "
                  + (to > from ? "them" : "the deleted ones, off by default") : "")));
    }
    return changes;
  }

  /** Subject prefix of the change of the table's GSI count ({@code GSIs 1 → 3}). */
  static final String GSI_CHANGE = "GSIs ";
  private static final java.util.regex.Pattern GSI_COUNTS =
      java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(GSI_CHANGE) + "(\\d+) → (\\d+)");

  /**
   * The GSIs template.yaml declares: the model's slots, or more while the lock records a change of the GSI count
   * from more ({@code GSIs 3 → 1}): the table may still have them, and deploy.sh deletes them one per update, each
   * step declaring the ones it keeps.
   */
  public static int declaredGsis(Outcome outcome) {
    int declared = outcome.model().slots().size();
    for (SchemaChange c : outcome.changes()) {
      var m = GSI_COUNTS.matcher(c.subject());
      if (m.matches()) {
        declared = Math.max(declared, Math.max(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
      }
    }
    return declared;
  }

  /** The join types of the lock's {@code @manyToMany} sides. */
  private static SortedSet<String> joinTypes(SchemaLock lock) {
    SortedSet<String> out = new TreeSet<>();
    lock.relations().values().stream().filter(SchemaLock.Relation::manyToMany).forEach(r -> out.add(r.target()));
    return out;
  }

  /**
   * A {@code @manyToMany} side's change: its attributes are on the join items ({@code stored}: its join type when
   * join items may be stored), which the backfill rewrites from both linked items. A side of a relation without
   * stored join items changes no stored item.
   */
  private static void manyToManyChange(List<SchemaChange> changes, String subject, SchemaLock.Relation p,
      SchemaLock.Relation r, SortedSet<String> stored, boolean replan) {
    String slot = StorageLayout.indexName(r.slot());
    String rewrite = "the backfill rewrites each join item's index attributes from both linked items";
    if (stored.isEmpty()) {
      if (p == null) {
        changes.add(new SchemaChange(Kind.NO_DATA_CHANGE, subject, Set.of(), List.of(attrs(r.slot())),
            "new @manyToMany relation on " + slot + ": no join items stored yet"));
      }
      return;
    }
    if (p == null) { // a new side (e.g. a renamed field) of a relation whose join items are stored
      changes.add(new SchemaChange(Kind.NEEDS_BACKFILL, subject, stored, List.of(attrs(r.slot())),
          "new side of the stored @manyToMany " + r.target() + " on " + slot + ": the join items lack its "
              + attrs(r.slot()) + "; " + rewrite));
    } else if (p.slot() != r.slot()) {
      changes.add(new SchemaChange(Kind.NEEDS_BACKFILL, subject, stored,
          List.of(attrs(r.slot()), "remove " + attrs(p.slot())), "moved from " + StorageLayout.indexName(p.slot())
              + " to " + slot + (replan ? " by replan" : "") + ": the join items are indexed on the old slot; "
              + rewrite + ", on " + slot + ", and removes " + attrs(p.slot())
              + (p.sameKeys(r) ? "" : " (also " + keyChanges(p, r) + ")")));
    } else if (!p.sameKeys(r)) {
      changes.add(new SchemaChange(Kind.NEEDS_BACKFILL, subject, stored, List.of(attrs(r.slot())),
          keyChanges(p, r) + ": the join items' " + StorageLayout.sortAttribute(r.slot()) + " copies are stale; "
              + rewrite));
    }
  }

  private static String keyChanges(SchemaLock.Relation p, SchemaLock.Relation r) {
    List<String> parts = new ArrayList<>();
    if (!p.target().equals(r.target())) {
      parts.add("partition prefix " + p.target() + " → " + r.target());
    }
    if (!p.keyField().equals(r.keyField())) {
      parts.add("field " + p.keyField() + " → " + r.keyField());
    }
    if (!p.sortBy().equals(r.sortBy())) {
      parts.add("sortBy [" + String.join(", ", p.sortBy()) + "] → [" + String.join(", ", r.sortBy()) + "]");
    }
    if (p.ignoreCase() != r.ignoreCase()) {
      parts.add("ignoreCase " + p.ignoreCase() + " → " + r.ignoreCase());
    }
    if (!p.nulls().equals(r.nulls())) {
      parts.add("nulls " + p.nulls() + " → " + r.nulls());
    }
    if (!java.util.Objects.equals(p.onlyIf(), r.onlyIf())) {
      parts.add("onlyIf " + (p.onlyIf() == null ? "-" : p.onlyIf()) + " → " + (r.onlyIf() == null ? "-" : r.onlyIf()));
    }
    return String.join(", ", parts);
  }

  /** The plan as a Markdown document (the output's {@code schema-changes.md}). */
  public static String document(Outcome o, String lockName) {
    StringBuilder b = new StringBuilder("# Schema changes\n\n");
    if (o.changes().isEmpty()) { // the same text on the first generation, so a rebuild rewrites nothing
      b.append("No change against ").append(lockName).append(": nothing to migrate.\n\n");
    } else {
      b.append("Changes recorded in ").append(lockName).append(" since it was last cleared. Deploy, then run the ")
          .append("generated SchemaMigration (`java ... SchemaMigration --table NAME`) before clients rely on an ")
          .append("entry that needs a backfill. Once it has finished without conflicts, delete the 'change' lines from ")
          .append("the lock. A removed relation's slot stays reserved on its types until you also delete its ")
          .append("'removed' line.\n\n")
          .append("| kind | change | items of | attributes | why |\n|---|---|---|---|---|\n");
      for (SchemaChange c : o.changes()) {
        b.append("| ").append(c.kind().label()).append(" | ").append(c.subject()).append(" | ")
            .append(c.types().isEmpty() ? "-" : String.join(", ", c.types())).append(" | ")
            .append(c.attributes().isEmpty() ? "-" : String.join(", ", c.attributes())).append(" | ")
            .append(c.why().replace("|", "\\|")).append(" |\n");
      }
      b.append('\n');
    }
    b.append("## Slots\n\n| GSI | relations |\n|---|---|\n");
    for (IndexSlotModel s : o.model().slots()) {
      List<String> rels = s.relations().stream().map(RelationModel::id).sorted().toList();
      List<String> reserved = new ArrayList<>();
      o.lock().removed().forEach((id, r) -> {
        if (r.slot() == s.slot()) {
          reserved.add("reserved: " + id + " on " + String.join(", ", r.types()));
        }
      });
      List<String> all = new ArrayList<>(rels);
      all.addAll(reserved);
      b.append("| ").append(s.indexName()).append(" | ").append(all.isEmpty() ? "-" : String.join("; ", all))
          .append(" |\n");
    }
    return b.toString();
  }
}
