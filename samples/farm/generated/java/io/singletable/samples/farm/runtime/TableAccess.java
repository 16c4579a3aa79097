// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.farm.runtime;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The schema-independent half of the generated data-access class, which extends it: reads that check what
 * they read (type and id), the writes of the resolvers (creates, conditioned updates and deletes that move
 * unique items, retried on a concurrent change), relation queries with cursors, batch gets with retries, the
 * mapping of DynamoDB's failures to the resolvers' error types, and the types of its API (pages and
 * failures). Thread-safe. Part of the singletable runtime; do not edit.
 */
public abstract class TableAccess {
  /**
   * Attempts of an update or delete that meets a concurrent change before it gives up, by default
   * ({@link RetryPolicy#DEFAULT}; {@code withRetryPolicy} of the data-access class sets another).
   */
  public static final int MAX_ATTEMPTS = 5;

  /**
   * Attempts at the keys a BatchGetItem leaves unprocessed (throttling, 16 MB responses).
   */
  public static final int MAX_BATCH_ATTEMPTS = 8;

  private final DynamoDbClient client;

  private final String tableName;

  /** The requests of the reads and writes, and the reading of their failures (shared with the async flavour). */
  private final TableRequests requests;

  private final Clock clock;

  /** The writes of the transaction this access belongs to, or null outside transactions. */
  private final PendingWrites pending;

  /** How writes that meet a concurrent change or a conflict are retried. */
  private final RetryPolicy retry;

  /**
   * Access to the table {@code tableName} (the SAM template's {@code Table}, e.g. from its {@code TableName} output).
   *
   * @param client the DynamoDB client
   * @param tableName the table's name
   */
  protected TableAccess(DynamoDbClient client, String tableName) {
    this(client, tableName, Clock.systemUTC());
  }

  /**
   * Access with a clock for {@code createdAt}/{@code updatedAt}.
   *
   * @param client the DynamoDB client
   * @param tableName the table's name
   * @param clock the clock of the timestamps
   */
  protected TableAccess(DynamoDbClient client, String tableName, Clock clock) {
    this(client, tableName, clock, null);
  }

  /**
   * Access whose writes go to a transaction: creates, updates and deletes add their writes to {@code pending}
   * (committed by {@link #runTransaction}) instead of making them; reads are made at once.
   *
   * @param client the DynamoDB client
   * @param tableName the table's name
   * @param clock the clock of the timestamps
   * @param pending the transaction's writes, or null for none
   */
  protected TableAccess(DynamoDbClient client, String tableName, Clock clock, PendingWrites pending) {
    this(client, tableName, clock, RetryPolicy.DEFAULT, pending);
  }

  /**
   * Access with a retry policy, whose writes go to a transaction when {@code pending} is given.
   *
   * @param client the DynamoDB client
   * @param tableName the table's name
   * @param clock the clock of the timestamps
   * @param retry how writes meeting a concurrent change or a conflict are retried
   * @param pending the transaction's writes, or null for none
   */
  protected TableAccess(DynamoDbClient client, String tableName, Clock clock, RetryPolicy retry, PendingWrites pending) {
    this.client = Objects.requireNonNull(client, "client");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    this.requests = new TableRequests(tableName);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.pending = pending;
  }

  /**
   * The retry policy of writes.
   *
   * @return the policy
   */
  public final RetryPolicy retryPolicy() {
    return retry;
  }

  /**
   * The clock of the timestamps.
   *
   * @return the clock
   */
  protected final Clock clock() {
    return clock;
  }

  /**
   * Runs {@code work} as one transaction: it gets a fresh {@link PendingWrites} on each attempt, and what its writes
   * add to it is committed as one TransactWriteItems, or nothing is. When an item it updated or deleted changed after
   * its read, or another transaction held one of its items, {@code work} runs again (up to the retry policy's attempts in
   * all), so it must have no effect but its writes. A unique value or id taken is {@code NotUnique} of that type
   * and field, and is not retried.
   *
   * @param work the transaction's calls, given the writes to fill
   * @param <R> what it returns
   * @return what the last run of {@code work} returned
   * @throws IllegalStateException inside a transaction (they do not nest), or when the writes exceed
   *         {@link PendingWrites#MAX_ACTIONS}
   * @throws NotUniqueException when a created or changed unique value (or a created id) is taken
   * @throws ConflictException when an item changed between its read and the commit in each attempt
   * @throws TransactionConflictException when another transaction held an item in each attempt
   * @throws ValidationErrorException when DynamoDB refuses the request as invalid
   */
  protected final <R> R runTransaction(Function<PendingWrites, R> work) {
    Objects.requireNonNull(work, "work");
    if (pending != null) {
      throw new IllegalStateException("transactions do not nest: call the repositories of the transaction's access");
    }
    for (int attempt = 1; ; attempt++) {
      PendingWrites writes = new PendingWrites();
      R result = work.apply(writes);
      if (writes.isEmpty()) {
        return result;
      }
      try {
        client.transactWriteItems(TableRequests.transaction(writes.writes));
        return result;
      } catch (DynamoDbException e) {
        boolean changed = TableRequests.retryable(e, writes.typenames, writes.owners);
        if (attempt >= retry.maxAttempts()) {
          throw TableRequests.exhausted(changed, retry.maxAttempts(), e, true);
        }
      }
      pause(attempt);
    }
  }

