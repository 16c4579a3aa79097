package io.singletable.render.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * The nested types of the generated data-access class: {@code Direction}, {@code PageRequest},
 * {@code Page}, the exceptions (whose {@code errorType()} is the {@code errorType} the GraphQL
 * resolvers report for the same failure) and the private {@code UniqueKey}.
 */
final class DataAccessTypes {
  private static final TypeVariableName T = TypeVariableName.get("T");
  private static final ClassName RUNTIME_EXCEPTION = ClassName.get(RuntimeException.class);

  final ClassName direction;
  final ClassName pageRequest;
  final ClassName page;
  final ClassName failure;
  final ClassName notFound;
  final ClassName notUnique;
  final ClassName conflict;
  final ClassName invalidId;
  final ClassName transactionConflict;
  final ClassName validation;
  final ClassName uniqueKey;

  DataAccessTypes(ClassName outer) {
    direction = outer.nestedClass("Direction");
    pageRequest = outer.nestedClass("PageRequest");
    page = outer.nestedClass("Page");
    failure = outer.nestedClass("DataAccessException");
    notFound = outer.nestedClass("NotFoundException");
    notUnique = outer.nestedClass("NotUniqueException");
    conflict = outer.nestedClass("ConflictException");
    invalidId = outer.nestedClass("InvalidIdException");
    transactionConflict = outer.nestedClass("TransactionConflictException");
    validation = outer.nestedClass("ValidationErrorException");
    uniqueKey = outer.nestedClass("UniqueKey");
  }

  /** {@code Page<T>}. */
  TypeName pageOf(TypeName element) {
    return ParameterizedTypeName.get(page, element);
  }

  List<TypeSpec> render() {
    return List.of(directionType(), pageRequestType(), pageType(), failureType(), notFoundType(), notUniqueType(),
        conflictType(), invalidIdType(), transactionConflictType(), validationType(), uniqueKeyType());
  }

  private TypeSpec directionType() {
    return TypeSpec.enumBuilder(direction).addModifiers(Modifier.PUBLIC)
        .addJavadoc("The order of a relation page, as GraphQL's {@code sortDirection}.\n")
        .addEnumConstant("ASC", TypeSpec.anonymousClassBuilder("").addJavadoc("By the relation's {@code sortBy}, then id.\n").build())
        .addEnumConstant("DESC", TypeSpec.anonymousClassBuilder("").addJavadoc("The exact reverse of {@code ASC}.\n").build())
        .build();
  }

