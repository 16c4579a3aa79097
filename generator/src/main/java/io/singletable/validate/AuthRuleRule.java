package io.singletable.validate;

import graphql.language.ArrayValue;
import graphql.language.EnumValue;
import graphql.language.FieldDefinition;
import graphql.language.Node;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectTypeDefinition;
import graphql.language.StringValue;
import graphql.language.Value;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * ST055: {@code @auth} rules (SPEC §2.4) that can be enforced: on {@code @model} types and their fields only; each
 * rule's fields known and of the right kind; owner and group fields that exist and hold strings; a provider that
 * can identify the caller the strategy needs; operations that exist where the rule is; no rule written twice.
 */
final class AuthRuleRule implements SchemaRule {
  private static final List<String> FIELDS = List.of("allow", "ownerField", "identityClaim", "groups", "groupsField",
      "provider", "operations");
  private static final List<String> STRATEGIES = List.of("owner", "groups", "private", "public");
  private static final List<String> PROVIDERS = List.of("userPools", "iam", "apiKey");
  private static final List<String> OPERATIONS = List.of("create", "read", "update", "delete");

  @Override
  public String code() {
    return "ST055";
  }

  @Override
  public String summary() {
    return "@auth rule that cannot be enforced";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    Map<String, List<ObjectField>> typeRuleFields = new java.util.HashMap<>(); // Type -> fields naming owners/groups
    List<DirectiveUses.Use> uses = DirectiveUses.all(index).stream()
        .filter(u -> u.directive().getName().equals("auth")).toList();
    // type-level rules first: field-level ones are checked against the fields they name
    for (DirectiveUses.Use u : uses) {
      if (u.container() instanceof ObjectTypeDefinition o) {
        String where = "@auth on " + o.getName() + ": ";
        if (!index.isModel(o.getName())) {
          out.error(code(), Spans.of(index, u.directive()), where + "only @model types and their fields take @auth "
              + "rules (" + o.getName() + " is not a @model type)");
          continue;
        }
        rules(index, u, o.getName(), null, where, out, typeRuleFields);
      }
    }
    for (DirectiveUses.Use u : uses) {
      if (u.container() instanceof ObjectTypeDefinition) {
        continue;
      }
      String where = "@auth on " + u.where() + ": ";
      if (!(u.container() instanceof FieldDefinition f) || u.where().indexOf('.') < 0) {
        continue; // a place @auth is not declared for: the location rule says so
      }
      String owner = u.where().substring(0, u.where().indexOf('.'));
      if (!index.isModel(owner)) {
        out.error(code(), Spans.of(index, u.directive()), where + "only @model types and their fields take @auth rules ("
            + owner + " is not a @model type" + (owner.equals("Query") || owner.equals("Mutation")
            ? "; put the rules on the type the operation returns or changes" : "") + ")");
        continue;
      }
      if (f.getName().equals("id")) {
        out.error(code(), Spans.of(index, u.directive()), where + "id cannot have rules of its own: every path "
            + "needs it (put the rules on " + owner + ")");
        continue;
      }
      for (ObjectField named : typeRuleFields.getOrDefault(owner, List.of())) {
        if (named.getValue() instanceof StringValue s && s.getValue().equals(f.getName())) {
          out.error(code(), Spans.of(index, u.directive()), where + f.getName() + " is the " + named.getName()
              + " of a rule of " + owner + ", which reads it for every caller; it cannot have rules of its own");
        }
      }
      rules(index, u, owner, f, where, out, null);
    }
  }

