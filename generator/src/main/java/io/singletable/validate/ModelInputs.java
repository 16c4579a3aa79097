package io.singletable.validate;

import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputObjectTypeExtensionDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import io.singletable.diag.SourceSpan;
import io.singletable.model.EntityModel;
import io.singletable.model.OperationKind;
import io.singletable.model.StorageLayout;
import io.singletable.parse.OperationScan;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.Spans;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The author's {@code @create}/{@code @update} input types checked against the model they write
 * (ST035–ST039). An input type is the argument {@code input} of a declared operation, or a
 * {@code CreateTInput}/{@code UpdateTInput} the schema defines itself for a default operation.
 * The inputs the generator makes (DeployableSchemaRenderer) satisfy every check by construction:
 * create {@code id: ID} plus every stored field but the automatic timestamps with the model's
 * type; update {@code id: ID!} plus the same fields, nullable. On a {@code @model(versioned: true)} type,
 * {@code version} is the resolvers' (refused like the timestamps) and an update input may carry
 * {@code expectedVersion: Int} (or {@code Int!}); one that does not simply offers no version check.
 *
 * <p>An input type serving several operations (several creates, a create and an update, operations
 * of two models) is checked in every role, and each problem (a code at an input field, or a missing
 * model field) is reported once; the rules ST035…ST039 each report their own code.
 */
final class ModelInputs {
  static final String UNKNOWN = "ST035";
  static final String RESERVED_NAME = "ST036";
  static final String WRONG_TYPE = "ST037";
  static final String MISSING = "ST038";
  static final String DEFAULT_VALUE = "ST039";

  /** One finding; {@code subject} (an input field, or a missing model field) tells repetitions apart. */
  record Finding(String code, SourceSpan span, String subject, String message) {}

  /** An input type in the role of a create or update input of a model. */
  private record Use(String input, OperationKind kind, String model) {}

  private ModelInputs() {}

  /** Every finding, in input-type order, without repetitions. */
  static List<Finding> findings(SchemaIndex index) {
    return index.memo(FINDINGS, () -> scanFindings(index)); // five rules ask
  }

  private static final Object FINDINGS = new Object();

  private static List<Finding> scanFindings(SchemaIndex index) {
    List<Finding> all = new ArrayList<>();
    for (Use use : uses(index)) {
      check(index, use, all);
    }
    // an input serving several operations (a create and an update, or two models) shows each problem once
    Map<List<Object>, Finding> once = new LinkedHashMap<>();
    for (Finding f : all) {
      once.putIfAbsent(List.of(f.code(), f.span(), f.subject()), f);
    }
    return List.copyOf(once.values());
  }

  /** The findings with {@code code}. */
  static List<Finding> findings(SchemaIndex index, String code) {
    return findings(index).stream().filter(f -> f.code().equals(code)).toList();
  }

  private static Set<Use> uses(SchemaIndex index) {
    Set<Use> out = new LinkedHashSet<>();
    for (OperationScan.Declared d : new OperationScan(index).declared()) {
      if (d.kind() != OperationKind.CREATE && d.kind() != OperationKind.UPDATE) {
        continue;
      }
      FieldDefinition f = d.field();
      List<InputValueDefinition> args = f.getInputValueDefinitions();
      // a wrong signature is ST031's; an input is checked only where its role is clear
      if (SchemaIndex.isList(f.getType()) || !index.isModel(d.entity()) || args.size() != 1
          || !args.get(0).getName().equals("input") || SchemaIndex.isList(args.get(0).getType())
          || !index.isInput(SchemaIndex.unwrap(args.get(0).getType()))) {
        continue;
      }
      out.add(new Use(SchemaIndex.unwrap(args.get(0).getType()), d.kind(), d.entity()));
    }
    for (OperationScan.Default d : new OperationScan(index).defaults()) {
      if ((d.kind() == OperationKind.CREATE || d.kind() == OperationKind.UPDATE)
          && index.isInput(d.argumentType().name())) {
        out.add(new Use(d.argumentType().name(), d.kind(), d.entity()));
      }
    }
    return out;
  }

