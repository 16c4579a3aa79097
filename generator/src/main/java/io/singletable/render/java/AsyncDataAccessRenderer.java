package io.singletable.render.java;

import static io.singletable.render.java.JavaNames.LIST;
import static io.singletable.render.java.JavaNames.STRING;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import io.singletable.model.EntityModel;
import io.singletable.model.FieldKind;
import io.singletable.model.FieldModel;
import io.singletable.model.JavaIdentifiers;
import io.singletable.model.RelationKind;
import io.singletable.model.RelationModel;
import io.singletable.model.RelationShape;
import io.singletable.model.ServiceModel;
import io.singletable.model.UniqueModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.lang.model.element.Modifier;

/**
 * Renders the asynchronous flavour of the data access ({@code AsyncDataAccess} over {@code DynamoDbAsyncClient} and
 * one {@code AsyncXRepository} per entity): the synchronous repositories' methods, returning {@code
 * CompletableFuture}s. What a write stores is built by the synchronous repository's shared functions ({@code
 * stampCreate}, {@code stampUpdate}, {@code uniqueKeysOf}) and its requests by the runtime's {@code TableRequests},
 * so both flavours write the same items. Rendered only with the generator's {@code asyncDataAccess} option.
 */
final class AsyncDataAccessRenderer {
  private static final ClassName FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");
  private static final ClassName OBJECTS = ClassName.get(java.util.Objects.class);
  private static final ClassName OPTIONAL = ClassName.get(Optional.class);
  private static final ClassName ASYNC_CLIENT = ClassName.get("software.amazon.awssdk.services.dynamodb", "DynamoDbAsyncClient");
  private static final ClassName CLOCK = ClassName.get(java.time.Clock.class);

  /** What each parameter of the async methods is, for their Javadoc. */
  private static final Map<String, String> PARAMS = Map.ofEntries(
      Map.entry("id", "the id"), Map.entry("consistency", "how the read sees recent writes"),
      Map.entry("value", "the entity"), Map.entry("values", "the entities"),
      Map.entry("change", "the new entity from the stored one (it may not change the id)"),
      Map.entry("expectedVersion", "the version the caller read (0 for an item stored before the type was versioned)"),
      Map.entry("ids", "the ids (null and repeated ids allowed)"), Map.entry("delta", "the amount (negative to subtract)"),
      Map.entry("request", "the limit (page size), order and cursor"),
      Map.entry("range", "the range of the first sort field, bounds included"),
      Map.entry("action", "what to do with each item, in order (it must not block)"));

  private final ServiceModel model;
  private final JavaNames names;
  private final DataAccessRenderer sync;
  private final DataAccessRelations relations;
  private final ClassName self;
  private final ClassName codec;

  AsyncDataAccessRenderer(ServiceModel model, JavaNames names, DataAccessRenderer sync) {
    this.model = model;
    this.names = names;
    this.sync = sync;
    this.relations = new DataAccessRelations(model, names, sync);
    this.self = names.asyncDataAccessClass();
    this.codec = names.codecClass();
  }