  /**
   * The client, for access patterns of your own.
   *
   * @return the client
   */
  public final DynamoDbClient client() {
    return client;
  }

  /**
   * The table's name.
   *
   * @return the name
   */
  public final String tableName() {
    return tableName;
  }

  /** Crockford's base 32, in ASCII order: ids compare as the numbers they encode. */
  private static final char[] BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  /** The last id's time (milliseconds) and its 80 random bits, high 16 and low 64; guarded by the class. */
  private static long lastMillis = Long.MIN_VALUE;
  private static long lastHigh;
  private static long lastLow;

  /**
   * A new id, time-ordered: a ULID (26 characters of Crockford's base 32, {@code 0-9A-Z} without {@code I}, {@code L},
   * {@code O}, {@code U}), the system time in milliseconds then 80 random bits. Within this JVM ids only grow: one
   * made in the same millisecond as the previous one (or after the clock stepped back) is the previous one plus one.
   * So items this layer creates, sorted by a timestamp, tie-break by id in creation order. Items created by the
   * resolvers get {@code $util.autoId()}, a random UUID: within the same millisecond they tie-break by id, not in
   * creation order. A valid id ({@link ItemValues#isId}): no {@code #}, no control character.
   *
   * @return the id
   */
  public static String newId() {
    long millis = System.currentTimeMillis();
    long high;
    long low;
    synchronized (TableAccess.class) {
      if (millis > lastMillis) {
        lastMillis = millis;
        lastHigh = ThreadLocalRandom.current().nextLong() & 0xFFFFL;
        lastLow = ThreadLocalRandom.current().nextLong();
      } else if (++lastLow == 0 && ++lastHigh > 0xFFFFL) { // 2^80 ids in one millisecond: borrow the next one
        lastMillis++;
        lastHigh = 0;
      }
      millis = lastMillis;
      high = lastHigh;
      low = lastLow;
    }
    char[] out = new char[26];
    // 48 bits of time in 10 characters (the first holds 3 bits), then 80 random bits in 16
    long time = millis & 0xFFFF_FFFF_FFFFL;
    for (int i = 9; i >= 0; i--) {
      out[i] = BASE32[(int) (time & 31)];
      time >>>= 5;
    }
    for (int i = 25; i >= 10; i--) {
      out[i] = BASE32[(int) (low & 31)];
      low = (low >>> 5) | ((high & 31) << 59);
      high >>>= 5;
    }
    return new String(out);
  }

  /**
   * The table as {@code template.yaml} declares it (on-demand, hash key {@code PK}, {@code gsiCount} generic GSIs
   * with {@code PKnn}/{@code SKnn} keys projecting all attributes), for DynamoDB Local and tests.
   *
   * @param tableName the table's name
   * @param gsiCount the generic GSIs
   * @return the request
   * @throws NullPointerException when the name is null
   */
  protected static CreateTableRequest createTableRequest(String tableName, int gsiCount) {
    Objects.requireNonNull(tableName, "tableName");
    List<AttributeDefinition> attributes = new ArrayList<>();
    attributes.add(AttributeDefinition.builder().attributeName("PK").attributeType(ScalarAttributeType.S).build());
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    for (int slot = 1; slot <= gsiCount; slot++) {
      String nn = String.format(Locale.ROOT, "%02d", slot);
      attributes.add(AttributeDefinition.builder().attributeName("PK" + nn).attributeType(ScalarAttributeType.S).build());
      attributes.add(AttributeDefinition.builder().attributeName("SK" + nn).attributeType(ScalarAttributeType.S).build());
      indexes.add(GlobalSecondaryIndex.builder().indexName("GSI" + nn)
          .keySchema(KeySchemaElement.builder().attributeName("PK" + nn).keyType(KeyType.HASH).build(),
              KeySchemaElement.builder().attributeName("SK" + nn).keyType(KeyType.RANGE).build())
          .projection(p -> p.projectionType(ProjectionType.ALL)).build());
    }
    CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(tableName)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(attributes)
        .keySchema(KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build());
    if (!indexes.isEmpty()) {
      request.globalSecondaryIndexes(indexes);
    }
    return request.build();
  }

  /**
   * Every item of a relation, page after page, e.g. {@code allPages(PageRequest.first(1000), r -> access.farms().cows(id, r))}:
   * all pages are read before it returns.
   *
   * @param <T> the item type
   * @param first the first page's request (limit and order)
   * @param query one of the relation methods
   * @return the items in order
   * @deprecated each {@code @hasMany} relation has a lazy stream of its items, e.g. {@code
   *     access.farms().cowsStream(id, PageRequest.first(1000)).toList()}, and an {@code Iterable} of its pages
   */
  @Deprecated
  public static <T> List<T> allPages(PageRequest first, Function<PageRequest, Page<T>> query) {
    List<T> out = new ArrayList<>();
    PageRequest request = first;
    while (true) {
      Page<T> page = query.apply(request);
      out.addAll(page.items());
      if (!page.hasNext()) {
        return out;
      }
      request = request.after(page.nextToken());
    }
  }

  /**
   * The time now as AppSync's {@code $util.time.nowISO8601()} writes it (UTC, milliseconds), by this access's clock.
   *
   * @return the timestamp
   */
  protected final String now() {
    return TableRequests.timestamp(clock);
  }

  private Map<String, AttributeValue> getItem(String pk, boolean consistent) {
    try {
      GetItemResponse response = client.getItem(requests.getItem(pk, consistent));
      return response.hasItem() ? response.item() : null;
    } catch (DynamoDbException e) {
      throw TableRequests.refused(e);
    }
  }

