package io.singletable.render.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.singletable.model.AbstractTypeModel;
import io.singletable.model.EntityModel;
import io.singletable.model.FieldKind;
import io.singletable.model.FieldModel;
import io.singletable.model.JavaIdentifiers;
import io.singletable.model.OperationNames;
import io.singletable.model.ServiceModel;
import io.singletable.model.TypeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.SourceVersion;

/**
 * Java names and types of one schema's generated sources: class names of entities, unions,
 * interfaces and enums, the support classes (renamed with a trailing {@code _} when a schema type
 * already uses the name), record components and the Java type of each GraphQL type.
 *
 * <p>Scalars: {@code ID}, {@code String}, {@code AWSEmail}, {@code AWSURL}, {@code AWSPhone},
 * {@code AWSIPAddress}, {@code AWSDate}, {@code AWSTime}, {@code AWSDateTime} are {@link String}
 * (the date/time scalars keep their exact text: AppSync accepts offsets and precisions that
 * {@code java.time} types would not round-trip byte for byte); {@code Int} {@link Integer},
 * {@code Float} {@link Double}, {@code Boolean} {@link Boolean}, {@code AWSTimestamp} {@link Long};
 * {@code AWSJSON} the DynamoDB {@code AttributeValue} AppSync stores after parsing the JSON.
 */
final class JavaNames {
  static final ClassName STRING = ClassName.get(String.class);
  static final ClassName INTEGER = ClassName.get(Integer.class);
  static final ClassName LONG = ClassName.get(Long.class);
  static final ClassName DOUBLE = ClassName.get(Double.class);
  static final ClassName BOOLEAN = ClassName.get(Boolean.class);
  static final ClassName LIST = ClassName.get(List.class);
  static final ClassName MAP = ClassName.get(java.util.Map.class);
  static final ClassName ATTRIBUTE_VALUE =
      ClassName.get("software.amazon.awssdk.services.dynamodb.model", "AttributeValue");
  /** {@code Map<String, AttributeValue>}. */
  static final TypeName ITEM = ParameterizedTypeName.get(MAP, STRING, ATTRIBUTE_VALUE);

  /** Simple names of JDK and SDK classes the generated sources reference. */
  private static final Set<String> REFERENCED = Set.of("String", "Integer", "Long", "Double", "Boolean", "List",
      "Map", "LinkedHashMap", "ArrayList", "Collections", "Objects", "Locale", "Function", "Override",
      "Object", "AttributeValue", "OffsetDateTime", "DateTimeParseException", "IllegalArgumentException",
      "StringBuilder", "Character", "Math", "BigDecimal", "Deprecated", "SuppressWarnings",
      // the data-access class
      "Optional", "UUID", "Clock", "DateTimeFormatter", "ZoneOffset", "UnaryOperator", "HashMap", "LinkedHashSet",
      "Base64", "ThreadLocalRandom", "ByteArrayOutputStream", "ByteArrayInputStream", "DataOutputStream",
      "DataInputStream", "IOException", "UncheckedIOException", "DynamoDbClient", "Put", "Delete", "TransactWriteItem",
      "TransactionCanceledException", "ConditionalCheckFailedException", "CancellationReason", "QueryRequest",
      "QueryResponse", "KeysAndAttributes", "BatchGetItemResponse", "GetItemResponse", "DeleteItemResponse",
      "ReturnValue", "CreateTableRequest", "AttributeDefinition", "ScalarAttributeType", "GlobalSecondaryIndex",
      "KeySchemaElement", "KeyType", "ProjectionType", "BillingMode", "Throwable", "RuntimeException", "Thread",
      "InterruptedException",
      // the runtime
      "ItemValues", "ItemSchema", "MigrationRunner", "SchemaBackfill", "TableAccess",
      // member types of TableAccess, in scope in the data-access class that extends it
      "Page", "PageRequest", "Direction", "DataAccessException", "NotFoundException", "NotUniqueException",
      "ConflictException", "InvalidIdException", "TransactionConflictException", "ValidationErrorException",
      "UniqueKey", "PendingWrites", "VersionConflictException", "ReadConsistency", "RetryPolicy", "LinkHead", "SortedLink");
  /** Identifiers that cannot name a type. */
  private static final Set<String> RESTRICTED_TYPE_NAMES = Set.of("var", "yield", "record", "sealed", "permits",
      "runtime"); // the subpackage holding the runtime

