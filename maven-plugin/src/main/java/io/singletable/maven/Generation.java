package io.singletable.maven;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.diag.SchemaException;
import io.singletable.render.TemplateOverrideException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * One run of {@code generate}, without Maven's types, so that it runs in Maven's JVM or in a forked one alike
 * ({@link ForkedGeneration}): the generator's outcome turned into log lines, and its failures into a {@link
 * Failure} whose message is the build's.
 */
final class Generation {
  private Generation() {}

  /** Log levels of the lines a generation reports. */
  enum Level { INFO, WARN, ERROR }

  /** Where a generation's lines go. */
  interface Log {
    void log(Level level, String message);
  }

  /** The generator run; tests replace it to provoke failures. */
  interface Run {
    Generator.Result generate(GeneratorOptions options) throws IOException;
  }

  /** The build fails with this message (the schema is wrong, a file cannot be read or written, …). */
  static final class Failure extends Exception {
    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Generates and logs what was done; returns the number of files generated.
   *
   * @param schema the schema parameter as given, for messages
   * @param lockFile the lock file, for messages
   * @throws Failure when the build must fail; nothing was written then
   * @throws RuntimeException on an internal error; nothing was written then either
   */
  static int generate(Run generator, GeneratorOptions options, File schema, File outputDirectory, File lockFile,
      Log log) throws Failure {
    Generator.Result result = guarded(() -> generator.generate(options), schema, outputDirectory, log);
    var r = result.report();
    int models = result.model().entities().size();
    int gsis = result.model().slots().size();
    log.log(Level.INFO, String.format("singletable: %d model%s, %d GSI%s; %d files in %s (%d written, %d unchanged, %d deleted)",
        models, models == 1 ? "" : "s", gsis, gsis == 1 ? "" : "s", result.plan().files().size(),
        outputDirectory, r.written().size(), r.unchanged().size(), r.deleted().size()));
    logPlan(result, lockFile, log);
    var stacks = result.resourcesPerStack();
    var operations = result.resourcesPerOperation();
    log.log(Level.INFO, "singletable: template.yaml has " + stacks.get(0) + " resources" + (stacks.size() == 1 ? ""
        : "; " + (stacks.size() - 1) + " more stacks with " + stacks.subList(1, stacks.size()) + " resources")
        + " (CloudFormation allows 500 per stack)" + (operations.size() == 1 ? ""
        : "; deployed in " + operations.size() + " stack operations (deploy.sh) of " + operations
        + " resources (at most 2,500 each)"));
    return result.plan().files().size();
  }

  /** The last line of a generation, with its time as the user waited for it. */
  static String done(int files, long millis) {
    return String.format(Locale.ROOT, "singletable: generated %d files in %d ms", files, millis);
  }

  /** The change plan against the lock, one line per change. */
  private static void logPlan(Generator.Result result, File lockFile, Log log) {
    var lock = result.lock();
    if (lock == null) {
      return;
    }
    if (lock.previous() == null) {
      log.log(Level.INFO, "singletable: no lock yet; wrote " + lockFile + " (commit it: later generations keep every "
          + "relation on its GSI)");
      return;
    }
    if (lock.changes().isEmpty()) {
      log.log(Level.INFO, "singletable: no change against " + lockFile);
      return;
    }
    log.log(Level.INFO, "singletable: changes against " + lockFile + " (see " + Generator.SCHEMA_CHANGES + "):");
    for (var change : lock.changes()) {
      log.log(Level.INFO, "  " + change.line());
    }
  }

  /** A step that reads the schema and may fail like the generator. */
  interface Step<T> {
    T run() throws IOException;
  }

  /** The step's result; its failures as {@link Failure}s (schema errors logged first, one line each). */
  static <T> T guarded(Step<T> step, File schema, File outputDirectory, Log log) throws Failure {
    try {
      return step.run();
    } catch (SchemaException e) {
      for (String line : e.formatted().split("\n")) {
        log.log(Level.ERROR, line);
      }
      throw new Failure("singletable: " + e.getMessage() + " in " + schema + "; nothing was written", null);
    } catch (TemplateOverrideException e) {
      throw new Failure("singletable: " + e.getMessage() + "; nothing was written", e);
    } catch (IOException | UncheckedIOException e) {
      String message = e instanceof UncheckedIOException u && u.getCause() != null ? u.getMessage() : e.getMessage();
      throw new Failure("singletable: " + (message == null ? e.toString() : message)
          + " (schema " + schema + ", output " + outputDirectory + ")", e);
    }
  }
}
