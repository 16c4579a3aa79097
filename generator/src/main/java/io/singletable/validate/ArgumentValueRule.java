package io.singletable.validate;

import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.DirectiveDefinition;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.InputValueDefinition;
import graphql.language.IntValue;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.NullValue;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.Value;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.Optional;

/** ST004: required directive arguments are present and every value fits the argument's type. */
final class ArgumentValueRule implements SchemaRule {
  @Override
  public String code() {
    return "ST004";
  }

  @Override
  public String summary() {
    return "missing or ill-typed directive argument";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (DirectiveUses.Use u : DirectiveUses.all(index)) {
      Optional<DirectiveDefinition> def = KnownDirectives.definition(index, u.directive().getName());
      if (def.isEmpty()) {
        continue;
      }
      String dname = "@" + u.directive().getName();
      for (InputValueDefinition param : def.get().getInputValueDefinitions()) {
        Argument a = u.directive().getArgument(param.getName());
        if (a == null) {
          if (param.getType() instanceof NonNullType && param.getDefaultValue() == null) {
            out.error(code(), Spans.of(index, u.directive()),
                dname + " needs argument " + param.getName() + ": " + print(param.getType()));
          }
        } else if (!fits(index, a.getValue(), param.getType())) {
          out.error(code(), Spans.of(index, a), dname + "(" + param.getName() + ":) expects "
              + print(param.getType()) + enumValues(index, param.getType()) + ", found "
              + AstPrinter.printAst(a.getValue()));
        }
      }
    }
  }

  private static boolean fits(SchemaIndex index, Value<?> v, Type<?> type) {
    if (type instanceof NonNullType nn) {
      return !(v instanceof NullValue) && fits(index, v, nn.getType());
    }
    if (v instanceof NullValue) {
      return true;
    }
    if (type instanceof ListType l) {
      if (v instanceof ArrayValue arr) {
        return arr.getValues().stream().allMatch(item -> fits(index, (Value<?>) item, l.getType()));
      }
      return fits(index, v, l.getType());
    }
    String name = ((TypeName) type).getName();
    return switch (name) {
      case "String", "ID" -> v instanceof StringValue || (name.equals("ID") && v instanceof IntValue);
      case "Boolean" -> v instanceof BooleanValue;
      case "Int" -> v instanceof IntValue;
      case "Float" -> v instanceof FloatValue || v instanceof IntValue;
      default -> index.typed(name, graphql.language.InputObjectTypeDefinition.class).isPresent()
          ? v instanceof graphql.language.ObjectValue // its fields: the directive's own rule (e.g. ST055 for AuthRule)
          : enumFits(index, v, name);
    };
  }

  /** {@code " (A, B)"} listing the values when the type is an enum or a list of one, else empty. */
  private static String enumValues(SchemaIndex index, Type<?> type) {
    return index.typed(SchemaIndex.unwrap(type), EnumTypeDefinition.class)
        .map(e -> " (" + String.join(", ", e.getEnumValueDefinitions().stream().map(v -> v.getName()).toList()) + ")")
        .orElse("");
  }

  private static boolean enumFits(SchemaIndex index, Value<?> v, String enumName) {
    Optional<EnumTypeDefinition> e = index.typed(enumName, EnumTypeDefinition.class);
    if (e.isEmpty()) {
      return true;
    }
    return v instanceof EnumValue ev
        && e.get().getEnumValueDefinitions().stream().anyMatch(d -> d.getName().equals(ev.getName()));
  }

  static String print(Type<?> t) {
    if (t instanceof NonNullType nn) {
      return print(nn.getType()) + "!";
    }
    if (t instanceof ListType l) {
      return "[" + print(l.getType()) + "]";
    }
    return ((TypeName) t).getName();
  }
}
