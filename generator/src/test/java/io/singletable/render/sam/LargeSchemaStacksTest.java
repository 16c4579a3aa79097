package io.singletable.render.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.TestSchemas;
import io.singletable.output.GeneratedFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** Big schemas stay within CloudFormation's per-stack quotas by moving resolvers into nested stacks. */
class LargeSchemaStacksTest {

  /** {@code n} models in chains: each has a unique name, belongs to the previous one, and has many of the next. */
  static String schema(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("type M").append(i).append(" @model {\n  id: ID!\n  name: String! @unique\n  score: Int\n");
      if (i > 0) {
        sb.append("  parentId: ID\n  parent: M").append(i - 1).append(" @belongsTo(field: \"parentId\")\n");
      }
      if (i + 1 < n) {
        sb.append("  children: [M").append(i + 1).append("] @hasMany(field: \"parentId\", sortBy: [\"score\"])\n");
      }
      sb.append("}\n");
    }
    return sb.toString();
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 100, 400})
  @SuppressWarnings("unchecked")
  void everyStackStaysWithinQuotasAndTheRootKeepsTheData(int models) {
    var planned = TestSchemas.plan(schema(models));
    List<Integer> counts = planned.resourcesPerStack();
    Map<String, Object> root = yaml(planned.plan().get(Generator.TEMPLATE).orElseThrow());
    Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) root.get("Resources");
    assertEquals(counts.get(0), resources.size(), "reported root count");
    for (String kept : List.of("Table", "GraphQLApi", "Schema", "TableDataSource", "TableDataSourceRole")) {
      assertTrue(resources.containsKey(kept), kept);
    }
    List<String> nested = new ArrayList<>();
    resources.forEach((id, r) -> {
      if ("AWS::CloudFormation::Stack".equals(r.get("Type"))) {
        nested.add((String) ((Map<String, Object>) r.get("Properties")).get("TemplateURL"));
      }
    });
    assertEquals(counts.size() - 1, nested.size());
    int resolvers = countType(resources, "AWS::AppSync::Resolver");
    for (int i = 0; i < nested.size(); i++) {
      GeneratedFile file = planned.plan().get(nested.get(i)).orElseThrow(() -> new AssertionError("missing stack"));
      assertTrue(file.content().length < 1_000_000);
      Map<String, Map<String, Object>> inner = (Map<String, Map<String, Object>>) yaml(file).get("Resources");
      assertEquals(counts.get(i + 1), inner.size());
      assertTrue(inner.size() <= 500, nested.get(i) + " has " + inner.size());
      resolvers += countType(inner, "AWS::AppSync::Resolver");
      for (Map<String, Object> r : inner.values()) {
        String path = (String) ((Map<String, Object>) r.get("Properties")).get("RequestMappingTemplateS3Location");
        assertTrue(path.startsWith("../") && planned.plan().get(path.substring(3)).isPresent(), path);
      }
    }
    assertTrue(counts.get(0) <= 500 && planned.plan().get(Generator.TEMPLATE).orElseThrow().content().length < 1_000_000);
    int expectedResolvers = planned.model().operations().size() + planned.model().relations().size();
    assertEquals(expectedResolvers, resolvers, "every resolver is declared exactly once");
    if (models == 400) {
      assertTrue(nested.size() >= 2, "400 models must split");
      int min = counts.subList(1, counts.size()).stream().mapToInt(Integer::intValue).min().orElseThrow();
      int max = counts.subList(1, counts.size()).stream().mapToInt(Integer::intValue).max().orElseThrow();
      assertTrue(max - min <= 4, "balanced within one pipeline resolver: " + counts);
    } else if (models == 10) {
      assertEquals(1, counts.size(), "small schemas need no nested stack");
    }
  }

  @Test
  void planningIsDeterministicAndKeepsPipelinesTogether() {
    var a = TestSchemas.plan(schema(400));
    var b = TestSchemas.plan(schema(400));
    assertEquals(a.resourcesPerStack(), b.resourcesPerStack());
    TreeSet<String> paths = new TreeSet<>();
    a.plan().files().forEach(f -> paths.add(f.path()));
    assertTrue(paths.contains("stacks/resolvers-01.yaml"));
    for (GeneratedFile f : a.plan().files()) {
      if (f.path().startsWith("stacks/")) {
        String text = new String(f.content(), StandardCharsets.UTF_8);
        for (String line : text.lines().filter(l -> l.contains("Fn::GetAtt: [") && l.contains("Function,")).toList()) {
          String function = line.substring(line.indexOf('[') + 1, line.indexOf(','));
          assertTrue(text.contains("  " + function + ":\n"), function + " is declared in the stack that uses it");
        }
        assertTrue(java.util.Arrays.equals(f.content(), b.plan().get(f.path()).orElseThrow().content()), f.path());
      }
    }
  }

  private static int countType(Map<String, Map<String, Object>> resources, String type) {
    return (int) resources.values().stream().filter(r -> type.equals(r.get("Type"))).count();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(GeneratedFile f) {
    return (Map<String, Object>) new Yaml().load(new String(f.content(), StandardCharsets.UTF_8));
  }
}
