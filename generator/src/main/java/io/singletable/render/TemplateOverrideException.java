package io.singletable.render;

/**
 * A template from the user's {@code templateDirectory} failed: the user's to fix, not an internal
 * error. Thrown before anything is written.
 */
public final class TemplateOverrideException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TemplateOverrideException(String message, Throwable cause) {
    super(message, cause);
  }
}
