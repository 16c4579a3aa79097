package io.singletable.validate;

import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;

/**
 * ST026: an update that changes every {@code @unique} field of an item writes, in one
 * TransactWriteItems, the node, the new unique items and deletes of the old ones: {@code 1 + 2n}
 * actions, and DynamoDB takes at most 100. So a type may have at most 49 {@code @unique} fields.
 */
final class UniqueCountRule implements SchemaRule {
  /** DynamoDB's limit on the actions of one TransactWriteItems. */
  static final int TRANSACTION_ACTIONS = 100;
  /** The most {@code @unique} fields one type may have: {@code 1 + 2n <= 100}. */
  static final int MAX_UNIQUE_FIELDS = (TRANSACTION_ACTIONS - 1) / 2;

  @Override
  public String code() {
    return "ST026";
  }

  @Override
  public String summary() {
    return "more than 49 @unique fields on one type (an update's transaction would pass DynamoDB's 100 actions)";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (ObjectTypeDefinition o : index.userObjects()) {
      if (!o.hasDirective("model")) {
        continue;
      }
      int count = 0;
      for (FieldDefinition f : index.fields(o.getName())) {
        if (f.hasDirective("unique") && ++count == MAX_UNIQUE_FIELDS + 1) {
          long total = index.fields(o.getName()).stream().filter(g -> g.hasDirective("unique")).count();
          out.error(code(), Spans.of(index, f.getDirectives("unique").get(0)), o.getName() + " has " + total
              + " @unique fields, at most " + MAX_UNIQUE_FIELDS + " are possible: an update changing all of them writes the item, "
              + total + " new unique items and deletes " + total + " old ones in one transaction ("
              + (1 + 2 * total) + " actions), and DynamoDB allows " + TRANSACTION_ACTIONS + "; this is the "
              + (MAX_UNIQUE_FIELDS + 1) + "th");
        }
      }
    }
  }
}
