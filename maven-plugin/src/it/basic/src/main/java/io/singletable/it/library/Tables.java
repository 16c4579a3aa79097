package io.singletable.it.library;

import io.singletable.it.library.generated.SingleTableSchema;

/** User code that compiles only if the generated sources are on the compile source roots. */
public final class Tables {
  private Tables() {}

  /** The generic GSIs the generated table declares. */
  public static int indexCount() {
    return SingleTableSchema.INDEX_COUNT;
  }
}