  private final ServiceModel model;
  private final String packageName;
  private final Set<String> schemaTypeNames = new HashSet<>();
  private final Set<String> enums = new TreeSet<>();
  final String codec;
  final String entity;
  final String dataAccess;
  final String schemaMigration;
  /** Per entity: the package-private class holding its access patterns behind the data-access class. */
  private final Map<String, String> accessParts = new HashMap<>();
  /** The asynchronous flavour's data-access class and repositories. */
  final String asyncDataAccess;
  private final Map<String, String> asyncParts = new HashMap<>();
  final String schemaConstants;
  /**
   * The entities in groups of at most {@link #CHUNK_WEIGHT}: one group unless the schema is large; the public
   * classes {@code DataAccess} and {@code ItemCodec} hold the last group and inherit the others' members from a
   * chain of public classes, one per group, so that no class file passes 65,535 constants.
   */
  private final List<List<EntityModel>> chunks;
  /** Per entity: the index of its group in {@link #chunks}. */
  private final Map<String, Integer> chunkOf = new HashMap<>();
  /** With more than one group: the classes of all groups but the last, {@code DataAccess1}, … and {@code ItemCodec1}, …. */
  private final List<String> dataAccessChunks = new ArrayList<>();
  private final List<String> codecChunks = new ArrayList<>();
  private final String[] qualified;
  /** Static methods of the codec whose names derive from schema names, each free of clashes. */
  private final Map<String, String> codecMethods = new HashMap<>();
  /** Per entity and field: the record's wither. */
  private final Map<String, String> withers = new HashMap<>();
  /** The Javadoc kept out of JavaPoet's formatting. */
  private final JavadocTexts docs = new JavadocTexts();

  JavaNames(ServiceModel model, String packageName) {
    this(model, packageName, CHUNK_WEIGHT);
  }

  /** Names with groups of entities of at most {@code chunkWeight} (tests split small schemas). */
  JavaNames(ServiceModel model, String packageName, int chunkWeight) {
    this.model = model;
    this.packageName = packageName;
    for (EntityModel e : model.entities()) {
      schemaTypeNames.add(e.name());
      for (FieldModel f : e.storedFields()) {
        if (f.kind() == FieldKind.ENUM) {
          enums.add(f.type().name());
        }
      }
    }
    model.abstractTypes().forEach(a -> schemaTypeNames.add(a.name()));
    schemaTypeNames.addAll(enums);
    Set<String> taken = new HashSet<>();
    schemaTypeNames.forEach(n -> taken.add(fileKey(typeName(n))));
    qualified = shadowing();
    schemaConstants = free(SchemaConstantsRenderer.CLASS_NAME, taken);
    codec = free("ItemCodec", taken);
    entity = free("Entity", taken);
    dataAccess = free("DataAccess", taken);
    schemaMigration = free("SchemaMigration", taken);
    for (EntityModel e : model.entities()) {
      accessParts.put(e.name(), free(typeName(e.name()) + "Repository", taken));
    }
    chunks = chunks(model, chunkWeight);
    for (int i = 0; i < chunks.size(); i++) {
      for (EntityModel e : chunks.get(i)) {
        chunkOf.put(e.name(), i);
      }
      if (i + 1 < chunks.size()) {
        dataAccessChunks.add(free(dataAccess + (i + 1), taken));
        codecChunks.add(free(codec + (i + 1), taken));
      }
    }
    asyncDataAccess = free("Async" + dataAccess, taken); // after the others, which keep their names
    for (EntityModel e : model.entities()) {
      asyncParts.put(e.name(), free("Async" + typeName(e.name()) + "Repository", taken));
    }
    Set<String> codecTaken = new HashSet<>(Set.of("toItem", "uniqueItems", "decode", "encode", "uniqueItemsOf"));
    for (EntityModel e : model.entities()) {
      codecMethods.put("nodeKey " + e.name(), unused(method(e.name(), "nodeKey"), codecTaken));
      codecMethods.put("fromItem " + e.name(), unused(method(e.name(), "fromItem"), codecTaken));
      for (var u : e.uniques()) {
        codecMethods.put("uniqueKey " + e.name() + "." + u.field(), unused(method(e.name(), u.field(), "uniqueKey"), codecTaken));
      }
      Set<String> entityTaken = new HashSet<>();
      for (FieldModel f : e.storedFields()) {
        withers.put(e.name() + "." + f.name(), unused(method("with", f.name()), entityTaken));
      }
      // the record's other members: never an accessor's name (a record component has a no-argument accessor)
      Set<String> members = new HashSet<>(Set.of("hashCode", "equals", "toString", "getClass", "notify", "notifyAll",
          "wait", "clone", "finalize"));
      e.storedFields().forEach(f -> members.add(io.singletable.model.JavaIdentifiers.member(f.name())));
      withers.put(e.name() + " builder", unused("builder", members));
      withers.put(e.name() + " toBuilder", unused("toBuilder", members));
      for (FieldModel f : e.storedFields()) {
        if (f.automaticTimestamp()) {
          withers.put(e.name() + "." + f.name() + " instant",
              unused(io.singletable.model.JavaIdentifiers.member(f.name()) + "Instant", members));
        }
      }
      Set<String> builderMembers = new HashSet<>(Set.of("hashCode", "equals", "toString", "getClass", "notify",
          "notifyAll", "wait", "clone", "finalize"));
      e.storedFields().forEach(f -> builderMembers.add(io.singletable.model.JavaIdentifiers.member(f.name())));
      withers.put(e.name() + " build", unused("build", builderMembers));
    }
    for (var r : model.indexedRelations()) {
      codecMethods.put("partitionKey " + r.id(), unused(method(r.owner(), r.field(), "partitionKey"), codecTaken));
      codecMethods.put("sortKey " + r.id(), unused(method(r.owner(), r.field(), "sortKey"), codecTaken));
    }
    for (var r : model.indexedRelations()) { // after the others, which keep their names
      if (!r.sortBy().isEmpty()) {
        codecMethods.put("sortPrefix " + r.id(), unused(method(r.owner(), r.field(), "sortPrefix"), codecTaken));
      }
    }
    for (var m : model.manyToMany()) { // after the others, which keep their names
      codecMethods.put("joinItem " + m.name(), unused(method(m.name(), "joinItem"), codecTaken));
    }
  }

