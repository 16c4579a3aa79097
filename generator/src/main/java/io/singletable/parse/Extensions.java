package io.singletable.parse;

import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumTypeExtensionDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputObjectTypeExtensionDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.InterfaceTypeExtensionDefinition;
import graphql.language.NamedNode;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.SDLExtensionDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.ScalarTypeExtensionDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.SchemaExtensionDefinition;
import graphql.language.UnionTypeDefinition;
import graphql.language.UnionTypeExtensionDefinition;
import io.singletable.diag.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges every type extension ({@code extend type|interface|union|enum|input|scalar|schema}) into
 * the definition it extends, so that every later stage sees one definition per type: the base
 * definition keeps its place, description and location; fields, values, members, interfaces and
 * directives of its extensions follow its own, in source order, each with its own location.
 * Duplicates an extension creates (a field or value defined twice) stay in the merged definition
 * for validation to report ({@code ST050}). An extension of a type that is not defined, of one of
 * another kind, or of one singletable defines itself is {@value #CODE}.
 */
final class Extensions {
  static final String CODE = "ST009";

  private Extensions() {}

  /**
   * The definitions with every extension merged into its base and removed.
   *
   * @param all every definition in source order (bundled first)
   * @param bundled the bundled definitions (cannot be extended)
   */
  static List<Definition<?>> merge(List<Definition<?>> all, List<Definition<?>> bundled, Diagnostics diags) {
    Map<String, Definition<?>> bases = new LinkedHashMap<>();
    SchemaDefinition schema = null;
    for (Definition<?> d : all) {
      if (d instanceof SDLExtensionDefinition) {
        continue;
      }
      if (d instanceof SchemaDefinition s) {
        schema = schema == null ? s : schema;
      } else if (d instanceof graphql.language.TypeDefinition<?> t) {
        bases.putIfAbsent(t.getName(), d);
      }
    }
    Map<Definition<?>, Definition<?>> merged = new java.util.IdentityHashMap<>();
    for (Definition<?> d : all) {
      if (!(d instanceof SDLExtensionDefinition)) {
        continue;
      }
      if (d instanceof SchemaExtensionDefinition ext) {
        if (schema == null) {
          diags.error(CODE, SchemaParser.span(ext.getSourceLocation()), "extend schema: the schema has no "
              + "schema definition to extend; write schema { … } instead");
          continue;
        }
        SchemaDefinition base = (SchemaDefinition) merged.getOrDefault(schema, schema);
        merged.put(schema, base.transform(b -> b
            .directives(concat(base.getDirectives(), ext.getDirectives()))
            .operationTypeDefinitions(concat(base.getOperationTypeDefinitions(), ext.getOperationTypeDefinitions()))));
        continue;
      }
      String name = ((NamedNode<?>) d).getName();
      String kind = kind(d);
      Definition<?> original = bases.get(name);
      if (original == null) {
        diags.error(CODE, SchemaParser.span(d.getSourceLocation()), "extend " + keyword(d) + " " + name + ": " + name
            + " is not defined; an extension adds to a type defined elsewhere"
            + (name.equals("Query") || name.equals("Mutation")
                ? " (write type " + name + " { … }; singletable adds its default operations to it)" : ""));
        continue;
      }
      if (bundled.stream().anyMatch(b -> b == original)) {
        diags.error(CODE, SchemaParser.span(d.getSourceLocation()), "extend " + keyword(d) + " " + name + ": " + name
            + " is defined by singletable itself (its directives and the AppSync scalars) and cannot be extended");
        continue;
      }
      if (!kind(original).equals(kind)) {
        diags.error(CODE, SchemaParser.span(d.getSourceLocation()), "extend " + keyword(d) + " " + name + ": " + name
            + " is " + article(kind(original)) + " " + kind(original) + " (defined at "
            + SchemaParser.span(original.getSourceLocation()) + "), not " + article(kind) + " " + kind
            + "; write extend " + keyword(original) + " " + name);
        continue;
      }
      Definition<?> base = merged.getOrDefault(original, original);
      merged.put(original, mergeOne(base, d));
    }
    List<Definition<?>> out = new ArrayList<>();
    for (Definition<?> d : all) {
      if (!(d instanceof SDLExtensionDefinition)) {
        out.add(merged.getOrDefault(d, d));
      }
    }
    return out;
  }

  private static Definition<?> mergeOne(Definition<?> base, Definition<?> ext) {
    if (base instanceof ObjectTypeDefinition b && ext instanceof ObjectTypeExtensionDefinition e) {
      return b.transform(x -> x.directives(concat(b.getDirectives(), e.getDirectives()))
          .implementz(concat(b.getImplements(), e.getImplements()))
          .fieldDefinitions(concat(b.getFieldDefinitions(), e.getFieldDefinitions())));
    }
    if (base instanceof InterfaceTypeDefinition b && ext instanceof InterfaceTypeExtensionDefinition e) {
      return b.transform(x -> x.directives(concat(b.getDirectives(), e.getDirectives()))
          .implementz(concat(b.getImplements(), e.getImplements()))
          .definitions(concat(b.getFieldDefinitions(), e.getFieldDefinitions())));
    }
    if (base instanceof UnionTypeDefinition b && ext instanceof UnionTypeExtensionDefinition e) {
      return b.transform(x -> x.directives(concat(b.getDirectives(), e.getDirectives()))
          .memberTypes(concat(b.getMemberTypes(), e.getMemberTypes())));
    }
    if (base instanceof EnumTypeDefinition b && ext instanceof EnumTypeExtensionDefinition e) {
      return b.transform(x -> x.directives(concat(b.getDirectives(), e.getDirectives()))
          .enumValueDefinitions(concat(b.getEnumValueDefinitions(), e.getEnumValueDefinitions())));
    }
    if (base instanceof InputObjectTypeDefinition b && ext instanceof InputObjectTypeExtensionDefinition e) {
      return b.transform(x -> x.directives(concat(b.getDirectives(), e.getDirectives()))
          .inputValueDefinitions(concat(b.getInputValueDefinitions(), e.getInputValueDefinitions())));
    }
    if (base instanceof ScalarTypeDefinition b && ext instanceof ScalarTypeExtensionDefinition e) {
      List<Directive> ds = concat(b.getDirectives(), e.getDirectives());
      return b.transform(x -> x.directives(ds));
    }
    throw new IllegalStateException("no merge of " + ext.getClass().getSimpleName() + " into "
        + base.getClass().getSimpleName());
  }

  /** The kind of a definition or extension, e.g. {@code object type}. */
  static String kind(Definition<?> d) {
    if (d instanceof ObjectTypeDefinition) {
      return "object type";
    } else if (d instanceof InterfaceTypeDefinition) {
      return "interface";
    } else if (d instanceof UnionTypeDefinition) {
      return "union";
    } else if (d instanceof EnumTypeDefinition) {
      return "enum";
    } else if (d instanceof InputObjectTypeDefinition) {
      return "input type";
    } else if (d instanceof ScalarTypeDefinition) {
      return "scalar";
    }
    return d.getClass().getSimpleName();
  }

  private static String keyword(Definition<?> d) {
    return switch (kind(d)) {
      case "object type" -> "type";
      case "input type" -> "input";
      default -> kind(d);
    };
  }

  private static String article(String kind) {
    return kind.startsWith("i") || kind.startsWith("e") || kind.startsWith("o") ? "an" : "a";
  }

  private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
