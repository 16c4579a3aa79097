package io.singletable.validate;

import graphql.introspection.Introspection.DirectiveLocation;
import graphql.language.DirectiveDefinition;
import graphql.language.Node;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ST006: a directive may only be used where its definition allows it, and only once there (unless repeatable). */
final class DirectiveLocationRule implements SchemaRule {
  @Override
  public String code() {
    return "ST006";
  }

  @Override
  public String summary() {
    return "directive used where it is not allowed, or repeated";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    Map<Node<?>, List<String>> seen = new IdentityHashMap<>();
    for (DirectiveUses.Use u : DirectiveUses.all(index)) {
      String name = u.directive().getName();
      Optional<DirectiveDefinition> def = KnownDirectives.definition(index, name);
      if (def.isEmpty()) {
        continue;
      }
      List<String> allowed = def.get().getDirectiveLocations().stream().map(l -> l.getName()).toList();
      if (!allowed.contains(u.location().name())) {
        out.error(code(), Spans.of(index, u.directive()), "@" + name + " is not allowed on " + singular(u.location())
            + " " + u.where() + " (only on " + Suggest.and(allowed.stream().map(DirectiveLocationRule::plural).toList()) + ")");
      }
      List<String> before = seen.computeIfAbsent(u.container(), c -> new ArrayList<>());
      if (before.contains(name) && !def.get().isRepeatable()) {
        out.error(code(), Spans.of(index, u.directive()), "@" + name + " is repeated on " + u.where());
      }
      before.add(name);
    }
  }

  private static String singular(DirectiveLocation l) {
    return switch (l) {
      case OBJECT -> "the object type";
      case FIELD_DEFINITION -> "the field";
      case ARGUMENT_DEFINITION -> "the argument";
      case INTERFACE -> "the interface";
      case UNION -> "the union";
      case ENUM -> "the enum";
      case ENUM_VALUE -> "the enum value";
      case INPUT_OBJECT -> "the input type";
      case INPUT_FIELD_DEFINITION -> "the input field";
      case SCALAR -> "the scalar";
      case SCHEMA -> "the";
      default -> l.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }

  private static String plural(String location) {
    return switch (location) {
      case "OBJECT" -> "object types";
      case "FIELD_DEFINITION" -> "fields";
      case "ARGUMENT_DEFINITION" -> "arguments";
      case "INTERFACE" -> "interfaces";
      case "UNION" -> "unions";
      case "ENUM" -> "enums";
      case "ENUM_VALUE" -> "enum values";
      case "INPUT_OBJECT" -> "input types";
      case "INPUT_FIELD_DEFINITION" -> "input fields";
      case "SCALAR" -> "scalars";
      case "SCHEMA" -> "the schema";
      default -> location.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }
}