  /** The rules of one {@code @auth}; {@code field}: null for type-level rules. */
  private void rules(SchemaIndex index, DirectiveUses.Use u, String type, FieldDefinition field, String where,
      Diagnostics out, Map<String, List<ObjectField>> typeRuleFields) {
    var arg = u.directive().getArgument("rules");
    if (arg == null) {
      return; // ST004 says it is missing
    }
    List<Value<?>> values = new ArrayList<>();
    if (arg.getValue() instanceof ArrayValue a) {
      a.getValues().forEach(values::add);
    } else {
      values.add(arg.getValue());
    }
    if (values.isEmpty()) {
      out.error(code(), Spans.of(index, arg), where + "rules: [] allows nothing to anyone; write at least one rule, "
          + "or remove @auth to leave " + (field == null ? type : type + "." + field.getName()) + " open");
    }
    Set<String> seen = new HashSet<>();
    for (Value<?> v : values) {
      if (!(v instanceof graphql.language.ObjectValue rule)) {
        continue; // ST004: not an AuthRule
      }
      String key = rule(index, rule, type, field, where, out, typeRuleFields);
      if (key != null && !seen.add(key)) {
        out.error(code(), Spans.of(index, rule), where + "the same rule twice");
      }
    }
  }

  /** Checks one rule; a key identifying it (null when it has errors). */
  private String rule(SchemaIndex index, graphql.language.ObjectValue rule, String type, FieldDefinition field,
      String where, Diagnostics out, Map<String, List<ObjectField>> typeRuleFields) {
    int before = out.errorCount();
    java.util.Map<String, ObjectField> fields = new java.util.LinkedHashMap<>();
    for (ObjectField f : rule.getObjectFields()) {
      if (!FIELDS.contains(f.getName())) {
        out.error(code(), at(index, f, rule), where + "AuthRule has no field " + f.getName()
            + Suggest.didYouMean(f.getName(), FIELDS));
      } else if (fields.putIfAbsent(f.getName(), f) != null) {
        out.error(code(), at(index, f, rule), where + f.getName() + " given twice in one rule");
      } else if (f.getValue() instanceof NullValue && f.getName().equals("allow")) {
        out.error(code(), at(index, f, rule), where + "allow cannot be null");
      }
    }
    String allow = enumValue(index, fields.get("allow"), STRATEGIES, "allow", "AuthStrategy", where, out, rule);
    if (fields.get("allow") == null) {
      out.error(code(), Spans.of(index, rule), where + "a rule needs allow: owner, groups, private or public");
    }
    String provider = enumValue(index, fields.get("provider"), PROVIDERS, "provider", "AuthProvider", where, out, rule);
    List<String> operations = new ArrayList<>();
    ObjectField opsField = fields.get("operations");
    if (opsField != null && !(opsField.getValue() instanceof NullValue)) {
      List<Value<?>> ops = items(opsField.getValue());
      if (ops.isEmpty()) {
        out.error(code(), at(index, opsField, rule), where + "operations: [] allows nothing; list create, read, "
            + "update or delete, or leave it out for all four");
      }
      for (Value<?> op : ops) {
        if (op instanceof EnumValue e && OPERATIONS.contains(e.getName())) {
          operations.add(e.getName());
        } else {
          out.error(code(), at(index, op, rule), where + "operations expects AuthOperation values (create, read, "
              + "update, delete), found " + print(op) + (op instanceof EnumValue e
              ? Suggest.didYouMean(e.getName(), OPERATIONS) : ""));
        }
      }
    } else {
      operations.addAll(OPERATIONS);
    }
    for (String s : List.of("ownerField", "identityClaim", "groupsField")) {
      ObjectField f = fields.get(s);
      if (f != null && !(f.getValue() instanceof StringValue) && !(f.getValue() instanceof NullValue)) {
        out.error(code(), at(index, f, rule), where + s + " expects a String, found " + print(f.getValue()));
      }
    }
    ObjectField groupsField = fields.get("groups");
    List<String> groups = new ArrayList<>();
    if (groupsField != null && !(groupsField.getValue() instanceof NullValue)) {
      for (Value<?> g : items(groupsField.getValue())) {
        if (g instanceof StringValue s && !s.getValue().isBlank()) {
          groups.add(s.getValue());
        } else {
          out.error(code(), at(index, g, rule), where + "groups expects non-empty group names, found " + print(g));
        }
      }
    }
    if (allow == null) {
      return null;
    }
    String effectiveProvider = provider != null ? provider : allow.equals("public") ? "apiKey" : "userPools";
    // fields that only some strategies take
    if (!allow.equals("owner")) {
      for (String s : List.of("ownerField", "identityClaim")) {
        if (fields.containsKey(s)) {
          out.error(code(), at(index, fields.get(s), rule), where + s + " is for owner rules, not " + allow + " rules");
        }
      }
    }
    if (!allow.equals("groups")) {
      for (String s : List.of("groups", "groupsField")) {
        if (fields.containsKey(s)) {
          out.error(code(), at(index, fields.get(s), rule), where + s + " is for groups rules, not " + allow + " rules");
        }
      }
    }
    switch (allow) {
      case "owner" -> {
        String ownerField = stringValue(fields.get("ownerField"), "owner");
        checkIdentityField(index, type, ownerField, "ownerField", fields.get("ownerField"), rule, where, out);
        String claim = stringValue(fields.get("identityClaim"), "sub");
        if (claim.isBlank()) {
          out.error(code(), at(index, fields.get("identityClaim"), rule), where + "identityClaim cannot be empty");
        }
        if (!effectiveProvider.equals("userPools")) {
          out.error(code(), at(index, fields.getOrDefault("provider", fields.get("allow")), rule), where
              + "owner rules need provider userPools: an " + effectiveProvider + " caller has no identity claim to "
              + "compare with " + ownerField);
        }
        if (typeRuleFields != null && fields.get("ownerField") != null) {
          typeRuleFields.computeIfAbsent(type, k -> new ArrayList<>()).add(fields.get("ownerField"));
        } else if (typeRuleFields != null) {
          typeRuleFields.computeIfAbsent(type, k -> new ArrayList<>()).add(
              new ObjectField("ownerField", StringValue.newStringValue("owner").build()));
        }
      }
      case "groups" -> {
        boolean hasStatic = groupsField != null && !(groupsField.getValue() instanceof NullValue);
        ObjectField dynamic = fields.get("groupsField");
        boolean hasDynamic = dynamic != null && dynamic.getValue() instanceof StringValue;
        if (hasStatic == hasDynamic) {
          out.error(code(), Spans.of(index, rule), where + "a groups rule needs either groups (static group names) "
              + "or groupsField (a field naming each item's groups)" + (hasStatic ? ", not both" : ""));
        } else if (hasStatic && groups.isEmpty() && out.errorCount() == before) {
          out.error(code(), at(index, groupsField, rule), where + "groups: [] admits no one; name at least one group");
        }
        if (hasDynamic) {
          checkIdentityField(index, type, ((StringValue) dynamic.getValue()).getValue(), "groupsField", dynamic, rule,
              where, out);
          if (typeRuleFields != null) {
            typeRuleFields.computeIfAbsent(type, k -> new ArrayList<>()).add(dynamic);
          }
        }
        if (!effectiveProvider.equals("userPools")) {
          out.error(code(), at(index, fields.getOrDefault("provider", fields.get("allow")), rule), where
              + "groups rules need provider userPools: groups are the cognito:groups claim of a user pool's token");
        }
      }
      case "private" -> {
        if (effectiveProvider.equals("apiKey")) {
          out.error(code(), at(index, fields.get("provider"), rule), where + "private rules admit signed-in callers: "
              + "provider userPools or iam, not apiKey (use allow: public for API key callers)");
        }
      }
      default -> { // public
        if (effectiveProvider.equals("userPools")) {
          out.error(code(), at(index, fields.get("provider"), rule), where + "public rules admit callers without a "
              + "sign-in: provider apiKey or iam, not userPools (use allow: private for signed-in users)");
        }
      }
    }
    if (field != null) {
      boolean relation = field.getDirectives().stream().anyMatch(d -> d.getName().equals("hasMany")
          || d.getName().equals("belongsTo") || d.getName().equals("hasOne"));
      String name = field.getName();
      boolean automatic = (name.equals("createdAt") || name.equals("updatedAt"))
          && SchemaIndex.unwrap(field.getType()).equals("AWSDateTime");
      if (relation || automatic) {
        for (String op : List.of("create", "update", "delete")) {
          if (operations.contains(op) && opsField != null) {
            out.error(code(), at(index, opsField, rule), where + op + " does not apply to " + name + ", which "
                + (relation ? "is a relation" : "the resolvers set") + " and no input carries; list read only");
            break;
          }
        }
      }
    }
    if (out.errorCount() != before) {
      return null;
    }
    return allow + "|" + effectiveProvider + "|" + stringValue(fields.get("ownerField"), "") + "|"
        + stringValue(fields.get("identityClaim"), "") + "|" + new TreeSet<>(groups) + "|"
        + stringValue(fields.get("groupsField"), "") + "|" + new TreeSet<>(operations);
  }

