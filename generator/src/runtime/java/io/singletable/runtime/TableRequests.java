// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The pure half of the data access, shared by {@link TableAccess} (over {@code DynamoDbClient}) and {@link
 * AsyncTableAccess} (over {@code DynamoDbAsyncClient}): the requests the resolvers' reads and writes make, and the
 * reading of their responses and failures into the runtime's exceptions. No I/O: each flavour sends the requests
 * and hands back what came of them, so both write byte-identical items and fail with the same exceptions. Part of
 * the singletable runtime; do not edit.
 */
final class TableRequests {
  /** The format of AppSync's {@code $util.time.nowISO8601()}: UTC, milliseconds. */
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  /** Keys per BatchGetItem. */
  static final int BATCH_KEYS = 100;

  private final String tableName;

  TableRequests(String tableName) {
    this.tableName = tableName;
  }

  /** The time now as AppSync's {@code $util.time.nowISO8601()} writes it. */
  static String timestamp(Clock clock) {
    return TIMESTAMP.format(clock.instant());
  }

  /**
   * The failure a future completed with, unwrapped: the SDK's async client and {@code thenCompose} wrap it in
   * {@link CompletionException}.
   */
  static Throwable cause(Throwable e) {
    Throwable out = e;
    while (out instanceof CompletionException && out.getCause() != null) {
      out = out.getCause();
    }
    return out;
  }

  static Map<String, AttributeValue> key(String pk) {
    return Map.of("PK", AttributeValue.fromS(pk));
  }

  GetItemRequest getItem(String pk, boolean consistent) {
    return GetItemRequest.builder().tableName(tableName).key(key(pk)).consistentRead(consistent).build();
  }

