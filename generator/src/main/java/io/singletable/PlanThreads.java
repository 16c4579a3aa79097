package io.singletable;

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
   * The generated Java sources, rendered beside the templates: a worker lists the renderers' tasks, then it and the
   * caller of {@link #finish} run them, each taking the next, largest first. A task formats each spec as soon as it
   * is built and lets it go, so that only the text of the files is kept.
   */
  static final class JavaSources {
    private final CompletableFuture<Emission> tasks = new CompletableFuture<>();
    private final Future<Void> worker;

    /** {@code directory}: where the files go in the output, ending with '/'. */
    JavaSources(PlanThreads threads, ServiceModel model, String packageName, String directory, boolean async) {
      worker = threads.submit(() -> {
        Emission e;
        try {
          List<EntityJavaRenderer.Task> all = new ArrayList<>();
          all.add(EntityJavaRenderer.single(packageName, () -> new SchemaConstantsRenderer().renderType(model, packageName)));
          all.addAll(new EntityJavaRenderer().tasks(model, packageName, async));
          e = new Emission(all, directory);
        } catch (RuntimeException | Error failure) {
          tasks.completeExceptionally(failure);
          throw failure;
        }
        tasks.complete(e);
        e.work();
        return null;
      });
    }

    /** The files, in the tasks' order; the caller runs tasks too until none is left. */
    List<GeneratedFile> finish() {
      Emission e = join(tasks);
      e.work();
      join(worker); // the tasks it took are done
      return e.files();
    }
  }

  /** Tasks run by whichever thread takes them, the largest first to even out the threads. */
  private static final class Emission {
    private final EntityJavaRenderer.Task[] tasks;
    private final List<Integer> order;
    private final List<List<GeneratedFile>> out;
    private final String directory;
    private final AtomicInteger next = new AtomicInteger();

    Emission(List<EntityJavaRenderer.Task> tasks, String directory) {
      this.tasks = tasks.toArray(new EntityJavaRenderer.Task[0]);
      this.directory = directory;
      this.out = new ArrayList<>();
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < this.tasks.length; i++) {
        order.add(i);
        out.add(null);
      }
      order.sort(Comparator.comparingInt((Integer i) -> -this.tasks[i].weight()).thenComparingInt(i -> i));
      this.order = order;
    }

    void work() {
      for (int k; (k = next.getAndIncrement()) < tasks.length; ) {
        int i = order.get(k);
        List<GeneratedFile> files = new ArrayList<>();
        tasks[i].run((name, text) -> files.add(GeneratedFile.text(directory + name, text)));
        tasks[i] = null;
        synchronized (out) {
          out.set(i, files);
        }
      }
    }

    /** Every file, in the tasks' order; call when every thread's {@link #work} returned. */
    List<GeneratedFile> files() {
      List<GeneratedFile> all = new ArrayList<>();
      synchronized (out) {
        out.forEach(all::addAll);
      }
      return all;
    }
  }
}
