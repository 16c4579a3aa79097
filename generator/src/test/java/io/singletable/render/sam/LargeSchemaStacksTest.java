package io.singletable.render.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.GeneratorOptions;
import io.singletable.TestSchemas;
import io.singletable.cfn.GeneratedSchemas;
import io.singletable.output.GeneratedFile;
import io.singletable.output.OutputPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Big schemas stay deployable: every template within CloudFormation's per-template quotas, every stack
 * operation (a top-level stack with its nested stacks) within 2,500 resources, group stacks deployed
 * after the root in the order deploy.sh states, importing only what the root exports; and a resolver
 * never changes stack when types are added anywhere.
 */
class LargeSchemaStacksTest {
  private static final Pattern GROUP_DEPLOY = Pattern.compile(
      "sam deploy --template-file (stacks/group-\\d+\\.yaml) --stack-name \"\\$STACK(-resolvers-\\d+)\"");

  /** 2,000 models: CfnTemplateValidationTest, which validates the same deployment against CloudFormation's specification. */
  @ParameterizedTest
  @ValueSource(ints = {10, 400, 1000})
  void everyTemplateAndEveryStackOperationStaysWithinQuotas(int models) {
    var planned = TestSchemas.plan(GeneratedSchemas.models(models));
    Deployment d = Deployment.of(planned.plan());
    int expectedResolvers = planned.model().operations().size() + planned.model().relations().size()
        + io.singletable.model.SubscriptionModel.of(planned.model()).size();
    assertEquals(expectedResolvers, d.stackOf().size(), "every resolver is declared exactly once");
    for (var t : d.templates().entrySet()) {
      Map<String, Object> template = t.getValue();
      assertTrue(resources(template).size() <= 500, t.getKey() + " has " + resources(template).size() + " resources");
      assertTrue(map(template, "Parameters").size() <= 200, t.getKey() + " parameters");
      assertTrue(map(template, "Outputs").size() <= 200, t.getKey() + " outputs");
      assertTrue(planned.plan().get(t.getKey()).orElseThrow().content().length <= 1_000_000, t.getKey() + " bytes");
    }
    List<Integer> operations = new ArrayList<>();
    for (String top : d.order()) {
      operations.add(d.operationResources(top));
    }
    for (int i = 0; i < operations.size(); i++) {
      assertTrue(operations.get(i) <= 2_500, d.order().get(i) + ": " + operations.get(i) + " resources in one operation");
    }
    assertEquals(planned.resourcesPerOperation(), operations, "reported per-operation counts");
    d.assertImportsResolveInOrder();
    if (models == 10) {
      assertEquals(List.of(Generator.TEMPLATE), d.order(), "a small schema is one stack");
      assertEquals(1, d.templates().size(), "and needs no nested stack");
    }
    if (models >= 1000) {
      assertTrue(d.order().size() > 1, "thousands of resolvers need group stacks: " + operations);
    }
    System.out.println("[stacks] " + models + " models: " + d.templates().size() + " templates, operations "
        + operations);
  }

