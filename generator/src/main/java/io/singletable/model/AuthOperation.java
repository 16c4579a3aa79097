package io.singletable.model;

import java.util.Locale;

/** An operation an {@code @auth} rule allows. */
public enum AuthOperation {
  CREATE, READ, UPDATE, DELETE;

  /** The value's name in the schema ({@code create}, …). */
  public String graphqlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
