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
  final ClassName pageRequest;
  final ClassName page;
  final ClassName uniqueKey;

  DataAccessTypes(JavaNames names) {
    pageRequest = names.runtimeClass("PageRequest");
    page = names.runtimeClass("Page");
    uniqueKey = names.runtimeClass("UniqueKey");
  }

  /** {@code Page<T>}. */
  TypeName pageOf(TypeName element) {
    return ParameterizedTypeName.get(page, element);
  }
}
