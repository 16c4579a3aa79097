package io.singletable.maven;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.model.Authentication;
import io.singletable.model.KeyStrategy;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code generate} in a JVM of its own ({@code fork}): the plugin starts {@code java} with its own class path and
 * this class, which reads the options from a file, generates, and reports on its standard output one record per
 * line ({@code INFO}, {@code WARN}, {@code ERROR} log lines, then {@code FILES n}, or {@code FAIL message}, or
 * {@code INTERNAL message}), its messages escaped so that each record is one line. The JVM's flags suit a short
 * batch job ({@link #JVM_FLAGS}): on a large schema most of a default JVM's CPU goes to the optimising JIT
 * compiler, and the default collector grows the heap to several times what is live.
 */
public final class ForkedGeneration {
  /** Flags of the forked JVM: the quick JIT only, the serial collector. */
  static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData");

  /** Exit status: generated; the build fails (FAIL); an internal error (INTERNAL). */
  static final int OK = 0;
  static final int FAILED = 1;
  static final int INTERNAL = 3;

  private ForkedGeneration() {}

  /** {@code args}: the options as {@code key=value} ({@link #arguments}). */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    int status;
    try {
      Properties p = new Properties();
      for (String a : args) {
        int eq = a.indexOf('=');
        p.setProperty(a.substring(0, eq), a.substring(eq + 1));
      }
      GeneratorOptions options = options(p);
      int files = Generation.generate(o -> new Generator().generate(o), options, new File(p.getProperty("schemaParameter")),
          options.outputDirectory().toFile(), new File(p.getProperty("lockParameter")),
          (level, message) -> out.println(level + " " + escape(message)));
      out.println("FILES " + files);
      status = OK;
    } catch (Generation.Failure f) {
      out.println("FAIL " + escape(f.getMessage()));
      status = FAILED;
    } catch (Throwable t) { // said to be ours by the plugin, with the trace on standard error
      out.println("INTERNAL " + escape(t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage())));
      t.printStackTrace();
      status = INTERNAL;
    }
    out.flush();
    System.exit(status);
  }

  /** The options as {@link #main}'s arguments. */
  static List<String> arguments(GeneratorOptions o, File schemaParameter, File lockParameter) {
    Properties p = new Properties();
    p.setProperty("schema", o.schema().toString());
    if (o.displayBase() != null) {
      p.setProperty("displayBase", o.displayBase().toString());
    }
    p.setProperty("outputDirectory", o.outputDirectory().toString());
    p.setProperty("packageName", o.packageName());
    p.setProperty("keyStrategy", o.keyStrategy().name());
    p.setProperty("maxIndexes", Integer.toString(o.maxIndexes()));
    if (o.templateDirectory() != null) {
      p.setProperty("templateDirectory", o.templateDirectory().toString());
    }
    p.setProperty("authentication", o.authentication().name());
    if (o.lockFile() != null) {
      p.setProperty("lockFile", o.lockFile().toString());
    }
    p.setProperty("replan", Boolean.toString(o.replan()));
    p.setProperty("asyncDataAccess", Boolean.toString(o.asyncDataAccess()));
    p.setProperty("schemaParameter", schemaParameter.toString());
    p.setProperty("lockParameter", lockParameter.toString());
    return p.stringPropertyNames().stream().sorted().map(k -> k + "=" + p.getProperty(k)).toList();
  }

  static GeneratorOptions options(Properties p) {
    return new GeneratorOptions(Path.of(p.getProperty("schema")), path(p, "displayBase"),
        Path.of(p.getProperty("outputDirectory")), p.getProperty("packageName"),
        KeyStrategy.valueOf(p.getProperty("keyStrategy")), Integer.parseInt(p.getProperty("maxIndexes")),
        path(p, "templateDirectory"), Authentication.valueOf(p.getProperty("authentication")), path(p, "lockFile"),
        Boolean.parseBoolean(p.getProperty("replan")), Boolean.parseBoolean(p.getProperty("asyncDataAccess")));
  }

  private static Path path(Properties p, String key) {
    String v = p.getProperty(key);
    return v == null ? null : Path.of(v);
  }

  /** A message as one line: backslash, CR and LF escaped. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** What a forked generation reported. */
  record Outcome(int status, Integer files, String failure, String internal, String stderr) {}

  /**
   * Runs a forked generation with {@code java} and {@code classPath}, relaying its log lines to {@code log} as they
   * come; the outcome once it ended.
   */
  static Outcome run(Path java, List<Path> classPath, List<String> arguments, Generation.Log log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(JVM_FLAGS);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
    command.add(ForkedGeneration.class.getName());
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    process.getOutputStream().close();
    StringWriter stderr = new StringWriter();
    Thread errors = new Thread(() -> copy(process.getErrorStream(), stderr), "singletable-fork-stderr");
    errors.setDaemon(true);
    errors.start();
    Integer files = null;
    String failure = null;
    String internal = null;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        int space = line.indexOf(' ');
        String kind = space < 0 ? line : line.substring(0, space);
        String message = space < 0 ? "" : unescape(line.substring(space + 1));
        switch (kind) {
          case "INFO", "WARN", "ERROR" -> log.log(Generation.Level.valueOf(kind), message);
          case "FILES" -> files = Integer.valueOf(message);
          case "FAIL" -> failure = message;
          case "INTERNAL" -> internal = message;
          default -> log.log(Generation.Level.INFO, line); // printed by a library: passed on as it is
        }
      }
      int status = process.waitFor();
      errors.join(10_000);
      return new Outcome(status, files, failure, internal, stderr.toString());
    } finally {
      if (process.isAlive()) { // interrupted: the generation stops with the build
        process.destroyForcibly();
      }
    }
  }

  private static void copy(InputStream in, Writer to) {
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      r.transferTo(to);
    } catch (IOException e) {
      // the process ended; what was read is kept
    }
  }
}
