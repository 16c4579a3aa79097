package io.singletable.validate;

import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.Node;
import graphql.language.ObjectTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.language.UnionTypeDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.model.OperationKind;
import io.singletable.parse.OperationScan;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import io.singletable.model.JavaIdentifiers;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import io.singletable.model.SubscriptionModel;
import java.util.Set;
import java.util.Locale;
import java.util.Map;

/**
 * ST034: names the generator derives from the schema must not coincide. Two default operations
 * with one name ({@code cowByName} of {@code Cow.name} and of {@code Cow.Name}); types whose names
 * differ only in case (their Java sources and resolver files would overwrite each other on
 * case-insensitive file systems, and their operations share names); two fields or enum values that
 * become one Java identifier ({@code class} and {@code class_}). Type and field names longer than
 * {@value #MAX_NAME} characters, whose file names would be too long. A field the author declares on
 * {@code Subscription} with the name of a generated subscription ({@code onCreateT}, SPEC §2.5).
 */
final class GeneratedNameClashRule implements SchemaRule {
  @Override
  public String code() {
    return "ST034";
  }

  @Override
  public String summary() {
    return "generated names collide (default operations, types differing only in case, Java identifiers),"
        + " or a type or field name is longer than 100 characters, or a declared Subscription field has the name of a"
        + " generated one";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    Map<String, String> caseTwins = typesDifferingInCase(index, out);
    defaultOperations(index, caseTwins, out);
    javaIdentifiers(index, out);
    longNames(index, out);
    subscriptions(index, out);
  }

  /**
   * A declared {@code Subscription} field named like a generated subscription of a type that gets it: the type has a
   * mutation of that kind (a default one, or one declared with {@code @create}/{@code @update}/{@code @delete}) and
   * does not say {@code @model(subscriptions: false)}.
   */
  private void subscriptions(SchemaIndex index, Diagnostics out) {
    List<FieldDefinition> declared = index.fields(SubscriptionModel.ROOT);
    if (declared.isEmpty()) {
      return;
    }
    OperationScan scan = new OperationScan(index);
    Map<String, String[]> generated = new HashMap<>(); // name to {entity, a mutation it subscribes to}
    for (OperationScan.Default d : scan.defaults()) {
      if (d.kind() != OperationKind.GET && index.subscriptions(d.entity())) {
        generated.putIfAbsent(SubscriptionModel.name(d.kind(), d.entity()), new String[] {d.entity(), d.name()});
      }
    }
    for (OperationScan.Declared d : scan.declared()) {
      if (d.kind() != OperationKind.GET && d.rootType().equals("Mutation") && index.subscriptions(d.entity())) {
        generated.putIfAbsent(SubscriptionModel.name(d.kind(), d.entity()),
            new String[] {d.entity(), d.field().getName()});
      }
    }
    for (FieldDefinition f : declared) {
      String[] g = generated.get(f.getName());
      if (g != null) {
        String entity = g[0];
        String mutation = g[1];
        out.error(code(), Spans.of(index, f), "Subscription." + f.getName() + " has the name of the subscription"
            + " generated for " + entity + " (subscribed to " + mutation + "); rename it, or leave it out with"
            + " @model(subscriptions: false) on " + entity);
      }
    }
  }

  /** The longest type or field name: file names joining two of them stay within the 255 bytes file systems allow. */
  static final int MAX_NAME = 100;

  /**
   * Names of object, interface, union and enum types and of object fields become file names
   * ({@code Type.field.request.vtl}, {@code Mutation.updateType.before.vtl}, {@code Type.java})
   * and CloudFormation logical ids (255 characters at most).
   */
  private void longNames(SchemaIndex index, Diagnostics out) {
    for (var d : index.parsed().userDefinitions()) {
      if (d instanceof TypeDefinition<?> t && t.getName().length() > MAX_NAME) {
        out.error(code(), Spans.of(index, t), "the name of type " + t.getName().substring(0, 20) + "… has "
            + t.getName().length() + " characters; at most " + MAX_NAME + " (the file names and CloudFormation ids"
            + " made from it would exceed their 255-character limits)");
      }
    }
    for (ObjectTypeDefinition o : index.userObjects()) {
      for (FieldDefinition f : index.fields(o.getName())) {
        if (f.getName().length() > MAX_NAME) {
          out.error(code(), Spans.of(index, f), "the name of field " + o.getName() + "." + f.getName().substring(0, 20)
              + "… has " + f.getName().length() + " characters; at most " + MAX_NAME + " (the file names and"
              + " CloudFormation ids made from it would exceed their 255-character limits)");
        }
      }
    }
  }

