package io.singletable.render.vtl;

import java.util.List;

/**
 * The view records of the VTL templates. Every name that reaches a template is a GraphQL name
 * (letters, digits, underscore), and templates only put them inside single-quoted VTL strings, so
 * no Velocity directive ({@code #end}, {@code #else}, {@code #stop}…) can appear by accident.
 */
public final class VtlViews {
  private VtlViews() {}

  /**
   * One component of a sort key, as {@link io.singletable.model.SortKeyComponent} states it. kind: the
   * {@link io.singletable.model.SortEncoding} name (STRING, NUMBER, DATETIME, DATE, BOOLEAN, ENUM).
   */
  public record SortComponent(String field, String kind, boolean lowerCase, String nullBucket, int maxChars) {}

  /** The index attributes one relation writes on the items of an entity. */
  public record IndexAttributes(String relation, String partitionAttribute, String sortAttribute,
      String partitionPrefix, String keyField, String onlyIf, List<SortComponent> components) {
    public IndexAttributes {
      components = List.copyOf(components);
    }
  }

  /**
   * A unique field of an entity: its unique item key is {@code prefix + value}; for a {@code Float}
   * ({@code number}) the value is its order-preserving number encoding, so {@code 1}, {@code 1.0} and
   * {@code 1.0E0} (however a runtime prints the double) name one key.
   */
  public record Unique(String field, String prefix, boolean ignoreCase, boolean number) {}

  /**
   * A field holding ids a client may write: a relation key ({@code @belongsTo}/{@code @hasOne} key
   * field, or the field another model's {@code @hasMany(field:)} names).
   *
   * @param field the field
   * @param list {@code [ID]}: every element is an id
   */
  public record IdField(String field, boolean list) {}

  /**
   * An entity as its write templates see it.
   *
   * @param typename {@code __typename}
   * @param nodePrefix {@code NODE#} or {@code Type#}
   * @param storedFields every stored field but id
   * @param inputFields the stored fields an input may set: every stored field but id and the automatic
   *     {@code createdAt}/{@code updatedAt}; nothing else of an input reaches the item
   * @param requiredFields stored non-null fields but id and the automatic timestamps: a create must
   *     give them, an update cannot set them to null
   * @param idFields the relation key fields, whose values must be valid ids
   * @param uniques unique fields
   * @param indexes index attributes the entity carries, by slot
   * @param createdAt set {@code createdAt} on create
   * @param updatedAt set {@code updatedAt} on create and update
   */
  public record Entity(String typename, String nodePrefix, List<String> storedFields, List<String> inputFields,
      List<String> requiredFields, List<IdField> idFields, List<Unique> uniques, List<IndexAttributes> indexes,
      boolean createdAt, boolean updatedAt) {
    public Entity {
      storedFields = List.copyOf(storedFields);
      inputFields = List.copyOf(inputFields);
      requiredFields = List.copyOf(requiredFields);
      idFields = List.copyOf(idFields);
      uniques = List.copyOf(uniques);
      indexes = List.copyOf(indexes);
    }

    /** Every index attribute name ({@code PKnn}, {@code SKnn}), removed before recomputing. */
    public List<String> indexAttributeNames() {
      return indexes.stream().flatMap(i -> java.util.stream.Stream.of(i.partitionAttribute(), i.sortAttribute()))
          .toList();
    }
  }

  /**
   * A root operation.
   *
   * @param operation {@code Mutation.createFarm}
   * @param entity the entity written or read
   * @param argument the argument holding the id or looked-up value
   * @param unique for a lookup by a unique field, that field; else null
   */
  public record Operation(String operation, Entity entity, String argument, Unique unique) {}

  /**
   * A relation field.
   *
   * @param relation {@code Farm.cows}
   * @param members concrete types the result may have
   * @param nodePrefix node key prefix of the related items ({@code NODE#}, or per type for TYPE keys)
   * @param keyField the owner's field with the related id(s) (belongsTo/hasOne)
   * @param index GSI name (hasMany)
   * @param partitionAttribute {@code PKnn} (hasMany)
   * @param partitionPrefix {@code <Target>#} (hasMany)
   * @param connection paged with nextToken
   */
  public record Relation(String relation, List<String> members, String nodePrefix, String keyField, String index,
      String partitionAttribute, String partitionPrefix, boolean connection) {
    public Relation {
      members = List.copyOf(members);
    }
  }
}
