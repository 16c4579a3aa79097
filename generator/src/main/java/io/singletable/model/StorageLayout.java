package io.singletable.model;


/**
 * The storage layout of SPEC §3 in one place: the table's key attribute, the node key, the unique
 * key, the relation index names and attributes, and the parameters of the sort-key encoding. The
 * renderers (VTL resolvers, Java codec, access-pattern document) and the lock planner read them
 * here; none of them spells a key format itself.
 *
 * <ul>
 *   <li>node item: {@code PK = NODE#<id>} ({@link KeyStrategy#NODE}) or {@code <Type>#<id>}
 *       ({@link KeyStrategy#TYPE}): {@link #nodePrefix};</li>
 *   <li>unique item: {@code PK = <Type>#<field>#<value>}: {@link #uniqueKey};</li>
 *   <li>relation index on slot {@code nn}: GSI {@code GSInn}, hash {@code PKnn = <Target>#<parentId>},
 *       range {@code SKnn} = the {@link SortKeyComponent sort components}, then the id:
 *       {@link #indexName}, {@link #partitionAttribute}, {@link #sortAttribute}, {@link #relationPrefix},
 *       {@link #sortComponents}.</li>
 * </ul>
 */
public final class StorageLayout {
  /** The table's hash key attribute (no sort key). */
  public static final String PARTITION_KEY = "PK";
  /** The first letters of every {@code SKnn}. */
  public static final String SORT_KEY_PREFIX = "SK";
  /** The first letters of every {@code GSInn}. */
  public static final String INDEX_PREFIX = "GSI";
  /** The attribute naming an item's GraphQL type. */
  public static final String TYPENAME = "__typename";
  /** Separates the segments of a key ({@code NODE#<id>}, {@code <Type>#<field>#<value>}). */
  public static final String SEPARATOR = "#";
  /** The first segment of every node key under {@link KeyStrategy#NODE}. */
  public static final String NODE_SEGMENT = "NODE";
  /**
   * UTF-16 units the string components of one sort key share (each of {@code n} string components is
   * cut to {@code 240 / n}), so that a sort key stays under DynamoDB's 1,024-byte limit.
   */
  public static final int SORT_KEY_UNITS = 240;
  /** Bucket of a null sort value with {@code nulls: FIRST}. */
  public static final String NULLS_FIRST_BUCKET = "0";
  /** Bucket of a present sort value (written by the encoders before the value). */
  public static final String VALUE_BUCKET = "1";
  /** Bucket of a null sort value with {@code nulls: LAST}. */
  public static final String NULLS_LAST_BUCKET = "2";

  /**
   * The name of the deployment parameter that says how many of the schema's {@code count} GSIs the table has:
   * {@code IndexCountOf<count>}. It holds the count so that a deploy after the count changed takes the new default
   * instead of the stack's previous value (SAM keeps a parameter's previous value only for a name the stack has).
   *
   * @param count the schema's GSI count
   * @return the parameter's name
   */
  public static String indexCountParameter(int count) {
    return "IndexCountOf" + count;
  }

  private static final java.util.regex.Pattern INDEX_ATTRIBUTE =
      java.util.regex.Pattern.compile("(?:" + PARTITION_KEY + "|" + SORT_KEY_PREFIX + ")\\d\\d");

  private final KeyStrategy keyStrategy;

  public StorageLayout(KeyStrategy keyStrategy) {
    this.keyStrategy = keyStrategy;
  }

  /** How node items are keyed. */
  public KeyStrategy keyStrategy() {
    return keyStrategy;
  }

  /** The node key of an item of {@code type} without its id: {@code NODE#} or {@code <type>#}. */
  public String nodePrefix(String type) {
    return (keyStrategy == KeyStrategy.NODE ? NODE_SEGMENT : type) + SEPARATOR;
  }

  /** {@code <type>#<field>#}: the unique key without its value. */
  public static String uniquePrefix(String type, String field) {
    return type + SEPARATOR + field + SEPARATOR;
  }

  /** How the unique items of {@code u}, a {@code @unique} field of {@code type}, are keyed. */
  public static UniqueKeyFormat uniqueKey(String type, UniqueModel u) {
    String scalar = u.type().name();
    boolean number = scalar.equals("Float");
    boolean letters = !number && !scalar.equals("Int") && !scalar.equals("AWSTimestamp") && !scalar.equals("Boolean");
    return new UniqueKeyFormat(uniquePrefix(type, u.field()), number, u.ignoreCase(), letters);
  }

  /** {@code <target>#}: the relation partition key ({@code PKnn}) without the parent's id. */
  public static String relationPrefix(String target) {
    return target + SEPARATOR;
  }

  /** Two-digit slot number, e.g. {@code 01}. */
  public static String slotSuffix(int slot) {
    return slot >= 0 && slot < 10 ? "0" + slot : Integer.toString(slot); // %02d, without a Formatter per call
  }

  /** {@code GSInn}. */
  public static String indexName(int slot) {
    return INDEX_PREFIX + slotSuffix(slot);
  }

  /** {@code PKnn}. */
  public static String partitionAttribute(int slot) {
    return PARTITION_KEY + slotSuffix(slot);
  }

  /** {@code SKnn}. */
  public static String sortAttribute(int slot) {
    return SORT_KEY_PREFIX + slotSuffix(slot);
  }

  /**
   * True for the names the layout writes on items, which no stored field or input field may take:
   * {@code PK}, {@code __typename} and every {@code PKnn}/{@code SKnn} ({@code nn} any two digits).
   */
  public static boolean reservedAttribute(String name) {
    return name.equals(PARTITION_KEY) || name.equals(TYPENAME) || INDEX_ATTRIBUTE.matcher(name).matches();
  }

  /** The null bucket of a relation's sort components. */
  public static String nullBucket(NullsOrder nulls) {
    return nulls == NullsOrder.FIRST ? NULLS_FIRST_BUCKET : NULLS_LAST_BUCKET;
  }

  /**
   * The components of a {@code @hasMany} sort key, in {@code sortBy} order: each one's encoding, whether it is
   * lower-cased ({@code ignoreCase}, strings only), its null bucket and the units it may take (string and
   * enum components).
   */
  public static java.util.List<SortKeyComponent> sortComponents(RelationModel r) {
    long strings = r.sortBy().stream().filter(s -> SortEncoding.of(s) == SortEncoding.STRING).count();
    int maxUnits = strings == 0 ? SORT_KEY_UNITS : (int) (SORT_KEY_UNITS / strings);
    String nullBucket = nullBucket(r.nulls());
    return r.sortBy().stream().map(s -> {
      SortEncoding encoding = SortEncoding.of(s);
      return new SortKeyComponent(s, encoding, r.ignoreCase() && encoding == SortEncoding.STRING, nullBucket,
          maxUnits);
    }).toList();
  }
}
