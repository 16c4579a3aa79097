package io.singletable.cfn;

import io.singletable.output.GeneratedFile;
import io.singletable.output.OutputPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a generated backend, by path relative to the output directory ({@code /}-separated),
 * as {@link CfnSpecValidator} reads them: the templates and the local files they name.
 */
@FunctionalInterface
public interface OutputFiles {
  /** The bytes of {@code path}, or empty when the output has no such file. */
  Optional<byte[]> read(String path);

  /** Files of an output directory on disk. */
  static OutputFiles of(Path directory) {
    return path -> {
      Path file = directory.resolve(path);
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      try {
        return Optional.of(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /** Files held in memory. */
  static OutputFiles of(Map<String, byte[]> files) {
    return path -> Optional.ofNullable(files.get(path));
  }

  /** The files a generator run planned, before anything is written. */
  static OutputFiles of(OutputPlan plan) {
    return path -> plan.get(path).map(GeneratedFile::content);
  }
}
