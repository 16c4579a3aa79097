package io.singletable.validate;

import graphql.language.FieldDefinition;
import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.List;
import java.util.Optional;

/**
 * ST021: {@code @belongsTo}/{@code @hasOne} is on a field of type {@code T} or {@code [T]} (T a
 * model, union or interface) and its {@code field} is the owner's own {@code ID} (or {@code [ID]}).
 */
final class BelongsToRule implements SchemaRule {
  @Override
  public String code() {
    return "ST021";
  }

  @Override
  public String summary() {
    return "@belongsTo/@hasOne field missing, of the wrong shape, or pointing at a non-model";
  }

  @Override
  public void check(SchemaIndex index, Diagnostics out) {
    for (String directive : new String[] {"belongsTo", "hasOne"}) {
      for (ModelFields.WithDirective w : ModelFields.using(index, directive)) {
        checkOne(index, directive, w, out);
      }
    }
  }

  private void checkOne(SchemaIndex index, String directive, ModelFields.WithDirective w, Diagnostics out) {
    String at = "@" + directive + " on " + w.label() + ": ";
    var type = w.field().getType();
    String element = SchemaIndex.unwrap(type);
    boolean list = SchemaIndex.isList(type);
    // an undefined element type is ST005's finding alone
    if (SchemaIndex.isNestedList(type) || (index.isDefined(element) && !index.isRelationTarget(element))) {
      out.error(code(), Spans.of(index, w.field()), at + "the field must be T or [T] with T a @model type, "
          + "union or interface; found " + ArgumentValueRule.print(type));
    }
    String key = index.stringArg(w.directive(), "field");
    if (key == null) {
      return;
    }
    Optional<FieldDefinition> keyField = index.field(w.owner().getName(), key);
    String expected = list ? "[ID]" : "ID";
    if (keyField.isEmpty()) {
      out.error(code(), Spans.of(index, w.directive()), at + w.owner().getName() + " has no field " + key
          + " (of type " + expected + ") to hold the related id" + (list ? "s" : "")
          + Suggest.didYouMean(key, index.fields(w.owner().getName()).stream()
              .filter(f -> SchemaIndex.unwrap(f.getType()).equals("ID")).map(f -> f.getName()).toList()));
      return;
    }
    if (keyField.get() == w.field()) {
      List<String> ids = index.fields(w.owner().getName()).stream()
          .filter(f -> SchemaIndex.unwrap(f.getType()).equals("ID") && SchemaIndex.isList(f.getType()) == list)
          .map(f -> f.getName()).toList();
      String guess = ids.contains(key + "Id") ? key + "Id" : ids.contains(key + "Ids") ? key + "Ids" : null;
      out.error(code(), Spans.of(index, w.directive()), at + "\"" + key + "\" is this relation field itself; field: names "
          + "the field of type " + expected + " that holds the related id" + (list ? "s" : "")
          + (guess != null ? "; did you mean " + guess + "?" : Suggest.didYouMean(key, ids)));
      return;
    }
    var kt = keyField.get().getType();
    boolean ok = SchemaIndex.unwrap(kt).equals("ID") && SchemaIndex.isList(kt) == list && !SchemaIndex.isNestedList(kt);
    if (!ok) {
      out.error(code(), Spans.of(index, w.directive()), at + w.owner().getName() + "." + key + " must be of type "
          + expected + ", found " + ArgumentValueRule.print(kt));
    }
  }
}
