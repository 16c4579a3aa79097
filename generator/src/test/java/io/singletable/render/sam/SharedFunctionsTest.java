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

  /**
   * Every resolver outside the root names the functions by the parameters {@code <Function>Id} of its
   * stack, which the stack nesting it passes: the root from the functions themselves, a group stack
   * (deployed on its own) from the root's exports.
   */
  @Test
  @SuppressWarnings("unchecked")
  void nestedResolversReceiveTheFunctionIdsAsParameters() {
    var planned = TestSchemas.plan(GeneratedSchemas.models(400));
    Map<String, Map<String, Object>> files = new LinkedHashMap<>();
    for (GeneratedFile f : planned.plan().files()) {
      if (f.path().equals(Generator.TEMPLATE) || f.path().startsWith("stacks/")) {
        files.put(f.path(), (Map<String, Object>) new Yaml().load(new String(f.content(), StandardCharsets.UTF_8)));
      }
    }
    Map<String, Object> rootOutputs = (Map<String, Object>) files.get(Generator.TEMPLATE).get("Outputs");
    int pipelines = 0;
    int nestedStacks = 0;
    for (var file : files.entrySet()) {
      boolean root = file.getKey().equals(Generator.TEMPLATE);
      String dir = root ? "" : file.getKey().substring(0, file.getKey().lastIndexOf('/') + 1);
      Map<String, Object> declared = (Map<String, Object>) file.getValue().getOrDefault("Parameters", Map.of());
      for (Map<String, Object> r : ((Map<String, Map<String, Object>>) file.getValue().get("Resources")).values()) {
        Map<String, Object> p = (Map<String, Object>) r.get("Properties");
        if ("AWS::CloudFormation::Stack".equals(r.get("Type"))) {
          nestedStacks++;
          String path = java.nio.file.Path.of(dir + p.get("TemplateURL")).normalize().toString();
          Map<String, Object> passed = (Map<String, Object>) p.get("Parameters");
          Map<String, Object> nestedDeclared = (Map<String, Object>) files.get(path).get("Parameters");
          assertEquals(nestedDeclared.keySet(), passed.keySet(), path + ": every parameter declared is passed");
          for (String function : SHARED) {
            Object value = passed.get(function + "Id");
            if (value == null) {
              continue;
            }
            if (root) {
              assertEquals(Map.of("Fn::GetAtt", List.of(function, "FunctionId")), value, path);
            } else {
              assertEquals(Map.of("Fn::ImportValue", Map.of("Fn::Sub", "${RootStackName}-" + function + "Id")), value, path);
              Map<String, Object> output = (Map<String, Object>) rootOutputs.get(function + "Id");
              assertEquals(Map.of("Fn::GetAtt", List.of(function, "FunctionId")), output.get("Value"), "root exports " + function);
              assertEquals(Map.of("Name", Map.of("Fn::Sub", "${AWS::StackName}-" + function + "Id")), output.get("Export"));
            }
          }
        } else if ("AWS::AppSync::Resolver".equals(r.get("Type")) && "PIPELINE".equals(p.get("Kind"))) {
          pipelines++;
          for (Object f : (List<Object>) ((Map<String, Object>) p.get("PipelineConfig")).get("Functions")) {
            Map<String, Object> ref = (Map<String, Object>) f;
            if (root) {
              assertTrue(SHARED.contains(((List<String>) ref.get("Fn::GetAtt")).get(0)), ref.toString());
            } else {
              String parameter = (String) ref.get("Ref");
              assertTrue(declared.containsKey(parameter), file.getKey() + " declares " + parameter);
              assertTrue(SHARED.contains(parameter.substring(0, parameter.length() - "Id".length())), parameter);
            }
          }
        }
      }
    }
    assertTrue(nestedStacks > 3, "400 models need nested stacks: " + nestedStacks);
    assertEquals(800, pipelines, "an update and a delete (unique names) per model");
  }

  @Test
  void onlyTheFunctionsSomeResolverUsesAreDeclared() {
    var planned = TestSchemas.plan("type Note @model { id: ID! text: String }");
    assertEquals(List.of("ReadItemFunction", "UpdateItemFunction"), functionIds(templates(planned)));
    assertFalse(planned.plan().get("appsync/functions/DeleteItem.request.vtl").isPresent());
  }
}
