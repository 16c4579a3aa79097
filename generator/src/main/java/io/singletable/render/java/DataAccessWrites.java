package io.singletable.render.java;

import static io.singletable.render.java.DataAccessCore.helper;
import static io.singletable.render.java.DataAccessCore.staticHelper;
import static io.singletable.render.java.JavaNames.ITEM;
import static io.singletable.render.java.JavaNames.LIST;
import static io.singletable.render.java.JavaNames.STRING;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.Map;

/**
 * The private write helpers of the generated data-access class, each the Java twin of a resolver's
 * writes: create (node and unique items, none existing before), replace (the update's merged node
 * conditioned on what was read, unique items moved or refreshed), remove (a delete with unique
 * items), and the failure mapping of their conditions ({@code NotUnique}, conflicts retried with
 * backoff).
 */
final class DataAccessWrites {
  private static final TypeName STRINGS = ParameterizedTypeName.get(LIST, STRING);
  private static final TypeName NAMES = ParameterizedTypeName.get(ClassName.get(Map.class), STRING, STRING);

  private final DataAccessTypes types;
  private final Map<String, Object> args;

  DataAccessWrites(DataAccessTypes types, Map<String, Object> args) {
    this.types = types;
    this.args = args;
  }

  private CodeBlock code(String text) {
    return DataAccessTypes.named(text, args);
  }

  void add(TypeSpec.Builder type) {
    addItemHelpers(type);
    addWriteHelpers(type);
  }

  private void addItemHelpers(TypeSpec.Builder type) {
    type.addMethod(staticHelper("uniqueCopy", ITEM).addParameter(STRING, "key").addParameter(ITEM, "node")
        .addParameter(STRINGS, "indexAttributes")
        .addCode(code("""
            $map:T<$string:T, $av:T> out = new $linkedHashMap:T<>();
            out.put("PK", $av:T.fromS(key));
            node.forEach((name, value) -> {
              if (!name.equals("PK") && !indexAttributes.contains(name)) {
                out.put(name, value);
              }
            });
            return out;
            """)).build());
    type.addMethod(helper("putWrite", (TypeName) args.get("transactWriteItem")).addParameter(ITEM, "item")
        .addParameter(STRING, "condition").addParameter(NAMES, "names").addParameter(ITEM, "values")
        .addCode(code("""
            $put:T.Builder put = $put:T.builder().tableName(tableName).item(item).conditionExpression(condition);
            if (!names.isEmpty()) {
              put.expressionAttributeNames(names);
            }
            if (!values.isEmpty()) {
              put.expressionAttributeValues(values);
            }
            return $transactWriteItem:T.builder().put(put.build()).build();
            """)).build());
    type.addMethod(helper("deleteWrite", (TypeName) args.get("transactWriteItem")).addParameter(STRING, "pk")
        .addParameter(STRING, "condition").addParameter(NAMES, "names").addParameter(ITEM, "values")
        .addCode(code("""
            $delete:T.Builder delete = $delete:T.builder().tableName(tableName).key(key(pk)).conditionExpression(condition);
            if (!names.isEmpty()) {
              delete.expressionAttributeNames(names);
            }
            if (!values.isEmpty()) {
              delete.expressionAttributeValues(values);
            }
            return $transactWriteItem:T.builder().delete(delete.build()).build();
            """)).build());
  }

