package io.singletable.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code @auth} rules of a type or a field; none: open to every caller the API admits. An operation is allowed
 * when any rule allowing it admits the caller.
 */
public record AuthRules(List<AuthRule> rules) {
  /** No rules. */
  public static final AuthRules OPEN = new AuthRules(List.of());

  public AuthRules {
    rules = List.copyOf(rules);
  }

  /** True without rules. */
  public boolean open() {
    return rules.isEmpty();
  }

  /** The rules allowing {@code op}, in the order written. */
  public List<AuthRule> rules(AuthOperation op) {
    return rules.stream().filter(r -> r.allows(op)).toList();
  }

  /** The providers the rules name, in enum order. */
  public Set<AuthProvider> providers() {
    Set<AuthProvider> out = EnumSet.noneOf(AuthProvider.class);
    rules.forEach(r -> out.add(r.provider()));
    return out;
  }
}