  /**
   * The stored node of {@code id} (a consistent read), refused as {@code NotFound} unless it is a node of the
   * type with that id.
   *
   * @param id the id asked for
   * @param pk the item's {@code PK}
   * @param typename the type name
   * @return the stored item
   */
  protected Map<String, AttributeValue> currentNode(String id, String pk, String typename) {
    return TableRequests.current(getItem(pk, true), id, typename);
  }

  /**
   * A client-supplied id, unless it is invalid ({@code InvalidId}); null passes (an optional key field).
   *
   * @param typename the type name
   * @param field the field holding the id (for the message)
   * @param id the id asked for
   * @return the id
   */
  protected static String checkId(String typename, String field, String id) {
    if (id != null && !ItemValues.isId(id)) {
      throw new InvalidIdException(typename, field);
    }
    return id;
  }

  /**
   * The ids of a relation key list field: each non-null one valid ({@code InvalidId}).
   *
   * @param typename the type name
   * @param field the field holding the id (for the message)
   * @param ids the ids
   */
  protected static void checkIds(String typename, String field, List<String> ids) {
    if (ids != null) {
      ids.forEach(id -> checkId(typename, field, id));
    }
  }

  /**
   * What an update writes, for the generated code: the entity as stored, its item and its unique fields' keys before
   * and after. Both flavours of the data access build it with the same generated function.
   *
   * @param <T> the entity type
   * @param entity the entity as it will be stored
   * @param item its item
   * @param uniques the unique fields' keys before and after
   * @param links the sort keys the update moves in {@code @manyToMany} join items (none when no field another
   *        type's many-to-many side sorts by changed)
   */
  public record Replacement<T>(T entity, Map<String, AttributeValue> item, List<UniqueKey> uniques,
      List<SortedLink> links) {
    /**
     * The parts of an update.
     *
     * @param entity the entity as it will be stored
     * @param item its item
     * @param uniques the unique fields' keys before and after
     * @param links the sort keys the update moves in join items
     */
    public Replacement {
      links = List.copyOf(links);
    }

    /**
     * The parts of an update that moves no sort key of a join item.
     *
     * @param entity the entity as it will be stored
     * @param item its item
     * @param uniques the unique fields' keys before and after
     */
    public Replacement(T entity, Map<String, AttributeValue> item, List<UniqueKey> uniques) {
      this(entity, item, uniques, List.of());
    }
  }

  /**
   * Refuses an update whose change function changed the id.
   *
   * @param expected the id read
   * @param actual the id of the changed entity
   */
  protected static void requireId(String expected, String actual) {
    if (!expected.equals(actual)) {
      throw new IllegalArgumentException("an update cannot change the id: " + expected + " became " + actual);
    }
  }

  /**
   * The create resolver's writes: the node and its unique items, none of them existing before. A taken id is
   * {@code NotUnique:Type.id}, a taken unique value {@code NotUnique:Type.field}, as the resolver answers.
   * <p>A repeated create: for a type without unique fields (one PutItem) the resolver's answer is AppSync's rule for a
   * failed condition, under which a stored item equal to the item to write counts as written; Java applies that rule
   * and, on its own, relaxes it to ignore the {@code stamped} attributes ({@code createdAt}/{@code updatedAt}, which a
   * retry stamps again) and the index attributes (derived from the fields, timestamps included): the stored node
   * counts as this create's, and is returned. For a type with unique fields (one TransactWriteItems, which AppSync
   * never counts as done) a repeated create fails as the resolver's does: {@code NotUnique} of the first unique
   * value it sets, else of {@code id}. Inside a transaction nothing counts as done.
   *
   * @param typename the type name
   * @param item the item to write
   * @param indexAttributes the type's index attributes (left out of unique items)
   * @param uniques the unique fields' keys before and after
   * @param stamped the attributes the writer stamps ({@code createdAt}/{@code updatedAt}), ignored when a stored
   *        node is compared with {@code item}
   * @return null when this call wrote {@code item} (or added it to the transaction); else the stored node that an
   *         earlier create of the same item wrote
   */
  protected Map<String, AttributeValue> createNode(String typename, Map<String, AttributeValue> item,
      List<String> indexAttributes, List<UniqueKey> uniques, List<String> stamped) {
    TableRequests.Writes writes = requests.create(item, indexAttributes, uniques);
    if (pending != null) {
      pending.add(typename, writes.writes(), writes.owners());
      return null;
    }
    if (!uniques.isEmpty()) {
      write(typename, writes, retry.maxAttempts(), true);
      return null;
    }
    try {
      write(typename, writes, retry.maxAttempts(), false);
      return null;
    } catch (NotUniqueException e) {
      Map<String, AttributeValue> stored = getItem(item.get("PK").s(), true);
      if (!TableRequests.sameCreate(stored, item, indexAttributes, stamped)) {
        throw e;
      }
      return stored;
    }
  }