  /**
   * What an entity adds to a generated class, roughly in constants: its access patterns and codec methods (by id,
   * per unique field, per relation: a method name, its signature, the calls of it) and per field its name and the
   * record accessor the codec calls.
   */
  private static int weight(EntityModel e) {
    return 6 + 2 * e.storedFields().size() + 3 * (e.uniques().size() + e.relations().size());
  }

  /**
   * The most weight one group of entities holds, a class of a group holding 1.5 to 3 constants per unit: 312 models
   * of {@code GeneratedSchemas}' chain of related ones make 15,028 constants in the codec's class (13,660 in the
   * data-access class), 160 models of 30 distinct fields each 25,453, of the 65,535 a class file can hold.
   */
  static final int CHUNK_WEIGHT = 12_000;

  private static List<List<EntityModel>> chunks(ServiceModel model, int chunkWeight) {
    List<List<EntityModel>> out = new ArrayList<>();
    List<EntityModel> current = new ArrayList<>();
    int weight = 0;
    for (EntityModel e : model.entities()) {
      int w = weight(e);
      if (!current.isEmpty() && weight + w > chunkWeight) {
        out.add(current);
        current = new ArrayList<>();
        weight = 0;
      }
      current.add(e);
      weight += w;
    }
    out.add(current);
    return out;
  }

  /** The groups of entities, in model order (one unless the schema is large). */
  List<List<EntityModel>> chunks() {
    return chunks;
  }

  /** The index of an entity's group in {@link #chunks()}. */
  int chunkOf(String entity) {
    Integer i = chunkOf.get(entity);
    if (i == null) {
      throw new IllegalArgumentException("no entity " + entity);
    }
    return i;
  }

  /** The class of the data-access methods of group {@code i}: {@code DataAccess} for the last. */
  ClassName dataAccessChunkClass(int i) {
    return i == dataAccessChunks.size() ? dataAccessClass() : ClassName.get(packageName, dataAccessChunks.get(i));
  }

  /** The class of the codec methods of group {@code i}: {@code ItemCodec} for the last. */
  ClassName codecChunkClass(int i) {
    return i == codecChunks.size() ? codecClass() : ClassName.get(packageName, codecChunks.get(i));
  }

  private String codecMethod(String key) {
    return named(codecMethods, key, "codec method");
  }

  /** The name allocated for {@code key}; an unknown key is a renderer bug. */
  static String named(Map<String, String> names, String key, String what) {
    String name = names.get(key);
    if (name == null) {
      throw new IllegalArgumentException("no " + what + " " + key);
    }
    return name;
  }

  /** The codec's {@code PK} builder of an entity's node item. */
  String nodeKey(String entity) {
    return codecMethod("nodeKey " + entity);
  }

  /** The codec's decoder of one entity's items. */
  String fromItem(String entity) {
    return codecMethod("fromItem " + entity);
  }

  /** The codec's {@code PK} builder of a unique item. */
  String uniqueKey(String entity, String field) {
    return codecMethod("uniqueKey " + entity + "." + field);
  }

