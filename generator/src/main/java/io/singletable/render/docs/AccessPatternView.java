package io.singletable.render.docs;

import java.util.List;

/**
 * What {@code access-patterns.md.ftl} renders. Every cell is preformatted text.
 *
 * @param keyStrategy NODE or TYPE
 * @param entities one row per entity
 * @param slots one section per GSI slot
 * @param patterns one row per access pattern (operations, then relation fields)
 * @param auth whether any type has {@code @auth} rules (the patterns then say whom their rules admit)
 */
public record AccessPatternView(String keyStrategy, List<Entity> entities, List<Slot> slots, List<Pattern> patterns,
    boolean auth) {
  public AccessPatternView {
    entities = List.copyOf(entities);
    slots = List.copyOf(slots);
    patterns = List.copyOf(patterns);
  }

  /** An entity's keys: node key, unique items, index attributes it carries. */
  public record Entity(String name, String nodeKey, List<String> uniqueKeys, List<String> indexAttributes) {
    public Entity {
      uniqueKeys = List.copyOf(uniqueKeys);
      indexAttributes = List.copyOf(indexAttributes);
    }
  }

  /** A GSI slot and the relations sharing it. */
  public record Slot(String index, String partitionKey, String sortKey, List<SlotRelation> relations) {
    public Slot {
      relations = List.copyOf(relations);
    }
  }

  /** One relation on a slot. */
  public record SlotRelation(String relation, String writtenOn, String partitionValue, String sortValue, String onlyIf) {}

  /** An access pattern: what serves it in DynamoDB, and whom the {@code @auth} rules admit to it. */
  public record Pattern(String name, String kind, String dynamoOperation, String key, String rules) {
    Pattern withRules(String newRules) {
      return new Pattern(name, kind, dynamoOperation, key, newRules);
    }
  }
}