  /**
   * The update resolver's writes: the merged node, conditioned on every stored field still being what was
   * read; unique items moved (old key deleted, new key taken) or refreshed. An old or refreshed key is written only
   * where this id holds it or nothing is stored yet (an item written before its field became {@code @unique}, until
   * the backfill has run): never where another id holds it. False: retry after a concurrent change.
   *
   * @param typename the type name
   * @param current the stored item, as read
   * @param item the item as read, or null
   * @param fields the stored fields but id (the update's condition compares them)
   * @param indexAttributes the type's index attributes (left out of unique items)
   * @param uniques the unique fields' keys before and after
   * @param attempt the attempt, from 1
   * @return true when written, false to retry after a concurrent change
   */
  protected boolean replaceNode(String typename, Map<String, AttributeValue> current,
      Map<String, AttributeValue> item, List<String> fields, List<String> indexAttributes,
      List<UniqueKey> uniques, int attempt) {
    TableRequests.Writes writes = requests.replace(typename, current, item, fields, indexAttributes, uniques);
    if (pending != null) {
      pending.add(typename, writes.writes(), writes.owners());
      return true;
    }
    return write(typename, writes, attempt, !uniques.isEmpty());
  }

  /**
   * {@link #replaceNode(String, Map, Map, List, List, List, int)} of an update that changed fields another type's
   * {@code @manyToMany} side sorts by: the item's link heads in those relations are read consistently (one
   * BatchGetItem), then the join items they list (one more, consistent), and the update is one TransactWriteItems: the
   * node, its unique items, the new sort key in every join item that exists, and a check of each head's links as read
   * (a link made or removed since the read, or a join item gone, makes the attempt fail and run again). Without
   * {@code links}: as {@link #replaceNode(String, Map, Map, List, List, List, int)}. In a transaction the reads are
   * made at once and the writes join the transaction.
   *
   * @param typename the type name
   * @param current the stored item, as read
   * @param item the item to write
   * @param fields the stored fields but id (the update's condition compares them)
   * @param indexAttributes the type's index attributes (left out of unique items)
   * @param uniques the unique fields' keys before and after
   * @param links the sort keys to move ({@link Replacement#links()})
   * @param attempt the attempt, from 1
   * @return true when written, false to retry after a concurrent change
   * @throws DataAccessException ({@code TooManyLinks}) when the writes do not fit one transaction (nothing is written)
   */
  protected boolean replaceNode(String typename, Map<String, AttributeValue> current,
      Map<String, AttributeValue> item, List<String> fields, List<String> indexAttributes,
      List<UniqueKey> uniques, List<SortedLink> links, int attempt) {
    if (links.isEmpty()) {
      return replaceNode(typename, current, item, fields, indexAttributes, uniques, attempt);
    }
    TableRequests.Writes writes = requests.replace(typename, current, item, fields, indexAttributes, uniques);
    List<LinkHead> heads = readLinkHeads(current.get("id").s(), SortedLink.relations(links));
    Map<String, Map<String, AttributeValue>> joins = batchGetKeys(TableRequests.joinKeys(heads), true);
    requests.sortLinks(writes, typename, heads, links, joins);
    if (pending != null) {
      pending.add(typename, writes.writes(), writes.owners());
      return true;
    }
    return write(typename, writes, attempt, true);
  }

  /**
   * The delete resolver's writes for a type with unique fields: the node, conditioned on its type and unique
   * values, and the unique items it owns (a missing one, not built yet by the backfill, is no obstacle; one another
   * id holds is never deleted). False: retry after a concurrent change.
   *
   * @param typename the type name
   * @param current the stored item, as read
   * @param uniques the unique fields' keys before and after
   * @param attempt the attempt, from 1
   * @return true when deleted, false to retry after a concurrent change
   */
  protected boolean removeNode(String typename, Map<String, AttributeValue> current,
      List<UniqueKey> uniques, int attempt) {
    return removeNode(typename, current, uniques, attempt, -1);
  }

  /**
   * {@link #removeNode(String, Map, List, int)} of a versioned type's item whose version the caller expects: the
   * delete holds only while the item has it, and an item that got another one since the read is {@code
   * ConflictingVersion} (not retried).
   *
   * @param typename the type name
   * @param current the stored item, as read (its version already checked: {@link #checkVersion})
   * @param uniques the unique fields' keys before and after
   * @param attempt the attempt, from 1
   * @param expectedVersion the version expected, or -1 for none
   * @return true when deleted, false to retry after a concurrent change
   */
  protected boolean removeNode(String typename, Map<String, AttributeValue> current,
      List<UniqueKey> uniques, int attempt, int expectedVersion) {
    return runRemove(typename, current, requests.remove(typename, current, uniques, expectedVersion), attempt,
        expectedVersion);
  }

  /** The writes of a delete, run (or added to the transaction): true when done, false to retry. */
  private boolean runRemove(String typename, Map<String, AttributeValue> current, TableRequests.Writes writes,
      int attempt, int expectedVersion) {
    if (pending != null) {
      pending.add(typename, writes.writes(), writes.owners());
      return true;
    }
    if (expectedVersion < 0) {
      return write(typename, writes, attempt, true);
    }
    try {
      return write(typename, writes, retry.maxAttempts(), true);
    } catch (ConflictException e) { // the item changed since the read: its version too
      throw TableRequests.versionChanged(typename, current, expectedVersion, e);
    }
  }

