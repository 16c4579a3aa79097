package io.singletable.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * The one strict FreeMarker configuration of the generator.
 *
 * <p>Escaping scheme: templates use FreeMarker's square-bracket syntax ({@code [#if x]},
 * {@code [=value]}), so VTL's {@code $var}/{@code #if} and CloudFormation's {@code ${Sub}} are
 * plain text in every template. Templates are looked up by file name, first in the user's
 * {@code templateDirectory}, then in the packaged templates jar.
 */
public final class TemplateEngine {
  /** Where the packaged templates live in the templates jar. */
  public static final String PACKAGED = "/io/singletable/templates";
  private final Configuration cfg;
  private final Path overrides;
  /** Each template as loaded at its first use: one engine serves one run, so its templates do not change. */
  private final java.util.concurrent.ConcurrentHashMap<String, Template> templates =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** @param overrides user folder whose files replace packaged templates of the same name, or null */
  public TemplateEngine(Path overrides) {
    this.overrides = overrides;
    cfg = new Configuration(Configuration.VERSION_2_3_34);
    cfg.setTemplateLoader(loader(overrides));
    cfg.setDefaultEncoding("UTF-8");
    cfg.setOutputEncoding("UTF-8");
    cfg.setLocale(Locale.ROOT);
    cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
    cfg.setNumberFormat("computer");
    cfg.setBooleanFormat("c");
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    cfg.setAPIBuiltinEnabled(false);
    cfg.setTagSyntax(Configuration.SQUARE_BRACKET_TAG_SYNTAX);
    cfg.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
    cfg.setWhitespaceStripping(true);
    cfg.setLocalizedLookup(false);
  }

  private static TemplateLoader loader(Path overrides) {
    TemplateLoader packaged = new ClassTemplateLoader(TemplateEngine.class, PACKAGED);
    if (overrides == null) {
      return packaged;
    }
    try {
      return new MultiTemplateLoader(new TemplateLoader[] {new FileTemplateLoader(overrides.toFile()), packaged});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read templateDirectory " + overrides, e);
    }
  }

  /**
   * Parses the packaged templates {@code names} into the cache ahead of their first use (on a thread with time to
   * spare: parsing is most of a template's first use in a fresh JVM). Does nothing with a template directory, whose
   * templates' errors are reported at their use; after a failure here, every template is loaded again at its use.
   */
  public TemplateEngine preload(java.util.Collection<String> names) {
    if (overrides == null) {
      for (String name : names) {
        try {
          cfg.getTemplate(name);
        } catch (IOException | RuntimeException e) {
          cfg.clearTemplateCache(); // no failure kept: each template is loaded afresh at its use, failing there
          break;
        }
      }
    }
    return this;
  }

  /** Renders {@code name} with {@code view} bound as {@code view}; '\n' line ends. */
  public String render(String name, Object view) {
    try {
      Template t = templates.get(name);
      if (t == null) {
        t = cfg.getTemplate(name);
        templates.put(name, t);
      }
      StringWriter out = new StringWriter();
      t.process(Map.of("view", view), out);
      return out.toString().replace("\r\n", "\n");
    } catch (TemplateException | freemarker.core.ParseException e) {
      if (overrides != null && java.nio.file.Files.isRegularFile(overrides.resolve(name))) {
        throw new TemplateOverrideException("template " + name + " from the templateDirectory " + overrides
            + " failed: " + e.getMessage(), e);
      }
      throw new IllegalStateException("template " + name + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("template " + name + ": " + e.getMessage(), e);
    }
  }
}