  static boolean isType(Map<String, AttributeValue> item, String... typenames) {
    AttributeValue typename = item == null ? null : item.get("__typename");
    if (typename == null || typename.s() == null) {
      return false;
    }
    for (String expected : typenames) {
      if (expected.equals(typename.s())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an item read by the node key of {@code id} is that node: one of the types, and its stored
   * {@code id} is the id asked for (not a unique item or another item that happens to have the key).
   */
  static boolean isNode(Map<String, AttributeValue> item, String id, String... typenames) {
    AttributeValue stored = item == null ? null : item.get("id");
    return isType(item, typenames) && stored != null && id.equals(stored.s());
  }

  /** A get's answer: the item decoded when it is a node of that id (by a unique key: {@code id} null, of the type). */
  static <T> Optional<T> node(Map<String, AttributeValue> item, String id,
      Function<Map<String, AttributeValue>, T> decode, String... typenames) {
    boolean found = id == null ? isType(item, typenames) : isNode(item, id, typenames);
    return found ? Optional.of(decode.apply(item)) : Optional.empty();
  }

  /** The stored node read before a write, refused as {@code NotFound} unless it is the node of the type with that id. */
  static Map<String, AttributeValue> current(Map<String, AttributeValue> item, String id, String typename) {
    if (!isNode(item, id, typename)) {
      throw new NotFoundException(typename + " not found", null);
    }
    return item;
  }

  /**
   * DynamoDB's refusal of an invalid request ({@code ValidationError}, e.g. a key over its size limit) as such; any
   * other failure as it is (unchecked).
   */
  static RuntimeException refused(Throwable e) {
    if (e instanceof DynamoDbException d && d.awsErrorDetails() != null
        && "ValidationException".equals(d.awsErrorDetails().errorCode())) {
      return new ValidationErrorException(d.awsErrorDetails().errorMessage(), d);
    }
    return e instanceof RuntimeException r ? r : new CompletionException(e);
  }

  /** The writes of one call and, per write, who owns its condition (see {@link PendingWrites}). */
  record Writes(List<TransactWriteItem> writes, List<String> owners) {
    Writes() {
      this(new ArrayList<>(), new ArrayList<>());
    }

    void add(TransactWriteItem write, String owner) {
      writes.add(write);
      owners.add(owner);
    }
  }

  private static Map<String, AttributeValue> uniqueCopy(String key,
      Map<String, AttributeValue> node, List<String> indexAttributes) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    out.put("PK", AttributeValue.fromS(key));
    node.forEach((name, value) -> {
      if (!name.equals("PK") && !indexAttributes.contains(name)) {
        out.put(name, value);
      }
    });
    return out;
  }

  private TransactWriteItem putWrite(Map<String, AttributeValue> item, String condition,
      Map<String, String> names, Map<String, AttributeValue> values) {
    Put.Builder put = Put.builder().tableName(tableName).item(item).conditionExpression(condition);
    if (!names.isEmpty()) {
      put.expressionAttributeNames(names);
    }
    if (!values.isEmpty()) {
      put.expressionAttributeValues(values);
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }

  private TransactWriteItem deleteWrite(String pk, String condition, Map<String, String> names,
      Map<String, AttributeValue> values) {
    Delete.Builder delete = Delete.builder().tableName(tableName).key(key(pk)).conditionExpression(condition);
    if (!names.isEmpty()) {
      delete.expressionAttributeNames(names);
    }
    if (!values.isEmpty()) {
      delete.expressionAttributeValues(values);
    }
    return TransactWriteItem.builder().delete(delete.build()).build();
  }

  /** The create resolver's writes: the node and its unique items, none of them existing before. */
  Writes create(Map<String, AttributeValue> item, List<String> indexAttributes, List<UniqueKey> uniques) {
    Writes out = new Writes();
    out.add(putWrite(item, "attribute_not_exists(PK)", Map.of(), Map.of()), "id");
    for (UniqueKey unique : uniques) {
      if (unique.after() != null) {
        out.add(putWrite(uniqueCopy(unique.after(), item, indexAttributes), "attribute_not_exists(PK)", Map.of(),
            Map.of()), unique.field());
      }
    }
    return out;
  }

  /**
   * Whether the node stored under a created item's key is that item, but for the stamped and index attributes: an
   * earlier create of the same item (see {@link TableAccess#createNode}).
   */
  static boolean sameCreate(Map<String, AttributeValue> stored, Map<String, AttributeValue> item,
      List<String> indexAttributes, List<String> stamped) {
    List<String> ignored = new ArrayList<>(stamped);
    ignored.addAll(indexAttributes);
    return stored != null && without(stored, ignored).equals(without(item, ignored));
  }

  private static Map<String, AttributeValue> without(Map<String, AttributeValue> item, List<String> attributes) {
    Map<String, AttributeValue> out = new HashMap<>(item);
    attributes.forEach(out::remove);
    return out;
  }

  /** The condition that the item is the node of the type and id: {@code #t = :t AND #id = :id}, names and values added. */
  private static StringBuilder typed(String typename, AttributeValue id, Map<String, String> names,
      Map<String, AttributeValue> values) {
    names.put("#t", "__typename");
    names.put("#id", "id");
    values.put(":t", AttributeValue.fromS(typename));
    values.put(":id", id);
    return new StringBuilder("#t = :t AND #id = :id");
  }

  /**
   * Appends to a condition that each field still has its value as read: {@code AND #<p>i = :<p>i}, or for a value
   * absent or NULL {@code AND (attribute_not_exists(#<p>i) OR attribute_type(#<p>i, :nullType))}; names and values added.
   */
  private static void sameValues(StringBuilder expression, String prefix, List<String> fields,
      Map<String, AttributeValue> read, Map<String, String> names, Map<String, AttributeValue> values) {
    for (int i = 1; i <= fields.size(); i++) {
      String name = "#" + prefix + i;
      names.put(name, fields.get(i - 1));
      AttributeValue value = read.get(fields.get(i - 1));
      if (value != null && !Boolean.TRUE.equals(value.nul())) {
        expression.append(" AND ").append(name).append(" = :").append(prefix).append(i);
        values.put(":" + prefix + i, value);
      } else {
        expression.append(" AND (attribute_not_exists(").append(name).append(") OR attribute_type(").append(name)
            .append(", :nullType))");
        values.put(":nullType", AttributeValue.fromS("NULL"));
      }
    }
  }

  /** The update resolver's writes (see {@link TableAccess#replaceNode}). */
  Writes replace(String typename, Map<String, AttributeValue> current, Map<String, AttributeValue> item,
      List<String> fields, List<String> indexAttributes, List<UniqueKey> uniques) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    StringBuilder expression = typed(typename, current.get("id"), names, values);
    sameValues(expression, "a", fields, current, names, values);
    Writes out = new Writes();
    out.add(putWrite(item, expression.toString(), names, values), "");
    Map<String, AttributeValue> ownedBy = Map.of(":id", item.get("id"));
    for (UniqueKey unique : uniques) {
      if (unique.before() != null && !unique.before().equals(unique.after())) {
        out.add(deleteWrite(unique.before(), "attribute_not_exists(PK) OR id = :id", Map.of(), ownedBy), "");
      }
      if (unique.after() != null) {
        Map<String, AttributeValue> copy = uniqueCopy(unique.after(), item, indexAttributes);
        out.add(unique.after().equals(unique.before())
            ? putWrite(copy, "attribute_not_exists(PK) OR id = :id", Map.of(), ownedBy)
            : putWrite(copy, "attribute_not_exists(PK)", Map.of(), Map.of()), unique.field());
      }
    }
    return out;
  }

  /** The delete resolver's writes for a type with unique fields (see {@link TableAccess#removeNode}). */
  Writes remove(String typename, Map<String, AttributeValue> current, List<UniqueKey> uniques, int expectedVersion) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    StringBuilder expression = typed(typename, current.get("id"), names, values);
    if (expectedVersion >= 0) {
      expression.append(" AND ").append(versionCondition(expectedVersion, names, values));
    }
    for (int i = 1; i <= uniques.size(); i++) {
      String field = uniques.get(i - 1).field();
      names.put("#u" + i, field);
      AttributeValue value = current.get(field);
      if (value != null && !Boolean.TRUE.equals(value.nul())) {
        expression.append(" AND #u").append(i).append(" = :u").append(i);
        values.put(":u" + i, value);
      } else {
        expression.append(" AND attribute_not_exists(#u").append(i).append(")");
      }
    }
    Writes out = new Writes();
    out.add(deleteWrite(current.get("PK").s(), expression.toString(), names, values), "");
    for (UniqueKey unique : uniques) {
      if (unique.before() != null) {
        out.add(deleteWrite(unique.before(), "attribute_not_exists(PK) OR id = :id", Map.of(),
            Map.of(":id", current.get("id"))), "");
      }
    }
    return out;
  }

  /**
   * The connect mutation's writes ({@code add<R>}): both items checked (type and id), the join item put (again: the
   * same item; a key held by anything else: refused), both link heads given the other's id.
   *
   * @param join the join item, its {@code PK} and index attributes included
   */
  List<TransactWriteItem> link(String joinType, String aType, String aId, String aNodeKey, String bType, String bId,
      String bNodeKey, Map<String, AttributeValue> join) {
    return link(joinType, aType, aId, aNodeKey, List.of(), null, bType, bId, bNodeKey, List.of(), null, join);
  }

  /**
   * The connect mutation's writes of a relation with {@code sortBy} (see {@link TableAccess#link(String, String,
   * String, String, List, String, String, String, List, java.util.function.BiFunction)}): as without, but each item's
   * check also requires the fields the other side sorts by to be as read, since the join item holds copies of them.
   *
   * @param aFields the fields of the a item side b sorts by (none: the type and id only)
   * @param aRead the a item as read (null without fields)
   * @param bFields the fields of the b item side a sorts by
   * @param bRead the b item as read (null without fields)
   */
  List<TransactWriteItem> link(String joinType, String aType, String aId, String aNodeKey, List<String> aFields,
      Map<String, AttributeValue> aRead, String bType, String bId, String bNodeKey, List<String> bFields,
      Map<String, AttributeValue> bRead, Map<String, AttributeValue> join) {
    List<TransactWriteItem> out = new ArrayList<>();
    out.add(nodeCheck(aNodeKey, aType, aId, aFields, aRead));
    out.add(nodeCheck(bNodeKey, bType, bId, bFields, bRead));
    out.add(putWrite(join, "attribute_not_exists(PK) OR #t = :t", Map.of("#t", "__typename"),
        Map.of(":t", AttributeValue.fromS(joinType))));
    out.addAll(headUpdates(joinType, aId, bId, "SET #t = :t ADD #l :l", "attribute_not_exists(PK) OR #t = :t"));
    return out;
  }

  /** The check of one item of a link: its type and id, and the fields as read. */
  private TransactWriteItem nodeCheck(String nodeKey, String type, String id, List<String> fields,
      Map<String, AttributeValue> read) {
    Map<String, String> names = new LinkedHashMap<>(Map.of("#t", "__typename", "#id", "id"));
    Map<String, AttributeValue> values = new LinkedHashMap<>(Map.of(":t", AttributeValue.fromS(type), ":id",
        AttributeValue.fromS(id)));
    StringBuilder expression = new StringBuilder("#t = :t AND #id = :id");
    sameValues(expression, "f", fields, read == null ? Map.of() : read, names, values);
    return TransactWriteItem.builder().conditionCheck(c -> c.tableName(tableName).key(key(nodeKey))
        .conditionExpression(expression.toString()).expressionAttributeNames(names).expressionAttributeValues(values))
        .build();
  }

  /**
   * The two items of a connect as its consistent read found them, a first: each must be the node of its type and id.
   *
   * @throws NotFoundException when one is missing or another item (nothing is written)
   */
  static List<Map<String, AttributeValue>> linked(Map<String, Map<String, AttributeValue>> found, String aType,
      String aId, String aNodeKey, String bType, String bId, String bNodeKey) {
    Map<String, AttributeValue> a = found.get(aNodeKey);
    Map<String, AttributeValue> b = found.get(bNodeKey);
    if (!isNode(a, aId, aType)) {
      throw new NotFoundException("no " + aType + " has the id " + aId, null);
    }
    if (!isNode(b, bId, bType)) {
      throw new NotFoundException("no " + bType + " has the id " + bId, null);
    }
    return List.of(a, b);
  }

  /**
   * A failed connect that read its items first: a failed check of one of them means it changed (or went) since the
   * read, and a conflict, are retryable; a key of the link held by another kind of item is {@code Conflict}; anything
   * else is thrown as the other writes' failures are.
   *
   * @return true when an item changed since the read, false for a conflict only (both retryable)
   */
  static boolean linkChanged(Throwable e) {
    Throwable failure = cause(e);
    if (failure instanceof TransactionCanceledException t) {
      List<CancellationReason> reasons = t.hasCancellationReasons() ? t.cancellationReasons() : List.of();
      boolean conflict = false;
      for (int i = 0; i < reasons.size(); i++) {
        if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
          if (i < 2) {
            return true;
          }
          throw new ConflictException("a key of the link is held by an item of another kind", t);
        }
        conflict |= "TransactionConflict".equals(reasons.get(i).code());
      }
      if (conflict) {
        return false;
      }
    }
    if (failure instanceof software.amazon.awssdk.services.dynamodb.model.TransactionConflictException) {
      return false;
    }
    throw refused(failure);
  }

