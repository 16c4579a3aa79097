package io.singletable.parse;

import graphql.language.Definition;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.singletable.diag.Diagnostic;
import io.singletable.diag.SourceText;
import java.util.List;

/**
 * The parsed schema: every definition in source order (bundled SDL first, then the user's files
 * sorted by path), each type extension already merged into the definition it extends (so there is
 * one definition per type and none of them is an extension), the registry graphql-java builds
 * from them, and the source texts for excerpts.
 *
 * @param definitions all definitions in source order, extensions merged
 * @param userDefinitions the definitions from the user's files only, in source order
 * @param registry type registry over all definitions
 * @param sources source texts by file name
 * @param findings problems found while parsing that do not stop validation (extensions of unknown types)
 */
public record ParsedSchema(
    List<Definition<?>> definitions,
    List<Definition<?>> userDefinitions,
    TypeDefinitionRegistry registry,
    SourceText sources,
    List<Diagnostic> findings) {

  public ParsedSchema {
    definitions = List.copyOf(definitions);
    userDefinitions = List.copyOf(userDefinitions);
    findings = List.copyOf(findings);
  }
}
