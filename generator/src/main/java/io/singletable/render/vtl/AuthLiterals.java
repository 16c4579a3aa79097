package io.singletable.render.vtl;

import io.singletable.model.AuthOperation;
import io.singletable.model.AuthRule;
import io.singletable.model.AuthStrategy;
import io.singletable.model.EntityModel;
import io.singletable.model.FieldModel;
import io.singletable.model.ServiceModel;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code @auth} rules as VTL literals, the data the templates' rule evaluation ({@code vtl-lib.ftl}'s
 * {@code authorize}) interprets: a list of maps, one per rule, with {@code allow}, {@code provider} and, for owner
 * rules, {@code field}, {@code claim}, {@code list}; for groups rules, {@code groups} or {@code field} and
 * {@code list}.
 */
final class AuthLiterals {
  private AuthLiterals() {}

  /** The rules of {@code e} allowing {@code op}; null when the type has no rules (open to every caller). */
  static String rules(EntityModel e, AuthOperation op) {
    if (e.auth().open()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (AuthRule r : e.auth().rules(op)) {
      out.add(rule(e, r));
    }
    return "[" + String.join(", ", out) + "]";
  }

  /** The rules of {@code e} allowing {@code op} but its owner rules: those that let a caller change owner fields. */
  static String nonOwnerRules(EntityModel e, AuthOperation op) {
    List<String> out = new ArrayList<>();
    for (AuthRule r : e.auth().rules(op)) {
      if (r.allow() != AuthStrategy.OWNER) {
        out.add(rule(e, r));
      }
    }
    return "[" + String.join(", ", out) + "]";
  }

  /** The fields the rules allowing {@code op} read from the item (owner and groups fields), each once. */
  static String itemFields(EntityModel e, AuthOperation op) {
    List<String> out = new ArrayList<>();
    for (AuthRule r : e.auth().rules(op)) {
      String f = r.allow() == AuthStrategy.OWNER ? r.ownerField() : r.groupsField();
      if (f != null && !out.contains(VtlViews.quote(f))) {
        out.add(VtlViews.quote(f));
      }
    }
    return "[" + String.join(", ", out) + "]";
  }

  /**
   * The field-level rules of {@code e}: a map literal by field name of {@code {'create': […], 'read': […],
   * 'update': […]}}; null when no field has rules.
   */
  static String fieldRules(EntityModel e) {
    List<String> out = new ArrayList<>();
    for (FieldModel f : e.fields()) {
      if (f.auth().open()) {
        continue;
      }
      List<String> ops = new ArrayList<>();
      for (AuthOperation op : List.of(AuthOperation.CREATE, AuthOperation.READ, AuthOperation.UPDATE)) {
        List<String> rules = new ArrayList<>();
        for (AuthRule r : f.auth().rules(op)) {
          rules.add(rule(e, r));
        }
        ops.add("'" + op.graphqlName() + "': [" + String.join(", ", rules) + "]");
      }
      out.add(VtlViews.quote(f.name()) + ": {" + String.join(", ", ops) + "}");
    }
    return out.isEmpty() ? null : "{" + String.join(", ", out) + "}";
  }

  /** The read rules of a field with rules of its own (owner fields of its type's items, as for the type's). */
  static String fieldReadRules(EntityModel e, FieldModel f) {
    List<String> out = new ArrayList<>();
    for (AuthRule r : f.auth().rules(AuthOperation.READ)) {
      out.add(rule(e, r));
    }
    return "[" + String.join(", ", out) + "]";
  }

  /**
   * What a {@code @manyToMany} connect or disconnect needs of one side: a VTL list of rule lists, each of which must
   * admit the caller for the side's item as stored (the type's update rules, then those of the relation field's own
   * {@code @auth}, each only when present: {@code []} when the side is open).
   */
  static String linkRules(EntityModel e, FieldModel relationField) {
    List<String> sets = new ArrayList<>();
    if (!e.auth().open()) {
      sets.add(rules(e, AuthOperation.UPDATE));
    }
    if (relationField != null && !relationField.auth().open()) {
      List<String> out = new ArrayList<>();
      for (AuthRule r : relationField.auth().rules(AuthOperation.UPDATE)) {
        out.add(rule(e, r));
      }
      sets.add("[" + String.join(", ", out) + "]");
    }
    return "[" + String.join(", ", sets) + "]";
  }

  /** The item fields (owner and groups fields) {@link #linkRules} read, each once, in rule order. */
  static List<String> linkRuleFields(EntityModel e, FieldModel relationField) {
    List<AuthRule> all = new ArrayList<>();
    if (!e.auth().open()) {
      all.addAll(e.auth().rules(AuthOperation.UPDATE));
    }
    if (relationField != null && !relationField.auth().open()) {
      all.addAll(relationField.auth().rules(AuthOperation.UPDATE));
    }
    List<String> out = new ArrayList<>();
    for (AuthRule r : all) {
      String f = r.allow() == AuthStrategy.OWNER ? r.ownerField() : r.groupsField();
      if (f != null && !out.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /** The owner fields a create fills from the caller's claim when the input leaves them out. */
  static String ownerDefaults(EntityModel e) {
    List<String> out = new ArrayList<>();
    for (AuthRule r : e.auth().rules(AuthOperation.CREATE)) {
      if (r.allow() == AuthStrategy.OWNER) {
        String literal = "{'field': " + VtlViews.quote(r.ownerField()) + ", 'claim': " + text(r.identityClaim())
            + ", 'list': " + isList(e, r.ownerField()) + "}";
        if (!out.contains(literal)) {
          out.add(literal);
        }
      }
    }
    return "[" + String.join(", ", out) + "]";
  }

  /** The owner fields of {@code e}'s owner rules allowing update: immutable to callers only owner rules admit. */
  static String ownerFields(EntityModel e) {
    List<String> out = new ArrayList<>();
    for (AuthRule r : e.auth().rules(AuthOperation.UPDATE)) {
      if (r.allow() == AuthStrategy.OWNER && !out.contains(VtlViews.quote(r.ownerField()))) {
        out.add(VtlViews.quote(r.ownerField()));
      }
    }
    return "[" + String.join(", ", out) + "]";
  }

  /**
   * The read rules of each type of {@code members} that has rules, as a map literal by typename; null when every
   * member is open.
   */
  static String readRulesByType(ServiceModel model, List<String> members) {
    List<String> out = new ArrayList<>();
    for (String m : members) {
      EntityModel e = model.entity(m).orElse(null);
      String rules = e == null ? null : rules(e, AuthOperation.READ);
      if (rules != null) {
        out.add(VtlViews.quote(m) + ": " + rules);
      }
    }
    return out.isEmpty() ? null : "{" + String.join(", ", out) + "}";
  }

  private static String rule(EntityModel e, AuthRule r) {
    StringBuilder sb = new StringBuilder("{'allow': '").append(r.allow().graphqlName()).append("', 'provider': '")
        .append(r.provider().graphqlName()).append('\'');
    if (r.allow() == AuthStrategy.OWNER) {
      sb.append(", 'field': ").append(VtlViews.quote(r.ownerField())).append(", 'claim': ").append(text(r.identityClaim()))
          .append(", 'list': ").append(isList(e, r.ownerField()));
    } else if (r.allow() == AuthStrategy.GROUPS && r.groupsField() != null) {
      sb.append(", 'field': ").append(VtlViews.quote(r.groupsField())).append(", 'list': ")
          .append(isList(e, r.groupsField()));
    } else if (r.allow() == AuthStrategy.GROUPS) {
      sb.append(", 'groups': [").append(String.join(", ", r.groups().stream().map(AuthLiterals::text).toList()))
          .append(']');
    }
    return sb.append('}').toString();
  }

  private static boolean isList(EntityModel e, String field) {
    return e.field(field).map(FieldModel::type).map(t -> t.list()).orElse(false);
  }

  /** Any text as a single-quoted VTL string: a quote doubled, the only character such a literal cannot hold. */
  static String text(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
