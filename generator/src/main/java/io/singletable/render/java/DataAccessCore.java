package io.singletable.render.java;

import static io.singletable.render.java.JavaNames.ATTRIBUTE_VALUE;
import static io.singletable.render.java.JavaNames.ITEM;
import static io.singletable.render.java.JavaNames.LIST;
import static io.singletable.render.java.JavaNames.STRING;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/**
 * The schema-independent members of the generated data-access class: its state, the table
 * definition, and the private read helpers the per-type methods call (typed gets, relation queries
 * and cursors, batch reads with retries); {@link DataAccessWrites} adds the write helpers.
 * Each helper mirrors what the VTL resolvers do, so both paths write the same items.
 */
final class DataAccessCore {
  private static final String SDK = "software.amazon.awssdk.services.dynamodb";
  private static final String MODEL = SDK + ".model";
  private static final TypeName STRINGS = ParameterizedTypeName.get(LIST, STRING);

  private final DataAccessTypes types;
  private final int indexCount;
  private final Map<String, Object> args = new TreeMap<>();

  DataAccessCore(DataAccessTypes types, int indexCount, ClassName values) {
    this.types = types;
    this.indexCount = indexCount;
    args.put("values", values);
    args.put("av", ATTRIBUTE_VALUE);
    args.put("optional", ClassName.get(java.util.Optional.class));
    args.put("string", STRING);
    args.put("stringBuilder", ClassName.get(StringBuilder.class));
    args.put("math", ClassName.get(Math.class));
    args.put("thread", ClassName.get(Thread.class));
    args.put("boolean", ClassName.get(Boolean.class));
    args.put("illegalArgument", ClassName.get(IllegalArgumentException.class));
    args.put("runtimeException", ClassName.get(RuntimeException.class));
    args.put("interrupted", ClassName.get(InterruptedException.class));
    args.put("map", ClassName.get(Map.class));
    args.put("list", LIST);
    args.put("arrayList", ClassName.get(java.util.ArrayList.class));
    args.put("linkedHashMap", ClassName.get(java.util.LinkedHashMap.class));
    args.put("linkedHashSet", ClassName.get(java.util.LinkedHashSet.class));
    args.put("hashMap", ClassName.get(java.util.HashMap.class));
    args.put("locale", ClassName.get(java.util.Locale.class));
    args.put("base64", ClassName.get(java.util.Base64.class));
    args.put("random", ClassName.get(java.util.concurrent.ThreadLocalRandom.class));
    args.put("function", ClassName.get(java.util.function.Function.class));
    args.put("bytesOut", ClassName.get(java.io.ByteArrayOutputStream.class));
    args.put("bytesIn", ClassName.get(java.io.ByteArrayInputStream.class));
    args.put("dataOut", ClassName.get(java.io.DataOutputStream.class));
    args.put("dataIn", ClassName.get(java.io.DataInputStream.class));
    args.put("ioException", ClassName.get(java.io.IOException.class));
    args.put("uncheckedIo", ClassName.get(java.io.UncheckedIOException.class));
    args.put("put", ClassName.get(MODEL, "Put"));
    args.put("delete", ClassName.get(MODEL, "Delete"));
    args.put("transactWriteItem", ClassName.get(MODEL, "TransactWriteItem"));
    args.put("cancelled", ClassName.get(MODEL, "TransactionCanceledException"));
    args.put("conditionFailed", ClassName.get(MODEL, "ConditionalCheckFailedException"));
    args.put("sdkConflict", ClassName.get(MODEL, "TransactionConflictException"));
    args.put("dynamoDbException", ClassName.get(MODEL, "DynamoDbException"));
    args.put("reason", ClassName.get(MODEL, "CancellationReason"));
    args.put("queryRequest", ClassName.get(MODEL, "QueryRequest"));
    args.put("queryResponse", ClassName.get(MODEL, "QueryResponse"));
    args.put("keysAndAttributes", ClassName.get(MODEL, "KeysAndAttributes"));
    args.put("batchGetResponse", ClassName.get(MODEL, "BatchGetItemResponse"));
    args.put("getResponse", ClassName.get(MODEL, "GetItemResponse"));
    args.put("deleteResponse", ClassName.get(MODEL, "DeleteItemResponse"));
    args.put("returnValue", ClassName.get(MODEL, "ReturnValue"));
    args.put("pageRequest", types.pageRequest);
    args.put("page", types.page);
    args.put("direction", types.direction);
    args.put("failure", types.failure);
    args.put("notFound", types.notFound);
    args.put("notUnique", types.notUnique);
    args.put("conflict", types.conflict);
    args.put("invalidId", types.invalidId);
    args.put("transactionConflict", types.transactionConflict);
    args.put("validation", types.validation);
    args.put("uniqueKey", types.uniqueKey);
  }

