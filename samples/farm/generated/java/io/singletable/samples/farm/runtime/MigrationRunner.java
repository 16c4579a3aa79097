// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.farm.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Migrates the items of the single table in place: a parallel segmented Scan (consistent reads)
 * hands every node item, and every join item of a {@code @manyToMany} relation ({@link ItemSchema#joins}),
 * to the migration registered for its {@code __typename}, and applies the writes it returns as one
 * transaction per item. Unique items (copies of a node item under {@code Type#field#value}), link heads
 * and items of types without a migration are skipped; {@link #rewrite} moves the unique items along with
 * the node item it rewrites.
 *
 * <p>A rewrite applies only while the item is still what the scan saw; when it changed
 * concurrently the item is read again and migrated again (up to three attempts). The first other
 * failure stops every worker and {@link #run} throws a {@link MigrationException}. With a
 * {@link #checkpoint} file, every page whose writes were all applied is recorded; running again
 * with the same file resumes each segment after its last recorded page and never scans a finished
 * segment again, so migrations should be idempotent (a rewrite to what is stored writes nothing).
 *
 * <p>Attributes the schema does not know (a removed field, the index attributes of a removed relation) are
 * dropped by a rewrite, from the node and its unique items, exactly as the data-access {@code update} and the
 * resolvers' update drop them ("only what the model stores is kept"): a rewrite writes {@link ItemSchema#encode}
 * of the entity, even a rewrite to the entity as it was. To keep such an attribute, {@link #put} the item yourself.
 *
 * <pre>{@code
 * Report report = MigrationRunner.of(ItemCodec.SCHEMA, client, "table")
 *     .checkpoint(Path.of("migration.properties"))
 *     .migrate(Farm.class, (old, context) -> MigrationRunner.rewrite(context, upgraded(old)))
 *     .run();
 * }</pre>
 * Configure a runner before calling {@link #run}. What depends on the schema (types, keys, the codec) comes
 * from its {@link ItemSchema}, which the generated item codec provides. Part of the singletable runtime; do
 * not edit.
 *
 * @param <E> the schema's entity type (its sealed {@code Entity} interface)
 */
public final class MigrationRunner<E> {
  private static final int MAX_WRITES = 100;

  private static final int MAX_ATTEMPTS = 3;

  private static final int APPLIED = 0;

  private static final int RETRY = 1;

  private static final int GIVEN_UP = 2;

  private final ItemSchema<E> schema;

  private final DynamoDbClient client;

  private final String tableName;

  private final Map<String, RawMigration<E>> migrations = new TreeMap<>();

  private final Map<String, ItemSchema.Join> joins = new HashMap<>();

  private RawMigration<E> copies;

  private int segments = 8;

  private int firstSegment;

  private int lastSegment = -1;

  private int threads;

  private int pageSize = 500;

  private boolean dryRun;

  private Path checkpoint;

  private Consumer<Progress> progress = p -> { };

  private BiConsumer<Context<E>, TransactWriteItem> onWrite = (c, w) -> { };

  private BiConsumer<Context<E>, TransactionCanceledException> giveUp;

  private volatile Run running;

  private MigrationRunner(ItemSchema<E> schema, DynamoDbClient client, String tableName) {
    this.schema = schema;
    this.client = client;
    this.tableName = tableName;
    for (ItemSchema.Join join : schema.joins()) {
      joins.put(join.typename(), join);
    }
  }

  /**
   * A runner over one table: 8 segments, as many threads as processors (at most 8), pages of 500 items,
   * writing, no checkpoint.
   *
   * @param <E> the schema's entity type
   * @param schema the table's schema (the generated {@code ItemCodec.SCHEMA})
   * @param client the client (thread-safe, shared by the workers)
   * @param tableName the table
   * @return a runner without migrations
   */
  public static <E> MigrationRunner<E> of(ItemSchema<E> schema, DynamoDbClient client, String tableName) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(tableName, "tableName");
    return new MigrationRunner<>(schema, client, tableName);
  }

  /**
   * The schema of the migrated table.
   *
   * @return the schema the runner was made with
   */
  public ItemSchema<E> schema() {
    return schema;
  }

  /**
   * The Scan's total segments (default 8), each scanned by one worker at a time. A checkpoint is bound to
   * its segment count.
   *
   * @param count the segments, 1 to 1,000,000
   * @return this runner
   */
  public MigrationRunner<E> segments(int count) {
    if (count < 1 || count > 1_000_000) {
      throw new IllegalArgumentException("segments must be between 1 and 1000000: " + count);
    }
    segments = count;
    return this;
  }

  /**
   * Scans only the segments {@code from} to {@code to} (inclusive, counted from 0) of the Scan's
   * {@link #segments}, so that several processes or machines share one table: each runs the same
   * migration with the same segment count and its own range (and its own checkpoint file, or a
   * shared one used by one process at a time). Default: every segment.
   *
   * @param from the first segment, at least 0
   * @param to the last segment, at least {@code from} and less than the segment count
   * @return this runner
   */
  public MigrationRunner<E> segmentRange(int from, int to) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("segment range must be FROM-TO with 0 <= FROM <= TO: " + from + "-" + to);
    }
    firstSegment = from;
    lastSegment = to;
    return this;
  }

  /**
   * The workers scanning segments in parallel (default: the smaller of the segment count and the
   * available processors).
   *
   * @param count the workers, at least 1
   * @return this runner
   */
  public MigrationRunner<E> threads(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + count);
    }
    threads = count;
    return this;
  }

  /**
   * The most items one Scan page reads (the Scan's {@code Limit}, default 500): the work a checkpoint
   * records at once, and the most a resumed segment processes again.
   *
   * @param items the page size, at least 1
   * @return this runner
   */
  public MigrationRunner<E> pageSize(int items) {
    if (items < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1: " + items);
    }
    pageSize = items;
    return this;
  }

  /**
   * Whether to only report the writes (to {@link #onWrite} and in the report) instead of applying them.
   * A dry run reads an existing checkpoint but never writes it, nor anything to the table.
   *
   * @param enabled true for a dry run
   * @return this runner
   */
  public MigrationRunner<E> dryRun(boolean enabled) {
    dryRun = enabled;
    return this;
  }

  /**
   * The file recording each segment's progress (default none). An existing file is resumed from: its
   * finished segments are not scanned, the others resume after their last recorded page. Delete it to
   * migrate from the start again.
   *
   * @param file the checkpoint file, or null for none
   * @return this runner
   */
  public MigrationRunner<E> checkpoint(Path file) {
    checkpoint = file;
    return this;
  }

  /**
   * Receives the progress after every finished page (default: nothing). Calls never overlap.
   *
   * @param listener the progress listener
   * @return this runner
   */
  public MigrationRunner<E> progress(Consumer<Progress> listener) {
    progress = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Sees every write once it is applied (or, in a dry run, instead of applying it), with the context of
   * the item it migrates, as the table receives it. Called from worker threads, possibly at once.
   *
   * @param listener the write listener
   * @return this runner
   */
  public MigrationRunner<E> onWrite(BiConsumer<Context<E>, TransactWriteItem> listener) {
    onWrite = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Makes the run tolerate items it cannot write: when any condition of an item's transaction fails (a
   * unique value held by another item, a guard on another item that changed), the item is read again
   * and migrated again, like after a concurrent change; after the last attempt it is handed to this
   * listener, counted as skipped, and the run goes on. Without a listener (the default), only a change
   * of the migrated item itself is retried, and any other failure stops the run. Called from worker
   * threads, possibly at once.
   *
   * @param listener the listener of items given up
   * @return this runner
   */
  public MigrationRunner<E> onGiveUp(BiConsumer<Context<E>, TransactionCanceledException> listener) {
    giveUp = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Registers the migration of one type's node items, decoded with {@link ItemSchema#decode}. An item
   * that no longer decodes stops the run: migrate such a type with {@link #migrate(String, RawMigration)}.
   *
   * @param <T> the record type
   * @param type the record class of a {@code @model} type
   * @param migration the writes for one item
   * @return this runner
   * @throws IllegalArgumentException when the type is not a record of this schema or already has a migration
   */
  public <T extends E> MigrationRunner<E> migrate(Class<T> type, Migration<? super T, E> migration) {
    Objects.requireNonNull(migration, "migration");
    return register(schema.typename(type), context -> migration.migrate(type.cast(schema.decode(context.item())), context));
  }

  /**
   * Registers the migration of the node items whose {@code __typename} is {@code typename}, as stored:
   * for items that no longer decode, or types the schema no longer has; for a join type of the schema
   * ({@link ItemSchema#joins}), the migration of its join items (its link heads are skipped).
   *
   * @param typename the {@code __typename}
   * @param migration the writes for one item
   * @return this runner
   * @throws IllegalArgumentException when the type already has a migration
   */
  public MigrationRunner<E> migrate(String typename, RawMigration<E> migration) {
    Objects.requireNonNull(typename, "typename");
    Objects.requireNonNull(migration, "migration");
    return register(typename, migration);
  }

  /**
   * Registers the migration of the unique items: the items with a {@code __typename} and an {@code id} whose
   * {@code PK} is not that node's key (copies of a node item under {@code Type#field#value}), e.g. to delete
   * those of a removed {@code @unique} field. Without it they are skipped. The runner treats such an item
   * like a node item: its own write applies only while it is unchanged, and it is read again after a
   * concurrent change.
   *
   * @param migration the writes for one unique item
   * @return this runner
   * @throws IllegalArgumentException when the unique items already have a migration
   */
  public MigrationRunner<E> migrateCopies(RawMigration<E> migration) {
    Objects.requireNonNull(migration, "migration");
    if (copies != null) {
      throw new IllegalArgumentException("a migration of the unique items is already registered");
    }
    copies = migration;
    return this;
  }

  private MigrationRunner<E> register(String typename, RawMigration<E> migration) {
    if (migrations.putIfAbsent(typename, migration) != null) {
      throw new IllegalArgumentException("a migration of " + typename + " is already registered");
    }
    return this;
  }

  /**
   * Migrates the table: scans every segment the checkpoint does not have finished, with {@code threads}
   * workers, and returns when all are finished or {@link #stop} was called.
   *
   * @return what the run did; {@code complete} is false after a stop
   * @throws MigrationException when a migration or a write failed; the checkpoint keeps the pages before
   * @throws IllegalStateException when the checkpoint is for another table or segment count, the segment range
   *     ends after the last segment, or the runner is already running
   * @throws java.io.UncheckedIOException when the checkpoint cannot be read or written
   */
  public Report run() {
    if (lastSegment >= segments) {
      throw new IllegalStateException("segment range " + firstSegment + "-" + lastSegment + " is outside the "
          + segments + " segments 0-" + (segments - 1));
    }
    Checkpoint saved = Checkpoint.load(checkpoint, tableName, segments);
    Run run = new Run(saved);
    synchronized (this) {
      if (running != null) {
        throw new IllegalStateException("already running");
      }
      running = run;
    }
    try {
      return run.execute(threads > 0 ? threads : Math.min(segments, Runtime.getRuntime().availableProcessors()));
    } finally {
      running = null;
    }
  }

  /**
   * Stops the run in progress gracefully: each worker finishes and checkpoints its current page, then
   * {@link #run} returns a report that is not {@code complete}. Does nothing when no run is in progress.
   */
  public void stop() {
    Run run = running;
    if (run != null) {
      run.stopping = true;
    }
  }

  /**
   * The writes that replace a node item with {@code next}, which keeps its id: a put of {@link ItemSchema#encode
   * the new item} that applies only while the stored item is exactly the scanned one (every scanned
   * attribute equal, none of the attributes the type's items can have added meanwhile); puts of its unique items, each
   * only where no other item holds the value; deletes of the unique items of values it no longer has,
   * each only while it still belongs to this id or is missing (not built yet by a backfill). Nothing when
   * {@code next} encodes to the scanned item. Attributes the schema does not know are dropped, from the node and
   * its unique items, as the data-access {@code update} and the resolvers' update drop them: a scanned item holding
   * one never encodes to itself, so a rewrite to the entity as it was drops it.
   *
   * @param <E> the schema's entity type
   * @param context the migrated item's context
   * @param next the entity the item becomes
   * @return the writes, empty when nothing changes
   * @throws IllegalArgumentException when {@code next} has another key than the scanned item
   */
  public static <E> List<TransactWriteItem> rewrite(Context<E> context, E next) {
    ItemSchema<E> schema = context.schema();
    Map<String, AttributeValue> scanned = context.item();
    Map<String, AttributeValue> item = schema.encode(next);
    if (!item.get("PK").equals(scanned.get("PK"))) {
      throw new IllegalArgumentException("a rewrite keeps the item's key: " + describe(scanned) + " cannot become "
          + item.get("PK").s() + "; put and delete move items");
    }
    List<TransactWriteItem> writes = new ArrayList<>();
    if (item.equals(scanned)) {
      return writes;
    }
    writes.add(TransactWriteItem.builder().put(nodePut(schema, item, scanned)).build());
    moveUniqueItems(schema, writes, scanned, next);
    return writes;
  }

  /**
   * Adds the puts of {@code next}'s unique items and the deletes of those it no longer has.
   */
  private static <E> void moveUniqueItems(ItemSchema<E> schema, List<TransactWriteItem> writes,
      Map<String, AttributeValue> scanned, E next) {
    Map<String, String> names = Map.of("#pk", "PK", "#id", "id");
    Map<String, AttributeValue> id = Map.of(":id", AttributeValue.fromS(schema.id(next)));
    Set<String> kept = new HashSet<>();
    for (Map<String, AttributeValue> unique : schema.uniqueItemsOf(next)) {
      kept.add(unique.get("PK").s());
      writes.add(TransactWriteItem.builder().put(Put.builder().item(unique)
          .conditionExpression("attribute_not_exists(#pk) OR #id = :id")
          .expressionAttributeNames(names).expressionAttributeValues(id).build()).build());
    }
    for (String key : schema.uniqueKeys(scanned)) {
      if (!kept.contains(key)) {
        writes.add(TransactWriteItem.builder().delete(Delete.builder().key(Map.of("PK", AttributeValue.fromS(key)))
            .conditionExpression("attribute_not_exists(#pk) OR #id = :id").expressionAttributeNames(names)
            .expressionAttributeValues(id).build()).build());
      }
    }
  }

  /**
   * A put of {@code item} applying only while the stored item is {@code scanned}:
   * each scanned attribute equal, each attribute the new item or the type's items can have still absent if it was.
   */
  private static Put nodePut(ItemSchema<?> schema, Map<String, AttributeValue> item,
      Map<String, AttributeValue> scanned) {
    StringBuilder condition = new StringBuilder();
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    for (Map.Entry<String, AttributeValue> e : new TreeMap<>(scanned).entrySet()) {
      String name = "#n" + names.size();
      String value = ":v" + values.size();
      names.put(name, e.getKey());
      boolean nul = Boolean.TRUE.equals(e.getValue().nul());
      values.put(value, nul ? AttributeValue.fromS("NULL") : e.getValue());
      condition.append(condition.length() == 0 ? "" : " AND ")
          .append(nul ? "attribute_type(" + name + ", " + value + ")" : name + " = " + value);
    }
    Set<String> absent = new TreeSet<>(item.keySet());
    absent.addAll(schema.attributesOf(ItemValues.typename(scanned)));
    absent.removeAll(scanned.keySet());
    for (String attribute : absent) {
      String name = "#n" + names.size();
      names.put(name, attribute);
      condition.append(" AND attribute_not_exists(").append(name).append(')');
    }
    return Put.builder().item(item).conditionExpression(condition.toString())
        .expressionAttributeNames(names).expressionAttributeValues(values).build();
  }

  /**
   * A put of {@code item} in place of the migrated item that applies only while the migrated item is still what
   * the scan saw, as {@link #rewrite} conditions its put: for items the codec does not encode, such as the join
   * items of a {@code @manyToMany} relation. When the item changed meanwhile, it is read again and migrated again.
   *
   * @param <E> the schema's entity type
   * @param context the migrated item's context
   * @param item the item that replaces it, with the same {@code PK}
   * @return the write
   * @throws IllegalArgumentException when {@code item} has another key than the migrated item
   */
  public static <E> TransactWriteItem replace(Context<E> context, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> scanned = context.item();
    if (!Objects.equals(item.get("PK"), scanned.get("PK"))) {
      throw new IllegalArgumentException("a replacement keeps the item's key: " + describe(scanned) + " cannot become "
          + describe(item) + "; put and delete move items");
    }
    return TransactWriteItem.builder().put(nodePut(context.schema(), item, scanned)).build();
  }

  /**
   * An unconditional put of a whole item into the migrated table.
   *
   * @param item the item, with its {@code PK}
   * @return the write
   */
  public static TransactWriteItem put(Map<String, AttributeValue> item) {
    return TransactWriteItem.builder().put(Put.builder().item(item).build()).build();
  }

  /**
   * An unconditional delete of an item of the migrated table.
   *
   * @param pk the item's {@code PK}
   * @return the write
   */
  public static TransactWriteItem delete(String pk) {
    return TransactWriteItem.builder().delete(Delete.builder()
        .key(Map.of("PK", AttributeValue.fromS(pk))).build()).build();
  }

  /**
   * A condition check that the item stored under {@code pk} is still {@code item} as it was read: each
   * attribute equal, each attribute its type's items can have still absent if it was; for a null or
   * empty item, that nothing is stored under {@code pk}. Added to a migration's writes, it makes them
   * apply only while what the migration read of another item holds; when it fails, the migrated item is
   * read again and migrated again (in a run with {@link #onGiveUp}).
   *
   * @param <E> the schema's entity type
   * @param context the migrated item's context (for the schema)
   * @param pk the {@code PK} of the item read
   * @param item the item as read, or null when none was found
   * @return the write
   */
  public static <E> TransactWriteItem guard(Context<E> context, String pk, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS(pk));
    if (item == null || item.isEmpty()) {
      return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().key(key)
          .conditionExpression("attribute_not_exists(PK)").build()).build();
    }
    Put unchanged = nodePut(context.schema(), item, item);
    return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().key(key)
        .conditionExpression(unchanged.conditionExpression())
        .expressionAttributeNames(unchanged.expressionAttributeNames())
        .expressionAttributeValues(unchanged.expressionAttributeValues()).build()).build();
  }

  /**
   * A delete of the migrated item that applies only while it is still what the scan saw (as {@link
   * #rewrite} conditions its put), e.g. a stale unique item.
   *
   * @param <E> the schema's entity type
   * @param context the migrated item's context
   * @return the write
   */
  public static <E> TransactWriteItem deleteUnchanged(Context<E> context) {
    Put unchanged = nodePut(context.schema(), context.item(), context.item());
    return TransactWriteItem.builder().delete(Delete.builder().key(Map.of("PK", context.item().get("PK")))
        .conditionExpression(unchanged.conditionExpression())
        .expressionAttributeNames(unchanged.expressionAttributeNames())
        .expressionAttributeValues(unchanged.expressionAttributeValues()).build()).build();
  }

  /**
   * The migration of an item, or null to skip it: a node item's type migration, the unique items' migration
   * ({@code migrateCopies}) for an item stored under another key than its node key, a join type's migration for
   * its join items (not for its link heads).
   */
  private RawMigration<E> migrationOf(Map<String, AttributeValue> item) {
    AttributeValue typename = item.get("__typename");
    AttributeValue id = item.get("id");
    AttributeValue pk = item.get("PK");
    if (typename == null || typename.s() == null || pk == null) {
      return null;
    }
    ItemSchema.Join join = joins.get(typename.s());
    if (join != null) {
      return join.isJoinItem(item) ? migrations.get(typename.s()) : null;
    }
    if (id == null || id.s() == null) {
      return null;
    }
    return schema.nodeKey(typename.s(), id.s()).equals(pk.s()) ? migrations.get(typename.s()) : copies;
  }

  /**
   * The migration's writes, each in the migrated table unless it names another.
   */
  private List<TransactWriteItem> writesOf(RawMigration<E> migration, Context<E> context) {
    List<TransactWriteItem> writes = migration.migrate(context);
    if (writes == null || writes.isEmpty()) {
      return List.of();
    }
    if (writes.size() > MAX_WRITES) {
      throw new IllegalStateException("the migration of " + describe(context.item()) + " returned " + writes.size()
          + " writes; one transaction takes at most " + MAX_WRITES);
    }
    List<TransactWriteItem> inTable = new ArrayList<>(writes.size());
    for (TransactWriteItem write : writes) {
      inTable.add(inTable(write));
    }
    return inTable;
  }

  /**
   * The write with the migrated table's name when it has none.
   */
  private TransactWriteItem inTable(TransactWriteItem write) {
    if (write.put() != null && write.put().tableName() == null) {
      return write.toBuilder().put(write.put().toBuilder().tableName(tableName).build()).build();
    }
    if (write.delete() != null && write.delete().tableName() == null) {
      return write.toBuilder().delete(write.delete().toBuilder().tableName(tableName).build()).build();
    }
    if (write.update() != null && write.update().tableName() == null) {
      return write.toBuilder().update(write.update().toBuilder().tableName(tableName).build()).build();
    }
    if (write.conditionCheck() != null && write.conditionCheck().tableName() == null) {
      return write.toBuilder().conditionCheck(write.conditionCheck().toBuilder().tableName(tableName).build()).build();
    }
    return write;
  }

  /**
   * True when the write targets the item {@code pk} of the migrated table.
   */
  private boolean writesNode(TransactWriteItem write, AttributeValue pk) {
    if (write.put() != null) {
      return tableName.equals(write.put().tableName()) && pk.equals(write.put().item().get("PK"));
    }
    if (write.delete() != null) {
      return tableName.equals(write.delete().tableName()) && pk.equals(write.delete().key().get("PK"));
    }
    if (write.update() != null) {
      return tableName.equals(write.update().tableName()) && pk.equals(write.update().key().get("PK"));
    }
    return write.conditionCheck() != null && tableName.equals(write.conditionCheck().tableName())
        && pk.equals(write.conditionCheck().key().get("PK"));
  }

  /**
   * Applies an item's writes: APPLIED, RETRY when the item changed meanwhile and may be tried again, or
   * GIVEN_UP when a tolerant run ({@code onGiveUp}) handed the item to its listener.
   */
  private int apply(List<TransactWriteItem> writes, AttributeValue pk, int attempt,
      Context<E> context) {
    try {
      client.transactWriteItems(request -> request.transactItems(writes));
      return APPLIED;
    } catch (TransactionCanceledException e) {
      boolean retry = giveUp != null ? conditionFailed(e) : changedConcurrently(e, writes, pk);
      if (!retry) {
        throw e;
      }
      if (attempt < MAX_ATTEMPTS) {
        return RETRY;
      }
      if (giveUp != null) {
        giveUp.accept(context, e);
        return GIVEN_UP;
      }
      throw new IllegalStateException("the item changed concurrently in each of " + MAX_ATTEMPTS + " attempts", e);
    }
  }

  /**
   * True when a condition of the transaction failed, or another transaction held one of its items.
   */
  private boolean conditionFailed(TransactionCanceledException e) {
    for (CancellationReason reason : e.cancellationReasons()) {
      if ("TransactionConflict".equals(reason.code()) || "ConditionalCheckFailed".equals(reason.code())) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the transaction failed because the node item changed, or another transaction held an item.
   */
  private boolean changedConcurrently(TransactionCanceledException e,
      List<TransactWriteItem> writes, AttributeValue pk) {
    List<CancellationReason> reasons = e.cancellationReasons();
    for (int i = 0; i < reasons.size() && i < writes.size(); i++) {
      String reason = reasons.get(i).code();
      if ("TransactionConflict".equals(reason) || ("ConditionalCheckFailed".equals(reason) && writesNode(writes.get(i), pk))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The item as stored now (a consistent read), or null when it was deleted (or its key now
   * holds an item of another type or id).
   */
  private Map<String, AttributeValue> reread(Map<String, AttributeValue> scanned) {
    Map<String, AttributeValue> item = client.getItem(request -> request.tableName(tableName).key(Map.of("PK", scanned.get("PK")))
        .consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return null;
    }
    boolean same = Objects.equals(item.get("__typename"), scanned.get("__typename")) && Objects.equals(item.get("id"), scanned.get("id"));
    return same ? item : null;
  }

  /**
   * An item's {@code PK} for messages.
   */
  private static String describe(Map<String, AttributeValue> item) {
    AttributeValue pk = item.get("PK");
    return pk == null || pk.s() == null ? "without PK " + item : pk.s();
  }

  /**
   * The migration of one type's node items: the writes that bring one decoded item up to date.
   * Called from worker threads, possibly for several items at once.
   *
   * @param <T> the record type
   * @param <E> the schema's entity type
   */
  @FunctionalInterface
  public interface Migration<T, E> {
    /**
     * The writes that migrate one item, applied together in one transaction.
     *
     * @param entity the scanned node item, decoded
     * @param context the scanned item as stored and where the scan found it
     * @return at most 100 writes ({@link MigrationRunner#rewrite} builds the usual ones); empty or null when the
     *     item needs none
     */
    List<TransactWriteItem> migrate(T entity, Context<E> context);
  }

  /**
   * The migration of one {@code __typename}'s node items as stored, for items the codec can no longer
   * decode (a new non-null field old items lack) or types the schema no longer has.
   *
   * @param <E> the schema's entity type
   */
  @FunctionalInterface
  public interface RawMigration<E> {
    /**
     * The writes that migrate one item, applied together in one transaction.
     *
     * @param context the scanned item as stored ({@link Context#item}) and where the scan found it
     * @return at most 100 writes; empty or null when the item needs none
     */
    List<TransactWriteItem> migrate(Context<E> context);
  }

  /**
   * What a migration sees besides the decoded entity: the item as stored, where the scan found it, and
   * the schema ({@link MigrationRunner#rewrite} and the other write builders take it from here).
   *
   * @param <E> the schema's entity type
   */
  public static final class Context<E> {
    private final Map<String, AttributeValue> item;

    private final int segment;

    private final boolean dryRun;

    private final ItemSchema<E> schema;

    Context(Map<String, AttributeValue> item, int segment, boolean dryRun, ItemSchema<E> schema) {
      this.item = Collections.unmodifiableMap(new LinkedHashMap<>(item));
      this.segment = segment;
      this.dryRun = dryRun;
      this.schema = schema;
    }

    /**
     * The item as scanned (or, after a concurrent change, as read again).
     *
     * @return an unmodifiable copy
     */
    public Map<String, AttributeValue> item() {
      return item;
    }

    /**
     * The Scan segment the item was found in.
     *
     * @return the segment, from 0
     */
    public int segment() {
      return segment;
    }

    /**
     * Whether the writes will only be reported, not applied.
     *
     * @return true in a dry run
     */
    public boolean dryRun() {
      return dryRun;
    }

    /**
     * The schema of the migrated table.
     *
     * @return the schema
     */
    public ItemSchema<E> schema() {
      return schema;
    }

    @Override
    public String toString() {
      return "Context[" + item.get("PK") + ", segment " + segment + (dryRun ? ", dry run" : "") + "]";
    }
  }

  /**
   * Progress of a run, reported after every page a worker finished (and checkpointed).
   * Calls never overlap; they come from worker threads.
   *
   * @param segment the segment whose page was finished
   * @param segmentDone true when that page was the segment's last
   * @param segmentsDone segments finished so far, counting those the checkpoint had finished
   * @param segments the segments this run covers: the Scan's total segments, or those of the
   *     segment range
   * @param scanned items the Scan returned, node and unique items alike
   * @param migrated items whose migration returned writes that were applied (or, in a dry run, reported)
   * @param writes writes applied (or, in a dry run, reported)
   * @param skipped unique items (without {@code migrateCopies}), link heads, items of a {@code __typename}
   *     without a migration, items deleted before a retry could read them again, and items given up
   *     ({@code onGiveUp})
   */
  public record Progress(int segment, boolean segmentDone, int segmentsDone, int segments,
      long scanned, long migrated, long writes, long skipped) {
  }

  /**
   * What a run did. Counts cover this run only.
   *
   * @param scanned items the Scan returned, node and unique items alike
   * @param migrated items whose migration returned writes that were applied (or, in a dry run, reported)
   * @param writes writes applied (or, in a dry run, reported)
   * @param skipped unique items (without {@code migrateCopies}), link heads, items of a {@code __typename}
   *     without a migration, items deleted before a retry could read them again, and items given up
   *     ({@code onGiveUp})
   * @param segmentsDone segments this run finished
   * @param segmentsSkipped segments of the range not scanned because the checkpoint had them finished
   * @param dryRun true when nothing was written
   * @param complete true when every segment of the range is finished; false after {@code stop()} or a failure
   */
  public record Report(long scanned, long migrated, long writes, long skipped, int segmentsDone,
      int segmentsSkipped, boolean dryRun, boolean complete) {
  }

  /**
   * A run stopped because a migration or a write failed. The checkpoint keeps every page finished
   * before; running again with it resumes there.
   */
  public static final class MigrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Report report;

    /**
     * A failed run.
     *
     * @param message what failed, naming the item
     * @param report what the run did before
     * @param cause the failure
     */
    public MigrationException(String message, Report report, Throwable cause) {
      super(message, cause);
      this.report = report;
    }

    /**
     * What the run did before it stopped ({@code complete} is false).
     *
     * @return the partial report, or null after deserialization
     */
    public Report report() {
      return report;
    }
  }

  /**
   * One run: its counts, its checkpoint and its workers.
   */
  private final class Run {
    private final Checkpoint progressSaved;

    private final LongAdder scanned = new LongAdder();

    private final LongAdder migrated = new LongAdder();

    private final LongAdder written = new LongAdder();

    private final LongAdder skipped = new LongAdder();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private volatile String failedAt;

    private volatile boolean stopping;

    private final int first;

    private final int last;

    private final int segmentsSkipped;

    private int segmentsDone;

    Run(Checkpoint progressSaved) {
      this.progressSaved = progressSaved;
      this.first = firstSegment;
      this.last = lastSegment < 0 ? segments - 1 : lastSegment;
      int done = 0;
      for (int s = first; s <= last; s++) {
        done += progressSaved.done(s) ? 1 : 0;
      }
      this.segmentsSkipped = done;
    }

    /**
     * Scans the unfinished segments with {@code workers} threads; returns when all stopped.
     */
    private Report execute(int workers) {
      AtomicInteger started = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
        Thread thread = new Thread(task, "MigrationRunner-" + started.incrementAndGet());
        thread.setDaemon(true); // a worker stuck in a call must not keep the JVM alive
        return thread;
      });
      for (int s = first; s <= last; s++) {
        if (!progressSaved.done(s)) {
          int segment = s;
          pool.execute(() -> scanSegment(segment));
        }
      }
      pool.shutdown();
      boolean interrupted = false;
      boolean finished = false;
      while (!finished) {
        try {
          finished = pool.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          // An interrupted caller gets what a stop() gives: workers finish their page, no page is lost.
          interrupted = true;
          stopping = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      Report report = report();
      if (failure.get() != null) {
        throw new MigrationException("migration stopped at " + failedAt + ": " + failure.get(), report, failure.get());
      }
      return report;
    }

    /**
     * Scans one segment from its saved start, a page at a time, until it ends or the run stops.
     */
    private void scanSegment(int segment) {
      try {
        Map<String, AttributeValue> start = progressSaved.start(segment);
        while (!stopping) {
          ScanResponse page = client.scan(ScanRequest.builder().tableName(tableName)
              .segment(segment).totalSegments(segments).limit(pageSize).consistentRead(true)
              .exclusiveStartKey(start).build());
          for (Map<String, AttributeValue> item : page.items()) {
            if (failure.get() != null) {
              return; // another worker failed: abandon this page, its checkpoint stays where it was
            }
            scanned.increment();
            try {
              migrateItem(item, segment);
            } catch (RuntimeException | Error e) {
              fail("item " + describe(item), e);
              return;
            }
          }
          start = page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
          pageDone(segment, start);
          if (start == null) {
            return;
          }
        }
      } catch (RuntimeException | Error e) {
        fail("segment " + segment, e);
      }
    }

    /**
     * Migrates one item, reading it again and retrying when it changed since the scan.
     */
    private void migrateItem(Map<String, AttributeValue> scannedItem, int segment) {
      Map<String, AttributeValue> item = scannedItem;
      for (int attempt = 1; ; attempt++) {
        RawMigration<E> migration = migrationOf(item);
        if (migration == null) {
          skipped.increment();
          return;
        }
        Context<E> context = new Context<>(item, segment, dryRun, schema);
        List<TransactWriteItem> writes = writesOf(migration, context);
        if (writes.isEmpty()) {
          return;
        }
        int outcome = dryRun ? APPLIED : apply(writes, item.get("PK"), attempt, context);
        if (outcome == APPLIED) {
          writes.forEach(w -> onWrite.accept(context, w));
          migrated.increment();
          written.add(writes.size());
          return;
        }
        if (outcome == GIVEN_UP) {
          skipped.increment();
          return;
        }
        item = reread(item);
        if (item == null) {
          skipped.increment(); // deleted since the scan: nothing left to migrate
          return;
        }
      }
    }

    /**
     * Records the first failure and stops every worker at its next item.
     */
    private void fail(String where, Throwable cause) {
      if (failure.compareAndSet(null, cause)) {
        failedAt = where;
      }
      stopping = true;
    }

    /**
     * Saves a finished page (all its writes applied) and reports progress.
     */
    private synchronized void pageDone(int segment, Map<String, AttributeValue> next) {
      progressSaved.set(segment, next);
      if (next == null) {
        segmentsDone++;
      }
      if (!dryRun) {
        progressSaved.save();
      }
      progress.accept(new Progress(segment, next == null, segmentsSkipped + segmentsDone, last - first + 1,
          scanned.sum(), migrated.sum(), written.sum(), skipped.sum()));
    }

    /**
     * The counts so far.
     */
    private synchronized Report report() {
      return new Report(scanned.sum(), migrated.sum(), written.sum(), skipped.sum(), segmentsDone,
          segmentsSkipped, dryRun, segmentsSkipped + segmentsDone == last - first + 1);
    }
  }

  /**
   * The progress of each segment: not started, finished ({@code done}), or the key to resume from
   * ({@code from:} + base64url of the key's length-prefixed name, type and value). Saved as a
   * properties file with sorted keys, written to a temporary file that then replaces it.
   */
  private static final class Checkpoint {
    private static final String DONE = "done";

    private static final String FROM = "from:";

    private final Path path;

    private final String table;

    private final String[] state;

    private Checkpoint(Path path, String table, String[] state) {
      this.path = path;
      this.table = table;
      this.state = state;
    }

    /**
     * The saved progress at {@code path}, or none when there is no file.
     */
    static Checkpoint load(Path path, String table, int segments) {
      String[] state = new String[segments];
      if (path == null || !Files.exists(path)) {
        return new Checkpoint(path, table, state);
      }
      Properties saved = new Properties();
      try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        saved.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read checkpoint " + path, e);
      }
      if (!table.equals(saved.getProperty("table")) || !Integer.toString(segments).equals(saved.getProperty("segments"))) {
        throw new IllegalStateException("checkpoint " + path + " is for table " + saved.getProperty("table") + " in "
            + saved.getProperty("segments") + " segments, not " + table + " in " + segments);
      }
      for (int s = 0; s < segments; s++) {
        state[s] = saved.getProperty(key(s));
        if (state[s] != null && !state[s].equals(DONE) && !state[s].startsWith(FROM)) {
          throw new IllegalStateException("checkpoint " + path + ": unreadable " + key(s) + "=" + state[s]);
        }
      }
      return new Checkpoint(path, table, state);
    }

    /**
     * The property of a segment, zero-padded so that the file lists segments in order.
     */
    static String key(int segment) {
      String digits = Integer.toString(segment);
      return "segment." + "000000".substring(Math.min(6, digits.length())) + digits;
    }

    /**
     * True when the segment is finished.
     */
    boolean done(int segment) {
      return DONE.equals(state[segment]);
    }

    /**
     * The finished segments.
     */
    int doneCount() {
      int done = 0;
      for (String s : state) {
        done += DONE.equals(s) ? 1 : 0;
      }
      return done;
    }

    /**
     * The key to resume a segment after, or null to start it from the beginning.
     */
    Map<String, AttributeValue> start(int segment) {
      return state[segment] == null || state[segment].equals(DONE) ? null : decodeKey(state[segment].substring(FROM.length()));
    }

    /**
     * Records a finished page: {@code next} is where the segment resumes, null when it is done.
     */
    void set(int segment, Map<String, AttributeValue> next) {
      state[segment] = next == null ? DONE : FROM + encodeKey(next);
    }

    /**
     * Replaces the file (if there is one) with the current state.
     */
    void save() {
      if (path == null) {
        return;
      }
      StringBuilder text = new StringBuilder("# MigrationRunner progress; delete this file to migrate from the start again.\n");
      for (int s = 0; s < state.length; s++) {
        if (state[s] != null) {
          text.append(key(s)).append('=').append(state[s]).append('\n');
        }
      }
      text.append("segments=").append(state.length).append('\n').append("table=").append(table).append('\n');
      Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
      try {
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try {
          Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write checkpoint " + path, e);
      }
    }

    /**
     * A key as text: its attributes in name order, each as name, type and value.
     */
    static String encodeKey(Map<String, AttributeValue> key) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (Map.Entry<String, AttributeValue> e : new TreeMap<>(key).entrySet()) {
        AttributeValue v = e.getValue();
        String type = v.s() != null ? "S" : v.n() != null ? "N" : v.b() != null ? "B" : null;
        if (type == null) {
          throw new IllegalArgumentException("not a key attribute: " + e.getKey() + " " + v);
        }
        byte[] value = v.b() != null ? v.b().asByteArray() : (v.s() != null ? v.s() : v.n()).getBytes(StandardCharsets.UTF_8);
        chunk(out, e.getKey().getBytes(StandardCharsets.UTF_8));
        chunk(out, type.getBytes(StandardCharsets.UTF_8));
        chunk(out, value);
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /**
     * Writes a length-prefixed byte string.
     */
    static void chunk(ByteArrayOutputStream out, byte[] bytes) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
      out.writeBytes(bytes);
    }

    /**
     * The key {@code encodeKey} wrote.
     */
    static Map<String, AttributeValue> decodeKey(String text) {
      ByteBuffer in = ByteBuffer.wrap(Base64.getUrlDecoder().decode(text));
      Map<String, AttributeValue> key = new LinkedHashMap<>();
      while (in.hasRemaining()) {
        String name = new String(chunk(in), StandardCharsets.UTF_8);
        String type = new String(chunk(in), StandardCharsets.UTF_8);
        byte[] value = chunk(in);
        key.put(name, switch (type) {
          case "S" -> AttributeValue.fromS(new String(value, StandardCharsets.UTF_8));
          case "N" -> AttributeValue.fromN(new String(value, StandardCharsets.UTF_8));
          case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(value));
          default -> throw new IllegalStateException("checkpoint key of unknown type " + type);
        });
      }
      return key;
    }

    /**
     * Reads a length-prefixed byte string.
     */
    static byte[] chunk(ByteBuffer in) {
      byte[] bytes = new byte[in.getInt()];
      in.get(bytes);
      return bytes;
    }
  }
}
