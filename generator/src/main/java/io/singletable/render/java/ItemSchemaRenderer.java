package io.singletable.render.java;

import static io.singletable.render.java.JavaNames.ITEM;
import static io.singletable.render.java.JavaNames.LIST;
import static io.singletable.render.java.JavaNames.STRING;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.singletable.model.EntityModel;
import io.singletable.model.FieldKind;
import io.singletable.model.FieldModel;
import io.singletable.model.JavaIdentifiers;
import io.singletable.model.KeyStrategy;
import io.singletable.model.ManyToManyModel;
import io.singletable.model.RelationModel;
import io.singletable.model.ServiceModel;
import io.singletable.model.SortField;
import io.singletable.model.StorageLayout;
import io.singletable.model.UniqueModel;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * Renders {@code ItemCodec.SCHEMA}: the schema's side of the runtime's {@code ItemSchema} interface (its
 * types, node keys, attributes and unique keys, the codec, and its {@code @manyToMany} join items), through
 * which the runtime's {@code MigrationRunner} and {@code SchemaBackfill} work. The only schema-specific code
 * they need.
 */
final class ItemSchemaRenderer {
  private final ServiceModel model;
  private final JavaNames names;
  private final ClassName itemSchema;

  ItemSchemaRenderer(ServiceModel model, JavaNames names) {
    this.model = model;
    this.names = names;
    this.itemSchema = names.runtimeClass("ItemSchema");
  }

