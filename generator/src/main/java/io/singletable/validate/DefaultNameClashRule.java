package io.singletable.validate;

import graphql.language.FieldDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.model.OperationKind;
import io.singletable.parse.OperationScan;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.Optional;

/**
 * ST033: a root field with a default operation's name must have exactly its signature (then it
 * is that default operation); anything else would be silently overridden.
 */
final class DefaultNameClashRule implements SchemaRule {
  @Override
  public String code() {
    return "ST033";
  }

  @Override
  public String summary() {
    return "declared field with a default operation's name but another signature";
  }

  private static String describe(OperationKind kind, String entity, String by) {
    String a = ("AEIOU".indexOf(entity.charAt(0)) >= 0 ? "an " : "a ") + entity;
    return switch (kind) {
      case GET -> "looks up " + a + " by " + by;
      case CREATE -> "creates " + a;
      case UPDATE -> "updates " + a;
      case DELETE -> "deletes " + a;
    };
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    OperationScan scan = new OperationScan(index);
    for (OperationScan.Default def : scan.defaults()) {
      Optional<FieldDefinition> existing = index.field(def.rootType(), def.name());
      if (existing.isEmpty()) {
        continue;
      }
      FieldDefinition f = existing.get();
      Optional<OperationScan.Declared> declared = scan.declared().stream().filter(d -> d.field() == f).findFirst();
      String actual = OperationScan.signatureOf(f);
      String at = def.rootType() + "." + def.name();
      if (!actual.equals(def.signature())) {
        out.error(code(), Spans.of(index, f), at + " is the name of the default operation " + def.signature()
            + " but is declared as " + actual + "; rename it, or declare it with exactly the default signature");
      } else if (declared.isPresent()) {
        OperationScan.Declared d = declared.get();
        out.error(code(), Spans.of(index, f), at + " has the name and signature of the default operation "
            + def.signature() + ", which " + describe(def.kind(), def.entity(), def.by()) + ", but its @"
            + d.directive().getName() + " " + describe(d.kind(), d.entity(), d.by())
            + "; make it that operation, or rename it");
      }
    }
  }
}
