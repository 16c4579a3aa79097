package io.singletable;

import io.singletable.model.Authentication;
import io.singletable.model.KeyStrategy;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Inputs of one generator run.
 *
 * @param schema a {@code .graphql} file or a folder searched for them
 * @param displayBase schema paths in diagnostics are shown relative to it (may be null)
 * @param outputDirectory where the backend is written
 * @param packageName Java package of the generated sources
 * @param keyStrategy node key layout
 * @param maxIndexes the most GSIs the table may get (DynamoDB allows 20)
 * @param templateDirectory folder whose templates replace the packaged ones by file name, or null
 * @param authentication how clients authenticate to the API (null: API key)
 * @param lockFile the schema lock ({@code singletable.lock}) read and written, or null for none
 * @param replan re-plan every GSI slot minimal instead of keeping the locked ones
 * @param asyncDataAccess also generate the asynchronous data access ({@code AsyncDataAccess} over
 *        {@code DynamoDbAsyncClient})
 */
public record GeneratorOptions(Path schema, Path displayBase, Path outputDirectory, String packageName,
    KeyStrategy keyStrategy, int maxIndexes, Path templateDirectory, Authentication authentication, Path lockFile,
    boolean replan, boolean asyncDataAccess) {

  /** Default Java package. */
  public static final String DEFAULT_PACKAGE = "io.singletable.generated";

  public GeneratorOptions {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    packageName = packageName == null || packageName.isBlank() ? DEFAULT_PACKAGE : packageName;
    keyStrategy = keyStrategy == null ? KeyStrategy.NODE : keyStrategy;
    authentication = authentication == null ? Authentication.API_KEY : authentication;
    if (maxIndexes < 0 || maxIndexes > 20) {
      throw new IllegalArgumentException("maxIndexes must be between 0 and 20 (DynamoDB's limit), got " + maxIndexes);
    }
    if (!packageName.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*")) {
      throw new IllegalArgumentException("packageName is not a Java package name: " + packageName
          + " (dot-separated lower-case identifiers, e.g. com.example.backend)");
    }
    for (String part : packageName.split("\\.")) {
      if (!javax.lang.model.SourceVersion.isName(part)) {
        throw new IllegalArgumentException("packageName is not a Java package name: " + packageName + " ('" + part
            + "' is a Java keyword)");
      }
    }
  }

  /** Options without the asynchronous data access. */
  public GeneratorOptions(Path schema, Path displayBase, Path outputDirectory, String packageName,
      KeyStrategy keyStrategy, int maxIndexes, Path templateDirectory, Authentication authentication, Path lockFile,
      boolean replan) {
    this(schema, displayBase, outputDirectory, packageName, keyStrategy, maxIndexes, templateDirectory,
        authentication, lockFile, replan, false);
  }

  /** The same options, with or without the asynchronous data access. */
  public GeneratorOptions withAsyncDataAccess(boolean async) {
    return new GeneratorOptions(schema, displayBase, outputDirectory, packageName, keyStrategy, maxIndexes,
        templateDirectory, authentication, lockFile, replan, async);
  }

  /** Options without a lock. */
  public GeneratorOptions(Path schema, Path displayBase, Path outputDirectory, String packageName,
      KeyStrategy keyStrategy, int maxIndexes, Path templateDirectory, Authentication authentication) {
    this(schema, displayBase, outputDirectory, packageName, keyStrategy, maxIndexes, templateDirectory,
        authentication, null, false);
  }

  /** The same options with another {@code authentication} (the API's default provider). */
  public GeneratorOptions withAuthentication(Authentication newAuthentication) {
    return new GeneratorOptions(schema, displayBase, outputDirectory, packageName, keyStrategy, maxIndexes,
        templateDirectory, newAuthentication, lockFile, replan, asyncDataAccess);
  }

  /** The same options with a lock file (null: none) and the replan flag. */
  public GeneratorOptions withLock(Path newLockFile, boolean newReplan) {
    return new GeneratorOptions(schema, displayBase, outputDirectory, packageName, keyStrategy, maxIndexes,
        templateDirectory, authentication, newLockFile, newReplan, asyncDataAccess);
  }

  /** Options with API-key authentication. */
  public GeneratorOptions(Path schema, Path displayBase, Path outputDirectory, String packageName,
      KeyStrategy keyStrategy, int maxIndexes, Path templateDirectory) {
    this(schema, displayBase, outputDirectory, packageName, keyStrategy, maxIndexes, templateDirectory, null);
  }

  /** Options with the defaults of the Maven plugin. */
  public static GeneratorOptions of(Path schema, Path outputDirectory) {
    return new GeneratorOptions(schema, null, outputDirectory, null, KeyStrategy.NODE, 20, null);
  }
}