  /** Reports types whose names differ only in case; returns each reported type's first twin. */
  private Map<String, String> typesDifferingInCase(SchemaIndex index, Diagnostics out) {
    Map<String, String> first = new HashMap<>();
    Map<String, String> twins = new HashMap<>();
    for (var d : index.parsed().userDefinitions()) {
      boolean named = d instanceof ObjectTypeDefinition || d instanceof UnionTypeDefinition
          || d instanceof InterfaceTypeDefinition || d instanceof EnumTypeDefinition;
      if (!named) {
        continue;
      }
      TypeDefinition<?> t = (TypeDefinition<?>) d;
      String key = t.getName().toLowerCase(Locale.ROOT);
      String earlier = first.putIfAbsent(key, t.getName());
      if (earlier != null && !earlier.equals(t.getName())) {
        twins.put(t.getName(), earlier);
        twins.putIfAbsent(earlier, t.getName());
        out.error(code(), Spans.of(index, t), "type " + t.getName() + " differs from type " + earlier
            + " only in case: their generated files (" + t.getName() + ".java, " + earlier
            + ".java, resolver templates) would overwrite each other on case-insensitive file systems; rename one");
      }
    }
    return twins;
  }

  private void defaultOperations(SchemaIndex index, Map<String, String> caseTwins, Diagnostics out) {
    Map<String, OperationScan.Default> byName = new HashMap<>();
    for (OperationScan.Default def : new OperationScan(index).defaults()) {
      OperationScan.Default earlier = byName.putIfAbsent(def.name(), def);
      if (earlier == null || def.entity().equals(caseTwins.get(earlier.entity()))) {
        continue;
      }
      Node<?> at = def.by().equals("id") || def.kind() != OperationKind.GET
          ? index.object(def.entity()).orElseThrow()
          : index.field(def.entity(), def.by()).orElseThrow();
      out.error(code(), Spans.of(index, at), "the default operation " + def.signature() + " of " + origin(def)
          + " has the name of " + earlier.signature() + " of " + origin(earlier) + "; declare one of them under "
          + "another name with @" + def.kind().name().toLowerCase(Locale.ROOT)
          + (def.kind() == OperationKind.GET ? "(by: \"" + def.by() + "\")" : "")
          + ", or rename a type or field");
    }
  }

  private static String origin(OperationScan.Default def) {
    return def.kind() == OperationKind.GET && !def.by().equals("id")
        ? def.entity() + "." + def.by() : def.entity();
  }

  private void javaIdentifiers(SchemaIndex index, Diagnostics out) {
    Set<String> storedEnums = new HashSet<>();
    for (ObjectTypeDefinition o : index.userObjects()) {
      if (!o.hasDirective("model")) {
        continue;
      }
      Map<String, String> members = new HashMap<>();
      for (FieldDefinition f : index.fields(o.getName())) {
        if (ModelFields.isRelation(f)) {
          continue;
        }
        if (index.isEnum(SchemaIndex.unwrap(f.getType()))) {
          storedEnums.add(SchemaIndex.unwrap(f.getType()));
        }
        String member = JavaIdentifiers.member(f.getName());
        String earlier = members.putIfAbsent(member, f.getName());
        if (earlier != null && !earlier.equals(f.getName())) { // the same name twice is ST050
          out.error(code(), Spans.of(index, f), o.getName() + "." + f.getName() + " and " + o.getName() + "." + earlier
              + " both become the Java record component " + member + "; rename one");
        }
      }
    }
    for (var d : index.parsed().userDefinitions()) {
      if (d instanceof EnumTypeDefinition e && storedEnums.contains(e.getName())) {
        Map<String, String> constants = new HashMap<>();
        for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
          String constant = JavaIdentifiers.constant(v.getName());
          String earlier = constants.putIfAbsent(constant, v.getName());
          if (earlier != null && !earlier.equals(v.getName())) { // the same value twice is ST050
            out.error(code(), Spans.of(index, v), e.getName() + "." + v.getName() + " and " + e.getName() + "." + earlier
                + " both become the Java enum constant " + constant + "; rename one");
          }
        }
      }
    }
  }
}
