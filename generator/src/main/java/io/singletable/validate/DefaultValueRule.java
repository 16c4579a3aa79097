package io.singletable.validate;

import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.BooleanValue;
import graphql.language.Definition;
import graphql.language.DirectiveDefinition;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValue;
import graphql.language.FieldDefinition;
import graphql.language.FloatValue;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.IntValue;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableReference;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.math.BigInteger;
import java.util.Optional;

/**
 * ST054: the GraphQL rules graphql-java applies that singletable's other rules do not name: default
 * values of arguments and input fields must fit their types, and no input type may need itself
 * through non-null fields (this rule, located); anything else
 * graphql-java's schema checks still find is reported by {@link GraphQLJavaCheck} under this code.
 */
final class DefaultValueRule implements SchemaRule {
  private static final BigInteger MIN_INT = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger MAX_INT = BigInteger.valueOf(Integer.MAX_VALUE);

  @Override
  public String code() {
    return GraphQLJavaCheck.CODE;
  }

  @Override
  public String summary() {
    return "not valid GraphQL otherwise (graphql-java's schema checks), e.g. a default value that does not fit its "
        + "type, an input type needing itself through non-null fields; on the generated deployable schema: an "
        + "internal error";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    inputCycles(index, out);
    for (Definition<?> d : index.parsed().userDefinitions()) {
      if (d instanceof ImplementingTypeDefinition<?> t) {
        for (FieldDefinition f : t.getFieldDefinitions()) {
          for (InputValueDefinition a : f.getInputValueDefinitions()) {
            check(index, a, t.getName() + "." + f.getName() + "(" + a.getName() + ":)", out);
          }
        }
      } else if (d instanceof InputObjectTypeDefinition in) {
        in.getInputValueDefinitions().forEach(v -> check(index, v, in.getName() + "." + v.getName(), out));
      } else if (d instanceof DirectiveDefinition dd) {
        dd.getInputValueDefinitions().forEach(v -> check(index, v, "@" + dd.getName() + "(" + v.getName() + ":)", out));
      }
    }
  }

  /** An input type that needs itself through non-null, non-list fields can never be written. */
  private void inputCycles(SchemaIndex index, Diagnostics out) {
    for (Definition<?> d : index.parsed().userDefinitions()) {
      if (d instanceof InputObjectTypeDefinition in) {
        for (InputValueDefinition v : in.getInputValueDefinitions()) {
          java.util.List<String> path = new java.util.ArrayList<>();
          path.add(in.getName() + "." + v.getName());
          if (requires(index, v, in.getName(), path, new java.util.HashSet<>())) {
            out.error(code(), Spans.of(index, v), "input " + in.getName() + " can never be written: the non-null fields "
                + String.join(" → ", path) + " lead back to " + in.getName() + "; make one field of the cycle "
                + "nullable or a list");
            break;
          }
        }
      }
    }
  }

  private static boolean requires(SchemaIndex index, InputValueDefinition v, String target, java.util.List<String> path,
      java.util.Set<String> seen) {
    if (!(v.getType() instanceof NonNullType nn) || !(nn.getType() instanceof TypeName tn)) {
      return false;
    }
    if (tn.getName().equals(target)) {
      return true;
    }
    Optional<InputObjectTypeDefinition> next = index.input(tn.getName());
    if (next.isEmpty() || !seen.add(tn.getName())) {
      return false;
    }
    for (InputValueDefinition f : next.get().getInputValueDefinitions()) {
      path.add(tn.getName() + "." + f.getName());
      if (requires(index, f, target, path, seen)) {
        return true;
      }
      path.remove(path.size() - 1);
    }
    return false;
  }

  private void check(SchemaIndex index, InputValueDefinition v, String where, Diagnostics out) {
    if (v.getDefaultValue() == null || !index.isDefined(SchemaIndex.unwrap(v.getType()))
        || !GraphQLTypes.isInputType(index, SchemaIndex.unwrap(v.getType()))) {
      return; // ST005, ST053
    }
    String problem = problem(index, v.getDefaultValue(), v.getType(), 0);
    if (problem != null) {
      out.error(code(), Spans.of(index, v.getDefaultValue()), "the default value " + AstPrinter.printAst(v.getDefaultValue())
          + " of " + where + " does not fit its type " + ArgumentValueRule.print(v.getType()) + ": " + problem);
    }
  }

  /** Why {@code v} is not a value of {@code type}, or null when it is. */
  private static String problem(SchemaIndex index, Value<?> v, Type<?> type, int depth) {
    if (depth > 64) {
      return null;
    }
    if (v instanceof VariableReference) {
      return "a schema cannot use variables";
    }
    if (type instanceof NonNullType nn) {
      return v instanceof NullValue ? "null for a non-null type" : problem(index, v, nn.getType(), depth + 1);
    }
    if (v instanceof NullValue) {
      return null;
    }
    if (type instanceof ListType l) {
      if (v instanceof ArrayValue arr) {
        for (Value<?> item : arr.getValues()) {
          String p = problem(index, item, l.getType(), depth + 1);
          if (p != null) {
            return p;
          }
        }
        return null;
      }
      return problem(index, v, l.getType(), depth + 1);
    }
    String name = ((TypeName) type).getName();
    Optional<InputObjectTypeDefinition> input = index.input(name);
    if (input.isPresent()) {
      if (!(v instanceof ObjectValue obj)) {
        return "an input object { … } is needed";
      }
      for (ObjectField f : obj.getObjectFields()) {
        Optional<InputValueDefinition> def = input.get().getInputValueDefinitions().stream()
            .filter(x -> x.getName().equals(f.getName())).findFirst();
        if (def.isEmpty()) {
          return name + " has no field " + f.getName();
        }
        String p = problem(index, f.getValue(), def.get().getType(), depth + 1);
        if (p != null) {
          return f.getName() + ": " + p;
        }
      }
      for (InputValueDefinition def : input.get().getInputValueDefinitions()) {
        if (def.getType() instanceof NonNullType && def.getDefaultValue() == null
            && obj.getObjectFields().stream().noneMatch(f -> f.getName().equals(def.getName()))) {
          return "the required field " + def.getName() + " is missing";
        }
      }
      return null;
    }
    Optional<EnumTypeDefinition> e = index.typed(name, EnumTypeDefinition.class);
    if (e.isPresent()) {
      return v instanceof EnumValue ev && e.get().getEnumValueDefinitions().stream()
          .anyMatch(x -> x.getName().equals(ev.getName())) ? null
          : "one of " + String.join(", ", e.get().getEnumValueDefinitions().stream().map(x -> x.getName()).toList())
              + " is needed";
    }
    boolean fits = switch (name) {
      case "Int" -> v instanceof IntValue i && i.getValue().compareTo(MIN_INT) >= 0 && i.getValue().compareTo(MAX_INT) <= 0;
      case "AWSTimestamp" -> v instanceof IntValue;
      case "Float" -> v instanceof FloatValue || v instanceof IntValue;
      case "Boolean" -> v instanceof BooleanValue;
      case "ID" -> v instanceof StringValue || v instanceof IntValue;
      default -> v instanceof StringValue; // String and the other AWS scalars are written as strings
    };
    return fits ? null : "a value of type " + name + " is needed";
  }
}
