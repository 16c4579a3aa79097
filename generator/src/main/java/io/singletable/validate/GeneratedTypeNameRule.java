package io.singletable.validate;

import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.TypeDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.model.OperationKind;
import io.singletable.model.OperationNames;
import io.singletable.parse.OperationScan;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * ST034: a type the schema defines under a name singletable uses for a generated type must be able
 * to stand in for it: {@code CreateTInput}/{@code UpdateTInput} of a default operation must be an
 * input type, and {@code SortDirection}, the argument of every {@code @hasMany} field, the enum
 * {@code ASC | DESC} (the resolvers read those two values).
 */
final class GeneratedTypeNameRule implements SchemaRule {
  @Override
  public String code() {
    return "ST034";
  }

  @Override
  public String summary() {
    return "a type named like a generated one that cannot stand in for it (CreateTInput not an input type, "
        + "SortDirection not the enum ASC | DESC)";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    TreeSet<String> inputs = new TreeSet<>();
    for (OperationScan.Default d : new OperationScan(index).defaults()) {
      if (d.kind() == OperationKind.CREATE || d.kind() == OperationKind.UPDATE) {
        String name = OperationNames.input(d.kind(), d.entity());
        inputs.add(name);
        Optional<TypeDefinition<?>> t = index.type(name);
        if (t.isPresent() && !index.isInput(name) && index.parsed().userDefinitions().contains(t.get())) {
          out.error(code(), Spans.of(index, t.get()), name + " is the input of the default operation " + d.signature()
              + ", but the schema defines it as " + GraphQLTypes.article(index, name) + "; make it an input type or "
              + "choose another name");
        }
      }
    }
    if (ModelFields.indexed(index).isEmpty()) {
      return;
    }
    Optional<TypeDefinition<?>> sort = index.type("SortDirection");
    if (sort.isEmpty() || !index.parsed().userDefinitions().contains(sort.get())) {
      return;
    }
    List<String> values = sort.get() instanceof EnumTypeDefinition e
        ? e.getEnumValueDefinitions().stream().map(EnumValueDefinition::getName).sorted().toList() : List.of();
    if (!values.equals(List.of("ASC", "DESC"))) {
      out.error(code(), Spans.of(index, sort.get()), "SortDirection is the type of the sortDirection argument "
          + "singletable adds to every @hasMany field, so it must be enum SortDirection { ASC DESC }; rename this "
          + "type or leave SortDirection to singletable");
    }
  }
}
