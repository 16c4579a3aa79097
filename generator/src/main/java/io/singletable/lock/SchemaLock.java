package io.singletable.lock;

import io.singletable.model.EntityModel;
import io.singletable.model.KeyStrategy;
import io.singletable.model.RelationModel;
import io.singletable.model.ServiceModel;
import io.singletable.model.SortField;
import io.singletable.model.UniqueModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the data stored in a table depends on, as recorded in {@code singletable.lock}: the key strategy, the
 * {@code @model} types, each {@code @unique} field, each {@code @hasMany} relation's slot and key format, the
 * removed relations whose slots stay reserved, and the GSI count. The text is line-based, sorted and
 * deterministic; {@link #parse} remembers each entry's line so that refusals can point at it.
 *
 * @param keyStrategy node key layout
 * @param gsiCount generic GSIs of the table
 * @param types {@code @model} type names
 * @param uniques {@code Type.field} to its entry
 * @param relations relation id to its entry
 * @param removed removed relation id to its reserved slot
 * @param changes the changes recorded since the lock was last cleared, by their lock line: each stays until the
 *     user deletes its line (after running the backfill), so that regenerating keeps the plan
 * @param resolvers each AppSync resolver ({@code Type.field}) to the stack it was placed in (0: {@code template.yaml},
 *     n: {@code stacks/resolvers-nn.yaml}): AppSync allows one resolver per field, so a resolver never moves
 * @param authFields each {@code @model} type with {@code @auth} rules (its own or its fields') that compare a stored
 *     field with the caller (owner fields, groups fields), to those fields: items stored before such a rule may lack
 *     the field, and the rule then admits no one to them
 * @param lines entry key ({@code "keyStrategy"}, {@code "type X"}, {@code "relation X.f"}, …) to its 1-based line
 *     in the parsed text; empty for a lock made from a model
 */
public record SchemaLock(KeyStrategy keyStrategy, int gsiCount, SortedSet<String> types,
    SortedMap<String, Unique> uniques, SortedMap<String, Relation> relations, SortedMap<String, Removed> removed,
    SortedMap<String, SchemaChange> changes, SortedMap<String, Integer> resolvers, SortedMap<String, SortedSet<String>> authFields,
    Map<String, Integer> lines) {

  /** The lock format version written in the file. */
  public static final int VERSION = 1;

  /** The start of a {@code @manyToMany} side's key field: {@code link:<Owner>}. */
  static final String LINK = "link:";

  public SchemaLock {
    types = Collections.unmodifiableSortedSet(new TreeSet<>(types));
    uniques = Collections.unmodifiableSortedMap(new TreeMap<>(uniques));
    relations = Collections.unmodifiableSortedMap(new TreeMap<>(relations));
    removed = Collections.unmodifiableSortedMap(new TreeMap<>(removed));
    changes = Collections.unmodifiableSortedMap(new TreeMap<>(changes));
    resolvers = Collections.unmodifiableSortedMap(new TreeMap<>(resolvers));
    SortedMap<String, SortedSet<String>> fields = new TreeMap<>();
    authFields.forEach((t, f) -> fields.put(t, Collections.unmodifiableSortedSet(new TreeSet<>(f))));
    authFields = Collections.unmodifiableSortedMap(fields);
    lines = Map.copyOf(lines);
  }

  /**
   * A {@code @unique} field.
   *
   * @param type the field's named type (nullability and list-ness aside)
   * @param ignoreCase whether values are lower-cased in the unique key
   */
  public record Unique(String type, boolean ignoreCase) {}

  /**
   * A {@code @hasMany} relation's index entry.
   *
   * @param slot 1-based GSI slot
   * @param target declared target type (the partition key prefix)
   * @param keyField the related types' field holding the owner's id; for a {@code @list}, {@code by:} and its by
   *     fields, comma-separated
   * @param sortBy sort components as {@code field:Type} or {@code field:Type:enum}
   * @param ignoreCase strings sort lower-cased
   * @param nulls {@code FIRST} or {@code LAST}
   * @param onlyIf the admitting Boolean field, or null
   * @param types concrete target types
   */
  public record Relation(int slot, String target, String keyField, List<String> sortBy, boolean ignoreCase,
      String nulls, String onlyIf, SortedSet<String> types) {
    public Relation {
      sortBy = List.copyOf(sortBy);
      types = Collections.unmodifiableSortedSet(new TreeSet<>(types));
    }

    /** The same entry on another slot. */
    public Relation withSlot(int newSlot) {
      return new Relation(newSlot, target, keyField, sortBy, ignoreCase, nulls, onlyIf, types);
    }

    /**
     * Whether this is a {@code @manyToMany} side's entry (key {@code <JoinType>#link:<Owner>}): its attributes are
     * on the join items, whose {@code __typename} is {@link #target}, not on items of a {@code @model} type.
     */
    public boolean manyToMany() {
      return keyField.startsWith(LINK);
    }

    /** Whether the stored keys are the same apart from the slot and the target set. */
    boolean sameKeys(Relation o) {
      return target.equals(o.target) && keyField.equals(o.keyField) && sortBy.equals(o.sortBy)
          && ignoreCase == o.ignoreCase && nulls.equals(o.nulls) && java.util.Objects.equals(onlyIf, o.onlyIf);
    }
  }

  /**
   * A removed relation whose slot stays reserved until its line is deleted.
   *
   * @param slot the reserved slot
   * @param types the concrete types whose items may still carry its attributes
   */
  public record Removed(int slot, SortedSet<String> types) {
    public Removed {
      types = Collections.unmodifiableSortedSet(new TreeSet<>(types));
    }
  }

  /** The lock a model implies (no removed relations). */
  public static SchemaLock of(ServiceModel model) {
    SortedSet<String> types = new TreeSet<>();
    SortedMap<String, Unique> uniques = new TreeMap<>();
    SortedMap<String, Relation> relations = new TreeMap<>();
    SortedMap<String, SortedSet<String>> authFields = new TreeMap<>();
    for (EntityModel e : model.entities()) {
      types.add(e.name());
      SortedSet<String> read = new TreeSet<>();
      e.auth().rules().forEach(r -> addItemField(r, read));
      e.fields().forEach(f -> f.auth().rules().forEach(r -> addItemField(r, read)));
      if (!read.isEmpty()) {
        authFields.put(e.name(), read);
      }
      for (UniqueModel u : e.uniques()) {
        uniques.put(e.name() + "." + u.field(), new Unique(u.type().name(), u.ignoreCase()));
      }
    }
    for (RelationModel r : model.indexedRelations()) {
      if ((r.indexed() || r.manyToMany()) && r.slot() > 0) {
        relations.put(r.id(), relation(r));
      }
    }
    return new SchemaLock(model.keyStrategy(), model.slots().size(), types, uniques, relations, new TreeMap<>(),
        new TreeMap<>(), new TreeMap<>(), authFields, Map.of());
  }

  private static void addItemField(io.singletable.model.AuthRule r, SortedSet<String> out) {
    if (r.itemField() != null) {
      out.add(r.itemField());
    }
  }

  /** A relation's entry (its slot as the model has it). */
  public static Relation relation(RelationModel r) {
    List<String> sort = new ArrayList<>();
    for (SortField f : r.sortBy()) {
      sort.add(f.field() + ":" + f.type().name() + (f.enumType() ? ":enum" : ""));
    }
    // a @list's key is its by fields ("by:" and no field name holds ':', so it reads as no @hasMany's key field)
    // a @manyToMany side's key is its join type and owner: the join items' PKnn is <joinType>#<owner's id>
    String key = r.list() ? "by:" + String.join(",", r.by().stream().map(SortField::field).toList())
        : r.manyToMany() ? LINK + r.owner() : r.keyField();
    return new Relation(r.slot(), r.manyToMany() ? r.joinType() : r.target(), key, sort, r.ignoreCase(),
        r.nulls() == null ? "FIRST" : r.nulls().name(), r.onlyIf(), new TreeSet<>(r.indexedTypes()));
  }

  /** The same lock with other relations, removed entries and GSI count. */
  public SchemaLock with(SortedMap<String, Relation> newRelations, SortedMap<String, Removed> newRemoved,
      int newGsiCount) {
    return new SchemaLock(keyStrategy, newGsiCount, types, uniques, newRelations, newRemoved, changes, resolvers,
        authFields, Map.of());
  }

  /** The same lock recording other changes. */
  public SchemaLock withChanges(java.util.Collection<SchemaChange> newChanges) {
    SortedMap<String, SchemaChange> byLine = new TreeMap<>();
    newChanges.forEach(c -> byLine.put(c.lockLine(), c));
    return new SchemaLock(keyStrategy, gsiCount, types, uniques, relations, removed, byLine, resolvers, authFields, Map.of());
  }

  /** The same lock with other resolver placements ({@code Type.field} to stack). */
  public SchemaLock withResolvers(java.util.Map<String, Integer> placements) {
    return new SchemaLock(keyStrategy, gsiCount, types, uniques, relations, removed, changes, new TreeMap<>(placements),
        authFields, Map.of());
  }

  /** The lock's text: a header, then one entry per line, sorted, in blocks. */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append("# singletable.lock: what the data stored in the table depends on. Commit it with the schema and\n")
        .append("# review its diff: singletable reads it on every generation so that existing relations keep their\n")
        .append("# GSI slot and key format, and refuses changes that would orphan stored items.\n")
        .append("# A 'removed' line keeps a slot reserved on the listed types, whose items may still carry the\n")
        .append("# relation's attributes: once SchemaMigration has cleaned them up, delete the line to release it.\n")
        .append("# A 'change' line records a change since the lock was generated before; it stays, and schema-changes.md\n")
        .append("# lists it, until you delete it: deploy, run the generated SchemaMigration, then delete the lines.\n")
        .append("# -Dsingletable.replan=true re-plans every slot from scratch (each moved relation needs a backfill).\n")
        .append("# A 'resolver' line keeps an AppSync resolver in the stack it was first deployed in (0: template.yaml,\n")
        .append("# n: stacks/resolvers-nn.yaml): AppSync allows one resolver per field, so moving one fails the deploy.\n")
        .append("version ").append(VERSION).append('\n')
        .append("keyStrategy ").append(keyStrategy.name()).append('\n')
        .append("gsiCount ").append(gsiCount).append('\n');
    if (!types.isEmpty()) {
      b.append('\n');
      types.forEach(t -> b.append("type ").append(t).append('\n'));
    }
    if (!uniques.isEmpty()) {
      b.append('\n');
      uniques.forEach((id, u) -> b.append("unique ").append(id).append(" type=").append(u.type())
          .append(" ignoreCase=").append(u.ignoreCase()).append('\n'));
    }
    if (!relations.isEmpty()) {
      b.append('\n');
      relations.forEach((id, r) -> b.append("relation ").append(id).append(" slot=").append(r.slot())
          .append(" key=").append(r.target()).append('#').append(r.keyField())
          .append(" sortBy=").append(r.sortBy().isEmpty() ? "-" : String.join(",", r.sortBy()))
          .append(" ignoreCase=").append(r.ignoreCase()).append(" nulls=").append(r.nulls())
          .append(" onlyIf=").append(r.onlyIf() == null ? "-" : r.onlyIf())
          .append(" types=").append(String.join(",", r.types())).append('\n'));
    }
    if (!removed.isEmpty()) {
      b.append('\n');
      removed.forEach((id, r) -> b.append("removed ").append(id).append(" slot=").append(r.slot())
          .append(" types=").append(String.join(",", r.types())).append('\n'));
    }
    if (!authFields.isEmpty()) {
      b.append('\n')
          .append("# An 'auth' line names the stored fields a type's @auth rules compare with the caller (owner and\n")
          .append("# groups fields): items stored before a rule may lack them, and the rule then admits no one to them.\n");
      authFields.forEach((t, f) -> b.append("auth ").append(t).append(" reads=").append(String.join(",", f))
          .append('\n'));
    }
    if (!changes.isEmpty()) {
      b.append('\n');
      changes.keySet().forEach(line -> b.append(line).append('\n'));
    }
    if (!resolvers.isEmpty()) {
      b.append('\n');
      resolvers.forEach((field, stack) -> b.append("resolver ").append(field).append(" stack=").append(stack)
          .append('\n'));
    }
    return b.toString();
  }

  /** A line of the lock that cannot be read. */
  public static final class FormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    FormatException(int line, String message) {
      super(message);
      this.line = line;
    }

    /** 1-based line. */
    public int line() {
      return line;
    }
  }

  /** Reads a lock's text; comments ({@code #}) and blank lines are skipped. */
  public static SchemaLock parse(String text) throws FormatException {
    KeyStrategy strategy = null;
    int gsis = -1;
    SortedSet<String> types = new TreeSet<>();
    SortedMap<String, Unique> uniques = new TreeMap<>();
    SortedMap<String, Relation> relations = new TreeMap<>();
    SortedMap<String, Removed> removed = new TreeMap<>();
    SortedMap<String, SchemaChange> changes = new TreeMap<>();
    SortedMap<String, Integer> resolvers = new TreeMap<>();
    SortedMap<String, SortedSet<String>> authFields = new TreeMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    String[] all = text.split("\n", -1);
    for (int i = 0; i < all.length; i++) {
      int n = i + 1;
      String line = all[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("change ")) {
        SchemaChange change = SchemaChange.fromLockLine(line.substring("change ".length()));
        if (change == null) {
          throw new FormatException(n, "'" + line + "' is not 'change <kind> | <subject> | <types> | <attributes> | "
              + "<why>' (delete the line to drop the change)");
        }
        changes.put(change.lockLine(), change);
        continue;
      }
      String[] words = line.split("\\s+");
      String kind = words[0];
      if (words.length < 2) {
        throw new FormatException(n, "'" + line + "' has no value");
      }
      String name = words[1];
      Map<String, String> attrs = attributes(words, n);
      String key = kind + " " + name;
      if (lines.containsKey(key)) {
        throw new FormatException(n, "'" + key + "' is listed twice (also on line " + lines.get(key) + ")");
      }
      switch (kind) {
        case "version" -> {
          if (!name.equals(String.valueOf(VERSION))) {
            throw new FormatException(n, "lock version " + name + " is not supported (this singletable reads "
                + VERSION + ")");
          }
          key = "version";
        }
        case "keyStrategy" -> {
          try {
            strategy = KeyStrategy.valueOf(name);
          } catch (IllegalArgumentException e) {
            throw new FormatException(n, "unknown key strategy " + name);
          }
          key = "keyStrategy";
        }
        case "gsiCount" -> {
          gsis = integer(name, n);
          key = "gsiCount";
        }
        case "type" -> types.add(name);
        case "unique" -> uniques.put(name, new Unique(required(attrs, "type", n),
            Boolean.parseBoolean(required(attrs, "ignoreCase", n))));
        case "relation" -> {
          String k = required(attrs, "key", n);
          int hash = k.indexOf('#');
          if (hash <= 0 || hash == k.length() - 1) {
            throw new FormatException(n, "key=" + k + " is not Target#field");
          }
          String sort = required(attrs, "sortBy", n);
          String onlyIf = required(attrs, "onlyIf", n);
          relations.put(name, new Relation(integer(required(attrs, "slot", n), n), k.substring(0, hash),
              k.substring(hash + 1), sort.equals("-") ? List.of() : List.of(sort.split(",")),
              Boolean.parseBoolean(required(attrs, "ignoreCase", n)), required(attrs, "nulls", n),
              onlyIf.equals("-") ? null : onlyIf, typeSet(required(attrs, "types", n))));
        }
        case "removed" -> removed.put(name, new Removed(integer(required(attrs, "slot", n), n),
            typeSet(required(attrs, "types", n))));
        case "auth" -> authFields.put(name, typeSet(required(attrs, "reads", n)));
        case "resolver" -> {
          int dot = name.indexOf('.');
          if (dot <= 0 || dot == name.length() - 1) {
            throw new FormatException(n, "resolver " + name + " is not Type.field");
          }
          resolvers.put(name, integer(required(attrs, "stack", n), n));
        }
        default -> throw new FormatException(n, "unknown entry '" + kind + "' (expected version, keyStrategy, "
            + "gsiCount, type, unique, relation, removed, auth, change or resolver)");
      }
      lines.put(key, n);
    }
    if (strategy == null || gsis < 0) {
      throw new FormatException(1, "the lock has no " + (strategy == null ? "keyStrategy" : "gsiCount") + " line");
    }
    return new SchemaLock(strategy, gsis, types, uniques, relations, removed, changes, resolvers, authFields, lines);
  }

  /** The 1-based line of an entry, or 1. */
  public int line(String key) {
    return lines.getOrDefault(key, 1);
  }

  private static Map<String, String> attributes(String[] words, int n) throws FormatException {
    Map<String, String> attrs = new TreeMap<>();
    for (int i = 2; i < words.length; i++) {
      int eq = words[i].indexOf('=');
      if (eq <= 0) {
        throw new FormatException(n, "'" + words[i] + "' is not name=value");
      }
      attrs.put(words[i].substring(0, eq), words[i].substring(eq + 1));
    }
    return attrs;
  }

  private static String required(Map<String, String> attrs, String name, int n) throws FormatException {
    String v = attrs.get(name);
    if (v == null || v.isEmpty()) {
      throw new FormatException(n, "missing " + name + "=");
    }
    return v;
  }

  private static int integer(String s, int n) throws FormatException {
    try {
      int v = Integer.parseInt(s);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new FormatException(n, "'" + s + "' is not a number");
    }
  }

  private static SortedSet<String> typeSet(String s) {
    return new TreeSet<>(List.of(s.split(",")));
  }
}
