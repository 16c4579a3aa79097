package io.singletable.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutations of GraphQL SDL for {@link SchemaFuzzTest}: damage to the bytes (random and invalid UTF-8
 * sequences, truncation), token deletion and duplication, directive- and argument-name typos,
 * argument value swaps, type-name swaps, list/non-null wrapper changes and tricky renames. Every
 * mutation is a pure function of the text and the {@link Random}, so a case is reproduced by its seed.
 */
final class SchemaMutator {
  /** Kinds of mutation. */
  enum Kind {
    BYTES, TRUNCATE, DELETE_TOKEN, DUPLICATE_TOKEN, DIRECTIVE_TYPO, ARGUMENT_TYPO, ARGUMENT_VALUE, TYPE_SWAP,
    WRAPPER, RENAME, SPLICE_LINE, ADD_DIRECTIVE
  }

  /** One lexical token of SDL with its offset in the text. */
  record Token(String text, int start, Type type) {
    int end() {
      return start + text.length();
    }
  }

  /** Token classes. */
  enum Type { NAME, STRING, NUMBER, PUNCT, SPACE, COMMENT, OTHER }

  private static final Pattern LEXER = Pattern.compile(
      "(?<string>\"\"\"[\\s\\S]*?\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\")"
          + "|(?<comment>#[^\\n]*)"
          + "|(?<name>[_A-Za-z][_0-9A-Za-z]*)"
          + "|(?<number>-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)"
          + "|(?<punct>\\.\\.\\.|[!$&()\\[\\]{}:=@|,])"
          + "|(?<space>\\s+)"
          + "|(?<other>[\\s\\S])");

  private static final List<String> DIRECTIVES = List.of("model", "unique", "hasMany", "belongsTo", "hasOne",
      "get", "create", "update", "delete", "deprecated", "aws_api_key", "aws_iam", "aws_subscribe");
  private static final List<String> ARGUMENTS = List.of("field", "sortBy", "ignoreCase", "nulls", "onlyIf", "by",
      "operations", "reason", "mutations", "subscriptions");
  private static final List<String> VALUES = List.of("\"id\"", "\"name\"", "\"\"", "\"a#b\"", "[]", "[\"name\", \"id\"]",
      "[\"nope\"]", "true", "false", "null", "FIRST", "LAST", "GET", "[GET, CREATE]", "[UPDATE, DELETE, GET, CREATE]", "42",
      "-1", "1.5", "\"\\u0000\"", "{a: 1}", "$var", "\"farmId\"");
  private static final List<String> SCALARS = List.of("ID", "String", "Int", "Float", "Boolean", "AWSDateTime",
      "AWSDate", "AWSTimestamp", "AWSJSON", "AWSEmail", "AWSURL", "AWSPhone", "AWSIPAddress", "AWSTime", "Unknown",
      "SortDirection", "ModelOperation", "NullsOrder");
  private static final List<String> TRICKY_NAMES = List.of("NODE", "PK", "PK01", "SK01", "__typename", "id", "Query",
      "Mutation", "Subscription", "createdAt", "updatedAt", "class", "Object", "String", "DataAccess", "ItemCodec",
      "x".repeat(300), "_", "__x", "A_B", "aB", "Ab", "ab", "CreateFarmInput", "Farm", "farm", "farmId", "name",
      "true", "null", "on", "type", "input", "SortDirection", "FarmConnection", "getFarm");
  /** Byte sequences that are not UTF-8, or are edge cases of it. */
  private static final byte[][] BAD_BYTES = {
      {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80},
      {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {0}, {0x7F}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x90, (byte) 0xAE},
      {'\r'}, {'"'}, {'\\'}, {'{'}, {'@'}, {'#'}};

  private final Random random;
  private final List<String> corpusLines;

  SchemaMutator(Random random, List<String> corpusLines) {
    this.random = random;
    this.corpusLines = corpusLines;
  }

