package io.singletable.render.java;

import static io.singletable.render.java.JavaNames.ITEM;
import static io.singletable.render.java.JavaNames.LIST;
import static io.singletable.render.java.JavaNames.STRING;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.singletable.model.JavaIdentifiers;
import io.singletable.model.EntityModel;
import io.singletable.model.FieldKind;
import io.singletable.model.FieldModel;
import io.singletable.model.OperationKind;
import io.singletable.model.OperationModel;
import io.singletable.model.RelationKind;
import io.singletable.model.RelationModel;
import io.singletable.model.ServiceModel;
import io.singletable.model.UniqueModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.lang.model.element.Modifier;

/**
 * Renders the data-access class over {@code DynamoDbClient}: per entity get, get by each unique
 * field, create, update, delete and batch get; per relation its query (a typed page with a cursor)
 * or lookup. Each method's Javadoc names the access pattern, the GraphQL operation serving the same
 * pattern and its DynamoDB cost. The writes are those of the VTL resolvers, so items written by
 * either path are interchangeable.
 */
final class DataAccessRenderer {
  private static final ClassName OPTIONAL = ClassName.get(Optional.class);
  private static final ClassName OBJECTS = ClassName.get(java.util.Objects.class);

  private final ServiceModel model;
  private final JavaNames names;
  private final ClassName self;
  private final ClassName codec;
  private final ClassName uniqueKey;
  private final Set<String> used = new HashSet<>();
  /** Names given to constants and methods, by what they stand for (a name may get a {@code _} on a clash). */
  private final Map<String, String> constants = new HashMap<>();
  /** Per entity: the fields holding ids of other items, by relation (see {@link #relationKeyFields}). */
  private final Map<String, Set<String>> relationKeys = new HashMap<>();
  /** The operations of each entity, by {@code "Entity KIND"}, in the model's order. */
  private final Map<String, List<OperationModel>> operations = new HashMap<>();

  /** Names of Object's methods and of the class's fixed members, never given to a generated method. */
  private static final List<String> RESERVED = List.of("getClass", "hashCode", "equals", "toString", "notify",
      "notifyAll", "wait", "clone", "finalize", "client", "tableName", "newId", "createTableRequest", "allPages", "now",
      "currentNode", "requireId", "createNode", "replaceNode", "removeNode", "deleteTyped", "queryIndex",
      "batchGetKeys", "readNode", "readNodes", "pageOf", "checkId", "checkIds", "MAX_ATTEMPTS", "MAX_BATCH_ATTEMPTS",
      "access", "clock", "runTransaction", "retryPolicy", "withRetryPolicy", "addToNumber", "storedVersion", "checkVersion",
      "queryPage", "sortCondition", "lazyPages", "lazyItems", "stampCreate", "stampUpdate", "uniqueKeysOf", "sortedLinksOf", "forEachItem",
      "updateNode", "unwrap", "allOf");

  /** Members of the data-access class besides the repositories' accessors, kept free for later ones too. */
  private static final List<String> ACCESS_MEMBERS = List.of("transaction", "transactionResult", "batch", "async", "repositories",
      "withClock", "retryPolicy");

  DataAccessRenderer(ServiceModel model, JavaNames names) {
    used.addAll(RESERVED);
    used.addAll(ACCESS_MEMBERS);
    this.model = model;
    this.names = names;
    this.self = names.dataAccessClass();
    this.codec = names.codecClass();
    this.uniqueKey = names.runtimeClass("UniqueKey");
    for (EntityModel e : model.entities()) {
      constants.put("repository " + e.name(), free(JavaNames.plural(JavaNames.method(e.name()))));
      Set<String> inRepository = new HashSet<>(RESERVED);
      named(inRepository, "get " + e.name(), "get");
      for (UniqueModel u : e.uniques()) {
        named(inRepository, "getBy " + e.name() + "." + u.field(), JavaNames.method("getBy", u.field()));
      }
      for (String kind : List.of("create", "update", "delete", "batchGet", "createAll")) {
        named(inRepository, kind + " " + e.name(), kind);
      }
      for (RelationModel r : e.relations()) {
        named(inRepository, "relation " + r.id(), JavaNames.method(r.field()));
      }
      for (RelationModel r : lists(e)) {
        named(inRepository, "relation " + r.id(), JavaNames.method(r.field()));
      }
      for (io.singletable.model.ManyToManyModel m : model.manyToMany()) {
        if (m.aType().equals(e.name())) {
          named(inRepository, "link " + m.name(), m.addMutation());
          named(inRepository, "unlink " + m.name(), m.removeMutation());
        }
      }
      for (FieldModel f : incrementable(model, e)) {
        named(inRepository, "increment " + e.name() + "." + f.name(), JavaNames.method("increment", f.name()));
      }
      List<RelationModel> paged = new ArrayList<>(e.relations());
      paged.addAll(lists(e));
      for (RelationModel r : paged) { // after the others, which keep their names
        if (r.indexed() || r.manyToMany()) {
          named(inRepository, "stream " + r.id(), JavaNames.method(r.field(), "stream"));
          named(inRepository, "pages " + r.id(), JavaNames.method(r.field(), "pages"));
          named(inRepository, "forEach " + r.id(), JavaNames.method(r.field(), "forEach"));
        }
      }
    }
    for (EntityModel e : model.entities()) { // named here, in this order, so that groups can render on any thread
      constants.put(e.name() + ".fields", free(constantBase(e) + "_FIELDS"));
      constants.put(e.name() + ".index", free(constantBase(e) + "_INDEX_ATTRIBUTES"));
    }
    for (RelationModel r : model.relations()) {
      if (r.list() || r.manyToMany()) {
        continue;
      }
      if (r.kind() == RelationKind.HAS_MANY) {
        for (String t : r.concreteTargets()) {
          relationKeys.computeIfAbsent(t, k -> new HashSet<>()).add(r.keyField());
        }
      } else {
        relationKeys.computeIfAbsent(r.owner(), k -> new HashSet<>()).add(r.keyField());
      }
    }
    for (OperationModel o : model.operations()) {
      operations.computeIfAbsent(o.entity() + " " + o.kind(), k -> new ArrayList<>()).add(o);
    }
  }

  private void named(Set<String> inRepository, String key, String wanted) {
    constants.put(key, JavaNames.unused(wanted, inRepository));
  }

  /**
   * The public methods' names, by what they serve: {@code repository T} (the accessor of {@code T}'s repository on
   * the data-access class), and in {@code T}'s repository {@code get T}, {@code getBy T.field}, {@code create T},
   * {@code update T}, {@code delete T}, {@code batchGet T}, {@code relation T.field}, and for a {@code @hasMany}
   * {@code stream T.field} (its lazy stream of items) and {@code pages T.field} (its lazy {@code Iterable} of pages).
   * The async repositories have the same names but for those two, and {@code forEach T.field} (their lazy form,
   * named here too so that no method of either flavour takes it) for a {@code @hasMany}.
   */
  Map<String, String> methodNames() {
    Map<String, String> out = new java.util.TreeMap<>(constants);
    out.keySet().removeIf(k -> !k.contains(" ") || k.startsWith("forEach "));
    return out;
  }

  /**
   * The type whose repository holds the methods of a {@code @list} ({@code Query.field}): the type it lists, or for a
   * union or interface its first member by name; null for no list.
   */
  String listTarget(String id) {
    return model.lists().stream().filter(r -> r.id().equals(id)).map(DataAccessRenderer::listHost).findFirst()
        .orElse(null);
  }

  /** The type whose repository holds the link methods of the {@code @manyToMany} relation {@code name}: its side a's. */
  String linkOwner(String name) {
    return model.manyToMany().stream().filter(m -> m.name().equals(name)).map(io.singletable.model.ManyToManyModel::aType).findFirst()
        .orElse(null);
  }

  /** The type whose repository holds a {@code @list}'s methods: its type, or a union's or interface's first member. */
  private static String listHost(RelationModel r) {
    return r.concreteTargets().contains(r.target()) ? r.target() : r.concreteTargets().get(0);
  }

  /** A public method's name (see {@link #methodNames()}). */
  String methodName(String key) {
    return JavaNames.named(constants, key, "data-access method");
  }

  /** The data-access class's accessor of an entity's repository, e.g. {@code users}. */
  String repositoryAccessor(String entity) {
    return methodName("repository " + entity);
  }

