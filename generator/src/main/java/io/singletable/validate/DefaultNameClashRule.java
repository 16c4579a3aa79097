package io.singletable.validate;

import graphql.language.FieldDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.model.build.OperationScan;
import io.singletable.parse.SchemaIndex;
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

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    OperationScan scan = new OperationScan(index);
    for (OperationScan.Default def : scan.defaults()) {
      Optional<FieldDefinition> existing = index.field(def.rootType(), def.name());
      if (existing.isEmpty()) {
        continue;
      }
      FieldDefinition f = existing.get();
      boolean operationDirective = scan.declared().stream().anyMatch(d -> d.field() == f);
      String actual = OperationScan.signatureOf(f);
      if (operationDirective || !actual.equals(def.signature())) {
        out.error(code(), SchemaIndex.span(f), def.rootType() + "." + def.name() + " is the name of the default "
            + "operation " + def.signature() + " but is declared as " + actual
            + "; rename it, or declare it with exactly the default signature");
      }
    }
  }
}
