package io.singletable.model;

import io.singletable.diag.SourceSpan;
import java.util.List;

/**
 * A union or interface whose members are {@code @model} types.
 *
 * @param name type name
 * @param description SDL description or null
 * @param union true for a union, false for an interface
 * @param members concrete member types, sorted
 * @param span where it is declared
 */
public record AbstractTypeModel(String name, String description, boolean union, List<String> members, SourceSpan span) {
  public AbstractTypeModel {
    members = List.copyOf(members);
  }
}
