package io.singletable.render.java;

import static io.singletable.render.java.JavaNames.STRING;
import static io.singletable.render.java.RunnerCode.ITEM;
import static io.singletable.render.java.RunnerCode.TRANSACT_WRITE_ITEM;
import static io.singletable.render.java.RunnerCode.WRITES;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Renders the writes of the {@code MigrationRunner}: the public helpers migrations build their
 * writes with ({@code rewrite}, {@code put}, {@code delete}) and the private steps between a scanned
 * item and its transaction (which migration, which table, applying, telling a concurrent change
 * from another failure, reading the item again).
 */
final class MigrationWritesRenderer {
  private final JavaNames names;
  private final RunnerCode code;

  MigrationWritesRenderer(JavaNames names, RunnerCode code) {
    this.names = names;
    this.code = code;
  }

  List<MethodSpec> render() {
    return List.of(rewrite(), moveUniqueItems(), nodePut(), put(), delete(), guard(), deleteUnchanged(), migrationOf(), writesOf(), inTable(), writesNode(), apply(),
        conditionFailed(), changedConcurrently(), reread(), describe());
  }

  private MethodSpec rewrite() {
    return publicStatic("rewrite", WRITES, """
        The writes that replace a node item with {@code next}, which keeps its id: a put of {@link $L#encode
        the new item} that applies only while the stored item is exactly the scanned one (every scanned
        attribute equal, none of the attributes the type's items can have added meanwhile); puts of its unique items, each
        only where no other item holds the value; deletes of the unique items of values it no longer has,
        each only while it still belongs to this id or is missing (not built yet by a backfill). Nothing when
        {@code next} encodes to the scanned item.

        @param context the migrated item's context
        @param next the entity the item becomes
        @return the writes, empty when nothing changes
        @throws IllegalArgumentException when {@code next} has another key than the scanned item
        """.replace("$L", names.codec), """
        $map:T<$string:T, $attributeValue:T> scanned = context.item();
        $item:T item = $codec:T.encode(next);
        if (!item.get("PK").equals(scanned.get("PK"))) {
          throw new $illegalArgumentException:T("a rewrite keeps the item's key: " + describe(scanned) + " cannot become "
              + item.get("PK").s() + "; put and delete move items");
        }
        $list:T<$transactWriteItem:T> writes = new $arrayList:T<>();
        if (item.equals(scanned)) {
          return writes;
        }
        writes.add($transactWriteItem:T.builder().put(nodePut(item, scanned)).build());
        moveUniqueItems(writes, scanned, next);
        return writes;
        """).addParameter(code.type("context"), "context").addParameter(code.type("entity"), "next").build();
  }

  private MethodSpec moveUniqueItems() {
    return privateStatic("moveUniqueItems", TypeName.VOID, "Adds the puts of {@code next}'s unique items and the deletes of those it no longer has.", """
        $map:T<$string:T, $string:T> names = $map:T.of("#pk", "PK", "#id", "id");
        $map:T<$string:T, $attributeValue:T> id = $map:T.of(":id", $attributeValue:T.fromS(next.id()));
        $set:T<$string:T> kept = new $hashSet:T<>();
        for ($item:T unique : $codec:T.uniqueItemsOf(next)) {
          kept.add(unique.get("PK").s());
          writes.add($transactWriteItem:T.builder().put($put:T.builder().item(unique)
              .conditionExpression("attribute_not_exists(#pk) OR #id = :id")
              .expressionAttributeNames(names).expressionAttributeValues(id).build()).build());
        }
        for ($string:T key : uniqueKeys(scanned)) {
          if (!kept.contains(key)) {
            writes.add($transactWriteItem:T.builder().delete($delete:T.builder().key($map:T.of("PK", $attributeValue:T.fromS(key)))
                .conditionExpression("attribute_not_exists(#pk) OR #id = :id").expressionAttributeNames(names)
                .expressionAttributeValues(id).build()).build());
          }
        }
        """).addParameter(WRITES, "writes").addParameter(ITEM, "scanned").addParameter(code.type("entity"), "next").build();
  }