  /** The input type's fields, its extensions' after its own. */
  static List<InputValueDefinition> fields(SchemaIndex index, InputObjectTypeDefinition in) {
    List<InputValueDefinition> out = new ArrayList<>(in.getInputValueDefinitions());
    for (InputObjectTypeExtensionDefinition ext : index.parsed().registry().inputObjectTypeExtensions()
        .getOrDefault(in.getName(), List.of())) {
      out.addAll(ext.getInputValueDefinitions());
    }
    return out;
  }

  /** {@code createdAt}/{@code updatedAt} of type AWSDateTime: the resolvers set them. */
  static boolean automaticTimestamp(FieldDefinition f) {
    return (f.getName().equals("createdAt") || f.getName().equals("updatedAt"))
        && !SchemaIndex.isList(f.getType()) && SchemaIndex.unwrap(f.getType()).equals("AWSDateTime");
  }

  /**
   * A field the items store and an input may set: a scalar, enum or list of them, not a relation, not automatic (nor
   * the {@code version} of a versioned model).
   */
  private static boolean settable(SchemaIndex index, String model, FieldDefinition f) {
    return !ModelFields.isRelation(f) && index.isLeaf(SchemaIndex.unwrap(f.getType())) && !automaticTimestamp(f)
        && !(f.getName().equals(EntityModel.VERSION) && index.versioned(model));
  }