  /**
   * {@link #removeNode(String, Map, List, int, int)} of an item in {@code @manyToMany} relations: its link heads are
   * read consistently first, and every join item they list goes with the node, each head conditioned on its links as
   * read (a link made since then makes the attempt fail and run again).
   *
   * @param typename the type name
   * @param current the stored item, as read
   * @param uniques the unique fields' keys before and after
   * @param attempt the attempt, from 1
   * @param expectedVersion the version expected, or -1 for none
   * @param links the relations the type is in: join type to whether the type is on side {@code a}
   * @return true when deleted, false to retry after a concurrent change
   * @throws DataAccessException ({@code TooManyLinks}) when the links do not fit one transaction with the node
   */
  protected boolean removeNode(String typename, Map<String, AttributeValue> current, List<UniqueKey> uniques,
      int attempt, int expectedVersion, Map<String, Boolean> links) {
    List<LinkHead> heads = readLinkHeads(current.get("id").s(), links);
    TableRequests.Writes writes = requests.remove(typename, current, uniques, expectedVersion);
    requests.removeLinks(writes, typename, heads);
    return runRemove(typename, current, writes, attempt, expectedVersion);
  }

  /**
   * The connect mutation of a {@code @manyToMany} relation ({@code add<R>}): one TransactWriteItems checking both
   * items, putting the join item and adding each id to the other's link head; linking again changes nothing. In a
   * transaction, its writes join the transaction's.
   *
   * @param joinType the relation's name
   * @param aType side a's type
   * @param aId the a item's id
   * @param aNodeKey its node key
   * @param bType side b's type
   * @param bId the b item's id
   * @param bNodeKey its node key
   * @param join the join item as the resolver writes it ({@code PK}, {@code __typename}, both ids, index attributes)
   * @throws NotFoundException when an id names no item of its type (nothing is written)
   * @throws TransactionConflictException when another transaction held one of the items in each attempt
   */
  protected void link(String joinType, String aType, String aId, String aNodeKey, String bType, String bId,
      String bNodeKey, Map<String, AttributeValue> join) {
    List<TransactWriteItem> writes = requests.link(joinType, aType, aId, aNodeKey, bType, bId, bNodeKey, join);
    runLinkWrites(joinType, writes, true, aType, aId, bType, bId);
  }

  /**
   * The connect mutation of a {@code @manyToMany} relation with {@code sortBy} on either side, whose join item holds
   * sort keys made of the two items' values: one consistent BatchGetItem of both items, then one TransactWriteItems
   * as {@link #link(String, String, String, String, String, String, String, Map)}, whose check of each item also
   * requires the fields the other side sorts by to be as read. When one changed meanwhile, both are read again and
   * the attempt repeated, up to the retry policy's attempts. In a transaction, the read is made at once and the
   * writes join the transaction's.
   *
   * @param joinType the relation's name
   * @param aType side a's type
   * @param aId the a item's id
   * @param aNodeKey its node key
   * @param aFields the fields of the a item side b sorts by
   * @param bType side b's type
   * @param bId the b item's id
   * @param bNodeKey its node key
   * @param bFields the fields of the b item side a sorts by
   * @param join the join item as the resolver writes it from the a and the b item as read
   * @throws NotFoundException when an id names no item of its type (nothing is written)
   * @throws ConflictException when one of the items changed between the read and the write in each attempt
   * @throws TransactionConflictException when another transaction held one of the items in each attempt
   */
  protected void link(String joinType, String aType, String aId, String aNodeKey, List<String> aFields, String bType,
      String bId, String bNodeKey, List<String> bFields,
      BiFunction<Map<String, AttributeValue>, Map<String, AttributeValue>, Map<String, AttributeValue>> join) {
    for (int attempt = 1; ; attempt++) {
      List<Map<String, AttributeValue>> read = TableRequests.linked(batchGetKeys(List.of(aNodeKey, bNodeKey), true),
          aType, aId, aNodeKey, bType, bId, bNodeKey);
      List<TransactWriteItem> writes = requests.link(joinType, aType, aId, aNodeKey, aFields, read.get(0), bType, bId,
          bNodeKey, bFields, read.get(1), join.apply(read.get(0), read.get(1)));
      if (pending != null) {
        pending.add(joinType, writes, Collections.nCopies(writes.size(), ""));
        return;
      }
      try {
        client.transactWriteItems(TableRequests.transaction(writes));
        return;
      } catch (DynamoDbException e) {
        boolean changed = TableRequests.linkChanged(e);
        if (attempt >= retry.maxAttempts()) {
          throw TableRequests.exhausted(changed, retry.maxAttempts(), e, true);
        }
      }
      pause(attempt);
    }
  }

  /**
   * The disconnect mutation ({@code remove<R>}): one TransactWriteItems deleting the join item and each id from the
   * other's link head; removing a link that does not exist changes nothing.
   *
   * @param joinType the relation's name
   * @param aId the a item's id
   * @param bId the b item's id
   * @throws TransactionConflictException when another transaction held one of the items in each attempt
   */
  protected void unlink(String joinType, String aId, String bId) {
    runLinkWrites(joinType, requests.unlink(joinType, aId, bId), false, "", aId, "", bId);
  }

