package io.singletable.output;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Files to write, keyed by path. Each file is added by a named emitter; two emitters claiming one
 * path is a generator bug and fails fast. Not thread-safe.
 */
public final class OutputPlan {

  private record Claim(String emitter, GeneratedFile file) {}

  private final Map<String, Claim> claims = new TreeMap<>();

  /**
   * Adds {@code file}, produced by {@code emitter}.
   *
   * @throws IllegalStateException when the path is already planned, naming the path and both emitters
   */
  public void add(String emitter, GeneratedFile file) {
    Objects.requireNonNull(emitter, "emitter");
    Objects.requireNonNull(file, "file");
    Claim previous = claims.putIfAbsent(file.path(), new Claim(emitter, file));
    if (previous != null) {
      throw new IllegalStateException("output path '" + file.path() + "' claimed by emitter '"
          + previous.emitter() + "' and by emitter '" + emitter + "'");
    }
  }

  /** Every planned file, sorted by path (String natural order); unmodifiable. */
  public List<GeneratedFile> files() {
    return claims.values().stream().map(Claim::file).toList();
  }

  /** The file planned at {@code path}, if any. */
  public Optional<GeneratedFile> get(String path) {
    return Optional.ofNullable(claims.get(path)).map(Claim::file);
  }
}
