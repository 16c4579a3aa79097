package io.singletable.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.Generator;
import io.singletable.TestSchemas;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** SPEC §2.5 in template.yaml: one resolver per subscription field, on the NONE data source. */
class SubscriptionTemplateTest {
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> resources(String sdl) {
    var planned = TestSchemas.plan(sdl);
    Map<String, Object> template = new Yaml().load(new String(planned.plan().get(Generator.TEMPLATE).orElseThrow()
        .content(), StandardCharsets.UTF_8));
    return (Map<String, Map<String, Object>>) template.get("Resources");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everySubscriptionFieldHasAResolverOnTheNoneDataSource() {
    var resources = resources("""
        type Post @model { id: ID! title: String }
        type Log @model(operations: [GET, CREATE]) { id: ID! }
        type Quiet @model(subscriptions: false) { id: ID! }
        """);
    Map<String, Object> none = resources.get("NoneDataSource");
    assertEquals("AWS::AppSync::DataSource", none.get("Type"));
    assertEquals("NONE", ((Map<String, Object>) none.get("Properties")).get("Type"));
    TreeSet<String> fields = new TreeSet<>();
    resources.forEach((id, r) -> {
      Map<String, Object> p = (Map<String, Object>) r.get("Properties");
      if ("AWS::AppSync::Resolver".equals(r.get("Type")) && "Subscription".equals(p.get("TypeName"))) {
        fields.add((String) p.get("FieldName"));
        assertEquals("UNIT", p.get("Kind"));
        assertEquals(Map.of("Fn::GetAtt", List.of("NoneDataSource", "Name")), p.get("DataSourceName"), id);
        assertEquals("appsync/resolvers/Subscription." + p.get("FieldName") + ".response.vtl",
            p.get("ResponseMappingTemplateS3Location"));
      }
    });
    assertEquals(new TreeSet<>(List.of("onCreateLog", "onCreatePost", "onDeletePost", "onUpdatePost")), fields);
  }

  @Test
  void noSubscriptionNoNoneDataSource() {
    var resources = resources("type Quiet @model(subscriptions: false) { id: ID! }");
    assertFalse(resources.containsKey("NoneDataSource"));
    assertTrue(resources.values().stream().noneMatch(r -> r.toString().contains("Subscription")));
  }
}