  /** The codec's {@code PKnn} builder of a {@code @hasMany} relation. */
  String partitionKey(io.singletable.model.RelationModel r) {
    return codecMethod("partitionKey " + r.id());
  }

  /** The codec's {@code SKnn} builder of a {@code @hasMany} relation. */
  String sortKey(io.singletable.model.RelationModel r) {
    return codecMethod("sortKey " + r.id());
  }

  /** The codec's builder of a {@code @manyToMany} relation's join item. */
  String joinItem(io.singletable.model.ManyToManyModel m) {
    return codecMethod("joinItem " + m.name());
  }

  /**
   * The codec's start of the {@code SKnn} of a {@code @hasMany} relation's items with a given first {@code sortBy}
   * value (the relation's range conditions); only for relations with {@code sortBy}.
   */
  String sortPrefix(io.singletable.model.RelationModel r) {
    return codecMethod("sortPrefix " + r.id());
  }

  /** {@code withName}: the record method returning a copy with another value of one field. */
  /**
   * A generated member of an entity's record or builder besides accessors and withers: {@code "builder"},
   * {@code "toBuilder"}, {@code "build"} (the builder's), {@code "<field> instant"} (a timestamp as {@code Instant}).
   */
  String entityMember(String entity, String member) {
    return named(withers, entity + (member.contains(" ") ? "." : " ") + member, "entity member");
  }

  /** The simple name of the records' nested builder class ({@code Builder}, unless a schema type has that name). */
  String builderClassName() {
    String name = "Builder";
    while (true) {
      String candidate = name;
      if (schemaTypeNames.stream().noneMatch(n -> typeName(n).equalsIgnoreCase(candidate))) {
        return name;
      }
      name = name + "_";
    }
  }

  String wither(String entity, String field) {
    return named(withers, entity + "." + field, "stored field");
  }

  ClassName schemaConstantsClass() {
    return ClassName.get(packageName, schemaConstants);
  }

  /** {@code base}, with {@code _} appended while {@code taken} holds it (compared as {@link #fileKey}). */
  private static String free(String base, Set<String> taken) {
    String name = base;
    while (taken.contains(fileKey(name))) {
      name = name + "_";
    }
    taken.add(fileKey(name));
    return name;
  }

  /** {@code base}, with {@code _} appended while {@code taken} holds it; the result is added to {@code taken}. */
  static String unused(String base, Set<String> taken) {
    String name = base;
    while (!taken.add(name)) {
      name = name + "_";
    }
    return name;
  }


