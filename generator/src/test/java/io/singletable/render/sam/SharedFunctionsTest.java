package io.singletable.render.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.TestSchemas;
import io.singletable.cfn.GeneratedSchemas;
import io.singletable.output.GeneratedFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The pipeline functions are a fixed set shared by every PIPELINE resolver, whatever the schema:
 * ReadItem, UpdateItem, DeleteItem, each declared once in the root template with its templates
 * rendered once; resolvers in nested stacks receive their FunctionIds as parameters.
 */
class SharedFunctionsTest {
  private static final List<String> SHARED = List.of("ReadItemFunction", "UpdateItemFunction", "DeleteItemFunction");

  /** Every template of the output (root first) with its resources. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Map<String, Object>>> templates(Generator.Planned planned) {
    Map<String, Map<String, Map<String, Object>>> out = new LinkedHashMap<>();
    for (GeneratedFile f : planned.plan().files()) {
      if (f.path().equals(Generator.TEMPLATE) || f.path().startsWith("stacks/")) {
        Map<String, Object> yaml = (Map<String, Object>) new Yaml().load(new String(f.content(), StandardCharsets.UTF_8));
        out.put(f.path(), (Map<String, Map<String, Object>>) yaml.get("Resources"));
      }
    }
    return out;
  }

  private static List<String> functionIds(Map<String, Map<String, Map<String, Object>>> templates) {
    List<String> ids = new ArrayList<>();
    templates.values().forEach(resources -> resources.forEach((id, r) -> {
      if ("AWS::AppSync::FunctionConfiguration".equals(r.get("Type"))) {
        ids.add(id);
      }
    }));
    return ids;
  }

  @Test
  void theFunctionsAreTheSameThreeForTenAndForFourHundredModels() {
    var small = TestSchemas.plan(GeneratedSchemas.models(10));
    var large = TestSchemas.plan(GeneratedSchemas.models(400));
    var smallTemplates = templates(small);
    var largeTemplates = templates(large);
    assertEquals(1, smallTemplates.size(), "10 models fit in the root");
    assertTrue(largeTemplates.size() > 2, "400 models split into nested stacks");
    assertEquals(SHARED, functionIds(smallTemplates));
    assertEquals(SHARED, functionIds(largeTemplates));
    assertTrue(largeTemplates.get(Generator.TEMPLATE).keySet().containsAll(SHARED), "declared in the root");
    for (var planned : List.of(small, large)) {
      TreeSet<String> functionFiles = new TreeSet<>();
      planned.plan().files().forEach(f -> {
        if (f.path().startsWith("appsync/functions/")) {
          functionFiles.add(f.path());
        }
      });
      assertEquals(new TreeSet<>(List.of("appsync/functions/DeleteItem.request.vtl", "appsync/functions/DeleteItem.response.vtl",
          "appsync/functions/ReadItem.request.vtl", "appsync/functions/ReadItem.response.vtl",
          "appsync/functions/UpdateItem.request.vtl", "appsync/functions/UpdateItem.response.vtl")), functionFiles);
    }
    for (String f : List.of("ReadItem.request.vtl", "UpdateItem.request.vtl", "DeleteItem.request.vtl")) {
      assertTrue(java.util.Arrays.equals(small.plan().get("appsync/functions/" + f).orElseThrow().content(),
          large.plan().get("appsync/functions/" + f).orElseThrow().content()), f + " does not depend on the schema");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void nestedResolversReceiveTheFunctionIdsAsParameters() {
    var planned = TestSchemas.plan(GeneratedSchemas.models(400));
    var templates = templates(planned);
    Map<String, Map<String, Object>> root = templates.get(Generator.TEMPLATE);
    int pipelines = 0;
    for (var stack : root.entrySet()) {
      if (!"AWS::CloudFormation::Stack".equals(stack.getValue().get("Type"))) {
        continue;
      }
      Map<String, Object> properties = (Map<String, Object>) stack.getValue().get("Properties");
      String path = (String) properties.get("TemplateURL");
      Map<String, Object> passed = (Map<String, Object>) properties.get("Parameters");
      Map<String, Object> nested = (Map<String, Object>) new Yaml().load(
          new String(planned.plan().get(path).orElseThrow().content(), StandardCharsets.UTF_8));
      Map<String, Object> declared = (Map<String, Object>) nested.get("Parameters");
      assertEquals(declared.keySet(), passed.keySet(), path + ": every parameter declared is passed");
      for (Map<String, Object> r : templates.get(path).values()) {
        assertEquals("AWS::AppSync::Resolver", r.get("Type"), path + " holds only resolvers");
        Map<String, Object> p = (Map<String, Object>) r.get("Properties");
        if (!"PIPELINE".equals(p.get("Kind"))) {
          continue;
        }
        pipelines++;
        for (Object f : (List<Object>) ((Map<String, Object>) p.get("PipelineConfig")).get("Functions")) {
          String parameter = (String) ((Map<String, Object>) f).get("Ref");
          assertTrue(declared.containsKey(parameter), path + " declares " + parameter);
          String function = parameter.substring(0, parameter.length() - "Id".length());
          assertTrue(SHARED.contains(function), parameter);
          assertEquals(Map.of("Fn::GetAtt", List.of(function, "FunctionId")), passed.get(parameter));
        }
      }
    }
    assertEquals(800, pipelines, "an update and a delete (unique names) per model");
  }

  @Test
  void onlyTheFunctionsSomeResolverUsesAreDeclared() {
    var planned = TestSchemas.plan("type Note @model { id: ID! text: String }");
    assertEquals(List.of("ReadItemFunction", "UpdateItemFunction"), functionIds(templates(planned)));
    assertFalse(planned.plan().get("appsync/functions/DeleteItem.request.vtl").isPresent());
  }
}