  /**
   * The data-access class and, behind it, one package-private class per entity holding that entity's methods
   * and those of its relations: no class grows with the number of types but by one field and one delegating
   * method per access pattern (a class file holds at most 65,535 constants). In a large schema ({@link
   * JavaNames#chunks()}) the fields and delegating methods of all groups of entities but the last are in a chain of
   * public classes {@code DataAccess1}, … that {@code DataAccess} extends: the same public methods at any size.
   */
  List<TypeSpec> render() {
    List<TypeSpec> out = new ArrayList<>();
    for (int c = 0; c < names.chunks().size(); c++) {
      renderChunk(c, out::add);
    }
    return out;
  }

  /**
   * The files of group {@code c} of {@link JavaNames#chunks()}: each of its entities' classes, handed to {@code out}
   * as soon as it is built, then the group's class ({@code DataAccess} for the last group). Groups are independent:
   * each may be rendered on its own thread.
   */
  void renderChunk(int c, Consumer<TypeSpec> out) {
    DataAccessRelations relations = new DataAccessRelations(model, names, this);
    ClassName clock = ClassName.get(java.time.Clock.class);
    ClassName client = ClassName.get("software.amazon.awssdk.services.dynamodb", "DynamoDbClient");
    ClassName pending = names.runtimeClass("PendingWrites");
    ClassName retry = names.runtimeClass("RetryPolicy");
    List<List<EntityModel>> chunks = names.chunks();
    boolean last = c == chunks.size() - 1;
    TypeName superclass = c == 0 ? names.runtimeClass("TableAccess") : names.dataAccessChunkClass(c - 1);
    int index = 0;
    for (int i = 0; i < c; i++) {
      index += chunks.get(i).size();
    }
    ClassName chunkName = last ? self : names.dataAccessChunkClass(c);
    TypeSpec.Builder holder = last ? dataAccessType().superclass(superclass) : chunk(chunkName, superclass, chunks.get(c));
    CodeBlock.Builder init = CodeBlock.builder();
    for (EntityModel e : chunks.get(c)) {
      ClassName partName = names.repositoryClass(e.name());
      String accessor = repositoryAccessor(e.name());
      TypeSpec.Builder part = TypeSpec.classBuilder(partName).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
          .superclass(names.runtimeClass("TableAccess"))
          .alwaysQualify(names.qualified())
          .addJavadoc(doc("The access patterns of $L and of its relations: {@code access.$L()} of a {@link $L}. Thread-safe.\n"
              + "Generated by singletable; do not edit.\n", e.name(), accessor, self.simpleName()))
          .addField(self, "access", Modifier.PRIVATE, Modifier.FINAL)
          .addMethod(MethodSpec.constructorBuilder()
              .addParameter(self, "access")
              .addParameter(client, "client")
              .addParameter(STRING, "tableName").addParameter(clock, "clock").addParameter(retry, "retry")
              .addParameter(pending, "pending")
              .addStatement("super(client, tableName, clock, retry, pending)")
              .addStatement("this.access = access").build());
      part.addField(listConstant(fieldsConstant(e), e.storedFields().stream().map(FieldModel::name)
          .filter(n -> !n.equals("id")).toList(), "Stored fields of " + e.name() + " but id: what an update's condition compares."));
      part.addField(listConstant(indexConstant(e), indexAttributes(e),
          "Index attributes of " + e.name() + " items, rewritten by every update."));
      addEntityMethods(part, e);
      for (RelationModel r : e.relations()) {
        relations.render(r).forEach(part::addMethod);
      }
      for (RelationModel r : lists(e)) {
        relations.render(r).forEach(part::addMethod);
      }
      for (io.singletable.model.ManyToManyModel m : model.manyToMany()) {
        if (m.aType().equals(e.name())) {
          relations.linkMethods(m).forEach(part::addMethod);
        }
      }
      TypeSpec built = part.build();
      String field = "part" + index++;
      holder.addField(partName, field, Modifier.PRIVATE, Modifier.FINAL);
      if (last) {
        init.addStatement("this.$N = new $T(this, client, tableName, clock, retry, pending)", field, partName);
      } else {
        init.addStatement("this.$N = new $T(($T) this, client, tableName, clock, retry, pending)", field, partName, self);
      }
      holder.addMethod(MethodSpec.methodBuilder(accessor).addModifiers(Modifier.PUBLIC).returns(partName)
          .addJavadoc(doc("The access patterns of $L: get, create, update, delete$L.\n\n@return its repository\n", e.name(),
              e.relations().isEmpty() ? "" : " and its relations (" + String.join(", ", e.relations().stream()
                  .map(r -> "{@code " + r.field() + "}").toList()) + ")"))
          .addStatement("return $N", field).build());
      out.accept(built);
    }
    if (last) {
      addPublicMembers(holder, init.build());
    } else {
      holder.addMethod(MethodSpec.constructorBuilder()
          .addParameter(client, "client").addParameter(STRING, "tableName").addParameter(clock, "clock")
          .addParameter(retry, "retry").addParameter(pending, "pending")
          .addStatement("super(client, tableName, clock, retry, pending)").addCode(init.build()).build());
    }
    out.accept(holder.build());
  }

  private TypeSpec.Builder dataAccessType() {
    return TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .alwaysQualify(names.qualified())
        .addJavadoc(doc("The access patterns of the schema for Java code, over the AWS SDK v2 {@code DynamoDbClient}: one\n"
            + "repository per {@code @model} type (e.g. {@code access.$L().get(id)}), holding its gets, writes and relations.\n"
            + "Every method reads and writes exactly what the GraphQL resolvers do (same keys, index attributes, unique\n"
            + "items, conditions and errors), so items written by either path are interchangeable. Thread-safe.\n"
            + "<p>Updates are read-modify-write: the change function gets the stored entity and returns the new one\n"
            + "(records have {@code withX} methods); the write holds only if the item is still what was read, and is\n"
            + "retried with the fresh item as the retry policy says ({@link #withRetryPolicy};\n"
            + "{@link #MAX_ATTEMPTS} attempts by default). Generated by singletable; do not edit.\n"
            + (model.entities().stream().anyMatch(e -> !e.auth().open() || e.fields().stream().anyMatch(f -> !f.auth().open()))
                ? "<p>A trusted, server-side path: it has no caller and applies none of the schema's {@code @auth} rules,\n"
                    + "which the GraphQL resolvers enforce. Check what your own callers may do before you call it.\n"
                : ""), repositoryAccessor(model.entities().get(0).name())));
  }

  /**
   * A class of the public chain behind {@code DataAccess} in a large schema: the access patterns of one group of
   * entities. Public, so that javac adds no bridge methods to {@code DataAccess} for the methods it inherits.
   */
  private TypeSpec.Builder chunk(ClassName name, TypeName superclass, List<EntityModel> entities) {
    return TypeSpec.classBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
        .superclass(superclass)
        .alwaysQualify(names.qualified())
        .addJavadoc("The access patterns of $L to $L, inherited by {@link $T} (a class file holds at most 65,535\n"
            + "constants): use {@code $L}. Generated by singletable; do not edit.\n",
            entities.get(0).name(), entities.get(entities.size() - 1).name(), self, self.simpleName());
  }