  static List<Token> tokens(String text) {
    List<Token> out = new ArrayList<>();
    Matcher m = LEXER.matcher(text);
    while (m.find()) {
      Type t = m.group("string") != null ? Type.STRING : m.group("comment") != null ? Type.COMMENT
          : m.group("name") != null ? Type.NAME : m.group("number") != null ? Type.NUMBER
          : m.group("punct") != null ? Type.PUNCT : m.group("space") != null ? Type.SPACE : Type.OTHER;
      out.add(new Token(m.group(), m.start(), t));
    }
    return out;
  }

  /** Applies {@code kind} to {@code bytes} (valid UTF-8 unless damaged before); says what it did in {@code log}. */
  byte[] apply(Kind kind, byte[] bytes, List<String> log) {
    if (kind == Kind.BYTES) {
      return damageBytes(bytes, log);
    }
    if (kind == Kind.TRUNCATE) {
      int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      log.add("truncate at byte " + at);
      byte[] out = new byte[at];
      System.arraycopy(bytes, 0, out, 0, at);
      return out;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    String out = switch (kind) {
      case DELETE_TOKEN -> deleteToken(text, log);
      case DUPLICATE_TOKEN -> duplicateToken(text, log);
      case DIRECTIVE_TYPO -> directiveTypo(text, log);
      case ARGUMENT_TYPO -> argumentTypo(text, log);
      case ARGUMENT_VALUE -> argumentValue(text, log);
      case TYPE_SWAP -> typeSwap(text, log);
      case WRAPPER -> wrapper(text, log);
      case RENAME -> rename(text, log);
      case SPLICE_LINE -> splice(text, log);
      case ADD_DIRECTIVE -> addDirective(text, log);
      default -> throw new IllegalStateException(kind.name());
    };
    return out.getBytes(StandardCharsets.UTF_8);
  }

  private byte[] damageBytes(byte[] bytes, List<String> log) {
    byte[] out = bytes;
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      int at = out.length == 0 ? 0 : random.nextInt(out.length + 1);
      byte[] insert;
      if (random.nextInt(3) == 0) {
        insert = new byte[1 + random.nextInt(3)];
        random.nextBytes(insert);
      } else {
        insert = BAD_BYTES[random.nextInt(BAD_BYTES.length)];
      }
      boolean overwrite = random.nextBoolean() && at + insert.length <= out.length;
      byte[] next = new byte[overwrite ? out.length : out.length + insert.length];
      System.arraycopy(out, 0, next, 0, at);
      System.arraycopy(insert, 0, next, at, insert.length);
      int rest = overwrite ? at + insert.length : at;
      System.arraycopy(out, rest, next, at + insert.length, out.length - rest);
      log.add((overwrite ? "overwrite" : "insert") + " bytes " + hex(insert) + " at byte " + at);
      out = next;
    }
    return out;
  }

  private String deleteToken(String text, List<String> log) {
    List<Token> ts = significant(text);
    if (ts.isEmpty()) {
      return text;
    }
    Token t = ts.get(random.nextInt(ts.size()));
    log.add("delete token '" + t.text() + "' at " + t.start());
    return text.substring(0, t.start()) + text.substring(t.end());
  }

  private String duplicateToken(String text, List<String> log) {
    List<Token> ts = significant(text);
    if (ts.isEmpty()) {
      return text;
    }
    Token t = ts.get(random.nextInt(ts.size()));
    log.add("duplicate token '" + t.text() + "' at " + t.start());
    return text.substring(0, t.end()) + " " + t.text() + text.substring(t.end());
  }

  /** Names right after {@code @}. */
  private String directiveTypo(String text, List<String> log) {
    List<Token> ts = significant(text);
    List<Token> names = new ArrayList<>();
    for (int i = 1; i < ts.size(); i++) {
      if (ts.get(i).type() == Type.NAME && ts.get(i - 1).text().equals("@")) {
        names.add(ts.get(i));
      }
    }
    if (names.isEmpty()) {
      return text;
    }
    Token t = names.get(random.nextInt(names.size()));
    String replacement = random.nextInt(3) == 0 ? DIRECTIVES.get(random.nextInt(DIRECTIVES.size())) : typo(t.text());
    log.add("directive @" + t.text() + " -> @" + replacement + " at " + t.start());
    return replace(text, t, replacement);
  }

