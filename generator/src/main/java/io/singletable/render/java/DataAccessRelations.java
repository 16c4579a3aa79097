package io.singletable.render.java;

import static io.singletable.render.java.JavaNames.ITEM;
import static io.singletable.render.java.JavaNames.LIST;
import static io.singletable.render.java.JavaNames.STRING;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.singletable.model.JavaIdentifiers;
import io.singletable.model.EntityModel;
import io.singletable.model.OperationNames;
import io.singletable.model.RelationKind;
import io.singletable.model.RelationModel;
import io.singletable.model.RelationShape;
import io.singletable.model.ServiceModel;
import io.singletable.model.SortField;
import java.util.ArrayList;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Renders the data-access method of each relation field: a {@code @hasMany} is a page of a GSI
 * query with a cursor; a {@code @belongsTo}/{@code @hasOne} is a get by the id the item holds, or a
 * batch get for a list of ids. Union/interface targets come back as their sealed Java interface.
 */
final class DataAccessRelations {
  private static final ClassName OPTIONAL = ClassName.get(Optional.class);

  private final ServiceModel model;
  private final JavaNames names;
  private final DataAccessRenderer owner;
  private final ClassName codec;

  DataAccessRelations(ServiceModel model, JavaNames names, DataAccessRenderer owner) {
    this.model = model;
    this.names = names;
    this.owner = owner;
    this.codec = names.codecClass();
  }

  /** The relation's methods in its owner's repository: a page by the owner's id and by the owner; a lookup. */
  java.util.List<MethodSpec> render(RelationModel r) {
    String name = owner.methodName("relation " + r.id());
    if (r.kind() == RelationKind.HAS_MANY) {
      return java.util.List.of(query(r, name), queryOf(r, name));
    }
    return java.util.List.of(r.shape() == RelationShape.LIST ? batch(r, name) : single(r, name));
  }

  private boolean concrete(RelationModel r) {
    return model.entity(r.target()).isPresent();
  }

  private CodeBlock typenames(RelationModel r) {
    return CodeBlock.join(r.concreteTargets().stream().map(t -> CodeBlock.of("$S", t)).toList(), ", ");
  }

  /** A function decoding an item as the relation's element type. */
  private CodeBlock decoder(RelationModel r) {
    if (concrete(r)) {
      return CodeBlock.of("$T::$N", codec, names.fromItem(r.target()));
    }
    return CodeBlock.of("item -> ($T) $T.decode(item)", names.type(r.target()), codec);
  }

  private String graphql(RelationModel r) {
    return "GraphQL: {@code " + r.owner() + "." + r.field() + "}.";
  }

