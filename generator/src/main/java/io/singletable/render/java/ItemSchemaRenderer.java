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
import io.singletable.model.KeyStrategy;
import io.singletable.model.ServiceModel;
import io.singletable.model.StorageLayout;
import io.singletable.model.UniqueModel;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * Renders {@code ItemCodec.SCHEMA}: the schema's side of the runtime's {@code ItemSchema} interface (its
 * types, node keys, attributes and unique keys, and the codec), through which the runtime's
 * {@code MigrationRunner} and {@code SchemaBackfill} work. The only schema-specific code they need.
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
    TypeSpec body = TypeSpec.anonymousClassBuilder("")
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
            .addStatement("return entity.id()").build())
        .build();
    codec.addField(FieldSpec.builder(schemaType, "SCHEMA", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("This schema for the runtime ({@code MigrationRunner.of(ItemCodec.SCHEMA, client, table)}): its\n"
            + "types, node keys, attributes and unique keys, and this codec.\n")
        .initializer("$L", body).build());
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(returns);
  }

  private MethodSpec typenames() {
    List<String> types = model.entities().stream().map(EntityModel::name).sorted().toList();
    return override("typenames", ParameterizedTypeName.get(LIST, STRING))
        .addStatement("return $T.of($L)", LIST, CodeBlock.join(types.stream().map(t -> CodeBlock.of("$S", t)).toList(), ", "))
        .build();
  }

  private MethodSpec typename() {
    CodeBlock.Builder body = CodeBlock.builder().addStatement("$T.requireNonNull(type, $S)", java.util.Objects.class, "type");
    for (EntityModel e : model.entities()) {
      body.beginControlFlow("if (type == $T.class)", names.type(e.name())).addStatement("return $S", e.name()).endControlFlow();
    }
    body.addStatement("throw new $T($S + type.getName())", IllegalArgumentException.class,
        "not the record of a @model type (register each type's record class): ");
    return override("typename", STRING)
        .addParameter(ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)), "type")
        .addCode(body.build()).build();
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
        .addStatement("return $T.of()", LIST).endControlFlow()
        .add("return switch (typename) {\n").indent();
    for (EntityModel e : model.entities()) {
      Set<String> attributes = new LinkedHashSet<>(List.of(StorageLayout.PARTITION_KEY, StorageLayout.TYPENAME));
      e.storedFields().forEach(f -> attributes.add(f.name()));
      new TreeSet<>(model.relationsTargeting(e.name()).stream()
          .flatMap(r -> Stream.of(r.partitionAttribute(), r.sortAttribute())).toList()).forEach(attributes::add);
      // one constant per type, split at run time: a switch of a thousand List.of(...) would pass 64 KB of code
      body.add("case $S -> $T.of($S.split($S));\n", e.name(), LIST, String.join(",", attributes), ",");
    }
    body.add("default -> $T.of();\n", LIST).unindent().add("};\n");
    return override("attributesOf", ParameterizedTypeName.get(LIST, STRING)).addParameter(STRING, "typename")
        .addCode(body.build()).build();
  }

  /**
   * Reads each unique field on its own, so that the unique keys of an item that no longer decodes as
   * a whole (the case raw migrations exist for) are still known and can be moved.
   */
  private MethodSpec uniqueKeys() {
    CodeBlock.Builder body = CodeBlock.builder()
        .addStatement("$T<$T> keys = new $T<>()", LIST, STRING, java.util.ArrayList.class)
        .addStatement("$T typename = $T.typename(item)", STRING, names.valuesClass());
    for (EntityModel e : model.entities()) {
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
            .addStatement("keys.add($T.$N($L))", names.codecClass(), names.uniqueKey(e.name(), u.field()), v)
            .endControlFlow();
      }
      body.endControlFlow();
    }
    body.addStatement("return keys");
    return override("uniqueKeys", ParameterizedTypeName.get(LIST, STRING)).addParameter(ITEM, "item")
        .addCode(body.build()).build();
  }
}