  /** An owner or groups field: a stored field of the type holding a string or a list of strings. */
  private void checkIdentityField(SchemaIndex index, String type, String name, String param, ObjectField given,
      Node<?> rule, String where, Diagnostics out) {
    Node<?> at = given != null ? given : rule;
    Optional<FieldDefinition> f = index.field(type, name);
    if (f.isEmpty()) {
      List<String> candidates = index.fields(type).stream()
          .filter(x -> isStringish(x)).map(FieldDefinition::getName).toList();
      out.error(code(), at(index, at, rule), where + param + " \"" + name + "\" is not a field of " + type
          + (given == null ? " (the default; add it as a String field or name another)" : "")
          + Suggest.didYouMean(name, candidates));
      return;
    }
    FieldDefinition def = f.get();
    if (name.equals("id")) {
      out.error(code(), at(index, at, rule), where + param + " cannot be id: an item's id is not its owner's");
    } else if (def.getDirectives().stream().anyMatch(d -> List.of("hasMany", "belongsTo", "hasOne").contains(d.getName()))) {
      out.error(code(), at(index, at, rule), where + param + " " + name + " is a relation; name the field holding "
          + "the identity claims (a String or [String])");
    } else if (!isStringish(def)) {
      out.error(code(), at(index, at, rule), where + param + " " + type + "." + name + " must be String, ID or a list "
          + "of them, found " + ArgumentValueRule.print(def.getType()));
    } else if (def.getDirectives().stream().anyMatch(d -> d.getName().equals("unique"))) {
      out.error(code(), at(index, at, rule), where + param + " " + name + " is @unique: one owner could then have "
          + "only one " + type);
    }
  }

