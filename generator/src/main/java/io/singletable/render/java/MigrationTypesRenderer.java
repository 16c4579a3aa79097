package io.singletable.render.java;

import static io.singletable.render.java.RunnerCode.ITEM;
import static io.singletable.render.java.RunnerCode.WRITES;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Renders the public nested types of the {@code MigrationRunner}: the two migration interfaces
 * users implement, the {@code Context} they receive, the {@code Progress} and {@code Report}
 * records and the {@code MigrationException} a failed run throws.
 */
final class MigrationTypesRenderer {
  static final String MIGRATION = "Migration";
  static final String RAW_MIGRATION = "RawMigration";
  static final String CONTEXT = "Context";
  static final String PROGRESS = "Progress";
  static final String REPORT = "Report";
  static final String EXCEPTION = "MigrationException";

  private final JavaNames names;
  private final RunnerCode code;

  MigrationTypesRenderer(JavaNames names, RunnerCode code) {
    this.names = names;
    this.code = code;
  }

  /** The nested type {@code simpleName} of the runner. */
  ClassName nested(String simpleName) {
    return names.migrationRunnerClass().nestedClass(simpleName);
  }

  List<TypeSpec> render() {
    return List.of(migration(), rawMigration(), context(), progress(), report(), exception());
  }

  private TypeSpec migration() {
    TypeVariableName e = TypeVariableName.get("E");
    return TypeSpec.interfaceBuilder(MIGRATION).addModifiers(Modifier.PUBLIC)
        .addAnnotation(FunctionalInterface.class)
        .addTypeVariable(e)
        .addJavadoc("The migration of one type's node items: the writes that bring one decoded item up to date.\n"
            + "Called from worker threads, possibly for several items at once.\n\n@param <E> the record type\n")
        .addMethod(MethodSpec.methodBuilder("migrate").addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT).returns(WRITES)
            .addParameter(e, "entity").addParameter(nested(CONTEXT), "context")
            .addJavadoc("The writes that migrate one item, applied together in one transaction.\n\n"
                + "@param entity the scanned node item, decoded\n"
                + "@param context the scanned item as stored and where the scan found it\n"
                + "@return at most 100 writes ({@link $L#rewrite} builds the usual ones); empty or null when the\n"
                + "    item needs none\n", names.migrationRunner)
            .build())
        .build();
  }

  private TypeSpec rawMigration() {
    return TypeSpec.interfaceBuilder(RAW_MIGRATION).addModifiers(Modifier.PUBLIC)
        .addAnnotation(FunctionalInterface.class)
        .addJavadoc("The migration of one {@code __typename}'s node items as stored, for items the codec can no longer\n"
            + "decode (a new non-null field old items lack) or types the schema no longer has.\n")
        .addMethod(MethodSpec.methodBuilder("migrate").addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT).returns(WRITES)
            .addParameter(nested(CONTEXT), "context")
            .addJavadoc("The writes that migrate one item, applied together in one transaction.\n\n"
                + "@param context the scanned item as stored ({@link Context#item}) and where the scan found it\n"
                + "@return at most 100 writes; empty or null when the item needs none\n")
            .build())
        .build();
  }

  private TypeSpec context() {
    MethodSpec ctor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC)
        .addParameter(ITEM, "item").addParameter(TypeName.INT, "segment").addParameter(TypeName.BOOLEAN, "dryRun")
        .addJavadoc("Keeps an unmodifiable copy of the item.\n\n$L", CONTEXT_PARAMS)
        .addCode(code.of("item = $collections:T.unmodifiableMap(new $linkedHashMap:T<>(item));\n"))
        .build();
    return TypeSpec.recordBuilder(CONTEXT).addModifiers(Modifier.PUBLIC)
        .recordConstructor(ctor)
        .addJavadoc("What a migration sees besides the decoded entity.\n\n$L", CONTEXT_PARAMS)
        .build();
  }

  private static final String CONTEXT_PARAMS = """
      @param item the node item as scanned (or, after a concurrent change, as read again), unmodifiable
      @param segment the Scan segment the item was found in
      @param dryRun true when the writes will only be reported, not applied
      """;

  private TypeSpec progress() {
    return countsRecord(PROGRESS, "Progress of a run, reported after every page a worker finished (and checkpointed).\n"
        + "Calls never overlap; they come from worker threads.\n",
        List.of(param(TypeName.INT, "segment", "the segment whose page was finished"),
            param(TypeName.BOOLEAN, "segmentDone", "true when that page was the segment's last"),
            param(TypeName.INT, "segmentsDone", "segments finished so far, counting those the checkpoint had finished"),
            param(TypeName.INT, "segments", "the segments this run covers: the Scan's total segments, or those of the\n    segment range")),
        List.of());
  }

  private TypeSpec report() {
    return countsRecord(REPORT, "What a run did. Counts cover this run only.\n",
        List.of(),
        List.of(param(TypeName.INT, "segmentsDone", "segments this run finished"),
            param(TypeName.INT, "segmentsSkipped", "segments of the range not scanned because the checkpoint had them finished"),
            param(TypeName.BOOLEAN, "dryRun", "true when nothing was written"),
            param(TypeName.BOOLEAN, "complete", "true when every segment of the range is finished; false after {@code stop()} or a failure")));
  }

  /** A record of the four item counts between {@code before} and {@code after}. */
  private static TypeSpec countsRecord(String name, String doc, List<ParameterSpec> before, List<ParameterSpec> after) {
    List<ParameterSpec> all = new ArrayList<>(before);
    all.add(param(TypeName.LONG, "scanned", "items the Scan returned, node and unique items alike"));
    all.add(param(TypeName.LONG, "migrated", "items whose migration returned writes that were applied (or, in a dry run, reported)"));
    all.add(param(TypeName.LONG, "writes", "writes applied (or, in a dry run, reported)"));
    all.add(param(TypeName.LONG, "skipped", "unique items (without {@code migrateCopies}), items of a {@code __typename} without a\n"
        + "    migration, items deleted before a retry could read them again, and items given up ({@code onGiveUp})"));
    all.addAll(after);
    StringBuilder params = new StringBuilder();
    all.forEach(p -> params.append("@param ").append(p.name()).append(' ').append(p.javadoc()));
    return TypeSpec.recordBuilder(name).addModifiers(Modifier.PUBLIC)
        .recordConstructor(MethodSpec.constructorBuilder()
            .addParameters(all.stream().map(p -> ParameterSpec.builder(p.type(), p.name()).build()).toList()).build())
        .addJavadoc("$L\n$L", doc, params)
        .build();
  }

  private static ParameterSpec param(TypeName type, String name, String doc) {
    return ParameterSpec.builder(type, name).addJavadoc("$L\n", doc).build();
  }

  private TypeSpec exception() {
    ClassName report = nested(REPORT);
    return TypeSpec.classBuilder(EXCEPTION).addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .superclass(RuntimeException.class)
        .addJavadoc("A run stopped because a migration or a write failed. The checkpoint keeps every page finished\n"
            + "before; running again with it resumes there.\n")
        .addField(FieldSpec.builder(TypeName.LONG, "serialVersionUID", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("1L").build())
        .addField(FieldSpec.builder(report, "report", Modifier.PRIVATE, Modifier.FINAL, Modifier.TRANSIENT).build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
            .addParameter(String.class, "message").addParameter(report, "report").addParameter(Throwable.class, "cause")
            .addJavadoc("A failed run.\n\n@param message what failed, naming the item\n@param report what the run did before\n"
                + "@param cause the failure\n")
            .addStatement("super(message, cause)")
            .addStatement("this.report = report")
            .build())
        .addMethod(MethodSpec.methodBuilder("report").addModifiers(Modifier.PUBLIC).returns(report)
            .addJavadoc("What the run did before it stopped ({@code complete} is false).\n\n"
                + "@return the partial report, or null after deserialization\n")
            .addStatement("return report")
            .build())
        .build();
  }

  /** {@code Consumer<Progress>}. */
  TypeName progressConsumer() {
    return ParameterizedTypeName.get(ClassName.get(java.util.function.Consumer.class), nested(PROGRESS));
  }
}
