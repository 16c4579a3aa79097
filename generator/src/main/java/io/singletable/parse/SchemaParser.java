package io.singletable.parse;

import graphql.GraphQLError;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.NamedNode;
import graphql.language.SDLDefinition;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.MultiSourceReader;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.singletable.diag.Diagnostics;
import io.singletable.diag.SourceSpan;
import io.singletable.diag.SourceText;
import io.singletable.source.SchemaSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SDL to {@link ParsedSchema} through graphql-java, one named source per file so that every node
 * knows its {@code file:line:column}. Reports the first syntax error of every file, and every
 * duplicate definition, before giving up. Type extensions are merged into the definitions they
 * extend ({@link Extensions}); their problems ({@code ST009}) are kept as
 * {@link ParsedSchema#findings()} for validation to report with its own.
 */
public final class SchemaParser {
  /** Codes of this stage. */
  public static final String SYNTAX = "ST001";
  public static final String DUPLICATE = "ST007";

  /**
   * How deeply grammar rules may nest ({@code [[[[T]]]]}, values in values): deep enough for any
   * real schema, shallow enough that neither the parser nor the later stages run out of stack.
   */
  static final int MAX_DEPTH = ParserOptions.MAX_RULE_DEPTH;

  /** The most characters one schema file may have (a schema of 1,000 models has about 0.5 million). */
  public static final int MAX_CHARACTERS = 32 * 1024 * 1024;
  /** The most tokens one schema file may have. */
  static final int MAX_TOKENS = 8 * 1024 * 1024;

  private static final ParserOptions OPTIONS = ParserOptions.newParserOptions()
      .captureSourceLocation(true)
      .captureLineComments(false)
      .captureIgnoredChars(false)
      .maxTokens(MAX_TOKENS)
      .maxWhitespaceTokens(Integer.MAX_VALUE)
      .maxCharacters(MAX_CHARACTERS)
      .maxRuleDepth(MAX_DEPTH)
      .build();

  /** Parses every source; throws {@link io.singletable.diag.SchemaException} with all findings. */
  public ParsedSchema parse(List<SchemaSource> sources) {
    SourceText text = new SourceText();
    Diagnostics diags = new Diagnostics();
    List<Definition<?>> all = new ArrayList<>();
    List<Definition<?>> user = new ArrayList<>();
    for (SchemaSource source : sources) {
      text.put(source.name(), source.content());
      Document doc = parseOne(source, diags);
      if (doc != null) {
        for (Object o : doc.getDefinitions()) {
          all.add((Definition<?>) o);
          if (!source.bundled()) {
            user.add((Definition<?>) o);
          }
        }
      }
    }
    diags.throwIfErrors(text);
    java.util.Set<Definition<?>> ofUser = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    ofUser.addAll(user);
    List<Definition<?>> bundled = all.stream().filter(d -> !ofUser.contains(d)).toList();
    Diagnostics extensions = new Diagnostics();
    List<Definition<?>> merged = Extensions.merge(all, bundled, extensions);
    TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
    for (int i = 0; i < merged.size(); i++) {
      Definition<?> d = merged.get(i);
      if (d instanceof graphql.language.TypeDefinition<?> t && SchemaIndex.BUILT_IN_SCALARS.contains(t.getName())) {
        diags.error(DUPLICATE, pastDescription(text, t), t.getName() + " is one of GraphQL's built-in scalars "
            + "(ID, String, Int, Float, Boolean); choose another name");
      } else if (d instanceof SDLDefinition<?> sdl) {
        Optional<GraphQLError> err = registry.add(sdl);
        if (err.isPresent()) {
          diags.error(DUPLICATE, span(d.getSourceLocation()), duplicateMessage(merged.subList(0, i), d, err.get()));
        }
      } else {
        diags.error(SYNTAX, span(d.getSourceLocation()),
            "only type system definitions are allowed in a schema, found " + d.getClass().getSimpleName());
      }
    }
    diags.throwIfErrors(text);
    java.util.Set<Definition<?>> ofBundle = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    ofBundle.addAll(bundled);
    return new ParsedSchema(merged, merged.stream().filter(d -> !ofBundle.contains(d)).toList(), registry, text,
        extensions.sorted());
  }

  /** Where a definition starts, past its description (as {@link Spans#of} places it). */
  private static SourceSpan pastDescription(SourceText text, graphql.language.TypeDefinition<?> t) {
    SourceSpan start = span(t.getSourceLocation());
    if (t instanceof graphql.language.DescribedNode<?> d && d.getDescription() != null
        && d.getDescription().getSourceLocation() != null) {
      SourceSpan after = Spans.skipDescription(text, span(d.getDescription().getSourceLocation()));
      return after == null ? start : after;
    }
    return start;
  }

  private static String duplicateMessage(List<Definition<?>> before, Definition<?> d, GraphQLError fallback) {
    if (!(d instanceof NamedNode<?> named)) {
      return fallback.getMessage();
    }
    for (Definition<?> earlier : before) {
      if (earlier instanceof NamedNode<?> n && n.getName().equals(named.getName())) {
        SourceSpan first = span(earlier.getSourceLocation());
        if (first.file().equals(io.singletable.source.SchemaSources.DIRECTIVES_NAME)) {
          return named.getName() + " is defined by singletable itself (its directives and the AppSync scalars); "
              + "choose another name";
        }
        return named.getName() + " is already defined at " + first;
      }
    }
    return fallback.getMessage();
  }

  private static Document parseOne(SchemaSource source, Diagnostics diags) {
    SourceSpan deep = tooDeep(source);
    if (deep != null) {
      diags.error(SYNTAX, deep, "syntax error: the schema nests deeper than " + MAX_BRACKETS
          + " brackets here (lists in lists, values in values); no schema needs that");
      return null;
    }
    MultiSourceReader reader = MultiSourceReader.newMultiSourceReader()
        .string(source.content(), source.name())
        .trackData(false)
        .build();
    try {
      return Parser.parse(ParserEnvironment.newParserEnvironment()
          .document(reader)
          .parserOptions(OPTIONS)
          .build());
    } catch (ParseCancelledTooDeepException e) {
      diags.error(SYNTAX, at(source, e.getLocation()), "syntax error: the schema nests deeper than the parser allows "
          + "here (" + MAX_DEPTH + " grammar rules); no schema needs that");
      return null;
    } catch (ParseCancelledException | ParseCancelledTooManyCharsException e) {
      diags.error(SYNTAX, new SourceSpan(source.name(), 1, 1), "syntax error: the file is too large to be a schema "
          + "(at most " + MAX_CHARACTERS + " characters and " + MAX_TOKENS + " tokens per file); split it or check "
          + "that it is the schema");
      return null;
    } catch (StackOverflowError e) {
      diags.error(SYNTAX, new SourceSpan(source.name(), 1, 1), "syntax error: the file nests too deeply to be parsed");
      return null;
    } catch (InvalidSyntaxException e) {
      SourceLocation loc = e.getLocation();
      SourceSpan span = loc == null
          ? new SourceSpan(source.name(), 1, 1)
          : new SourceSpan(source.name(), Math.max(1, loc.getLine()), Math.max(1, loc.getColumn()));
      diags.error(SYNTAX, span, "syntax error: " + syntaxMessage(e));
      return null;
    }
  }

  /** The most brackets ({@code ( [ {}) open at once that a file may have: checked before parsing, in linear time. */
  static final int MAX_BRACKETS = 100;

  /**
   * Where brackets first nest deeper than {@link #MAX_BRACKETS} (outside strings and comments), or
   * null. The parser's own depth limit comes too late for such input: its look-ahead over deeply
   * nested brackets takes time quadratic in their number.
   */
  static SourceSpan tooDeep(SchemaSource source) {
    String s = source.content();
    int depth = 0;
    int line = 1;
    int column = 1;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int step = Character.charCount(s.codePointAt(i));
      if (c == '\n') {
        line++;
        column = 1;
        i++;
        continue;
      }
      if (c == '#') {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '"') {
        boolean block = s.startsWith("\"\"\"", i);
        int end = block ? s.indexOf("\"\"\"", i + 3) : i + 1;
        if (!block) {
          while (end < s.length() && s.charAt(end) != '"' && s.charAt(end) != '\n') {
            end += s.charAt(end) == '\\' ? 2 : 1;
          }
        }
        end = end < 0 || end >= s.length() ? s.length() : end + (block ? 3 : 1);
        for (int j = i; j < end; j += Character.charCount(s.codePointAt(j))) {
          if (s.charAt(j) == '\n') {
            line++;
            column = 1;
          } else {
            column++;
          }
        }
        i = end;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        if (++depth > MAX_BRACKETS) {
          return new SourceSpan(source.name(), line, column);
        }
      } else if (c == ')' || c == ']' || c == '}') {
        depth = Math.max(0, depth - 1);
      }
      column++;
      i += step;
    }
    return null;
  }

  private static SourceSpan at(SchemaSource source, SourceLocation loc) {
    return loc == null
        ? new SourceSpan(source.name(), 1, 1)
        : new SourceSpan(source.name(), Math.max(1, loc.getLine()), Math.max(1, loc.getColumn()));
  }

  private static String syntaxMessage(InvalidSyntaxException e) {
    String m = e.getMessage() == null ? "invalid syntax" : e.getMessage();
    int at = m.indexOf(" at line ");
    return (at > 0 ? m.substring(0, at) : m).replace("Invalid syntax", "invalid syntax");
  }

  /** The span of a graphql-java location. */
  public static SourceSpan span(SourceLocation loc) {
    if (loc == null || loc.getSourceName() == null) {
      return SourceSpan.NONE;
    }
    return new SourceSpan(loc.getSourceName(), loc.getLine(), loc.getColumn());
  }
}