  private TypeSpec pageRequestType() {
    MethodSpec ctor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC)
        .addParameter(int.class, "limit").addParameter(direction, "direction").addParameter(String.class, "nextToken")
        .addJavadoc("Checks the limit and the direction.\n\n@param limit items per page, 1 to 1000\n"
            + "@param direction the order\n@param nextToken where the previous page ended, or null for the first page\n"
            + "@throws IllegalArgumentException when the limit is out of range\n")
        .beginControlFlow("if (limit < 1 || limit > MAX_LIMIT)")
        .addStatement("throw new $T($S + limit)", IllegalArgumentException.class, "limit must be between 1 and 1000: ")
        .endControlFlow()
        .addStatement("$T.requireNonNull(direction, $S)", Objects.class, "direction")
        .build();
    return TypeSpec.recordBuilder(pageRequest).addModifiers(Modifier.PUBLIC)
        .addJavadoc("Which page of a relation to read: GraphQL's {@code limit}, {@code sortDirection} and {@code nextToken}.\n\n"
            + "@param limit items per page, 1 to 1000 (DynamoDB's {@code Limit}: a page can hold fewer when items\n"
            + "       of other types share the index or the 1 MB read limit is reached; {@code nextToken} then continues)\n"
            + "@param direction the order\n@param nextToken where the previous page ended, or null for the first page\n")
        .recordConstructor(ctor)
        .addField(FieldSpec.builder(int.class, "DEFAULT_LIMIT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("100").addJavadoc("The resolvers' default {@code limit}.\n").build())
        .addField(FieldSpec.builder(int.class, "MAX_LIMIT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("1000").addJavadoc("The largest {@code limit}.\n").build())
        .addMethod(MethodSpec.methodBuilder("first").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(pageRequest)
            .addParameter(int.class, "limit")
            .addJavadoc("The first page, ascending.\n\n@param limit items per page, 1 to 1000\n@return the request\n")
            .addStatement("return new $T(limit, $T.ASC, null)", pageRequest, direction).build())
        .addMethod(MethodSpec.methodBuilder("first").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(pageRequest)
            .addJavadoc("The first {@value #DEFAULT_LIMIT} items, ascending.\n\n@return the request\n")
            .addStatement("return first(DEFAULT_LIMIT)").build())
        .addMethod(MethodSpec.methodBuilder("withDirection").addModifiers(Modifier.PUBLIC).returns(pageRequest)
            .addParameter(direction, "order")
            .addJavadoc("The same request in another order.\n\n@param order the order\n@return the request\n")
            .addStatement("return new $T(limit, order, nextToken)", pageRequest).build())
        .addMethod(MethodSpec.methodBuilder("after").addModifiers(Modifier.PUBLIC).returns(pageRequest)
            .addParameter(String.class, "token")
            .addJavadoc("The page after the one that returned {@code token}.\n\n@param token a page's {@code nextToken}\n"
                + "@return the request\n")
            .addStatement("return new $T(limit, direction, token)", pageRequest).build())
        .build();
  }

  private TypeSpec pageType() {
    TypeName items = ParameterizedTypeName.get(ClassName.get(List.class), T);
    MethodSpec ctor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC)
        .addParameter(items, "items").addParameter(String.class, "nextToken")
        .addJavadoc("Copies the items.\n\n@param items the items of the page, in order\n"
            + "@param nextToken where to continue, or null after the last page\n")
        .addStatement("items = $T.copyOf(items)", List.class)
        .build();
    return TypeSpec.recordBuilder(page).addModifiers(Modifier.PUBLIC).addTypeVariable(T)
        .addJavadoc("A page of a relation, as GraphQL's {@code items} and {@code nextToken}.\n\n"
            + "@param <T> the item type\n@param items the items of the page, in order\n"
            + "@param nextToken where to continue ({@link PageRequest#after}), or null after the last page\n")
        .recordConstructor(ctor)
        .addMethod(MethodSpec.methodBuilder("hasNext").addModifiers(Modifier.PUBLIC).returns(boolean.class)
            .addJavadoc("Whether DynamoDB may hold more items (a last page can also be empty).\n\n@return true with a nextToken\n")
            .addStatement("return nextToken != null").build())
        .build();
  }

  private static MethodSpec.Builder ctor(String doc) {
    return MethodSpec.constructorBuilder().addJavadoc(doc);
  }

  private static FieldSpec serial() {
    return FieldSpec.builder(long.class, "serialVersionUID", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("1L").build();
  }

  private TypeSpec failureType() {
    return TypeSpec.classBuilder(failure).addModifiers(Modifier.PUBLIC, Modifier.STATIC).superclass(RUNTIME_EXCEPTION)
        .addJavadoc("A failed access; {@link #errorType()} is the GraphQL {@code errorType} of the same failure.\n")
        .addField(serial())
        .addField(String.class, "errorType", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(ctor("A failure.\n\n@param errorType the GraphQL error type\n@param message what failed\n"
                + "@param cause the DynamoDB exception, or null\n")
            .addModifiers(Modifier.PUBLIC)
            .addParameter(String.class, "errorType").addParameter(String.class, "message").addParameter(Throwable.class, "cause")
            .addStatement("super(message, cause)").addStatement("this.errorType = errorType").build())
        .addMethod(MethodSpec.methodBuilder("errorType").addModifiers(Modifier.PUBLIC).returns(String.class)
            .addJavadoc("The {@code errorType} the resolvers report for the same failure.\n\n@return the error type\n")
            .addStatement("return errorType").build())
        .build();
  }

  private TypeSpec notFoundType() {
    return TypeSpec.classBuilder(notFound).addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL).superclass(failure)
        .addJavadoc("No item of the expected type has the id ({@code NotFound}).\n")
        .addField(serial())
        .addMethod(ctor("A failure.\n\n@param message what was not found\n@param cause the DynamoDB exception, or null\n")
            .addModifiers(Modifier.PUBLIC)
            .addParameter(String.class, "message").addParameter(Throwable.class, "cause")
            .addStatement("super($S, message, cause)", "NotFound").build())
        .build();
  }

  private TypeSpec notUniqueType() {
    return TypeSpec.classBuilder(notUnique).addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL).superclass(failure)
        .addJavadoc("Another item of the type has this {@code @unique} value ({@code NotUnique:Type.field}), or, with the\n"
            + "field {@code id}, a create's id is taken by an item of any type under that key ({@code NotUnique:Type.id}).\n")
        .addField(serial())
        .addField(String.class, "typename", Modifier.PRIVATE, Modifier.FINAL)
        .addField(String.class, "field", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(ctor("A failure.\n\n@param typename the type\n@param field the unique field\n"
                + "@param cause the DynamoDB exception\n")
            .addModifiers(Modifier.PUBLIC)
            .addParameter(String.class, "typename").addParameter(String.class, "field").addParameter(Throwable.class, "cause")
            .addStatement("super($S + typename + $S + field, typename + $S + field + $S + typename + $S + field, cause)",
                "NotUnique:", ".", ".", " must be unique: another ", " has this ")
            .addStatement("this.typename = typename").addStatement("this.field = field").build())
        .addMethod(MethodSpec.methodBuilder("typename").addModifiers(Modifier.PUBLIC).returns(String.class)
            .addJavadoc("The type.\n\n@return the GraphQL type name\n").addStatement("return typename").build())
        .addMethod(MethodSpec.methodBuilder("field").addModifiers(Modifier.PUBLIC).returns(String.class)
            .addJavadoc("The unique field.\n\n@return the GraphQL field name\n").addStatement("return field").build())
        .build();
  }

  private TypeSpec conflictType() {
    return TypeSpec.classBuilder(conflict).addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL).superclass(failure)
        .addJavadoc("The item changed between the read and the write of an update or delete, in each of\n"
            + "{@link #MAX_ATTEMPTS} attempts ({@code ConditionalCheckFailed}).\n")
        .addField(serial())
        .addMethod(ctor("A failure.\n\n@param message what failed\n@param cause the DynamoDB exception\n")
            .addModifiers(Modifier.PUBLIC)
            .addParameter(String.class, "message").addParameter(Throwable.class, "cause")
            .addStatement("super($S, message, cause)", "ConditionalCheckFailed").build())
        .build();
  }

  private TypeSpec invalidIdType() {
    return TypeSpec.classBuilder(invalidId).addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL).superclass(failure)
        .addJavadoc("A client-supplied id (an entity's {@code id}, the id of a get, update or delete, or a relation key\n"
            + "field's value) is empty or contains {@code #} or a control character (U+0000 to U+001F, U+007F)\n"
            + "({@code InvalidId}). Nothing was read or written: such an id could name another item's key.\n")
        .addField(serial())
        .addField(String.class, "typename", Modifier.PRIVATE, Modifier.FINAL)
        .addField(String.class, "field", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(ctor("A failure.\n\n@param typename the type\n@param field the id field ({@code id} or a relation key field)\n")
            .addModifiers(Modifier.PUBLIC)
            .addParameter(String.class, "typename").addParameter(String.class, "field")
            .addStatement("super($S, typename + $S + field + $S, null)", "InvalidId", ".",
                ": an id may not be empty or contain '#' or control characters")
            .addStatement("this.typename = typename").addStatement("this.field = field").build())
        .addMethod(MethodSpec.methodBuilder("typename").addModifiers(Modifier.PUBLIC).returns(String.class)
            .addJavadoc("The type.\n\n@return the GraphQL type name\n").addStatement("return typename").build())
        .addMethod(MethodSpec.methodBuilder("field").addModifiers(Modifier.PUBLIC).returns(String.class)
            .addJavadoc("The id field.\n\n@return the GraphQL field name\n").addStatement("return field").build())
        .build();
  }

  private TypeSpec transactionConflictType() {
    return TypeSpec.classBuilder(transactionConflict).addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .superclass(failure)
        .addJavadoc("DynamoDB cancelled the write because another transaction held one of its items\n"
            + "({@code TransactionConflict}). Nothing was written; the call can be retried.\n")
        .addField(serial())
        .addMethod(ctor("A failure.\n\n@param message what failed\n@param cause the DynamoDB exception\n")
            .addModifiers(Modifier.PUBLIC)
            .addParameter(String.class, "message").addParameter(Throwable.class, "cause")
            .addStatement("super($S, message, cause)", "TransactionConflict").build())
        .build();
  }

  private TypeSpec validationType() {
    return TypeSpec.classBuilder(validation).addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .superclass(failure)
        .addJavadoc("DynamoDB refused the request as invalid, e.g. a key over its size limit (a unique value whose key\n"
            + "exceeds 2,048 bytes) ({@code ValidationError}); the message is DynamoDB's. Nothing was written.\n")
        .addField(serial())
        .addMethod(ctor("A failure.\n\n@param message DynamoDB's message\n@param cause the DynamoDB exception\n")
            .addModifiers(Modifier.PUBLIC)
            .addParameter(String.class, "message").addParameter(Throwable.class, "cause")
            .addStatement("super($S, message, cause)", "ValidationError").build())
        .build();
  }

  private TypeSpec uniqueKeyType() {
    return TypeSpec.recordBuilder(uniqueKey).addModifiers(Modifier.PRIVATE)
        .addJavadoc("A {@code @unique} field's item key before and after a write (null: no unique item).\n\n"
            + "@param field the unique field\n@param before the key the stored item has, or null\n"
            + "@param after the key the written item has, or null\n")
        .recordConstructor(MethodSpec.constructorBuilder()
            .addParameter(String.class, "field").addParameter(String.class, "before").addParameter(String.class, "after").build())
        .build();
  }

  /** A statement block from a text with {@code $name:T}-style arguments. */
  static CodeBlock named(String text, java.util.Map<String, ?> args) {
    return CodeBlock.builder().addNamed(text, args).build();
  }
}