  private static void check(SchemaIndex index, Use use, List<Finding> out) {
    InputObjectTypeDefinition in = index.input(use.input()).orElseThrow();
    ObjectTypeDefinition model = index.object(use.model()).orElseThrow();
    boolean create = use.kind() == OperationKind.CREATE;
    boolean versioned = index.versioned(model.getName());
    String role = (create ? "a create" : "an update") + " input of " + model.getName();
    Map<String, InputValueDefinition> byName = new LinkedHashMap<>();
    for (InputValueDefinition v : fields(index, in)) {
      byName.putIfAbsent(v.getName(), v);
      String label = in.getName() + "." + v.getName();
      SourceSpan at = Spans.of(index, v);
      if (StorageLayout.reservedAttribute(v.getName())) { // storage attributes, also refused on model fields (ST040)
        if (v.getName().startsWith("__")) {
          continue; // ST050 reports every name starting with __
        }
        out.add(new Finding(RESERVED_NAME, at, v.getName(), label + ": the name " + v.getName()
            + " is reserved for the table's key and index attributes; an input cannot set it"));
        continue;
      }
      if (!create && v.getDefaultValue() != null) {
        out.add(new Finding(DEFAULT_VALUE, at, v.getName(), label + ": no default value in " + role
            + ": every update that leaves the field out would overwrite the stored value with it"));
      }
      String found = ArgumentValueRule.print(v.getType());
      if (v.getName().equals("id")) {
        boolean ok = create ? found.equals("ID") || found.equals("ID!") : found.equals("ID!");
        if (!ok) {
          out.add(new Finding(WRONG_TYPE, at, v.getName(), label + ": the id of " + role + " must be "
              + (create ? "ID or ID! (absent or null: a generated id)" : "ID!") + ", found " + found));
        }
        continue;
      }
      if (versioned && v.getName().equals(EntityModel.EXPECTED_VERSION)) {
        if (create) {
          out.add(new Finding(UNKNOWN, at, v.getName(), label + ": a create has no expected version ("
              + EntityModel.EXPECTED_VERSION + " belongs in an update input of " + model.getName() + ")"));
        } else if (!VersionFieldRule.isInt(v.getType())) {
          out.add(new Finding(WRONG_TYPE, at, v.getName(), label + ": " + found + " is not the version "
              + model.getName() + " stores; " + role + " takes " + EntityModel.EXPECTED_VERSION + ": Int"));
        }
        continue;
      }
      Optional<FieldDefinition> mf = index.field(model.getName(), v.getName());
      if (versioned && v.getName().equals(EntityModel.VERSION)) {
        out.add(new Finding(UNKNOWN, at, v.getName(), label + ": " + model.getName() + "." + v.getName()
            + " is set by the resolvers on every write, not by inputs"
            + mf.map(f -> " (" + index.locate(f) + ")").orElse(" (@model(versioned: true))")
            + (create ? "" : "; an update input may carry " + EntityModel.EXPECTED_VERSION + ": Int instead")));
        continue;
      }
      if (mf.isEmpty()) {
        List<String> candidates = new ArrayList<>(List.of("id"));
        index.fields(model.getName()).stream().filter(f -> settable(index, model.getName(), f)).forEach(f -> candidates.add(f.getName()));
        out.add(new Finding(UNKNOWN, at, v.getName(), label + ": " + model.getName() + " has no field " + v.getName()
            + Suggest.didYouMean(v.getName(), candidates)));
        continue;
      }
      FieldDefinition f = mf.get();
      String where = " (" + index.locate(f) + ")";
      if (ModelFields.isRelation(f)) {
        String key = f.getDirectives().stream().filter(d -> !d.getName().equals("unique"))
            .map(d -> index.stringArg(d, "field")).filter(s -> s != null).findFirst().orElse(null);
        out.add(new Finding(UNKNOWN, at, v.getName(), label + ": " + model.getName() + "." + f.getName()
            + " is a relation, resolved and never stored" + where
            + (f.hasDirective("hasMany") || key == null ? "" : "; the input sets its key field " + key)));
        continue;
      }
      if (automaticTimestamp(f)) {
        out.add(new Finding(UNKNOWN, at, v.getName(), label + ": " + model.getName() + "." + f.getName()
            + " is set by the resolvers on every write, not by inputs" + where));
        continue;
      }
      if (!index.isLeaf(SchemaIndex.unwrap(f.getType()))) {
        continue; // an object field without a relation directive: ST024
      }
      String expected = ArgumentValueRule.print(f.getType());
      boolean modelNonNull = f.getType() instanceof NonNullType;
      boolean fits = create ? fits(v.getType(), f.getType()) : fits(bare(v.getType()), bare(f.getType()));
      if (!fits) {
        out.add(new Finding(WRONG_TYPE, at, v.getName(), label + ": " + found + " does not match " + model.getName() + "."
            + f.getName() + ": " + expected + where + "; " + role + " takes "
            + (create ? expected + (modelNonNull ? "" : " or " + expected + "!")
                : strip(expected) + (modelNonNull ? " or " + expected : " or " + expected + "!"))));
      }
    }
    SourceSpan at = Spans.of(index, in);
    if (!create && !byName.containsKey("id")) {
      out.add(new Finding(MISSING, at, "id", "input " + in.getName() + ", " + role + ", lacks the field id: ID!"));
    }
    if (create) {
      for (FieldDefinition f : index.fields(model.getName())) {
        if (!f.getName().equals("id") && settable(index, model.getName(), f) && f.getType() instanceof NonNullType
            && !byName.containsKey(f.getName())) {
          out.add(new Finding(MISSING, at, model.getName() + "." + f.getName(), "input " + in.getName() + ", " + role
              + ", lacks the field "
              + f.getName() + ": " + ArgumentValueRule.print(f.getType()) + ", required by " + model.getName() + "."
              + f.getName() + " (" + index.locate(f) + ")"));
        }
      }
    }
  }

  /**
   * True when every value of the input type {@code in} is a value of the model's type: the same named
   * type and list nesting, non-null wherever the model is (an input may be stricter than the model,
   * e.g. {@code [String!]} for {@code [String]}, never looser).
   */
  static boolean fits(graphql.language.Type<?> in, graphql.language.Type<?> model) {
    if (model instanceof NonNullType m) {
      return in instanceof NonNullType i && fits(i.getType(), m.getType());
    }
    if (in instanceof NonNullType i) {
      return fits(i.getType(), model);
    }
    if (model instanceof graphql.language.ListType m) {
      return in instanceof graphql.language.ListType i && fits(i.getType(), m.getType());
    }
    return in instanceof graphql.language.TypeName i && model instanceof graphql.language.TypeName m
        && i.getName().equals(m.getName());
  }

  /** The type without its outer non-null. */
  private static graphql.language.Type<?> bare(graphql.language.Type<?> t) {
    return t instanceof NonNullType n ? n.getType() : t;
  }

  private static String strip(String type) {
    return type.endsWith("!") ? type.substring(0, type.length() - 1) : type;
  }
}
