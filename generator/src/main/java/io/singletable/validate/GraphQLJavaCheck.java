package io.singletable.validate;

import graphql.GraphQLError;
import graphql.language.Definition;
import graphql.language.DirectiveDefinition;
import graphql.language.Document;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.SDLDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SourceLocation;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.MultiSourceReader;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitor;
import graphql.schema.idl.EchoingWiringFactory;
import graphql.schema.idl.FastSchemaGenerator;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.validation.SchemaValidationError;
import graphql.schema.validation.SchemaValidationErrorCollector;
import graphql.util.TraversalControl;
import graphql.util.Traverser;
import graphql.util.TraverserContext;
import graphql.util.TraverserVisitor;
import graphql.schema.idl.errors.SchemaProblem;
import io.singletable.diag.Diagnostics;
import io.singletable.diag.SourceSpan;
import io.singletable.parse.SchemaIndex;
import io.singletable.parse.SchemaParser;
import io.singletable.parse.Spans;
import io.singletable.source.SchemaSources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ST054: what graphql-java's schema checks (the GraphQL rules AppSync applies) still find. Run on
 * the rendered deployable schema, where any finding is an internal error; when that fails (or a
 * stage after validation does), on the user's schema, so that what singletable's own rules do not
 * name is reported in the user's files. Both run only after those rules found nothing, so no problem
 * is reported twice.
 */
public final class GraphQLJavaCheck {
  /** The code of this check. */
  public static final String CODE = "ST054";
  /** The name the deployable schema goes by in diagnostics about it. */
  public static final String DEPLOYABLE_NAME = "<generated>/appsync/schema.graphql";
  private static final String REPORT = "https://github.com/singletable/singletable/issues";
  private static final Pattern QUOTED = Pattern.compile("'([_A-Za-z][_0-9A-Za-z]*)'");

  private GraphQLJavaCheck() {}

  /**
   * Builds the user's schema with graphql-java (the bundled SDL declares singletable's directives
   * and the AWS scalars; connection types singletable generates and an empty {@code Query} that
   * default operations fill are stubbed) and reports what it refuses.
   */
  public static void checkUserSchema(SchemaIndex index, Diagnostics out) {
    TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
    TreeSet<String> stubs = new TreeSet<>();
    boolean hasQuery = false;
    for (Definition<?> d : index.parsed().definitions()) {
      Definition<?> def = d;
      if (d instanceof ObjectTypeDefinition o && o.getFieldDefinitions().isEmpty()
          && (o.getName().equals("Query") || o.getName().equals("Mutation"))) {
        def = o.transform(b -> b.fieldDefinition(stubField())); // default operations fill it
      }
      if (d instanceof ObjectTypeDefinition o && o.getName().equals("Query")) {
        hasQuery = true;
      }
      if (d instanceof ObjectTypeDefinition o) {
        for (FieldDefinition f : o.getFieldDefinitions()) {
          String type = SchemaIndex.unwrap(f.getType());
          if (index.isGeneratedConnection(type)) {
            stubs.add(type);
          }
        }
      }
      if (def instanceof SDLDefinition<?> sdl) {
        registry.add(sdl);
      }
    }
    for (String connection : stubs) {
      String item = connection.substring(0, connection.length() - "Connection".length());
      registry.add(ObjectTypeDefinition.newObjectTypeDefinition().name(connection)
          .fieldDefinition(FieldDefinition.newFieldDefinition().name("items")
              .type(graphql.language.ListType.newListType(TypeName.newTypeName(item).build()).build()).build())
          .fieldDefinition(FieldDefinition.newFieldDefinition().name("nextToken")
              .type(TypeName.newTypeName("String").build()).build())
          .build());
    }
    if (!hasQuery) {
      registry.add(ObjectTypeDefinition.newObjectTypeDefinition().name("Query").fieldDefinition(stubField()).build());
    }
    for (Finding f : build(registry)) {
      SourceSpan span = f.location() != null ? SchemaParser.span(f.location()) : SourceSpan.NONE;
      if (span.equals(SourceSpan.NONE) || span.file().equals(SchemaSources.DIRECTIVES_NAME)) {
        span = guess(index, f.message());
      }
      out.error(CODE, span, "not valid GraphQL: " + f.message());
    }
  }

