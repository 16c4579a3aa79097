package io.singletable.render.java;

import com.palantir.javapoet.CodeBlock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Javadoc text naming runtime types, turned into references so that JavaPoet imports or qualifies them. */
final class RuntimeDocs {
  /** The runtime's public types a generated Javadoc may name. */
  static final List<String> TYPES = List.of("DataAccessException", "NotFoundException", "NotUniqueException",
      "ConflictException", "InvalidIdException", "TransactionConflictException", "ValidationErrorException",
      "PageRequest", "Page", "Direction");
  private static final Pattern NAME = Pattern.compile("(?<![\\w.#])(" + String.join("|", TYPES) + ")(?![\\w])");

  private RuntimeDocs() {
  }

  /** {@code text} with each runtime type name as a {@code $T} of the runtime copy in {@code names}' package. */
  static CodeBlock link(String text, JavaNames names) {
    CodeBlock.Builder out = CodeBlock.builder();
    Matcher m = NAME.matcher(text);
    int at = 0;
    while (m.find()) {
      out.add("$L", text.substring(at, m.start()));
      out.add("$T", names.runtimeClass(m.group(1)));
      at = m.end();
    }
    out.add("$L", text.substring(at));
    return out.build();
  }
}