  /** Argument names of directives: a name followed by {@code :} inside the parentheses after {@code @name}. */
  private String argumentTypo(String text, List<String> log) {
    List<Token> names = new ArrayList<>();
    for (Token[] arg : directiveArguments(significant(text))) {
      names.add(arg[0]);
    }
    if (names.isEmpty()) {
      return text;
    }
    Token t = names.get(random.nextInt(names.size()));
    String replacement = random.nextInt(3) == 0 ? ARGUMENTS.get(random.nextInt(ARGUMENTS.size())) : typo(t.text());
    log.add("argument " + t.text() + " -> " + replacement + " at " + t.start());
    return replace(text, t, replacement);
  }

  /** Swaps two directive argument values, or replaces one by a value from a pool. */
  private String argumentValue(String text, List<String> log) {
    List<Token[]> args = directiveArguments(significant(text));
    if (args.isEmpty()) {
      return text;
    }
    Token[] a = args.get(random.nextInt(args.size()));
    String va = text.substring(a[1].start(), a[2].end());
    if (args.size() > 1 && random.nextBoolean()) {
      Token[] b = args.get(random.nextInt(args.size()));
      Token[] first = a[1].start() < b[1].start() ? a : b;
      Token[] second = first == a ? b : a;
      if (first[2].end() <= second[1].start()) { // two values, neither inside the other
        String vb = text.substring(b[1].start(), b[2].end());
        String v1 = text.substring(first[1].start(), first[2].end());
        String v2 = text.substring(second[1].start(), second[2].end());
        log.add("swap argument values " + va + " <-> " + vb);
        return text.substring(0, first[1].start()) + v2 + text.substring(first[2].end(), second[1].start()) + v1
            + text.substring(second[2].end());
      }
    }
    String value = VALUES.get(random.nextInt(VALUES.size()));
    log.add("argument " + a[0].text() + ": " + va + " -> " + value);
    return text.substring(0, a[1].start()) + value + text.substring(a[2].end());
  }

  /** Replaces a type reference (after {@code :}, {@code [}, {@code =}, {@code |}, {@code implements}, {@code &}). */
  private String typeSwap(String text, List<String> log) {
    List<Token> refs = typeReferences(significant(text));
    if (refs.isEmpty()) {
      return text;
    }
    Token t = refs.get(random.nextInt(refs.size()));
    List<String> pool = new ArrayList<>(definedTypes(text));
    pool.addAll(SCALARS);
    String replacement = pool.get(random.nextInt(pool.size()));
    log.add("type " + t.text() + " -> " + replacement + " at " + t.start());
    return replace(text, t, replacement);
  }

  /** Adds or removes {@code !} or {@code [ ]} around a type reference. */
  private String wrapper(String text, List<String> log) {
    List<Token> ts = significant(text);
    List<Token> refs = typeReferences(ts);
    if (refs.isEmpty()) {
      return text;
    }
    Token t = refs.get(random.nextInt(refs.size()));
    int i = ts.indexOf(t);
    Token next = i + 1 < ts.size() ? ts.get(i + 1) : null;
    Token prev = i > 0 ? ts.get(i - 1) : null;
    switch (random.nextInt(4)) {
      case 0 -> {
        if (next != null && next.text().equals("!")) {
          log.add("drop ! after " + t.text() + " at " + t.start());
          return text.substring(0, next.start()) + text.substring(next.end());
        }
        log.add("add ! after " + t.text() + " at " + t.start());
        return text.substring(0, t.end()) + "!" + text.substring(t.end());
      }
      case 1 -> {
        log.add("wrap [" + t.text() + "] at " + t.start());
        return text.substring(0, t.start()) + "[" + t.text() + "]" + text.substring(t.end());
      }
      case 2 -> {
        if (prev != null && prev.text().equals("[")) {
          int close = i + 1;
          while (close < ts.size() && !ts.get(close).text().equals("]")) {
            close++;
          }
          if (close < ts.size()) {
            log.add("unwrap list of " + t.text() + " at " + t.start());
            Token c = ts.get(close);
            return text.substring(0, prev.start()) + text.substring(prev.end(), c.start()) + text.substring(c.end());
          }
        }
        log.add("wrap [" + t.text() + "!]! at " + t.start());
        return text.substring(0, t.start()) + "[" + t.text() + "!]!" + text.substring(t.end());
      }
      default -> {
        log.add("wrap [[" + t.text() + "]] at " + t.start());
        return text.substring(0, t.start()) + "[[" + t.text() + "]]" + text.substring(t.end());
      }
    }
  }