  /**
   * The condition lists the scanned attributes through placeholders (values are never spliced into
   * the expression); {@code NULL} values are compared by type, which is all there is to compare. An
   * attribute another writer added (a field that was null) must show too, or the put would drop it
   * unseen: every attribute the type's items can have is required to be absent still when the scan
   * did not see it. Attributes the schema does not know are not guarded.
   */
  private MethodSpec nodePut() {
    return privateStatic("nodePut", code.type("put"), "A put of {@code item} applying only while the stored item is {@code scanned}:\n"
        + "each scanned attribute equal, each attribute the new item or the type's items can have still absent if it was.", """
        $stringBuilder:T condition = new $stringBuilder:T();
        $map:T<$string:T, $string:T> names = new $hashMap:T<>();
        $map:T<$string:T, $attributeValue:T> values = new $hashMap:T<>();
        for ($map:T.Entry<$string:T, $attributeValue:T> e : new $treeMap:T<>(scanned).entrySet()) {
          $string:T name = "#n" + names.size();
          $string:T value = ":v" + values.size();
          names.put(name, e.getKey());
          boolean nul = $boolean:T.TRUE.equals(e.getValue().nul());
          values.put(value, nul ? $attributeValue:T.fromS("NULL") : e.getValue());
          condition.append(condition.length() == 0 ? "" : " AND ")
              .append(nul ? "attribute_type(" + name + ", " + value + ")" : name + " = " + value);
        }
        $set:T<$string:T> absent = new $treeSet:T<>(item.keySet());
        absent.addAll(attributesOf($values:T.typename(scanned)));
        absent.removeAll(scanned.keySet());
        for ($string:T attribute : absent) {
          $string:T name = "#n" + names.size();
          names.put(name, attribute);
          condition.append(" AND attribute_not_exists(").append(name).append(')');
        }
        return $put:T.builder().item(item).conditionExpression(condition.toString())
            .expressionAttributeNames(names).expressionAttributeValues(values).build();
        """).addParameter(ITEM, "item").addParameter(ITEM, "scanned").build();
  }

  private MethodSpec put() {
    return publicStatic("put", TRANSACT_WRITE_ITEM, """
        An unconditional put of a whole item into the migrated table.

        @param item the item, with its {@code PK}
        @return the write
        """, """
        return $transactWriteItem:T.builder().put($put:T.builder().item(item).build()).build();
        """).addParameter(ITEM, "item").build();
  }

  private MethodSpec delete() {
    return publicStatic("delete", TRANSACT_WRITE_ITEM, """
        An unconditional delete of an item of the migrated table.

        @param pk the item's {@code PK}
        @return the write
        """, """
        return $transactWriteItem:T.builder().delete($delete:T.builder()
            .key($map:T.of("PK", $attributeValue:T.fromS(pk))).build()).build();
        """).addParameter(STRING, "pk").build();
  }

  private MethodSpec guard() {
    return publicStatic("guard", TRANSACT_WRITE_ITEM, """
        A condition check that the item stored under {@code pk} is still {@code item} as it was read: each
        attribute equal, each attribute its type's items can have still absent if it was; for a null or
        empty item, that nothing is stored under {@code pk}. Added to a migration's writes, it makes them
        apply only while what the migration read of another item holds; when it fails, the migrated item is
        read again and migrated again (in a run with {@link #onGiveUp}).

        @param pk the {@code PK} of the item read
        @param item the item as read, or null when none was found
        @return the write
        """, """
        $map:T<$string:T, $attributeValue:T> key = $map:T.of("PK", $attributeValue:T.fromS(pk));
        if (item == null || item.isEmpty()) {
          return $transactWriteItem:T.builder().conditionCheck($conditionCheck:T.builder().key(key)
              .conditionExpression("attribute_not_exists(PK)").build()).build();
        }
        $put:T unchanged = nodePut(item, item);
        return $transactWriteItem:T.builder().conditionCheck($conditionCheck:T.builder().key(key)
            .conditionExpression(unchanged.conditionExpression())
            .expressionAttributeNames(unchanged.expressionAttributeNames())
            .expressionAttributeValues(unchanged.expressionAttributeValues()).build()).build();
        """).addParameter(STRING, "pk").addParameter(ITEM, "item").build();
  }

  private MethodSpec deleteUnchanged() {
    return publicStatic("deleteUnchanged", TRANSACT_WRITE_ITEM, """
        A delete of the migrated item that applies only while it is still what the scan saw (as {@link
        #rewrite} conditions its put), e.g. a stale unique item.

        @param context the migrated item's context
        @return the write
        """, """
        $put:T unchanged = nodePut(context.item(), context.item());
        return $transactWriteItem:T.builder().delete($delete:T.builder().key($map:T.of("PK", context.item().get("PK")))
            .conditionExpression(unchanged.conditionExpression())
            .expressionAttributeNames(unchanged.expressionAttributeNames())
            .expressionAttributeValues(unchanged.expressionAttributeValues()).build()).build();
        """).addParameter(code.type("context"), "context").build();
  }

  private MethodSpec migrationOf() {
    return instance("migrationOf", code.type("rawMigration"),
        "The migration of an item, or null to skip it: a node item's type migration, the unique items' migration\n"
        + "({@code migrateCopies}) for an item stored under another key than its node key.", """
        $attributeValue:T typename = item.get("__typename");
        $attributeValue:T id = item.get("id");
        $attributeValue:T pk = item.get("PK");
        if (typename == null || typename.s() == null || id == null || id.s() == null || pk == null) {
          return null;
        }
        return nodeKey(typename.s(), id.s()).equals(pk.s()) ? migrations.get(typename.s()) : copies;
        """).addParameter(ITEM, "item").build();
  }

