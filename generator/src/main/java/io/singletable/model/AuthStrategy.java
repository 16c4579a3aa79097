package io.singletable.model;

import java.util.Locale;

/** {@code allow:} of an {@code @auth} rule (SPEC §2.4). */
public enum AuthStrategy {
  /** The item's owner field holds the caller's identity claim. */
  OWNER,
  /** The caller is in one of the rule's groups, or of the groups the item names. */
  GROUPS,
  /** Any signed-in caller of the rule's provider. */
  PRIVATE,
  /** Any caller of the rule's provider (the API key by default). */
  PUBLIC;

  /** The value's name in the schema ({@code owner}, …). */
  public String graphqlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