  private void runLinkWrites(String joinType, List<TransactWriteItem> writes, boolean connect, String aType,
      String aId, String bType, String bId) {
    if (pending != null) {
      pending.add(joinType, writes, Collections.nCopies(writes.size(), ""));
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        client.transactWriteItems(TableRequests.transaction(writes));
        return;
      } catch (DynamoDbException e) {
        if (TableRequests.linkFailed(e, connect, aType, aId, bType, bId)) {
          return; // a disconnect of no link
        }
        if (attempt >= retry.maxAttempts()) {
          throw TableRequests.exhausted(false, retry.maxAttempts(), e, true);
        }
      }
      pause(attempt);
    }
  }

  /**
   * A page of one side of a {@code @manyToMany} relation, as its resolver reads it: one Query of the join items, then
   * the items they name in one BatchGetItem (more only for unprocessed keys or over 100), in the join items' order;
   * an item missing or of another type is left out.
   *
   * @param <T> the entity type
   * @param index the side's GSI
   * @param partitionAttribute its partition key attribute
   * @param sortAttribute its sort key attribute
   * @param partition {@code <joinType>#<id>}
   * @param request which page
   * @param joinType the join items' type
   * @param otherIdField the join items' field naming the listed item
   * @param key the node key of an id
   * @param decode decodes an item
   * @param typenames the types the listed items may have
   * @return the page; its nextToken is the join items'
   */
  protected <T> Page<T> joinPage(String index, String partitionAttribute, String sortAttribute, String partition,
      PageRequest request, String joinType, String otherIdField, Function<String, String> key,
      Function<Map<String, AttributeValue>, T> decode, String... typenames) {
    Page<Map<String, AttributeValue>> joins = queryPage(index, partitionAttribute, sortAttribute, partition, null,
        request, item -> item, joinType);
    List<String> ids = TableRequests.linkedIds(joins.items(), otherIdField);
    List<T> nodes = ids.isEmpty() ? List.of() : readNodes(ReadConsistency.EVENTUAL, ids, key, decode, typenames);
    return new Page<>(nodes.stream().filter(Objects::nonNull).toList(), joins.nextToken());
  }

  /**
   * The link heads of an item, read strongly consistently in one BatchGetItem (the join items' GSI is only
   * eventually consistent), in the order of {@code links}.
   *
   * @param id the item's id
   * @param links join type to whether the item is on side {@code a}
   * @return one head per relation; its item null when the item has none
   */
  protected List<LinkHead> readLinkHeads(String id, Map<String, Boolean> links) {
    List<String> keys = links.keySet().stream().sorted().map(t -> LinkHead.key(t, id)).toList();
    Map<String, Map<String, AttributeValue>> found = batchGetKeys(keys, true);
    return links.keySet().stream().sorted()
        .map(t -> new LinkHead(t, links.get(t), id, found.get(LinkHead.key(t, id)))).toList();
  }

  /**
   * The version a versioned type's stored item has (0 when it has none: stored before the type was versioned).
   *
   * @param item the stored item
   * @return its version
   */
  protected static int storedVersion(Map<String, AttributeValue> item) {
    return TableRequests.storedVersion(item);
  }

  /**
   * Refuses an update or delete of a versioned type's item that has another version than the caller expects.
   *
   * @param typename the type name
   * @param id the id
   * @param current the stored item, as read
   * @param expectedVersion the version expected
   * @throws VersionConflictException when the stored version is another
   */
  protected static void checkVersion(String typename, String id, Map<String, AttributeValue> current, int expectedVersion) {
    TableRequests.checkVersion(typename, id, current, expectedVersion);
  }

  /**
   * Runs the writes as the resolver does: one TransactWriteItems for a type with unique fields, else one
   * PutItem/DeleteItem; a failure is read by {@link TableRequests#retryable}: false while attempts remain after a
   * concurrent change or a conflict, then {@code ConditionalCheckFailed} or {@code TransactionConflict}.
   */
  private boolean write(String typename, TableRequests.Writes writes, int attempt, boolean transaction) {
    boolean changed;
    try {
      if (!transaction) {
        PutItemRequest put = TableRequests.putItem(writes.writes().get(0));
        if (put != null) {
          client.putItem(put);
        } else {
          client.deleteItem(TableRequests.deleteItem(writes.writes().get(0)));
        }
      } else {
        client.transactWriteItems(TableRequests.transaction(writes.writes()));
      }
      return true;
    } catch (DynamoDbException e) {
      changed = TableRequests.retryable(e, Collections.nCopies(writes.owners().size(), typename), writes.owners());
      if (attempt >= retry.maxAttempts()) {
        throw TableRequests.exhausted(changed, retry.maxAttempts(), e, false);
      }
    }
    pause(attempt);
    return false;
  }

  /**
   * The delete resolver of a type without unique fields: one DeleteItem conditioned on the type and the id.
   *
   * @param id the id asked for
   * @param pk the item's {@code PK}
   * @param typename the type name
   * @return the deleted item
   */
  protected Map<String, AttributeValue> deleteTyped(String id, String pk, String typename) {
    return deleteTyped(id, pk, typename, -1);
  }

  /**
   * {@link #deleteTyped(String, String, String)} of a versioned type's item whose version the caller expects: the
   * DeleteItem is also conditioned on it; when the condition fails, a consistent read tells {@code NotFound} from
   * {@code ConflictingVersion}.
   *
   * @param id the id asked for
   * @param pk the item's {@code PK}
   * @param typename the type name
   * @param expectedVersion the version expected, or -1 for none
   * @return the deleted item
   */
  protected Map<String, AttributeValue> deleteTyped(String id, String pk, String typename, int expectedVersion) {
    TableRequests.Condition condition = TableRequests.deleteTypedCondition(id, typename, expectedVersion);
    if (pending != null) { // the item is read now, to return it; the delete holds only if it is still of the type
      Map<String, AttributeValue> current = currentNode(id, pk, typename);
      if (expectedVersion >= 0) {
        checkVersion(typename, id, current, expectedVersion);
      }
      pending.add(typename, List.of(requests.deleteTypedWrite(pk, condition)), List.of(""));
      return current;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return client.deleteItem(requests.deleteTyped(pk, condition)).attributes();
      } catch (ConditionalCheckFailedException e) {
        throw TableRequests.deleteRefused(expectedVersion < 0 ? null : getItem(pk, true), id, typename, expectedVersion, e);
      } catch (software.amazon.awssdk.services.dynamodb.model.TransactionConflictException e) {
        if (attempt >= retry.maxAttempts()) {
          throw TableRequests.heldTooLong("deleted", e);
        }
        pause(attempt);
      } catch (DynamoDbException e) {
        throw TableRequests.refused(e);
      }
    }
  }

  /**
   * An atomic increment of a number field, without a read: one UpdateItem adding {@code delta} to the stored value (0
   * when absent), setting {@code updatedAt} and moving {@code version} on when the type has them, conditioned on the
   * type and the id and, for a 32-bit {@code Int}, on the result staying within it. The item's other attributes are left
   * as they are. In a transaction, the update is one of its writes.
   *
   * @param typename the type name
   * @param id the id
   * @param pk the node key
   * @param field the number field
   * @param delta the amount, as DynamoDB's number text
   * @param intRange for an {@code Int}: the stored value must stay within 32 bits; the limit is checked on the stored value
   * @param updatedAt whether to set {@code updatedAt} to now
   * @param versioned whether to move {@code version} on
   * @return the item as written (in a transaction: null, the commit decides)
   */
  protected Map<String, AttributeValue> addToNumber(String typename, String id, String pk, String field, String delta,
      boolean intRange, boolean updatedAt, boolean versioned) {
    UpdateItemRequest request = requests.increment(typename, id, pk, field, delta, intRange, updatedAt ? now() : null,
        versioned);
    if (pending != null) {
      pending.add(typename, List.of(TableRequests.incrementWrite(request)), List.of(""));
      return null;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return client.updateItem(request).attributes();
      } catch (ConditionalCheckFailedException e) {
        throw TableRequests.incrementRefused(getItem(pk, true), typename, id, field, delta, intRange, e);
      } catch (software.amazon.awssdk.services.dynamodb.model.TransactionConflictException e) {
        if (attempt >= retry.maxAttempts()) {
          throw TableRequests.heldTooLong("written", e);
        }
        pause(attempt);
      } catch (DynamoDbException e) {
        throw TableRequests.refused(e);
      }
    }
  }

  /**
   * The retry policy's wait after failed attempt {@code attempt}.
   */
  private void pause(int attempt) {
    pause(retry, attempt);
  }

  private static void pause(RetryPolicy policy, int attempt) {
    long millis = policy.delayMillis(attempt);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataAccessException("Interrupted", "interrupted while waiting to retry", e);
    }
  }

  /**
   * The condition of a relation's range method on its sort key, from the item codec's encoding of its first sort
   * field: {@code null} for no range.
   *
   * @param <V> the Java type of the first sort field
   * @param range the range, or null for every item
   * @param bucketOf the codec's start of the sort key of an item with a value (bucket and encoded value)
   * @param text whether the first sort field is sorted as text ({@code beginsWith} is refused otherwise)
   * @param field the first sort field's name (for messages)
   * @return the operator and its operands, or null
   * @throws IllegalArgumentException when the range is refused (see {@link SortRange})
   */
  protected static <V> List<String> sortCondition(SortRange<V> range, Function<V, String> bucketOf, boolean text,
      String field) {
    return range == null ? null : List.of(range.condition(bucketOf, text, field));
  }

  /**
   * The relation resolvers' Query: one page of a GSI partition, in the requested order, optionally only the items
   * whose sort key meets {@code condition} (a range of the first sort field); the items of the relation's types are
   * decoded. The page's cursor is bound to this query: a cursor of another index, partition, order or condition, or
   * one altered, is refused before any request.
   *
   * @param <T> the entity type
   * @param index the GSI
   * @param partitionAttribute the GSI's partition key attribute
   * @param sortAttribute the GSI's sort key attribute
   * @param partition the partition key value
   * @param condition the sort-key condition ({@link #sortCondition}), or null
   * @param request which page
   * @param decode decodes an item
   * @param typenames the types the items may have (others are left out)
   * @return the page
   * @throws IllegalArgumentException when the request's nextToken is not one of this query
   */
  protected <T> Page<T> queryPage(String index, String partitionAttribute, String sortAttribute, String partition,
      List<String> condition, PageRequest request, Function<Map<String, AttributeValue>, T> decode,
      String... typenames) {
    TableRequests.Query query = requests.query(index, partitionAttribute, sortAttribute, partition, condition, request);
    try {
      return query.page(client.query(query.request()), decode, typenames);
    } catch (DynamoDbException e) {
      throw TableRequests.refused(e);
    }
  }

  /**
   * The pages of a relation, lazily: each iteration starts at {@code first} and makes one call of {@code query} per
   * page it reaches, up to the page without a nextToken (which may be empty).
   *
   * @param <T> the item type
   * @param first the first page's request (limit, order, and a cursor to start after, or none)
   * @param query one of the relation's page methods
   * @return the pages
   */
  protected static <T> Iterable<Page<T>> lazyPages(PageRequest first, Function<PageRequest, Page<T>> query) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(query, "query");
    return () -> new Iterator<Page<T>>() {
      private PageRequest next = first;

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Page<T> next() {
        if (next == null) {
          throw new NoSuchElementException("no page after the last one");
        }
        Page<T> page = query.apply(next);
        next = page.hasNext() ? next.after(page.nextToken()) : null;
        return page;
      }
    };
  }

  /**
   * The items of a relation, lazily: a sequential stream that calls {@code query} for the next page only when it
   * needs the next item (a stream cut short by {@code limit} or {@code findFirst} reads no further page). Closing it
   * is harmless and not needed: it holds no resource.
   *
   * @param <T> the item type
   * @param first the first page's request (the limit is the page size)
   * @param query one of the relation's page methods
   * @return the items, in the request's order
   */
  protected static <T> Stream<T> lazyItems(PageRequest first, Function<PageRequest, Page<T>> query) {
    Iterable<Page<T>> pages = lazyPages(first, query);
    Spliterator<T> items = new Spliterators.AbstractSpliterator<T>(Long.MAX_VALUE,
        Spliterator.ORDERED | Spliterator.NONNULL) {
      private Iterator<Page<T>> remaining;
      private Iterator<T> current = Collections.emptyIterator();

      @Override
      public boolean tryAdvance(Consumer<? super T> action) {
        if (remaining == null) {
          remaining = pages.iterator();
        }
        while (!current.hasNext()) {
          if (!remaining.hasNext()) {
            return false;
          }
          current = remaining.next().items().iterator();
        }
        action.accept(current.next());
        return true;
      }
    };
    return StreamSupport.stream(items, false);
  }

  /**
   * BatchGetItem of distinct keys, 100 per request, unprocessed keys retried with backoff; by {@code PK}.
   *
   * @param pks the keys
   * @return the items found, by {@code PK}
   */
  protected Map<String, Map<String, AttributeValue>> batchGetKeys(List<String> pks) {
    return batchGetKeys(pks, false);
  }

  /**
   * {@link #batchGetKeys(List)}, strongly consistent when asked.
   *
   * @param pks the keys
   * @param consistent strongly consistent reads
   * @return the items found, by {@code PK}
   */
  protected Map<String, Map<String, AttributeValue>> batchGetKeys(List<String> pks, boolean consistent) {
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    for (List<String> batch : TableRequests.batches(pks)) {
      BatchGetItemRequest request = requests.batchGet(batch, consistent);
      for (int attempt = 1; request != null; attempt++) {
        if (attempt > 1) {
          pause(RetryPolicy.DEFAULT, attempt - 1);
        }
        try {
          request = requests.collect(client.batchGetItem(request), found, attempt);
        } catch (DynamoDbException e) {
          throw TableRequests.refused(e);
        }
      }
    }
    return found;
  }

  /**
   * The get resolvers: one GetItem; empty unless the item has one of the types and, read by a node key
   * ({@code id} not null), is the node of that id.
   *
   * @param <T> the entity type
   * @param pk the item's {@code PK}
   * @param id the id asked for
   * @param decode decodes an item
   * @param typenames the types the item may have
   * @return the entity, or empty
   */
  protected <T> Optional<T> readNode(String pk, String id,
      Function<Map<String, AttributeValue>, T> decode, String... typenames) {
    return readNode(ReadConsistency.EVENTUAL, pk, id, decode, typenames);
  }

  /**
   * {@link #readNode(String, String, Function, String...)} with the consistency asked for.
   *
   * @param consistency how the read sees recent writes
   * @param pk the key
   * @param id the id asked for, or null for a unique item (any id)
   * @param decode the decoder
   * @param typenames the expected types
   * @param <T> the decoded type
   * @return the decoded item, or empty
   */
  protected <T> Optional<T> readNode(ReadConsistency consistency, String pk, String id,
      Function<Map<String, AttributeValue>, T> decode, String... typenames) {
    Map<String, AttributeValue> item = getItem(pk, Objects.requireNonNull(consistency, "consistency") == ReadConsistency.STRONG);
    return TableRequests.node(item, id, decode, typenames);
  }

  /**
   * The batch resolvers: one element per id, in order; null for a null or invalid id, a missing item, another
   * type or an item that is not the node of that id.
   *
   * @param <T> the entity type
   * @param ids the ids
   * @param key the node key of an id
   * @param decode decodes an item
   * @param typenames the types the item may have
   * @return the entities found, in the order of the ids
   */
  protected <T> List<T> readNodes(List<String> ids, Function<String, String> key,
      Function<Map<String, AttributeValue>, T> decode, String... typenames) {
    return readNodes(ReadConsistency.EVENTUAL, ids, key, decode, typenames);
  }

  /**
   * {@link #readNodes(List, Function, Function, String...)} with the consistency asked for.
   *
   * @param consistency how the reads see recent writes
   * @param ids the ids
   * @param key the node key of an id
   * @param decode the decoder
   * @param typenames the expected types
   * @param <T> the decoded type
   * @return one element per id
   */
  protected <T> List<T> readNodes(ReadConsistency consistency, List<String> ids, Function<String, String> key,
      Function<Map<String, AttributeValue>, T> decode, String... typenames) {
    Objects.requireNonNull(consistency, "consistency");
    List<String> keys = TableRequests.nodeKeys(ids, key);
    Map<String, Map<String, AttributeValue>> found = batchGetKeys(keys, consistency == ReadConsistency.STRONG);
    return TableRequests.nodes(ids, keys, found, decode, typenames);
  }
}