  /**
   * A split deployment declares and exports every shared function, even one no resolver uses yet (no type has a
   * {@code @unique} field, so no delete runs DeleteItem): once a group imports an export, the root can no longer
   * remove it before the group is updated, so the set of exports must not depend on which functions are used.
   */
  @Test
  void aSplitDeploymentExportsEverySharedFunction() {
    StringBuilder sdl = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      sdl.append("type M").append(i).append(" @model {\n  id: ID!\n  name: String\n  parentId: ID\n");
      if (i > 0) {
        sdl.append("  parent: M").append(i - 1).append(" @belongsTo(field: \"parentId\")\n");
      }
      if (i + 1 < 400) {
        sdl.append("  children: [M").append(i + 1).append("] @hasMany(field: \"parentId\")\n");
      }
      sdl.append("}\n");
    }
    var planned = TestSchemas.plan(sdl.toString());
    Deployment d = Deployment.of(planned.plan());
    assertTrue(d.order().size() > 1, "split: " + d.order());
    Map<String, Map<String, Object>> root = resources(d.templates().get(Generator.TEMPLATE));
    for (String f : List.of("ReadItem", "UpdateItem", "DeleteItem")) {
      assertEquals("AWS::AppSync::FunctionConfiguration", root.get(f + "Function").get("Type"), f);
      assertTrue(d.exports().containsKey("ROOT-" + f + "FunctionId"), f + " is exported: " + d.exports());
      assertTrue(planned.plan().get("appsync/functions/" + f + ".request.vtl").isPresent(), f + " template");
    }
    d.assertImportsResolveInOrder();
    var small = TestSchemas.plan("type A @model { id: ID! name: String }");
    assertTrue(small.plan().get("appsync/functions/DeleteItem.request.vtl").isEmpty(),
        "one stack declares only the functions it uses");
  }

  /**
   * Adding a type at the start, in the middle or at the end of a 1,000-model schema (and a relation to an
   * existing type) moves no resolver from one stack to another.
   */
  @Test
  void addingTypesAnywhereMovesNoResolver(@TempDir Path dir) throws IOException {
    String base = GeneratedSchemas.models(1000);
    Path lock = dir.resolve("singletable.lock");
    Map<String, String> before = generate(dir, base, lock).stackOf();
    String newType = """
        type %s @model {
          id: ID!
          name: String! @unique
          parentId: ID
          parent: Item%s @belongsTo(field: "parentId")
        }

        """;
    String middle = "type Item500 @model {\n";
    assertTrue(base.contains(middle));
    String changed = newType.formatted("ExtraFirst", "010") + base.replace(middle,
        newType.formatted("ExtraMiddle", "500") + middle + "  extras: [ExtraMiddle] @hasMany(field: \"parentId\")\n")
        + newType.formatted("ExtraLast", "999");
    Deployment after = generate(dir, changed, lock);
    int kept = 0;
    for (var e : before.entrySet()) {
      String now = after.stackOf().get(e.getKey());
      assertNotNull(now, e.getKey() + " is still declared");
      assertEquals(e.getValue(), now, e.getKey() + " stays in its stack");
      kept++;
    }
    assertEquals(before.size(), kept);
    for (String added : List.of("Query.getExtraFirst", "Mutation.updateExtraMiddle", "ExtraLast.parent",
        "Item500.extras")) {
      assertTrue(after.stackOf().containsKey(added), added + " is placed");
    }
    assertEquals(before.get("Query.getItem500"), after.stackOf().get("Item500.extras"),
        "a new field of an existing type joins its type's stack while it has room");
    after.assertImportsResolveInOrder();
    // the placement is the lock's: generating again from it changes nothing
    assertEquals(after.stackOf(), generate(dir, changed, lock).stackOf());
  }

  private static Deployment generate(Path dir, String sdl, Path lock) throws IOException {
    Path schema = dir.resolve("schema.graphql");
    Files.writeString(schema, sdl);
    var options = GeneratorOptions.of(schema, dir.resolve("out")).withLock(lock, false);
    var planned = new Generator().plan(TestSchemas.inline(sdl), options);
    Files.writeString(lock, planned.lock().lock().render());
    return Deployment.of(planned.plan());
  }

  /** The templates of an output, their deployment order and which template declares each resolver. */
  record Deployment(List<String> order, Map<String, Map<String, Object>> templates, Map<String, String> stackOf,
      Map<String, String> exports) {

    static Deployment of(OutputPlan plan) {
      Map<String, Map<String, Object>> templates = new TreeMap<>();
      for (GeneratedFile f : plan.files()) {
        if (f.path().endsWith(".yaml")) {
          templates.put(f.path(), yaml(f));
        }
      }
      List<String> order = new ArrayList<>(List.of(Generator.TEMPLATE));
      String script = new String(plan.get(SamTemplateRenderer.DEPLOY_SCRIPT).orElseThrow().content(),
          StandardCharsets.UTF_8);
      Matcher m = GROUP_DEPLOY.matcher(script);
      while (m.find()) {
        order.add(m.group(1));
        assertTrue(templates.containsKey(m.group(1)), "deploy.sh deploys " + m.group(1));
      }
      List<String> groups = templates.keySet().stream().filter(p -> p.startsWith("stacks/group-")).toList();
      assertEquals(groups, order.subList(1, order.size()), "deploy.sh deploys every group stack, in order");
      String delete = new String(plan.get(SamTemplateRenderer.DELETE_SCRIPT).orElseThrow().content(),
          StandardCharsets.UTF_8);
      List<String> deleted = delete.lines().filter(l -> l.startsWith("sam delete")).toList();
      assertEquals(order.size(), deleted.size(), "delete.sh deletes every stack");
      assertTrue(deleted.get(deleted.size() - 1).contains("\"$STACK\" "), "the root last");
      Map<String, String> stackOf = new TreeMap<>();
      for (var t : templates.entrySet()) {
        resources(t.getValue()).forEach((id, r) -> {
          if ("AWS::AppSync::Resolver".equals(r.get("Type"))) {
            Map<String, Object> p = map(r, "Properties");
            String key = p.get("TypeName") + "." + p.get("FieldName");
            String other = stackOf.put(key, t.getKey());
            assertEquals(null, other, key + " is declared twice");
          }
        });
      }
      Map<String, String> exports = new LinkedHashMap<>();
      map(templates.get(Generator.TEMPLATE), "Outputs").forEach((id, o) -> {
        Object export = ((Map<?, ?>) o).get("Export");
        if (export != null) {
          Object name = ((Map<?, ?>) ((Map<?, ?>) export).get("Name")).get("Fn::Sub");
          exports.put(String.valueOf(name).replace("${AWS::StackName}", "ROOT"), id);
        }
      });
      return new Deployment(order, templates, stackOf, exports);
    }

    /** Resources of a top-level stack's operation: its own and, recursively, its nested stacks'. */
    int operationResources(String template) {
      Map<String, Object> t = templates.get(template);
      assertNotNull(t, template);
      int n = resources(t).size();
      for (var r : resources(t).values()) {
        if ("AWS::CloudFormation::Stack".equals(r.get("Type"))) {
          n += operationResources(nestedPath(template, r));
        }
      }
      return n;
    }

    /**
     * Each group stack's nested stacks exist and get every parameter they declare, and every import names an
     * export of the root, which deploy.sh deploys first.
     */
    void assertImportsResolveInOrder() {
      for (String top : order) {
        for (var r : resources(templates.get(top)).values()) {
          if (!"AWS::CloudFormation::Stack".equals(r.get("Type"))) {
            continue;
          }
          String nested = nestedPath(top, r);
          Map<String, Object> params = map(map(r, "Properties"), "Parameters");
          assertEquals(map(templates.get(nested), "Parameters").keySet(), params.keySet(), nested + " parameters");
          for (var p : params.entrySet()) {
            Object value = p.getValue();
            if (value instanceof Map<?, ?> v && v.containsKey("Fn::ImportValue")) {
              assertFalse(top.equals(Generator.TEMPLATE), "the root imports nothing");
              String name = String.valueOf(((Map<?, ?>) v.get("Fn::ImportValue")).get("Fn::Sub"))
                  .replace("${RootStackName}", "ROOT");
              assertTrue(exports.containsKey(name), top + " imports " + name + ", which the root does not export");
            }
          }
        }
      }
    }

    private String nestedPath(String parent, Map<String, Object> stack) {
      String url = String.valueOf(map(stack, "Properties").get("TemplateURL"));
      String dirOf = parent.contains("/") ? parent.substring(0, parent.lastIndexOf('/') + 1) : "";
      String path = Path.of(dirOf + url).normalize().toString().replace('\\', '/');
      assertTrue(templates.containsKey(path), parent + " nests " + path + ", which is not in the output");
      return path;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> resources(Map<String, Object> template) {
    return (Map<String, Map<String, Object>>) (Map<?, ?>) map(template, "Resources");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<?, ?> parent, String key) {
    Object v = parent.get(key);
    return v == null ? Map.of() : (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(GeneratedFile f) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(10_000_000);
    return (Map<String, Object>) new Yaml(options).load(new String(f.content(), StandardCharsets.UTF_8));
  }
}
