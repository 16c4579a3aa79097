package io.singletable.render.java;

import static io.singletable.render.java.JavaNames.STRING;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Renders the private machinery of the {@code MigrationRunner}: {@code Run}, the state of one run
 * and its workers (one task per unfinished segment, the retry of items changed concurrently, the
 * stop on the first failure), and {@code Checkpoint}, the segments' progress in a small properties
 * file replaced atomically after every page.
 */
final class MigrationRunRenderer {
  static final String RUN = "Run";
  static final String CHECKPOINT = "Checkpoint";

  private final JavaNames names;
  private final RunnerCode code;

  MigrationRunRenderer(JavaNames names, RunnerCode code) {
    this.names = names;
    this.code = code;
  }

  List<TypeSpec> render() {
    return List.of(run(), checkpoint());
  }

  // ---------------------------------------------------------------- Run

  private TypeSpec run() {
    return TypeSpec.classBuilder(RUN).addModifiers(Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("One run: its counts, its checkpoint and its workers.\n")
        .addFields(runFields())
        .addMethod(MethodSpec.constructorBuilder()
            .addParameter(code.type("checkpoint"), "progressSaved")
            .addCode(code.of("""
                this.progressSaved = progressSaved;
                this.first = firstSegment;
                this.last = lastSegment < 0 ? segments - 1 : lastSegment;
                int done = 0;
                for (int s = first; s <= last; s++) {
                  done += progressSaved.done(s) ? 1 : 0;
                }
                this.segmentsSkipped = done;
                """))
            .build())
        .addMethod(execute())
        .addMethod(scanSegment())
        .addMethod(migrateItem())
        .addMethod(fail())
        .addMethod(pageDone())
        .addMethod(report())
        .build();
  }

  private MethodSpec execute() {
    return method("execute", "Scans the unfinished segments with {@code workers} threads; returns when all stopped.", """
        $atomicInteger:T started = new $atomicInteger:T();
        $executorService:T pool = $executors:T.newFixedThreadPool(workers, task -> {
          $thread:T thread = new $thread:T(task, "$L-" + started.incrementAndGet());
          thread.setDaemon(true); // a worker stuck in a call must not keep the JVM alive
          return thread;
        });
        for (int s = first; s <= last; s++) {
          if (!progressSaved.done(s)) {
            int segment = s;
            pool.execute(() -> scanSegment(segment));
          }
        }
        pool.shutdown();
        boolean interrupted = false;
        boolean finished = false;
        while (!finished) {
          try {
            finished = pool.awaitTermination(1, $timeUnit:T.SECONDS);
          } catch ($interruptedException:T e) {
            // An interrupted caller gets what a stop() gives: workers finish their page, no page is lost.
            interrupted = true;
            stopping = true;
          }
        }
        if (interrupted) {
          $thread:T.currentThread().interrupt();
        }
        $report:T report = report();
        if (failure.get() != null) {
          throw new $migrationException:T("migration stopped at " + failedAt + ": " + failure.get(), report, failure.get());
        }
        return report;
        """.replace("$L", names.migrationRunner)).addParameter(int.class, "workers").returns(code.type("report")).build();
  }

  private MethodSpec scanSegment() {
    return method("scanSegment", "Scans one segment from its saved start, a page at a time, until it ends or the run stops.", """
        try {
          $item:T start = progressSaved.start(segment);
          while (!stopping) {
            $scanResponse:T page = client.scan($scanRequest:T.builder().tableName(tableName)
                .segment(segment).totalSegments(segments).limit(pageSize).consistentRead(true)
                .exclusiveStartKey(start).build());
            for ($item:T item : page.items()) {
              if (failure.get() != null) {
                return; // another worker failed: abandon this page, its checkpoint stays where it was
              }
              scanned.increment();
              try {
                migrateItem(item, segment);
              } catch ($runtimeException:T | $error:T e) {
                fail("item " + describe(item), e);
                return;
              }
            }
            start = page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
            pageDone(segment, start);
            if (start == null) {
              return;
            }
          }
        } catch ($runtimeException:T | $error:T e) {
          fail("segment " + segment, e);
        }
        """).addParameter(int.class, "segment").build();
  }

  private MethodSpec migrateItem() {
    return method("migrateItem", "Migrates one item, reading it again and retrying when it changed since the scan.", """
        $item:T item = scannedItem;
        for (int attempt = 1; ; attempt++) {
          $rawMigration:T migration = migrationOf(item);
          if (migration == null) {
            skipped.increment();
            return;
          }
          $context:T context = new $context:T(item, segment, dryRun);
          $writes:T writes = writesOf(migration, context);
          if (writes.isEmpty()) {
            return;
          }
          int outcome = dryRun ? APPLIED : apply(writes, item.get("PK"), attempt, context);
          if (outcome == APPLIED) {
            writes.forEach(w -> onWrite.accept(context, w));
            migrated.increment();
            written.add(writes.size());
            return;
          }
          if (outcome == GIVEN_UP) {
            skipped.increment();
            return;
          }
          item = reread(item);
          if (item == null) {
            skipped.increment(); // deleted since the scan: nothing left to migrate
            return;
          }
        }
        """).addParameter(RunnerCode.ITEM, "scannedItem").addParameter(int.class, "segment").build();
  }

  private MethodSpec fail() {
    return method("fail", "Records the first failure and stops every worker at its next item.", """
        if (failure.compareAndSet(null, cause)) {
          failedAt = where;
        }
        stopping = true;
        """).addParameter(String.class, "where").addParameter(Throwable.class, "cause").build();
  }

  private MethodSpec pageDone() {
    return method("pageDone", "Saves a finished page (all its writes applied) and reports progress.", """
        progressSaved.set(segment, next);
        if (next == null) {
          segmentsDone++;
        }
        if (!dryRun) {
          progressSaved.save();
        }
        progress.accept(new $progress:T(segment, next == null, segmentsSkipped + segmentsDone, last - first + 1,
            scanned.sum(), migrated.sum(), written.sum(), skipped.sum()));
        """).addModifiers(Modifier.SYNCHRONIZED)
        .addParameter(int.class, "segment").addParameter(RunnerCode.ITEM, "next").build();
  }

  private MethodSpec report() {
    return method("report", "The counts so far.", """
        return new $report:T(scanned.sum(), migrated.sum(), written.sum(), skipped.sum(), segmentsDone,
            segmentsSkipped, dryRun, segmentsSkipped + segmentsDone == last - first + 1);
        """).addModifiers(Modifier.SYNCHRONIZED).returns(code.type("report")).build();
  }

  private List<FieldSpec> runFields() {
    TypeName adder = code.type("longAdder");
    String newAdder = "new $longAdder:T()";
    return List.of(
        code.field(code.type("checkpoint"), "progressSaved", null, Modifier.PRIVATE, Modifier.FINAL),
        code.field(adder, "scanned", newAdder, Modifier.PRIVATE, Modifier.FINAL),
        code.field(adder, "migrated", newAdder, Modifier.PRIVATE, Modifier.FINAL),
        code.field(adder, "written", newAdder, Modifier.PRIVATE, Modifier.FINAL),
        code.field(adder, "skipped", newAdder, Modifier.PRIVATE, Modifier.FINAL),
        code.field(ParameterizedTypeName.get((ClassName) code.type("atomicReference"), code.type("throwable")), "failure",
            "new $atomicReference:T<>()", Modifier.PRIVATE, Modifier.FINAL),
        code.field(STRING, "failedAt", null, Modifier.PRIVATE, Modifier.VOLATILE),
        code.field(TypeName.BOOLEAN, "stopping", null, Modifier.PRIVATE, Modifier.VOLATILE),
        code.field(TypeName.INT, "first", null, Modifier.PRIVATE, Modifier.FINAL),
        code.field(TypeName.INT, "last", null, Modifier.PRIVATE, Modifier.FINAL),
        code.field(TypeName.INT, "segmentsSkipped", null, Modifier.PRIVATE, Modifier.FINAL),
        code.field(TypeName.INT, "segmentsDone", null, Modifier.PRIVATE));
  }

  private MethodSpec.Builder method(String name, String doc, String body) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE).addJavadoc("$L\n", doc).addCode(code.of(body));
  }

  // ---------------------------------------------------------------- Checkpoint

  private TypeSpec checkpoint() {
    return TypeSpec.classBuilder(CHECKPOINT).addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("""
            The progress of each segment: not started, finished ({@code done}), or the key to resume from
            ({@code from:} + base64url of the key's length-prefixed name, type and value). Saved as a
            properties file with sorted keys, written to a temporary file that then replaces it.
            """)
        .addField(code.field(STRING, "DONE", "\"done\"", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL))
        .addField(code.field(STRING, "FROM", "\"from:\"", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL))
        .addField(code.field(RunnerCode.PATH, "path", null, Modifier.PRIVATE, Modifier.FINAL))
        .addField(code.field(STRING, "table", null, Modifier.PRIVATE, Modifier.FINAL))
        .addField(code.field(ArrayTypeName.of(STRING), "state", null, Modifier.PRIVATE, Modifier.FINAL))
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
            .addParameter(RunnerCode.PATH, "path").addParameter(String.class, "table").addParameter(String[].class, "state")
            .addCode("this.path = path;\nthis.table = table;\nthis.state = state;\n").build())
        .addMethod(load())
        .addMethod(segmentKey())
        .addMethod(done())
        .addMethod(doneCount())
        .addMethod(start())
        .addMethod(set())
        .addMethod(save())
        .addMethods(keyEncoder())
        .addMethods(keyDecoder())
        .build();
  }

  private MethodSpec load() {
    return staticMethod("load", "The saved progress at {@code path}, or none when there is no file.", """
        $string:T[] state = new $string:T[segments];
        if (path == null || !$files:T.exists(path)) {
          return new Checkpoint(path, table, state);
        }
        $properties:T saved = new $properties:T();
        try ($reader:T in = $files:T.newBufferedReader(path, $standardCharsets:T.UTF_8)) {
          saved.load(in);
        } catch ($ioException:T e) {
          throw new $uncheckedIOException:T("cannot read checkpoint " + path, e);
        }
        if (!table.equals(saved.getProperty("table")) || !$integer:T.toString(segments).equals(saved.getProperty("segments"))) {
          throw new $illegalStateException:T("checkpoint " + path + " is for table " + saved.getProperty("table") + " in "
              + saved.getProperty("segments") + " segments, not " + table + " in " + segments);
        }
        for (int s = 0; s < segments; s++) {
          state[s] = saved.getProperty(key(s));
          if (state[s] != null && !state[s].equals(DONE) && !state[s].startsWith(FROM)) {
            throw new $illegalStateException:T("checkpoint " + path + ": unreadable " + key(s) + "=" + state[s]);
          }
        }
        return new Checkpoint(path, table, state);
        """).returns(code.type("checkpoint"))
        .addParameter(RunnerCode.PATH, "path").addParameter(String.class, "table").addParameter(int.class, "segments").build();
  }

  private MethodSpec segmentKey() {
    return staticMethod("key", "The property of a segment, zero-padded so that the file lists segments in order.", """
        $string:T digits = $integer:T.toString(segment);
        return "segment." + "000000".substring($math:T.min(6, digits.length())) + digits;
        """).returns(String.class).addParameter(int.class, "segment").build();
  }

  private MethodSpec done() {
    return checkpointMethod("done", "True when the segment is finished.", "return DONE.equals(state[segment]);\n")
        .returns(boolean.class).addParameter(int.class, "segment").build();
  }

  private MethodSpec doneCount() {
    return checkpointMethod("doneCount", "The finished segments.", """
        int done = 0;
        for ($string:T s : state) {
          done += DONE.equals(s) ? 1 : 0;
        }
        return done;
        """).returns(int.class).build();
  }

  private MethodSpec start() {
    return checkpointMethod("start", "The key to resume a segment after, or null to start it from the beginning.", """
        return state[segment] == null || state[segment].equals(DONE) ? null : decodeKey(state[segment].substring(FROM.length()));
        """).returns(RunnerCode.ITEM).addParameter(int.class, "segment").build();
  }

  private MethodSpec set() {
    return checkpointMethod("set", "Records a finished page: {@code next} is where the segment resumes, null when it is done.",
        "state[segment] = next == null ? DONE : FROM + encodeKey(next);\n")
        .addParameter(int.class, "segment").addParameter(RunnerCode.ITEM, "next").build();
  }

  private MethodSpec save() {
    return checkpointMethod("save", "Replaces the file (if there is one) with the current state.", """
        if (path == null) {
          return;
        }
        $stringBuilder:T text = new $stringBuilder:T("# $L progress; delete this file to migrate from the start again.\\n");
        for (int s = 0; s < state.length; s++) {
          if (state[s] != null) {
            text.append(key(s)).append('=').append(state[s]).append('\\n');
          }
        }
        text.append("segments=").append(state.length).append('\\n').append("table=").append(table).append('\\n');
        $path:T temporary = path.resolveSibling(path.getFileName() + ".tmp");
        try {
          $files:T.writeString(temporary, text, $standardCharsets:T.UTF_8);
          try {
            $files:T.move(temporary, path, $standardCopyOption:T.ATOMIC_MOVE, $standardCopyOption:T.REPLACE_EXISTING);
          } catch ($atomicMoveNotSupportedException:T e) {
            $files:T.move(temporary, path, $standardCopyOption:T.REPLACE_EXISTING);
          }
        } catch ($ioException:T e) {
          throw new $uncheckedIOException:T("cannot write checkpoint " + path, e);
        }
        """.replace("$L", names.migrationRunner)).build();
  }

  /** Key attributes as bytes: each of name, type and value as a 4-byte length and the bytes. */
  private List<MethodSpec> keyEncoder() {
    return List.of(
        staticMethod("encodeKey", "A key as text: its attributes in name order, each as name, type and value.", """
            $byteArrayOutputStream:T out = new $byteArrayOutputStream:T();
            for ($map:T.Entry<$string:T, $attributeValue:T> e : new $treeMap:T<>(key).entrySet()) {
              $attributeValue:T v = e.getValue();
              $string:T type = v.s() != null ? "S" : v.n() != null ? "N" : v.b() != null ? "B" : null;
              if (type == null) {
                throw new $illegalArgumentException:T("not a key attribute: " + e.getKey() + " " + v);
              }
              byte[] value = v.b() != null ? v.b().asByteArray() : (v.s() != null ? v.s() : v.n()).getBytes($standardCharsets:T.UTF_8);
              chunk(out, e.getKey().getBytes($standardCharsets:T.UTF_8));
              chunk(out, type.getBytes($standardCharsets:T.UTF_8));
              chunk(out, value);
            }
            return $base64:T.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
            """).returns(String.class).addParameter(RunnerCode.ITEM, "key").build(),
        staticMethod("chunk", "Writes a length-prefixed byte string.", """
            out.writeBytes($byteBuffer:T.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
            """).addParameter(java.io.ByteArrayOutputStream.class, "out").addParameter(byte[].class, "bytes").build());
  }

  private List<MethodSpec> keyDecoder() {
    return List.of(
        staticMethod("decodeKey", "The key {@code encodeKey} wrote.", """
            $byteBuffer:T in = $byteBuffer:T.wrap($base64:T.getUrlDecoder().decode(text));
            $item:T key = new $linkedHashMap:T<>();
            while (in.hasRemaining()) {
              $string:T name = new $string:T(chunk(in), $standardCharsets:T.UTF_8);
              $string:T type = new $string:T(chunk(in), $standardCharsets:T.UTF_8);
              byte[] value = chunk(in);
              key.put(name, switch (type) {
                case "S" -> $attributeValue:T.fromS(new $string:T(value, $standardCharsets:T.UTF_8));
                case "N" -> $attributeValue:T.fromN(new $string:T(value, $standardCharsets:T.UTF_8));
                case "B" -> $attributeValue:T.fromB($sdkBytes:T.fromByteArray(value));
                default -> throw new $illegalStateException:T("checkpoint key of unknown type " + type);
              });
            }
            return key;
            """).returns(RunnerCode.ITEM).addParameter(String.class, "text").build(),
        staticMethod("chunk", "Reads a length-prefixed byte string.", """
            byte[] bytes = new byte[in.getInt()];
            in.get(bytes);
            return bytes;
            """).returns(byte[].class).addParameter(java.nio.ByteBuffer.class, "in").build());
  }

  private MethodSpec.Builder checkpointMethod(String name, String doc, String body) {
    return MethodSpec.methodBuilder(name).addJavadoc("$L\n", doc).addCode(code.of(body));
  }

  private MethodSpec.Builder staticMethod(String name, String doc, String body) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.STATIC).addJavadoc("$L\n", doc).addCode(code.of(body));
  }
}