  private void addWriteHelpers(TypeSpec.Builder type) {
    TypeName uniqueKeys = ParameterizedTypeName.get(LIST, types.uniqueKey);
    TypeName writes = ParameterizedTypeName.get(LIST, (TypeName) args.get("transactWriteItem"));
    type.addMethod(helper("create", TypeName.VOID).addParameter(STRING, "typename").addParameter(ITEM, "item")
        .addParameter(STRINGS, "indexAttributes").addParameter(uniqueKeys, "uniques")
        .addJavadoc("The create resolver's writes: the node and its unique items, none of them existing before. A taken id is\n"
            + "{@code NotUnique:Type.id}, but a single PutItem that finds exactly its item counts as done, as AppSync counts it.\n")
        .addCode(code("""
            $list:T<$transactWriteItem:T> writes = new $arrayList:T<>();
            $list:T<$string:T> owners = new $arrayList:T<>();
            writes.add(putWrite(item, "attribute_not_exists(PK)", $map:T.of(), $map:T.of()));
            owners.add("id");
            if (uniques.isEmpty()) {
              try {
                write(typename, writes, owners, MAX_ATTEMPTS, false);
              } catch ($notUnique:T e) {
                if (!alreadyWritten(writes.get(0))) {
                  throw e;
                }
              }
              return;
            }
            for ($uniqueKey:T unique : uniques) {
              if (unique.after() != null) {
                writes.add(putWrite(uniqueCopy(unique.after(), item, indexAttributes), "attribute_not_exists(PK)", $map:T.of(), $map:T.of()));
                owners.add(unique.field());
              }
            }
            write(typename, writes, owners, MAX_ATTEMPTS, true);
            """)).build());
    type.addMethod(helper("replace", TypeName.BOOLEAN).addParameter(STRING, "typename").addParameter(ITEM, "current")
        .addParameter(ITEM, "item").addParameter(STRINGS, "fields").addParameter(STRINGS, "indexAttributes")
        .addParameter(uniqueKeys, "uniques").addParameter(int.class, "attempt")
        .addJavadoc("The update resolver's writes: the merged node, conditioned on every stored field still being what was\n"
            + "read; unique items moved (old key deleted, new key taken) or refreshed. An old or refreshed key is written only\n"
            + "where this id holds it or nothing is stored yet (an item written before its field became {@code @unique}, until\n"
            + "the backfill has run): never where another id holds it. False: retry after a concurrent change.\n")
        .addCode(code("""
            $map:T<$string:T, $string:T> names = new $linkedHashMap:T<>();
            $map:T<$string:T, $av:T> values = new $linkedHashMap:T<>();
            $stringBuilder:T expression = new $stringBuilder:T("#t = :t AND #id = :id");
            names.put("#t", "__typename");
            names.put("#id", "id");
            values.put(":t", $av:T.fromS(typename));
            values.put(":id", current.get("id"));
            for (int i = 1; i <= fields.size(); i++) {
              names.put("#a" + i, fields.get(i - 1));
              $av:T value = current.get(fields.get(i - 1));
              if (value != null && !$boolean:T.TRUE.equals(value.nul())) {
                expression.append(" AND #a").append(i).append(" = :a").append(i);
                values.put(":a" + i, value);
              } else {
                expression.append(" AND (attribute_not_exists(#a").append(i).append(") OR attribute_type(#a").append(i).append(", :nullType))");
                values.put(":nullType", $av:T.fromS("NULL"));
              }
            }
            $list:T<$transactWriteItem:T> writes = new $arrayList:T<>();
            $list:T<$string:T> owners = new $arrayList:T<>();
            writes.add(putWrite(item, expression.toString(), names, values));
            owners.add("");
            $map:T<$string:T, $av:T> ownedBy = $map:T.of(":id", item.get("id"));
            for ($uniqueKey:T unique : uniques) {
              if (unique.before() != null && !unique.before().equals(unique.after())) {
                writes.add(deleteWrite(unique.before(), "attribute_not_exists(PK) OR id = :id", $map:T.of(), ownedBy));
                owners.add("");
              }
              if (unique.after() != null) {
                $map:T<$string:T, $av:T> copy = uniqueCopy(unique.after(), item, indexAttributes);
                writes.add(unique.after().equals(unique.before())
                    ? putWrite(copy, "attribute_not_exists(PK) OR id = :id", $map:T.of(), ownedBy)
                    : putWrite(copy, "attribute_not_exists(PK)", $map:T.of(), $map:T.of()));
                owners.add(unique.field());
              }
            }
            return write(typename, writes, owners, attempt, !uniques.isEmpty());
            """)).build());
    type.addMethod(helper("remove", TypeName.BOOLEAN).addParameter(STRING, "typename").addParameter(ITEM, "current")
        .addParameter(uniqueKeys, "uniques").addParameter(int.class, "attempt")
        .addJavadoc("The delete resolver's writes for a type with unique fields: the node, conditioned on its type and unique\n"
            + "values, and the unique items it owns (a missing one, not built yet by the backfill, is no obstacle; one another\n"
            + "id holds is never deleted). False: retry after a concurrent change.\n")
        .addCode(code("""
            $map:T<$string:T, $string:T> names = new $linkedHashMap:T<>();
            $map:T<$string:T, $av:T> values = new $linkedHashMap:T<>();
            $stringBuilder:T expression = new $stringBuilder:T("#t = :t AND #id = :id");
            names.put("#t", "__typename");
            names.put("#id", "id");
            values.put(":t", $av:T.fromS(typename));
            values.put(":id", current.get("id"));
            for (int i = 1; i <= uniques.size(); i++) {
              $string:T field = uniques.get(i - 1).field();
              names.put("#u" + i, field);
              $av:T value = current.get(field);
              if (value != null && !$boolean:T.TRUE.equals(value.nul())) {
                expression.append(" AND #u").append(i).append(" = :u").append(i);
                values.put(":u" + i, value);
              } else {
                expression.append(" AND attribute_not_exists(#u").append(i).append(")");
              }
            }
            $list:T<$transactWriteItem:T> writes = new $arrayList:T<>();
            $list:T<$string:T> owners = new $arrayList:T<>();
            writes.add(deleteWrite(current.get("PK").s(), expression.toString(), names, values));
            owners.add("");
            for ($uniqueKey:T unique : uniques) {
              if (unique.before() != null) {
                writes.add(deleteWrite(unique.before(), "attribute_not_exists(PK) OR id = :id", $map:T.of(), $map:T.of(":id", current.get("id"))));
                owners.add("");
              }
            }
            return write(typename, writes, owners, attempt, true);
            """)).build());
    type.addMethod(helper("write", TypeName.BOOLEAN).addParameter(STRING, "typename").addParameter(writes, "writes")
        .addParameter(STRINGS, "owners").addParameter(int.class, "attempt").addParameter(TypeName.BOOLEAN, "transaction")
        .addJavadoc("Runs the writes as the resolver does: one TransactWriteItems for a type with unique fields, else one\n"
            + "PutItem/DeleteItem. In the resolvers' order: a failed condition of a unique item's put is {@code NotUnique} of\n"
            + "its field, of the create's node {@code NotUnique} of {@code id}; a failed condition of any other write (the item\n"
            + "changed since the read) or a transaction conflict: false while attempts remain, then {@code\n"
            + "ConditionalCheckFailed} or {@code TransactionConflict}; DynamoDB's refusal of an invalid request is {@code\n"
            + "ValidationError}.\n")
        .addCode(code("""
            $runtimeException:T failure;
            boolean changed = false;
            try {
              if (!transaction) {
                writeOne(writes.get(0));
              } else {
                client.transactWriteItems(b -> b.transactItems(writes));
              }
              return true;
            } catch ($conditionFailed:T e) {
              if (!owners.get(0).isEmpty()) {
                throw new $notUnique:T(typename, owners.get(0), e);
              }
              failure = e;
              changed = true;
            } catch ($cancelled:T e) {
              // the resolvers' precedence: a unique value taken, the id taken, a changed item, a conflict, an invalid request
              $list:T<$reason:T> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : $list:T.of();
              boolean idTaken = false;
              boolean conflict = false;
              $string:T invalid = null;
              for (int i = 0; i < reasons.size(); i++) {
                $string:T code = reasons.get(i).code();
                $string:T owner = i < owners.size() ? owners.get(i) : "";
                if ("ConditionalCheckFailed".equals(code) && !owner.isEmpty() && !owner.equals("id")) {
                  throw new $notUnique:T(typename, owner, e);
                }
                idTaken |= "ConditionalCheckFailed".equals(code) && owner.equals("id");
                changed |= "ConditionalCheckFailed".equals(code) && owner.isEmpty();
                conflict |= "TransactionConflict".equals(code);
                if ("ValidationError".equals(code) && invalid == null) {
                  invalid = reasons.get(i).message() != null ? reasons.get(i).message() : e.getMessage();
                }
              }
              if (idTaken) {
                throw new $notUnique:T(typename, "id", e);
              }
              if (!changed && !conflict) {
                if (invalid != null) {
                  throw new $validation:T(invalid, e);
                }
                throw e;
              }
              failure = e;
            } catch ($sdkConflict:T e) {
              failure = e;
            } catch ($dynamoDbException:T e) {
              throw refused(e);
            }
            if (attempt >= MAX_ATTEMPTS) {
              if (changed) {
                throw new $conflict:T("the item changed concurrently in each of " + MAX_ATTEMPTS + " attempts", failure);
              }
              throw new $transactionConflict:T("another transaction held one of the items; nothing was written: retry", failure);
            }
            pause(attempt);
            return false;
            """)).build());
    type.addMethod(helper("alreadyWritten", TypeName.BOOLEAN).addParameter((TypeName) args.get("transactWriteItem"), "write")
        .addJavadoc("AppSync's rule for a single conditional PutItem whose condition fails: when the stored item already is\n"
            + "the item to write, the write counts as done. Applied to creates only: an update's change may be relative.\n")
        .addCode(code("""
            if (write.put() == null) {
              return false;
            }
            $map:T<$string:T, $av:T> stored = getItem(write.put().item().get("PK").s(), true);
            return write.put().item().equals(stored);
            """)).build());
    type.addMethod(helper("writeOne", TypeName.VOID).addParameter((TypeName) args.get("transactWriteItem"), "write")
        .addCode(code("""
            if (write.put() != null) {
              $put:T put = write.put();
              client.putItem(b -> b.tableName(put.tableName()).item(put.item()).conditionExpression(put.conditionExpression())
                  .expressionAttributeNames(put.hasExpressionAttributeNames() ? put.expressionAttributeNames() : null)
                  .expressionAttributeValues(put.hasExpressionAttributeValues() ? put.expressionAttributeValues() : null));
            } else {
              $delete:T delete = write.delete();
              client.deleteItem(b -> b.tableName(delete.tableName()).key(delete.key()).conditionExpression(delete.conditionExpression())
                  .expressionAttributeNames(delete.hasExpressionAttributeNames() ? delete.expressionAttributeNames() : null)
                  .expressionAttributeValues(delete.hasExpressionAttributeValues() ? delete.expressionAttributeValues() : null));
            }
            """)).build());
    type.addMethod(helper("deleteTyped", ITEM).addParameter(STRING, "id").addParameter(STRING, "pk").addParameter(STRING, "typename")
        .addJavadoc("The delete resolver of a type without unique fields: one DeleteItem conditioned on the type and the id.\n")
        .addCode(code("""
            for (int attempt = 1; ; attempt++) {
              try {
                $deleteResponse:T response = client.deleteItem(b -> b.tableName(tableName).key(key(pk))
                    .conditionExpression("#t = :t AND #id = :id")
                    .expressionAttributeNames($map:T.of("#t", "__typename", "#id", "id"))
                    .expressionAttributeValues($map:T.of(":t", $av:T.fromS(typename), ":id", $av:T.fromS(id)))
                    .returnValues($returnValue:T.ALL_OLD));
                return response.attributes();
              } catch ($conditionFailed:T e) {
                throw new $notFound:T(typename + " not found", e);
              } catch ($sdkConflict:T e) {
                if (attempt >= MAX_ATTEMPTS) {
                  throw new $transactionConflict:T("another transaction held the item; nothing was deleted: retry", e);
                }
                pause(attempt);
              } catch ($dynamoDbException:T e) {
                throw refused(e);
              }
            }
            """)).build());
    type.addMethod(staticHelper("pause", TypeName.VOID).addParameter(int.class, "attempt")
        .addJavadoc("Exponential backoff with jitter: about 20 ms, 40 ms, … at most 1 s.\n")
        .addCode(code("""
            long millis = $math:T.min(1000L, 10L << $math:T.min(attempt, 7)) + $random:T.current().nextLong(10L << $math:T.min(attempt, 7));
            try {
              $thread:T.sleep($math:T.min(1000L, millis));
            } catch ($interrupted:T e) {
              $thread:T.currentThread().interrupt();
              throw new $failure:T("Interrupted", "interrupted while waiting to retry", e);
            }
            """)).build());
  }
}