  /** Constructors and the table's definition; the rest of the public members are the runtime's. */
  private void addPublicMembers(TypeSpec.Builder type, CodeBlock parts) {
    ClassName client = ClassName.get("software.amazon.awssdk.services.dynamodb", "DynamoDbClient");
    ClassName clock = ClassName.get(java.time.Clock.class);
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addParameter(client, "client").addParameter(STRING, "tableName")
        .addJavadoc(doc("Access to the table {@code tableName} (the SAM template's {@code Table}, e.g. from its {@code TableName} output).\n\n"
            + "@param client the DynamoDB client\n@param tableName the table's name\n"))
        .addStatement("this(client, tableName, $T.systemUTC())", clock).build());
    ClassName pending = names.runtimeClass("PendingWrites");
    ClassName retryPolicy = names.runtimeClass("RetryPolicy");
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addParameter(client, "client").addParameter(STRING, "tableName").addParameter(clock, "clock")
        .addJavadoc(doc("Access with a clock for {@code createdAt}/{@code updatedAt}.\n\n"
            + "@param client the DynamoDB client\n@param tableName the table's name\n@param clock the clock of the timestamps\n"))
        .addStatement("this(client, tableName, clock, $T.DEFAULT, null)", retryPolicy).build());
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
        .addParameter(client, "client").addParameter(STRING, "tableName").addParameter(clock, "clock")
        .addParameter(retryPolicy, "retry").addParameter(pending, "pending")
        .addStatement("super(client, tableName, clock, retry, pending)").addCode(parts).build());
    type.addMethod(MethodSpec.methodBuilder("withRetryPolicy").addModifiers(Modifier.PUBLIC).returns(self)
        .addParameter(retryPolicy, "policy")
        .addJavadoc(doc("The same access with another retry policy for writes that meet a concurrent change or a transaction\n"
            + "conflict (e.g. {@code RetryPolicy.none()} to fail at once, or more attempts under contention).\n\n"
            + "@param policy the policy\n@return a new access over the same client and table\n"
            + "@throws NullPointerException when the policy is null\n"))
        .addStatement("return new $T(client(), tableName(), clock(), $T.requireNonNull(policy, $S), null)", self, OBJECTS, "policy")
        .build());
    ClassName consumer = ClassName.get(java.util.function.Consumer.class);
    ClassName function = ClassName.get(java.util.function.Function.class);
    com.palantir.javapoet.TypeVariableName r = com.palantir.javapoet.TypeVariableName.get("R");
    String example = repositoryAccessor(model.entities().get(0).name());
    String txDoc = "<p>Inside, the repositories of {@code tx} add their creates, updates and deletes (with their unique items,\n"
        + "index attributes, type checks and conditions, exactly as outside) to one TransactWriteItems, committed when\n"
        + "{@code work} returns: all of them are written, or none. Reads are made at once and see the table as it was\n"
        + "before the transaction; an update's or delete's condition is on the item as read. Each item is written at most\n"
        + "once per transaction, and a transaction holds at most 100 writes, unique items included. When an item changed\n"
        + "after its read, or another transaction held one, {@code work} runs again on fresh reads (up to\n"
        + "{@link #MAX_ATTEMPTS} times by default): it should do nothing but its calls. Cost: the reads, then one\n"
        + "TransactWriteItems (twice the write capacity of plain writes).\n\n";
    String txThrows = "@throws NullPointerException when {@code work} is null\n"
        + "@throws IllegalStateException when called inside a transaction, or when it would hold more than 100 writes\n"
        + "        (nothing is written)\n"
        + "@throws IllegalArgumentException when it writes an item twice (nothing is written)\n"
        + "@throws NotUniqueException when a created id or a created or changed unique value is taken (nothing is written)\n"
        + "@throws NotFoundException when an updated or deleted item does not exist (nothing is written)\n"
        + "@throws ConflictException when an item changed after its read in each attempt (nothing is written)\n"
        + "@throws TransactionConflictException when another transaction held an item in each attempt (nothing is written)\n"
        + VALIDATION;
    type.addMethod(MethodSpec.methodBuilder("transaction").addModifiers(Modifier.PUBLIC)
        .addParameter(ParameterizedTypeName.get(consumer, self), "work")
        .addJavadoc(doc("Writes several items, of any types, atomically:\n<pre>{@code\naccess.transaction(tx -> {\n"
            + "  tx.$L().create(a);\n  tx.$L().update(id, x -> x);\n});\n}</pre>\n" + txDoc
            + "@param work the calls, on the transaction's access {@code tx}\n" + txThrows, example, example))
        .addStatement("$T.requireNonNull(work, $S)", OBJECTS, "work")
        .addStatement("runTransaction(pending -> {\n$>work.accept(new $T(client(), tableName(), clock(), retryPolicy(), pending));\nreturn null;\n$<})", self)
        .build());
    type.addMethod(MethodSpec.methodBuilder("transactionResult").addModifiers(Modifier.PUBLIC).addTypeVariable(r)
        .returns(r).addParameter(ParameterizedTypeName.get(function, self, r), "work")
        .addJavadoc(doc("{@link #transaction} returning what {@code work} returns (its last run's, after a retry).\n\n"
            + "@param work the calls, on the transaction's access {@code tx}\n@param <R> what it returns\n"
            + "@return what {@code work} returned\n" + txThrows))
        .addStatement("$T.requireNonNull(work, $S)", OBJECTS, "work")
        .addStatement("return runTransaction(pending -> work.apply(new $T(client(), tableName(), clock(), retryPolicy(), pending)))", self)
        .build());
    ClassName request = ClassName.get("software.amazon.awssdk.services.dynamodb.model", "CreateTableRequest");
    type.addMethod(MethodSpec.methodBuilder("createTableRequest").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(request)
        .addParameter(STRING, "tableName")
        .addJavadoc(doc("The table as {@code template.yaml} declares it (on-demand, hash key {@code PK}, $L generic GSIs with\n"
            + "{@code PKnn}/{@code SKnn} keys projecting all attributes), for DynamoDB Local and tests.\n\n"
            + "@param tableName the table's name\n@return the request\n"
            + "@throws NullPointerException when the name is null\n", model.slots().size()))
        .addStatement("$T.requireNonNull(tableName, $S)", OBJECTS, "tableName")
        .addStatement("return createTableRequest(tableName, $L)", model.slots().size()).build());
  }

  /** A method name not used yet ({@code _} appended on a clash). */
  String free(String name) {
    return JavaNames.unused(name, used);
  }


  private static FieldSpec listConstant(String name, List<String> values, String doc) {
    CodeBlock init = values.isEmpty() ? CodeBlock.of("$T.of()", List.class)
        : CodeBlock.of("$T.of($L)", List.class, String.join(", ", values.stream().map(v -> CodeBlock.of("$S", v).toString()).toList()));
    return FieldSpec.builder(ParameterizedTypeName.get(LIST, STRING), name, Modifier.STATIC, Modifier.FINAL)
        .initializer(init).addJavadoc("$L\n", doc).build();
  }

  private static String constantBase(EntityModel e) {
    return e.name().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  String fieldsConstant(EntityModel e) {
    return JavaNames.named(constants, e.name() + ".fields", "constant");
  }

  String indexConstant(EntityModel e) {
    return JavaNames.named(constants, e.name() + ".index", "constant");
  }

  private List<String> indexAttributes(EntityModel e) {
    List<String> out = new ArrayList<>();
    for (RelationModel r : model.relationsTargeting(e.name())) {
      if (!out.contains(r.partitionAttribute())) {
        out.add(r.partitionAttribute());
        out.add(r.sortAttribute());
      }
    }
    return out;
  }

  private String graphql(EntityModel e, OperationKind kind, String by) {
    return operations.getOrDefault(e.name() + " " + kind, List.of()).stream()
        .filter(o -> by == null || by.equals(o.by()))
        .map(OperationModel::field).findFirst()
        .map(f -> "GraphQL: {@code " + (kind == OperationKind.GET ? "Query." : "Mutation.") + f + "}.")
        .orElse("Not exposed by the GraphQL API ({@code @model(operations)}).");
  }

  private void addEntityMethods(TypeSpec.Builder type, EntityModel e) {
    type.addMethod(stampCreate(e));
    type.addMethod(stampUpdate(e));
    if (!e.uniques().isEmpty()) {
      type.addMethod(uniqueKeysOf(e));
    }
    if (!sortedSides(e).isEmpty()) {
      type.addMethod(sortedLinksOf(e));
    }
    type.addMethod(get(e));
    type.addMethod(getConsistent(e));
    for (UniqueModel u : e.uniques()) {
      type.addMethod(getByUnique(e, u));
      type.addMethod(getByUniqueConsistent(e, u));
    }
    type.addMethod(create(e));
    type.addMethod(createAll(e));
    type.addMethod(update(e));
    if (e.versioned()) {
      type.addMethod(update(e, true));
    }
    type.addMethod(delete(e));
    if (e.versioned()) {
      type.addMethod(delete(e, true));
    }
    type.addMethod(batchGet(e));
    type.addMethod(batchGetConsistent(e));
    for (FieldModel f : incrementable(model, e)) {
      type.addMethod(increment(e, f));
    }
  }

  private String nodeKey(EntityModel e) {
    return names.nodeKey(e.name());
  }

  private String fromItem(EntityModel e) {
    return names.fromItem(e.name());
  }

  /** The name of an entity's get method. */
  String getName(String entity) {
    return methodName("get " + entity);
  }

  /** The name of an entity's batch get method. */
  String batchGetName(String entity) {
    return methodName("batchGet " + entity);
  }

  private static final String VALIDATION = "@throws ValidationErrorException when DynamoDB refuses the request as invalid (e.g. a key over its\n"
      + "        size limit)\n";
  private static final String EXPECTED_UPDATE = "@param expectedVersion the version the caller read: the update holds only if the stored item still has it\n"
      + "        (0 for an item stored before the type was versioned), and writes the next one\n";
  private static final String EXPECTED_DELETE = "@param expectedVersion the version the caller read: the delete holds only if the stored item still has it\n"
      + "        (0 for an item stored before the type was versioned)\n";
  private static final String VERSION_CONFLICT = "@throws VersionConflictException when the stored item has another version, or got one between the read\n"
      + "        and the write ({@code ConflictingVersion}; nothing is written)\n";
  private static final String INTERRUPTED = "@throws DataAccessException ({@code Interrupted}) when the thread is interrupted while waiting to retry\n";

  /**
   * The fields of {@code e} holding ids of related items, whose values a write checks ({@code InvalidId}): key
   * fields of its {@code @belongsTo}/{@code @hasOne} relations and the fields other types' {@code @hasMany(field:)}
   * name, in declaration order.
   */
  List<FieldModel> relationKeyFields(EntityModel e) {
    Set<String> keys = relationKeys.getOrDefault(e.name(), Set.of());
    return e.storedFields().stream().filter(f -> !f.name().equals("id") && keys.contains(f.name())).toList();
  }

  /** Statements refusing invalid values of the relation key fields of {@code value} ({@code InvalidId}). */
  CodeBlock checkKeys(EntityModel e, String value) {
    CodeBlock.Builder out = CodeBlock.builder();
    for (FieldModel f : relationKeyFields(e)) {
      out.addStatement("$L($S, $S, $L.$L())", f.type().list() ? "checkIds" : "checkId", e.name(), f.name(), value,
          JavaIdentifiers.member(f.name()));
    }
    return out.build();
  }

  private String keyFieldsDoc(EntityModel e) {
    List<FieldModel> keys = relationKeyFields(e);
    return keys.isEmpty() ? "" : " or a value of "
        + String.join(", ", keys.stream().map(f -> "{@code " + f.name() + "}").toList());
  }

  private boolean hasFloat(EntityModel e) {
    return e.storedFields().stream().anyMatch(f -> f.type().name().equals("Float"));
  }

  private MethodSpec get(EntityModel e) {
    ClassName r = names.type(e.name());
    return MethodSpec.methodBuilder(getName(e.name())).addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(OPTIONAL, r)).addParameter(STRING, "id")
        .addJavadoc(doc("Access pattern: a $L by id. $L Cost: one GetItem (eventually consistent, as the resolver).\n"
            + "Only the $L node of that id is returned: not an item of another type under the same key (type-confusion\n"
            + "guard), nor an item whose stored {@code id} is another.\n\n"
            + "@param id the id\n@return the $L, or empty\n"
            + "@throws NullPointerException when the id is null\n"
            + "@throws InvalidIdException when the id is empty or contains {@code #} or a control character (nothing is read)\n"
            + VALIDATION, e.name(), graphql(e, OperationKind.GET, "id"), e.name(), e.name()))
        .addStatement("return $N(id, $T.EVENTUAL)", getName(e.name()), names.runtimeClass("ReadConsistency"))
        .build();
  }

  /** {@code get(id, consistency)}: the get with the read's consistency chosen. */
  private MethodSpec getConsistent(EntityModel e) {
    ClassName r = names.type(e.name());
    return MethodSpec.methodBuilder(getName(e.name())).addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(OPTIONAL, r)).addParameter(STRING, "id")
        .addParameter(names.runtimeClass("ReadConsistency"), "consistency")
        .addJavadoc(doc("Access pattern: a $L by id, as {@link #$L(java.lang.String)}, with the read's consistency chosen. Cost: one GetItem\n"
            + "(strongly consistent with {@code STRONG}: twice the read capacity).\n\n"
            + "@param id the id\n@param consistency how the read sees recent writes\n@return the $L, or empty\n"
            + "@throws NullPointerException when the id or the consistency is null\n"
            + "@throws InvalidIdException when the id is empty or contains {@code #} or a control character (nothing is read)\n"
            + VALIDATION, e.name(), getName(e.name()), e.name()))
        .addStatement("$T.requireNonNull(id, $S)", OBJECTS, "id")
        .addStatement("$T.requireNonNull(consistency, $S)", OBJECTS, "consistency")
        .addStatement("checkId($S, $S, id)", e.name(), "id")
        .addStatement("return readNode(consistency, $T.$N(id), id, $T::$N, $S)", codec, nodeKey(e), codec, fromItem(e), e.name())
        .build();
  }

  /** {@code getByX(value, consistency)}: the unique lookup with the read's consistency chosen. */
  private MethodSpec getByUniqueConsistent(EntityModel e, UniqueModel u) {
    ClassName r = names.type(e.name());
    FieldModel f = e.field(u.field()).orElseThrow();
    String p = JavaIdentifiers.member(u.field());
    String c = p.equals("consistency") ? "consistency_" : "consistency";
    String name = methodName("getBy " + e.name() + "." + u.field());
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(OPTIONAL, r))
        .addParameter(names.javaType(f.type(), f.kind() == FieldKind.ENUM), p)
        .addParameter(names.runtimeClass("ReadConsistency"), c)
        .addJavadoc(doc("Access pattern: the $L whose unique {@code $L} is {@code $L}, as {@link #$L}, with the read's consistency\n"
            + "chosen. Cost: one GetItem of its unique item (strongly consistent with {@code STRONG}: twice the read capacity).\n\n"
            + "@param $L the value\n@param $L how the read sees recent writes\n@return the $L, or empty\n"
            + "@throws NullPointerException when the value or the consistency is null\n$L" + VALIDATION,
            e.name(), u.field(), p, name, p, c, e.name(),
            f.type().name().equals("Float") ? "@throws IllegalArgumentException when the value is NaN or infinite\n" : ""))
        .addStatement("$T.requireNonNull($N, $S)", OBJECTS, p, p)
        .addStatement("$T.requireNonNull($N, $S)", OBJECTS, c, "consistency")
        .addStatement("$T __pk = $T.$N($N)", STRING, codec, names.uniqueKey(e.name(), u.field()), p)
        .addCode("// only the unique item of this value: its stored $L has this key (not an item planted under it)\n", u.field())
        .addStatement("return readNode($N, __pk, null, $T::$N, $S).filter(__found -> __found.$N() != null && __pk.equals($T.$N(__found.$N())))",
            c, codec, fromItem(e), e.name(), p, codec, names.uniqueKey(e.name(), u.field()), p)
        .build();
  }

  /** {@code batchGet(ids, consistency)}: the batch get with the reads' consistency chosen. */
  private MethodSpec batchGetConsistent(EntityModel e) {
    ClassName r = names.type(e.name());
    return MethodSpec.methodBuilder(batchGetName(e.name())).addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(LIST, r)).addParameter(ParameterizedTypeName.get(LIST, STRING), "ids")
        .addParameter(names.runtimeClass("ReadConsistency"), "consistency")
        .addJavadoc(doc("Access pattern: many $L items by id, as {@link #$L(java.util.List)}, with the reads' consistency chosen. Cost: one\n"
            + "BatchGetItem per 100 distinct ids (strongly consistent with {@code STRONG}: twice the read capacity).\n\n"
            + "@param ids the ids (null and repeated ids allowed)\n@param consistency how the reads see recent writes\n"
            + "@return one element per id, in the order of the ids (null where {@link #$L(java.util.List)} has null)\n"
            + "@throws NullPointerException when the list or the consistency is null\n"
            + "@throws DataAccessException ({@code UnprocessedKeys}) when keys stay unprocessed {@link #MAX_BATCH_ATTEMPTS}\n"
            + "        times\n"
            + VALIDATION + INTERRUPTED, e.name(), batchGetName(e.name()), batchGetName(e.name())))
        .addStatement("$T.requireNonNull(ids, $S)", OBJECTS, "ids")
        .addStatement("$T.requireNonNull(consistency, $S)", OBJECTS, "consistency")
        .addStatement("return readNodes(consistency, ids, $T::$N, $T::$N, $S)", codec, nodeKey(e), codec, fromItem(e), e.name())
        .build();
  }

  private MethodSpec getByUnique(EntityModel e, UniqueModel u) {
    ClassName r = names.type(e.name());
    FieldModel f = e.field(u.field()).orElseThrow();
    String p = JavaIdentifiers.member(u.field());
    return MethodSpec.methodBuilder(methodName("getBy " + e.name() + "." + u.field())).addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(OPTIONAL, r))
        .addParameter(names.javaType(f.type(), f.kind() == FieldKind.ENUM), p)
        .addJavadoc(doc("Access pattern: the $L whose unique {@code $L} is {@code $L}$L. $L Cost: one GetItem of its unique item\n"
            + "(a full copy of the node); an item of another type, or whose stored value is not this one, is not returned.\n\n"
            + "@param $L the value\n@return the $L, or empty\n"
            + "@throws NullPointerException when the value is null\n$L" + VALIDATION,
            e.name(), u.field(), p, u.ignoreCase() ? ", whatever its case" : "", graphql(e, OperationKind.GET, u.field()),
            p, e.name(), f.type().name().equals("Float") ? "@throws IllegalArgumentException when the value is NaN or infinite\n" : ""))
        .addStatement("return $N($N, $T.EVENTUAL)", methodName("getBy " + e.name() + "." + u.field()), p,
            names.runtimeClass("ReadConsistency"))
        .build();
  }

  boolean timestamps(EntityModel e, String field) {
    return e.field(field).map(FieldModel::automaticTimestamp).orElse(false);
  }

  private MethodSpec create(EntityModel e) {
    ClassName r = names.type(e.name());
    MethodSpec.Builder m = MethodSpec.methodBuilder(methodName("create " + e.name())).addModifiers(Modifier.PUBLIC)
        .returns(r).addParameter(r, "value")
        .addJavadoc(doc("Access pattern: create a $L. $L Cost: $L; fails if the id$L is taken.\n"
            + "$L$L\n@param value the entity (new ids: {@link #newId()})\n@return the entity as stored\n"
            + "@throws NullPointerException when the value is null\n"
            + "@throws InvalidIdException when the id$L is empty or contains {@code #} or a control character (nothing is\n"
            + "        written)\n"
            + "$L"
            + "@throws TransactionConflictException when another transaction held one of the items (nothing is written; retry)\n"
            + VALIDATION + "$L",
            e.name(), graphql(e, OperationKind.CREATE, null),
            e.uniques().isEmpty() ? "one PutItem" : "one TransactWriteItems of the node and its unique items",
            e.uniques().isEmpty() ? "" : " or a unique value",
            stampsOnCreate(e), repeatedCreate(e), keyFieldsDoc(e), createNotUnique(e),
            hasFloat(e) ? "@throws IllegalArgumentException when a {@code Float} is NaN or infinite\n" : ""))
        .addStatement("$T.requireNonNull(value, $S)", OBJECTS, "value")
        .addStatement("$T stored = stampCreate(value, this::now)", r);
    if (!e.uniques().isEmpty()) {
      return m.addStatement("createNode($S, $T.toItem(stored), $N, $L, $L)", e.name(), codec, indexConstant(e),
              uniqueKeysCall(e, "null", "stored"), stampedList(e))
          .addStatement("return stored").build();
    }
    // an earlier create of the same item (but its timestamps) counts as this one: return what it stored
    return m.addStatement("$T earlier = createNode($S, $T.toItem(stored), $N, $L, $L)", ITEM, e.name(), codec,
            indexConstant(e), uniqueKeysCall(e, "null", "stored"), stampedList(e))
        .addStatement("return earlier == null ? stored : $T.$N(earlier)", codec, fromItem(e)).build();
  }

  /** {@code List.of("createdAt", "updatedAt")}: the attributes a create stamps, as the type has them. */
  CodeBlock stampedList(EntityModel e) {
    return CodeBlock.of("$T.of($L)", List.class, String.join(", ", List.of("createdAt", "updatedAt").stream()
        .filter(f -> timestamps(e, f)).map(f -> CodeBlock.of("$S", f).toString()).toList()));
  }

  /** The unique keys of an update from {@code before} to {@code after} (either may be {@code null}). */
  CodeBlock uniqueKeysCall(EntityModel e, String before, String after) {
    return e.uniques().isEmpty() ? CodeBlock.of("$T.of()", List.class) : CodeBlock.of("uniqueKeysOf($L, $L)", before, after);
  }

  /**
   * {@code static T stampCreate(T value, Supplier<String> clock)}: what a create stores, shared by both flavours:
   * the ids checked, the timestamps set (one reading of the clock, only when the type has them), version 1.
   */
  private MethodSpec stampCreate(EntityModel e) {
    ClassName r = names.type(e.name());
    MethodSpec.Builder m = MethodSpec.methodBuilder("stampCreate").addModifiers(Modifier.STATIC).returns(r)
        .addParameter(r, "value").addParameter(ParameterizedTypeName.get(ClassName.get(java.util.function.Supplier.class),
            STRING), "clock")
        .addJavadoc("What a create of {@code value} stores (ids checked, timestamps and version set): the same in both flavours.\n")
        .addStatement("checkId($S, $S, value.id())", e.name(), "id")
        .addCode(checkKeys(e, "value"))
        .addStatement("$T stored = value", r);
    if (timestamps(e, "createdAt") || timestamps(e, "updatedAt")) {
      m.addStatement("$T now = clock.get()", STRING);
      for (String f : List.of("createdAt", "updatedAt")) {
        if (timestamps(e, f)) {
          m.addStatement("stored = stored.$N(now)", names.wither(e.name(), f));
        }
      }
    }
    if (e.versioned()) {
      m.addStatement("stored = stored.$N(1)", names.wither(e.name(), EntityModel.VERSION));
    }
    return m.addStatement("return stored").build();
  }

  /**
   * {@code static Replacement<T> stampUpdate(String id, Map current, UnaryOperator<T> change, Supplier<String> clock)}:
   * what an update writes over the stored item, shared by both flavours.
   */
  private MethodSpec stampUpdate(EntityModel e) {
    ClassName r = names.type(e.name());
    MethodSpec.Builder m = MethodSpec.methodBuilder("stampUpdate").addModifiers(Modifier.STATIC)
        .returns(ParameterizedTypeName.get(names.runtimeClass("TableAccess").nestedClass("Replacement"), r))
        .addParameter(STRING, "id").addParameter(ITEM, "current")
        .addParameter(ParameterizedTypeName.get(ClassName.get(UnaryOperator.class), r), "change")
        .addParameter(ParameterizedTypeName.get(ClassName.get(java.util.function.Supplier.class), STRING), "clock")
        .addJavadoc("What an update of the stored item {@code current} writes: the same in both flavours.\n")
        .addStatement("$T before = $T.$N(current)", r, codec, fromItem(e))
        .addStatement("$T after = $T.requireNonNull(change.apply(before), $S)", r, OBJECTS, "change returned null")
        .addStatement("requireId(id, after.id())")
        .addCode(checkKeys(e, "after"));
    if (timestamps(e, "createdAt")) {
      m.addStatement("after = after.$N(before.createdAt())", names.wither(e.name(), "createdAt"));
    }
    if (timestamps(e, "updatedAt")) {
      m.addStatement("after = after.$N(clock.get())", names.wither(e.name(), "updatedAt"));
    }
    if (e.versioned()) {
      m.addStatement("after = after.$N(before.$N() == null ? 1 : before.$N() + 1)", names.wither(e.name(), EntityModel.VERSION),
          JavaIdentifiers.member(EntityModel.VERSION), JavaIdentifiers.member(EntityModel.VERSION));
    }
    // exactly what a create of the merged entity writes: attributes the model no longer has are dropped
    return m.addStatement("return new $T<>(after, $T.toItem(after), $L$L)",
        names.runtimeClass("TableAccess").nestedClass("Replacement"), codec, uniqueKeysCall(e, "before", "after"),
        sortedSides(e).isEmpty() ? "" : ", sortedLinksOf(before, after)").build();
  }

  /** The update's Javadoc on the join items holding sort keys of the item's values, or empty. */
  private String sortedUpdateDoc(EntityModel e) {
    List<RelationModel> sides = sortedSides(e);
    if (sides.isEmpty()) {
      return "";
    }
    return "\n<p>Many-to-many join items hold copies of this item's values:\n"
        + String.join("; ", sides.stream().map(x -> "{@code " + x.id() + "} sorts by " + String.join(", ",
            x.sortBy().stream().map(f -> "{@code " + f.field() + "}").toList())).toList())
        + ".\nWhen the update changes such a value the join items follow in the same write: one consistent\n"
        + "BatchGetItem of the item's link heads, one consistent BatchGetItem of the join items they list, then one\n"
        + "TransactWriteItems of the node" + (e.uniques().isEmpty() ? "" : ", its unique items")
        + ", one update per join item and a check of each head (a link made or\n"
        + "removed meanwhile retries the update); more than 100 actions is {@code TooManyLinks}. An update changing none\n"
        + "of them costs no more than one without.";
  }

  /**
   * The {@code @manyToMany} sides of other types that sort by fields of {@code e}: their join items hold sort keys made
   * of {@code e}'s values, in relation-name order.
   */
  List<RelationModel> sortedSides(EntityModel e) {
    List<RelationModel> out = new ArrayList<>();
    model.manyToMany().stream().sorted(java.util.Comparator.comparing(io.singletable.model.ManyToManyModel::name))
        .forEach(m -> List.of(m.a(), m.b()).stream()
            .filter(x -> x.target().equals(e.name()) && !x.sortBy().isEmpty()).forEach(out::add));
    return out;
  }

  /**
   * {@code static List<SortedLink> sortedLinksOf(T before, T after)}: the sort keys of join items an update moves, one
   * per relation whose key of the item ({@code sortKey<side>}) differs between {@code before} and {@code after}.
   */
  private MethodSpec sortedLinksOf(EntityModel e) {
    ClassName r = names.type(e.name());
    ClassName link = names.runtimeClass("SortedLink");
    MethodSpec.Builder m = MethodSpec.methodBuilder("sortedLinksOf").addModifiers(Modifier.STATIC)
        .returns(ParameterizedTypeName.get(LIST, link)).addParameter(r, "before").addParameter(r, "after")
        .addJavadoc("The sort keys of {@code @manyToMany} join items that an update from {@code before} to {@code after}\n"
            + "moves: those of the relations whose key of the item changed.\n")
        .addStatement("$T<$T> out = new $T<>()", LIST, link, ArrayList.class);
    int i = 0;
    for (RelationModel x : sortedSides(e)) {
      String after = "__after" + ++i;
      io.singletable.model.ManyToManyModel mm = model.manyToManyOf(x).orElseThrow();
      // the item is on side a when the side sorting by its fields is side b
      boolean sideA = mm.b().id().equals(x.id());
      m.addCode("// $L: $L, sorted by $L\n", mm.name(), x.id(), String.join(", ", x.sortBy().stream()
              .map(io.singletable.model.SortField::field).toList()))
          .addStatement("$T $N = $T.$N($Lafter.id())", STRING, after, codec, names.sortKey(x),
              DataAccessRelations.sortValues(x, "after"))
          .beginControlFlow("if (!$N.equals($T.$N($Lbefore.id())))", after, codec, names.sortKey(x),
              DataAccessRelations.sortValues(x, "before"))
          .addStatement("out.add(new $T($S, $L, $S, $N))", link, mm.name(), sideA, x.sortAttribute(), after)
          .endControlFlow();
    }
    return m.addStatement("return out").build();
  }

  /** {@code static List<UniqueKey> uniqueKeysOf(T before, T after)}: the unique keys of a write (null: no entity). */
  private MethodSpec uniqueKeysOf(EntityModel e) {
    ClassName r = names.type(e.name());
    List<CodeBlock> keys = new ArrayList<>();
    for (UniqueModel u : e.uniques()) {
      keys.add(CodeBlock.of("new $T($S, $L, $L)", uniqueKey, u.field(), nullableKey(e, u, "before"), nullableKey(e, u, "after")));
    }
    return MethodSpec.methodBuilder("uniqueKeysOf").addModifiers(Modifier.STATIC)
        .returns(ParameterizedTypeName.get(LIST, uniqueKey)).addParameter(r, "before").addParameter(r, "after")
        .addJavadoc("The keys of the unique items of {@code before} (stored) and {@code after} (written); null: none.\n")
        .addStatement("return $T.of(\n$>$>$L$<$<)", List.class, CodeBlock.join(keys, ",\n")).build();
  }

  private CodeBlock nullableKey(EntityModel e, UniqueModel u, String value) {
    String get = value + "." + JavaIdentifiers.member(u.field()) + "()";
    return CodeBlock.of("$L == null || $L == null ? null : $T.$N($L)", value, get, codec, names.uniqueKey(e.name(), u.field()), get);
  }

  /** The timestamps a create sets, as the type has them. */
  private String stampsOnCreate(EntityModel e) {
    boolean created = timestamps(e, "createdAt");
    boolean updated = timestamps(e, "updatedAt");
    if (created && updated) {
      return "{@code createdAt}/{@code updatedAt} are set to now, as the resolver sets them.\n";
    }
    return created || updated ? "{@code " + (created ? "createdAt" : "updatedAt") + "} is set to now, as the resolver sets it.\n" : "";
  }

  /** The timestamps an update sets and keeps, as the type has them. */
  private String stampsOnUpdate(EntityModel e) {
    boolean created = timestamps(e, "createdAt");
    boolean updated = timestamps(e, "updatedAt");
    if (created && updated) {
      return " {@code updatedAt} is set to now and {@code createdAt} kept, as the resolver does.";
    }
    return updated ? " {@code updatedAt} is set to now, as the resolver does."
        : created ? " {@code createdAt} is kept, as the resolver keeps it." : "";
  }

  /** The stamped fields of a type, as Javadoc: {@code {@code createdAt}/{@code updatedAt}}, or empty. */
  private String stampedDoc(EntityModel e) {
    return String.join("/", List.of("createdAt", "updatedAt").stream().filter(f -> timestamps(e, f))
        .map(f -> "{@code " + f + "}").toList());
  }

  /** What a create repeating an earlier one answers (see TableAccess.createNode). */
  private String repeatedCreate(EntityModel e) {
    if (!e.uniques().isEmpty()) {
      return "<p>A repeated create of the same entity fails, as the resolver's does (its TransactWriteItems finds its own items):\n"
          + "{@code NotUnique} of the first unique value it sets, else of {@code id}; read it back with {@link #"
          + getName(e.name()) + "} to tell a\nretry from a clash.\n";
    }
    String stamped = stampedDoc(e);
    return "<p>A repeated create of the same entity succeeds and returns the stored item: AppSync counts a PutItem that finds\n"
        + "exactly its item as written, and so does this method"
        + (stamped.isEmpty() ? ".\n"
            : ";\nit also ignores " + stamped + ", which a retry stamps again (a Java-only rule:\n"
                + "the resolver refuses a retry made in another millisecond with {@code NotUnique:" + e.name() + ".id}).\n");
  }

  /** The create's {@code @throws NotUniqueException}. */
  private String createNotUnique(EntityModel e) {
    if (!e.uniques().isEmpty()) {
      return "@throws NotUniqueException when another " + e.name() + " has a unique value of this one ({@code NotUnique:"
          + e.name() + ".field}), or an\n        item of any type has this id ({@code NotUnique:" + e.name()
          + ".id}); a repeated create of the same entity too\n";
    }
    String stamped = stampedDoc(e);
    return "@throws NotUniqueException when an item of any type has this id ({@code NotUnique:" + e.name() + ".id}), unless it is\n"
        + "        a " + e.name() + " equal to this one" + (stamped.isEmpty() ? "" : " but for " + stamped) + " (then returned)\n";
  }

  private MethodSpec update(EntityModel e) {
    return update(e, false);
  }

  /** Many creates, in transactions of as many items as surely fit in 100 writes (each item's unique items included). */
  private MethodSpec createAll(EntityModel e) {
    ClassName r = names.type(e.name());
    int chunk = 100 / (1 + e.uniques().size());
    TypeName list = ParameterizedTypeName.get(LIST, r);
    return MethodSpec.methodBuilder(methodName("createAll " + e.name())).addModifiers(Modifier.PUBLIC)
        .returns(list).addParameter(ParameterizedTypeName.get(ClassName.get(java.util.Collection.class), r), "values")
        .addJavadoc(doc("Access pattern: create many $L items, each as {@link #$L} does (same checks, timestamps and writes), $L per\n"
            + "TransactWriteItems: each such group is written entirely or not at all. Cost: one TransactWriteItems per $L\n"
            + "items (twice the write capacity of single puts). When a group fails, the groups before it stay written (their\n"
            + "items are the first ones of {@code values}, in order) and none after it is tried.\n\n"
            + "@param values the entities (new ids: {@code builder()} without an id)\n"
            + "@return the entities as stored, in the order given\n"
            + "@throws NullPointerException when the collection or one of its elements is null\n"
            + "@throws IllegalStateException inside a transaction (use {@link #$L} there)\n"
            + "@throws IllegalArgumentException when two of them have the same id$L\n"
            + "@throws InvalidIdException when an id or a relation key value is empty or contains {@code #} or a control\n"
            + "        character\n"
            + "@throws NotUniqueException when an id$L is taken\n"
            + "@throws TransactionConflictException when another transaction held one of the items in each attempt\n"
            + VALIDATION,
            e.name(), methodName("create " + e.name()), chunk == 100 ? "up to 100" : "up to " + chunk, chunk,
            methodName("create " + e.name()), e.uniques().isEmpty() ? "" : " or the same unique value",
            e.uniques().isEmpty() ? "" : " or a unique value"))
        .addStatement("$T.requireNonNull(values, $S)", OBJECTS, "values")
        .addStatement("$T all = $T.copyOf(values)", list, List.class)
        .addStatement("$T out = new $T<>(all.size())", list, ArrayList.class)
        .beginControlFlow("for (int from = 0; from < all.size(); from += $L)", chunk)
        .addStatement("$T group = all.subList(from, $T.min(from + $L, all.size()))", list, Math.class, chunk)
        .addStatement("out.addAll(access.transactionResult(tx -> group.stream().map(tx.$N()::$N).toList()))",
            repositoryAccessor(e.name()), methodName("create " + e.name()))
        .endControlFlow()
        .addStatement("return out")
        .build();
  }

  /** An update; {@code expecting}: the versioned type's update that takes the version it expects. */
  private MethodSpec update(EntityModel e, boolean expecting) {
    ClassName r = names.type(e.name());
    MethodSpec.Builder m = MethodSpec.methodBuilder(methodName("update " + e.name())).addModifiers(Modifier.PUBLIC)
        .returns(r).addParameter(STRING, "id");
    if (expecting) {
      m.addParameter(TypeName.INT, "expectedVersion");
    }
    m.addParameter(ParameterizedTypeName.get(ClassName.get(UnaryOperator.class), r), "change")
        .addJavadoc(doc("Access pattern: change a $L. $L Cost: one consistent GetItem, then $L conditioned on the\n"
            + "item being unchanged since the read (retried with the fresh item after a concurrent change); index\n"
            + "attributes are rewritten$L.$L$L\n\n"
            + "@param id the id\n" + (expecting ? EXPECTED_UPDATE : "")
            + "@param change the new entity from the stored one (it may not change the id" + (e.versioned() ? " or set the version" : "") + ")\n"
            + "@return the entity as stored\n"
            + "@throws NullPointerException when the id or the change is null, or the change returns null\n"
            + "@throws InvalidIdException when the id$L is empty or contains {@code #} or a control character (nothing is\n"
            + "        written)\n"
            + "@throws IllegalArgumentException when the change alters the id$L\n"
            + "@throws NotFoundException when no $L has this id\n$L" + (expecting ? VERSION_CONFLICT : "")
            + "@throws ConflictException when the item changed between the read and the write in each attempt of\n"
            + "        the retry policy ({@link #MAX_ATTEMPTS} by default)\n"
            + "@throws TransactionConflictException when another transaction held the item in each attempt (nothing is\n"
            + "        written; retry)\n"
            + (sortedSides(e).isEmpty() ? "" : "@throws DataAccessException ({@code TooManyLinks}) when a sorted field changed and the item's join items\n"
                + "        do not fit one transaction with it (more than 100 actions; nothing is written)\n")
            + VALIDATION + INTERRUPTED,
            e.name(), graphql(e, OperationKind.UPDATE, null),
            e.uniques().isEmpty() ? "one PutItem" : "one TransactWriteItems",
            e.uniques().isEmpty() ? "" : " and unique items moved (old value's item deleted, new one taken) or refreshed",
            stampsOnUpdate(e), sortedUpdateDoc(e),
            relationKeyFields(e).isEmpty() ? "" : " or a new value of "
                + String.join(", ", relationKeyFields(e).stream().map(f -> "{@code " + f.name() + "}").toList()),
            hasFloat(e) ? ", or a {@code Float} is NaN or infinite" : "",
            e.name(),
            e.uniques().isEmpty() ? "" : "@throws NotUniqueException when another " + e.name() + " has a new unique value\n"))
        .addStatement("$T.requireNonNull(id, $S)", OBJECTS, "id")
        .addStatement("$T.requireNonNull(change, $S)", OBJECTS, "change")
        .addStatement("checkId($S, $S, id)", e.name(), "id")
        .addStatement("$T pk = $T.$N(id)", STRING, codec, nodeKey(e))
        .beginControlFlow("for (int attempt = 1; ; attempt++)")
        .addStatement("$T current = currentNode(id, pk, $S)", ITEM, e.name());
    if (expecting) {
      m.addStatement("checkVersion($S, id, current, expectedVersion)", e.name());
    }
    return m.addStatement("$T<$T> next = stampUpdate(id, current, change, this::now)",
            names.runtimeClass("TableAccess").nestedClass("Replacement"), r)
        .beginControlFlow("if (replaceNode($S, current, next.item(), $N, $N, next.uniques(), $Lattempt))", e.name(),
            fieldsConstant(e), indexConstant(e), sortedSides(e).isEmpty() ? "" : "next.links(), ")
        .addStatement("return next.entity()")
        .endControlFlow()
        .endControlFlow().build();
  }

  private MethodSpec delete(EntityModel e) {
    return delete(e, false);
  }

  /** A delete; {@code expecting}: the versioned type's delete that takes the version it expects. */
  private MethodSpec delete(EntityModel e, boolean expecting) {
    ClassName r = names.type(e.name());
    MethodSpec.Builder m = MethodSpec.methodBuilder(methodName("delete " + e.name())).addModifiers(Modifier.PUBLIC)
        .returns(r).addParameter(STRING, "id");
    if (expecting) {
      m.addParameter(TypeName.INT, "expectedVersion");
    }
    m
        .addJavadoc(doc("Access pattern: delete a $L. $L Cost: $L.\n\n@param id the id\n"
            + (expecting ? EXPECTED_DELETE : "") + "@return the deleted entity\n"
            + "@throws NullPointerException when the id is null\n"
            + "@throws InvalidIdException when the id is empty or contains {@code #} or a control character (nothing is\n"
            + "        deleted)\n"
            + "@throws NotFoundException when no $L has this id\n$L" + (expecting ? VERSION_CONFLICT : "")
            + "@throws TransactionConflictException when another transaction held the item in each attempt (nothing is\n"
            + "        deleted; retry)\n"
            + VALIDATION + INTERRUPTED,
            e.name(), graphql(e, OperationKind.DELETE, null),
            links(e).isEmpty() ? e.uniques().isEmpty() ? "one DeleteItem conditioned on the type and the id"
                : "one consistent GetItem, then one TransactWriteItems deleting the node and its unique items"
                : "one consistent GetItem and one consistent BatchGetItem of its link heads, then one TransactWriteItems "
                    + "deleting the node" + (e.uniques().isEmpty() ? "" : ", its unique items")
                    + " and every join item of its many-to-many relations, none of which is left behind",
            e.name(), e.uniques().isEmpty() && links(e).isEmpty() ? ""
                : "@throws ConflictException when the item changed between the read and the write in each attempt of\n"
                + "        the retry policy ({@link #MAX_ATTEMPTS} by default)\n"
                + (links(e).isEmpty() ? "" : "@throws DataAccessException ({@code TooManyLinks}) when its links do not fit one transaction with it\n"
                    + "        (nothing is deleted; remove some links first)\n")))
        .addStatement("$T.requireNonNull(id, $S)", OBJECTS, "id")
        .addStatement("checkId($S, $S, id)", e.name(), "id");
    String version = expecting ? "expectedVersion" : "-1";
    if (e.uniques().isEmpty() && links(e).isEmpty()) {
      return m.addStatement("return $T.$N(deleteTyped(id, $T.$N(id), $S$L))", codec, fromItem(e), codec, nodeKey(e), e.name(),
          expecting ? ", expectedVersion" : "").build();
    }
    m.addStatement("$T pk = $T.$N(id)", STRING, codec, nodeKey(e))
        .beginControlFlow("for (int attempt = 1; ; attempt++)")
        .addStatement("$T current = currentNode(id, pk, $S)", ITEM, e.name());
    if (expecting) {
      m.addStatement("checkVersion($S, id, current, expectedVersion)", e.name());
    }
    return m.addStatement("$T before = $T.$N(current)", r, codec, fromItem(e))
        .beginControlFlow("if (removeNode($S, current, $L, attempt, $L$L))", e.name(),
            e.uniques().isEmpty() ? CodeBlock.of("$T.of()", List.class) : CodeBlock.of("uniqueKeysOf(before, null)"),
            version, links(e).isEmpty() ? CodeBlock.of("") : CodeBlock.of(", $L", links(e)))
        .addStatement("return before")
        .endControlFlow()
        .endControlFlow().build();
  }

  private MethodSpec batchGet(EntityModel e) {
    ClassName r = names.type(e.name());
    TypeName ids = ParameterizedTypeName.get(LIST, STRING);
    return MethodSpec.methodBuilder(batchGetName(e.name())).addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(LIST, r)).addParameter(ids, "ids")
        .addJavadoc(doc("Access pattern: many $L items by id, as a {@code @belongsTo} list field fetches them. Cost: one\n"
            + "BatchGetItem per 100 distinct ids; keys DynamoDB leaves unprocessed are retried with backoff.\n\n"
            + "@param ids the ids (null and repeated ids allowed)\n"
            + "@return one element per id, in the order of the ids: the $L, or null for a null or invalid id (never read), a\n"
            + "        missing item, an item of another type or one whose stored {@code id} is another\n"
            + "@throws NullPointerException when the list is null\n"
            + "@throws DataAccessException ({@code UnprocessedKeys}) when keys stay unprocessed {@link #MAX_BATCH_ATTEMPTS}\n"
            + "        times\n"
            + VALIDATION + INTERRUPTED, e.name(), e.name()))
        .addStatement("return $N(ids, $T.EVENTUAL)", batchGetName(e.name()), names.runtimeClass("ReadConsistency"))
        .build();
  }

  /**
   * The number fields ({@code Int}, {@code Float}, {@code AWSTimestamp}) of {@code e} that an UpdateItem may add to
   * without a read: none on a type with {@code @unique} fields (its unique items are copies of the node), nor on one
   * a relation sorts by {@code updatedAt} or {@code version} (the increment sets them, not the sort key); no field a
   * relation targeting it sorts by, selects with {@code onlyIf} or is keyed by, and no server-set field.
   */
  static List<FieldModel> incrementable(ServiceModel model, EntityModel e) {
    if (!e.uniques().isEmpty()) {
      return List.of();
    }
    Set<String> indexed = new HashSet<>();
    for (RelationModel r : model.relationsTargeting(e.name())) {
      r.sortBy().forEach(f -> indexed.add(f.field()));
      if (r.onlyIf() != null) {
        indexed.add(r.onlyIf());
      }
      if (r.keyField() != null) {
        indexed.add(r.keyField());
      }
      r.by().forEach(f -> indexed.add(f.field()));
    }
    if (indexed.contains("updatedAt") || indexed.contains(EntityModel.VERSION)) {
      return List.of();
    }
    return e.storedFields().stream().filter(f -> !f.type().list() && f.kind() != FieldKind.ENUM
        && List.of("Int", "Float", "AWSTimestamp").contains(f.type().name()) && !indexed.contains(f.name())
        && !e.serverSet(f) && !f.name().equals("id")).toList();
  }

  /** The Java type of an increment's {@code delta}. */
  static TypeName deltaType(FieldModel f) {
    return switch (f.type().name()) {
      case "Int" -> TypeName.INT;
      case "Float" -> TypeName.DOUBLE;
      default -> TypeName.LONG;
    };
  }

  /** An increment's {@code delta} as DynamoDB's number text. */
  CodeBlock deltaText(FieldModel f) {
    return switch (f.type().name()) {
      case "Int" -> CodeBlock.of("$T.toString(delta)", Integer.class);
      case "Float" -> CodeBlock.of("$T.number(delta).n()", names.valuesClass());
      default -> CodeBlock.of("$T.toString(delta)", Long.class);
    };
  }

  private MethodSpec increment(EntityModel e, FieldModel f) {
    ClassName r = names.type(e.name());
    TypeName delta = deltaType(f);
    CodeBlock text = deltaText(f);
    boolean updatedAt = timestamps(e, "updatedAt");
    return MethodSpec.methodBuilder(methodName("increment " + e.name() + "." + f.name())).addModifiers(Modifier.PUBLIC)
        .returns(r).addParameter(STRING, "id").addParameter(delta, "delta")
        .addJavadoc(doc("Adds {@code delta} to a $L's {@code $L} atomically, without reading it first (an absent value counts as\n"
            + "0)$L$L. Concurrent increments all count. No index or unique item depends on the field, so the\n"
            + "item's other attributes are left as they are. Cost: one UpdateItem conditioned on the type and the id$L.\n\n"
            + "@param id the id\n@param delta the amount (negative to subtract)\n"
            + "@return the $L as stored after the increment, or null inside a transaction (known at the commit)\n"
            + "@throws NullPointerException when the id is null\n"
            + "@throws InvalidIdException when the id is empty or contains {@code #} or a control character (nothing is\n"
            + "        written)\n"
            + "@throws NotFoundException when no $L has this id\n"
            + (f.type().name().equals("Float") ? "@throws IllegalArgumentException when {@code delta} is NaN or infinite\n" : "")
            + "@throws TransactionConflictException when another transaction held the item in each attempt (nothing is\n"
            + "        written; retry)\n"
            + "@throws ValidationErrorException when the stored value is not a number$L, or DynamoDB refuses the request\n"
            + INTERRUPTED,
            e.name(), f.name(), updatedAt ? "; {@code updatedAt} is set to now" : "",
            e.versioned() ? " and {@code version} moves on" : "",
            f.type().name().equals("Int") ? " and on the result fitting a 32-bit {@code Int}" : "",
            e.name(), e.name(), f.type().name().equals("Int") ? " or the result would not fit a 32-bit {@code Int}" : ""))
        .addStatement("$T.requireNonNull(id, $S)", OBJECTS, "id")
        .addStatement("checkId($S, $S, id)", e.name(), "id")
        .addStatement("$T item = addToNumber($S, id, $T.$N(id), $S, $L, $L, $L, $L)", ITEM, e.name(), codec, nodeKey(e),
            f.name(), text, f.type().name().equals("Int"), updatedAt, e.versioned())
        .addStatement("return item == null ? null : $T.$N(item)", codec, fromItem(e))
        .build();
  }

  /**
   * The {@code @manyToMany} relations {@code e} is in, as the runtime's removeNode takes them: {@code Map.of(joinType,
   * sideA, …)} in name order; empty code for none.
   */
  CodeBlock links(EntityModel e) {
    List<CodeBlock> entries = new ArrayList<>();
    model.manyToMany().stream().filter(m -> m.aType().equals(e.name()) || m.bType().equals(e.name()))
        .sorted(java.util.Comparator.comparing(io.singletable.model.ManyToManyModel::name))
        .forEach(m -> entries.add(CodeBlock.of("$S, $L", m.name(), m.aType().equals(e.name()))));
    return entries.isEmpty() ? CodeBlock.of("") : CodeBlock.of("$T.of($L)", Map.class, CodeBlock.join(entries, ", "));
  }

  /** Whether a relation is a query of a GSI (else a lookup by the ids the item holds). */
  static boolean isQuery(RelationModel r) {
    return r.indexed();
  }

  /**
   * The {@code @list} Query fields whose methods {@code e}'s repository holds: those listing {@code e} itself, and those
   * listing a union or interface whose first member (by name) {@code e} is (such a list has no repository of its own;
   * its items come back as the sealed interface).
   */
  List<RelationModel> lists(EntityModel e) {
    return model.lists().stream().filter(r -> listHost(r).equals(e.name())).toList();
  }

  /**
   * A Javadoc block whose runtime type names ({@code InvalidIdException}, {@code Page}, …) are references, so
   * that they are imported (or qualified) like the code's.
   */
  private CodeBlock doc(String format, Object... args) {
    return names.javadocLinkingRuntime(JavaNames.formatText(format, args));
  }
}