  /** Each entity's async repository, handed to {@code out} as soon as it is built, then {@code AsyncDataAccess}. */
  void render(Consumer<TypeSpec> out) {
    ClassName pending = names.runtimeClass("PendingWrites");
    ClassName retry = names.runtimeClass("RetryPolicy");
    TypeSpec.Builder access = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(names.runtimeClass("AsyncTableAccess"))
        .alwaysQualify(names.qualified())
        .addJavadoc(doc("The access patterns of {@link $L}, over the AWS SDK v2 {@code DynamoDbAsyncClient}, without blocking a\n"
            + "thread: {@code access.$L().get(id)} returns a {@code CompletableFuture}. Each method reads and writes what its\n"
            + "synchronous twin does (the same requests, built by the same code: the items are byte-identical), and its future\n"
            + "fails with the exception the twin throws ({@code NotUniqueException}, {@code NotFoundException},\n"
            + "{@code VersionConflictException}, {@code ConflictException}, {@code TransactionConflictException},\n"
            + "{@code ValidationErrorException}, …; {@code join()} wraps it in a {@code CompletionException}:\n"
            + "{@link #unwrap}). Null arguments ({@code NullPointerException}), invalid ids ({@code InvalidIdException}), a\n"
            + "refused range or a cursor of another query ({@code IllegalArgumentException}) are thrown by the call itself,\n"
            + "before anything is sent. Retries wait on a timer ({@code CompletableFuture.delayedExecutor}), and\n"
            + "continuations run where the client completes its futures (its {@code futureCompletionExecutor}). Thread-safe.\n"
            + "Generated by singletable; do not edit.\n",
            names.dataAccessClass().simpleName(), sync.repositoryAccessor(model.entities().get(0).name())));
    CodeBlock.Builder init = CodeBlock.builder();
    int index = 0;
    for (EntityModel e : model.entities()) {
      ClassName part = names.asyncRepositoryClass(e.name());
      TypeSpec.Builder repository = TypeSpec.classBuilder(part).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
          .superclass(names.runtimeClass("AsyncTableAccess"))
          .alwaysQualify(names.qualified())
          .addJavadoc(doc("The access patterns of $L and of its relations, without blocking: {@code access.$L()} of a {@link $L}.\n"
              + "Each method is its twin of {@link $L}, returning a future. Thread-safe. Generated by singletable; do not edit.\n",
              e.name(), sync.repositoryAccessor(e.name()), self.simpleName(), names.repositoryClass(e.name()).simpleName()))
          .addField(self, "access", Modifier.PRIVATE, Modifier.FINAL)
          .addMethod(MethodSpec.constructorBuilder()
              .addParameter(self, "access").addParameter(ASYNC_CLIENT, "client").addParameter(STRING, "tableName")
              .addParameter(CLOCK, "clock").addParameter(retry, "retry").addParameter(pending, "pending")
              .addStatement("super(client, tableName, clock, retry, pending)")
              .addStatement("this.access = access").build());
      addEntityMethods(repository, e);
      for (RelationModel r : e.relations()) {
        addRelation(repository, r);
      }
      for (RelationModel r : sync.lists(e)) {
        addList(repository, e, r);
      }
      for (io.singletable.model.ManyToManyModel mm : model.manyToMany()) {
        if (mm.aType().equals(e.name())) {
          addLinks(repository, e, mm);
        }
      }
      out.accept(repository.build());
      String field = "part" + index++;
      access.addField(part, field, Modifier.PRIVATE, Modifier.FINAL);
      init.addStatement("this.$N = new $T(this, client, tableName, clock, retry, pending)", field, part);
      access.addMethod(MethodSpec.methodBuilder(sync.repositoryAccessor(e.name())).addModifiers(Modifier.PUBLIC).returns(part)
          .addJavadoc(doc("The access patterns of $L, without blocking.\n\n@return its repository\n", e.name()))
          .addStatement("return $N", field).build());
    }
    addPublicMembers(access, init.build());
    out.accept(access.build());
  }