  /** Renames a name token (a definition, field or reference) to a tricky name. */
  private String rename(String text, List<String> log) {
    List<Token> names = significant(text).stream().filter(t -> t.type() == Type.NAME).toList();
    if (names.isEmpty()) {
      return text;
    }
    Token t = names.get(random.nextInt(names.size()));
    String replacement = TRICKY_NAMES.get(random.nextInt(TRICKY_NAMES.size()));
    if (random.nextBoolean()) {
      // every occurrence: a consistent rename (e.g. a type called NODE everywhere)
      log.add("rename every " + t.text() + " -> " + replacement);
      StringBuilder sb = new StringBuilder();
      int from = 0;
      for (Token n : names) {
        if (n.text().equals(t.text())) {
          sb.append(text, from, n.start()).append(replacement);
          from = n.end();
        }
      }
      return sb.append(text.substring(from)).toString();
    }
    log.add("rename " + t.text() + " -> " + replacement + " at " + t.start());
    return replace(text, t, replacement);
  }

  /** Inserts a line of another schema of the corpus at a line start. */
  private String splice(String text, List<String> log) {
    String line = corpusLines.get(random.nextInt(corpusLines.size()));
    List<Integer> starts = new ArrayList<>(List.of(0));
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    int at = starts.get(random.nextInt(starts.size()));
    log.add("insert line '" + line + "' at " + at);
    return text.substring(0, at) + line + "\n" + text.substring(at);
  }

  private static final Pattern FIELD_LINE = Pattern.compile("(?m)^[ \\t]+[_A-Za-z][_0-9A-Za-z]*(\\([^#\\n]*\\))?[ \\t]*:[^#\\n]*$");
  private static final Pattern FIELD_NAME = Pattern.compile("(?m)^[ \\t]+([_A-Za-z][_0-9A-Za-z]*)[ \\t]*[:(]");

  /** Appends a directive to a field definition, its arguments naming fields of the schema. */
  private String addDirective(String text, List<String> log) {
    List<int[]> lines = new ArrayList<>();
    Matcher m = FIELD_LINE.matcher(text);
    while (m.find()) {
      lines.add(new int[] {m.start(), m.end()});
    }
    List<String> fields = new ArrayList<>();
    Matcher f = FIELD_NAME.matcher(text);
    while (f.find()) {
      fields.add(f.group(1));
    }
    if (lines.isEmpty()) {
      return text;
    }
    String a = fields.get(random.nextInt(fields.size()));
    String b = fields.get(random.nextInt(fields.size()));
    List<String> pool = List.of("@unique", "@unique(ignoreCase: false)", "@hasMany(field: \"" + a + "\")",
        "@hasMany(field: \"" + a + "\", sortBy: [\"" + b + "\"], nulls: FIRST)",
        "@hasMany(field: \"" + a + "\", onlyIf: \"" + b + "\")", "@belongsTo(field: \"" + a + "\")",
        "@hasOne(field: \"" + a + "\")", "@get", "@get(by: \"" + a + "\")", "@create", "@update", "@delete",
        "@deprecated", "@aws_api_key", "@model", "@aws_subscribe(mutations: [\"" + a + "\"])");
    String directive = pool.get(random.nextInt(pool.size()));
    int[] line = lines.get(random.nextInt(lines.size()));
    log.add("append " + directive + " to line '" + text.substring(line[0], line[1]).strip() + "'");
    return text.substring(0, line[1]) + " " + directive + text.substring(line[1]);
  }

