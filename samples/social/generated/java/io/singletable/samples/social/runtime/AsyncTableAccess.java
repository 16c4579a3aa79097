// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.social.runtime;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The schema-independent half of the generated asynchronous data access ({@code AsyncDataAccess} and its
 * repositories), over {@code DynamoDbAsyncClient}: the same reads and writes as {@link TableAccess}, built and read
 * by the same code ({@code TableRequests}), so items are byte-identical and failures the same exceptions. Every
 * method returns at once with a future; none blocks a thread: a retry waits on {@link
 * CompletableFuture#delayedExecutor}, and continuations run where the SDK completes its futures (its
 * {@code futureCompletionExecutor}). A failure completes the future exceptionally with the exception the
 * synchronous method throws ({@code NotUniqueException}, {@code VersionConflictException}, …), possibly wrapped
 * in a {@link CompletionException} by {@code join()} or a dependent stage: {@link #unwrap} gives it back.
 * Arguments are checked before anything is sent, and their refusals are thrown by the call itself
 * ({@code NullPointerException}, {@code InvalidIdException}, {@code IllegalArgumentException} of a foreign cursor or
 * a refused range). Thread-safe. Part of the singletable runtime; do not edit.
 */
public abstract class AsyncTableAccess {
  private final DynamoDbAsyncClient client;

  private final String tableName;

  private final Clock clock;

  private final RetryPolicy retry;

  /** The writes of the transaction this access belongs to, or null outside transactions (guarded by itself). */
  private final PendingWrites pending;

  private final TableRequests requests;

  /**
   * Access with a retry policy, whose writes go to a transaction when {@code pending} is given.
   *
   * @param client the asynchronous DynamoDB client
   * @param tableName the table's name
   * @param clock the clock of the timestamps
   * @param retry how writes meeting a concurrent change or a conflict are retried
   * @param pending the transaction's writes, or null for none
   */
  protected AsyncTableAccess(DynamoDbAsyncClient client, String tableName, Clock clock, RetryPolicy retry,
      PendingWrites pending) {
    this.client = Objects.requireNonNull(client, "client");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.pending = pending;
    this.requests = new TableRequests(tableName);
  }

  /**
   * The client, for access patterns of your own.
   *
   * @return the client
   */
  public final DynamoDbAsyncClient client() {
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
   * The time now as AppSync's {@code $util.time.nowISO8601()} writes it, by this access's clock.
   *
   * @return the timestamp
   */
  protected final String now() {
    return TableRequests.timestamp(clock);
  }

  /**
   * A new time-ordered id, as {@link TableAccess#newId()}.
   *
   * @return the id
   */
  public static String newId() {
    return TableAccess.newId();
  }

  /**
   * The exception a future of this access failed with: the cause of a {@link CompletionException} (as {@code join()}
   * or a dependent stage wraps it), else the exception itself.
   *
   * @param e what {@code join()}, {@code exceptionally} or {@code handle} got
   * @return the exception the synchronous method would have thrown
   */
  public static Throwable unwrap(Throwable e) {
    return TableRequests.cause(e);
  }

  /** A future failed with the refusal of DynamoDB's failure ({@link TableRequests#refused}). */
  private static <T> CompletableFuture<T> failed(Throwable e) {
    return CompletableFuture.failedFuture(TableRequests.refused(TableRequests.cause(e)));
  }

  /** Runs {@code step}; a refusal it throws becomes the failure of the future instead. */
  private static <T> CompletableFuture<T> attempt(Supplier<? extends CompletionStage<T>> step) {
    try {
      return step.get().toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** {@code next} once the future is done, with its value or failure (unwrapped), composed. */
  private static <T, R> CompletableFuture<R> then(CompletableFuture<T> future,
      java.util.function.BiFunction<T, Throwable, CompletionStage<R>> next) {
    return future.handle((value, failure) -> attempt(() -> next.apply(value,
        failure == null ? null : TableRequests.cause(failure)))).thenCompose(Function.identity());
  }

  /** The retry policy's wait after failed attempt {@code attempt}, on a timer: no thread waits. */
  private static Executor delay(RetryPolicy policy, int attempt) {
    return CompletableFuture.delayedExecutor(policy.delayMillis(attempt), TimeUnit.MILLISECONDS);
  }

  /** {@code next} after the retry policy's wait following failed attempt {@code attempt}. */
  private static <R> CompletableFuture<R> after(RetryPolicy policy, int attempt, Supplier<CompletableFuture<R>> next) {
    return CompletableFuture.supplyAsync(() -> null, delay(policy, attempt)).thenCompose(x -> attempt(next));
  }

  private CompletableFuture<Map<String, AttributeValue>> getItem(String pk, boolean consistent) {
    return then(client.getItem(requests.getItem(pk, consistent)), (response, failure) -> failure != null
        ? failed(failure) : CompletableFuture.completedFuture(response.hasItem() ? response.item() : null));
  }

  /**
   * Runs {@code work} as one transaction, as {@link TableAccess#runTransaction}: what its writes add to a fresh
   * {@link PendingWrites} (when the future it returns completes) is committed as one TransactWriteItems, or nothing
   * is; a changed item or a conflict runs it again, up to the retry policy's attempts.
   *
   * @param work the transaction's calls, given the writes to fill; its future completes when they are added
   * @param <R> what it returns
   * @return what the last run of {@code work} completed with
   * @throws IllegalStateException inside a transaction (they do not nest)
   */
  protected final <R> CompletableFuture<R> runTransaction(Function<PendingWrites, CompletableFuture<R>> work) {
    Objects.requireNonNull(work, "work");
    if (pending != null) {
      throw new IllegalStateException("transactions do not nest: call the repositories of the transaction's access");
    }
    return transactionAttempt(work, 1);
  }

  private <R> CompletableFuture<R> transactionAttempt(Function<PendingWrites, CompletableFuture<R>> work, int attempt) {
    PendingWrites writes = new PendingWrites();
    return attempt(() -> Objects.requireNonNull(work.apply(writes), "work returned null")).thenCompose(result -> {
      synchronized (writes) {
        if (writes.isEmpty()) {
          return CompletableFuture.completedFuture(result);
        }
      }
      return then(client.transactWriteItems(TableRequests.transaction(writes.writes)), (done, failure) -> {
        if (failure == null) {
          return CompletableFuture.completedFuture(result);
        }
        boolean changed = TableRequests.retryable(failure, writes.typenames, writes.owners);
        if (attempt >= retry.maxAttempts()) {
          throw TableRequests.exhausted(changed, retry.maxAttempts(), failure, true);
        }
        return after(retry, attempt, () -> transactionAttempt(work, attempt + 1));
      });
    });
  }

  /** Adds a call's writes to the transaction (calls on a transaction's access may run concurrently). */
  private void addPending(String typename, TableRequests.Writes writes) {
    synchronized (pending) {
      pending.add(typename, writes.writes(), writes.owners());
    }
  }

  /** Adds a link's writes, whose conditions no unique field owns, to the transaction. */
  private void addPendingLink(String joinType,
      List<software.amazon.awssdk.services.dynamodb.model.TransactWriteItem> writes) {
    synchronized (pending) {
      pending.add(joinType, writes, java.util.Collections.nCopies(writes.size(), ""));
    }
  }

  /**
   * The async {@link TableAccess#readNode(ReadConsistency, String, String, Function, String...)}.
   *
   * @param consistency how the read sees recent writes
   * @param pk the key
   * @param id the id asked for, or null for a unique item (any id)
   * @param decode the decoder
   * @param typenames the expected types
   * @param <T> the decoded type
   * @return the decoded item, or empty
   */
  protected <T> CompletableFuture<Optional<T>> readNode(ReadConsistency consistency, String pk, String id,
      Function<Map<String, AttributeValue>, T> decode, String... typenames) {
    boolean strong = Objects.requireNonNull(consistency, "consistency") == ReadConsistency.STRONG;
    return getItem(pk, strong).thenApply(item -> TableRequests.node(item, id, decode, typenames));
  }

  /**
   * The async {@link TableAccess#readNodes(ReadConsistency, List, Function, Function, String...)}: one BatchGetItem
   * per 100 keys, one after the other, unprocessed keys retried after the backoff.
   *
   * @param consistency how the reads see recent writes
   * @param ids the ids
   * @param key the node key of an id
   * @param decode the decoder
   * @param typenames the expected types
   * @param <T> the decoded type
   * @return one element per id
   */
  protected <T> CompletableFuture<List<T>> readNodes(ReadConsistency consistency, List<String> ids,
      Function<String, String> key, Function<Map<String, AttributeValue>, T> decode, String... typenames) {
    boolean strong = Objects.requireNonNull(consistency, "consistency") == ReadConsistency.STRONG;
    List<String> keys = TableRequests.nodeKeys(ids, key);
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
    for (List<String> batch : TableRequests.batches(keys)) {
      all = all.thenCompose(x -> batchGet(requests.batchGet(batch, strong), found, 1));
    }
    return all.thenApply(x -> TableRequests.nodes(ids, keys, found, decode, typenames));
  }

  private CompletableFuture<Void> batchGet(BatchGetItemRequest request, Map<String, Map<String, AttributeValue>> found,
      int attempt) {
    return then(client.batchGetItem(request), (response, failure) -> {
      if (failure != null) {
        return failed(failure);
      }
      BatchGetItemRequest rest;
      synchronized (found) {
        rest = requests.collect(response, found, attempt);
      }
      return rest == null ? CompletableFuture.completedFuture(null)
          : after(RetryPolicy.DEFAULT, attempt, () -> batchGet(rest, found, attempt + 1));
    });
  }

  /**
   * The stored node of {@code id} (a consistent read), failing with {@code NotFound} unless it is a node of the type
   * with that id.
   *
   * @param id the id asked for
   * @param pk the item's {@code PK}
   * @param typename the type name
   * @return the stored item
   */
  protected CompletableFuture<Map<String, AttributeValue>> currentNode(String id, String pk, String typename) {
    return getItem(pk, true).thenApply(item -> TableRequests.current(item, id, typename));
  }

  /**
   * The async {@link TableAccess#createNode}: the node and its unique items; for a type without unique fields an
   * earlier create of the same item counts as this one.
   *
   * @param typename the type name
   * @param item the item to write
   * @param indexAttributes the type's index attributes
   * @param uniques the unique fields' keys
   * @param stamped the attributes the writer stamps
   * @return null when this call wrote the item (or added it to the transaction), else the stored node
   */
  protected CompletableFuture<Map<String, AttributeValue>> createNode(String typename, Map<String, AttributeValue> item,
      List<String> indexAttributes, List<UniqueKey> uniques, List<String> stamped) {
    TableRequests.Writes writes = requests.create(item, indexAttributes, uniques);
    if (pending != null) {
      addPending(typename, writes);
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Boolean> written = write(typename, writes, retry.maxAttempts(), !uniques.isEmpty());
    if (!uniques.isEmpty()) {
      return written.thenApply(x -> null);
    }
    return then(written, (done, failure) -> {
      if (!(failure instanceof NotUniqueException)) {
        return failure == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(failure);
      }
      return getItem(item.get("PK").s(), true).thenApply(stored -> {
        if (!TableRequests.sameCreate(stored, item, indexAttributes, stamped)) {
          throw new CompletionException(failure);
        }
        return stored;
      });
    });
  }

  /**
   * The async update: reads the node (consistently), checks the version when one is expected, writes what
   * {@code change} makes of it conditioned on the item as read, and on a concurrent change starts again after the
   * backoff, as the synchronous update's loop does.
   *
   * @param typename the type name
   * @param id the id
   * @param pk the node key
   * @param expectedVersion the version expected, or -1 for none
   * @param fields the stored fields but id
   * @param indexAttributes the type's index attributes
   * @param change the new entity, item and unique keys from the stored item
   * @param <T> the entity type
   * @return the entity as stored
   */
  protected <T> CompletableFuture<T> updateNode(String typename, String id, String pk, int expectedVersion,
      List<String> fields, List<String> indexAttributes, Function<Map<String, AttributeValue>, TableAccess.Replacement<T>> change) {
    return updateAttempt(typename, id, pk, expectedVersion, fields, indexAttributes, change, 1);
  }

  private <T> CompletableFuture<T> updateAttempt(String typename, String id, String pk, int expectedVersion,
      List<String> fields, List<String> indexAttributes, Function<Map<String, AttributeValue>, TableAccess.Replacement<T>> change,
      int attempt) {
    return currentNode(id, pk, typename).thenCompose(current -> {
      if (expectedVersion >= 0) {
        TableRequests.checkVersion(typename, id, current, expectedVersion);
      }
      TableAccess.Replacement<T> next = change.apply(current);
      TableRequests.Writes writes = requests.replace(typename, current, next.item(), fields, indexAttributes,
          next.uniques());
      CompletableFuture<TableRequests.Writes> all = next.links().isEmpty() ? CompletableFuture.completedFuture(writes)
          : sortLinks(typename, id, writes, next.links());
      return all.thenCompose(ready -> {
        if (pending != null) {
          addPending(typename, ready);
          return CompletableFuture.completedFuture(next.entity());
        }
        return write(typename, ready, attempt, !next.uniques().isEmpty() || !next.links().isEmpty())
            .thenCompose(written -> written ? CompletableFuture.completedFuture(next.entity())
                : updateAttempt(typename, id, pk, expectedVersion, fields, indexAttributes, change, attempt + 1));
      });
    });
  }

  /**
   * As {@code TableAccess.replaceNode} with sort keys to move: the item's link heads in those relations read
   * consistently, then the join items they list, and their writes added to the update's.
   */
  private CompletableFuture<TableRequests.Writes> sortLinks(String typename, String id, TableRequests.Writes writes,
      List<SortedLink> links) {
    return readLinkHeads(id, SortedLink.relations(links)).thenCompose(heads ->
        batchGetKeys(TableRequests.joinKeys(heads), true).thenApply(joins -> {
          requests.sortLinks(writes, typename, heads, links, joins);
          return writes;
        }));
  }

  /** BatchGetItem of distinct keys, 100 per request one after the other, unprocessed keys retried; by {@code PK}. */
  private CompletableFuture<Map<String, Map<String, AttributeValue>>> batchGetKeys(List<String> pks, boolean consistent) {
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
    for (List<String> batch : TableRequests.batches(pks)) {
      all = all.thenCompose(x -> batchGet(requests.batchGet(batch, consistent), found, 1));
    }
    return all.thenApply(x -> found);
  }

  /**
   * The async delete of a type with unique fields: reads the node, checks the version when one is expected, and
   * deletes it with the unique items it owns; on a concurrent change it starts again after the backoff (a versioned
   * delete fails with {@code ConflictingVersion} instead).
   *
   * @param typename the type name
   * @param id the id
   * @param pk the node key
   * @param expectedVersion the version expected, or -1 for none
   * @param decode decodes the stored item
   * @param uniques the unique fields' keys of the stored entity
   * @param <T> the entity type
   * @return the deleted entity
   */
  protected <T> CompletableFuture<T> removeNode(String typename, String id, String pk, int expectedVersion,
      Function<Map<String, AttributeValue>, T> decode, Function<T, List<UniqueKey>> uniques) {
    return removeAttempt(typename, id, pk, expectedVersion, decode, uniques, Map.of(), 1);
  }

  /**
   * {@link #removeNode(String, String, String, int, Function, Function)} of an item in {@code @manyToMany} relations,
   * as {@code TableAccess} does it: its link heads read consistently, and every join item they list deleted with the
   * node, each head conditioned on its links as read.
   *
   * @param <T> the entity type
   * @param typename the type name
   * @param id the id
   * @param pk the node's key
   * @param expectedVersion the version expected, or -1 for none
   * @param decode decodes the item
   * @param uniques the unique keys of the entity
   * @param links join type to whether the type is on side {@code a}
   * @return the deleted entity
   */
  protected <T> CompletableFuture<T> removeNode(String typename, String id, String pk, int expectedVersion,
      Function<Map<String, AttributeValue>, T> decode, Function<T, List<UniqueKey>> uniques, Map<String, Boolean> links) {
    return removeAttempt(typename, id, pk, expectedVersion, decode, uniques, links, 1);
  }

  /**
   * As {@code TableAccess.link}: the connect mutation of a {@code @manyToMany} relation, without blocking.
   *
   * @param joinType the relation's name
   * @param aType side a's type
   * @param aId the a item's id
   * @param aNodeKey its node key
   * @param bType side b's type
   * @param bId the b item's id
   * @param bNodeKey its node key
   * @param join the join item as the resolver writes it
   * @return done when linked; failed with {@code NotFoundException} when an id names no item of its type
   */
  protected CompletableFuture<Void> link(String joinType, String aType, String aId, String aNodeKey, String bType,
      String bId, String bNodeKey, Map<String, AttributeValue> join) {
    return linkWrites(joinType, requests.link(joinType, aType, aId, aNodeKey, bType, bId, bNodeKey, join), true, aType,
        aId, bType, bId, 1);
  }

  /**
   * As {@code TableAccess.link} of a relation with {@code sortBy}: one consistent BatchGetItem of both items, then the
   * TransactWriteItems checking them as read; read again and repeated when one changed meanwhile. Without blocking.
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
   * @return done when linked; failed with {@code NotFoundException} when an id names no item of its type
   */
  protected CompletableFuture<Void> link(String joinType, String aType, String aId, String aNodeKey,
      List<String> aFields, String bType, String bId, String bNodeKey, List<String> bFields,
      BiFunction<Map<String, AttributeValue>, Map<String, AttributeValue>, Map<String, AttributeValue>> join) {
    return linkRead(joinType, aType, aId, aNodeKey, aFields, bType, bId, bNodeKey, bFields, join, 1);
  }

  private CompletableFuture<Void> linkRead(String joinType, String aType, String aId, String aNodeKey,
      List<String> aFields, String bType, String bId, String bNodeKey, List<String> bFields,
      BiFunction<Map<String, AttributeValue>, Map<String, AttributeValue>, Map<String, AttributeValue>> join,
      int attempt) {
    return batchGetKeys(List.of(aNodeKey, bNodeKey), true).thenCompose(found -> {
      List<Map<String, AttributeValue>> read = TableRequests.linked(found, aType, aId, aNodeKey, bType, bId, bNodeKey);
      List<software.amazon.awssdk.services.dynamodb.model.TransactWriteItem> writes = requests.link(joinType, aType,
          aId, aNodeKey, aFields, read.get(0), bType, bId, bNodeKey, bFields, read.get(1),
          join.apply(read.get(0), read.get(1)));
      if (pending != null) {
        addPendingLink(joinType, writes);
        return CompletableFuture.completedFuture(null);
      }
      return then(client.transactWriteItems(TableRequests.transaction(writes)), (done, failure) -> {
        if (failure == null) {
          return CompletableFuture.completedFuture(null);
        }
        boolean changed = TableRequests.linkChanged(failure);
        if (attempt >= retry.maxAttempts()) {
          return CompletableFuture.failedFuture(TableRequests.exhausted(changed, retry.maxAttempts(), failure, true));
        }
        return after(retry, attempt, () -> linkRead(joinType, aType, aId, aNodeKey, aFields, bType, bId, bNodeKey,
            bFields, join, attempt + 1));
      });
    });
  }

  /**
   * As {@code TableAccess.unlink}: the disconnect mutation, without blocking.
   *
   * @param joinType the relation's name
   * @param aId the a item's id
   * @param bId the b item's id
   * @return done when unlinked (or when they were not linked)
   */
  protected CompletableFuture<Void> unlink(String joinType, String aId, String bId) {
    return linkWrites(joinType, requests.unlink(joinType, aId, bId), false, "", aId, "", bId, 1);
  }

  private CompletableFuture<Void> linkWrites(String joinType, List<software.amazon.awssdk.services.dynamodb.model.TransactWriteItem> writes,
      boolean connect, String aType, String aId, String bType, String bId, int attempt) {
    if (pending != null) {
      addPendingLink(joinType, writes);
      return CompletableFuture.completedFuture(null);
    }
    return then(client.transactWriteItems(TableRequests.transaction(writes)), (done, failure) -> {
      if (failure == null || TableRequests.linkFailed(failure, connect, aType, aId, bType, bId)) {
        return CompletableFuture.completedFuture(null);
      }
      if (attempt >= retry.maxAttempts()) {
        return CompletableFuture.failedFuture(TableRequests.exhausted(false, retry.maxAttempts(), failure, true));
      }
      return after(retry, attempt, () -> linkWrites(joinType, writes, connect, aType, aId, bType, bId, attempt + 1));
    });
  }

  /**
   * As {@code TableAccess.joinPage}: a page of one side of a {@code @manyToMany} relation, without blocking.
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
   * @return the page
   */
  protected <T> CompletableFuture<Page<T>> joinPage(String index, String partitionAttribute, String sortAttribute,
      String partition, PageRequest request, String joinType, String otherIdField, Function<String, String> key,
      Function<Map<String, AttributeValue>, T> decode, String... typenames) {
    return queryPage(index, partitionAttribute, sortAttribute, partition, null, request, item -> item, joinType)
        .thenCompose(joins -> {
          List<String> ids = TableRequests.linkedIds(joins.items(), otherIdField);
          CompletableFuture<List<T>> nodes = ids.isEmpty() ? CompletableFuture.completedFuture(List.of())
              : readNodes(ReadConsistency.EVENTUAL, ids, key, decode, typenames);
          return nodes.thenApply(found -> new Page<>(found.stream().filter(Objects::nonNull).toList(),
              joins.nextToken()));
        });
  }

  private CompletableFuture<List<LinkHead>> readLinkHeads(String id, Map<String, Boolean> links) {
    if (links.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<String> keys = links.keySet().stream().sorted().map(t -> LinkHead.key(t, id)).toList();
    return batchGetKeys(keys, true).thenApply(found -> links.keySet().stream().sorted()
        .map(t -> new LinkHead(t, links.get(t), id, found.get(LinkHead.key(t, id)))).toList());
  }

  private <T> CompletableFuture<T> removeAttempt(String typename, String id, String pk, int expectedVersion,
      Function<Map<String, AttributeValue>, T> decode, Function<T, List<UniqueKey>> uniques, Map<String, Boolean> links,
      int attempt) {
    return currentNode(id, pk, typename).thenCombine(readLinkHeads(id, links), Map::entry).thenCompose(read -> {
      Map<String, AttributeValue> current = read.getKey();
      if (expectedVersion >= 0) {
        TableRequests.checkVersion(typename, id, current, expectedVersion);
      }
      T before = decode.apply(current);
      TableRequests.Writes writes = requests.remove(typename, current, uniques.apply(before), expectedVersion);
      if (!links.isEmpty()) {
        requests.removeLinks(writes, typename, read.getValue());
      }
      if (pending != null) {
        addPending(typename, writes);
        return CompletableFuture.completedFuture(before);
      }
      if (expectedVersion >= 0) {
        return then(write(typename, writes, retry.maxAttempts(), true), (written, failure) -> {
          if (failure instanceof ConflictException c) { // the item changed since the read: its version too
            throw TableRequests.versionChanged(typename, current, expectedVersion, c);
          }
          return failure == null ? CompletableFuture.completedFuture(before) : CompletableFuture.failedFuture(failure);
        });
      }
      return write(typename, writes, attempt, true).thenCompose(written -> written
          ? CompletableFuture.completedFuture(before)
          : removeAttempt(typename, id, pk, expectedVersion, decode, uniques, links, attempt + 1));
    });
  }

  /**
   * Runs the writes as {@link TableAccess} does (one TransactWriteItems, or one PutItem/DeleteItem): true when
   * written; false, after the backoff, to retry after a concurrent change or a conflict; failed with the refusal.
   */
  private CompletableFuture<Boolean> write(String typename, TableRequests.Writes writes, int attempt,
      boolean transaction) {
    CompletableFuture<?> sent;
    if (transaction) {
      sent = client.transactWriteItems(TableRequests.transaction(writes.writes()));
    } else {
      PutItemRequest put = TableRequests.putItem(writes.writes().get(0));
      sent = put != null ? client.putItem(put) : client.deleteItem(TableRequests.deleteItem(writes.writes().get(0)));
    }
    return then(sent, (done, failure) -> {
      if (failure == null) {
        return CompletableFuture.completedFuture(true);
      }
      boolean changed = TableRequests.retryable(failure,
          java.util.Collections.nCopies(writes.owners().size(), typename), writes.owners());
      if (attempt >= retry.maxAttempts()) {
        throw TableRequests.exhausted(changed, retry.maxAttempts(), failure, false);
      }
      return after(retry, attempt, () -> CompletableFuture.completedFuture(false));
    });
  }

  /**
   * The async {@link TableAccess#deleteTyped(String, String, String, int)}: one DeleteItem conditioned on the type,
   * the id and the version when one is expected.
   *
   * @param id the id asked for
   * @param pk the item's {@code PK}
   * @param typename the type name
   * @param expectedVersion the version expected, or -1 for none
   * @return the deleted item
   */
  protected CompletableFuture<Map<String, AttributeValue>> deleteTyped(String id, String pk, String typename,
      int expectedVersion) {
    TableRequests.Condition condition = TableRequests.deleteTypedCondition(id, typename, expectedVersion);
    if (pending != null) { // the item is read now, to return it; the delete holds only if it is still of the type
      return currentNode(id, pk, typename).thenApply(current -> {
        if (expectedVersion >= 0) {
          TableRequests.checkVersion(typename, id, current, expectedVersion);
        }
        addPending(typename, new TableRequests.Writes(List.of(requests.deleteTypedWrite(pk, condition)), List.of("")));
        return current;
      });
    }
    return deleteAttempt(id, pk, typename, expectedVersion, condition, 1);
  }

  private CompletableFuture<Map<String, AttributeValue>> deleteAttempt(String id, String pk, String typename,
      int expectedVersion, TableRequests.Condition condition, int attempt) {
    return then(client.deleteItem(requests.deleteTyped(pk, condition)), (response, failure) -> {
      if (failure == null) {
        return CompletableFuture.completedFuture(response.attributes());
      }
      if (TableRequests.isConditionFailed(failure)) {
        CompletableFuture<Map<String, AttributeValue>> stored = expectedVersion < 0
            ? CompletableFuture.completedFuture(null) : getItem(pk, true);
        return stored.thenApply(item -> {
          throw TableRequests.deleteRefused(item, id, typename, expectedVersion, failure);
        });
      }
      return retryConflict(failure, attempt, "deleted", () -> deleteAttempt(id, pk, typename, expectedVersion,
          condition, attempt + 1));
    });
  }

  /** A single write's failure: a transaction conflict is retried after the backoff, anything else refused. */
  private <R> CompletableFuture<R> retryConflict(Throwable failure, int attempt, String what,
      Supplier<CompletableFuture<R>> next) {
    if (!TableRequests.isConflict(failure)) {
      return failed(failure);
    }
    if (attempt >= retry.maxAttempts()) {
      throw TableRequests.heldTooLong(what, failure);
    }
    return after(retry, attempt, next);
  }

  /**
   * The async {@link TableAccess#addToNumber}: one UpdateItem adding {@code delta} without a read.
   *
   * @param typename the type name
   * @param id the id
   * @param pk the node key
   * @param field the number field
   * @param delta the amount, as DynamoDB's number text
   * @param intRange whether the result must stay within a 32-bit {@code Int}
   * @param updatedAt whether to set {@code updatedAt} to now
   * @param versioned whether to move {@code version} on
   * @return the item as written (in a transaction: null, the commit decides)
   */
  protected CompletableFuture<Map<String, AttributeValue>> addToNumber(String typename, String id, String pk, String field,
      String delta, boolean intRange, boolean updatedAt, boolean versioned) {
    UpdateItemRequest request = requests.increment(typename, id, pk, field, delta, intRange, updatedAt ? now() : null,
        versioned);
    if (pending != null) {
      addPending(typename, new TableRequests.Writes(List.of(TableRequests.incrementWrite(request)), List.of("")));
      return CompletableFuture.completedFuture(null);
    }
    return incrementAttempt(request, typename, id, pk, field, delta, intRange, 1);
  }

  private CompletableFuture<Map<String, AttributeValue>> incrementAttempt(UpdateItemRequest request, String typename,
      String id, String pk, String field, String delta, boolean intRange, int attempt) {
    return then(client.updateItem(request), (response, failure) -> {
      if (failure == null) {
        return CompletableFuture.completedFuture(response.attributes());
      }
      if (TableRequests.isConditionFailed(failure)) {
        return getItem(pk, true).thenApply(stored -> {
          throw TableRequests.incrementRefused(stored, typename, id, field, delta, intRange, failure);
        });
      }
      return retryConflict(failure, attempt, "written", () -> incrementAttempt(request, typename, id, pk, field, delta,
          intRange, attempt + 1));
    });
  }

  /**
   * The async {@link TableAccess#queryPage}: one Query of a relation's page, its cursor bound to the query.
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
   * @throws IllegalArgumentException at once, when the request's nextToken is not one of this query
   */
  protected <T> CompletableFuture<Page<T>> queryPage(String index, String partitionAttribute, String sortAttribute,
      String partition, List<String> condition, PageRequest request, Function<Map<String, AttributeValue>, T> decode,
      String... typenames) {
    TableRequests.Query query = requests.query(index, partitionAttribute, sortAttribute, partition, condition, request);
    return then(client.query(query.request()), (response, failure) -> failure != null ? failed(failure)
        : CompletableFuture.completedFuture(query.page(response, decode, typenames)));
  }

  /**
   * The condition of a relation's range method on its sort key, as {@link TableAccess#sortCondition}.
   *
   * @param <V> the Java type of the first sort field
   * @param range the range, or null for every item
   * @param bucketOf the codec's start of the sort key of an item with a value
   * @param text whether the first sort field is sorted as text
   * @param field the first sort field's name (for messages)
   * @return the operator and its operands, or null
   * @throws IllegalArgumentException when the range is refused (see {@link SortRange})
   */
  protected static <V> List<String> sortCondition(SortRange<V> range, Function<V, String> bucketOf, boolean text,
      String field) {
    return TableAccess.sortCondition(range, bucketOf, text, field);
  }

  /**
   * Every item of a relation, lazily: reads the first page, hands its items to {@code action} in order, then reads the
   * next page, and so on up to the page without a nextToken. One page is read at a time, and only after the
   * previous page's items were handed over; {@code action} runs where the SDK completes its futures (it must not
   * block). A failure of a read or of {@code action} completes the future with it and reads no further page.
   *
   * @param <T> the item type
   * @param first the first page's request (the limit is the page size)
   * @param query one of the relation's async page methods
   * @param action what to do with each item
   * @return completes after the last item, with the number of pages read
   * @throws IllegalArgumentException when the first request's nextToken is not one of this query (nothing is read)
   */
  protected static <T> CompletableFuture<Integer> forEachItem(PageRequest first,
      Function<PageRequest, CompletableFuture<Page<T>>> query, Consumer<? super T> action) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(action, "action");
    return pageFrom(first, query.apply(first), query, action, 1); // a foreign cursor is refused by the call
  }

  private static <T> CompletableFuture<Integer> pageFrom(PageRequest request, CompletableFuture<Page<T>> read,
      Function<PageRequest, CompletableFuture<Page<T>>> query, Consumer<? super T> action, int pages) {
    return read.thenCompose(page -> {
      page.items().forEach(action);
      if (!page.hasNext()) {
        return CompletableFuture.completedFuture(pages);
      }
      PageRequest next = request.after(page.nextToken());
      return pageFrom(next, attempt(() -> query.apply(next)), query, action, pages + 1);
    });
  }

  /**
   * The results of several futures, in order, once all completed; the first failure (in order) fails it.
   *
   * @param <T> the result type
   * @param futures the futures
   * @return their results
   */
  protected static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> futures) {
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(x -> futures.stream().map(f -> f.getNow(null)).toList());
  }

  /**
   * The version a versioned type's stored item has (0 when it has none).
   *
   * @param item the stored item
   * @return its version
   */
  protected static int storedVersion(Map<String, AttributeValue> item) {
    return TableRequests.storedVersion(item);
  }

  /**
   * Refuses an id as {@link TableAccess#checkId} does ({@code InvalidId}, thrown by the call).
   *
   * @param typename the type name
   * @param field the field holding the id
   * @param id the id
   * @return the id
   */
  protected static String checkId(String typename, String field, String id) {
    return TableAccess.checkId(typename, field, id);
  }
}