  /**
   * Builds the rendered deployable schema with graphql-java (the AWS scalars and {@code aws_*}
   * directives declared as AppSync declares them); what it refuses is an internal error.
   *
   * @return true when the schema builds
   */
  public static boolean checkDeployable(String sdl, Diagnostics out) {
    TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
    for (Definition<?> d : parse(SchemaSources.bundledDirectives().content(), SchemaSources.DIRECTIVES_NAME)
        .getDefinitions()) {
      if (d instanceof ScalarTypeDefinition s) {
        registry.add(s);
      } else if (d instanceof DirectiveDefinition dd && dd.getName().startsWith("aws_")) {
        registry.add(dd);
      }
    }
    List<Finding> findings = new ArrayList<>();
    try {
      for (Definition<?> d : parse(sdl, DEPLOYABLE_NAME).getDefinitions()) {
        if (d instanceof SDLDefinition<?> s) {
          registry.add(s).ifPresent(e -> findings.add(Finding.of(e)));
        } else {
          findings.add(new Finding("not a type system definition: " + d.getClass().getSimpleName(),
              d.getSourceLocation()));
        }
      }
      if (findings.isEmpty()) {
        findings.addAll(build(registry));
      }
    } catch (InvalidSyntaxException e) {
      findings.add(new Finding(e.getMessage(), e.getLocation()));
    }
    for (Finding f : findings) {
      SourceSpan span = f.location() == null || f.location().getLine() < 1
          ? new SourceSpan(DEPLOYABLE_NAME, 1, 1)
          : new SourceSpan(DEPLOYABLE_NAME, f.location().getLine(), Math.max(1, f.location().getColumn()));
      out.error(CODE, span, "internal error: the generated deployable schema is not valid GraphQL (graphql-java: "
          + f.message() + "); nothing was written. Please report it at " + REPORT + " with the schema");
    }
    return findings.isEmpty();
  }

  private record Finding(String message, SourceLocation location) {
    static Finding of(GraphQLError e) {
      List<SourceLocation> locations = e.getLocations();
      return new Finding(clean(e.getMessage()), locations == null || locations.isEmpty() ? null : locations.get(0));
    }
  }

  /**
   * What {@code UnExecutableSchemaGenerator.makeUnExecutableSchema} refuses: the registry's checks, then
   * graphql-java's schema validation rules, run by {@link #validate} instead of by the schema builder.
   */
  private static List<Finding> build(TypeDefinitionRegistry registry) {
    List<Finding> out = new ArrayList<>();
    try {
      RuntimeWiring wiring = EchoingWiringFactory.newEchoingWiring(wire -> registry.scalars().forEach((name, def) -> {
        if (!ScalarInfo.isGraphqlSpecifiedScalar(name)) {
          wire.scalar(EchoingWiringFactory.fakeScalar(name));
        }
      }));
      GraphQLSchema schema = new FastSchemaGenerator().makeExecutableSchema(
          SchemaGenerator.Options.defaultOptions().withValidation(false), registry, wiring);
      validate(schema).forEach(e -> out.add(new Finding(e.getDescription(), null)));
    } catch (SchemaProblem p) {
      p.getErrors().forEach(e -> out.add(Finding.of(e)));
    } catch (RuntimeException e) {
      out.add(e instanceof GraphQLError g ? Finding.of(g) : new Finding(e.toString(), null));
    }
    return out;
  }

