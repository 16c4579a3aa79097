package io.singletable.render.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The code of the generated {@code MigrationRunner}: bodies are written as Java text with named
 * {@code $name:T} placeholders for every class they use, so they read like the code they render
 * while JavaPoet still imports or qualifies each name (a schema type called {@code Math},
 * {@code Context} or {@code Path} must not capture a reference meant for the JDK or for a nested
 * type of the runner).
 */
final class RunnerCode {
  private static final String SDK_MODEL = "software.amazon.awssdk.services.dynamodb.model";

  /** {@code Map<String, AttributeValue>}. */
  static final TypeName ITEM = JavaNames.ITEM;
  static final ClassName TRANSACT_WRITE_ITEM = ClassName.get(SDK_MODEL, "TransactWriteItem");
  static final ClassName DYNAMO_DB_CLIENT = ClassName.get("software.amazon.awssdk.services.dynamodb", "DynamoDbClient");
  static final ClassName PATH = ClassName.get("java.nio.file", "Path");
  /** {@code List<TransactWriteItem>}. */
  static final TypeName WRITES = ParameterizedTypeName.get(JavaNames.LIST, TRANSACT_WRITE_ITEM);

  private final Map<String, Object> args = new HashMap<>();

  RunnerCode(JavaNames names) {
    jdk("java.lang", "String", "Integer", "Long", "Boolean", "Math", "Runtime", "Thread", "Throwable", "Error",
        "RuntimeException", "IllegalArgumentException", "IllegalStateException", "InterruptedException",
        "StringBuilder", "System", "NumberFormatException");
    jdk("java.util", "List", "Map", "Set", "ArrayList", "HashMap", "HashSet", "LinkedHashMap", "TreeMap", "TreeSet",
        "Collections", "Objects", "Base64", "Properties");
    jdk("java.util.function", "Consumer", "BiConsumer");
    jdk("java.io", "PrintStream");
    args.put("uri", ClassName.get("java.net", "URI"));
    args.put("region", ClassName.get("software.amazon.awssdk.regions", "Region"));
    args.put("dynamoDbClientBuilder", ClassName.get("software.amazon.awssdk.services.dynamodb", "DynamoDbClientBuilder"));
    jdk("java.util.concurrent", "ConcurrentHashMap");
    jdk("java.util.concurrent", "ExecutorService", "Executors", "TimeUnit");
    jdk("java.util.concurrent.atomic", "AtomicInteger", "AtomicReference", "LongAdder");
    jdk("java.io", "IOException", "UncheckedIOException", "Reader", "ByteArrayOutputStream");
    jdk("java.nio", "ByteBuffer");
    jdk("java.nio.charset", "StandardCharsets");
    jdk("java.nio.file", "Path", "Files", "StandardCopyOption", "AtomicMoveNotSupportedException");
    jdk(SDK_MODEL, "AttributeValue", "TransactWriteItem", "Put", "Delete", "ScanRequest", "ScanResponse",
        "TransactionCanceledException", "CancellationReason", "ConditionCheck");
    args.put("sdkBytes", ClassName.get("software.amazon.awssdk.core", "SdkBytes"));
    args.put("dynamoDbClient", DYNAMO_DB_CLIENT);
    args.put("item", ITEM);
    args.put("writes", WRITES);
    args.put("entity", names.entityClass());
    args.put("codec", names.codecClass());
    args.put("values", names.valuesClass());
    args.put("runner", names.migrationRunnerClass());
    for (String nested : List.of("Migration", "RawMigration", "Context", "Progress", "Report", "MigrationException",
        "Run", "Checkpoint")) {
      args.put(Character.toLowerCase(nested.charAt(0)) + nested.substring(1), names.migrationRunnerClass().nestedClass(nested));
    }
    args.put("schemaMigration", names.schemaMigrationClass());
    for (String nested : List.of("Options", "Findings", "Conflict")) {
      args.put(Character.toLowerCase(nested.charAt(0)) + nested.substring(1), names.schemaMigrationClass().nestedClass(nested));
    }
  }

  /** Registers classes under their simple name, first word lower-cased ({@code $hashMap:T}, {@code $ioException:T}). */
  private void jdk(String packageName, String... simpleNames) {
    for (String n : simpleNames) {
      String key = n.startsWith("IO") ? "io" + n.substring(2) : Character.toLowerCase(n.charAt(0)) + n.substring(1);
      args.put(key, ClassName.get(packageName, n));
    }
  }

  /** A block of Java text whose {@code $name:T} placeholders name the classes above. */
  CodeBlock of(String text) {
    return CodeBlock.builder().addNamed(text, args).build();
  }

  /** A field whose initializer, if any, is Java text with {@code $name:T} placeholders. */
  FieldSpec field(TypeName type, String name, String initializer, Modifier... modifiers) {
    FieldSpec.Builder field = FieldSpec.builder(type, name, modifiers);
    if (initializer != null) {
      field.initializer(of(initializer));
    }
    return field.build();
  }

  /** The class a {@code $name:T} placeholder names. */
  TypeName type(String name) {
    return (TypeName) args.get(name);
  }
}
