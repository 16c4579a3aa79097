package io.singletable.render.java;

/** Schema descriptions inside Javadoc comments. */
final class Javadoc {
  private Javadoc() {}

  /** HTML-escaped, without comment terminators or block tags, trimmed. */
  static String escape(String text) {
    return text.strip()
        .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("*/", "*&#47;").replace("@", "&#64;").replace("\\u", "&#92;u");
  }
}