  CodeBlock code(String text) {
    return DataAccessTypes.named(text, args);
  }

  static MethodSpec.Builder helper(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE).returns(returns);
  }

  static MethodSpec.Builder staticHelper(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(returns);
  }

  /** Fields, constructors, accessors and public static utilities. */
  void addPublicMembers(TypeSpec.Builder type, ClassName self) {
    ClassName client = ClassName.get(SDK, "DynamoDbClient");
    ClassName clock = ClassName.get(java.time.Clock.class);
    type.addField(FieldSpec.builder(int.class, "MAX_ATTEMPTS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .initializer("5").addJavadoc("Attempts of an update or delete that meets a concurrent change before it gives up.\n").build());
    type.addField(FieldSpec.builder(int.class, "MAX_BATCH_ATTEMPTS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .initializer("8").addJavadoc("Attempts at the keys a BatchGetItem leaves unprocessed (throttling, 16 MB responses).\n").build());
    type.addField(FieldSpec.builder(ClassName.get(java.time.format.DateTimeFormatter.class), "TIMESTAMP",
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The format of AppSync's {@code $$util.time.nowISO8601()}: UTC, milliseconds.\n")
        .initializer("$T.ofPattern($S, $T.ROOT).withZone($T.UTC)", java.time.format.DateTimeFormatter.class,
            "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", java.util.Locale.class, java.time.ZoneOffset.class).build());
    type.addField(client, "client", Modifier.PRIVATE, Modifier.FINAL);
    type.addField(STRING, "tableName", Modifier.PRIVATE, Modifier.FINAL);
    type.addField(clock, "clock", Modifier.PRIVATE, Modifier.FINAL);
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addParameter(client, "client").addParameter(STRING, "tableName")
        .addJavadoc("Access to the table {@code tableName} (the SAM template's {@code Table}, e.g. from its {@code TableName} output).\n\n"
            + "@param client the DynamoDB client\n@param tableName the table's name\n")
        .addStatement("this(client, tableName, $T.systemUTC())", clock).build());
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addParameter(client, "client").addParameter(STRING, "tableName").addParameter(clock, "clock")
        .addJavadoc("Access with a clock for {@code createdAt}/{@code updatedAt}.\n\n"
            + "@param client the DynamoDB client\n@param tableName the table's name\n@param clock the clock of the timestamps\n")
        .addStatement("this.client = $T.requireNonNull(client, $S)", java.util.Objects.class, "client")
        .addStatement("this.tableName = $T.requireNonNull(tableName, $S)", java.util.Objects.class, "tableName")
        .addStatement("this.clock = $T.requireNonNull(clock, $S)", java.util.Objects.class, "clock").build());
    type.addMethod(MethodSpec.methodBuilder("client").addModifiers(Modifier.PUBLIC).returns(client)
        .addJavadoc("The client, for access patterns of your own.\n\n@return the client\n").addStatement("return client").build());
    type.addMethod(MethodSpec.methodBuilder("tableName").addModifiers(Modifier.PUBLIC).returns(STRING)
        .addJavadoc("The table's name.\n\n@return the name\n").addStatement("return tableName").build());
    type.addMethod(MethodSpec.methodBuilder("newId").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(STRING)
        .addJavadoc("A new id, as {@code $$util.autoId()} makes them (a random UUID).\n\n@return the id\n")
        .addStatement("return $T.randomUUID().toString()", java.util.UUID.class).build());
    type.addMethod(createTableRequest());
    type.addMethod(allPages());
  }

  private MethodSpec createTableRequest() {
    ClassName request = ClassName.get(MODEL, "CreateTableRequest");
    return MethodSpec.methodBuilder("createTableRequest").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(request)
        .addParameter(STRING, "tableName")
        .addJavadoc("The table as {@code template.yaml} declares it (on-demand, hash key {@code PK}, $L generic GSIs with\n"
            + "{@code PKnn}/{@code SKnn} keys projecting all attributes), for DynamoDB Local and tests.\n\n"
            + "@param tableName the table's name\n@return the request\n", indexCount)
        .addCode(DataAccessTypes.named("""
            $list:T<$definition:T> attributes = new $arrayList:T<>();
            attributes.add($definition:T.builder().attributeName("PK").attributeType($scalar:T.S).build());
            $list:T<$gsi:T> indexes = new $arrayList:T<>();
            for (int slot = 1; slot <= $count:L; slot++) {
              $string:T nn = $string:T.format($locale:T.ROOT, "%02d", slot);
              attributes.add($definition:T.builder().attributeName("PK" + nn).attributeType($scalar:T.S).build());
              attributes.add($definition:T.builder().attributeName("SK" + nn).attributeType($scalar:T.S).build());
              indexes.add($gsi:T.builder().indexName("GSI" + nn)
                  .keySchema($key:T.builder().attributeName("PK" + nn).keyType($keyType:T.HASH).build(),
                      $key:T.builder().attributeName("SK" + nn).keyType($keyType:T.RANGE).build())
                  .projection(p -> p.projectionType($projection:T.ALL)).build());
            }
            $request:T.Builder request = $request:T.builder().tableName(tableName)
                .billingMode($billing:T.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema($key:T.builder().attributeName("PK").keyType($keyType:T.HASH).build());
            if (!indexes.isEmpty()) {
              request.globalSecondaryIndexes(indexes);
            }
            return request.build();
            """, tableArgs())).build();
  }

  private Map<String, Object> tableArgs() {
    Map<String, Object> table = new TreeMap<>(args);
    table.put("definition", ClassName.get(MODEL, "AttributeDefinition"));
    table.put("scalar", ClassName.get(MODEL, "ScalarAttributeType"));
    table.put("gsi", ClassName.get(MODEL, "GlobalSecondaryIndex"));
    table.put("key", ClassName.get(MODEL, "KeySchemaElement"));
    table.put("keyType", ClassName.get(MODEL, "KeyType"));
    table.put("projection", ClassName.get(MODEL, "ProjectionType"));
    table.put("billing", ClassName.get(MODEL, "BillingMode"));
    table.put("request", ClassName.get(MODEL, "CreateTableRequest"));
    table.put("count", indexCount);
    return table;
  }

  private MethodSpec allPages() {
    TypeVariableName t = TypeVariableName.get("T");
    TypeName query = ParameterizedTypeName.get(ClassName.get(java.util.function.Function.class), types.pageRequest,
        types.pageOf(t));
    return MethodSpec.methodBuilder("allPages").addModifiers(Modifier.PUBLIC, Modifier.STATIC).addTypeVariable(t)
        .returns(ParameterizedTypeName.get(LIST, t))
        .addParameter(types.pageRequest, "first").addParameter(query, "query")
        .addJavadoc("Every item of a relation, page after page, e.g. {@code allPages(PageRequest.first(1000), r -> access.farmCows(id, r))}.\n\n"
            + "@param <T> the item type\n@param first the first page's request (limit and order)\n"
            + "@param query one of the relation methods\n@return the items in order\n")
        .addCode(code("""
            $list:T<T> out = new $arrayList:T<>();
            $pageRequest:T request = first;
            while (true) {
              $page:T<T> page = query.apply(request);
              out.addAll(page.items());
              if (!page.hasNext()) {
                return out;
              }
              request = request.after(page.nextToken());
            }
            """)).build();
  }

  /** The private helpers. */
  void addHelpers(TypeSpec.Builder type) {
    type.addMethod(helper("now", STRING).addStatement("return TIMESTAMP.format(clock.instant())").build());
    type.addMethod(staticHelper("key", ITEM).addParameter(STRING, "pk")
        .addStatement("return $T.of($S, $T.fromS(pk))", Map.class, "PK", ATTRIBUTE_VALUE).build());
    type.addMethod(helper("getItem", ITEM).addParameter(STRING, "pk").addParameter(boolean.class, "consistent")
        .addCode(code("""
            try {
              $getResponse:T response = client.getItem(b -> b.tableName(tableName).key(key(pk)).consistentRead(consistent));
              return response.hasItem() ? response.item() : null;
            } catch ($dynamoDbException:T e) {
              throw refused(e);
            }
            """)).build());
    type.addMethod(staticHelper("isType", TypeName.BOOLEAN).addParameter(ITEM, "item").addParameter(String[].class, "typenames")
        .varargs(true)
        .addCode(code("""
            $av:T typename = item == null ? null : item.get("__typename");
            if (typename == null || typename.s() == null) {
              return false;
            }
            for ($string:T expected : typenames) {
              if (expected.equals(typename.s())) {
                return true;
              }
            }
            return false;
            """)).build());
    type.addMethod(staticHelper("isNode", TypeName.BOOLEAN).addParameter(ITEM, "item").addParameter(STRING, "id")
        .addParameter(String[].class, "typenames").varargs(true)
        .addJavadoc("Whether an item read by the node key of {@code id} is that node: one of the types, and its stored\n"
            + "{@code id} is the id asked for (not a unique item or another item that happens to have the key).\n")
        .addCode(code("""
            $av:T stored = item == null ? null : item.get("id");
            return isType(item, typenames) && stored != null && id.equals(stored.s());
            """)).build());
    type.addMethod(helper("current", ITEM).addParameter(STRING, "id").addParameter(STRING, "pk").addParameter(STRING, "typename")
        .addCode(code("""
            $map:T<$string:T, $av:T> item = getItem(pk, true);
            if (!isNode(item, id, typename)) {
              throw new $notFound:T(typename + " not found", null);
            }
            return item;
            """)).build());
    type.addMethod(staticHelper("checkId", STRING).addParameter(STRING, "typename").addParameter(STRING, "field")
        .addParameter(STRING, "id")
        .addJavadoc("A client-supplied id, unless it is invalid ({@code InvalidId}); null passes (an optional key field).\n")
        .addCode(code("""
            if (id != null && !$values:T.isId(id)) {
              throw new $invalidId:T(typename, field);
            }
            return id;
            """)).build());
    type.addMethod(staticHelper("checkIds", TypeName.VOID).addParameter(STRING, "typename").addParameter(STRING, "field")
        .addParameter(STRINGS, "ids")
        .addJavadoc("The ids of a relation key list field: each non-null one valid ({@code InvalidId}).\n")
        .addCode(code("""
            if (ids != null) {
              ids.forEach(id -> checkId(typename, field, id));
            }
            """)).build());
    type.addMethod(staticHelper("refused", types.failure).addParameter((TypeName) args.get("dynamoDbException"), "e")
        .addJavadoc("DynamoDB's refusal of an invalid request ({@code ValidationError}, e.g. a key over its size limit) as\n"
            + "such; any other DynamoDB failure is thrown as it is.\n")
        .addCode(code("""
            if (e.awsErrorDetails() != null && "ValidationException".equals(e.awsErrorDetails().errorCode())) {
              return new $validation:T(e.awsErrorDetails().errorMessage(), e);
            }
            throw e;
            """)).build());
    type.addMethod(staticHelper("requireId", TypeName.VOID).addParameter(STRING, "expected").addParameter(STRING, "actual")
        .addCode(code("""
            if (!expected.equals(actual)) {
              throw new $illegalArgument:T("an update cannot change the id: " + expected + " became " + actual);
            }
            """)).build());
    new DataAccessWrites(types, args).add(type);
    addReadHelpers(type);
    addDecodingReads(type);
  }

  private void addDecodingReads(TypeSpec.Builder type) {
    TypeVariableName t = TypeVariableName.get("T");
    TypeName decoder = ParameterizedTypeName.get(ClassName.get(java.util.function.Function.class), ITEM, t);
    TypeName typenames = ArrayTypeName.of(STRING);
    type.addMethod(helper("read", ParameterizedTypeName.get(ClassName.get(java.util.Optional.class), t)).addTypeVariable(t)
        .addParameter(STRING, "pk").addParameter(STRING, "id").addParameter(decoder, "decode")
        .addParameter(typenames, "typenames").varargs(true)
        .addJavadoc("The get resolvers: one GetItem; empty unless the item has one of the types and, read by a node key\n"
            + "({@code id} not null), is the node of that id.\n")
        .addCode(code("""
            $map:T<$string:T, $av:T> item = getItem(pk, false);
            boolean found = id == null ? isType(item, typenames) : isNode(item, id, typenames);
            return found ? $optional:T.of(decode.apply(item)) : $optional:T.empty();
            """)).build());
    type.addMethod(helper("readAll", ParameterizedTypeName.get(LIST, t)).addTypeVariable(t)
        .addParameter(STRINGS, "ids")
        .addParameter(ParameterizedTypeName.get(ClassName.get(java.util.function.Function.class), STRING, STRING), "key")
        .addParameter(decoder, "decode").addParameter(typenames, "typenames").varargs(true)
        .addJavadoc("The batch resolvers: one element per id, in order; null for a null or invalid id, a missing item, another\n"
            + "type or an item that is not the node of that id.\n")
        .addCode(code("""
            $list:T<$string:T> keys = new $arrayList:T<>(ids.size());
            ids.forEach(id -> keys.add(id == null || !$values:T.isId(id) ? null : key.apply(id)));
            $map:T<$string:T, $map:T<$string:T, $av:T>> found = batchGet(keys);
            $list:T<T> out = new $arrayList:T<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
              $map:T<$string:T, $av:T> item = keys.get(i) == null ? null : found.get(keys.get(i));
              out.add(item != null && isNode(item, ids.get(i), typenames) ? decode.apply(item) : null);
            }
            return out;
            """)).build());
    type.addMethod(helper("page", types.pageOf(t)).addTypeVariable(t)
        .addParameter((TypeName) args.get("queryResponse"), "response").addParameter(STRING, "sortAttribute")
        .addParameter(decoder, "decode").addParameter(typenames, "typenames").varargs(true)
        .addJavadoc("The relation resolvers' page: the items of the relation's types, in order, and the cursor.\n")
        .addCode(code("""
            $list:T<T> items = new $arrayList:T<>();
            for ($map:T<$string:T, $av:T> item : response.items()) {
              if (isType(item, typenames)) {
                items.add(decode.apply(item));
              }
            }
            return new $page:T<>(items, nextToken(response, sortAttribute));
            """)).build());
  }

  private void addReadHelpers(TypeSpec.Builder type) {
    ClassName queryResponse = (ClassName) args.get("queryResponse");
    type.addMethod(helper("query", queryResponse).addParameter(STRING, "index").addParameter(STRING, "partitionAttribute")
        .addParameter(STRING, "sortAttribute").addParameter(STRING, "partition").addParameter(types.pageRequest, "request")
        .addJavadoc("The relation resolvers' Query: one page of a GSI partition, in the requested order.\n")
        .addCode(code("""
            $queryRequest:T.Builder query = $queryRequest:T.builder().tableName(tableName).indexName(index)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames($map:T.of("#pk", partitionAttribute))
                .expressionAttributeValues($map:T.of(":pk", $av:T.fromS(partition)))
                .limit(request.limit())
                .scanIndexForward(request.direction() == $direction:T.ASC);
            if (request.nextToken() != null) {
              query.exclusiveStartKey(startKey(request.nextToken(), partitionAttribute, sortAttribute, partition));
            }
            try {
              return client.query(query.build());
            } catch ($dynamoDbException:T e) {
              throw refused(e);
            }
            """)).build());
    type.addMethod(staticHelper("nextToken", STRING).addParameter(queryResponse, "response").addParameter(STRING, "sortAttribute")
        .addJavadoc("The cursor of a page: the last item's {@code PK} and sort key, length-prefixed, base64url.\n")
        .addCode(code("""
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
              return null;
            }
            $bytesOut:T bytes = new $bytesOut:T();
            try ($dataOut:T out = new $dataOut:T(bytes)) {
              out.writeUTF(response.lastEvaluatedKey().get("PK").s());
              out.writeUTF(response.lastEvaluatedKey().get(sortAttribute).s());
            } catch ($ioException:T e) {
              throw new $uncheckedIo:T(e);
            }
            return $base64:T.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
            """)).build());
    type.addMethod(staticHelper("startKey", ITEM).addParameter(STRING, "token").addParameter(STRING, "partitionAttribute")
        .addParameter(STRING, "sortAttribute").addParameter(STRING, "partition")
        .addCode(code("""
            try ($dataIn:T in = new $dataIn:T(new $bytesIn:T($base64:T.getUrlDecoder().decode(token)))) {
              $string:T pk = in.readUTF();
              $string:T sk = in.readUTF();
              if (in.read() != -1) {
                throw new $illegalArgument:T("trailing bytes");
              }
              return $map:T.of("PK", $av:T.fromS(pk), partitionAttribute, $av:T.fromS(partition), sortAttribute, $av:T.fromS(sk));
            } catch ($ioException:T | $illegalArgument:T e) {
              throw new $illegalArgument:T("not a nextToken of this access layer: " + token, e);
            }
            """)).build());
    type.addMethod(helper("batchGet", ParameterizedTypeName.get(ClassName.get(Map.class), STRING, ITEM))
        .addParameter(STRINGS, "pks")
        .addJavadoc("BatchGetItem of distinct keys, 100 per request, unprocessed keys retried with backoff; by {@code PK}.\n")
        .addCode(code("""
            $list:T<$string:T> distinct = new $arrayList:T<>(new $linkedHashSet:T<>(pks));
            distinct.remove(null);
            $map:T<$string:T, $map:T<$string:T, $av:T>> found = new $hashMap:T<>();
            for (int from = 0; from < distinct.size(); from += 100) {
              $list:T<$map:T<$string:T, $av:T>> keys = new $arrayList:T<>();
              distinct.subList(from, $math:T.min(from + 100, distinct.size())).forEach(pk -> keys.add(key(pk)));
              $map:T<$string:T, $keysAndAttributes:T> request = $map:T.of(tableName, $keysAndAttributes:T.builder().keys(keys).build());
              for (int attempt = 1; !request.isEmpty(); attempt++) {
                if (attempt > 1) {
                  if (attempt > MAX_BATCH_ATTEMPTS) {
                    throw new $failure:T("UnprocessedKeys", "DynamoDB left keys unprocessed " + MAX_BATCH_ATTEMPTS + " times", null);
                  }
                  pause(attempt - 1);
                }
                $map:T<$string:T, $keysAndAttributes:T> requestItems = request;
                $batchGetResponse:T response;
                try {
                  response = client.batchGetItem(b -> b.requestItems(requestItems));
                } catch ($dynamoDbException:T e) {
                  throw refused(e);
                }
                response.responses().getOrDefault(tableName, $list:T.of()).forEach(item -> found.put(item.get("PK").s(), item));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : $map:T.of();
              }
            }
            return found;
            """)).build());
  }
}
