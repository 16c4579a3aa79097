package io.singletable.render.schema;

import graphql.language.AstPrinter;
import graphql.language.Directive;
import graphql.language.InputValueDefinition;
import graphql.language.Type;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Small SDL text builder: descriptions, directives, arguments; 2-space indent, '\n'. */
final class SdlWriter {
  /** singletable's own directives: removed from the deployable schema. */
  static final Set<String> OWN_DIRECTIVES =
      Set.of("model", "unique", "hasMany", "list", "manyToMany", "belongsTo", "hasOne", "get", "create", "update", "delete", "auth");

  private final StringBuilder out = new StringBuilder();

  SdlWriter line(String text) {
    out.append(text).append('\n');
    return this;
  }

  SdlWriter description(String description, String indent) {
    if (description == null) {
      return this;
    }
    if (description.contains("\n") || description.contains("\"")) {
      line(indent + "\"\"\"");
      for (String l : description.replace("\"\"\"", "\\\"\"\"").split("\n", -1)) {
        line(l.isBlank() ? "" : indent + l.strip());
      }
      return line(indent + "\"\"\"");
    }
    return line(indent + "\"" + description.replace("\\", "\\\\") + "\"");
  }

  /** Kept directives as {@code " @a @b(x: 1)"}, or empty. */
  static String directives(List<Directive> directives) {
    return directives.stream()
        .filter(d -> !OWN_DIRECTIVES.contains(d.getName()))
        .map(d -> " " + AstPrinter.printAst(d))
        .collect(Collectors.joining());
  }

  /** {@code T}, {@code [T!]!}…: what {@code AstPrinter} prints, without a printer built per call. */
  static String type(Type<?> t) {
    StringBuilder sb = new StringBuilder();
    type(t, sb);
    return sb.toString();
  }

  private static void type(Type<?> t, StringBuilder sb) {
    if (t instanceof graphql.language.NonNullType nn) {
      type(nn.getType(), sb);
      sb.append('!');
    } else if (t instanceof graphql.language.ListType l) {
      sb.append('[');
      type(l.getType(), sb);
      sb.append(']');
    } else {
      sb.append(((graphql.language.TypeName) t).getName());
    }
  }

  /** {@code (a: Int = 1, b: String)} or empty. */
  static String arguments(List<InputValueDefinition> args) {
    if (args.isEmpty()) {
      return "";
    }
    return args.stream().map(SdlWriter::inputValue).collect(Collectors.joining(", ", "(", ")"));
  }

  static String inputValue(InputValueDefinition v) {
    String s = v.getName() + ": " + type(v.getType());
    if (v.getDefaultValue() != null) {
      s += " = " + AstPrinter.printAst(v.getDefaultValue());
    }
    return s + directives(v.getDirectives());
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
