package io.singletable.validate;

import graphql.Directives;
import graphql.language.DirectiveDefinition;
import io.singletable.parse.SchemaIndex;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The directives a schema may use: those defined by the bundled SDL or by the schema itself,
 * plus GraphQL's built-in {@code @deprecated}, which AppSync supports and which the registry does
 * not hold.
 */
final class KnownDirectives {
  private KnownDirectives() {}

  static Optional<DirectiveDefinition> definition(SchemaIndex index, String name) {
    Optional<DirectiveDefinition> own = index.directiveDefinition(name);
    if (own.isPresent()) {
      return own;
    }
    return name.equals(Directives.DEPRECATED_DIRECTIVE_DEFINITION.getName())
        ? Optional.of(Directives.DEPRECATED_DIRECTIVE_DEFINITION) : Optional.empty();
  }

  /** Every known directive name, sorted. */
  static TreeSet<String> names(SchemaIndex index) {
    TreeSet<String> out = new TreeSet<>(index.parsed().registry().getDirectiveDefinitions().keySet());
    out.add(Directives.DEPRECATED_DIRECTIVE_DEFINITION.getName());
    return out;
  }
}
