package io.singletable.model.build;

import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.EnumValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import io.singletable.model.AuthOperation;
import io.singletable.model.AuthProvider;
import io.singletable.model.AuthRule;
import io.singletable.model.AuthRules;
import io.singletable.model.AuthStrategy;
import io.singletable.parse.SchemaIndex;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code @auth(rules:)} of a type or field, read into {@link AuthRules} with the SDL's defaults applied. Values
 * the validation refuses (ST055) are read leniently here: an unknown strategy or provider reads as absent.
 */
public final class AuthRulesReader {
  /** Default {@code ownerField}. */
  public static final String OWNER_FIELD = "owner";
  /** Default {@code identityClaim}. */
  public static final String IDENTITY_CLAIM = "sub";

  private AuthRulesReader() {}

  /** The rules of {@code element}'s {@code @auth}; none without it. */
  public static AuthRules read(SchemaIndex index, DirectivesContainer<?> element) {
    Directive d = SchemaIndex.directive(element, "auth").orElse(null);
    if (d == null || d.getArgument("rules") == null) {
      return AuthRules.OPEN;
    }
    List<AuthRule> rules = new ArrayList<>();
    for (Value<?> v : list(d.getArgument("rules").getValue())) {
      if (v instanceof ObjectValue o) {
        AuthRule r = rule(index, o);
        if (r != null) {
          rules.add(r);
        }
      }
    }
    return new AuthRules(rules);
  }

  /** One rule; null when {@code allow} is missing or unknown. */
  static AuthRule rule(SchemaIndex index, ObjectValue o) {
    AuthStrategy allow = strategy(enumName(field(o, "allow")));
    if (allow == null) {
      return null;
    }
    Value<?> provider = field(o, "provider");
    AuthProvider p = provider == null ? null : AuthProvider.ofGraphqlName(enumName(provider));
    if (p == null) {
      p = AuthRule.defaultProvider(allow);
    }
    Value<?> ops = field(o, "operations");
    Set<AuthOperation> operations = EnumSet.noneOf(AuthOperation.class);
    if (ops == null) {
      operations.addAll(EnumSet.allOf(AuthOperation.class));
    } else {
      for (Value<?> v : list(ops)) {
        AuthOperation op = operation(enumName(v));
        if (op != null) {
          operations.add(op);
        }
      }
    }
    String ownerField = allow == AuthStrategy.OWNER ? string(field(o, "ownerField"), OWNER_FIELD) : null;
    String claim = allow == AuthStrategy.OWNER ? string(field(o, "identityClaim"), IDENTITY_CLAIM) : null;
    List<String> groups = new ArrayList<>();
    String groupsField = null;
    if (allow == AuthStrategy.GROUPS) {
      Value<?> g = field(o, "groups");
      if (g != null) {
        for (Value<?> v : list(g)) {
          if (v instanceof StringValue s) {
            groups.add(s.getValue());
          }
        }
      }
      groupsField = string(field(o, "groupsField"), null);
    }
    return new AuthRule(allow, ownerField, claim, groups, groupsField, p, operations, index.locate(o));
  }

  /** The value of {@code o}'s field {@code name}, or null when absent (a written {@code null} included). */
  static Value<?> field(ObjectValue o, String name) {
    for (ObjectField f : o.getObjectFields()) {
      if (f.getName().equals(name)) {
        return f.getValue() instanceof graphql.language.NullValue ? null : f.getValue();
      }
    }
    return null;
  }

  /** A list value's items; a single value as a list of one (GraphQL's input coercion). */
  static List<Value<?>> list(Value<?> v) {
    if (v instanceof ArrayValue a) {
      List<Value<?>> out = new ArrayList<>();
      a.getValues().forEach(out::add);
      return out;
    }
    return v == null ? List.of() : List.of(v);
  }

  private static String enumName(Value<?> v) {
    return v instanceof EnumValue e ? e.getName() : null;
  }

  private static String string(Value<?> v, String otherwise) {
    return v instanceof StringValue s ? s.getValue() : otherwise;
  }

  static AuthStrategy strategy(String name) {
    for (AuthStrategy s : AuthStrategy.values()) {
      if (s.graphqlName().equals(name)) {
        return s;
      }
    }
    return null;
  }

  static AuthOperation operation(String name) {
    for (AuthOperation op : AuthOperation.values()) {
      if (op.graphqlName().equals(name)) {
        return op;
      }
    }
    return null;
  }

  /** For messages: the strategy's name as written. */
  static String name(AuthStrategy s) {
    return s.name().toLowerCase(Locale.ROOT);
  }
}