  /** Adds the {@code SCHEMA} constant to the codec. */
  void addTo(TypeSpec.Builder codec) {
    TypeName schemaType = ParameterizedTypeName.get(itemSchema, names.entityClass());
    TypeSpec.Builder body = TypeSpec.anonymousClassBuilder("")
        .addSuperinterface(schemaType)
        .addMethod(typenames()).addMethod(typename()).addMethod(nodeKey()).addMethod(attributesOf())
        .addMethod(uniqueKeys())
        .addMethod(override("decode", names.entityClass()).addParameter(ITEM, "item")
            .addStatement("return $T.decode(item)", names.codecClass()).build())
        .addMethod(override("encode", ITEM).addParameter(names.entityClass(), "entity")
            .addStatement("return $T.encode(entity)", names.codecClass()).build())
        .addMethod(override("uniqueItemsOf", ParameterizedTypeName.get(LIST, ITEM)).addParameter(names.entityClass(), "entity")
            .addStatement("return $T.uniqueItemsOf(entity)", names.codecClass()).build())
        .addMethod(override("id", STRING).addParameter(names.entityClass(), "entity")
            .addStatement("return entity.id()").build());
    if (!model.manyToMany().isEmpty()) {
      body.addMethod(joins()).addMethod(joinItem());
    }
    codec.addField(FieldSpec.builder(schemaType, "SCHEMA", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("This schema for the runtime ({@code MigrationRunner.of(ItemCodec.SCHEMA, client, table)}): its\n"
            + "types, node keys, attributes and unique keys, and this codec.\n")
        .initializer("$L", body.build()).build());
  }

  // ---------------------------------------------------------------- @manyToMany join items

  /**
   * {@code joins()}: each join type's name, side types and id attributes; for a large schema one constant split at
   * run time.
   */
  private MethodSpec joins() {
    ClassName join = itemSchema.nestedClass("Join");
    MethodSpec.Builder m = override("joins", ParameterizedTypeName.get(LIST, join));
    List<ManyToManyModel> all = model.manyToMany().stream().sorted(Comparator.comparing(ManyToManyModel::name)).toList();
    if (chunked()) {
      String text = String.join(";", all.stream().map(j -> String.join(",", j.name(), j.aType(), j.aIdField(),
          j.bType(), j.bIdField())).toList());
      return m.addStatement("$T<$T> joins = new $T<>()", LIST, join, java.util.ArrayList.class)
          .beginControlFlow("for ($T j : $S.split($S))", STRING, text, ";")
          .addStatement("$T[] p = j.split($S)", STRING, ",")
          .addStatement("joins.add(new $T(p[0], p[1], p[2], p[3], p[4]))", join)
          .endControlFlow()
          .addStatement("return $T.copyOf(joins)", LIST).build();
    }
    return m.addStatement("return $T.of($L)", LIST, CodeBlock.join(all.stream().map(j -> CodeBlock.of("new $T($S, $S, $S, $S, $S)",
        join, j.name(), j.aType(), j.aIdField(), j.bType(), j.bIdField())).toList(), ",\n    ")).build();
  }

  /**
   * {@code joinItem(typename, a, b)}: the join item a connect writes; for a large schema dispatched to the group of
   * each relation's side {@code a} ({@code joinItemN}, null for a relation of another group).
   */
  private MethodSpec joinItem() {
    CodeBlock.Builder body = CodeBlock.builder()
        .addStatement("$T.requireNonNull(typename, $S)", java.util.Objects.class, "typename");
    if (chunked()) {
      body.addStatement("$T item = null", ITEM);
      boolean first = true;
      for (int c = 0; c < names.chunks().size(); c++) {
        if (joinsOf(c).isEmpty()) {
          continue;
        }
        if (!first) {
          body.beginControlFlow("if (item == null)");
        }
        body.addStatement("item = $T.$N(typename, a, b)", names.codecChunkClass(c), "joinItem" + (c + 1));
        if (!first) {
          body.endControlFlow();
        }
        first = false;
      }
      body.beginControlFlow("if (item != null)").addStatement("return item").endControlFlow();
    } else {
      body.add(joinItemCases(model.manyToMany()));
    }
    body.addStatement("throw new $T($S + typename + $S + (a == null ? null : a.getClass().getSimpleName()) + $S"
        + " + (b == null ? null : b.getClass().getSimpleName()))", IllegalArgumentException.class,
        "not a join type of this schema with items of its types: ", " of ", " and ");
    return override("joinItem", ITEM).addParameter(STRING, "typename").addParameter(names.entityClass(), "a")
        .addParameter(names.entityClass(), "b").addCode(body.build()).build();
  }

  /** The relations whose side {@code a}'s type is in group {@code c}. */
  private List<ManyToManyModel> joinsOf(int c) {
    return model.manyToMany().stream().filter(m -> names.chunkOf(m.aType()) == c).toList();
  }

  /**
   * Per relation: when {@code typename} is its join type and {@code a} and {@code b} are items of its sides, the join
   * item as the connect writes it (the data access's {@code link} and the resolver's {@code add<Relation>}): key,
   * {@code __typename}, both ids, and each side's {@code PKnn}/{@code SKnn} by the codec's key builders, a side's sort
   * key from the other item's values.
   */
  private CodeBlock joinItemCases(List<ManyToManyModel> relations) {
    CodeBlock.Builder body = CodeBlock.builder();
    int i = 0;
    for (ManyToManyModel m : relations) {
      i++;
      String a = "a" + i;
      String b = "b" + i;
      body.beginControlFlow("if ($S.equals(typename) && a instanceof $T $N && b instanceof $T $N)", m.name(),
              names.type(m.aType()), a, names.type(m.bType()), b)
          .addStatement("return $T.$N($N.id(), $N.id(), $L, $L)", codecOf(m.a()), names.joinItem(m), a, b,
              sortKey(m.a(), b), sortKey(m.b(), a))
          .endControlFlow();
    }
    return body.build();
  }

  /** The class holding a relation's key builders and, for side a, the join item builder: its owner's group's. */
  private ClassName codecOf(RelationModel side) {
    return chunked() ? names.codecChunkClass(names.chunkOf(side.owner())) : names.codecClass();
  }

  /** A side's sort key on the join item: the codec's {@code sortKey} of the other item's {@code sortBy} values and id. */
  private CodeBlock sortKey(RelationModel side, String other) {
    CodeBlock.Builder args = CodeBlock.builder();
    for (SortField s : side.sortBy()) {
      args.add("$N.$N(), ", other, JavaIdentifiers.member(s.field()));
    }
    return CodeBlock.of("$T.$N($L$N.id())", codecOf(side), names.sortKey(side), args.build(), other);
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(returns);
  }

  private MethodSpec typenames() {
    List<String> types = model.entities().stream().map(EntityModel::name).sorted().toList();
    if (chunked()) {
      // one constant, split at run time: not one per type
      return override("typenames", ParameterizedTypeName.get(LIST, STRING))
          .addStatement("return $T.of($S.split($S))", LIST, String.join(",", types), ",").build();
    }
    return override("typenames", ParameterizedTypeName.get(LIST, STRING))
        .addStatement("return $T.of($L)", LIST, CodeBlock.join(types.stream().map(t -> CodeBlock.of("$S", t)).toList(), ", "))
        .build();
  }

  private MethodSpec typename() {
    CodeBlock.Builder body = CodeBlock.builder().addStatement("$T.requireNonNull(type, $S)", java.util.Objects.class, "type");
    if (chunked()) {
      body.addStatement("$T name", STRING).add(eachChunk("name", "typename", "type"))
          .beginControlFlow("if (name != null)").addStatement("return name").endControlFlow();
    } else {
      body.add(typenameCases(model.entities()));
    }
    body.addStatement("throw new $T($S + type.getName())", IllegalArgumentException.class,
        "not the record of a @model type (register each type's record class): ");
    return override("typename", STRING).addParameter(CLASS, "type").addCode(body.build()).build();
  }

  private static final TypeName CLASS =
      ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class));

  private CodeBlock typenameCases(List<EntityModel> entities) {
    CodeBlock.Builder body = CodeBlock.builder();
    for (EntityModel e : entities) {
      body.beginControlFlow("if (type == $T.class)", names.type(e.name())).addStatement("return $S", e.name()).endControlFlow();
    }
    return body.build();
  }

  private boolean chunked() {
    return names.chunks().size() > 1;
  }

  private CodeBlock eachChunk(String result, String method, String args) {
    return eachChunk(names, result, method, args);
  }

  /**
   * {@code result = Group.methodN(args)} for each group of a large schema in turn while the result is null, the
   * dispatch over all types of {@code ItemCodec} and its {@code SCHEMA}.
   */
  static CodeBlock eachChunk(JavaNames names, String result, String method, String args) {
    CodeBlock.Builder out = CodeBlock.builder();
    for (int c = 0; c < names.chunks().size(); c++) {
      if (c > 0) {
        out.beginControlFlow("if ($N == null)", result);
      }
      out.addStatement("$N = $T.$N($L)", result, names.codecChunkClass(c), method + (c + 1), args);
      if (c > 0) {
        out.endControlFlow();
      }
    }
    return out.build();
  }

  /**
   * A large schema's share of group {@code c} in the {@code SCHEMA}'s dispatch over all types, added to the group's
   * class: {@code typenameN} and {@code attributesOfN} (null for a type of another group) and {@code uniqueKeysN}.
   */
  void addChunkMethods(TypeSpec.Builder type, int c, List<EntityModel> entities) {
    type.addMethod(MethodSpec.methodBuilder("typename" + (c + 1)).addModifiers(Modifier.STATIC).returns(STRING)
        .addParameter(CLASS, "type").addCode(typenameCases(entities)).addStatement("return null").build());
    type.addMethod(MethodSpec.methodBuilder("attributesOf" + (c + 1)).addModifiers(Modifier.STATIC)
        .returns(ParameterizedTypeName.get(LIST, STRING)).addParameter(STRING, "typename")
        .addCode(CodeBlock.builder().add("return switch (typename) {\n").indent().add(attributeCases(entities))
            .add("default -> null;\n").unindent().add("};\n").build()).build());
    type.addMethod(MethodSpec.methodBuilder("uniqueKeys" + (c + 1)).addModifiers(Modifier.STATIC)
        .addParameter(STRING, "typename").addParameter(ITEM, "item").addParameter(ParameterizedTypeName.get(LIST, STRING), "keys")
        .addCode(uniqueKeyBlocks(entities, names.codecChunkClass(c))).build());
    List<ManyToManyModel> joins = joinsOf(c);
    if (!joins.isEmpty()) {
      type.addMethod(MethodSpec.methodBuilder("joinItem" + (c + 1)).addModifiers(Modifier.STATIC).returns(ITEM)
          .addParameter(STRING, "typename").addParameter(names.entityClass(), "a")
          .addParameter(names.entityClass(), "b")
          .addCode(joinItemCases(joins)).addStatement("return null").build());
    }
  }

  private MethodSpec nodeKey() {
    // the layout's node prefix, for a type known only at run time
    CodeBlock body = model.keyStrategy() == KeyStrategy.NODE
        ? CodeBlock.of("return $S + id;\n", model.layout().nodePrefix(null))
        : CodeBlock.of("return typename + $S + id;\n", StorageLayout.SEPARATOR);
    return override("nodeKey", STRING).addParameter(STRING, "typename").addParameter(STRING, "id").addCode(body).build();
  }

  /** Index attributes included, so that a rewrite notices a relation key another writer just set. */
  private MethodSpec attributesOf() {
    CodeBlock.Builder body = CodeBlock.builder().beginControlFlow("if (typename == null)")
        .addStatement("return $T.of()", LIST).endControlFlow();
    if (chunked()) {
      body.addStatement("$T attributes", ParameterizedTypeName.get(LIST, STRING))
          .add(eachChunk("attributes", "attributesOf", "typename"))
          .addStatement("return attributes == null ? $T.of() : attributes", LIST);
    } else {
      body.add("return switch (typename) {\n").indent().add(attributeCases(model.entities()))
          .add("default -> $T.of();\n", LIST).unindent().add("};\n");
    }
    return override("attributesOf", ParameterizedTypeName.get(LIST, STRING)).addParameter(STRING, "typename")
        .addCode(body.build()).build();
  }

  private CodeBlock attributeCases(List<EntityModel> entities) {
    CodeBlock.Builder body = CodeBlock.builder();
    for (EntityModel e : entities) {
      Set<String> attributes = new LinkedHashSet<>(List.of(StorageLayout.PARTITION_KEY, StorageLayout.TYPENAME));
      e.storedFields().forEach(f -> attributes.add(f.name()));
      new TreeSet<>(model.relationsTargeting(e.name()).stream()
          .flatMap(r -> Stream.of(r.partitionAttribute(), r.sortAttribute())).toList()).forEach(attributes::add);
      // one constant per type, split at run time: a switch of a thousand List.of(...) would pass 64 KB of code
      body.add("case $S -> $T.of($S.split($S));\n", e.name(), LIST, String.join(",", attributes), ",");
    }
    return body.build();
  }

  /**
   * Reads each unique field on its own, so that the unique keys of an item that no longer decodes as
   * a whole (the case raw migrations exist for) are still known and can be moved.
   */
  private MethodSpec uniqueKeys() {
    CodeBlock.Builder body = CodeBlock.builder()
        .addStatement("$T<$T> keys = new $T<>()", LIST, STRING, java.util.ArrayList.class)
        .addStatement("$T typename = $T.typename(item)", STRING, names.valuesClass());
    if (chunked()) {
      for (int c = 0; c < names.chunks().size(); c++) {
        body.addStatement("$T.$N(typename, item, keys)", names.codecChunkClass(c), "uniqueKeys" + (c + 1));
      }
    } else {
      body.add(uniqueKeyBlocks(model.entities(), names.codecClass()));
    }
    body.addStatement("return keys");
    return override("uniqueKeys", ParameterizedTypeName.get(LIST, STRING)).addParameter(ITEM, "item")
        .addCode(body.build()).build();
  }

  private CodeBlock uniqueKeyBlocks(List<EntityModel> entities, ClassName codec) {
    CodeBlock.Builder body = CodeBlock.builder();
    for (EntityModel e : entities) {
      if (e.uniques().isEmpty()) {
        continue;
      }
      body.beginControlFlow("if ($S.equals(typename))", e.name());
      int i = 0;
      for (UniqueModel u : e.uniques()) {
        FieldModel f = e.field(u.field()).orElseThrow();
        boolean enumType = f.kind() == FieldKind.ENUM;
        String v = "value" + i++;
        CodeBlock read = CodeBlock.of("$T.$L(item.get($S))", names.valuesClass(),
            enumType ? "asString" : ItemCodecRenderer.reader(f.type().name()), f.name());
        body.addStatement("$T $L = $L", names.javaType(f.type(), enumType), v,
                enumType ? CodeBlock.of("$T.fromGraphqlName($L)", names.type(f.type().name()), read) : read)
            .beginControlFlow("if ($L != null)", v)
            .addStatement("keys.add($T.$N($L))", codec, names.uniqueKey(e.name(), u.field()), v)
            .endControlFlow();
      }
      body.endControlFlow();
    }
    return body.build();
  }
}
