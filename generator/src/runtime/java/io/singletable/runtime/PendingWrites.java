// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The writes a transaction collects ({@code DataAccess.transaction}): each create, update and delete of its
 * repositories adds the writes the same call makes outside a transaction (node, unique items, conditions), and the
 * transaction commits them as one TransactWriteItems. Not thread-safe: one per transaction attempt. Part of the
 * singletable runtime; do not edit.
 */
public final class PendingWrites {
  /** DynamoDB's limit of actions in one TransactWriteItems. */
  public static final int MAX_ACTIONS = 100;

  final List<TransactWriteItem> writes = new ArrayList<>();
  /** Per write: "" for a write conditioned on the item as read, "id" for a create's node, else a unique field. */
  final List<String> owners = new ArrayList<>();
  /** Per write: the type whose call made it. */
  final List<String> typenames = new ArrayList<>();
  private final Set<String> keys = new HashSet<>();

  PendingWrites() {
  }

  /**
   * Adds the writes of one call.
   *
   * @throws IllegalArgumentException when an item is written twice in the transaction (DynamoDB refuses it)
   * @throws IllegalStateException when the transaction would hold more than {@link #MAX_ACTIONS} writes
   */
  void add(String typename, List<TransactWriteItem> calls, List<String> callOwners) {
    if (writes.size() + calls.size() > MAX_ACTIONS) {
      throw new IllegalStateException("a transaction holds at most " + MAX_ACTIONS + " writes (items and their unique "
          + "items); this one would hold " + (writes.size() + calls.size()) + ": nothing was written");
    }
    List<String> added = new ArrayList<>();
    for (TransactWriteItem w : calls) {
      String pk = keyOf(w).s();
      if (keys.contains(pk) || added.contains(pk)) {
        throw new IllegalArgumentException("a transaction writes each item once: " + typename + " writes " + pk
            + " again (nothing was written)");
      }
      added.add(pk);
    }
    keys.addAll(added);
    writes.addAll(calls);
    owners.addAll(callOwners);
    for (int i = 0; i < calls.size(); i++) {
      typenames.add(typename);
    }
  }

  /** Whether the transaction wrote nothing. */
  boolean isEmpty() {
    return writes.isEmpty();
  }

  /** The key of write {@code i}, for messages. */
  String key(int i) {
    return keyOf(writes.get(i)).s();
  }

  private static AttributeValue keyOf(TransactWriteItem w) {
    return w.put() != null ? w.put().item().get("PK") : w.update() != null ? w.update().key().get("PK")
        : w.conditionCheck() != null ? w.conditionCheck().key().get("PK") : w.delete().key().get("PK");
  }
}
