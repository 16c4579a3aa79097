package io.singletable.model;

import io.singletable.diag.SourceSpan;
import java.util.List;

/**
 * A GraphQL enum the author declared; stored fields hold a value's name.
 *
 * @param name type name
 * @param description SDL description or null
 * @param values its values in declaration order
 * @param span where it is declared
 */
public record EnumModel(String name, String description, List<Value> values, SourceSpan span) {
  public EnumModel {
    values = List.copyOf(values);
  }

  /**
   * One enum value.
   *
   * @param name the value's name, which is what items store
   * @param description SDL description or null
   */
  public record Value(String name, String description) {}
}
