package io.singletable;

import io.singletable.diag.Diagnostics;
import io.singletable.diag.SchemaException;
import io.singletable.model.ServiceModel;
import io.singletable.model.build.ModelBuilder;
import io.singletable.output.GeneratedFile;
import io.singletable.output.OutputComparison;
import io.singletable.output.OutputPlan;
import io.singletable.output.OutputWriter;
import io.singletable.output.WriteReport;
import io.singletable.parse.ParsedSchema;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.SchemaParser;
import io.singletable.render.TemplateEngine;
import io.singletable.render.docs.AccessPatternRenderer;
import io.singletable.render.java.RuntimeSources;
import io.singletable.render.sam.SamTemplateRenderer;
import io.singletable.render.schema.DeployableSchemaRenderer;
import io.singletable.render.vtl.VtlRenderer;
import io.singletable.source.SchemaSource;
import io.singletable.source.SchemaSources;
import io.singletable.validate.GraphQLJavaCheck;
import io.singletable.validate.SchemaValidator;
import io.singletable.diag.SourceSpan;
import io.singletable.diag.SourceText;
import io.singletable.lock.LockPlanner;
import io.singletable.lock.SchemaLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The generator façade. Stages, each in its own package:
 * <ol>
 *   <li>{@code source}: load the schema files sorted by path, after the bundled directive SDL;</li>
 *   <li>{@code parse}: graphql-java with named sources, so every node knows its file:line:column;</li>
 *   <li>{@code validate}: every rule, every finding (codes ST001…), thrown once; graphql-java checks
 *       the rendered deployable schema (and, when that fails, the user's schema, located);</li>
 *   <li>{@code model.build}: immutable {@link ServiceModel} with the GSI slot plan;</li>
 *   <li>{@code lock}: with a lock file, the slot plan kept stable against it and the change plan;</li>
 *   <li>{@code render}: deployable schema, SAM template, access-pattern doc, Java, all in memory;</li>
 *   <li>{@code output}: written only when everything succeeded, only changed bytes, stale files removed.</li>
 * </ol>
 * Each stage imports only earlier ones and the leaves {@code diag} (findings) and {@code model} (the
 * vocabulary: records, enums, naming rules and the storage layout); renderers share only {@code render}
 * (PackageDependencyTest).
 */
public final class Generator {
  /** Paths inside the output directory. */
  public static final String TEMPLATE = "template.yaml";
  public static final String SCHEMA = "appsync/schema.graphql";
  public static final String ACCESS_PATTERNS = "access-patterns.md";
  public static final String JAVA_ROOT = "java";
  /** The change plan against the lock, written when a lock file is given. */
  public static final String SCHEMA_CHANGES = "schema-changes.md";

  /**
   * Result of a run: the model, what was planned, what changed on disk, resources per stack, and the lock
   * outcome (null without a lock file).
   */
  public record Result(ServiceModel model, OutputPlan plan, WriteReport report, List<Integer> resourcesPerStack,
      List<Integer> resourcesPerOperation, LockPlanner.Outcome lock) {}

  /**
   * Loads, validates, renders and writes.
   *
   * @throws io.singletable.diag.SchemaException with every finding when the schema is wrong;
   *     nothing is written then
   * @throws IOException when the schema cannot be read or the output cannot be written
   * @throws RuntimeException on an internal error; like a schema error, it comes before the writer
   *     starts, so nothing is written then either
   */
  public Result generate(GeneratorOptions options) throws IOException {
    Early early = new Early(options); // before the schema is read
    List<SchemaSource> sources = SchemaSources.load(options.schema(), options.displayBase());
    Planned planned = plan(sources, options, early);
    WriteReport report = new OutputWriter().write(options.outputDirectory(), planned.plan());
    if (planned.lock() != null) {
      writeLock(options.lockFile(), planned.lock().lock().render());
    }
    return new Result(planned.model(), planned.plan(), report, planned.resourcesPerStack(),
        planned.resourcesPerOperation(), planned.lock());
  }

  /** Writes the lock only if its bytes change, through a temporary file moved into place. */
  static void writeLock(Path file, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
      return;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    OutputWriter.replace(file.toAbsolutePath(), bytes);
  }

  /**
   * What {@link #check} found: the planned output and every difference between it and the output
   * directory (empty when {@code generate} would change nothing).
   */
  public record Check(Planned planned, List<OutputComparison.Difference> differences) {
    public Check {
      differences = List.copyOf(differences);
    }

    /** True when the output directory holds exactly what {@code generate} would write. */
    public boolean upToDate() {
      return differences.isEmpty();
    }
  }

  /**
   * Loads, validates and renders like {@link #generate}, then compares the output directory with the
   * result instead of writing it: for CI, to catch output that is stale or edited by hand.
   *
   * @throws io.singletable.diag.SchemaException with every finding when the schema is wrong
   * @throws IOException when the schema or the output directory cannot be read
   */
  public Check check(GeneratorOptions options) throws IOException {
    Early early = new Early(options); // before the schema is read
    List<SchemaSource> sources = SchemaSources.load(options.schema(), options.displayBase());
    Planned planned = plan(sources, options, early);
    List<OutputComparison.Difference> differences = new java.util.ArrayList<>(
        OutputComparison.compare(options.outputDirectory(), planned.plan()));
    if (options.lockFile() != null && planned.lock() != null) {
      Path lockFile = options.lockFile();
      String expected = planned.lock().lock().render();
      if (!Files.isRegularFile(lockFile)) {
        differences.add(new OutputComparison.Difference(lockFile.toString(), OutputComparison.Kind.MISSING));
      } else if (!Files.readString(lockFile, StandardCharsets.UTF_8).equals(expected)) {
        differences.add(new OutputComparison.Difference(lockFile.toString(), OutputComparison.Kind.CHANGED));
      }
    }
    return new Check(planned, differences);
  }

  /**
   * The model and every output file, in memory, without touching the disk.
   *
   * @param resourcesPerStack CloudFormation resources of template.yaml, then of each other template in path order
   * @param resourcesPerOperation resources of each stack operation (a top-level stack with its nested stacks) in
   *     deployment order: template.yaml's first, then each group stack's
   */
  public record Planned(ServiceModel model, OutputPlan plan, List<Integer> resourcesPerStack,
      List<Integer> resourcesPerOperation, LockPlanner.Outcome lock) {}

  /**
   * Runs every stage but the writer. graphql-java builds the rendered deployable schema (the GraphQL
   * rules AppSync applies); only when that or a later stage fails is the user's own schema built
   * with graphql-java too, so that a problem singletable's rules do not name is reported, located,
   * as the schema's fault rather than as an internal error.
   */
  public Planned plan(List<SchemaSource> sources, GeneratorOptions options) {
    return plan(sources, options, new Early(options));
  }

  private Planned plan(List<SchemaSource> sources, GeneratorOptions options, Early early) {
    try {
      return planOnDeepStack(sources, options, early);
    } finally {
      early.stop();
    }
  }

  private Planned planOnDeepStack(List<SchemaSource> sources, GeneratorOptions options, Early early) {
    // graphql-java builds types recursively along field references: a schema of a thousand models that
    // reference each other in a chain needs a deeper stack than a thread's default (Maven's included)
    java.util.concurrent.atomic.AtomicReference<Planned> planned = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    Thread worker = new Thread(null, () -> {
      try {
        planned.set(planHere(sources, options, early));
      } catch (RuntimeException | Error e) {
        failure.set(e);
      }
    }, "singletable-plan", PLAN_STACK_BYTES);
    worker.start();
    boolean interrupted = false;
    while (true) {
      try {
        worker.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the plan is short and writes nothing: let it finish
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable e = failure.get();
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e instanceof Error err) {
      throw err;
    }
    return planned.get();
  }

  /** The packaged templates most schemas use, in their order of first use: parsed while the schema is. */
  private static final List<String> PRELOADED = List.of("vtl-lib.ftl", "get.request.vtl.ftl", "get.response.vtl.ftl",
      "create.request.vtl.ftl", "create.response.vtl.ftl", "update.before.vtl.ftl", "pipeline.after.vtl.ftl",
      "read-item.request.vtl.ftl", "read-item.response.vtl.ftl", "update-item.request.vtl.ftl",
      "update-item.response.vtl.ftl", "delete.request.vtl.ftl", "delete.response.vtl.ftl",
      "delete.before.vtl.ftl", "delete-item.request.vtl.ftl", "delete-item.response.vtl.ftl",
      "relation-query.request.vtl.ftl", "relation-query.response.vtl.ftl", "relation-get.request.vtl.ftl",
      "relation-get.response.vtl.ftl", "relation-batch.request.vtl.ftl", "relation-batch.response.vtl.ftl",
      "resolvers.ftl", SamTemplateRenderer.TEMPLATE, "deploy.sh.ftl", "delete.sh.ftl", AccessPatternRenderer.TEMPLATE);

  /** The stack of the planning thread: reserved, not committed, until a deep schema uses it. */
  static final long PLAN_STACK_BYTES = 256L << 20;

  private Planned planHere(List<SchemaSource> sources, GeneratorOptions options, Early early) {
    ParsedSchema parsed = new SchemaParser().parse(sources);
    SchemaIndex index = new SchemaIndex(parsed);
    Diagnostics diags = new Diagnostics();
    new SchemaValidator().validate(index, diags);
    diags.throwIfErrors(parsed.sources());
    try {
      ServiceModel model = new ModelBuilder(index).build(options.keyStrategy(), options.maxIndexes(), diags);
      diags.throwIfErrors(parsed.sources());
      LockPlanner.Outcome lock = null;
      if (options.lockFile() != null) {
        lock = applyLock(model, options, parsed.sources());
        model = lock.model();
      }
      String schema = new DeployableSchemaRenderer(index, model, options.authentication()).render();
      Diagnostics deployable = new Diagnostics();
      OutputPlan plan = new OutputPlan();
      Map<String, Integer> placed = lock == null || lock.previous() == null ? Map.of() : lock.previous().resolvers();
      SamTemplateRenderer.Rendered sam = null;
      try (PlanThreads threads = new PlanThreads(2)) {
        // the check beside the rendering; what it finds comes first, as if it had run before
        early.stop(); // the check and the renderers start: no more first uses on the side
        var check = threads.submit(() -> GraphQLJavaCheck.checkDeployable(schema, deployable));
        Throwable renderFailure = null;
        try {
          sam = render(index, model, schema, options, plan, placed, threads, PlanThreads.join(early.engine),
              lock == null ? 0 : LockPlanner.declaredGsis(lock));
        } catch (RuntimeException | Error e) {
          renderFailure = e;
        }
        if (!PlanThreads.join(check)) {
          throwUserSchemaProblems(index);
          parsed.sources().put(GraphQLJavaCheck.DEPLOYABLE_NAME, schema);
          deployable.throwIfErrors(parsed.sources());
        }
        if (renderFailure instanceof RuntimeException r) {
          throw r;
        } else if (renderFailure instanceof Error err) {
          throw err;
        }
      }
      if (lock != null) {
        lock = new LockPlanner.Outcome(lock.model(), lock.lock().withResolvers(sam.placement()), lock.previous(),
            lock.changes());
        plan.add("docs", GeneratedFile.text(SCHEMA_CHANGES, LockPlanner.document(lock, lockName(options))));
      }
      return new Planned(model, plan, sam.resourcesPerStack(), sam.resourcesPerOperation(), lock);
    } catch (SchemaException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throwUserSchemaProblems(index); // the schema's fault after all?
      throw e;
    }
  }

  /**
   * First uses on a thread of their own, started before the schema is read, while it is parsed and validated (they
   * would otherwise wait for that): FreeMarker's configuration with the common templates parsed (a quarter of a
   * second in a fresh JVM), then, until {@link #stop}, graphql-java's schema building on a small schema, so that the
   * check of the deployable schema finds its classes loaded. What that builds is thrown away.
   */
  private static final class Early {
    final java.util.concurrent.CompletableFuture<TemplateEngine> engine = new java.util.concurrent.CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    Early(GeneratorOptions options) {
      Thread t = new Thread(() -> {
        try {
          engine.complete(new TemplateEngine(options.templateDirectory()).preload(PRELOADED));
        } catch (RuntimeException | Error e) {
          engine.completeExceptionally(e);
          return;
        }
        try {
          if (!stopped.get()) {
            GraphQLJavaCheck.checkDeployable(WARM_UP_SCHEMA, new Diagnostics());
          }
        } catch (RuntimeException | Error e) {
          // a first use only: the real check reports
        }
      }, "singletable-early");
      t.setDaemon(true);
      t.start();
    }

    /** No first use is started after this. */
    void stop() {
      stopped.set(true);
    }
  }

  /** A small deployable schema of the kinds of definitions the rendered one has. */
  private static final String WARM_UP_SCHEMA = """
      type Query { getItem(id: ID!): Item @aws_api_key listItems(limit: Int, nextToken: String): ItemConnection }
      type Mutation { createItem(input: CreateItemInput!): Item }
      type Item { id: ID! name: String! tags: [ID!] at: AWSDateTime any: Any }
      type ItemConnection { items: [Item] nextToken: String }
      input CreateItemInput { id: ID name: String! direction: SortDirection }
      enum SortDirection { ASC DESC }
      union Any = Item | ItemConnection
      """;

  /** Reads the lock (if it exists) and plans against it; throws ST041/ST044 findings, located. */
  private static LockPlanner.Outcome applyLock(ServiceModel model, GeneratorOptions options, SourceText sources) {
    String name = lockName(options);
    SchemaLock previous = null;
    Diagnostics diags = new Diagnostics();
    if (Files.exists(options.lockFile())) {
      String text;
      try {
        text = Files.readString(options.lockFile(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the lock file " + options.lockFile() + ": " + e.getMessage(), e);
      }
      sources.put(name, text);
      try {
        previous = SchemaLock.parse(text);
      } catch (SchemaLock.FormatException e) {
        diags.error(LockPlanner.REFUSED, new SourceSpan(name, e.line(), 1), "cannot read " + name + ": "
            + e.getMessage() + "; restore it from version control (or delete it to plan from scratch, only for a "
            + "table without data)");
        diags.throwIfErrors(sources);
      }
    }
    LockPlanner.Outcome outcome = new LockPlanner(name).plan(model, previous, options.replan(), options.maxIndexes(),
        diags);
    diags.throwIfErrors(sources);
    return outcome;
  }

  /** The lock file as diagnostics show it: relative to the display base when inside it. */
  static String lockName(GeneratorOptions options) {
    Path lock = options.lockFile().toAbsolutePath().normalize();
    if (options.displayBase() != null) {
      Path base = options.displayBase().toAbsolutePath().normalize();
      if (lock.startsWith(base) && !lock.equals(base)) {
        return base.relativize(lock).toString().replace('\\', '/');
      }
    }
    return options.lockFile().toString().replace('\\', '/');
  }

  /** Throws what graphql-java finds wrong with the user's schema, located, if anything. */
  private static void throwUserSchemaProblems(SchemaIndex index) {
    Diagnostics user = new Diagnostics();
    try {
      GraphQLJavaCheck.checkUserSchema(index, user);
    } catch (RuntimeException | StackOverflowError e) {
      return; // no verdict: the failure that asked for one is reported instead
    }
    user.throwIfErrors(index.parsed().sources());
  }

  /** Renders every file into {@code plan}; returns the SAM side's counts and resolver placement. */
  private static SamTemplateRenderer.Rendered render(SchemaIndex index, ServiceModel model, String schema,
      GeneratorOptions options, OutputPlan plan, Map<String, Integer> placed, PlanThreads threads,
      TemplateEngine engine, int indexDefinitions) {
    String javaDir = JAVA_ROOT + "/" + options.packageName().replace('.', '/') + "/";
    var java = new PlanThreads.JavaSources(threads, model, options.packageName(), javaDir,
        options.asyncDataAccess()); // beside the templates
    plan.add("schema", GeneratedFile.text(SCHEMA, schema));
    VtlRenderer vtlRenderer = new VtlRenderer(engine, model);
    var vtl = vtlRenderer.render();
    vtl.files().forEach((path, text) -> plan.add("vtl", GeneratedFile.text(path, text)));
    var resolvers = vtl.resolvers();
    var vtlFunctions = vtl.functions();
    vtl = null; // its texts are the plan's bytes now: not kept twice while the Java is formatted
    var sam = new SamTemplateRenderer(engine).render(model, SCHEMA, resolvers, options.authentication(), TEMPLATE,
        placed, VtlRenderer.SharedFunction.available(model).stream().map(VtlRenderer.SharedFunction::model)
            .toList(), indexDefinitions);
    for (VtlRenderer.SharedFunction f : VtlRenderer.SharedFunction.available(model)) {
      if (sam.functions().contains(f.model()) && !vtlFunctions.contains(f.model())) {
        vtlRenderer.functionFiles(f).forEach((path, text) -> plan.add("vtl", GeneratedFile.text(path, text)));
      }
    }
    sam.files().forEach((path, text) -> plan.add("sam", GeneratedFile.text(path, text)));
    sam = new SamTemplateRenderer.Rendered(Map.of(), sam.resourcesPerStack(), sam.resourcesPerOperation(),
        sam.placement(), sam.functions()); // likewise
    plan.add("docs", GeneratedFile.text(ACCESS_PATTERNS, new AccessPatternRenderer(engine).render(model)));
    java.finish().forEach(file -> plan.add("java", file));
    if (!model.entities().isEmpty()) {
      RuntimeSources.render(options.packageName())
          .forEach((file, text) -> plan.add("java", GeneratedFile.text(javaDir + "runtime/" + file, text)));
    }
    return sam;
  }
}
