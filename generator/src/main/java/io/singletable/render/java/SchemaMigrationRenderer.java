package io.singletable.render.java;

import static io.singletable.render.java.JavaNames.STRING;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.singletable.model.EntityModel;
import io.singletable.model.KeyStrategy;
import io.singletable.model.ServiceModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Renders {@code SchemaMigration}: the backfill that brings a table written by earlier versions of the
 * schema to what this version's resolvers write (SPEC §8), as a command ({@code main}) and as a library
 * ({@code configure} a {@code MigrationRunner}). It does not depend on the plan of one generation: every
 * node item of a {@code @model} type is rewritten exactly as a create would write it (index attributes
 * recomputed, those of removed or moved relations dropped), its unique items are built or refreshed
 * (a value another item holds is reported with both ids and neither item is changed), and unique items
 * no node item accounts for (a removed {@code @unique}, a changed {@code ignoreCase}) are deleted. A run
 * over an up-to-date table reads and writes nothing else, so regenerating twice before a deploy loses no
 * backfill. Only the list of types and the node key depend on the schema.
 */
final class SchemaMigrationRenderer {
  private static final com.palantir.javapoet.ClassName SET = com.palantir.javapoet.ClassName.get(java.util.Set.class);
  private final ServiceModel model;
  private final JavaNames names;
  private final RunnerCode code;

  SchemaMigrationRenderer(ServiceModel model, JavaNames names) {
    this.model = model;
    this.names = names;
    this.code = new RunnerCode(names);
  }

