package io.singletable.validate;

import graphql.language.Definition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import io.singletable.source.SchemaSources;
import java.util.Set;
import java.util.TreeSet;

/**
 * ST005: every type a field, argument, input field or union names must be defined, and deployed:
 * the enums of singletable's directive definitions ({@code ModelOperation}, {@code NullsOrder}) are
 * not part of the API AppSync gets, so the schema may not use them as field types.
 */
final class UnknownTypeRule implements SchemaRule {
  @Override
  public String code() {
    return "ST005";
  }

  @Override
  public String summary() {
    return "unknown type";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (Definition<?> d : index.parsed().userDefinitions()) {
      if (d instanceof ImplementingTypeDefinition<?> t) {
        for (FieldDefinition f : t.getFieldDefinitions()) {
          boolean relation = f.hasDirective("hasMany") || f.hasDirective("list") || f.hasDirective("manyToMany");
          if (!(relation && index.isGeneratedConnection(SchemaIndex.unwrap(f.getType())))) {
            check(index, f.getType(), out);
          }
          f.getInputValueDefinitions().forEach(a -> check(index, a.getType(), out));
        }
        t.getImplements().forEach(i -> check(index, i, out));
      } else if (d instanceof InputObjectTypeDefinition in) {
        for (InputValueDefinition v : in.getInputValueDefinitions()) {
          check(index, v.getType(), out);
        }
      } else if (d instanceof UnionTypeDefinition u) {
        for (Object member : u.getMemberTypes()) {
          check(index, (Type<?>) member, out);
        }
      }
    }
  }

  private void check(SchemaIndex index, Type<?> type, Diagnostics out) {
    String name = SchemaIndex.unwrap(type);
    if (!index.isDefined(name)) {
      TypeName at = findName(type);
      out.error(code(), Spans.of(index, at), "unknown type " + name + Suggest.didYouMean(name, knownTypes(index)));
    } else if (!index.isScalar(name) && index.type(name).map(UnknownTypeRule::bundled).orElse(false)) {
      out.error(code(), Spans.of(index, findName(type)), name + " belongs to singletable's directive definitions, "
          + "which are not deployed with the API; declare a type of your own");
    }
  }

  /** Every type name a field may use: the registry's types and scalars, and GraphQL's built-in scalars. */
  private static Set<String> knownTypes(SchemaIndex index) {
    Set<String> out = new TreeSet<>(index.parsed().registry().types().keySet());
    out.addAll(index.parsed().registry().scalars().keySet());
    out.addAll(SchemaIndex.BUILT_IN_SCALARS);
    return out;
  }

  private static boolean bundled(graphql.language.TypeDefinition<?> t) {
    return SchemaSources.DIRECTIVES_NAME.equals(SchemaIndex.span(t).file());
  }

  private static TypeName findName(Type<?> type) {
    Type<?> t = type;
    while (!(t instanceof TypeName)) {
      t = (Type<?>) t.getChildren().get(0);
    }
    return (TypeName) t;
  }
}
