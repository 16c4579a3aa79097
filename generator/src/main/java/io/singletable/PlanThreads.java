package io.singletable;

import com.palantir.javapoet.JavaFile;
import io.singletable.model.ServiceModel;
import io.singletable.output.GeneratedFile;
import io.singletable.render.java.EntityJavaRenderer;
import io.singletable.render.java.SchemaConstantsRenderer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker threads of one plan, so that independent stages use every core: graphql-java's check of the
 * deployable schema and the Java sources run beside the templates. Each task's result is its own and is
 * joined in a fixed order, so the output does not depend on the scheduling. Workers have the planning
 * thread's deep stack (graphql-java recurses along field references).
 */
final class PlanThreads implements AutoCloseable {
  private final ExecutorService pool;

  PlanThreads(int threads) {
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(threads, task -> {
      Thread t = new Thread(null, task, "singletable-plan-" + n.incrementAndGet(), Generator.PLAN_STACK_BYTES);
      t.setDaemon(true);
      return t;
    });
  }

  <T> Future<T> submit(Callable<T> task) {
    return pool.submit(task);
  }

  /**
   * Runs {@code task} at once on a thread of its own (a first use that would otherwise wait for earlier stages,
   * such as FreeMarker's configuration, a quarter of a second in a fresh JVM); {@link #join} its result.
   */
  static <T> Future<T> early(String name, Callable<T> task) {
    java.util.concurrent.FutureTask<T> future = new java.util.concurrent.FutureTask<>(task);
    Thread t = new Thread(future, "singletable-" + name);
    t.setDaemon(true);
    t.start();
    return future;
  }

  /** The task's result; a RuntimeException or Error it threw is rethrown as it is. */
  static <T> T join(Future<T> task) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true; // the plan writes nothing: let the task finish
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  /**
   * The generated Java sources, rendered beside the templates: a worker builds the JavaPoet specs, then it and
   * the caller of {@link #finish} format the files (most of the cost), each taking the next, largest first.
   */
  static final class JavaSources {
    private final CompletableFuture<Emission> specs = new CompletableFuture<>();
    private final Future<Void> worker;

    /** {@code directory}: where the files go in the output, ending with '/'. */
    JavaSources(PlanThreads threads, ServiceModel model, String packageName, String directory) {
      worker = threads.submit(() -> {
        Emission e;
        try {
          List<JavaFile> files = new ArrayList<>();
          files.add(new SchemaConstantsRenderer().render(model, packageName));
          files.addAll(new EntityJavaRenderer().render(model, packageName));
          e = new Emission(files, directory);
        } catch (RuntimeException | Error failure) {
          specs.completeExceptionally(failure);
          throw failure;
        }
        specs.complete(e);
        e.work();
        return null;
      });
    }

    /** The files, in the renderers' order; the caller formats files too until none is left. */
    List<GeneratedFile> finish() {
      Emission e = join(specs);
      e.work();
      join(worker); // the files it took are done
      return e.files();
    }
  }

  /**
   * Files formatted by whichever thread takes them, the largest (by members) first to even out the threads; each
   * spec is let go once formatted, each text kept as a file's bytes.
   */
  private static final class Emission {
    private final JavaFile[] files;
    private final String[] names;
    private final List<Integer> order;
    private final GeneratedFile[] out;
    private final String directory;
    private final AtomicInteger next = new AtomicInteger();

    Emission(List<JavaFile> files, String directory) {
      this.files = files.toArray(new JavaFile[0]);
      this.names = files.stream().map(f -> f.typeSpec().name() + ".java").toArray(String[]::new);
      this.out = new GeneratedFile[files.size()];
      this.directory = directory;
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.comparingInt((Integer i) -> -members(files.get(i))).thenComparingInt(i -> i));
      this.order = order;
    }

    private static int members(JavaFile file) {
      return file.typeSpec().methodSpecs().size() + file.typeSpec().fieldSpecs().size();
    }

    void work() {
      for (int k; (k = next.getAndIncrement()) < files.length; ) {
        int i = order.get(k);
        out[i] = GeneratedFile.text(directory + names[i], files[i].toString());
        files[i] = null;
      }
    }

    /** Every file, in the renderers' order; call when every thread's {@link #work} returned. */
    List<GeneratedFile> files() {
      return List.of(out);
    }
  }
}