  /** Where to report a problem with a part of a rule: the part when the parser located it, else the value in it, else the rule. */
  private static io.singletable.diag.SourceSpan at(SchemaIndex index, Node<?> part, Node<?> rule) {
    if (part instanceof ObjectField f && f.getSourceLocation() == null && f.getValue().getSourceLocation() != null) {
      return Spans.of(index, f.getValue());
    }
    return part != null && part.getSourceLocation() != null ? Spans.of(index, part) : Spans.of(index, rule);
  }

  private static boolean isStringish(FieldDefinition f) {
    String t = SchemaIndex.unwrap(f.getType());
    return t.equals("String") || t.equals("ID");
  }

  /** The value of an enum field of the rule, when it is one of {@code allowed}; errors otherwise. */
  private String enumValue(SchemaIndex index, ObjectField f, List<String> allowed, String name, String enumType,
      String where, Diagnostics out, Node<?> rule) {
    if (f == null || f.getValue() instanceof NullValue) {
      return null;
    }
    if (f.getValue() instanceof EnumValue e && allowed.contains(e.getName())) {
      return e.getName();
    }
    out.error(code(), at(index, f, rule), where + name + " expects " + enumType + " (" + String.join(", ", allowed)
        + "), found " + print(f.getValue()) + (f.getValue() instanceof EnumValue e
        ? Suggest.didYouMean(e.getName(), allowed) : ""));
    return null;
  }

  private static String stringValue(ObjectField f, String otherwise) {
    return f != null && f.getValue() instanceof StringValue s ? s.getValue() : otherwise;
  }

  private static List<Value<?>> items(Value<?> v) {
    List<Value<?>> out = new ArrayList<>();
    if (v instanceof ArrayValue a) {
      a.getValues().forEach(out::add);
    } else {
      out.add(v);
    }
    return out;
  }

  private static String print(Value<?> v) {
    return graphql.language.AstPrinter.printAst(v);
  }
}
