package io.singletable.validate;

import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeName;
import io.singletable.parse.SchemaIndex;

/** What kind of type a name is, as GraphQL's input/output and subtype rules need it. */
final class GraphQLTypes {
  private GraphQLTypes() {}

  /** Scalars, enums and input types: what arguments and input fields may have. */
  static boolean isInputType(SchemaIndex index, String name) {
    return index.isScalar(name) || index.isEnum(name) || index.isInput(name);
  }

  /** Everything but input types: what fields may return. */
  static boolean isOutputType(SchemaIndex index, String name) {
    return index.isDefined(name) && !index.isInput(name);
  }

  /** {@code the object type Farm}, {@code the input type FarmInput}, … */
  static String describe(SchemaIndex index, String name) {
    if (index.isInput(name)) {
      return "the input type " + name;
    } else if (index.object(name).isPresent()) {
      return "the object type " + name;
    } else if (index.iface(name).isPresent()) {
      return "the interface " + name;
    } else if (index.union(name).isPresent()) {
      return "the union " + name;
    } else if (index.isEnum(name)) {
      return "the enum " + name;
    } else if (index.isScalar(name)) {
      return "the scalar " + name;
    }
    return name;
  }

  /** {@code an object type}, {@code an input type}, {@code a union}, … */
  static String article(SchemaIndex index, String name) {
    String kind = describe(index, name).replaceFirst("^the ", "").replaceFirst(" " + java.util.regex.Pattern.quote(name)
        + "$", "");
    return (kind.startsWith("i") || kind.startsWith("e") || kind.startsWith("o") ? "an " : "a ") + kind;
  }

  /**
   * GraphQL's IsValidImplementationFieldType: {@code field} may implement {@code implemented} when
   * it is the same type, a non-null of a valid type, a list of valid item types, or an object or
   * interface that is a member of the implemented union or implements the implemented interface.
   */
  static boolean isValidImplementation(SchemaIndex index, Type<?> field, Type<?> implemented) {
    if (field instanceof NonNullType nn) {
      Type<?> inner = implemented instanceof NonNullType inn ? inn.getType() : implemented;
      return isValidImplementation(index, nn.getType(), inner);
    }
    if (implemented instanceof NonNullType) {
      return false;
    }
    if (field instanceof ListType fl && implemented instanceof ListType il) {
      return isValidImplementation(index, fl.getType(), il.getType());
    }
    if (field instanceof ListType || implemented instanceof ListType) {
      return false;
    }
    String f = ((TypeName) field).getName();
    String i = ((TypeName) implemented).getName();
    if (f.equals(i)) {
      return true;
    }
    if (index.object(f).isEmpty() && index.iface(f).isEmpty()) {
      return false;
    }
    if (index.union(i).isPresent()) {
      return index.union(i).get().getMemberTypes().stream().anyMatch(m -> SchemaIndex.unwrap(m).equals(f));
    }
    if (index.iface(i).isPresent()) {
      var t = index.object(f).<graphql.language.ImplementingTypeDefinition<?>>map(o -> o)
          .or(() -> index.iface(f).map(x -> x));
      return t.isPresent() && t.get().getImplements().stream().anyMatch(x -> SchemaIndex.unwrap(x).equals(i));
    }
    return false;
  }
}