  /**
   * graphql-java's schema validation rules ({@code SchemaValidator}'s), each element visited once as there, but
   * every named type visited as a root of its own rather than where a field first reaches it: graphql-java's walk
   * nests along field types, so a chain of n types that reference each other is n deep and its rules, which look
   * their state up through every enclosing element, take time quadratic in n; here the depth is that of one type.
   */
  static Set<SchemaValidationError> validate(GraphQLSchema schema) {
    SchemaValidationErrorCollector errors = new SchemaValidationErrorCollector();
    Map<Class<?>, Object> vars = new LinkedHashMap<>();
    vars.put(GraphQLSchema.class, schema);
    vars.put(SchemaValidationErrorCollector.class, errors);
    List<GraphQLSchemaElement> roots = new ArrayList<>();
    roots.add(schema.getQueryType());
    if (schema.isSupportingMutations()) {
      roots.add(schema.getMutationType());
    }
    if (schema.isSupportingSubscriptions()) {
      roots.add(schema.getSubscriptionType());
    }
    roots.addAll(schema.getAdditionalTypes());
    roots.addAll(schema.getDirectives());
    roots.addAll(schema.getSchemaDirectives());
    roots.addAll(schema.getSchemaAppliedDirectives());
    roots.add(schema.getIntrospectionSchemaType());
    roots.addAll(schema.getAllTypesAsList());
    List<GraphQLTypeVisitor> rules = new graphql.schema.validation.SchemaValidator().getRules();
    Traverser<GraphQLSchemaElement> traverser = Traverser.<GraphQLSchemaElement>depthFirst(
        element -> element.getChildren().stream().filter(c -> !(c instanceof GraphQLNamedType)).toList())
        .rootVars(vars);
    traverser.traverse(new ArrayList<>(new LinkedHashSet<>(roots)), new TraverserVisitor<>() {
      @Override
      public TraversalControl enter(TraverserContext<GraphQLSchemaElement> context) {
        for (GraphQLTypeVisitor rule : rules) {
          context.thisNode().accept(context, rule);
        }
        return TraversalControl.CONTINUE;
      }

      @Override
      public TraversalControl leave(TraverserContext<GraphQLSchemaElement> context) {
        return TraversalControl.CONTINUE;
      }

      @Override
      public TraversalControl backRef(TraverserContext<GraphQLSchemaElement> context) {
        for (GraphQLTypeVisitor rule : rules) {
          rule.visitBackRef(context);
        }
        return TraversalControl.CONTINUE;
      }
    });
    return errors.getErrors();
  }

  private static Document parse(String sdl, String name) {
    return Parser.parse(ParserEnvironment.newParserEnvironment()
        .document(MultiSourceReader.newMultiSourceReader().string(sdl, name).trackData(false).build())
        .parserOptions(ParserOptions.newParserOptions().captureSourceLocation(true).captureLineComments(false)
            .maxTokens(Integer.MAX_VALUE).maxWhitespaceTokens(Integer.MAX_VALUE).maxCharacters(Integer.MAX_VALUE)
            .build())
        .build());
  }

  private static FieldDefinition stubField() {
    return FieldDefinition.newFieldDefinition().name("singletableStub").type(TypeName.newTypeName("Boolean").build())
        .build();
  }

  /** graphql-java's message without its location suffix (the diagnostic has the location). */
  private static String clean(String message) {
    String m = message == null ? "" : message;
    m = m.replaceAll(" ?\\[@\\d+:\\d+\\]", "").replaceAll(" ?\\[@[^\\]]*\\]", "");
    return m.strip();
  }

  /** Where a message without location is about: the first user type it names in quotes, else the first type. */
  private static SourceSpan guess(SchemaIndex index, String message) {
    Matcher m = QUOTED.matcher(message);
    while (m.find()) {
      Optional<TypeDefinition<?>> t = index.type(m.group(1));
      if (t.isPresent() && index.parsed().userDefinitions().contains(t.get())) {
        return Spans.of(index, t.get());
      }
    }
    return index.parsed().userDefinitions().isEmpty() ? SourceSpan.NONE
        : Spans.of(index, index.parsed().userDefinitions().get(0));
  }
}
