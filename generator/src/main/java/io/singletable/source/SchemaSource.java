package io.singletable.source;

import java.util.Objects;

/**
 * One schema source: the name diagnostics show (relative, '/'-separated) and its text.
 *
 * @param name file name as shown to the user, e.g. {@code src/main/graphql/farm.graphql}
 * @param content the SDL text
 * @param bundled true for the generator's own directive SDL (never printed into output)
 */
public record SchemaSource(String name, String content, boolean bundled) {
  public SchemaSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
  }
}
