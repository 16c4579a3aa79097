package io.singletable.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.TestSchemas;
import io.singletable.model.EntityModel;
import io.singletable.model.FieldKind;
import io.singletable.model.NullsOrder;
import io.singletable.model.OperationKind;
import io.singletable.model.OperationModel;
import io.singletable.model.RelationKind;
import io.singletable.model.RelationModel;
import io.singletable.model.RelationShape;
import io.singletable.model.ServiceModel;
import io.singletable.source.SchemaSources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelBuilderTest {

  private static ServiceModel sample(String name) throws Exception {
    var options = TestSchemas.sampleOptions(name, Path.of("unused"));
    return new Generator().plan(SchemaSources.load(options.schema(), null), options).model();
  }

  private static RelationModel relation(ServiceModel m, String id) {
    return m.relations().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void versionedReadsIntoTheModelWithItsStoredVersion() {
    ServiceModel m = io.singletable.TestSchemas.plan("""
        type Note @model(versioned: true) { id: ID! text: String createdAt: AWSDateTime }
        type Page @model(versioned: true) { id: ID! version: Int text: String }
        type Tag @model(versioned: false) { id: ID! version: String }
        type Plain @model { id: ID! }
        """).model();
    var note = m.entity("Note").orElseThrow();
    assertTrue(note.versioned());
    assertEquals(List.of("id", "text", "createdAt", "version"), note.storedFields().stream().map(f -> f.name()).toList(),
        "added after the declared fields");
    var version = note.versionField().orElseThrow();
    assertEquals("Int!", version.type().sdl());
    assertTrue(note.serverSet(version) && note.serverSet(note.field("createdAt").orElseThrow()));
    assertFalse(note.serverSet(note.field("text").orElseThrow()));
    var page = m.entity("Page").orElseThrow();
    assertEquals("Int", page.versionField().orElseThrow().type().sdl(), "a declared version is kept as declared");
    assertEquals(List.of("id", "version", "text"), page.storedFields().stream().map(f -> f.name()).toList());
    var tag = m.entity("Tag").orElseThrow();
    assertFalse(tag.versioned());
    assertTrue(tag.versionField().isEmpty());
    assertFalse(tag.serverSet(tag.field("version").orElseThrow()), "an ordinary field of an unversioned type");
    assertFalse(m.entity("Plain").orElseThrow().versioned());
    assertTrue(m.operations().stream().filter(o -> o.entity().equals("Note")).allMatch(o -> o.versioned()));
    assertEquals("deleteNote(id: ID!, expectedVersion: Int): Note", m.operations().stream()
        .filter(o -> o.field().equals("deleteNote")).findFirst().orElseThrow().signature());
    assertEquals("deleteTag(id: ID!): Tag", m.operations().stream()
        .filter(o -> o.field().equals("deleteTag")).findFirst().orElseThrow().signature());
  }

  @Test
  void farmRelationsShareSlotsAsTheArticleDoes() throws Exception {
    ServiceModel m = sample("farm");
    assertEquals(2, m.slots().size());
    RelationModel cows = relation(m, "Farm.cows");
    RelationModel chickens = relation(m, "Farm.chickens");
    RelationModel animals = relation(m, "Farm.animals");
    assertEquals(cows.slot(), chickens.slot(), "cows and chickens target different types: one slot");
    assertNotEquals(cows.slot(), animals.slot(), "Cow is targeted by cows and animals: two slots");
    assertEquals(List.of("Chicken", "Cow"), animals.concreteTargets());
    assertEquals("Animal", animals.target());
    assertEquals(RelationShape.CONNECTION, animals.shape());
    assertEquals(RelationShape.LIST, cows.shape());
    assertEquals("name", cows.sortBy().get(0).field());
    assertEquals(NullsOrder.LAST, cows.nulls());
    assertTrue(cows.ignoreCase());
    RelationModel gallery = relation(m, "Farm.gallery");
    assertEquals(RelationKind.BELONGS_TO, gallery.kind());
    assertEquals(RelationShape.LIST, gallery.shape());
    assertEquals(0, gallery.slot());
    assertEquals(RelationKind.HAS_ONE, relation(m, "Farm.logo").kind());
  }

  @Test
  void entitiesKnowStoredFieldsUniquesAndMemberships() throws Exception {
    ServiceModel m = sample("farm");
    EntityModel farm = m.entity("Farm").orElseThrow();
    assertEquals(List.of("id", "name", "logoId", "galleryIds", "createdAt", "updatedAt"),
        farm.storedFields().stream().map(f -> f.name()).toList());
    assertEquals(FieldKind.RELATION, farm.field("cows").orElseThrow().kind());
    assertEquals("name", farm.uniques().get(0).field());
    assertTrue(farm.uniques().get(0).ignoreCase());
    assertEquals(List.of("Animal"), m.entity("Cow").orElseThrow().abstractTypes());
    assertEquals(FieldKind.ENUM, m.entity("Cow").orElseThrow().field("breed").orElseThrow().kind());
    assertEquals("farm.graphql", farm.span().file());
    assertEquals(6, farm.span().line(), "model spans point past the description, at the type keyword");
  }

  @Test
  void declaredGetReplacesTheDefaultAndUniqueGetsALookup() throws Exception {
    ServiceModel m = sample("farm");
    List<String> names = m.operations().stream().map(OperationModel::field).toList();
    assertTrue(names.contains("farm"));
    assertFalse(names.contains("getFarm"), "declared @get covers the default");
    OperationModel byName = m.operations().stream().filter(o -> o.field().equals("farmByName")).findFirst().orElseThrow();
    assertEquals("name", byName.by());
    assertEquals("farmByName(name: String!): Farm", byName.signature());
    assertEquals(OperationKind.GET, byName.kind());
    assertFalse(byName.declared());
  }

  @Test
  void operationsListLimitsDefaults() throws Exception {
    ServiceModel m = sample("social");
    List<String> comment = m.operations().stream().filter(o -> o.entity().equals("Comment"))
        .map(OperationModel::field).toList();
    assertEquals(List.of("createComment", "deleteComment"), comment, "@model(operations: [CREATE, DELETE])");
    List<String> user = m.operations().stream().filter(o -> o.entity().equals("User"))
        .map(OperationModel::field).toList();
    assertEquals(List.of("getUser", "userByEmail", "createUser", "updateUser", "deleteUser"), user);
    List<String> tag = m.operations().stream().filter(o -> o.entity().equals("Tag"))
        .map(OperationModel::field).toList();
    assertEquals(List.of("getTag", "tagByName", "createTag"), tag, "@model(operations: [GET, CREATE])");
    assertEquals(2, m.slots().size(), "the hasMany relations and Post.tags on one, Tag.posts on the other");
  }

  @Test
  void defaultWithIdenticalSignatureIsAdoptedNotDuplicated() {
    var planned = TestSchemas.plan("type T @model { id: ID! }\ntype Query { getT(id: ID!): T }\n");
    String sdl = new String(planned.plan().get(Generator.SCHEMA).orElseThrow().content(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(1, sdl.split("getT\\(", -1).length - 1, sdl);
  }

  @Test
  void aTypeNamedNodeIsRefusedOnlyUnderNodeKeys() {
    String sdl = "type NODE @model { id: ID!  handle: String! @unique }\n";
    var sources = TestSchemas.inline(sdl);
    var type = new io.singletable.GeneratorOptions(Path.of("schema.graphql"), null, Path.of("out"), null,
        io.singletable.model.KeyStrategy.TYPE, 20, null);
    assertEquals(List.of("NODE"), new Generator().plan(sources, type).model().entities().stream()
        .map(EntityModel::name).toList(), "with TYPE keys NODE#<id> is the type's own node key space");
    var e = org.junit.jupiter.api.Assertions.assertThrows(io.singletable.diag.SchemaException.class,
        () -> TestSchemas.plan(sdl));
    assertEquals(List.of("ST043"), e.diagnostics().stream().map(d -> d.code()).toList());
    assertEquals("schema.graphql:1:1", e.diagnostics().get(0).span().toString());
  }
}
