// Part of the singletable runtime, copied into the generated sources with only this package line changed.
package io.singletable.samples.farm.runtime;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The backfill of a schema's changes (the generated {@code SchemaMigration} runs it for its schema): brings
 * every item of a table written by earlier versions of the schema to what this version's resolvers write,
 * in place, while the API keeps serving (run it after deploying the new template and resolvers).
 * {@code schema-changes.md} lists the changes that need it.
 *
 * <ul>
 * <li>Every node item of a {@code @model} type is rewritten exactly as a create writes it ({@link
 *     ItemSchema#encode}): index attributes recomputed, those of removed or moved relations and fields the
 *     type no longer has dropped. An item that no longer decodes is reported and left alone.
 * <li>Its unique items are built or refreshed; a value another item holds already is reported with both
 *     ids, and neither item is changed.
 * <li>Unique items no node item accounts for (a removed {@code @unique}, a changed {@code ignoreCase},
 *     a copy left behind) are deleted.
 * <li>Every join item of a {@code @manyToMany} relation is rewritten as a connect of its two items writes
 *     it now ({@link ItemSchema#joinItem}): both items read in one consistent BatchGetItem, the index
 *     attributes recomputed from their values (a side's changed {@code sortBy}, a side moved to another
 *     slot), those of a moved or removed side dropped. A join item whose linked item is missing or no
 *     longer decodes is reported and left alone; link heads are left as they are.
 * </ul>
 * Writes apply only while the items they depend on are unchanged, so items the resolvers write meanwhile
 * stay correct (a changed item is read again). A second run writes nothing. With {@code --checkpoint}
 * an interrupted run resumes where it stopped; {@code --segment-range} shares a table between processes.
 *
 * <pre>
 * java SchemaMigration --table NAME [--endpoint URL] [--region R] [--dry-run] [--checkpoint FILE]
 *     [--segments N] [--segment-range FROM-TO]
 * </pre>
 * Exit status: {@link #OK}, {@link #REPORTED} (conflicts or items that could not be migrated, all
 * printed; everything else was migrated), {@link #USAGE}, {@link #FAILED}. As a library: {@link
 * #configure} a {@link MigrationRunner}. Part of the singletable runtime; do not edit.
 */
public final class SchemaBackfill {
  /**
   * Exit status: every item migrated (or, in a dry run, every write listed), nothing to report.
   */
  public static final int OK = 0;

  /**
   * Exit status: conflicts or items that could not be migrated were printed; everything else was migrated.
   */
  public static final int REPORTED = 1;

  /**
   * Exit status: the command line was not understood; nothing was read or written.
   */
  public static final int USAGE = 2;

  /**
   * Exit status: the run failed or did not finish; run again with the same {@code --checkpoint} to resume.
   */
  public static final int FAILED = 3;

  /**
   * BatchGetItem calls of one read before the keys still unprocessed fail the run.
   */
  private static final int BATCH_ATTEMPTS = 5;

  private SchemaBackfill() {
  }

  /**
   * Runs the backfill from a command line with a client built from its {@code --endpoint} and {@code --region}
   * (credentials from the SDK's default chain). Never throws.
   *
   * @param <E> the schema's entity type
   * @param schema the schema (the generated {@code ItemCodec.SCHEMA})
   * @param command the command's name in messages, e.g. {@code SchemaMigration}
   * @param args the command line
   * @param out receives the progress and the summary
   * @param err receives usage errors, conflicts, items not migrated and failures
   * @return the exit status
   */
  public static <E> int run(ItemSchema<E> schema, String command, String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(command + ": " + e.getMessage());
      err.println(usage(command));
      return USAGE;
    }
    if (options.help()) {
      out.println(usage(command));
      return OK;
    }
    try {
      DynamoDbClientBuilder builder = DynamoDbClient.builder();
      if (options.endpoint() != null) {
        builder.endpointOverride(URI.create(options.endpoint()));
      }
      if (options.region() != null) {
        builder.region(Region.of(options.region()));
      }
      try (DynamoDbClient client = builder.build()) {
        return run(schema, command, client, options, out, err);
      }
    } catch (RuntimeException | Error e) {
      err.println(command + " failed: " + e);
      return FAILED;
    }
  }

  /**
   * Runs the backfill with a client: progress per finished segment, the writes in a dry run, a summary,
   * then each conflict and each item not migrated.
   *
   * @param <E> the schema's entity type
   * @param schema the schema (the generated {@code ItemCodec.SCHEMA})
   * @param command the command's name in messages, e.g. {@code SchemaMigration}
   * @param client the client
   * @param options what to migrate and how
   * @param out receives the progress and the summary
   * @param err receives conflicts, items not migrated and failures
   * @return the exit status
   */
  public static <E> int run(ItemSchema<E> schema, String command, DynamoDbClient client, Options options,
      PrintStream out, PrintStream err) {
    MigrationRunner<E> runner = MigrationRunner.of(schema, client, options.table()).segments(options.segments())
        .dryRun(options.dryRun()).checkpoint(options.checkpoint());
    if (options.firstSegment() >= 0) {
      runner.segmentRange(options.firstSegment(), options.lastSegment());
    }
    Findings findings = configure(runner, client, options.table());
    runner.progress(p -> {
      if (p.segmentDone()) {
        out.println("segment " + p.segment() + " finished (" + p.segmentsDone() + " of " + p.segments() + "): "
            + p.scanned() + " items scanned, " + p.migrated() + " migrated, " + p.writes() + " writes");
      }
    });
    if (options.dryRun()) {
      runner.onWrite((context, write) -> out.println("would " + describe(write)));
    }
    MigrationRunner.Report report;
    int status;
    try {
      report = runner.run();
      status = !report.complete() ? FAILED : findings.isEmpty() ? OK : REPORTED;
    } catch (MigrationRunner.MigrationException e) {
      report = e.report();
      err.println(command + " stopped: " + e.getMessage());
      status = FAILED;
    } catch (RuntimeException e) {
      err.println(command + " failed: " + e.getMessage());
      return FAILED;
    }
    if (report != null) {
      out.println("table " + options.table() + ": " + (report.complete() ? "complete" : "not finished") + ", "
          + report.scanned() + " items scanned, " + report.migrated() + " migrated, " + report.writes() + " writes"
          + (report.dryRun() ? " listed (dry run: nothing written)" : "") + ", " + report.segmentsSkipped()
          + " segments finished before");
    }
    for (Conflict conflict : findings.conflicts()) {
      err.println("conflict: " + conflict.message());
    }
    for (String problem : findings.problems()) {
      err.println("not migrated: " + problem);
    }
    return status;
  }

  /**
   * Registers this schema's backfill on a runner: a migration per {@code @model} type, one per
   * {@code @manyToMany} join type, one for the unique items, and the tolerance of items whose writes are
   * refused ({@link MigrationRunner#onGiveUp}).
   *
   * @param <E> the schema's entity type
   * @param runner a runner without migrations
   * @param client the client the runner uses, for the reads the backfill makes
   * @param tableName the runner's table
   * @return where the run records conflicts and items it could not migrate
   */
  public static <E> Findings configure(MigrationRunner<E> runner, DynamoDbClient client,
      String tableName) {
    Findings findings = new Findings();
    for (String type : runner.schema().typenames()) {
      runner.migrate(type, context -> migrateNode(client, tableName, context, findings));
    }
    for (ItemSchema.Join join : runner.schema().joins()) {
      runner.migrate(join.typename(), context -> migrateJoin(client, tableName, join, context, findings));
    }
    runner.migrateCopies(context -> migrateCopy(client, tableName, context));
    runner.onGiveUp((context, e) -> findings.problem(describe(context.item()) + ": its writes were refused in "
        + "each attempt " + e.cancellationReasons()));
    return findings;
  }

  /**
   * A node item: rewritten as a create writes it, its unique items built or refreshed unless another item
   * holds a value.
   */
  private static <E> List<TransactWriteItem> migrateNode(DynamoDbClient client, String tableName,
      MigrationRunner.Context<E> context, Findings findings) {
    ItemSchema<E> schema = context.schema();
    Map<String, AttributeValue> item = context.item();
    E next;
    List<TransactWriteItem> writes;
    try {
      next = schema.decode(item);
      writes = new ArrayList<>(MigrationRunner.rewrite(context, next));
    } catch (RuntimeException e) {
      findings.problem(describe(item) + ": cannot be read as this schema's " + item.get("__typename").s() + " ("
          + e.getMessage() + "); fix it with a raw migration of MigrationRunner, then run again");
      return List.of();
    }
    boolean rewritten = !writes.isEmpty();
    for (Map<String, AttributeValue> unique : schema.uniqueItemsOf(next)) {
      AttributeValue key = unique.get("PK");
      Map<String, AttributeValue> held = client.getItem(request -> request.tableName(tableName).key(Map.of("PK", key))
          .consistentRead(true)).item();
      boolean present = held != null && !held.isEmpty();
      String self = owner(unique);
      String holder = present ? owner(held) : context.dryRun() ? findings.claim(key.s(), self) : self;
      if (!holder.equals(self)) {
        findings.conflict(new Conflict(key.s(), holder, self));
        return List.of(); // neither item is changed
      }
      if (!rewritten && !unique.equals(held)) {
        writes.add(uniquePut(unique));
      }
    }
    if (!rewritten && !writes.isEmpty()) {
      writes.add(0, MigrationRunner.guard(context, item.get("PK").s(), item));
    }
    return writes;
  }

  /**
   * A join item: rewritten as a connect of its two items, as stored now, writes it, when that differs; the write
   * applies only while the join item and both items are as read (a concurrent update of a sorted field, which
   * rewrites the join item's copy, makes it read again). A linked item missing or not decoding: reported, the
   * join item left alone.
   */
  private static <E> List<TransactWriteItem> migrateJoin(DynamoDbClient client, String tableName,
      ItemSchema.Join join, MigrationRunner.Context<E> context, Findings findings) {
    ItemSchema<E> schema = context.schema();
    Map<String, AttributeValue> item = context.item();
    String aId = join.aId(item);
    String bId = join.bId(item);
    String aKey = schema.nodeKey(join.aType(), aId);
    String bKey = schema.nodeKey(join.bType(), bId);
    Map<String, Map<String, AttributeValue>> nodes = readConsistently(client, tableName, new TreeSet<>(List.of(aKey, bKey)));
    Map<String, AttributeValue> a = linked(nodes.get(aKey), join.aType(), aId);
    Map<String, AttributeValue> b = linked(nodes.get(bKey), join.bType(), bId);
    if (a == null || b == null) {
      findings.problem(describe(item) + ": links " + (a == null ? join.aType() + " " + aId : join.bType() + " " + bId)
          + ", which is not stored; left as it is (unlink the two ids, or delete the join item)");
      return List.of();
    }
    Map<String, AttributeValue> next;
    try {
      next = schema.joinItem(join.typename(), schema.decode(a), schema.decode(b));
    } catch (RuntimeException e) {
      findings.problem(describe(item) + ": cannot be reindexed from " + join.aType() + " " + aId + " and "
          + join.bType() + " " + bId + " (" + e.getMessage() + "); left as it is; fix the items, then run again");
      return List.of();
    }
    if (next.equals(item)) {
      return List.of();
    }
    return List.of(MigrationRunner.replace(context, next), MigrationRunner.guard(context, aKey, a),
        MigrationRunner.guard(context, bKey, b));
  }

  /**
   * The node item read under a linked item's key when it is that item (its type and id), else null.
   */
  private static Map<String, AttributeValue> linked(Map<String, AttributeValue> node, String typename, String id) {
    return TableRequests.isNode(node, id, typename) ? node : null;
  }

  /**
   * The items stored under the keys, by key, read in one consistent BatchGetItem (again for keys left
   * unprocessed, a few times, with a growing pause); a missing item is absent from the map.
   */
  private static Map<String, Map<String, AttributeValue>> readConsistently(DynamoDbClient client, String tableName,
      Set<String> keys) {
    Map<String, Map<String, AttributeValue>> out = new HashMap<>();
    List<Map<String, AttributeValue>> pending = new ArrayList<>();
    keys.forEach(k -> pending.add(Map.of("PK", AttributeValue.fromS(k))));
    for (int attempt = 0; !pending.isEmpty(); attempt++) {
      if (attempt == BATCH_ATTEMPTS) {
        throw new IllegalStateException("BatchGetItem left " + pending.size() + " keys unprocessed in each of "
            + BATCH_ATTEMPTS + " attempts (the table is throttled); run again to resume");
      }
      if (attempt > 0) {
        pause(25L << attempt);
      }
      List<Map<String, AttributeValue>> keysNow = List.copyOf(pending);
      BatchGetItemResponse response = client.batchGetItem(request -> request.requestItems(Map.of(tableName,
          KeysAndAttributes.builder().keys(keysNow).consistentRead(true).build())));
      response.responses().getOrDefault(tableName, List.of()).forEach(i -> out.put(i.get("PK").s(), i));
      pending.clear();
      KeysAndAttributes left = response.unprocessedKeys().get(tableName);
      if (left != null) {
        pending.addAll(left.keys());
      }
    }
    return out;
  }

  /**
   * Sleeps, keeping an interrupt for the runner to see.
   */
  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A unique item: deleted unless its node item, as stored now, has it.
   */
  private static <E> List<TransactWriteItem> migrateCopy(DynamoDbClient client, String tableName,
      MigrationRunner.Context<E> context) {
    ItemSchema<E> schema = context.schema();
    Map<String, AttributeValue> copy = context.item();
    String typename = copy.get("__typename").s();
    if (!schema.typenames().contains(typename)) {
      return List.of(); // not a type of this schema: left as it is
    }
    String nodePk = schema.nodeKey(typename, copy.get("id").s());
    Map<String, AttributeValue> node = client.getItem(request -> request.tableName(tableName)
        .key(Map.of("PK", AttributeValue.fromS(nodePk))).consistentRead(true)).item();
    boolean present = node != null && !node.isEmpty();
    if (present && Objects.equals(node.get("__typename"), copy.get("__typename"))
        && Objects.equals(node.get("id"), copy.get("id"))) {
      try {
        for (Map<String, AttributeValue> unique : schema.uniqueItemsOf(schema.decode(node))) {
          if (unique.get("PK").equals(copy.get("PK"))) {
            return List.of(); // the node item's migration keeps it up to date
          }
        }
      } catch (RuntimeException e) {
        return List.of(); // the node item's migration reports it; its unique items are left as they are
      }
    }
    return List.of(MigrationRunner.deleteUnchanged(context), MigrationRunner.guard(context, nodePk, present ? node : null));
  }

  /**
   * A put of a unique item applying only where no other item holds the value.
   */
  private static TransactWriteItem uniquePut(Map<String, AttributeValue> unique) {
    return TransactWriteItem.builder().put(Put.builder().item(unique)
        .conditionExpression("attribute_not_exists(#pk) OR (#id = :id AND #t = :t)")
        .expressionAttributeNames(Map.of("#pk", "PK", "#id", "id", "#t", "__typename"))
        .expressionAttributeValues(Map.of(":id", unique.get("id"), ":t", unique.get("__typename"))).build()).build();
  }

  /**
   * The command's usage.
   */
  private static String usage(String command) {
    return "usage: " + command + " --table NAME [--endpoint URL] [--region R] [--dry-run] [--checkpoint FILE]\n"
        + "       [--segments N] [--segment-range FROM-TO]\n"
        + "  --table NAME             the table to migrate (required)\n"
        + "  --endpoint URL           the DynamoDB endpoint (default: the SDK's; e.g. http://127.0.0.1:8000 for DynamoDB Local)\n"
        + "  --region R               the AWS region (default: the SDK's default region provider chain)\n"
        + "  --dry-run                print the writes instead of applying them\n"
        + "  --checkpoint FILE        record progress in FILE; an existing FILE is resumed from\n"
        + "  --segments N             the Scan's total segments (default 8; a checkpoint is bound to it)\n"
        + "  --segment-range FROM-TO  scan only segments FROM to TO (inclusive, from 0), sharing the table with other processes\n"
        + "exit status: 0 done, 1 conflicts or items reported (everything else migrated), 2 usage, 3 failed or not finished";
  }

  /**
   * {@code Type id} of the item a node or unique item belongs to.
   */
  private static String owner(Map<String, AttributeValue> item) {
    AttributeValue typename = item.get("__typename");
    AttributeValue id = item.get("id");
    return (typename == null ? "?" : typename.s()) + " " + (id == null ? "?" : id.s());
  }

  /**
   * An item's {@code PK} for messages.
   */
  private static String describe(Map<String, AttributeValue> item) {
    AttributeValue pk = item.get("PK");
    return pk == null || pk.s() == null ? "an item without PK" : pk.s();
  }

  /**
   * A write, for the dry run's listing.
   */
  private static String describe(TransactWriteItem write) {
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
  }

  /**
   * The command line of the backfill.
   *
   * @param table the table (required)
   * @param endpoint the DynamoDB endpoint, or null for the SDK's
   * @param region the region, or null for the SDK's default region provider chain
   * @param dryRun true to list the writes instead of applying them
   * @param checkpoint the checkpoint file, or null for none
   * @param segments the Scan's total segments
   * @param firstSegment the first segment to scan, or -1 for all
   * @param lastSegment the last segment to scan, or -1 for all
   * @param help true when {@code --help} asked for the usage
   */
  public static record Options(String table, String endpoint, String region, boolean dryRun,
      Path checkpoint, int segments, int firstSegment, int lastSegment, boolean help) {
    /**
     * Parses a command line: {@code --option value} or {@code --option=value}.
     *
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Options parse(String... args) {
      String table = null;
      String endpoint = null;
      String region = null;
      boolean dryRun = false;
      Path checkpoint = null;
      int segments = 8;
      String range = null;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        if (name.equals("--help") || name.equals("-h")) {
          return new Options(table, endpoint, region, dryRun, checkpoint, segments, -1, -1, true);
        }
        if (name.equals("--dry-run")) {
          dryRun = true;
          continue;
        }
        String value;
        if (arg.contains("=")) {
          value = arg.substring(arg.indexOf('=') + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new IllegalArgumentException(name + " needs a value");
        }
        switch (name) {
          case "--table" -> table = value;
          case "--endpoint" -> endpoint = value;
          case "--region" -> region = value;
          case "--checkpoint" -> checkpoint = Path.of(value);
          case "--segments" -> segments = number(name, value);
          case "--segment-range" -> range = value;
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if (table == null || table.isEmpty()) {
        throw new IllegalArgumentException("--table NAME is required");
      }
      if (segments < 1 || segments > 1_000_000) {
        throw new IllegalArgumentException("--segments must be between 1 and 1000000: " + segments);
      }
      int first = -1;
      int last = -1;
      if (range != null) {
        int dash = range.indexOf('-');
        if (dash < 0) {
          throw new IllegalArgumentException("--segment-range must be FROM-TO: " + range);
        }
        first = number("--segment-range", range.substring(0, dash));
        last = number("--segment-range", range.substring(dash + 1));
        if (first > last || last >= segments) {
          throw new IllegalArgumentException("--segment-range " + range + " must satisfy 0 <= FROM <= TO < "
              + segments + " (--segments)");
        }
      }
      return new Options(table, endpoint, region, dryRun, checkpoint, segments, first, last, false);
    }

    /**
     * A non-negative number.
     */
    private static int number(String option, String value) {
      try {
        int n = Integer.parseInt(value.trim());
        if (n < 0) {
          throw new IllegalArgumentException(option + " takes numbers from 0: " + value);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " takes a number: " + value);
      }
    }
  }

  /**
   * A unique value held by one item and also by another, which the backfill left unchanged.
   *
   * @param uniqueKey the unique item's {@code PK}, {@code Type#field#value}
   * @param holder {@code Type id} of the item holding the unique item
   * @param other {@code Type id} of the item with the same value, not changed
   */
  public static record Conflict(String uniqueKey, String holder, String other) {
    /**
     * The conflict and how to resolve it.
     *
     * @return one line
     */
    public String message() {
      int type = uniqueKey.indexOf('#');
      int field = uniqueKey.indexOf('#', type + 1);
      String unique = type < 0 || field < 0 ? uniqueKey
          : uniqueKey.substring(0, type) + "." + uniqueKey.substring(type + 1, field);
      String value = field < 0 ? uniqueKey : uniqueKey.substring(field + 1);
      return "@unique " + unique + ": " + holder + " holds the value '" + value + "' (unique item " + uniqueKey
          + ") and " + other + " has it too; neither was changed. Change the value of " + holder
          + " or delete it (the API refuses to change or delete " + other + " while " + holder
          + " holds the value), then run again";
    }
  }

  /**
   * What a run reported besides its counts: conflicts and items it could not migrate. Thread-safe.
   */
  public static final class Findings {
    private final Set<Conflict> conflicts = ConcurrentHashMap.newKeySet();

    private final Set<String> problems = ConcurrentHashMap.newKeySet();

    private final Map<String, String> claims = new ConcurrentHashMap<>();

    private Findings() {
    }

    /**
     * The conflicts, in unique-key order.
     *
     * @return the conflicts found
     */
    public List<Conflict> conflicts() {
      List<Conflict> sorted = new ArrayList<>(conflicts);
      sorted.sort((a, b) -> (a.uniqueKey() + '\u0000' + a.other()).compareTo(b.uniqueKey() + '\u0000' + b.other()));
      return sorted;
    }

    /**
     * The items not migrated, each with why, in order.
     *
     * @return the items not migrated
     */
    public List<String> problems() {
      return new ArrayList<>(new TreeSet<>(problems));
    }

    /**
     * True when nothing was reported.
     *
     * @return true without conflicts and items not migrated
     */
    public boolean isEmpty() {
      return conflicts.isEmpty() && problems.isEmpty();
    }

    /**
     * Records a conflict.
     */
    void conflict(Conflict conflict) {
      conflicts.add(conflict);
    }

    /**
     * Records an item not migrated.
     */
    void problem(String problem) {
      problems.add(problem);
    }

    /**
     * In a dry run, where nothing is written: the first owner seen for a unique key.
     */
    String claim(String key, String owner) {
      String first = claims.putIfAbsent(key, owner);
      return first == null ? owner : first;
    }
  }
}
