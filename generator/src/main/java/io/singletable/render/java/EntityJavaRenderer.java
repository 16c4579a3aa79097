package io.singletable.render.java;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.singletable.model.EntityModel;
import io.singletable.model.ServiceModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Renders the Java entities and their item codec: enums, records, sealed interfaces, {@code
 * Entity}, {@code ItemCodec}, its runtime helpers {@code ItemValues} and the {@code
 * MigrationRunner} that rewrites a table's items in place. The sources depend only on
 * the JDK and {@code software.amazon.awssdk:dynamodb}. Nothing is rendered for a schema without
 * {@code @model} types.
 */
public final class EntityJavaRenderer {
  /** Records rendered by one task. */
  private static final int RECORDS_PER_TASK = 100;

  /**
   * A part of the Java sources, independent of the others: when run, it builds its files one after the other, each
   * formatted as soon as it is built and its spec let go before the next one is built (the specs of a large
   * schema's Java would otherwise be held all at once, hundreds of MB).
   *
   * @param weight the task's rough cost (kilobytes of Java), to start the largest first
   * @param body builds the specs, in a fixed order, handing each to its argument
   * @param format a spec's source text
   */
  public record Task(int weight, Consumer<Consumer<TypeSpec>> body, Function<TypeSpec, String> format) {
    /** Builds and formats the task's files, handing each file's name and text to {@code sink}, in a fixed order. */
    public void run(BiConsumer<String, String> sink) {
      body.accept(spec -> sink.accept(spec.name() + ".java", format.apply(spec)));
    }
  }

  /** A task of one file formatted by JavaPoet alone. */
  public static Task single(String packageName, java.util.function.Supplier<TypeSpec> type) {
    return new Task(1, sink -> sink.accept(type.get()), spec -> file(packageName, spec).toString());
  }

  /** One source file per type, in a stable order: its name ({@code Type.java}) and its text. */
  public Map<String, String> render(ServiceModel model, String packageName) {
    return render(model, packageName, JavaNames.CHUNK_WEIGHT);
  }

  /** As {@link #render(ServiceModel, String)}, with groups of entities of at most {@code chunkWeight}. */
  Map<String, String> render(ServiceModel model, String packageName, int chunkWeight) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Task t : tasks(model, packageName, chunkWeight)) {
      t.run(out::put);
    }
    return out;
  }

  /** The tasks rendering {@link #render(ServiceModel, String)}'s files: run in this order, the same files in order. */
  public List<Task> tasks(ServiceModel model, String packageName) {
    return tasks(model, packageName, false);
  }

  /** {@link #tasks(ServiceModel, String)}, and with {@code async} the asynchronous data access's files last. */
  public List<Task> tasks(ServiceModel model, String packageName, boolean async) {
    return tasks(model, packageName, JavaNames.CHUNK_WEIGHT, async);
  }

  private List<Task> tasks(ServiceModel model, String packageName, int chunkWeight) {
    return tasks(model, packageName, chunkWeight, false);
  }

  private List<Task> tasks(ServiceModel model, String packageName, int chunkWeight, boolean async) {
    List<Task> out = new ArrayList<>();
    if (model.entities().isEmpty()) {
      return out;
    }
    JavaNames names = new JavaNames(model, packageName, chunkWeight);
    EntityRenderer entities = new EntityRenderer(model, names);
    ItemCodecRenderer codec = new ItemCodecRenderer(model, names);
    DataAccessRenderer access = new DataAccessRenderer(model, names);
    Function<TypeSpec, String> format = spec -> names.expandJavadoc(file(packageName, spec).toString());
    out.add(new Task(1 + names.enums().size() + model.abstractTypes().size(), entities::renderShared, format));
    List<EntityModel> all = model.entities();
    for (int i = 0; i < all.size(); i += RECORDS_PER_TASK) {
      List<EntityModel> batch = all.subList(i, Math.min(all.size(), i + RECORDS_PER_TASK));
      out.add(new Task(4 * batch.size(), sink -> entities.renderRecords(batch, sink), format));
    }
    List<List<EntityModel>> chunks = names.chunks();
    for (int c = 0; c < chunks.size(); c++) {
      int chunk = c;
      out.add(new Task(6 * chunks.get(c).size(), sink -> codec.renderChunk(chunk, sink), format));
    }
    for (int c = 0; c < chunks.size(); c++) {
      int chunk = c;
      out.add(new Task(22 * chunks.get(c).size(), sink -> access.renderChunk(chunk, sink), format));
    }
    out.add(new Task(2, sink -> sink.accept(new SchemaMigrationRenderer(names).render()), format));
    if (async) {
      out.add(new Task(10 * all.size(), sink -> new AsyncDataAccessRenderer(model, names, access).render(sink), format));
    }
    return out;
  }

  /** The source file of a generated type. */
  public static JavaFile file(String packageName, TypeSpec type) {
    return JavaFile.builder(packageName, type)
        .addFileComment("Generated by singletable. Do not edit.")
        .skipJavaLangImports(true)
        .build();
  }
}