  private void addPublicMembers(TypeSpec.Builder type, CodeBlock parts) {
    ClassName pending = names.runtimeClass("PendingWrites");
    ClassName retry = names.runtimeClass("RetryPolicy");
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addParameter(ASYNC_CLIENT, "client").addParameter(STRING, "tableName")
        .addJavadoc("Access to the table {@code tableName} over an asynchronous client.\n\n"
            + "@param client the asynchronous DynamoDB client\n@param tableName the table's name\n")
        .addStatement("this(client, tableName, $T.systemUTC())", CLOCK).build());
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addParameter(ASYNC_CLIENT, "client").addParameter(STRING, "tableName").addParameter(CLOCK, "clock")
        .addJavadoc("Access with a clock for {@code createdAt}/{@code updatedAt}.\n\n"
            + "@param client the asynchronous DynamoDB client\n@param tableName the table's name\n"
            + "@param clock the clock of the timestamps\n")
        .addStatement("this(client, tableName, clock, $T.DEFAULT, null)", retry).build());
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
        .addParameter(ASYNC_CLIENT, "client").addParameter(STRING, "tableName").addParameter(CLOCK, "clock")
        .addParameter(retry, "retry").addParameter(pending, "pending")
        .addStatement("super(client, tableName, clock, retry, pending)").addCode(parts).build());
    type.addMethod(MethodSpec.methodBuilder("withRetryPolicy").addModifiers(Modifier.PUBLIC).returns(self)
        .addParameter(retry, "policy")
        .addJavadoc("The same access with another retry policy (as {@code DataAccess.withRetryPolicy}).\n\n"
            + "@param policy the policy\n@return a new access over the same client and table\n"
            + "@throws NullPointerException when the policy is null\n")
        .addStatement("return new $T(client(), tableName(), clock(), $T.requireNonNull(policy, $S), null)", self, OBJECTS, "policy")
        .build());
    TypeVariableName r = TypeVariableName.get("R");
    String tx = "<p>As {@code DataAccess.transaction}: the creates, updates and deletes of {@code tx}'s repositories add their writes\n"
        + "(unique items, index attributes, type checks, conditions) to one TransactWriteItems, committed when the future\n"
        + "{@code work} returns completes: all of them are written, or none. Reads are made at once. When an item changed after\n"
        + "its read, or another transaction held one, {@code work} runs again (up to the retry policy's attempts): it should do\n"
        + "nothing but its calls. Calls on {@code tx} may run concurrently; each item is written at most once, 100 writes at most.\n"
        + "The future fails with what {@code DataAccess.transaction} throws; calling it inside a transaction throws\n"
        + "{@code IllegalStateException}.\n\n";
    type.addMethod(MethodSpec.methodBuilder("transaction").addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(FUTURE, ClassName.get(Void.class)))
        .addParameter(ParameterizedTypeName.get(ClassName.get(java.util.function.Function.class), self,
            ParameterizedTypeName.get(FUTURE, WildcardTypeName.subtypeOf(Object.class))), "work")
        .addJavadoc("Writes several items, of any types, atomically:\n<pre>{@code\naccess.transaction(tx -> tx.$L().create(a)\n"
            + "    .thenCompose(x -> tx.$L().update(id, y -> y)));\n}</pre>\n" + tx
            + "@param work the calls, on the transaction's access {@code tx}; the future it returns completes after them\n"
            + "@return completes when the transaction is committed\n"
            + "@throws NullPointerException when {@code work} is null\n",
            sync.repositoryAccessor(model.entities().get(0).name()), sync.repositoryAccessor(model.entities().get(0).name()))
        .addStatement("$T.requireNonNull(work, $S)", OBJECTS, "work")
        .addStatement("return runTransaction(pending -> $T.requireNonNull(work.apply(new $T(client(), tableName(), clock(), "
            + "retryPolicy(), pending)), $S).thenApply(x -> null))", OBJECTS, self, "work returned null")
        .build());
    type.addMethod(MethodSpec.methodBuilder("transactionResult").addModifiers(Modifier.PUBLIC).addTypeVariable(r)
        .returns(ParameterizedTypeName.get(FUTURE, r))
        .addParameter(ParameterizedTypeName.get(ClassName.get(java.util.function.Function.class), self,
            ParameterizedTypeName.get(FUTURE, r)), "work")
        .addJavadoc("{@link #transaction} completing with what {@code work}'s future completes with (its last run's).\n\n"
            + "@param work the calls, on the transaction's access {@code tx}\n@param <R> what it returns\n"
            + "@return completes when the transaction is committed, with {@code work}'s result\n"
            + "@throws NullPointerException when {@code work} is null\n")
        .addStatement("$T.requireNonNull(work, $S)", OBJECTS, "work")
        .addStatement("return runTransaction(pending -> work.apply(new $T(client(), tableName(), clock(), retryPolicy(), pending)))",
            self)
        .build());
    ClassName request = ClassName.get("software.amazon.awssdk.services.dynamodb.model", "CreateTableRequest");
    type.addMethod(MethodSpec.methodBuilder("createTableRequest").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(request)
        .addParameter(STRING, "tableName")
        .addJavadoc("The table as {@code template.yaml} declares it, as {@link $T#createTableRequest}.\n\n"
            + "@param tableName the table's name\n@return the request\n@throws NullPointerException when the name is null\n",
            names.dataAccessClass())
        .addStatement("return $T.createTableRequest(tableName)", names.dataAccessClass()).build());
  }

  /** A public method returning a future of {@code result}, documented as the async twin of the synchronous one. */
  private MethodSpec.Builder method(EntityModel owner, String name, TypeName result, String what, ParameterSpec... params) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(FUTURE, result.box()));
    StringBuilder javadoc = new StringBuilder();
    List<String> args = new ArrayList<>();
    for (ParameterSpec p : params) {
      m.addParameter(p);
      args.add(p.name());
    }
    javadoc.append("As {@code ").append(names.repositoryClass(owner.name()).simpleName()).append('.').append(name).append('(')
        .append(String.join(", ", args)).append(")}, without blocking: ").append(what).append(".\n\n");
    for (ParameterSpec p : params) {
      javadoc.append("@param ").append(p.name()).append(' ')
          .append(PARAMS.getOrDefault(p.name(), p.name().endsWith("Id") ? "the id of the parent" : "the value")).append('\n');
    }
    javadoc.append("@return the future of the result; it fails with the synchronous method's exceptions\n");
    javadoc.append("@throws NullPointerException when an argument is null (nothing is sent)\n");
    if (args.contains("id") || args.stream().anyMatch(a -> a.endsWith("Id")) || args.contains("value") && name.startsWith("create")) {
      javadoc.append("@throws InvalidIdException when an id").append(args.contains("value") ? " or a relation key value" : "")
          .append(" is empty or contains {@code #} or a control character (nothing is sent)\n");
    }
    if (args.contains("request")) {
      javadoc.append("@throws IllegalArgumentException when the request's nextToken is not one of this relation, parent")
          .append(args.contains("range") ? ", order and range,\n        or the range is refused" : " and order").append(" (nothing is sent)\n");
    }
    return m.addJavadoc(doc(javadoc.toString().replace("$", "$$")));
  }

  private static ParameterSpec param(TypeName type, String name) {
    return ParameterSpec.builder(type, name).build();
  }

  private void addEntityMethods(TypeSpec.Builder type, EntityModel e) {
    ClassName r = names.type(e.name());
    ClassName repo = names.repositoryClass(e.name());
    ClassName consistency = names.runtimeClass("ReadConsistency");
    TypeName optional = ParameterizedTypeName.get(OPTIONAL, r);
    String get = sync.getName(e.name());
    type.addMethod(method(e, get, optional, "the " + e.name() + ", or empty", param(STRING, "id"))
        .addStatement("return $N(id, $T.EVENTUAL)", get, consistency).build());
    type.addMethod(method(e, get, optional, "the " + e.name() + ", or empty", param(STRING, "id"), param(consistency, "consistency"))
        .addStatement("$T.requireNonNull(id, $S)", OBJECTS, "id")
        .addStatement("$T.requireNonNull(consistency, $S)", OBJECTS, "consistency")
        .addStatement("checkId($S, $S, id)", e.name(), "id")
        .addStatement("return readNode(consistency, $T.$N(id), id, $T::$N, $S)", codec, names.nodeKey(e.name()), codec,
            names.fromItem(e.name()), e.name())
        .build());
    for (UniqueModel u : e.uniques()) {
      FieldModel f = e.field(u.field()).orElseThrow();
      String p = JavaIdentifiers.member(u.field());
      String c = p.equals("consistency") ? "consistency_" : "consistency";
      String name = sync.methodName("getBy " + e.name() + "." + u.field());
      TypeName valueType = names.javaType(f.type(), f.kind() == FieldKind.ENUM);
      type.addMethod(method(e, name, optional, "the " + e.name() + " of that value, or empty", param(valueType, p))
          .addStatement("return $N($N, $T.EVENTUAL)", name, p, consistency).build());
      String key = names.uniqueKey(e.name(), u.field());
      type.addMethod(method(e, name, optional, "the " + e.name() + " of that value, or empty", param(valueType, p),
              param(consistency, c))
          .addStatement("$T.requireNonNull($N, $S)", OBJECTS, p, p)
          .addStatement("$T.requireNonNull($N, $S)", OBJECTS, c, "consistency")
          .addStatement("$T __pk = $T.$N($N)", STRING, codec, key, p)
          .addStatement("return readNode($N, __pk, null, $T::$N, $S).thenApply(__read -> __read.filter(__found -> "
              + "__found.$N() != null && __pk.equals($T.$N(__found.$N()))))",
              c, codec, names.fromItem(e.name()), e.name(), p, codec, key, p)
          .build());
    }
    String create = sync.methodName("create " + e.name());
    type.addMethod(method(e, create, r, "the entity as stored", param(r, "value"))
        .addStatement("$T.requireNonNull(value, $S)", OBJECTS, "value")
        .addStatement("$T stored = $T.stampCreate(value, this::now)", r, repo)
        .addStatement("return createNode($S, $T.toItem(stored), $T.$N, $L, $L).thenApply(__earlier -> __earlier == null ? stored : $T.$N(__earlier))",
            e.name(), codec, repo, sync.indexConstant(e), uniqueKeys(e, "null", "stored"), sync.stampedList(e), codec,
            names.fromItem(e.name()))
        .build());
    int chunk = 100 / (1 + e.uniques().size());
    TypeName list = ParameterizedTypeName.get(LIST, r);
    type.addMethod(method(e, sync.methodName("createAll " + e.name()), list,
            "the entities as stored, in order; groups of " + chunk + " in one transaction each, one after the other",
            param(ParameterizedTypeName.get(ClassName.get(java.util.Collection.class), r), "values"))
        .addStatement("$T.requireNonNull(values, $S)", OBJECTS, "values")
        .addStatement("$T all = $T.copyOf(values)", list, List.class)
        .addStatement("$T<$T> out = $T.completedFuture(new $T<>(all.size()))", FUTURE, list, FUTURE, ArrayList.class)
        .beginControlFlow("for (int from = 0; from < all.size(); from += $L)", chunk)
        .addStatement("$T group = all.subList(from, $T.min(from + $L, all.size()))", list, Math.class, chunk)
        .addStatement("out = out.thenCompose(__done -> access.transactionResult(tx -> allOf(group.stream().map(tx.$N()::$N).toList()))\n"
            + "$>.thenApply(__created -> {\n$>__done.addAll(__created);\nreturn __done;\n$<}))$<",
            sync.repositoryAccessor(e.name()), create)
        .endControlFlow()
        .addStatement("return out")
        .build());
    for (boolean expecting : e.versioned() ? List.of(false, true) : List.of(false)) {
      List<ParameterSpec> params = new ArrayList<>(List.of(param(STRING, "id")));
      if (expecting) {
        params.add(param(TypeName.INT, "expectedVersion"));
      }
      params.add(param(ParameterizedTypeName.get(ClassName.get(UnaryOperator.class), r), "change"));
      type.addMethod(method(e, sync.methodName("update " + e.name()), r, "the entity as stored",
              params.toArray(ParameterSpec[]::new))
          .addStatement("$T.requireNonNull(id, $S)", OBJECTS, "id")
          .addStatement("$T.requireNonNull(change, $S)", OBJECTS, "change")
          .addStatement("checkId($S, $S, id)", e.name(), "id")
          .addStatement("return updateNode($S, id, $T.$N(id), $L, $T.$N, $T.$N,\n$>__current -> $T.stampUpdate(id, __current, change, this::now))$<",
              e.name(), codec, names.nodeKey(e.name()), expecting ? "expectedVersion" : "-1", repo, sync.fieldsConstant(e), repo,
              sync.indexConstant(e), repo)
          .build());
    }
    for (boolean expecting : e.versioned() ? List.of(false, true) : List.of(false)) {
      List<ParameterSpec> params = new ArrayList<>(List.of(param(STRING, "id")));
      if (expecting) {
        params.add(param(TypeName.INT, "expectedVersion"));
      }
      MethodSpec.Builder m = method(e, sync.methodName("delete " + e.name()), r, "the deleted entity",
              params.toArray(ParameterSpec[]::new))
          .addStatement("$T.requireNonNull(id, $S)", OBJECTS, "id")
          .addStatement("checkId($S, $S, id)", e.name(), "id");
      String version = expecting ? "expectedVersion" : "-1";
      CodeBlock links = sync.links(e);
      if (e.uniques().isEmpty() && links.isEmpty()) {
        m.addStatement("return deleteTyped(id, $T.$N(id), $S, $L).thenApply($T::$N)", codec, names.nodeKey(e.name()), e.name(),
            version, codec, names.fromItem(e.name()));
      } else {
        m.addStatement("return removeNode($S, id, $T.$N(id), $L, $T::$N, $L$L)", e.name(),
            codec, names.nodeKey(e.name()), version, codec, names.fromItem(e.name()),
            e.uniques().isEmpty() ? CodeBlock.of("__before -> $T.of()", List.class)
                : CodeBlock.of("__before -> $T.uniqueKeysOf(__before, null)", repo),
            links.isEmpty() ? CodeBlock.of("") : CodeBlock.of(", $L", links));
      }
      type.addMethod(m.build());
    }
    String batchGet = sync.batchGetName(e.name());
    TypeName ids = ParameterizedTypeName.get(LIST, STRING);
    type.addMethod(method(e, batchGet, list, "one element per id, null where nothing of the type was found", param(ids, "ids"))
        .addStatement("return $N(ids, $T.EVENTUAL)", batchGet, consistency).build());
    type.addMethod(method(e, batchGet, list, "one element per id, null where nothing of the type was found", param(ids, "ids"),
            param(consistency, "consistency"))
        .addStatement("$T.requireNonNull(ids, $S)", OBJECTS, "ids")
        .addStatement("$T.requireNonNull(consistency, $S)", OBJECTS, "consistency")
        .addStatement("return readNodes(consistency, ids, $T::$N, $T::$N, $S)", codec, names.nodeKey(e.name()), codec,
            names.fromItem(e.name()), e.name())
        .build());
    for (FieldModel f : DataAccessRenderer.incrementable(model, e)) {
      TypeName delta = DataAccessRenderer.deltaType(f);
      CodeBlock text = sync.deltaText(f);
      type.addMethod(method(e, sync.methodName("increment " + e.name() + "." + f.name()), r,
              "the " + e.name() + " as stored after the increment (null inside a transaction)", param(STRING, "id"),
              param(delta, "delta"))
          .addStatement("$T.requireNonNull(id, $S)", OBJECTS, "id")
          .addStatement("checkId($S, $S, id)", e.name(), "id")
          .addStatement("return addToNumber($S, id, $T.$N(id), $S, $L, $L, $L, $L).thenApply(__item -> __item == null ? null : $T.$N(__item))",
              e.name(), codec, names.nodeKey(e.name()), f.name(), text, f.type().name().equals("Int"),
              sync.timestamps(e, "updatedAt"), e.versioned(), codec, names.fromItem(e.name()))
          .build());
    }
  }

  private CodeBlock uniqueKeys(EntityModel e, String before, String after) {
    return e.uniques().isEmpty() ? CodeBlock.of("$T.of()", List.class)
        : CodeBlock.of("$T.uniqueKeysOf($L, $L)", names.repositoryClass(e.name()), before, after);
  }

  private void addRelation(TypeSpec.Builder type, RelationModel r) {
    EntityModel owner = model.entity(r.owner()).orElseThrow();
    if (r.manyToMany()) {
      io.singletable.model.ManyToManyModel mm = model.manyToManyOf(r).orElseThrow();
      String otherIdField = mm.a().id().equals(r.id()) ? mm.bIdField() : mm.aIdField();
      String pageName = sync.methodName("relation " + r.id());
      String parentId = relations.parentId(r);
      TypeName pageType = ParameterizedTypeName.get(names.runtimeClass("Page"), names.type(r.target()));
      ParameterSpec request = param(names.runtimeClass("PageRequest"), "request");
      type.addMethod(method(owner, pageName, pageType, "a page of the linked " + r.target() + " items (one Query, one "
              + "BatchGetItem)", param(STRING, parentId), request)
          .addStatement("$T.requireNonNull($N, $S)", OBJECTS, parentId, parentId)
          .addStatement("$T.requireNonNull(request, $S)", OBJECTS, "request")
          .addStatement("checkId($S, $S, $N)", r.owner(), "id", parentId)
          .addStatement("return joinPage($S, $S, $S, $T.$N($N), request, $S, $S, $T::$N, $L, $L)", r.indexName(),
              r.partitionAttribute(), r.sortAttribute(), codec, names.partitionKey(r), parentId, mm.name(), otherIdField,
              codec, names.nodeKey(r.target()), relations.decoder(r), relations.typenames(r))
          .build());
      type.addMethod(method(owner, pageName, pageType, "a page of the linked " + r.target() + " items of the entity",
              param(names.type(owner.name()), "value"), request)
          .addStatement("$T.requireNonNull(value, $S)", OBJECTS, "value")
          .addStatement("return $N(value.id(), request)", pageName).build());
      String forEachName = sync.methodName("forEach " + r.id());
      TypeName consumer = ParameterizedTypeName.get(ClassName.get(Consumer.class),
          WildcardTypeName.supertypeOf(names.type(r.target())));
      type.addMethod(method(owner, forEachName, ClassName.get(Integer.class), "every linked " + r.target() + " item, "
              + "lazily: one page (one Query, one BatchGetItem) at a time; the future completes after the last item with "
              + "the number of pages read", param(STRING, parentId), request, param(consumer, "action"))
          .addStatement("$T.requireNonNull($N, $S)", OBJECTS, parentId, parentId)
          .addStatement("$T.requireNonNull(request, $S)", OBJECTS, "request")
          .addStatement("$T.requireNonNull(action, $S)", OBJECTS, "action")
          .addStatement("checkId($S, $S, $N)", r.owner(), "id", parentId)
          .addStatement("return forEachItem(request, __next -> $N($N, __next), action)", pageName, parentId).build());
      type.addMethod(method(owner, forEachName, ClassName.get(Integer.class), "every linked " + r.target()
              + " item of the entity, lazily", param(names.type(owner.name()), "value"), request,
              param(consumer, "action"))
          .addStatement("$T.requireNonNull(value, $S)", OBJECTS, "value")
          .addStatement("return $N(value.id(), request, action)", forEachName).build());
      return;
    }
    String name = sync.methodName("relation " + r.id());
    TypeName element = names.type(r.target());
    if (r.kind() != RelationKind.HAS_MANY) {
      String key = "value." + JavaIdentifiers.member(r.keyField()) + "()";
      if (r.shape() == RelationShape.LIST) {
        MethodSpec.Builder m = method(owner, name, ParameterizedTypeName.get(LIST, element),
                "one element per id it holds: the item, or null", param(names.type(owner.name()), "value"))
            .addStatement("$T.requireNonNull(value, $S)", OBJECTS, "value")
            .beginControlFlow("if ($L == null)", key)
            .addStatement("return $T.completedFuture(new $T<>())", FUTURE, ArrayList.class)
            .endControlFlow();
        type.addMethod((relations.concrete(r)
            ? m.addStatement("return access.$N().$N($L)", sync.repositoryAccessor(r.target()), sync.batchGetName(r.target()), key)
            : m.addStatement("return readNodes($T.EVENTUAL, $L, $T::$N, $L, $L)", names.runtimeClass("ReadConsistency"), key,
                codec, names.nodeKey(r.concreteTargets().get(0)), relations.decoder(r), relations.typenames(r))).build());
        return;
      }
      MethodSpec.Builder m = method(owner, name, ParameterizedTypeName.get(OPTIONAL, element),
              "the related item, or empty", param(names.type(owner.name()), "value"))
          .addStatement("$T.requireNonNull(value, $S)", OBJECTS, "value")
          .beginControlFlow("if ($L == null || !$T.isId($L))", key, names.valuesClass(), key)
          .addStatement("return $T.completedFuture($T.empty())", FUTURE, OPTIONAL)
          .endControlFlow();
      type.addMethod((relations.concrete(r)
          ? m.addStatement("return access.$N().$N($L)", sync.repositoryAccessor(r.target()), sync.getName(r.target()), key)
          : m.addStatement("return readNode($T.EVENTUAL, $T.$N($L), $L, $L, $L)", names.runtimeClass("ReadConsistency"), codec,
              names.nodeKey(r.concreteTargets().get(0)), key, key, relations.decoder(r), relations.typenames(r))).build());
      return;
    }
    String parentId = relations.parentId(r);
    String forEach = sync.methodName("forEach " + r.id());
    TypeName page = ParameterizedTypeName.get(names.runtimeClass("Page"), element);
    ClassName pageRequest = names.runtimeClass("PageRequest");
    TypeName action = ParameterizedTypeName.get(ClassName.get(Consumer.class), WildcardTypeName.supertypeOf(element));
    for (boolean range : r.sortBy().isEmpty() ? List.of(false) : List.of(false, true)) {
      List<ParameterSpec> byId = new ArrayList<>(List.of(param(STRING, parentId)));
      List<ParameterSpec> byValue = new ArrayList<>(List.of(param(names.type(owner.name()), "value")));
      if (range) {
        byId.add(param(relations.rangeType(r), "range"));
        byValue.add(param(relations.rangeType(r), "range"));
      }
      byId.add(param(pageRequest, "request"));
      byValue.add(param(pageRequest, "request"));
      String rangeArg = range ? "range, " : "";
      MethodSpec.Builder m = method(owner, name, page, "a page of the " + r.target() + " items (one Query)",
              byId.toArray(ParameterSpec[]::new))
          .addStatement("$T.requireNonNull($N, $S)", OBJECTS, parentId, parentId);
      if (range) {
        m.addStatement("$T.requireNonNull(range, $S)", OBJECTS, "range");
      }
      type.addMethod(m.addStatement("$T.requireNonNull(request, $S)", OBJECTS, "request")
          .addStatement("checkId($S, $S, $N)", r.owner(), "id", parentId)
          .addStatement("return $L", relations.pageCall(r, range)).build());
      type.addMethod(method(owner, name, page, "a page of the " + r.target() + " items of the entity",
              byValue.toArray(ParameterSpec[]::new))
          .addStatement("$T.requireNonNull(value, $S)", OBJECTS, "value")
          .addStatement("return $N(value.id(), $Lrequest)", name, rangeArg).build());
      byId.add(param(action, "action"));
      byValue.add(param(action, "action"));
      String lazily = "every " + r.target() + " item, lazily: the first page is read, its items handed to {@code action}, "
          + "then the next page is read, up to the last one (one Query per page, one at a time); the future completes "
          + "after the last item with the number of pages read, or fails with the first failure (no further page is read)";
      MethodSpec.Builder each = method(owner, forEach, ClassName.get(Integer.class), lazily, byId.toArray(ParameterSpec[]::new))
          .addStatement("$T.requireNonNull($N, $S)", OBJECTS, parentId, parentId);
      if (range) {
        each.addStatement("$T.requireNonNull(range, $S)", OBJECTS, "range");
      }
      each.addStatement("$T.requireNonNull(request, $S)", OBJECTS, "request")
          .addStatement("$T.requireNonNull(action, $S)", OBJECTS, "action")
          .addStatement("checkId($S, $S, $N)", r.owner(), "id", parentId);
      if (range) {
        each.addCode("// a refused range fails at once, not when the first page is read\n").addStatement("$L", relations.condition(r));
      }
      type.addMethod(each.addStatement("return forEachItem(request, __next -> $N($N, $L__next), action)", name, parentId, rangeArg)
          .build());
      type.addMethod(method(owner, forEach, ClassName.get(Integer.class), "every " + r.target() + " item of the entity, lazily",
              byValue.toArray(ParameterSpec[]::new))
          .addStatement("$T.requireNonNull(value, $S)", OBJECTS, "value")
          .addStatement("return $N(value.id(), $Lrequest, action)", forEach, rangeArg).build());
    }
  }

  /** The connect and disconnect methods of a {@code @manyToMany} relation, on side a's repository. */
  private void addLinks(TypeSpec.Builder type, EntityModel e, io.singletable.model.ManyToManyModel mm) {
    String a = io.singletable.model.JavaIdentifiers.member(mm.aIdField());
    String b = io.singletable.model.JavaIdentifiers.member(mm.bIdField());
    type.addMethod(method(e, sync.methodName("link " + mm.name()), ClassName.get(Void.class), "linked (again: no change)",
            param(STRING, a), param(STRING, b))
        .addCode(relations.linkBody(mm, true, true))
        .build());
    type.addMethod(method(e, sync.methodName("unlink " + mm.name()), ClassName.get(Void.class),
            "unlinked (not linked: no change)", param(STRING, a), param(STRING, b))
        .addCode(relations.linkBody(mm, false, true))
        .build());
  }

  /** A {@code @list} over {@code e}: a page, and every item lazily, by its by values (and a range). */
  private void addList(TypeSpec.Builder type, EntityModel e, RelationModel r) {
    String name = sync.methodName("relation " + r.id());
    String forEach = sync.methodName("forEach " + r.id());
    TypeName element = names.type(r.target());
    TypeName page = ParameterizedTypeName.get(names.runtimeClass("Page"), element);
    TypeName action = ParameterizedTypeName.get(ClassName.get(Consumer.class), WildcardTypeName.supertypeOf(element));
    for (boolean range : r.sortBy().isEmpty() ? List.of(false) : List.of(false, true)) {
      List<ParameterSpec> params = new ArrayList<>(relations.listParameters(r));
      if (range) {
        params.add(param(relations.rangeType(r), "range"));
      }
      params.add(param(names.runtimeClass("PageRequest"), "request"));
      List<String> args = params.stream().map(p -> p.name()).toList();
      MethodSpec.Builder m = method(e, name, page, "a page of the list (one Query)", params.toArray(ParameterSpec[]::new));
      args.forEach(a -> m.addStatement("$T.requireNonNull($N, $S)", OBJECTS, a, a));
      type.addMethod(m.addStatement("return $L", relations.listPageCall(r, range)).build());
      params.add(param(action, "action"));
      MethodSpec.Builder each = method(e, forEach, ClassName.get(Integer.class), "every item of the list, lazily: one "
          + "Query per page, one at a time; the future completes after the last item with the number of pages read",
          params.toArray(ParameterSpec[]::new));
      args.forEach(a -> each.addStatement("$T.requireNonNull($N, $S)", OBJECTS, a, a));
      each.addStatement("$T.requireNonNull(action, $S)", OBJECTS, "action");
      if (range) {
        each.addCode("// a refused range fails at once, not when the first page is read\n")
            .addStatement("$L", relations.condition(r));
      }
      List<String> keys = new ArrayList<>(args.subList(0, args.size() - 1));
      keys.add("__next");
      type.addMethod(each.addStatement("return forEachItem(request, __next -> $N($L), action)", name,
          String.join(", ", keys)).build());
    }
  }

  private CodeBlock doc(String format, Object... args) {
    return names.javadocLinkingRuntime(JavaNames.formatText(format, args));
  }
}