  private String typo(String name) {
    if (name.length() < 2) {
      return name + "x";
    }
    int i = random.nextInt(name.length() - 1);
    return switch (random.nextInt(4)) {
      case 0 -> name.substring(0, i) + name.charAt(i + 1) + name.charAt(i) + name.substring(i + 2);
      case 1 -> name.substring(0, i) + name.substring(i + 1);
      case 2 -> name.substring(0, i) + (char) ('a' + random.nextInt(26)) + name.substring(i);
      default -> Character.isUpperCase(name.charAt(i))
          ? name.substring(0, i) + Character.toLowerCase(name.charAt(i)) + name.substring(i + 1)
          : name.substring(0, i) + Character.toUpperCase(name.charAt(i)) + name.substring(i + 1);
    };
  }

  /** {@code [name, valueStart, valueEnd]} of every directive argument. */
  private static List<Token[]> directiveArguments(List<Token> ts) {
    List<Token[]> out = new ArrayList<>();
    for (int i = 2; i + 1 < ts.size(); i++) {
      if (ts.get(i).text().equals("(") && ts.get(i - 1).type() == Type.NAME && ts.get(i - 2).text().equals("@")) {
        int j = i + 1;
        while (j + 2 < ts.size() && ts.get(j).type() == Type.NAME && ts.get(j + 1).text().equals(":")) {
          int valueStart = j + 2;
          int end = valueStart;
          int depth = 0;
          while (end < ts.size()) {
            String s = ts.get(end).text();
            if (s.equals("[") || s.equals("{")) {
              depth++;
            } else if (s.equals("]") || s.equals("}")) {
              depth--;
            }
            if (depth <= 0) {
              break;
            }
            end++;
          }
          if (end >= ts.size()) {
            break;
          }
          out.add(new Token[] {ts.get(j), ts.get(valueStart), ts.get(end)});
          j = end + 1;
          if (j < ts.size() && ts.get(j).text().equals(",")) {
            j++;
          }
        }
      }
    }
    return out;
  }

  private static List<Token> typeReferences(List<Token> ts) {
    List<Token> out = new ArrayList<>();
    for (int i = 1; i < ts.size(); i++) {
      String prev = ts.get(i - 1).text();
      if (ts.get(i).type() == Type.NAME && (prev.equals(":") || prev.equals("[") || prev.equals("=")
          || prev.equals("|") || prev.equals("&") || prev.equals("implements"))) {
        out.add(ts.get(i));
      }
    }
    return out;
  }

  private static TreeSet<String> definedTypes(String text) {
    TreeSet<String> out = new TreeSet<>();
    List<Token> ts = significant(text);
    for (int i = 0; i + 1 < ts.size(); i++) {
      if (List.of("type", "input", "enum", "union", "interface", "scalar").contains(ts.get(i).text())
          && ts.get(i + 1).type() == Type.NAME) {
        out.add(ts.get(i + 1).text());
      }
    }
    return out;
  }

  /** Tokens without whitespace and comments. */
  private static List<Token> significant(String text) {
    return tokens(text).stream().filter(t -> t.type() != Type.SPACE && t.type() != Type.COMMENT).toList();
  }

  private static String replace(String text, Token t, String replacement) {
    return text.substring(0, t.start()) + replacement + text.substring(t.end());
  }

  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(sb.length() > 0 ? " " : "").append(String.format("%02X", b & 0xFF));
    }
    return sb.toString();
  }
}