  /** The updates of both link heads of a link: each gets (or loses) the other's id. */
  private List<TransactWriteItem> headUpdates(String joinType, String aId, String bId, String update, String condition) {
    List<TransactWriteItem> out = new ArrayList<>();
    for (String[] head : new String[][] {{aId, bId}, {bId, aId}}) {
      out.add(TransactWriteItem.builder().update(u -> u.tableName(tableName).key(key(LinkHead.key(joinType, head[0])))
          .updateExpression(update).conditionExpression(condition)
          .expressionAttributeNames(Map.of("#t", "__typename", "#l", "links"))
          .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(joinType), ":l", AttributeValue.fromSs(List.of(head[1])))))
          .build());
    }
    return out;
  }

  /**
   * The disconnect mutation's writes ({@code remove<R>}): the join item deleted (only if it is one), both heads
   * without the other's id.
   */
  List<TransactWriteItem> unlink(String joinType, String aId, String bId) {
    List<TransactWriteItem> out = new ArrayList<>();
    out.add(deleteWrite(LinkHead.joinKey(joinType, aId, bId), "#t = :t", Map.of("#t", "__typename"),
        Map.of(":t", AttributeValue.fromS(joinType))));
    out.addAll(headUpdates(joinType, aId, bId, "DELETE #l :l", "#t = :t"));
    return out;
  }

  /**
   * A failed connect or disconnect: a failed check of one of the two items is {@code NotFound} of it (connect), a
   * missing join item is no failure (disconnect: returns true), a conflict is retryable (false); anything else is
   * thrown as the other writes' failures are.
   */
  static boolean linkFailed(Throwable e, boolean connect, String aType, String aId, String bType, String bId) {
    Throwable failure = cause(e);
    if (failure instanceof TransactionCanceledException t) {
      List<CancellationReason> reasons = t.hasCancellationReasons() ? t.cancellationReasons() : List.of();
      for (int i = 0; i < reasons.size(); i++) {
        if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
          if (!connect && i == 0) {
            return true; // not linked: nothing to remove
          }
          if (connect && i < 2) {
            throw new NotFoundException("no " + (i == 0 ? aType : bType) + " has the id " + (i == 0 ? aId : bId), t);
          }
          throw new ConflictException("a key of the link is held by an item of another kind", t);
        }
      }
      for (CancellationReason r : reasons) {
        if ("TransactionConflict".equals(r.code())) {
          return false;
        }
      }
    }
    if (failure instanceof software.amazon.awssdk.services.dynamodb.model.TransactionConflictException) {
      return false;
    }
    throw refused(failure);
  }

  /** The ids of the items a page of join items names, in its order (join items without one are skipped). */
  static List<String> linkedIds(List<Map<String, AttributeValue>> joins, String otherIdField) {
    List<String> out = new ArrayList<>();
    for (Map<String, AttributeValue> join : joins) {
      AttributeValue id = join.get(otherIdField);
      if (id != null && id.s() != null && !id.s().isEmpty()) {
        out.add(id.s());
      }
    }
    return out;
  }

  /** The most writes one TransactWriteItems holds. */
  static final int MAX_TRANSACTION_WRITES = 100;

  /**
   * Adds to a delete's writes the removal of the item's {@code @manyToMany} links, as the delete resolver does: per
   * head, every join item it lists, and the head itself conditioned on its links as read (no head: on there being
   * none), so that a link made since the read fails the delete instead of being left behind.
   *
   * @throws DataAccessException ({@code TooManyLinks}) when the writes would not fit one transaction
   */
  void removeLinks(Writes out, String typename, List<LinkHead> heads) {
    for (LinkHead head : heads) {
      Condition unchanged = headUnchanged(head);
      out.add(deleteWrite(head.key(), unchanged.expression(), unchanged.names(), unchanged.values()), "");
      for (String other : head.linked()) {
        out.add(TransactWriteItem.builder().delete(Delete.builder().tableName(tableName).key(key(head.joinKey(other)))
            .build()).build(), "");
      }
    }
    if (out.writes().size() > MAX_TRANSACTION_WRITES) {
      throw new DataAccessException("TooManyLinks", typename + " " + heads.get(0).id() + " is linked to too many items to "
          + "be deleted with its join items in one transaction (" + out.writes().size() + " writes, at most "
          + MAX_TRANSACTION_WRITES + "); remove some links first", null);
    }
  }

  /**
   * The condition that a link head is as read: of the join type with the links read (or none), or absent when there
   * was none, so that a link made or removed since the read fails the write.
   */
  private static Condition headUnchanged(LinkHead head) {
    if (head.item() == null) {
      return new Condition("attribute_not_exists(PK)", Map.of(), Map.of());
    }
    List<String> linked = head.linked();
    Map<String, String> names = new LinkedHashMap<>(Map.of("#t", "__typename", "#l", "links"));
    Map<String, AttributeValue> values = new LinkedHashMap<>(Map.of(":t", AttributeValue.fromS(head.joinType())));
    if (linked.isEmpty()) {
      return new Condition("#t = :t AND attribute_not_exists(#l)", names, values);
    }
    values.put(":l", AttributeValue.fromSs(linked));
    return new Condition("#t = :t AND #l = :l", names, values);
  }

  /** The keys of the join items the heads list (an entry may name an item deleted since: its join item is gone). */
  static List<String> joinKeys(List<LinkHead> heads) {
    List<String> out = new ArrayList<>();
    heads.forEach(head -> head.linked().forEach(other -> out.add(head.joinKey(other))));
    return out;
  }

  /**
   * Adds to an update's writes the move of its sort keys in {@code @manyToMany} join items: per join item that
   * exists, its {@link SortedLink#sortAttribute()} set to the new sort key (conditioned on it still being a join
   * item), and per head a check that its links are as read, so that a connect or disconnect since the read fails the
   * update, which then runs again. A head entry whose join item is gone (the other item was deleted) is skipped:
   * its join item is never made again.
   *
   * @param heads the item's heads in the relations of {@code links}, read consistently
   * @param joins the join items the heads list, read consistently, by {@code PK}
   * @throws DataAccessException ({@code TooManyLinks}) when the writes would not fit one transaction
   */
  void sortLinks(Writes out, String typename, List<LinkHead> heads, List<SortedLink> links,
      Map<String, Map<String, AttributeValue>> joins) {
    for (LinkHead head : heads) {
      SortedLink link = links.stream().filter(l -> l.joinType().equals(head.joinType())).findFirst().orElseThrow();
      for (String other : head.linked()) {
        String joinKey = head.joinKey(other);
        if (!isType(joins.get(joinKey), head.joinType())) {
          continue;
        }
        out.add(TransactWriteItem.builder().update(u -> u.tableName(tableName).key(key(joinKey))
            .updateExpression("SET #s = :s").conditionExpression("#t = :t")
            .expressionAttributeNames(Map.of("#s", link.sortAttribute(), "#t", "__typename"))
            .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(link.sortKey()), ":t",
                AttributeValue.fromS(head.joinType()))))
            .build(), "");
      }
      Condition unchanged = headUnchanged(head);
      out.add(TransactWriteItem.builder().conditionCheck(c -> {
        c.tableName(tableName).key(key(head.key())).conditionExpression(unchanged.expression());
        if (!unchanged.names().isEmpty()) {
          c.expressionAttributeNames(unchanged.names()).expressionAttributeValues(unchanged.values());
        }
      }).build(), "");
    }
    if (out.writes().size() > MAX_TRANSACTION_WRITES) {
      throw new DataAccessException("TooManyLinks", typename + " " + heads.get(0).id() + " is linked to too many items "
          + "to be updated with the sort keys of its join items in one transaction (" + out.writes().size()
          + " writes, at most " + MAX_TRANSACTION_WRITES + "); remove some links first", null);
    }
  }

  /** A versioned delete that failed on a changed item: its version changed too. */
  static VersionConflictException versionChanged(String typename, Map<String, AttributeValue> current,
      int expectedVersion, ConflictException e) {
    return new VersionConflictException(typename + " " + current.get("id").s() + " changed since it was read at version "
        + expectedVersion, expectedVersion, null, e);
  }

  /** The condition that the stored {@code version} is {@code expected} (0: none stored, or 0). */
  private static String versionCondition(int expected, Map<String, String> names, Map<String, AttributeValue> values) {
    names.put("#v", "version");
    values.put(":v", AttributeValue.fromN(Integer.toString(expected)));
    if (expected == 0) {
      values.put(":nullType", AttributeValue.fromS("NULL"));
      return "(attribute_not_exists(#v) OR attribute_type(#v, :nullType) OR #v = :v)";
    }
    return "#v = :v";
  }

  /** The version a versioned type's stored item has (0 when it has none). */
  static int storedVersion(Map<String, AttributeValue> item) {
    AttributeValue v = item.get("version");
    return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
  }

  /** Refuses a stored item of another version than expected ({@code ConflictingVersion}). */
  static void checkVersion(String typename, String id, Map<String, AttributeValue> current, int expectedVersion) {
    int stored = storedVersion(current);
    if (stored != expectedVersion) {
      throw new VersionConflictException(typename + " " + id + " is at version " + stored + ", not " + expectedVersion,
          expectedVersion, stored, null);
    }
  }

  /** The writes as one TransactWriteItems. */
  static TransactWriteItemsRequest transaction(List<TransactWriteItem> writes) {
    return TransactWriteItemsRequest.builder().transactItems(writes).build();
  }

  /** A single write of a type without unique fields as its PutItem, or null when it is a delete. */
  static PutItemRequest putItem(TransactWriteItem write) {
    if (write.put() == null) {
      return null;
    }
    Put put = write.put();
    return PutItemRequest.builder().tableName(put.tableName()).item(put.item()).conditionExpression(put.conditionExpression())
        .expressionAttributeNames(put.hasExpressionAttributeNames() ? put.expressionAttributeNames() : null)
        .expressionAttributeValues(put.hasExpressionAttributeValues() ? put.expressionAttributeValues() : null).build();
  }

  /** A single write of a type without unique fields as its DeleteItem. */
  static DeleteItemRequest deleteItem(TransactWriteItem write) {
    Delete delete = write.delete();
    return DeleteItemRequest.builder().tableName(delete.tableName()).key(delete.key())
        .conditionExpression(delete.conditionExpression())
        .expressionAttributeNames(delete.hasExpressionAttributeNames() ? delete.expressionAttributeNames() : null)
        .expressionAttributeValues(delete.hasExpressionAttributeValues() ? delete.expressionAttributeValues() : null)
        .build();
  }

  /**
   * A failed write of the resolvers' writes, in their order: a failed condition of a unique item's put is {@code
   * NotUnique} of its field, of the create's node {@code NotUnique} of {@code id}, thrown; a failed condition of any
   * other write (the item changed since the read) or a transaction conflict is retryable; DynamoDB's refusal of an
   * invalid request is {@code ValidationError}, thrown.
   *
   * @param e the failure
   * @param typenames per write: the type whose call made it
   * @param owners per write: "" for a write conditioned on the item as read, "id" for a create's node, else a unique field
   * @return true when an item changed since its read, false for a conflict only (both retryable)
   */
  static boolean retryable(Throwable e, List<String> typenames, List<String> owners) {
    Throwable failure = cause(e);
    if (failure instanceof ConditionalCheckFailedException c) {
      if (!owners.get(0).isEmpty()) {
        throw new NotUniqueException(typenames.get(0), owners.get(0), c);
      }
      return true;
    }
    if (failure instanceof TransactionCanceledException t) {
      return cancelled(t, owners, typenames);
    }
    if (failure instanceof software.amazon.awssdk.services.dynamodb.model.TransactionConflictException) {
      return false;
    }
    throw refused(failure);
  }

  /**
   * A retryable failure after the last attempt: {@code ConditionalCheckFailed} when an item changed in each attempt,
   * else {@code TransactionConflict}.
   */
  static RuntimeException exhausted(boolean changed, int attempts, Throwable e, boolean transaction) {
    Throwable failure = cause(e);
    if (transaction) {
      return changed
          ? new ConflictException("an item of the transaction changed concurrently in each of " + attempts
              + " attempts; nothing was written", failure)
          : new TransactionConflictException("another transaction held one of the items in each of " + attempts
              + " attempts; nothing was written: retry", failure);
    }
    return changed ? new ConflictException("the item changed concurrently in each of " + attempts + " attempts", failure)
        : new TransactionConflictException("another transaction held one of the items; nothing was written: retry", failure);
  }

  /**
   * A cancelled TransactWriteItems, in the resolvers' precedence: a unique value taken ({@code NotUnique} of its type
   * and field), an id taken ({@code NotUnique} of {@code id}), then a changed item or a conflict (retryable), then an
   * invalid request ({@code ValidationError}).
   *
   * @return true when an item changed since its read, false for a conflict only (both retryable)
   * @throws NotUniqueException when an id or a unique value is taken
   * @throws ValidationErrorException when DynamoDB refused a write as invalid
   * @throws TransactionCanceledException for any other reason
   */
  private static boolean cancelled(TransactionCanceledException e, List<String> owners, List<String> typenames) {
    List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
    String idTaken = null;
    boolean changed = false;
    boolean conflict = false;
    String invalid = null;
    for (int i = 0; i < reasons.size(); i++) {
      String code = reasons.get(i).code();
      String owner = i < owners.size() ? owners.get(i) : "";
      if ("ConditionalCheckFailed".equals(code) && !owner.isEmpty() && !owner.equals("id")) {
        throw new NotUniqueException(typenames.get(i), owner, e);
      }
      if ("ConditionalCheckFailed".equals(code) && owner.equals("id") && idTaken == null) {
        idTaken = typenames.get(i);
      }
      changed |= "ConditionalCheckFailed".equals(code) && owner.isEmpty();
      conflict |= "TransactionConflict".equals(code);
      if ("ValidationError".equals(code) && invalid == null) {
        invalid = reasons.get(i).message() != null ? reasons.get(i).message() : e.getMessage();
      }
    }
    if (idTaken != null) {
      throw new NotUniqueException(idTaken, "id", e);
    }
    if (!changed && !conflict) {
      if (invalid != null) {
        throw new ValidationErrorException(invalid, e);
      }
      throw e;
    }
    return changed;
  }

  /** Whether a failure is DynamoDB's transaction conflict on a single write (retryable). */
  static boolean isConflict(Throwable e) {
    return cause(e) instanceof software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
  }

  /** Whether a failure is a failed condition of a single write. */
  static boolean isConditionFailed(Throwable e) {
    return cause(e) instanceof ConditionalCheckFailedException;
  }

  /** The last of the single-write attempts a transaction conflict used up. */
  static TransactionConflictException heldTooLong(String what, Throwable e) {
    return new TransactionConflictException("another transaction held the item; nothing was " + what + ": retry", cause(e));
  }

  /** The condition of a typed delete: the type, the id, and the version when one is expected. */
  record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
  }

  /** The delete resolver's condition for a type without unique fields. */
  static Condition deleteTypedCondition(String id, String typename, int expectedVersion) {
    Map<String, String> names = new LinkedHashMap<>(Map.of("#t", "__typename", "#id", "id"));
    Map<String, AttributeValue> values = new LinkedHashMap<>(Map.of(":t", AttributeValue.fromS(typename), ":id",
        AttributeValue.fromS(id)));
    String condition = "#t = :t AND #id = :id"
        + (expectedVersion >= 0 ? " AND " + versionCondition(expectedVersion, names, values) : "");
    return new Condition(condition, names, values);
  }

  /** The typed delete in a transaction. */
  TransactWriteItem deleteTypedWrite(String pk, Condition condition) {
    return deleteWrite(pk, condition.expression(), condition.names(), condition.values());
  }

  /** The typed delete on its own: one DeleteItem returning the deleted item. */
  DeleteItemRequest deleteTyped(String pk, Condition condition) {
    return DeleteItemRequest.builder().tableName(tableName).key(key(pk)).conditionExpression(condition.expression())
        .expressionAttributeNames(condition.names()).expressionAttributeValues(condition.values())
        .returnValues(ReturnValue.ALL_OLD).build();
  }

  /**
   * A typed delete whose condition failed: {@code ConflictingVersion} when the item (read again, when a version was
   * expected) is the node at another version, else {@code NotFound}.
   */
  static RuntimeException deleteRefused(Map<String, AttributeValue> stored, String id, String typename,
      int expectedVersion, Throwable e) {
    if (isNode(stored, id, typename)) {
      return new VersionConflictException(typename + " " + id + " is at version " + storedVersion(stored) + ", not "
          + expectedVersion, expectedVersion, storedVersion(stored), cause(e));
    }
    return new NotFoundException(typename + " not found", cause(e));
  }

  /** An atomic increment's UpdateItem (see {@link TableAccess#addToNumber}). */
  UpdateItemRequest increment(String typename, String id, String pk, String field, String delta,
      boolean intRange, String updatedAt, boolean versioned) {
    Map<String, String> names = new LinkedHashMap<>(Map.of("#t", "__typename", "#id", "id", "#f", field));
    Map<String, AttributeValue> values = new LinkedHashMap<>(Map.of(":t", AttributeValue.fromS(typename),
        ":id", AttributeValue.fromS(id), ":d", AttributeValue.fromN(delta), ":zero", AttributeValue.fromN("0"),
        ":n", AttributeValue.fromS("N")));
    StringBuilder update = new StringBuilder("SET #f = if_not_exists(#f, :zero) + :d");
    StringBuilder condition = new StringBuilder("#t = :t AND #id = :id AND (attribute_not_exists(#f) OR attribute_type(#f, :n))");
    if (intRange) {
      long d = Long.parseLong(delta);
      if (d > 0) {
        condition.append(" AND (attribute_not_exists(#f) OR #f <= :limit)");
        values.put(":limit", AttributeValue.fromN(Long.toString(Integer.MAX_VALUE - d)));
      } else if (d < 0) {
        condition.append(" AND (attribute_not_exists(#f) OR #f >= :limit)");
        values.put(":limit", AttributeValue.fromN(Long.toString(Integer.MIN_VALUE - d)));
      }
    }
    if (updatedAt != null) {
      update.append(", #u = :now");
      names.put("#u", "updatedAt");
      values.put(":now", AttributeValue.fromS(updatedAt));
    }
    if (versioned) {
      update.append(", #v = if_not_exists(#v, :zero) + :one");
      names.put("#v", "version");
      values.put(":one", AttributeValue.fromN("1"));
    }
    return UpdateItemRequest.builder().tableName(tableName).key(key(pk)).updateExpression(update.toString())
        .conditionExpression(condition.toString()).expressionAttributeNames(names).expressionAttributeValues(values)
        .returnValues(ReturnValue.ALL_NEW).build();
  }

  /** The increment in a transaction. */
  static TransactWriteItem incrementWrite(UpdateItemRequest u) {
    return TransactWriteItem.builder().update(b -> b.tableName(u.tableName()).key(u.key())
        .updateExpression(u.updateExpression()).conditionExpression(u.conditionExpression())
        .expressionAttributeNames(u.expressionAttributeNames()).expressionAttributeValues(u.expressionAttributeValues()))
        .build();
  }

  /** An increment whose condition failed: {@code NotFound}, or a stored value that is no number or would overflow. */
  static RuntimeException incrementRefused(Map<String, AttributeValue> stored, String typename, String id, String field,
      String delta, boolean intRange, Throwable e) {
    if (!isNode(stored, id, typename)) {
      return new NotFoundException(typename + " not found", cause(e));
    }
    return new ValidationErrorException(typename + "." + field + " of " + id + " is " + stored.get(field)
        + ": adding " + delta + " would not give " + (intRange ? "a 32-bit Int" : "a number"), cause(e));
  }

  /** A relation's Query with the binding of its cursors (see {@link TableAccess#queryPage}). */
  record Query(QueryRequest request, byte[] binding, String sortAttribute) {
    /** The page of a response: the items of the relation's types, decoded, and the cursor. */
    <T> Page<T> page(QueryResponse response, Function<Map<String, AttributeValue>, T> decode, String... typenames) {
      List<T> items = new ArrayList<>();
      for (Map<String, AttributeValue> item : response.items()) {
        if (isType(item, typenames)) {
          items.add(decode.apply(item));
        }
      }
      return new Page<>(items, nextToken(response, binding, sortAttribute));
    }
  }

  /**
   * The relation resolvers' Query of one page.
   *
   * @throws IllegalArgumentException when the request's nextToken is not one of this query
   */
  Query query(String index, String partitionAttribute, String sortAttribute, String partition,
      List<String> condition, PageRequest request) {
    byte[] binding = binding(index, partitionAttribute, sortAttribute, partition, condition, request.direction());
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    names.put("#pk", partitionAttribute);
    values.put(":pk", AttributeValue.fromS(partition));
    String expression = "#pk = :pk";
    if (condition != null) {
      names.put("#sk", sortAttribute);
      if (condition.get(0).equals("begins_with")) {
        expression += " AND begins_with(#sk, :sk)";
        values.put(":sk", AttributeValue.fromS(condition.get(1)));
      } else {
        expression += " AND #sk BETWEEN :low AND :high";
        values.put(":low", AttributeValue.fromS(condition.get(1)));
        values.put(":high", AttributeValue.fromS(condition.get(2)));
      }
    }
    QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(index)
        .keyConditionExpression(expression)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .limit(request.limit())
        .scanIndexForward(request.direction() == Direction.ASC);
    if (request.nextToken() != null) {
      query.exclusiveStartKey(startKey(request.nextToken(), binding, partitionAttribute, sortAttribute, partition));
    }
    return new Query(query.build(), binding, sortAttribute);
  }

  /** Length of the digest ending a cursor. */
  private static final int DIGEST_BYTES = 16;

  /** The first byte of a cursor: its format. */
  private static final int CURSOR_FORMAT = 1;

  /** What a cursor belongs to: the query's index, partition, order and sort-key condition. */
  private static byte[] binding(String index, String partitionAttribute, String sortAttribute, String partition,
      List<String> condition, Direction direction) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF("singletable cursor");
      out.writeUTF(index);
      out.writeUTF(partitionAttribute);
      out.writeUTF(sortAttribute);
      out.writeUTF(partition);
      out.writeUTF(direction.name());
      List<String> parts = condition == null ? List.of() : condition;
      out.writeInt(parts.size());
      for (String part : parts) {
        out.writeUTF(part);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The first {@link #DIGEST_BYTES} bytes of SHA-256 over the binding and the cursor's keys. */
  private static byte[] digest(byte[] binding, byte[] keys) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(binding);
      sha.update(keys);
      return Arrays.copyOf(sha.digest(), DIGEST_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /**
   * The cursor of a page, base64url: a format byte, the last item's {@code PK} and sort key (length-prefixed), and a
   * digest of them with the query's binding, so that it continues only the query that returned it. The digest is a
   * check, not a secret: a cursor holds the last item's keys, readable by whoever holds it.
   */
  private static String nextToken(QueryResponse response, byte[] binding, String sortAttribute) {
    if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(CURSOR_FORMAT);
      out.writeUTF(response.lastEvaluatedKey().get("PK").s());
      out.writeUTF(response.lastEvaluatedKey().get(sortAttribute).s());
      out.flush();
      out.write(digest(binding, bytes.toByteArray()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
  }

  private static Map<String, AttributeValue> startKey(String token, byte[] binding, String partitionAttribute,
      String sortAttribute, String partition) {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(token);
      if (bytes.length <= DIGEST_BYTES) {
        throw new IllegalArgumentException("too short");
      }
      byte[] keys = Arrays.copyOf(bytes, bytes.length - DIGEST_BYTES);
      byte[] digest = Arrays.copyOfRange(bytes, bytes.length - DIGEST_BYTES, bytes.length);
      if (!MessageDigest.isEqual(digest, digest(binding, keys))) {
        throw new IllegalArgumentException("the cursor belongs to another relation, parent, order or range, or was altered");
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(keys))) {
        if (in.readByte() != CURSOR_FORMAT) {
          throw new IllegalArgumentException("unknown format");
        }
        String pk = in.readUTF();
        String sk = in.readUTF();
        if (in.read() != -1) {
          throw new IllegalArgumentException("trailing bytes");
        }
        return Map.of("PK", AttributeValue.fromS(pk), partitionAttribute, AttributeValue.fromS(partition),
            sortAttribute, AttributeValue.fromS(sk));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a nextToken of this relation query (relation, parent, order and range): "
          + token, e);
    }
  }

  /** The distinct non-null keys, in groups of {@link #BATCH_KEYS}: one BatchGetItem each. */
  static List<List<String>> batches(List<String> pks) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(pks));
    distinct.remove(null);
    List<List<String>> out = new ArrayList<>();
    for (int from = 0; from < distinct.size(); from += BATCH_KEYS) {
      out.add(distinct.subList(from, Math.min(from + BATCH_KEYS, distinct.size())));
    }
    return out;
  }

  /** The BatchGetItem of a group of keys. */
  BatchGetItemRequest batchGet(List<String> pks, boolean consistent) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    pks.forEach(pk -> keys.add(key(pk)));
    return BatchGetItemRequest.builder().requestItems(Map.of(tableName, KeysAndAttributes.builder().keys(keys)
        .consistentRead(consistent).build())).build();
  }

  /**
   * Adds a BatchGetItem's items to {@code found} (by {@code PK}); the request of its unprocessed keys, or null.
   *
   * @param attempt the attempt that got the response, from 1
   * @throws DataAccessException ({@code UnprocessedKeys}) when keys are still unprocessed after the last attempt
   */
  BatchGetItemRequest collect(BatchGetItemResponse response, Map<String, Map<String, AttributeValue>> found, int attempt) {
    response.responses().getOrDefault(tableName, List.of()).forEach(item -> found.put(item.get("PK").s(), item));
    if (!response.hasUnprocessedKeys() || response.unprocessedKeys().isEmpty()) {
      return null;
    }
    if (attempt >= TableAccess.MAX_BATCH_ATTEMPTS) {
      throw new DataAccessException("UnprocessedKeys", "DynamoDB left keys unprocessed " + TableAccess.MAX_BATCH_ATTEMPTS
          + " times", null);
    }
    return BatchGetItemRequest.builder().requestItems(response.unprocessedKeys()).build();
  }

  /** The node keys of ids: null for a null or invalid id (never read). */
  static List<String> nodeKeys(List<String> ids, Function<String, String> key) {
    List<String> keys = new ArrayList<>(ids.size());
    ids.forEach(id -> keys.add(id == null || !ItemValues.isId(id) ? null : key.apply(id)));
    return keys;
  }

  /** A batch get's answer: one element per id, null where no node of that id and type was found. */
  static <T> List<T> nodes(List<String> ids, List<String> keys, Map<String, Map<String, AttributeValue>> found,
      Function<Map<String, AttributeValue>, T> decode, String... typenames) {
    List<T> out = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      Map<String, AttributeValue> item = keys.get(i) == null ? null : found.get(keys.get(i));
      out.add(item != null && isNode(item, ids.get(i), typenames) ? decode.apply(item) : null);
    }
    return out;
  }
}
