package io.singletable.model;

import io.singletable.diag.SourceSpan;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One rule of {@code @auth(rules:)} (SPEC §2.4): who it admits, for which operations.
 *
 * @param allow the strategy
 * @param ownerField owner rules: the field holding the owners' identity claims (a string or a list); else null
 * @param identityClaim owner rules: the claim of the caller's token compared with the owner field; else null
 * @param groups groups rules: the static groups (claim {@code cognito:groups}); else empty
 * @param groupsField groups rules: the field naming the item's groups, instead of static groups; else null
 * @param provider how the callers it admits authenticate (resolved: never null)
 * @param operations the operations it allows
 * @param span where the rule is written
 */
public record AuthRule(AuthStrategy allow, String ownerField, String identityClaim, List<String> groups,
    String groupsField, AuthProvider provider, Set<AuthOperation> operations, SourceSpan span) {

  public AuthRule {
    groups = List.copyOf(groups);
    operations = java.util.Collections.unmodifiableSet(operations.isEmpty()
        ? EnumSet.noneOf(AuthOperation.class) : EnumSet.copyOf(operations)); // in enum order
  }

  /** The provider a rule has when none is written: user pools for owner, groups and private, the API key for public. */
  public static AuthProvider defaultProvider(AuthStrategy allow) {
    return allow == AuthStrategy.PUBLIC ? AuthProvider.API_KEY : AuthProvider.USER_POOLS;
  }

  public boolean allows(AuthOperation op) {
    return operations.contains(op);
  }

  /** The stored field whose value the rule compares with the caller (owner, or groups from a field); else null. */
  public String itemField() {
    return allow == AuthStrategy.OWNER ? ownerField : allow == AuthStrategy.GROUPS ? groupsField : null;
  }

  /** True for a rule whose admission depends on the item's fields (owner, or groups from a field). */
  public boolean dependsOnItem() {
    return allow == AuthStrategy.OWNER || (allow == AuthStrategy.GROUPS && groupsField != null);
  }
}