  TypeSpec render() {
    List<String> types = model.entities().stream().map(EntityModel::name).sorted().toList();
    TypeSpec.Builder type = TypeSpec.classBuilder(names.schemaMigrationClass())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .alwaysQualify(names.qualified())
        .addJavadoc(CodeBlock.of("$L", doc(DOC)));
    type.addField(status("OK", 0, "every item migrated (or, in a dry run, every write listed), nothing to report."));
    type.addField(status("REPORTED", 1, "conflicts or items that could not be migrated were printed; everything else was migrated."));
    type.addField(status("USAGE", 2, "the command line was not understood; nothing was read or written."));
    type.addField(status("FAILED", 3, "the run failed or did not finish; run again with the same {@code --checkpoint} to resume."));
    type.addField(FieldSpec.builder(ParameterizedTypeName.get(JavaNames.LIST, STRING), "TYPES",
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(CodeBlock.of("$T.of($L)", JavaNames.LIST,
            CodeBlock.join(types.stream().map(t -> CodeBlock.of("$S", t)).toList(), ", ")))
        .build());
    type.addField(FieldSpec.builder(STRING, "USAGE_TEXT", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$S", USAGE_TEXT.replace("@SELF@", names.schemaMigration)).build());
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    type.addMethod(method("main", "Runs the backfill from the command line and exits with its status.\n\n"
            + "@param args the command line (see the class documentation)", """
            $system:T.exit(run(args, $system:T.out, $system:T.err));
            """).addModifiers(Modifier.PUBLIC, Modifier.STATIC).addParameter(String[].class, "args").build());
    type.addMethod(method("run", """
            Runs the backfill from a command line with a client built from its {@code --endpoint} and {@code --region}
            (credentials from the SDK's default chain). Never throws.

            @param args the command line
            @param out receives the progress and the summary
            @param err receives usage errors, conflicts, items not migrated and failures
            @return the exit status""", RUN_ARGS)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(TypeName.INT)
        .addParameter(String[].class, "args").addParameter(printStream(), "out").addParameter(printStream(), "err").build());
    type.addMethod(method("run", """
            Runs the backfill with a client: progress per finished segment, the writes in a dry run, a summary,
            then each conflict and each item not migrated.

            @param client the client
            @param options what to migrate and how
            @param out receives the progress and the summary
            @param err receives conflicts, items not migrated and failures
            @return the exit status""", RUN_CLIENT)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(TypeName.INT)
        .addParameter(RunnerCode.DYNAMO_DB_CLIENT, "client").addParameter(code.type("options"), "options")
        .addParameter(printStream(), "out").addParameter(printStream(), "err").build());
    type.addMethod(method("configure", """
            Registers this schema's backfill on a runner: a migration per {@code @model} type, one for the unique
            items, and the tolerance of items whose writes are refused ({@link @RUNNER@#onGiveUp}).

            @param runner a runner without migrations
            @param client the client the runner uses, for the reads the backfill makes
            @param tableName the runner's table
            @return where the run records conflicts and items it could not migrate""", CONFIGURE)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(code.type("findings"))
        .addParameter(names.migrationRunnerClass(), "runner").addParameter(RunnerCode.DYNAMO_DB_CLIENT, "client")
        .addParameter(STRING, "tableName").build());
    type.addMethod(method("migrateNode", "A node item: rewritten as a create writes it, its unique items built or "
            + "refreshed unless another item\nholds a value.", MIGRATE_NODE)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(RunnerCode.WRITES)
        .addParameter(RunnerCode.DYNAMO_DB_CLIENT, "client").addParameter(STRING, "tableName")
        .addParameter(code.type("context"), "context").addParameter(code.type("findings"), "findings").build());
    type.addMethod(method("migrateCopy", "A unique item: deleted unless its node item, as stored now, has it.", MIGRATE_COPY)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(RunnerCode.WRITES)
        .addParameter(RunnerCode.DYNAMO_DB_CLIENT, "client").addParameter(STRING, "tableName")
        .addParameter(code.type("context"), "context").build());
    type.addMethod(method("uniquePut", "A put of a unique item applying only where no other item holds the value.", """
            return $transactWriteItem:T.builder().put($put:T.builder().item(unique)
                .conditionExpression("attribute_not_exists(#pk) OR (#id = :id AND #t = :t)")
                .expressionAttributeNames($map:T.of("#pk", "PK", "#id", "id", "#t", "__typename"))
                .expressionAttributeValues($map:T.of(":id", unique.get("id"), ":t", unique.get("__typename"))).build()).build();
            """).addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(RunnerCode.TRANSACT_WRITE_ITEM)
        .addParameter(RunnerCode.ITEM, "unique").build());
    type.addMethod(method("nodeKey", "The {@code PK} a node item of this type and id has, by the schema's key strategy.",
            model.keyStrategy() == KeyStrategy.NODE ? "return \"NODE#\" + id;\n" : "return typename + \"#\" + id;\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(STRING)
        .addParameter(STRING, "typename").addParameter(STRING, "id").build());
    type.addMethod(method("owner", "{@code Type id} of the item a node or unique item belongs to.", """
            $attributeValue:T typename = item.get("__typename");
            $attributeValue:T id = item.get("id");
            return (typename == null ? "?" : typename.s()) + " " + (id == null ? "?" : id.s());
            """).addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(STRING).addParameter(RunnerCode.ITEM, "item").build());
    type.addMethod(method("describe", "An item's {@code PK} for messages.", """
            $attributeValue:T pk = item.get("PK");
            return pk == null || pk.s() == null ? "an item without PK" : pk.s();
            """).addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(STRING).addParameter(RunnerCode.ITEM, "item").build());
    type.addMethod(method("describe", "A write, for the dry run's listing.", """
            if (write.put() != null) {
              return "put " + describe(write.put().item());
            }
            if (write.delete() != null) {
              return "delete " + describe(write.delete().key());
            }
            if (write.update() != null) {
              return "update " + describe(write.update().key());
            }
            return "check " + describe(write.conditionCheck().key());
            """).addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(STRING)
        .addParameter(RunnerCode.TRANSACT_WRITE_ITEM, "write").build());
    type.addType(options()).addType(conflict()).addType(findings());
    return type.build();
  }

  private String doc(String text) {
    return text.replace("@SELF@", names.schemaMigration).replace("@RUNNER@", names.migrationRunner)
        .replace("@CODEC@", names.codec);
  }

  private MethodSpec.Builder method(String name, String javadoc, String body) {
    return MethodSpec.methodBuilder(name).addJavadoc("$L\n", doc(javadoc)).addCode(code.of(doc(body)));
  }

  private static FieldSpec status(String name, int value, String doc) {
    return FieldSpec.builder(TypeName.INT, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Exit status: $L\n", doc).initializer("$L", value).build();
  }

  private TypeName printStream() {
    return code.type("printStream");
  }

  private TypeSpec options() {
    record P(TypeName type, String name, String doc) {}
    List<P> params = List.of(
        new P(STRING, "table", "the table (required)"),
        new P(STRING, "endpoint", "the DynamoDB endpoint, or null for the SDK's"),
        new P(STRING, "region", "the region, or null for the SDK's default region provider chain"),
        new P(TypeName.BOOLEAN, "dryRun", "true to list the writes instead of applying them"),
        new P(RunnerCode.PATH, "checkpoint", "the checkpoint file, or null for none"),
        new P(TypeName.INT, "segments", "the Scan's total segments"),
        new P(TypeName.INT, "firstSegment", "the first segment to scan, or -1 for all"),
        new P(TypeName.INT, "lastSegment", "the last segment to scan, or -1 for all"),
        new P(TypeName.BOOLEAN, "help", "true when {@code --help} asked for the usage"));
    StringBuilder doc = new StringBuilder("The command line of {@link ").append(names.schemaMigration).append("}.\n\n");
    params.forEach(p -> doc.append("@param ").append(p.name()).append(' ').append(p.doc()).append('\n'));
    return TypeSpec.recordBuilder("Options").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("$L", doc.toString())
        .recordConstructor(MethodSpec.constructorBuilder()
            .addParameters(params.stream().map(p -> ParameterSpec.builder(p.type(), p.name()).build()).toList()).build())
        .addMethod(method("parse", """
            Parses a command line: {@code --option value} or {@code --option=value}.

            @param args the command line
            @return the options
            @throws IllegalArgumentException naming what is wrong""", PARSE)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(code.type("options"))
            .addParameter(String[].class, "args").varargs(true).build())
        .addMethod(method("number", "A non-negative number.", """
            try {
              int n = $integer:T.parseInt(value.trim());
              if (n < 0) {
                throw new $illegalArgumentException:T(option + " takes numbers from 0: " + value);
              }
              return n;
            } catch ($numberFormatException:T e) {
              throw new $illegalArgumentException:T(option + " takes a number: " + value);
            }
            """).addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(TypeName.INT)
            .addParameter(STRING, "option").addParameter(STRING, "value").build())
        .build();
  }

  private TypeSpec conflict() {
    return TypeSpec.recordBuilder("Conflict").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("""
            A unique value held by one item and also by another, which the backfill left unchanged.

            @param uniqueKey the unique item's {@code PK}, {@code Type#field#value}
            @param holder {@code Type id} of the item holding the unique item
            @param other {@code Type id} of the item with the same value, not changed
            """)
        .recordConstructor(MethodSpec.constructorBuilder()
            .addParameter(STRING, "uniqueKey").addParameter(STRING, "holder").addParameter(STRING, "other").build())
        .addMethod(method("message", "The conflict and how to resolve it.\n\n@return one line", """
            int type = uniqueKey.indexOf('#');
            int field = uniqueKey.indexOf('#', type + 1);
            $string:T unique = type < 0 || field < 0 ? uniqueKey
                : uniqueKey.substring(0, type) + "." + uniqueKey.substring(type + 1, field);
            $string:T value = field < 0 ? uniqueKey : uniqueKey.substring(field + 1);
            return "@unique " + unique + ": " + holder + " holds the value '" + value + "' (unique item " + uniqueKey
                + ") and " + other + " has it too; neither was changed. Change the value of " + holder
                + " or delete it (the API refuses to change or delete " + other + " while " + holder
                + " holds the value), then run again";
            """).addModifiers(Modifier.PUBLIC).returns(STRING).build())
        .build();
  }

  private TypeSpec findings() {
    TypeName conflict = code.type("conflict");
    return TypeSpec.classBuilder("Findings").addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("What a run reported besides its counts: conflicts and items it could not migrate. Thread-safe.\n")
        .addField(code.field(ParameterizedTypeName.get(SET, conflict), "conflicts",
            "$concurrentHashMap:T.newKeySet()", Modifier.PRIVATE, Modifier.FINAL))
        .addField(code.field(ParameterizedTypeName.get(SET, STRING), "problems",
            "$concurrentHashMap:T.newKeySet()", Modifier.PRIVATE, Modifier.FINAL))
        .addField(code.field(ParameterizedTypeName.get(JavaNames.MAP, STRING, STRING), "claims",
            "new $concurrentHashMap:T<>()", Modifier.PRIVATE, Modifier.FINAL))
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(method("conflicts", "The conflicts, in unique-key order.\n\n@return the conflicts found", """
            $list:T<$conflict:T> sorted = new $arrayList:T<>(conflicts);
            sorted.sort((a, b) -> (a.uniqueKey() + '\\u0000' + a.other()).compareTo(b.uniqueKey() + '\\u0000' + b.other()));
            return sorted;
            """).addModifiers(Modifier.PUBLIC).returns(ParameterizedTypeName.get(JavaNames.LIST, conflict)).build())
        .addMethod(method("problems", "The items not migrated, each with why, in order.\n\n@return the items not migrated",
            "return new $arrayList:T<>(new $treeSet:T<>(problems));\n")
            .addModifiers(Modifier.PUBLIC).returns(ParameterizedTypeName.get(JavaNames.LIST, STRING)).build())
        .addMethod(method("isEmpty", "True when nothing was reported.\n\n@return true without conflicts and items not migrated",
            "return conflicts.isEmpty() && problems.isEmpty();\n").addModifiers(Modifier.PUBLIC).returns(TypeName.BOOLEAN).build())
        .addMethod(method("conflict", "Records a conflict.", "conflicts.add(conflict);\n")
            .addParameter(conflict, "conflict").build())
        .addMethod(method("problem", "Records an item not migrated.", "problems.add(problem);\n")
            .addParameter(STRING, "problem").build())
        .addMethod(method("claim", "In a dry run, where nothing is written: the first owner seen for a unique key.", """
            $string:T first = claims.putIfAbsent(key, owner);
            return first == null ? owner : first;
            """).returns(STRING).addParameter(STRING, "key").addParameter(STRING, "owner").build())
        .build();
  }

  private static final String DOC = """
      The backfill of this schema: brings every item of a table written by earlier versions of the schema to
      what this version's resolvers write, in place, while the API keeps serving (run it after deploying the
      new template and resolvers). {@code schema-changes.md} lists the changes that need it.

      <ul>
      <li>Every node item of a {@code @model} type is rewritten exactly as a create writes it ({@link
          @CODEC@#encode}): index attributes recomputed, those of removed or moved relations and fields the
          type no longer has dropped. An item that no longer decodes is reported and left alone.
      <li>Its unique items are built or refreshed; a value another item holds already is reported with both
          ids, and neither item is changed.
      <li>Unique items no node item accounts for (a removed {@code @unique}, a changed {@code ignoreCase},
          a copy left behind) are deleted.
      </ul>
      Writes apply only while the items they depend on are unchanged, so items the resolvers write meanwhile
      stay correct (a changed item is read again). A second run writes nothing. With {@code --checkpoint}
      an interrupted run resumes where it stopped; {@code --segment-range} shares a table between processes.

      <pre>
      java @SELF@ --table NAME [--endpoint URL] [--region R] [--dry-run] [--checkpoint FILE]
          [--segments N] [--segment-range FROM-TO]
      </pre>
      Exit status: {@link #OK}, {@link #REPORTED} (conflicts or items that could not be migrated, all
      printed; everything else was migrated), {@link #USAGE}, {@link #FAILED}. As a library: {@link
      #configure} a {@link @RUNNER@}. Generated by singletable; do not edit.
      """;

  private static final String USAGE_TEXT = """
      usage: @SELF@ --table NAME [--endpoint URL] [--region R] [--dry-run] [--checkpoint FILE]
             [--segments N] [--segment-range FROM-TO]
        --table NAME             the table to migrate (required)
        --endpoint URL           the DynamoDB endpoint (default: the SDK's; e.g. http://127.0.0.1:8000 for DynamoDB Local)
        --region R               the AWS region (default: the SDK's default region provider chain)
        --dry-run                print the writes instead of applying them
        --checkpoint FILE        record progress in FILE; an existing FILE is resumed from
        --segments N             the Scan's total segments (default 8; a checkpoint is bound to it)
        --segment-range FROM-TO  scan only segments FROM to TO (inclusive, from 0), sharing the table with other processes
      exit status: 0 done, 1 conflicts or items reported (everything else migrated), 2 usage, 3 failed or not finished""";

  private static final String RUN_ARGS = """
      $options:T options;
      try {
        options = $options:T.parse(args);
      } catch ($illegalArgumentException:T e) {
        err.println("@SELF@: " + e.getMessage());
        err.println(USAGE_TEXT);
        return USAGE;
      }
      if (options.help()) {
        out.println(USAGE_TEXT);
        return OK;
      }
      try {
        $dynamoDbClientBuilder:T builder = $dynamoDbClient:T.builder();
        if (options.endpoint() != null) {
          builder.endpointOverride($uri:T.create(options.endpoint()));
        }
        if (options.region() != null) {
          builder.region($region:T.of(options.region()));
        }
        try ($dynamoDbClient:T client = builder.build()) {
          return run(client, options, out, err);
        }
      } catch ($runtimeException:T | $error:T e) {
        err.println("@SELF@ failed: " + e);
        return FAILED;
      }
      """;

  private static final String RUN_CLIENT = """
      $runner:T runner = $runner:T.of(client, options.table()).segments(options.segments())
          .dryRun(options.dryRun()).checkpoint(options.checkpoint());
      if (options.firstSegment() >= 0) {
        runner.segmentRange(options.firstSegment(), options.lastSegment());
      }
      $findings:T findings = configure(runner, client, options.table());
      runner.progress(p -> {
        if (p.segmentDone()) {
          out.println("segment " + p.segment() + " finished (" + p.segmentsDone() + " of " + p.segments() + "): "
              + p.scanned() + " items scanned, " + p.migrated() + " migrated, " + p.writes() + " writes");
        }
      });
      if (options.dryRun()) {
        runner.onWrite((context, write) -> out.println("would " + describe(write)));
      }
      $report:T report;
      int status;
      try {
        report = runner.run();
        status = !report.complete() ? FAILED : findings.isEmpty() ? OK : REPORTED;
      } catch ($migrationException:T e) {
        report = e.report();
        err.println("@SELF@ stopped: " + e.getMessage());
        status = FAILED;
      } catch ($runtimeException:T e) {
        err.println("@SELF@ failed: " + e.getMessage());
        return FAILED;
      }
      if (report != null) {
        out.println("table " + options.table() + ": " + (report.complete() ? "complete" : "not finished") + ", "
            + report.scanned() + " items scanned, " + report.migrated() + " migrated, " + report.writes() + " writes"
            + (report.dryRun() ? " listed (dry run: nothing written)" : "") + ", " + report.segmentsSkipped()
            + " segments finished before");
      }
      for ($conflict:T conflict : findings.conflicts()) {
        err.println("conflict: " + conflict.message());
      }
      for ($string:T problem : findings.problems()) {
        err.println("not migrated: " + problem);
      }
      return status;
      """;

  private static final String CONFIGURE = """
      $findings:T findings = new $findings:T();
      for ($string:T type : TYPES) {
        runner.migrate(type, context -> migrateNode(client, tableName, context, findings));
      }
      runner.migrateCopies(context -> migrateCopy(client, tableName, context));
      runner.onGiveUp((context, e) -> findings.problem(describe(context.item()) + ": its writes were refused in "
          + "each attempt " + e.cancellationReasons()));
      return findings;
      """;

  private static final String MIGRATE_NODE = """
      $item:T item = context.item();
      $entity:T next;
      $list:T<$transactWriteItem:T> writes;
      try {
        next = $codec:T.decode(item);
        writes = new $arrayList:T<>($runner:T.rewrite(context, next));
      } catch ($runtimeException:T e) {
        findings.problem(describe(item) + ": cannot be read as this schema's " + item.get("__typename").s() + " ("
            + e.getMessage() + "); fix it with a raw migration of @RUNNER@, then run again");
        return $list:T.of();
      }
      boolean rewritten = !writes.isEmpty();
      for ($item:T unique : $codec:T.uniqueItemsOf(next)) {
        $attributeValue:T key = unique.get("PK");
        $item:T held = client.getItem(request -> request.tableName(tableName).key($map:T.of("PK", key))
            .consistentRead(true)).item();
        boolean present = held != null && !held.isEmpty();
        $string:T self = owner(unique);
        $string:T holder = present ? owner(held) : context.dryRun() ? findings.claim(key.s(), self) : self;
        if (!holder.equals(self)) {
          findings.conflict(new $conflict:T(key.s(), holder, self));
          return $list:T.of(); // neither item is changed
        }
        if (!rewritten && !unique.equals(held)) {
          writes.add(uniquePut(unique));
        }
      }
      if (!rewritten && !writes.isEmpty()) {
        writes.add(0, $runner:T.guard(item.get("PK").s(), item));
      }
      return writes;
      """;

  private static final String MIGRATE_COPY = """
      $item:T copy = context.item();
      $string:T typename = copy.get("__typename").s();
      if (!TYPES.contains(typename)) {
        return $list:T.of(); // not a type of this schema: left as it is
      }
      $string:T nodePk = nodeKey(typename, copy.get("id").s());
      $item:T node = client.getItem(request -> request.tableName(tableName)
          .key($map:T.of("PK", $attributeValue:T.fromS(nodePk))).consistentRead(true)).item();
      boolean present = node != null && !node.isEmpty();
      if (present && $objects:T.equals(node.get("__typename"), copy.get("__typename"))
          && $objects:T.equals(node.get("id"), copy.get("id"))) {
        try {
          for ($item:T unique : $codec:T.uniqueItemsOf($codec:T.decode(node))) {
            if (unique.get("PK").equals(copy.get("PK"))) {
              return $list:T.of(); // the node item's migration keeps it up to date
            }
          }
        } catch ($runtimeException:T e) {
          return $list:T.of(); // the node item's migration reports it; its unique items are left as they are
        }
      }
      return $list:T.of($runner:T.deleteUnchanged(context), $runner:T.guard(nodePk, present ? node : null));
      """;

  private static final String PARSE = """
      $string:T table = null;
      $string:T endpoint = null;
      $string:T region = null;
      boolean dryRun = false;
      $path:T checkpoint = null;
      int segments = 8;
      $string:T range = null;
      for (int i = 0; i < args.length; i++) {
        $string:T arg = args[i];
        $string:T name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        if (name.equals("--help") || name.equals("-h")) {
          return new $options:T(table, endpoint, region, dryRun, checkpoint, segments, -1, -1, true);
        }
        if (name.equals("--dry-run")) {
          dryRun = true;
          continue;
        }
        $string:T value;
        if (arg.contains("=")) {
          value = arg.substring(arg.indexOf('=') + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new $illegalArgumentException:T(name + " needs a value");
        }
        switch (name) {
          case "--table" -> table = value;
          case "--endpoint" -> endpoint = value;
          case "--region" -> region = value;
          case "--checkpoint" -> checkpoint = $path:T.of(value);
          case "--segments" -> segments = number(name, value);
          case "--segment-range" -> range = value;
          default -> throw new $illegalArgumentException:T("unknown option " + name);
        }
      }
      if (table == null || table.isEmpty()) {
        throw new $illegalArgumentException:T("--table NAME is required");
      }
      if (segments < 1 || segments > 1_000_000) {
        throw new $illegalArgumentException:T("--segments must be between 1 and 1000000: " + segments);
      }
      int first = -1;
      int last = -1;
      if (range != null) {
        int dash = range.indexOf('-');
        if (dash < 0) {
          throw new $illegalArgumentException:T("--segment-range must be FROM-TO: " + range);
        }
        first = number("--segment-range", range.substring(0, dash));
        last = number("--segment-range", range.substring(dash + 1));
        if (first > last || last >= segments) {
          throw new $illegalArgumentException:T("--segment-range " + range + " must satisfy 0 <= FROM <= TO < "
              + segments + " (--segments)");
        }
      }
      return new $options:T(table, endpoint, region, dryRun, checkpoint, segments, first, last, false);
      """;
}
