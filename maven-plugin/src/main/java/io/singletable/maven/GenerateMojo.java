package io.singletable.maven;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.diag.SchemaException;
import io.singletable.model.Authentication;
import io.singletable.model.KeyStrategy;
import io.singletable.output.OutputComparison;
import io.singletable.render.TemplateOverrideException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates the single-table backend (AppSync schema and resolvers, SAM template, Java sources)
 * from a GraphQL schema annotated with singletable's directives. Runs with or without a pom.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, requiresProject = false, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

  /** The annotated schema: a {@code .graphql} file, or a folder whose {@code *.graphql} files are all read. */
  @Parameter(property = "singletable.schema", defaultValue = "${basedir}/src/main/graphql")
  private File schema;

  /** Where the backend is written; the generator owns this folder's generated files (see its manifest). */
  @Parameter(property = "singletable.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/singletable")
  private File outputDirectory;

  /** Java package of the generated sources. */
  @Parameter(property = "singletable.packageName", defaultValue = GeneratorOptions.DEFAULT_PACKAGE)
  private String packageName;

  /** Node keys: {@code NODE} ({@code NODE#id}, ids globally unique) or {@code TYPE} ({@code Type#id}). */
  @Parameter(property = "singletable.keyStrategy", defaultValue = "NODE")
  private KeyStrategy keyStrategy;

  /** The most GSIs the table may get; more needed is an error naming the types. */
  @Parameter(property = "singletable.maxIndexes", defaultValue = "20")
  private int maxIndexes;

  /** A folder whose templates replace the packaged ones with the same file name. */
  @Parameter(property = "singletable.templateDirectory")
  private File templateDirectory;

  /** How clients authenticate to the API: {@code API_KEY}, {@code AWS_IAM} or {@code AMAZON_COGNITO_USER_POOLS}. */
  @Parameter(property = "singletable.authentication", defaultValue = "API_KEY")
  private Authentication authentication;

  /**
   * The schema lock: what the stored data depends on (GSI slots, key formats, uniques, types). Written on the
   * first generation, read and honoured on every later one; commit it. Without a pom: the current folder.
   */
  @Parameter(property = "singletable.lockFile", defaultValue = "${basedir}/singletable.lock")
  private File lockFile;

  /** Re-plans every GSI slot minimal instead of keeping the locked ones; the plan lists every moved relation. */
  @Parameter(property = "singletable.replan", defaultValue = "false")
  private boolean replan;

  /** Skips generation. */
  @Parameter(property = "singletable.skip", defaultValue = "false")
  private boolean skip;

  /**
   * {@code update} (default): write what changed. {@code frozen}: write nothing and fail the build
   * when the output directory differs from what generation would write, listing each difference
   * (what the {@code check} goal does), so CI catches output that is stale or edited by hand.
   */
  @Parameter(property = "singletable.lockMode", defaultValue = "update")
  private String lockMode;

  @Parameter(defaultValue = "${basedir}", readonly = true)
  private File basedir;

  @Parameter(defaultValue = "${project}", readonly = true)
  private MavenProject project;

  /** Where to report internal errors. */
  static final String ISSUES = "https://github.com/singletable/singletable/issues";

  /** The generator run; tests replace it to provoke failures. */
  interface Run {
    Generator.Result generate(GeneratorOptions options) throws IOException;
  }

  private Run generator = options -> new Generator().generate(options);

  void generator(Run run) {
    this.generator = run;
  }

  /**
   * Never lets an exception escape: a schema error, an unreadable schema or a failing template
   * override fails the build ({@link MojoFailureException}); anything else is an internal error
   * ({@link MojoExecutionException}) that says so, names the schema and asks for a report. In every
   * failing case nothing was written (the generator writes only after everything succeeded).
   */
  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    try {
      executeChecked();
    } catch (MojoExecutionException | MojoFailureException e) {
      throw e;
    } catch (Throwable e) { // RuntimeException, StackOverflowError, …: said to be ours, with the schema
      throw new MojoExecutionException("singletable: internal error (" + e.getClass().getName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ") while generating from "
          + (schema == null ? "the schema" : schema) + "; nothing was written. Please report it at " + ISSUES
          + " with the schema", e);
    }
  }

  private void executeChecked() throws MojoExecutionException, MojoFailureException {
    long start = System.nanoTime();
    if (skip) {
      getLog().info("singletable: skipped (singletable.skip=true)");
      return;
    }
    GeneratorOptions options;
    try {
      options = new GeneratorOptions(schema.toPath(), basedir == null ? null : basedir.toPath(),
          outputDirectory.toPath(), packageName, keyStrategy, maxIndexes,
          templateDirectory == null ? null : templateDirectory.toPath(), authentication,
          lockFile().toPath(), replan);
    } catch (IllegalArgumentException e) { // bad options, and paths the file system refuses
      throw new MojoFailureException("singletable: " + e.getMessage(), e);
    }
    if (lockMode != null && !"update".equals(lockMode) && !"frozen".equals(lockMode)) {
      throw new MojoFailureException("singletable: lockMode must be update or frozen, got " + lockMode);
    }
    Path java = outputDirectory.toPath().resolve(Generator.JAVA_ROOT);
    if (checkOnly()) {
      check(options);
      if (project != null) {
        project.addCompileSourceRoot(java.toString());
      }
      return;
    }
    Generator.Result result = run(options);
    if (project != null) {
      project.addCompileSourceRoot(java.toString());
    }
    var r = result.report();
    int models = result.model().entities().size();
    int gsis = result.model().slots().size();
    getLog().info(String.format("singletable: %d model%s, %d GSI%s; %d files in %s (%d written, %d unchanged, %d deleted)",
        models, models == 1 ? "" : "s", gsis, gsis == 1 ? "" : "s", result.plan().files().size(),
        outputDirectory, r.written().size(), r.unchanged().size(), r.deleted().size()));
    logPlan(result);
    var stacks = result.resourcesPerStack();
    var operations = result.resourcesPerOperation();
    getLog().info("singletable: template.yaml has " + stacks.get(0) + " resources" + (stacks.size() == 1 ? ""
        : "; " + (stacks.size() - 1) + " more stacks with " + stacks.subList(1, stacks.size()) + " resources")
        + " (CloudFormation allows 500 per stack)" + (operations.size() == 1 ? ""
        : "; deployed in " + operations.size() + " stack operations (deploy.sh) of " + operations
        + " resources (at most 2,500 each)"));
    getLog().info(String.format(Locale.ROOT, "singletable: generated %d files in %d ms",
        result.plan().files().size(), (System.nanoTime() - start) / 1_000_000));
  }

  /** True when this run only compares (the {@code check} goal, or {@code lockMode} {@code frozen}). */
  boolean checkOnly() {
    return "frozen".equals(lockMode);
  }

  /**
   * Compares the output directory and the lock with what generation would write; fails listing each difference
   * (files by their path in the output directory, the lock by its own path).
   */
  private void check(GeneratorOptions options) throws MojoFailureException {
    Generator.Check check = guarded(() -> new Generator().check(options));
    int files = check.planned().plan().files().size();
    if (check.upToDate()) {
      getLog().info("singletable: " + outputDirectory + " is up to date with " + schema + " (" + files + " files)"
          + (options.lockFile() == null ? "" : ", and so is " + options.lockFile()));
      return;
    }
    String lock = options.lockFile() == null ? null : options.lockFile().toString();
    int n = 0;
    String lockState = null;
    for (var d : check.differences()) {
      if (d.path().equals(lock)) { // the lock is not in the output directory: named by its own path
        boolean missing = d.kind() == OutputComparison.Kind.MISSING;
        lockState = missing ? " is missing" : " differs";
        getLog().error("singletable: " + lock + ": " + (missing
            ? "missing; generate would write it (commit the lock with the schema)"
            : "differs from what generate would write (the lock was not committed after a schema change, or "
                + "was edited by hand)"));
      } else {
        n++;
        getLog().error("singletable: " + outputDirectory + File.separator + d);
      }
    }
    String what = (n == 0 ? "" : n + " generated file" + (n == 1 ? "" : "s") + " in " + outputDirectory
        + (n == 1 ? " differs" : " differ")) + (n > 0 && lockState != null ? " and " : "")
        + (lockState != null ? "the lock " + lock + lockState : "");
    throw new MojoFailureException("singletable: " + what + " from what generate writes for " + schema
        + " (listed above); run mvn singletable:generate and commit the result. Nothing was written");
  }

  /** A step that reads the schema and may fail like the generator. */
  private interface Step<T> {
    T run() throws IOException;
  }

  /** The lock file: the parameter, else {@code singletable.lock} in the base folder (the current one without it). */
  private File lockFile() {
    if (lockFile == null) {
      lockFile = new File(basedir == null ? new File(".") : basedir, "singletable.lock");
    }
    return lockFile;
  }

  /** The change plan against the lock, one line per change. */
  private void logPlan(Generator.Result result) {
    var lock = result.lock();
    if (lock == null) {
      return;
    }
    if (lock.previous() == null) {
      getLog().info("singletable: no lock yet; wrote " + lockFile + " (commit it: later generations keep every "
          + "relation on its GSI)");
      return;
    }
    if (lock.changes().isEmpty()) {
      getLog().info("singletable: no change against " + lockFile);
      return;
    }
    getLog().info("singletable: changes against " + lockFile + " (see " + Generator.SCHEMA_CHANGES + "):");
    for (var change : lock.changes()) {
      getLog().info("  " + change.line());
    }
  }

  private Generator.Result run(GeneratorOptions options) throws MojoFailureException {
    return guarded(() -> generator.generate(options));
  }

  private <T> T guarded(Step<T> step) throws MojoFailureException {
    try {
      return step.run();
    } catch (SchemaException e) {
      for (String line : e.formatted().split("\n")) {
        getLog().error(line);
      }
      throw new MojoFailureException("singletable: " + e.getMessage() + " in " + schema + "; nothing was written");
    } catch (TemplateOverrideException e) {
      throw new MojoFailureException("singletable: " + e.getMessage() + "; nothing was written", e);
    } catch (IOException | UncheckedIOException e) {
      String message = e instanceof UncheckedIOException u && u.getCause() != null ? u.getMessage() : e.getMessage();
      throw new MojoFailureException("singletable: " + (message == null ? e.toString() : message)
          + " (schema " + schema + ", output " + outputDirectory + ")", e);
    }
  }
}
