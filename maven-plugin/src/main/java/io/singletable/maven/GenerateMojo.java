package io.singletable.maven;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.model.Authentication;
import io.singletable.model.KeyStrategy;
import io.singletable.output.OutputComparison;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * Also generates the asynchronous data access: {@code AsyncDataAccess} over {@code DynamoDbAsyncClient}, one
   * {@code AsyncXRepository} per type, returning {@code CompletableFuture}s.
   */
  @Parameter(property = "singletable.asyncDataAccess", defaultValue = "false")
  private boolean asyncDataAccess;

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

  /**
   * Whether generation runs in a JVM of its own (default) or in Maven's. The forked JVM is the {@code java} running
   * Maven with the quick JIT compiler only and the serial collector ({@link ForkedGeneration#JVM_FLAGS}); it is
   * faster at every schema size measured (10 to 2,000 models), as Maven's JVM spends as much CPU compiling as
   * generating, and keeps the memory within a few hundred MB where Maven's JVM grows its heap to gigabytes.
   */
  @Parameter(property = "singletable.fork", defaultValue = "true")
  private boolean fork;

  @Parameter(defaultValue = "${basedir}", readonly = true)
  private File basedir;

  @Parameter(defaultValue = "${project}", readonly = true)
  private MavenProject project;

  /** Where to report internal errors. */
  static final String ISSUES = "https://github.com/singletable/singletable/issues";

  private Generation.Run generator = options -> new Generator().generate(options);

  /** The generator run (in Maven's JVM); tests replace it to provoke failures. */
  void generator(Generation.Run run) {
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
          lockFile().toPath(), replan, asyncDataAccess);
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
    int files;
    try {
      files = fork ? forked(options)
          : Generation.generate(generator, options, schema, outputDirectory, lockFile(), this::log);
    } catch (Generation.Failure f) {
      throw new MojoFailureException(f.getMessage(), f.getCause());
    }
    if (project != null) {
      project.addCompileSourceRoot(java.toString());
    }
    getLog().info(Generation.done(files, (System.nanoTime() - start) / 1_000_000));
  }

  private void log(Generation.Level level, String message) {
    switch (level) {
      case INFO -> getLog().info(message);
      case WARN -> getLog().warn(message);
      case ERROR -> getLog().error(message);
    }
  }

  /** Generates in a forked JVM ({@link ForkedGeneration}), relaying its log; the number of files. */
  private int forked(GeneratorOptions options) throws Generation.Failure, MojoExecutionException {
    try {
      Path javaExe = Path.of(System.getProperty("java.home"), "bin", "java");
      getLog().info("singletable: generating in a forked JVM (" + String.join(" ", ForkedGeneration.JVM_FLAGS) + ")");
      ForkedGeneration.Outcome o = ForkedGeneration.run(javaExe, classPath(),
          ForkedGeneration.arguments(options, schema, lockFile()), this::log);
      if (o.status() == ForkedGeneration.OK && o.files() != null) {
        return o.files();
      }
      if (o.status() == ForkedGeneration.FAILED && o.failure() != null) {
        throw new Generation.Failure(o.failure(), null);
      }
      String trace = o.stderr().isBlank() ? "" : "\n" + o.stderr().strip();
      throw new MojoExecutionException("singletable: internal error (" + (o.internal() != null ? o.internal()
          : "the forked JVM ended with status " + o.status()) + ") while generating from " + schema
          + "; nothing was written. Please report it at " + ISSUES + " with the schema" + trace);
    } catch (IOException e) {
      throw new MojoExecutionException("singletable: cannot start the forked generation (" + e.getMessage()
          + "); set fork to false to generate in Maven's JVM", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("singletable: interrupted while generating in a forked JVM", e);
    }
  }

  /** The plugin's class path: its realm's jars in Maven, the test class path in tests. */
  private List<Path> classPath() {
    List<Path> out = new ArrayList<>();
    if (getClass().getClassLoader() instanceof URLClassLoader realm) {
      for (URL url : realm.getURLs()) {
        try {
          out.add(Path.of(url.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
          // not a file: not a jar the forked JVM could read
        }
      }
    }
    if (out.isEmpty()) {
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        out.add(Path.of(entry));
      }
    }
    return out;
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
    Generator.Check check;
    try {
      check = Generation.guarded(() -> new Generator().check(options), schema, outputDirectory, this::log);
    } catch (Generation.Failure f) {
      throw new MojoFailureException(f.getMessage(), f.getCause());
    }
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

  /** The lock file: the parameter, else {@code singletable.lock} in the base folder (the current one without it). */
  private File lockFile() {
    if (lockFile == null) {
      lockFile = new File(basedir == null ? new File(".") : basedir, "singletable.lock");
    }
    return lockFile;
  }
}
