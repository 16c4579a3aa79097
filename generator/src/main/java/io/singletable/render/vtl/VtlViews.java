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
   * A single-quoted VTL string literal. Only generated names and key prefixes reach it (letters,
   * digits, underscore, '#'); a quote, which would end the literal, is refused.
   */
  static String quote(String s) {
    if (s.indexOf('\'') >= 0 || s.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("not a VTL-safe name: " + s);
    }
    return "'" + s + "'";
  }

  private static String strings(List<String> values) {
    return list(values.stream().map(VtlViews::quote).toList());
  }

  private static String list(List<String> literals) {
    return "[" + String.join(", ", literals) + "]";
  }

  /**
   * One component of a sort key, as {@link io.singletable.model.SortKeyComponent} states it. kind: the
   * {@link io.singletable.model.SortEncoding} name (STRING, NUMBER, DATETIME, DATE, BOOLEAN, ENUM).
   */
  public record SortComponent(String field, String kind, boolean lowerCase, String nullBucket, int maxChars) {
    /** The component as a VTL map literal: {@code {'field': 'name', 'kind': 'STRING', …}}. */
    public String literal() {
      return "{'field': " + quote(field) + ", 'kind': " + quote(kind) + ", 'lowerCase': " + lowerCase
          + ", 'nullBucket': " + quote(nullBucket) + ", 'maxChars': " + maxChars + "}";
    }
  }

  /** The index attributes one relation writes on the items of an entity. */
  public record IndexAttributes(String relation, String partitionAttribute, String sortAttribute,
      String partitionPrefix, String keyField, List<String> by, String onlyIf, List<SortComponent> components) {
    public IndexAttributes {
      by = List.copyOf(by);
      components = List.copyOf(components);
    }

    /** The index as a VTL map literal; {@code onlyIf} is {@code ''} when the relation has none. */
    public String literal() {
      return "{'relation': " + quote(relation) + ", 'partitionAttribute': " + quote(partitionAttribute)
          + ", 'sortAttribute': " + quote(sortAttribute) + ", 'partitionPrefix': " + quote(partitionPrefix)
          + ", 'keyField': " + quote(keyField == null ? "" : keyField) + ", 'by': " + list(by.stream().map(VtlViews::quote).toList()) + ", 'onlyIf': " + quote(onlyIf == null ? "" : onlyIf)
          + ", 'components': " + list(components.stream().map(SortComponent::literal).toList()) + "}";
    }
  }

  /**
   * A unique field of an entity: its unique item key is {@code prefix + value}; for a {@code Float}
   * ({@code number}) the value is its order-preserving number encoding, so {@code 1}, {@code 1.0} and
   * {@code 1.0E0} (however a runtime prints the double) name one key.
   */
  public record Unique(String field, String prefix, boolean ignoreCase, boolean number) {
    /** The unique field as a VTL map literal. */
    public String literal() {
      return "{'field': " + quote(field) + ", 'prefix': " + quote(prefix) + ", 'ignoreCase': " + ignoreCase
          + ", 'number': " + number + "}";
    }
  }

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
   * @param auth the type's {@code @auth} rules; null when it has none (open)
   * @param fieldRules its fields' {@code @auth} rules ({@link AuthLiterals#fieldRules}); null when none has rules
   * @param versioned {@code @model(versioned: true)}: create sets {@code version} to 1, update to one more than
   *     stored; an update's {@code input.expectedVersion} or a delete's {@code expectedVersion} must be the stored one
   */
  public record Entity(String typename, String nodePrefix, List<String> storedFields, List<String> inputFields,
      List<String> requiredFields, List<IdField> idFields, List<Unique> uniques, List<IndexAttributes> indexes,
      boolean createdAt, boolean updatedAt, Auth auth, String fieldRules, boolean versioned, List<LinkSide> links) {
    public Entity {
      links = List.copyOf(links);
      storedFields = List.copyOf(storedFields);
      inputFields = List.copyOf(inputFields);
      requiredFields = List.copyOf(requiredFields);
      idFields = List.copyOf(idFields);
      uniques = List.copyOf(uniques);
      indexes = List.copyOf(indexes);
    }

    /** An entity without versions. */
    public Entity(String typename, String nodePrefix, List<String> storedFields, List<String> inputFields,
        List<String> requiredFields, List<IdField> idFields, List<Unique> uniques, List<IndexAttributes> indexes,
        boolean createdAt, boolean updatedAt, Auth auth, String fieldRules) {
      this(typename, nodePrefix, storedFields, inputFields, requiredFields, idFields, uniques, indexes, createdAt,
          updatedAt, auth, fieldRules, false, List.of());
    }

    /** The indexes as a VTL list literal (what the index-attribute macros loop over). */
    public String indexesLiteral() {
      return list(indexes.stream().map(IndexAttributes::literal).toList());
    }

    /**
     * The entity as a VTL map literal, the descriptor the shared pipeline functions interpret:
     * typename, nodePrefix, the field lists, uniques, indexes, createdAt/updatedAt. Without
     * {@code full}, only what a delete needs: typename, nodePrefix and uniques. A versioned entity's
     * ends with {@code 'versioned': true} (others carry no such key, their descriptors are as before versions).
     */
    public String descriptor(boolean full) {
      StringBuilder sb = new StringBuilder("{'typename': ").append(quote(typename)).append(", 'nodePrefix': ")
          .append(quote(nodePrefix));
      if (full) {
        sb.append(", 'storedFields': ").append(strings(storedFields))
            .append(", 'inputFields': ").append(strings(inputFields))
            .append(", 'requiredFields': ").append(strings(requiredFields));
      }
      sb.append(", 'uniques': ").append(list(uniques.stream().map(Unique::literal).toList()));
      if (full) {
        sb.append(", 'indexes': ").append(indexesLiteral())
            .append(", 'createdAt': ").append(createdAt)
            .append(", 'updatedAt': ").append(updatedAt);
      }
      if (versioned) {
        sb.append(", 'versioned': true");
      }
      if (!links.isEmpty()) {
        sb.append(", 'links': ").append(list(links.stream().map(LinkSide::literal).toList()));
      }
      return sb.append('}').toString();
    }

    /** Every index attribute name ({@code PKnn}, {@code SKnn}), removed before recomputing. */
    public List<String> indexAttributeNames() {
      return indexes.stream().flatMap(i -> java.util.stream.Stream.of(i.partitionAttribute(), i.sortAttribute()))
          .toList();
    }
  }

  /**
   * A {@code @manyToMany} relation an entity takes part in: its items have a link head {@code <name>#<id>} and join
   * items {@code <name>#<id>#<other>} (side {@code a}) or {@code <name>#<other>#<id>} (side {@code b}).
   *
   * @param name the relation's name
   * @param side {@code a} or {@code b}
   * @param sortIndex when the other side sorts its items by fields of this entity: the computation of the join items'
   *     sort key attribute holding this item's sort values ({@code keyField} id; its {@code partitionAttribute} is a
   *     scratch name), rewritten when an update changes them; null otherwise
   * @param always the sort values include a field every update sets ({@code updatedAt}, {@code version})
   */
  public record LinkSide(String name, String side, IndexAttributes sortIndex, boolean always) {
    /** A side whose items the other side does not sort by this entity's fields. */
    public LinkSide(String name, String side) {
      this(name, side, null, false);
    }

    /** True when the other side sorts by this entity's fields. */
    public boolean sorted() {
      return sortIndex != null;
    }

    /** {@code {'name': 'PostTag', 'side': 'a'}}, with {@code 'sortIndex'} when sorted. */
    public String literal() {
      return "{'name': " + quote(name) + ", 'side': " + quote(side)
          + (sortIndex == null ? "" : ", 'sortIndex': " + sortIndex.literal()) + "}";
    }
  }

  /**
   * A type's {@code @auth} rules as VTL literals ({@link AuthLiterals}).
   *
   * @param create the rules allowing create; likewise read, update, delete ({@code []}: none allows it)
   * @param ownerDefaults the owner fields a create fills from the caller's claim
   * @param ownerFields the owner fields of update rules, which only non-owner rules let a caller change
   * @param updateNotOwner the rules allowing update but the owner rules
   * @param deleteFields the fields the delete rules read, which the delete requires unchanged since its read
   */
  public record Auth(String create, String read, String update, String delete, String ownerDefaults,
      String ownerFields, String updateNotOwner, String deleteFields) {

    /** The map the shared functions read from the stash: the rules of {@code write} ({@code update}/{@code delete}). */
    public String stash(String write) {
      return write.equals("update")
          ? "{'update': " + update + ", 'updateNotOwner': " + updateNotOwner + ", 'ownerFields': " + ownerFields + "}"
          : "{'delete': " + delete + ", 'fields': " + deleteFields + "}";
    }
  }

  /**
   * A stored field with read rules of its own, resolved from its source item.
   *
   * @param operation {@code Post.secret}
   * @param field the field
   * @param rules its read rules (a VTL list literal)
   */
  public record FieldAuth(String operation, String field, String rules) {}

  /**
   * A subscription field (SPEC §2.5), resolved on a NONE data source when a client subscribes: its response template
   * sets the enhanced subscription filter.
   *
   * @param operation {@code Subscription.onCreatePost}
   * @param entity the type it returns
   * @param mutations the mutations it is subscribed to
   * @param filterFields its filter arguments, each an equality on the stored field of that name (a VTL list literal)
   * @param rules the type's read rules (a VTL list literal), or null when the type has no rules
   * @param protectedFields the stored fields with read rules of their own, in declaration order
   */
  public record Subscription(String operation, String entity, List<String> mutations, String filterFields,
      String rules, List<FieldAuth> protectedFields) {
    public Subscription {
      mutations = List.copyOf(mutations);
      protectedFields = List.copyOf(protectedFields);
    }

    static Subscription of(String operation, String entity, List<String> mutations, List<String> filterFields,
        String rules, List<FieldAuth> protectedFields) {
      return new Subscription(operation, entity, mutations, strings(filterFields), rules, protectedFields);
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
   * @param readRules the read rules of the related types that have rules, by typename (a VTL map literal); null
   *     when every related type is open
   * @param fieldRules the read rules of the relation field itself ({@code @auth} on it); null without
   * @param by a list's fields, whose values the Query field's arguments of the same names give
   * @param list a {@code @list} Query field: the partition comes from the arguments, not the source's id
   */
  public record Relation(String relation, List<String> members, String nodePrefix, String keyField, String index,
      String partitionAttribute, String partitionPrefix, boolean connection, String readRules, String fieldRules,
      List<String> by, boolean list) {
    public Relation {
      members = List.copyOf(members);
      by = List.copyOf(by);
    }
  }

  /**
   * A {@code @manyToMany} side's page: a PIPELINE of QueryJoins and BatchGetNodes (twice, the second for unprocessed
   * keys).
   *
   * @param relation {@code Post.tags}
   * @param joinType the join items' type
   * @param members the type the page lists
   * @param index the side's GSI
   * @param partitionAttribute its {@code PKnn}
   * @param partitionPrefix {@code <joinType>#}
   * @param otherIdField the join items' field holding the listed item's id
   * @param nodePrefix node key prefix of the listed items
   * @param connection paged with nextToken
   * @param readRules read rules of the listed type (a VTL map literal), or null
   * @param fieldRules the relation field's own read rules, or null
   */
  public record ManyToManyPage(String relation, String joinType, List<String> members, String index,
      String partitionAttribute, String partitionPrefix, String otherIdField, String nodePrefix, boolean connection,
      String readRules, String fieldRules) {
    public ManyToManyPage {
      members = List.copyOf(members);
    }
  }

  /**
   * One side of a {@code @manyToMany} connect or disconnect, as the shared function LinkItems reads it.
   *
   * @param type the side's type; {@code idField} its id argument and join field; {@code nodePrefix} its node key prefix
   * @param partitionAttribute the {@code PKnn} of the relation declared on this side (its partition holds this side's
   *     id); {@code sortAttribute} its {@code SKnn}
   * @param sortIndex how that sort key is computed from an item of the other side (components: the side's
   *     {@code sortBy}, fields of the other type; keyField id)
   * @param rules the rule lists that must each admit the caller for this side's item ({@link AuthLiterals#linkRules}),
   *     {@code []} when it is open
   * @param checks the fields of this side's item the write requires unchanged since the read: those the other side's
   *     sort key copies and those the rules read
   */
  public record LinkSideWrite(String type, String idField, String nodePrefix, String partitionAttribute,
      String sortAttribute, IndexAttributes sortIndex, String rules, List<String> checks) {
    public LinkSideWrite {
      checks = List.copyOf(checks);
    }

    /** True when the caller must be admitted by rules to link this side's items. */
    public boolean guarded() {
      return !rules.equals("[]");
    }

    String literal() {
      return "{'type': " + quote(type) + ", 'idField': " + quote(idField) + ", 'nodePrefix': " + quote(nodePrefix)
          + ", 'partitionAttribute': " + quote(partitionAttribute) + ", 'sortAttribute': " + quote(sortAttribute)
          + ", 'sortIndex': " + sortIndex.literal() + ", 'rules': " + rules + ", 'checks': " + strings(checks) + "}";
    }
  }

  /**
   * The connect or disconnect mutation of a {@code @manyToMany} relation.
   *
   * @param operation {@code Mutation.addPostTag}
   * @param joinType the join items' type
   * @param keyPrefix {@code <joinType>#}
   * @param a side a (the b items of an a); {@code b} side b
   * @param connect {@code add<R>}; false for {@code remove<R>}
   */
  public record ManyToManyWrite(String operation, String joinType, String keyPrefix, LinkSideWrite a,
      LinkSideWrite b, boolean connect) {

    /** True when a side sorts by the other's fields: the connect copies them, so it reads both items first. */
    public boolean sorted() {
      return !a.sortIndex().components().isEmpty() || !b.sortIndex().components().isEmpty();
    }

    /** True when a side has rules: both items are read first, for the rules to look at. */
    public boolean guarded() {
      return a.guarded() || b.guarded();
    }

    /** True when the resolver reads both items before it writes: {@link #sorted} or {@link #guarded}. */
    public boolean readsItems() {
      return sorted() || guarded();
    }

    /**
     * The relation as the shared function LinkItems reads it from the stash: {@code joinType}, {@code keyPrefix},
     * {@code read} (both items were read), {@code connect} (else a disconnect), and {@code a} and {@code b}, the two
     * sides ({@link LinkSideWrite}).
     */
    public String descriptor() {
      return "{'joinType': " + quote(joinType) + ", 'keyPrefix': " + quote(keyPrefix) + ", 'read': " + readsItems()
          + ", 'connect': " + connect + ", 'a': " + a.literal() + ", 'b': " + b.literal() + "}";
    }
  }
}
