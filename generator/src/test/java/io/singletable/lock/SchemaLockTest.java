package io.singletable.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.diag.SchemaException;
import io.singletable.model.KeyStrategy;
import io.singletable.model.RelationModel;
import io.singletable.model.ServiceModel;
import io.singletable.TestSchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock through {@link Generator#generate}: slots kept, plan classified, refusals leave everything as it was. */
class SchemaLockTest {
  static final String BARN = "\ntype Barn @model {\n  id: ID!\n  name: String!\n"
      + "  cows: [Cow] @hasMany(field: \"barnId\", sortBy: [\"name\"])\n}\n";

  @TempDir
  Path temp;

  private Path schema;
  private Path out;
  private Path lock;

  private String farm() throws IOException {
    try (Stream<Path> files = Files.list(TestSchemas.sampleSchema("farm"))) {
      StringBuilder b = new StringBuilder();
      for (Path p : files.filter(f -> f.toString().endsWith(".graphql")).sorted().toList()) {
        b.append(Files.readString(p, StandardCharsets.UTF_8)).append('\n');
      }
      return b.toString();
    }
  }

  private Generator.Result generate(String sdl) throws IOException {
    return generate(sdl, false, KeyStrategy.NODE);
  }

  private Generator.Result generate(String sdl, boolean replan, KeyStrategy keys) throws IOException {
    schema = temp.resolve("schema.graphql");
    out = temp.resolve("out");
    lock = temp.resolve("singletable.lock");
    Files.writeString(schema, sdl, StandardCharsets.UTF_8);
    return new Generator().generate(new GeneratorOptions(schema, temp, out, null, keys, 20, null)
        .withLock(lock, replan));
  }

  private static Map<String, Integer> slots(ServiceModel model) {
    Map<String, Integer> m = new TreeMap<>();
    model.indexedRelations().forEach(r -> m.put(r.id(), r.slot()));
    return m;
  }

  private static String withBarn(String farm) {
    return farm.replace("  farmId: ID!\n  farm: Farm @belongsTo(field: \"farmId\")\n}\n\ntype Chicken",
        "  farmId: ID!\n  barnId: ID\n  farm: Farm @belongsTo(field: \"farmId\")\n}\n\ntype Chicken") + BARN;
  }

  @Test
  void farmAcceptanceAddingBarnCowsKeepsEverySlotAndNamesCowForBarnCowsOnly() throws IOException {
    String farm = farm();
    Generator.Result v1 = generate(farm);
    assertTrue(Files.exists(lock), "the first generation writes the lock");
    assertEquals(null, v1.lock().previous());
    String lock1 = Files.readString(lock);
    assertTrue(lock1.startsWith("# singletable.lock"), lock1);
    assertTrue(lock1.contains("delete the line to release it"), "the header says how to release a slot");
    assertTrue(lock1.contains("relation Farm.cows slot="), lock1);
    assertTrue(lock1.contains("unique Farm.name type=String ignoreCase=true"), lock1);

    String v2sdl = withBarn(farm);
    assertNotEquals(farm, v2sdl, "the edit applied");
    // without the lock the minimal plan moves existing relations (the bug)
    Generator.Planned fresh = TestSchemas.plan(v2sdl);
    assertNotEquals(slots(v1.model()), slots(fresh.model()).entrySet().stream()
        .filter(e -> !e.getKey().equals("Barn.cows")).collect(Collectors.toMap(Map.Entry::getKey,
            Map.Entry::getValue, (a, b) -> a, TreeMap::new)), "the fresh plan moves a relation");

    Generator.Result v2 = generate(v2sdl);
    Map<String, Integer> before = slots(v1.model());
    Map<String, Integer> after = slots(v2.model());
    before.forEach((id, slot) -> assertEquals(slot, after.get(id), id + " keeps its GSI"));
    int added = v2.model().slots().size() - v1.model().slots().size();
    assertTrue(added >= 0 && added <= 1, "at most one GSI added: " + added);
    List<SchemaChange> backfills = v2.lock().changes().stream()
        .filter(c -> c.kind() == SchemaChange.Kind.NEEDS_BACKFILL).toList();
    assertEquals(1, backfills.size(), "one backfill: " + v2.lock().changes());
    assertEquals("relation Barn.cows", backfills.get(0).subject());
    assertEquals(Set.of("Cow"), backfills.get(0).types());
    assertTrue(v2.lock().changes().stream().noneMatch(c -> c.kind() == SchemaChange.Kind.REFUSED));
    String doc = Files.readString(out.resolve(Generator.SCHEMA_CHANGES));
    assertTrue(doc.contains("| needs backfill | relation Barn.cows | Cow |"), doc);
    assertTrue(Files.readString(lock).contains("relation Barn.cows slot="), "the lock records the new relation");
  }

  @Test
  void lockIsRewrittenOnlyWhenItsBytesChange() throws IOException {
    generate(farm());
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(lock, old);
    Generator.Result again = generate(farm());
    assertEquals(old, Files.getLastModifiedTime(lock), "an unchanged lock is not rewritten");
    assertTrue(again.lock().changes().isEmpty());
    assertTrue(again.report().written().isEmpty(), "a rebuild writes nothing: " + again.report().written());
  }

  @Test
  void refusedChangesLeaveLockAndOutputAsTheyWere() throws IOException {
    String farm = farm();
    generate(farm);
    String lockBefore = Files.readString(lock);
    Map<String, String> outBefore = tree(out);

    SchemaException keys = assertThrows(SchemaException.class, () -> generate(farm, false, KeyStrategy.TYPE));
    assertTrue(keys.formatted().contains("singletable.lock:12:1: error[ST044]: keyStrategy TYPE differs"),
        keys.formatted());

    String renamed = farm.replace("type Chicken @model", "type Hen @model").replace("Chicken", "Hen");
    SchemaException rename = assertThrows(SchemaException.class, () -> generate(renamed));
    assertTrue(rename.formatted().contains("error[ST044]: @model type Chicken is locked but no longer in the schema"),
        rename.formatted());
    assertTrue(rename.formatted().contains("(Hen?)"), "names the rename candidate: " + rename.formatted());
    assertTrue(rename.formatted().contains("delete the line 'type Chicken'"), rename.formatted());

    String retyped = farm.replace("name: String!\n  breed", "name: Int!\n  breed")
        .replace("name: String!\n  eggsPerWeek", "name: Int!\n  eggsPerWeek");
    SchemaException type = assertThrows(SchemaException.class, () -> generate(retyped));
    assertTrue(type.formatted().contains("error[ST044]: sortBy field name of Farm.chickens changes type from String "
        + "to Int"), type.formatted());

    assertEquals(lockBefore, Files.readString(lock), "lock unchanged");
    assertEquals(outBefore, tree(out), "output unchanged");
  }

  /** The farm with Barn.cows and Shed.cows: two relations to Cow, already indexed, so two new GSIs (GSI03, GSI04). */
  private static String twoNewGsis(String farm) {
    return farm.replace("  farmId: ID!\n  farm: Farm @belongsTo(field: \"farmId\")\n}\n\ntype Chicken",
        "  farmId: ID!\n  barnId: ID\n  shedId: ID\n  farm: Farm @belongsTo(field: \"farmId\")\n}\n\ntype Chicken")
        + BARN + "\ntype Shed @model {\n  id: ID!\n  cows: [Cow] @hasMany(field: \"shedId\")\n}\n";
  }

  @Test
  void twoNewGsisAtOnceArePlannedForADeployThatCreatesThemOneByOne() throws IOException {
    String farm = farm();
    generate(farm);
    Generator.Result v2 = generate(twoNewGsis(farm));
    assertEquals(4, v2.model().slots().size());
    assertTrue(Files.readString(lock).contains("\ngsiCount 4\n"), Files.readString(lock));
    SchemaChange gsis = v2.lock().changes().stream().filter(c -> c.subject().equals("GSIs 2 → 4")).findFirst()
        .orElseThrow(() -> new AssertionError(v2.lock().changes().toString()));
    assertEquals(SchemaChange.Kind.NO_DATA_CHANGE, gsis.kind());
    assertTrue(gsis.why().startsWith("template.yaml creates GSI03, GSI04; DynamoDB builds them on deploy, one per "
        + "table update: deploy.sh deploys template.yaml once per GSI, its parameter IndexCountOf4 counting up"),
        gsis.why());
    assertTrue(gsis.why().contains("a plain sam deploy must pass --parameter-overrides IndexCountOf4=k likewise"),
        gsis.why());
    assertTrue(Files.readString(out.resolve("schema-changes.md")).contains("| GSIs 2 → 4 |"));
    String template = Files.readString(out.resolve("template.yaml"));
    assertTrue(template.contains("    Default: \"4\"\n    AllowedValues: [\"0\", \"1\", \"2\", \"3\", \"4\"]\n"),
        template);
    assertTrue(Files.readString(out.resolve("deploy.sh")).contains("\nTARGET=4\nDECLARED=4\n"));
  }

  @Test
  void releasedGsisStayDeclaredWhileTheirChangeIsRecordedSoThatDeployShCanDeleteThemOneByOne() throws IOException {
    String farm = farm();
    generate(farm);
    String two = twoNewGsis(farm);
    generate(two);
    Files.writeString(lock, Files.readString(lock).replaceAll("change [^\n]*\n", "")); // deployed and migrated
    String removed = two.replace("  cows: [Cow] @hasMany(field: \"barnId\", sortBy: [\"name\"])\n", "")
        .replace("  cows: [Cow] @hasMany(field: \"shedId\")\n", "");
    assertNotEquals(two, removed);
    generate(removed);
    String reserved = Files.readString(lock);
    assertTrue(reserved.contains("removed Barn.cows slot=3") && reserved.contains("removed Shed.cows slot=4")
        && reserved.contains("\ngsiCount 4\n"), reserved);
    // cleaned up: both reservations released at once (the change lines cleared too)
    Files.writeString(lock, reserved.replaceAll("(removed|change) [^\n]*\n", ""));
    Generator.Result released = generate(removed);
    assertEquals(2, released.model().slots().size());
    SchemaChange gsis = released.lock().changes().stream().filter(c -> c.subject().equals("GSIs 4 → 2"))
        .findFirst().orElseThrow(() -> new AssertionError(released.lock().changes().toString()));
    assertTrue(gsis.why().startsWith("template.yaml deletes GSI03, GSI04; DynamoDB drops them on deploy, one per "
        + "table update"), gsis.why());
    assertEquals(4, LockPlanner.declaredGsis(released.lock()));
    String template = Files.readString(out.resolve("template.yaml"));
    assertTrue(template.contains("singletable backend: 6 models, 2 GSIs"), template);
    assertTrue(template.contains("    Default: \"2\"\n    AllowedValues: [\"0\", \"1\", \"2\", \"3\", \"4\"]\n"),
        template);
    assertTrue(template.contains("                - IndexName: GSI04\n"), "GSI04 still declared, off by default");
    assertTrue(Files.readString(out.resolve("deploy.sh")).contains("\nTARGET=2\nDECLARED=4\n"));
    generate(removed);
    assertTrue(Files.readString(out.resolve("deploy.sh")).contains("\nTARGET=2\nDECLARED=4\n"),
        "a later generation keeps them declared while the change is recorded");

    Files.writeString(lock, Files.readString(lock).replaceAll("change [^\n]*\n", ""));
    Generator.Result cleared = generate(removed);
    assertEquals(2, LockPlanner.declaredGsis(cleared.lock()));
    template = Files.readString(out.resolve("template.yaml"));
    assertTrue(template.contains("    Default: \"2\"\n    AllowedValues: [\"0\", \"1\", \"2\"]\n"), template);
    assertFalse(template.contains("GSI03"), template);
  }

  @Test
  void removedRelationKeepsItsSlotReservedUntilTheLineIsDeleted() throws IOException {
    String farm = farm();
    Generator.Result v1 = generate(farm);
    int cows = slots(v1.model()).get("Farm.cows");
    String noCows = farm.replace("  cows: [Cow] @hasMany(field: \"farmId\", sortBy: [\"name\"])\n", "");
    Generator.Result v2 = generate(noCows);
    String lock2 = Files.readString(lock);
    assertTrue(lock2.contains("removed Farm.cows slot=" + cows + " types=Cow"), lock2);
    assertEquals(v1.model().slots().size(), v2.model().slots().size(), "the reserved GSI stays in the template");
    assertTrue(v2.lock().changes().stream().anyMatch(c -> c.subject().equals("relation Farm.cows")
        && c.kind() == SchemaChange.Kind.NEEDS_BACKFILL && c.why().contains("delete the line 'removed Farm.cows'")),
        v2.lock().changes().toString());

    Generator.Result v3 = generate(withBarn(noCows));
    assertNotEquals(cows, slots(v3.model()).get("Barn.cows"), "a reserved slot is not reused for Cow");
    assertTrue(Files.readString(lock).contains("removed Farm.cows"), "still reserved");

    Files.writeString(lock, lock2.replaceAll("removed Farm.cows[^\n]*\n", ""));
    Generator.Result v4 = generate(withBarn(noCows));
    assertEquals(cows, slots(v4.model()).get("Barn.cows"), "the released slot is reused");
  }

  @Test
  void aSlotLeftOnlyReservedKeepsItsGsiInTheTemplate() throws IOException {
    String farm = farm();
    Generator.Result v1 = generate(farm);
    int animals = slots(v1.model()).get("Farm.animals");
    // without Farm.animals and the list that shares its slot (Query.farms), the slot holds nothing but the reservation
    String noAnimals = farm.replace("  animals: AnimalConnection @hasMany(field: \"farmId\", sortBy: [\"name\"])\n", "")
        .replace("  \"Every farm, by name, a page at a time: one Query per page, never a Scan.\"\n"
            + "  farms: FarmConnection @list(sortBy: [\"name\"])\n", "");
    assertNotEquals(farm, noAnimals);
    Generator.Result v2 = generate(noAnimals);
    String gsi = String.format("GSI%02d", animals);
    assertTrue(v2.model().slots().get(animals - 1).relations().isEmpty(), "the slot only holds the reservation");
    assertTrue(Files.readString(out.resolve("template.yaml")).contains("IndexName: " + gsi), "GSI kept");
    assertTrue(Files.readString(out.resolve(Generator.SCHEMA_CHANGES))
        .contains("| " + gsi + " | reserved: Farm.animals on Chicken, Cow"), "the plan shows the reservation");
  }

  @Test
  void classifiesSortUniqueAndUnionChangesAsBackfills() throws IOException {
    String farm = farm();
    generate(farm);
    String v2 = farm.replace("  cows: [Cow] @hasMany(field: \"farmId\", sortBy: [\"name\"])",
            "  cows: [Cow] @hasMany(field: \"farmId\", sortBy: [\"born\", \"name\"])")
        .replace("  name: String! @unique\n", "  name: String!\n")
        .replace("  name: String!\n  breed", "  name: String! @unique\n  breed");
    Generator.Result r = generate(v2);
    Map<String, SchemaChange> bySubject = new TreeMap<>();
    r.lock().changes().forEach(c -> bySubject.put(c.subject(), c));
    assertEquals(Set.of("relation Farm.cows", "@unique Cow.name", "@unique Farm.name"), bySubject.keySet(),
        r.lock().changes().toString());
    bySubject.values().forEach(c -> assertEquals(SchemaChange.Kind.NEEDS_BACKFILL, c.kind(), c.toString()));
    assertTrue(bySubject.get("relation Farm.cows").why().startsWith("sortBy [name:String] → [born:AWSDate, "
        + "name:String]"), bySubject.get("relation Farm.cows").why());
    assertEquals(Set.of("Cow"), bySubject.get("relation Farm.cows").types());
    assertTrue(bySubject.get("@unique Cow.name").why().contains("reported with both ids"));
    assertTrue(bySubject.get("@unique Farm.name").why().contains("removed"));
  }

  @Test
  void anExistingTypeJoiningATargetUnionNeedsItsItemsReindexed() throws IOException {
    String v1 = "type O @model {\n  id: ID!\n  xs: [U] @hasMany(field: \"oId\")\n}\n"
        + "type A @model {\n  id: ID!\n  oId: ID\n}\ntype B @model {\n  id: ID!\n  oId: ID\n}\nunion U = A\n";
    generate(v1);
    Generator.Result r = generate(v1.replace("union U = A", "union U = A | B"));
    assertEquals(1, r.lock().changes().size(), r.lock().changes().toString());
    SchemaChange c = r.lock().changes().get(0);
    assertEquals(SchemaChange.Kind.NEEDS_BACKFILL, c.kind());
    assertEquals("relation O.xs", c.subject());
    assertEquals(Set.of("B"), c.types(), "only the new member's items");
    assertTrue(c.why().startsWith("new target type B"), c.why());
  }

  @Test
  void aNewManyToManyOnTypesWithItemsChangesNoStoredItemAndKeepsItsSlots() throws IOException {
    // two GSIs already (two relations to A): the join items take slots 1 and 2 on their own type, no GSI is created
    String v1 = "type Post @model {\n  id: ID!\n  title: String\n}\ntype Tag @model {\n  id: ID!\n  label: String\n}\n"
        + "type O @model {\n  id: ID!\n  xs: [A] @hasMany(field: \"oId\")\n  ys: [A] @hasMany(field: \"pId\")\n}\n"
        + "type A @model {\n  id: ID!\n  oId: ID\n  pId: ID\n}\n";
    generate(v1);
    String v2 = v1.replace("  title: String\n", "  title: String\n  tags: [Tag] @manyToMany(relationName: \"PostTag\")\n")
        .replace("  label: String\n", "  label: String\n  posts: [Post] @manyToMany(relationName: \"PostTag\")\n");
    Generator.Result r = generate(v2);
    String text = Files.readString(lock);
    assertTrue(text.contains("relation Post.tags slot=1 key=PostTag#link:Post sortBy=- ") && text.contains("types=PostTag"),
        text);
    assertTrue(text.contains("relation Tag.posts slot=2 key=PostTag#link:Tag "), text);
    List<SchemaChange> relations = r.lock().changes().stream().filter(c -> c.subject().startsWith("relation ")).toList();
    assertEquals(2, relations.size(), relations.toString());
    relations.forEach(c -> assertEquals(SchemaChange.Kind.NO_DATA_CHANGE, c.kind(), c.toString()));
    relations.forEach(c -> assertTrue(c.why().endsWith(": no join items stored yet"), c.why()));
    assertEquals(2, r.model().slots().size(), "no GSI created");
    // generated again with its lock: the same slots, nothing new to plan
    Generator.Result again = generate(v2);
    assertEquals(slots(r.model()), slots(again.model()));
  }

  static final String POST_TAG = "type Post @model {\n  id: ID!\n  title: String\n"
      + "  tags: [Tag] @manyToMany(relationName: \"PostTag\")\n}\n"
      + "type Tag @model {\n  id: ID!\n  label: String\n  posts: [Post] @manyToMany(relationName: \"PostTag\")\n}\n";

  private List<SchemaChange> relationChanges(Generator.Result r) {
    return r.lock().changes().stream().filter(c -> c.subject().startsWith("relation ")).toList();
  }

  @Test
  void aManyToManySideGivenASortByNeedsABackfillOfItsJoinItemsOnly() throws Exception {
    Generator.Result v1 = generate(POST_TAG);
    int slot = v1.model().indexedRelations().stream().filter(r -> r.id().equals("Post.tags")).findFirst().orElseThrow()
        .slot();
    String nn = String.format(java.util.Locale.ROOT, "%02d", slot);
    Generator.Result v2 = generate(POST_TAG.replace("@manyToMany(relationName: \"PostTag\")\n}\ntype Tag",
        "@manyToMany(relationName: \"PostTag\", sortBy: [\"label\"])\n}\ntype Tag"));
    List<SchemaChange> changes = relationChanges(v2);
    assertEquals(1, changes.size(), "Tag.posts is as it was: " + changes);
    SchemaChange c = changes.get(0);
    assertEquals(SchemaChange.Kind.NEEDS_BACKFILL, c.kind());
    assertEquals("relation Post.tags", c.subject());
    assertEquals(Set.of("PostTag"), c.types(), "the join items, not the Post or Tag items");
    assertEquals(List.of("PK" + nn + "/SK" + nn), c.attributes());
    assertEquals("sortBy [] → [label:String]: the join items' SK" + nn + " copies are stale; the backfill rewrites "
        + "each join item's index attributes from both linked items", c.why());
    String doc = Files.readString(out.resolve(Generator.SCHEMA_CHANGES));
    assertTrue(doc.contains("| needs backfill | relation Post.tags | PostTag | PK" + nn + "/SK" + nn + " | sortBy [] "
        + "→ [label:String]: the join items' SK" + nn + " copies are stale;"), doc);
    String text = Files.readString(lock);
    assertTrue(text.contains("relation Post.tags slot=" + slot + " key=PostTag#link:Post sortBy=label:String "), text);
    assertTrue(text.contains("change needs backfill | relation Post.tags | PostTag | PK" + nn + "/SK" + nn + " | "), text);
    assertEquals(text, SchemaLock.parse(text).render());
    assertEquals(changes, relationChanges(generate(POST_TAG.replace("@manyToMany(relationName: \"PostTag\")\n}\n"
        + "type Tag", "@manyToMany(relationName: \"PostTag\", sortBy: [\"label\"])\n}\ntype Tag"))),
        "generated again: the recorded change, nothing new");
  }

  @Test
  void aRenamedManyToManyIsRefusedAndARemovedOneSaysItsJoinItemsStay() throws IOException {
    generate(POST_TAG);
    String lockBefore = Files.readString(lock);
    SchemaException renamed = assertThrows(SchemaException.class,
        () -> generate(POST_TAG.replace("\"PostTag\"", "\"PostLabel\"")));
    assertTrue(renamed.formatted().contains("error[ST044]: @manyToMany Post.tags changes relationName from PostTag to "
        + "PostLabel: its stored join items and link heads (__typename PostTag) would be orphaned"), renamed.formatted());
    assertTrue(renamed.formatted().contains("delete the lines 'relation Tag.posts' and the other side's"),
        renamed.formatted());
    assertEquals(lockBefore, Files.readString(lock));

    // a side renamed, the relation kept: the new side's attributes are written on the stored join items
    Generator.Result field = generate(POST_TAG.replace("  tags: [Tag]", "  labels: [Tag]"));
    Map<String, SchemaChange> bySubject = new TreeMap<>();
    relationChanges(field).forEach(c -> bySubject.put(c.subject(), c));
    assertEquals(Set.of("relation Post.labels", "relation Post.tags"), bySubject.keySet(), bySubject.toString());
    SchemaChange added = bySubject.get("relation Post.labels");
    assertEquals(SchemaChange.Kind.NEEDS_BACKFILL, added.kind());
    assertEquals(Set.of("PostTag"), added.types());
    assertTrue(added.why().startsWith("new side of the stored @manyToMany PostTag on GSI"), added.why());
    SchemaChange gone = bySubject.get("relation Post.tags");
    assertEquals(Set.of("PostTag"), gone.types(), "its attributes are on the join items");
    assertTrue(gone.why().startsWith("relation removed: remove its attributes"), gone.why());

    // the relation removed: nothing in this schema reads or cleans its join items, and the plan says so
    Files.writeString(lock, lockBefore);
    Generator.Result removed = generate(POST_TAG.replace("  tags: [Tag] @manyToMany(relationName: \"PostTag\")\n", "")
        .replace("  posts: [Post] @manyToMany(relationName: \"PostTag\")\n", ""));
    List<SchemaChange> changes = relationChanges(removed);
    assertEquals(2, changes.size(), changes.toString());
    for (SchemaChange c : changes) {
      assertEquals(SchemaChange.Kind.NEEDS_BACKFILL, c.kind());
      assertEquals(Set.of("PostTag"), c.types());
      assertTrue(c.why().startsWith("@manyToMany relation removed: its join items and link heads (__typename PostTag) "
          + "stay in the table"), c.why());
    }
  }

  @Test
  void aRuleComparingAStoredFieldWithTheCallerOnATypeWithItemsNeedsItsValues() throws Exception {
    String v1 = "type Post @model {\n  id: ID!\n  owner: String\n  title: String\n  team: String\n}\n"
        + "type Note @model @auth(rules: [{ allow: private }]) {\n  id: ID!\n  text: String\n}\n";
    generate(v1);
    assertFalse(Files.readString(lock).contains("\nauth "), "no rule reads a stored field yet");
    String v2 = v1.replace("type Post @model {", "type Post @model @auth(rules: [{ allow: owner },"
            + " { allow: groups, groupsField: \"team\", operations: [read] }]) {")
        .replace("type Note @model @auth(rules: [{ allow: private }]) {\n  id: ID!\n  text: String\n",
            "type Note @model @auth(rules: [{ allow: private }]) {\n  id: ID!\n  text: String\n"
                + "  writer: String\n  secret: String @auth(rules: [{ allow: owner, ownerField: \"writer\" }])\n")
        + "type Draft @model @auth(rules: [{ allow: owner }]) {\n  id: ID!\n  owner: String\n}\n";
    Generator.Result r = generate(v2);
    String text = Files.readString(lock);
    assertTrue(text.contains("\nauth Draft reads=owner\nauth Note reads=writer\nauth Post reads=owner,team\n"), text);
    assertEquals(text, SchemaLock.parse(text).render(), "render(parse(text)) == text");
    Map<String, SchemaChange> bySubject = new TreeMap<>();
    r.lock().changes().stream().filter(c -> c.subject().startsWith("@auth")).forEach(c -> bySubject.put(c.subject(), c));
    assertEquals(Set.of("@auth Post reads owner, team", "@auth Note reads writer"), bySubject.keySet(),
        "a new type holds no items yet: " + r.lock().changes());
    SchemaChange post = bySubject.get("@auth Post reads owner, team");
    assertEquals(SchemaChange.Kind.NEEDS_BACKFILL, post.kind());
    assertEquals(Set.of("Post"), post.types());
    assertEquals(List.of("owner", "team"), post.attributes());
    assertTrue(post.why().contains("SchemaMigration cannot know whose they are"), post.why());
    assertTrue(Files.readString(out.resolve(Generator.SCHEMA_CHANGES)).contains("| needs backfill | @auth Post reads "
        + "owner, team | Post | owner, team |"));

    // the same rules again: nothing new; a rule dropped: no data change
    Files.writeString(lock, text.lines().filter(l -> !l.startsWith("change "))
        .collect(Collectors.joining("\n", "", "\n")));
    assertEquals(List.of(), generate(v2).lock().changes());
    Generator.Result dropped = generate(v2.replace(",\n { allow: groups, groupsField: \"team\", operations: [read] }", "")
        .replace(" { allow: groups, groupsField: \"team\", operations: [read] }", ""));
    assertEquals(List.of("no data change: @auth Post reads team"), dropped.lock().changes().stream()
        .map(c -> c.kind().label() + ": " + c.subject()).toList());
    assertTrue(Files.readString(lock).contains("\nauth Post reads=owner\n"));
  }

  @Test
  void replanIsMinimalAndListsEveryMove() throws IOException {
    String farm = farm();
    generate(farm);
    generate(withBarn(farm));
    Generator.Result replanned = generate(withBarn(farm), true, KeyStrategy.NODE);
    Generator.Planned fresh = TestSchemas.plan(withBarn(farm));
    assertEquals(slots(fresh.model()), slots(replanned.model()), "replan is the minimal plan");
    List<String> moved = replanned.lock().changes().stream().filter(c -> c.why().startsWith("moved from"))
        .map(SchemaChange::subject).sorted().toList();
    assertFalse(moved.isEmpty());
    for (RelationModel r : fresh.model().indexedRelations()) {
      boolean listed = moved.contains("relation " + r.id());
      assertTrue(listed || replanned.lock().changes().stream().noneMatch(c -> c.subject().equals("relation " + r.id())
          && c.why().startsWith("moved")), r.id());
    }
  }

  @Test
  void thePlanStaysInTheLockSoThatGeneratingAgainRewritesNothingUntilItsLinesAreDeleted() throws Exception {
    generate(farm());
    generate(withBarn(farm()));
    String lockAfterChange = Files.readString(lock);
    String plan = Files.readString(out.resolve(Generator.SCHEMA_CHANGES));
    assertTrue(lockAfterChange.contains("\nchange needs backfill | relation Barn.cows | Cow | PK03/SK03 | "), lockAfterChange);
    assertTrue(plan.contains("| needs backfill | relation Barn.cows | Cow | PK03/SK03 |"), plan);

    Generator.Result again = generate(withBarn(farm()));
    assertEquals(List.of(), again.report().written(), "a second generation writes nothing");
    assertEquals(lockAfterChange, Files.readString(lock));
    assertTrue(again.lock().changes().stream().anyMatch(c -> c.subject().equals("relation Barn.cows")),
        "the log still lists the pending backfill");
    assertEquals(lockAfterChange, SchemaLock.parse(lockAfterChange).render(), "render(parse(text)) == text");

    // the backfill has run: the user deletes the change lines, and the plan is empty again
    Files.writeString(lock, lockAfterChange.lines().filter(l -> !l.startsWith("change "))
        .collect(java.util.stream.Collectors.joining("\n", "", "\n")));
    Generator.Result cleared = generate(withBarn(farm()));
    assertEquals(List.of(), cleared.lock().changes());
    assertTrue(Files.readString(out.resolve(Generator.SCHEMA_CHANGES)).contains("nothing to migrate"));
    assertFalse(Files.readString(lock).contains("\nchange "));

    SchemaLock.FormatException bad = assertThrows(SchemaLock.FormatException.class,
        () -> SchemaLock.parse(lockAfterChange.replace("change needs backfill | relation Barn.cows", "change needs | x")));
    assertTrue(bad.getMessage().contains("delete the line to drop the change"), bad.getMessage());
  }

  @Test
  void parseReadsWhatRenderWritesAndLocatesBadLines() throws Exception {
    generate(farm());
    String text = Files.readString(lock);
    SchemaLock parsed = SchemaLock.parse(text);
    assertEquals(text, parsed.render(), "render(parse(text)) == text");
    SchemaLock.FormatException e = assertThrows(SchemaLock.FormatException.class,
        () -> SchemaLock.parse(text.replace("gsiCount", "gsiCnt")));
    assertTrue(e.getMessage().contains("unknown entry 'gsiCnt'"), e.getMessage());
    assertEquals(13, e.line());
    assertTrue(text.contains("\nresolver Farm.cows stack=0\n"), "every resolver's stack is recorded: " + text);
    assertEquals(0, parsed.resolvers().get("Mutation.createFarm"));
    for (String broken : List.of("resolver Farm.cows stack=-1", "resolver Farm.cows", "resolver Farmcows stack=0")) {
      SchemaLock.FormatException r = assertThrows(SchemaLock.FormatException.class,
          () -> SchemaLock.parse(text.replace("resolver Farm.cows stack=0", broken)), broken);
      assertEquals(text.lines().toList().indexOf("resolver Farm.cows stack=0") + 1, r.line(), broken);
    }
  }

  private static Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return m;
  }
}
