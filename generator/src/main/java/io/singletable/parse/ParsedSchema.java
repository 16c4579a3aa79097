package io.singletable.parse;

import graphql.language.Definition;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.singletable.diag.SourceText;
import java.util.List;

/**
 * The parsed schema: every definition in source order (bundled SDL first, then the user's files
 * sorted by path), the registry graphql-java builds from them, and the source texts for excerpts.
 *
 * @param definitions all definitions in source order
 * @param userDefinitions the definitions from the user's files only, in source order
 * @param registry type registry over all definitions
 * @param sources source texts by file name
 */
public record ParsedSchema(
    List<Definition<?>> definitions,
    List<Definition<?>> userDefinitions,
    TypeDefinitionRegistry registry,
    SourceText sources) {

  public ParsedSchema {
    definitions = List.copyOf(definitions);
    userDefinitions = List.copyOf(userDefinitions);
  }
}
