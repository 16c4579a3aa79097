package io.singletable.render.java;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Renders the fluent settings of the {@code MigrationRunner}; each returns the runner. */
final class MigrationSettingsRenderer {
  private final JavaNames names;
  private final RunnerCode code;
  private final MigrationTypesRenderer types;

  MigrationSettingsRenderer(JavaNames names, RunnerCode code, MigrationTypesRenderer types) {
    this.names = names;
    this.code = code;
    this.types = types;
  }

  List<MethodSpec> render() {
    return List.of(
        setter("segments", TypeName.INT, """
            The Scan's total segments (default 8), each scanned by one worker at a time. A checkpoint is bound to
            its segment count.""", "count", "the segments, 1 to 1,000,000", """
            if (count < 1 || count > 1_000_000) {
              throw new $illegalArgumentException:T("segments must be between 1 and 1000000: " + count);
            }
            segments = count;
            """),
        MethodSpec.methodBuilder("segmentRange").addModifiers(Modifier.PUBLIC).returns(names.migrationRunnerClass())
            .addParameter(TypeName.INT, "from").addParameter(TypeName.INT, "to")
            .addJavadoc("""
                Scans only the segments {@code from} to {@code to} (inclusive, counted from 0) of the Scan's
                {@link #segments}, so that several processes or machines share one table: each runs the same
                migration with the same segment count and its own range (and its own checkpoint file, or a
                shared one used by one process at a time). Default: every segment.

                @param from the first segment, at least 0
                @param to the last segment, at least {@code from} and less than the segment count
                @return this runner
                """)
            .addCode(code.of("""
                if (from < 0 || to < from) {
                  throw new $illegalArgumentException:T("segment range must be FROM-TO with 0 <= FROM <= TO: " + from + "-" + to);
                }
                firstSegment = from;
                lastSegment = to;
                return this;
                """))
            .build(),
        setter("threads", TypeName.INT, """
            The workers scanning segments in parallel (default: the smaller of the segment count and the
            available processors).""", "count", "the workers, at least 1", """
            if (count < 1) {
              throw new $illegalArgumentException:T("threads must be at least 1: " + count);
            }
            threads = count;
            """),
        setter("pageSize", TypeName.INT, """
            The most items one Scan page reads (the Scan's {@code Limit}, default 500): the work a checkpoint
            records at once, and the most a resumed segment processes again.""", "items", "the page size, at least 1", """
            if (items < 1) {
              throw new $illegalArgumentException:T("pageSize must be at least 1: " + items);
            }
            pageSize = items;
            """),
        setter("dryRun", TypeName.BOOLEAN, """
            Whether to only report the writes (to {@link #onWrite} and in the report) instead of applying them.
            A dry run reads an existing checkpoint but never writes it, nor anything to the table.""",
            "enabled", "true for a dry run", "dryRun = enabled;\n"),
        setter("checkpoint", RunnerCode.PATH, """
            The file recording each segment's progress (default none). An existing file is resumed from: its
            finished segments are not scanned, the others resume after their last recorded page. Delete it to
            migrate from the start again.""", "file", "the checkpoint file, or null for none", "checkpoint = file;\n"),
        setter("progress", types.progressConsumer(), """
            Receives the progress after every finished page (default: nothing). Calls never overlap.""",
            "listener", "the progress listener", """
            progress = $objects:T.requireNonNull(listener, "listener");
            """),
        setter("onWrite", MigrationRunnerRenderer.writeListener(code), """
            Sees every write once it is applied (or, in a dry run, instead of applying it), with the context of
            the item it migrates, as the table receives it. Called from worker threads, possibly at once.""",
            "listener", "the write listener", """
            onWrite = $objects:T.requireNonNull(listener, "listener");
            """),
        setter("onGiveUp", MigrationRunnerRenderer.giveUpListener(code), """
            Makes the run tolerate items it cannot write: when any condition of an item's transaction fails (a
            unique value held by another item, a guard on another item that changed), the item is read again
            and migrated again, like after a concurrent change; after the last attempt it is handed to this
            listener, counted as skipped, and the run goes on. Without a listener (the default), only a change
            of the migrated item itself is retried, and any other failure stops the run. Called from worker
            threads, possibly at once.""",
            "listener", "the listener of items given up", """
            giveUp = $objects:T.requireNonNull(listener, "listener");
            """));
  }

  private MethodSpec setter(String name, TypeName type, String doc, String param, String paramDoc, String body) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(names.migrationRunnerClass())
        .addParameter(type, param)
        .addJavadoc("$L\n\n@param $L $L\n@return this runner\n", doc, param, paramDoc)
        .addCode(code.of(body + "return this;\n"))
        .build();
  }
}