  private MethodSpec writesOf() {
    return instance("writesOf", WRITES, "The migration's writes, each in the migrated table unless it names another.", """
        $list:T<$transactWriteItem:T> writes = migration.migrate(context);
        if (writes == null || writes.isEmpty()) {
          return $list:T.of();
        }
        if (writes.size() > MAX_WRITES) {
          throw new $illegalStateException:T("the migration of " + describe(context.item()) + " returned " + writes.size()
              + " writes; one transaction takes at most " + MAX_WRITES);
        }
        $list:T<$transactWriteItem:T> inTable = new $arrayList:T<>(writes.size());
        for ($transactWriteItem:T write : writes) {
          inTable.add(inTable(write));
        }
        return inTable;
        """).addParameter(code.type("rawMigration"), "migration").addParameter(code.type("context"), "context").build();
  }

  private MethodSpec inTable() {
    return instance("inTable", TRANSACT_WRITE_ITEM, "The write with the migrated table's name when it has none.", """
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
        """).addParameter(TRANSACT_WRITE_ITEM, "write").build();
  }

  private MethodSpec writesNode() {
    return instance("writesNode", TypeName.BOOLEAN, "True when the write targets the item {@code pk} of the migrated table.", """
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
        """).addParameter(TRANSACT_WRITE_ITEM, "write").addParameter(code.type("attributeValue"), "pk").build();
  }

  private MethodSpec apply() {
    return instance("apply", TypeName.INT,
        "Applies an item's writes: APPLIED, RETRY when the item changed meanwhile and may be tried again, or\n"
        + "GIVEN_UP when a tolerant run ({@code onGiveUp}) handed the item to its listener.", """
        try {
          client.transactWriteItems(request -> request.transactItems(writes));
          return APPLIED;
        } catch ($transactionCanceledException:T e) {
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
          throw new $illegalStateException:T("the item changed concurrently in each of " + MAX_ATTEMPTS + " attempts", e);
        }
        """).addParameter(WRITES, "writes").addParameter(code.type("attributeValue"), "pk")
        .addParameter(TypeName.INT, "attempt").addParameter(code.type("context"), "context").build();
  }

  private MethodSpec conditionFailed() {
    return instance("conditionFailed", TypeName.BOOLEAN,
        "True when a condition of the transaction failed, or another transaction held one of its items.", """
        for ($cancellationReason:T reason : e.cancellationReasons()) {
          if ("TransactionConflict".equals(reason.code()) || "ConditionalCheckFailed".equals(reason.code())) {
            return true;
          }
        }
        return false;
        """).addParameter(code.type("transactionCanceledException"), "e").build();
  }

  private MethodSpec changedConcurrently() {
    return instance("changedConcurrently", TypeName.BOOLEAN,
        "True when the transaction failed because the node item changed, or another transaction held an item.", """
        $list:T<$cancellationReason:T> reasons = e.cancellationReasons();
        for (int i = 0; i < reasons.size() && i < writes.size(); i++) {
          $string:T reason = reasons.get(i).code();
          if ("TransactionConflict".equals(reason) || ("ConditionalCheckFailed".equals(reason) && writesNode(writes.get(i), pk))) {
            return true;
          }
        }
        return false;
        """).addParameter(code.type("transactionCanceledException"), "e").addParameter(WRITES, "writes")
        .addParameter(code.type("attributeValue"), "pk").build();
  }

  private MethodSpec reread() {
    return instance("reread", ITEM, "The item as stored now (a consistent read), or null when it was deleted (or its key now\n"
        + "holds an item of another type or id).", """
        $item:T item = client.getItem(request -> request.tableName(tableName).key($map:T.of("PK", scanned.get("PK")))
            .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
          return null;
        }
        boolean same = $objects:T.equals(item.get("__typename"), scanned.get("__typename")) && $objects:T.equals(item.get("id"), scanned.get("id"));
        return same ? item : null;
        """).addParameter(ITEM, "scanned").build();
  }

  private MethodSpec describe() {
    return privateStatic("describe", STRING, "An item's {@code PK} for messages.", """
        $attributeValue:T pk = item.get("PK");
        return pk == null || pk.s() == null ? "without PK " + item : pk.s();
        """).addParameter(ITEM, "item").build();
  }

  private MethodSpec.Builder publicStatic(String name, TypeName returns, String doc, String body) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(returns)
        .addJavadoc("$L", doc).addCode(code.of(body));
  }

  private MethodSpec.Builder privateStatic(String name, TypeName returns, String doc, String body) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(returns)
        .addJavadoc("$L\n", doc).addCode(code.of(body));
  }

  private MethodSpec.Builder instance(String name, TypeName returns, String doc, String body) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE).returns(returns)
        .addJavadoc("$L\n", doc).addCode(code.of(body));
  }
}