  private MethodSpec query(RelationModel r, String name) {
    TypeName element = names.type(r.target());
    String parentId = JavaIdentifiers.member(OperationNames.lowerFirst(r.owner()) + "Id");
    String order = r.sortBy().isEmpty() ? "by id"
        : "by " + String.join(", ", r.sortBy().stream().map(SortField::field).toList()) + ", then id";
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(names.runtimeClass("Page"), element))
        .addParameter(STRING, parentId).addParameter(names.runtimeClass("PageRequest"), "request")
        .addJavadoc(doc("Access pattern: the {@code $L} items of a $L, $L$L. $L Cost: one Query of {@code $L}\n"
            + "({@code $L = $L#<id>}).\n\n@param $L the id of the $L\n@param request the limit, order and cursor\n"
            + "@return the page; {@code nextToken} continues it\n"
            + "@throws NullPointerException when the id or the request is null\n"
            + "@throws InvalidIdException when the id is empty or contains {@code #} or a control character (nothing is read)\n"
            + "@throws IllegalArgumentException when the request's nextToken is not one\n"
            + "@throws ValidationErrorException when DynamoDB refuses the request as invalid (e.g. a key over its size limit)\n",
            r.target(), r.owner(), order, r.onlyIf() == null ? "" : ", only those whose {@code " + r.onlyIf() + "} is true",
            graphql(r), r.indexName(), r.partitionAttribute(), r.target(), parentId, r.owner()))
        .addStatement("$T.requireNonNull($N, $S)", java.util.Objects.class, parentId, parentId)
        .addStatement("$T.requireNonNull(request, $S)", java.util.Objects.class, "request")
        .addStatement("checkId($S, $S, $N)", r.owner(), "id", parentId)
        .addStatement("$T response = queryIndex($S, $S, $S, $T.$N($N), request)", ClassName.get("software.amazon.awssdk.services.dynamodb.model",
            "QueryResponse"), r.indexName(), r.partitionAttribute(), r.sortAttribute(), codec,
            names.partitionKey(r), parentId)
        .addStatement("return pageOf(response, $S, $L, $L)", r.sortAttribute(), decoder(r), typenames(r))
        .build();
  }

  /** The page of a {@code @hasMany} of an owner entity: the same as by its id. */
  private MethodSpec queryOf(RelationModel r, String name) {
    TypeName element = names.type(r.target());
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(names.runtimeClass("Page"), element))
        .addParameter(names.type(r.owner()), "value").addParameter(names.runtimeClass("PageRequest"), "request")
        .addJavadoc(doc("Access pattern: the {@code $L} items of a $L, as {@link #$L(java.lang.String, PageRequest)} with its id.\n\n"
            + "@param value the $L\n@param request the limit, order and cursor\n"
            + "@return the page; {@code nextToken} continues it\n"
            + "@throws NullPointerException when the value or the request is null\n"
            + "@throws IllegalArgumentException when the request's nextToken is not one\n"
            + "@throws ValidationErrorException when DynamoDB refuses the request as invalid (e.g. a key over its size limit)\n",
            r.target(), r.owner(), name, r.owner()))
        .addStatement("$T.requireNonNull(value, $S)", java.util.Objects.class, "value")
        .addStatement("return $N(value.id(), request)", name)
        .build();
  }

  private MethodSpec single(RelationModel r, String name) {
    TypeName element = names.type(r.target());
    EntityModel holder = model.entity(r.owner()).orElseThrow();
    String key = "value." + JavaIdentifiers.member(r.keyField()) + "()";
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(OPTIONAL, element))
        .addParameter(names.type(holder.name()), "value")
        .addJavadoc(doc("Access pattern: the {@code $L} whose id a $L holds in {@code $L}. $L Cost: one GetItem.\n\n"
            + "@param value the $L\n@return the related item, or empty (no id or an invalid one, no such item, another type)\n"
            + "@throws NullPointerException when the value is null\n"
            + "@throws ValidationErrorException when DynamoDB refuses the request as invalid (e.g. a key over its size limit)\n",
            r.target(), r.owner(), r.keyField(), graphql(r), r.owner()))
        .addStatement("$T.requireNonNull(value, $S)", java.util.Objects.class, "value")
        .beginControlFlow("if ($L == null || !$T.isId($L))", key, names.valuesClass(), key)
        .addStatement("return $T.empty()", OPTIONAL)
        .endControlFlow();
    if (concrete(r)) {
      return m.addStatement("return access.$N().$N($L)", owner.repositoryAccessor(r.target()), owner.getName(r.target()),
          key).build();
    }
    return m.addStatement("return readNode($T.$N($L), $L, $L, $L)", codec, names.nodeKey(r.concreteTargets().get(0)),
        key, key, decoder(r), typenames(r)).build();
  }

  private MethodSpec batch(RelationModel r, String name) {
    TypeName element = names.type(r.target());
    EntityModel holder = model.entity(r.owner()).orElseThrow();
    String ids = "value." + JavaIdentifiers.member(r.keyField()) + "()";
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(LIST, element))
        .addParameter(names.type(holder.name()), "value")
        .addJavadoc(doc("Access pattern: the {@code $L} items whose ids a $L holds in {@code $L}, in that order. $L Cost: one\n"
            + "BatchGetItem per 100 distinct ids (the resolver refuses more than 100), unprocessed keys retried.\n\n"
            + "@param value the $L\n@return one element per id: the item, or null (an invalid id, missing, another type)\n"
            + "@throws NullPointerException when the value is null\n"
            + "@throws DataAccessException ({@code UnprocessedKeys}) when keys stay unprocessed {@link #MAX_BATCH_ATTEMPTS}\n"
            + "        times, or ({@code Interrupted}) when the thread is interrupted while waiting to retry\n"
            + "@throws ValidationErrorException when DynamoDB refuses the request as invalid (e.g. a key over its size limit)\n",
            r.target(), r.owner(), r.keyField(), graphql(r), r.owner()))
        .addStatement("$T.requireNonNull(value, $S)", java.util.Objects.class, "value")
        .beginControlFlow("if ($L == null)", ids)
        .addStatement("return new $T<>()", ArrayList.class)
        .endControlFlow();
    if (concrete(r)) {
      return m.addStatement("return access.$N().$N($L)", owner.repositoryAccessor(r.target()),
          owner.batchGetName(r.target()), ids).build();
    }
    return m.addStatement("return readNodes($L, $T::$N, $L, $L)", ids, codec, names.nodeKey(r.concreteTargets().get(0)),
        decoder(r), typenames(r)).build();
  }

  /**
   * A Javadoc block whose runtime type names ({@code InvalidIdException}, {@code Page}, …) are references, so
   * that they are imported (or qualified) like the code's.
   */
  private CodeBlock doc(String format, Object... args) {
    return names.javadocLinkingRuntime(JavaNames.formatText(format, args));
  }
}
