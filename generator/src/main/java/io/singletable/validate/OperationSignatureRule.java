package io.singletable.validate;

import graphql.language.FieldDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.NonNullType;
import io.singletable.diag.Diagnostics;
import io.singletable.model.EntityModel;
import io.singletable.model.OperationKind;
import io.singletable.parse.OperationScan;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.List;

/**
 * ST031: a declared operation returns a {@code @model} type and takes exactly its argument:
 * {@code @get}: the looked-up field ({@code id: ID!} or the unique field, non-null); {@code @create}:
 * {@code input} of a non-null input type; {@code @update}: the same (that it holds {@code id: ID!} and
 * matches the model is checked by {@link ModelInputs});
 * {@code @delete}: {@code id: ID!} (on a {@code @model(versioned: true)} type, optionally followed by
 * {@code expectedVersion: Int}).
 */
final class OperationSignatureRule implements SchemaRule {
  @Override
  public String code() {
    return "ST031";
  }

  @Override
  public String summary() {
    return "operation directive on a field with the wrong arguments or return type";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (OperationScan.Declared d : new OperationScan(index).declared()) {
      String problem = problem(index, d);
      if (problem != null) {
        out.error(code(), Spans.of(index, d.field()), "@" + d.directive().getName() + " on " + d.rootType() + "."
            + d.field().getName() + ": " + problem);
      }
    }
  }

  private static String problem(SchemaIndex index, OperationScan.Declared d) {
    FieldDefinition f = d.field();
    if (SchemaIndex.isList(f.getType()) || !index.isModel(d.entity())) {
      return "must return a @model type, found " + ArgumentValueRule.print(f.getType());
    }
    if (d.kind() == OperationKind.GET && index.field(d.entity(), d.by()).isEmpty()) {
      return null; // @get(by:) names no field: ST032 reports it
    }
    List<InputValueDefinition> args = f.getInputValueDefinitions();
    String expected = expectedArgument(index, d);
    if (d.kind() == OperationKind.DELETE && index.versioned(d.entity())) {
      // a versioned type's delete may also take the version it expects
      String more = EntityModel.EXPECTED_VERSION + ": Int";
      boolean ok = !args.isEmpty() && args.size() <= 2 && printed(args.get(0)).equals(expected)
          && (args.size() == 1 || printed(args.get(1)).equals(more));
      return ok ? null : "takes the argument " + expected + ", and optionally " + more + " after it";
    }
    if (args.size() != 1 || !printed(args.get(0)).equals(expected)) {
      return "takes exactly one argument " + expected;
    }
    return null;
  }

  private static String printed(InputValueDefinition a) {
    return a.getName() + ": " + ArgumentValueRule.print(a.getType());
  }

  private static String expectedArgument(SchemaIndex index, OperationScan.Declared d) {
    return switch (d.kind()) {
      case GET -> d.by() + ": " + index.field(d.entity(), d.by())
          .map(f -> SchemaIndex.unwrap(f.getType()) + "!").orElse("ID!");
      case DELETE -> "id: ID!";
      case CREATE, UPDATE -> {
        var args = d.field().getInputValueDefinitions();
        String input = args.size() == 1 ? SchemaIndex.unwrap(args.get(0).getType()) : "";
        yield "input: " + (args.size() == 1 && index.isInput(input) && args.get(0).getType() instanceof NonNullType
            ? input : "<an input type>") + "!";
      }
    };
  }
}