  /**
   * An English plural of a Java identifier, for the repositories' accessors ({@code users}, {@code categories},
   * {@code boxes}); a keyword gets {@code _}.
   */
  static String plural(String name) {
    String base = name.endsWith("_") ? name.substring(0, name.length() - 1) : name;
    String lower = base.toLowerCase(java.util.Locale.ROOT);
    String out;
    if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") || lower.endsWith("ch")
        || lower.endsWith("sh")) {
      out = base + "es";
    } else if (lower.length() > 1 && lower.endsWith("y") && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
      out = base.substring(0, base.length() - 1) + "ies";
    } else {
      out = base + "s";
    }
    return javax.lang.model.SourceVersion.isName(out) ? out : out + "_";
  }

  /** Class names become file names, which case-insensitive file systems (macOS, Windows) compare without case. */
  private static String fileKey(String className) {
    return className.toLowerCase(java.util.Locale.ROOT);
  }

  /** The GraphQL enums that stored fields use, sorted. */
  Set<String> enums() {
    return enums;
  }

  /** Simple names to always qualify in every generated file: generated names that shadow a JDK/SDK name. */
  String[] qualified() {
    return qualified.clone();
  }

  private String[] shadowing() {
    Set<String> out = new TreeSet<>();
    for (String n : schemaTypeNames) {
      String t = typeName(n);
      if (REFERENCED.contains(t) || isJavaLang(t)) {
        out.add(t);
      }
    }
    return out.toArray(String[]::new);
  }

  private static boolean isJavaLang(String simpleName) {
    try {
      Class.forName("java.lang." + simpleName, false, JavaNames.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The Java simple name of a schema type. */
  static String typeName(String graphqlName) {
    return SourceVersion.isName(graphqlName) && !RESTRICTED_TYPE_NAMES.contains(graphqlName)
        ? graphqlName : graphqlName + "_";
  }

  ClassName type(String graphqlName) {
    return ClassName.get(packageName, typeName(graphqlName));
  }

  ClassName codecClass() {
    return ClassName.get(packageName, codec);
  }

  /** A class of the runtime copied into {@code <packageName>.runtime}. */
  ClassName runtimeClass(String simpleName) {
    return ClassName.get(RuntimeSources.runtimePackage(packageName), simpleName);
  }

  private static final java.util.regex.Pattern RUNTIME_TYPE = java.util.regex.Pattern.compile("(?<![\\w.#])(DataAccessException|"
      + "NotFoundException|NotUniqueException|ConflictException|InvalidIdException|TransactionConflictException|"
      + "ValidationErrorException|VersionConflictException|ReadConsistency|RetryPolicy|PageRequest|Page|Direction|SortRange)(?![\\w])");

  /**
   * Javadoc text whose runtime type names become {@code $T} references, imported or qualified like the code's. The
   * text is laid out after JavaPoet's formatting ({@link #expandJavadoc}).
   */
  CodeBlock javadocLinkingRuntime(String text) {
    List<String> pieces = new ArrayList<>();
    List<ClassName> types = new ArrayList<>();
    java.util.regex.Matcher m = RUNTIME_TYPE.matcher(text);
    int at = 0;
    for (; m.find(); at = m.end()) {
      pieces.add(text.substring(at, m.start()));
      types.add(runtimeClass(m.group(1)));
    }
    pieces.add(text.substring(at));
    return docs.placeholder(pieces, types);
  }

  /** A file as JavaPoet wrote it, with the Javadoc of {@link #javadocLinkingRuntime} in place. */
  String expandJavadoc(String source) {
    return docs.expand(source);
  }

  /**
   * {@code CodeBlock.of(format, args).toString()} for a format of {@code $L} and {@code $$} only, without JavaPoet's
   * formatting; other formats go to JavaPoet.
   */
  static String formatText(String format, Object... args) {
    StringBuilder out = new StringBuilder(format.length() + 64);
    int arg = 0;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '$') {
        out.append(c);
        continue;
      }
      char next = i + 1 < format.length() ? format.charAt(i + 1) : 0;
      if (next == '$') {
        out.append('$');
      } else if (next == 'L' && arg < args.length) {
        out.append(args[arg++]);
      } else {
        return CodeBlock.of(format, args).toString();
      }
      i++;
    }
    return arg == args.length ? out.toString() : CodeBlock.of(format, args).toString();
  }

  ClassName valuesClass() {
    return ClassName.get(RuntimeSources.runtimePackage(packageName), "ItemValues");
  }

  ClassName dataAccessClass() {
    return ClassName.get(packageName, dataAccess);
  }

  ClassName entityClass() {
    return ClassName.get(packageName, entity);
  }

  /** An entity's repository class, e.g. {@code UserRepository}. */
  ClassName asyncDataAccessClass() {
    return ClassName.get(packageName, asyncDataAccess);
  }

  ClassName asyncRepositoryClass(String entity) {
    return ClassName.get(packageName, named(asyncParts, entity, "async repository"));
  }

  ClassName repositoryClass(String entity) {
    return ClassName.get(packageName, named(accessParts, entity, "repository"));
  }

  ClassName schemaMigrationClass() {
    return ClassName.get(packageName, schemaMigration);
  }

  /** {@code lowerFirst(parts[0]) + upperFirst(parts[1..])}. */
  static String method(String... parts) {
    StringBuilder sb = new StringBuilder(OperationNames.lowerFirst(parts[0]));
    for (int i = 1; i < parts.length; i++) {
      sb.append(OperationNames.upperFirst(parts[i]));
    }
    String name = sb.toString();
    return SourceVersion.isName(name) ? name : name + "_";
  }

  /** The Java type of a stored field (lists as {@code List<…>}). */
  TypeName javaType(TypeRef type, boolean enumType) {
    TypeName element = elementType(type.name(), enumType);
    return type.list() ? ParameterizedTypeName.get(LIST, element) : element;
  }

  TypeName elementType(String graphqlName, boolean enumType) {
    if (enumType) {
      return type(graphqlName);
    }
    return switch (graphqlName) {
      case "Int" -> INTEGER;
      case "Float" -> DOUBLE;
      case "Boolean" -> BOOLEAN;
      case "AWSTimestamp" -> LONG;
      case "AWSJSON" -> ATTRIBUTE_VALUE;
      default -> STRING;
    };
  }

  /** Abstract types over models the entity belongs to, in model order. */
  List<AbstractTypeModel> abstractTypesOf(EntityModel e) {
    return model.abstractTypes().stream().filter(a -> a.members().contains(e.name())).toList();
  }
}
