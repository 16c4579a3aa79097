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
