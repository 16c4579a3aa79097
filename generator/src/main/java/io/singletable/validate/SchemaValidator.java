package io.singletable.validate;

import io.singletable.diag.Diagnostics;
import io.singletable.parse.SchemaIndex;
import java.util.List;

/** Runs every rule over the schema; each reports all its findings, none stops the others. */
public final class SchemaValidator {
  private static final List<SchemaRule> RULES = List.of(
      new UnknownDirectiveRule(),
      new UnknownArgumentRule(),
      new ArgumentValueRule(),
      new UnknownTypeRule(),
      new DuplicateArgumentRule(),
      new DirectiveLocationRule(),
      new CustomScalarRule(),
      new ModelIdRule(),
      new HasManyFieldRule(),
      new HasManyFieldTypeRule(),
      new SortByRule(),
      new OnlyIfRule(),
      new HasManyShapeRule(),
      new AbstractMemberRule(),
      new UniqueFieldRule(),
      new UniqueCountRule(),
      new BelongsToRule(),
      new RelationOnNonModelRule(),
      new ConflictingDirectivesRule(),
      new UnresolvedObjectFieldRule(),
      new NestedListRule(),
      new OperationRootRule(),
      new OperationSignatureRule(),
      new GetByRule(),
      new InputUnknownFieldRule(),
      new InputReservedNameRule(),
      new InputFieldTypeRule(),
      new InputMissingFieldRule(),
      new InputDefaultValueRule(),
      new DefaultNameClashRule(),
      new GeneratedNameClashRule(),
      new GeneratedTypeNameRule(),
      new ReservedNameRule(),
      new DefinitionRule(),
      new UnionMemberRule(),
      new InterfaceImplementationRule(),
      new TypePositionRule(),
      new DefaultValueRule(),
      new AuthRuleRule(),
      new VersionFieldRule(),
      new ListRule(),
      new ManyToManyRule());

  /** The rules, in code order. */
  public static List<SchemaRule> rules() {
    return RULES.stream().sorted(java.util.Comparator.comparing(SchemaRule::code)).toList();
  }

  /** Reports every finding of every rule. */
  public void validate(SchemaIndex index, Diagnostics out) {
    index.parsed().findings().forEach(out::add);
    for (SchemaRule rule : RULES) {
      rule.check(index, out);
    }
  }
}
