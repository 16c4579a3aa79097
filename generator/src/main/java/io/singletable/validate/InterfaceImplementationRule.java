package io.singletable.validate;

import graphql.language.Definition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.NonNullType;
import graphql.language.Type;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * ST052: a type implementing an interface really does (GraphQL's rules, which AppSync applies): it
 * names interfaces only, not itself; it has every field of each interface, with the same type or a
 * subtype, every argument of it with the same type and no extra required argument; and it also
 * implements the interfaces its interfaces implement.
 */
final class InterfaceImplementationRule implements SchemaRule {
  @Override
  public String code() {
    return "ST052";
  }

  @Override
  public String summary() {
    return "a type implements an interface wrongly: not an interface, a field missing, of another type, "
        + "or with other arguments, an interface of the interface not implemented";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (Definition<?> d : index.parsed().userDefinitions()) {
      if (d instanceof ImplementingTypeDefinition<?> t) {
        check(index, t, out);
      }
    }
  }

  private void check(SchemaIndex index, ImplementingTypeDefinition<?> t, Diagnostics out) {
    Set<String> implemented = new TreeSet<>();
    t.getImplements().forEach(i -> implemented.add(SchemaIndex.unwrap(i)));
    Set<String> done = new java.util.HashSet<>();
    for (Type<?> i : t.getImplements()) {
      String name = SchemaIndex.unwrap(i);
      if (!index.isDefined(name) || !done.add(name)) {
        continue; // ST005, ST050
      }
      if (name.equals(t.getName())) {
        out.error(code(), Spans.of(index, i), t.getName() + " cannot implement itself");
        continue;
      }
      Optional<InterfaceTypeDefinition> iface = index.iface(name);
      if (iface.isEmpty()) {
        out.error(code(), Spans.of(index, i), t.getName() + " implements " + GraphQLTypes.describe(index, name)
            + ", which is not an interface");
        continue;
      }
      for (Type<?> transitive : iface.get().getImplements()) {
        String tn = SchemaIndex.unwrap(transitive);
        if (!implemented.contains(tn) && !tn.equals(t.getName()) && index.iface(tn).isPresent()) {
          out.error(code(), Spans.of(index, i), t.getName() + " implements " + name + ", which implements " + tn
              + ": " + t.getName() + " must implement " + tn + " too (implements " + name + " & " + tn + ")");
        }
      }
      for (FieldDefinition expected : index.fields(name)) {
        Optional<FieldDefinition> actual = t.getFieldDefinitions().stream()
            .filter(f -> f.getName().equals(expected.getName())).findFirst();
        String label = name + "." + expected.getName() + ": " + ArgumentValueRule.print(expected.getType());
        if (actual.isEmpty()) {
          out.error(code(), Spans.of(index, i), t.getName() + " implements " + name + " but has no field "
              + expected.getName() + " (" + label + ")");
          continue;
        }
        FieldDefinition f = actual.get();
        if (index.isDefined(SchemaIndex.unwrap(f.getType()))
            && !GraphQLTypes.isValidImplementation(index, f.getType(), expected.getType())) {
          out.error(code(), Spans.of(index, f), t.getName() + "." + f.getName() + ": "
              + ArgumentValueRule.print(f.getType()) + " does not implement " + label
              + " (the type must be the same, or a non-null, member or implementation of it)");
        }
        arguments(index, t, f, name, expected, out);
      }
    }
  }

  private void arguments(SchemaIndex index, ImplementingTypeDefinition<?> t, FieldDefinition f, String iface,
      FieldDefinition expected, Diagnostics out) {
    String where = t.getName() + "." + f.getName();
    for (InputValueDefinition e : expected.getInputValueDefinitions()) {
      Optional<InputValueDefinition> a = f.getInputValueDefinitions().stream()
          .filter(x -> x.getName().equals(e.getName())).findFirst();
      if (a.isEmpty()) {
        out.error(code(), Spans.of(index, f), where + " lacks the argument " + e.getName() + ": "
            + ArgumentValueRule.print(e.getType()) + " of " + iface + "." + expected.getName());
      } else if (!ArgumentValueRule.print(a.get().getType()).equals(ArgumentValueRule.print(e.getType()))) {
        out.error(code(), Spans.of(index, a.get()), where + "(" + e.getName() + ":) is "
            + ArgumentValueRule.print(a.get().getType()) + " but " + iface + "." + expected.getName() + "("
            + e.getName() + ":) is " + ArgumentValueRule.print(e.getType()) + "; arguments must have the same type");
      }
    }
    for (InputValueDefinition a : f.getInputValueDefinitions()) {
      boolean extra = expected.getInputValueDefinitions().stream().noneMatch(x -> x.getName().equals(a.getName()));
      if (extra && a.getType() instanceof NonNullType && a.getDefaultValue() == null) {
        out.error(code(), Spans.of(index, a), where + "(" + a.getName() + ":) is required, but "
            + iface + "." + expected.getName() + " has no such argument; make it optional");
      }
    }
  }
}
