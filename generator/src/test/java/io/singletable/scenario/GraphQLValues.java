package io.singletable.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.singletable.model.EntityModel;
import io.singletable.model.FieldModel;
import io.singletable.render.java.GeneratedJava;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The GraphQL side of the generated records' values: variables for inputs (enums by their schema
 * name, {@code AWSJSON} as a JSON string) and the JSON a query returns, made comparable (numbers by
 * value, {@code AWSJSON} strings parsed).
 */
final class GraphQLValues {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern OFFSET = Pattern.compile("(Z|[+-]\\d{2}:\\d{2})$");

  private GraphQLValues() {}

  /** The selection of every stored field of {@code e}. */
  static String selection(EntityModel e) {
    return e.storedFields().stream().map(FieldModel::name).collect(Collectors.joining(" "));
  }

  /** A GraphQL input object of the given fields (null values kept: they clear a field in an update). */
  static Map<String, Object> input(EntityModel e, Map<String, Object> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((name, value) -> out.put(e.field(name).orElseThrow().name(), variable(value)));
    return out;
  }

  private static Object variable(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(variable(v)));
      return out;
    }
    if (value instanceof Enum<?>) {
      return GeneratedJava.callOn(value, "graphqlName");
    }
    if (value instanceof AttributeValue json) {
      try {
        return JSON.writeValueAsString(json(json));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return value;
  }

  /** What a query selecting {@link #selection} returns for these values, comparable with {@link #comparable}. */
  static JsonNode expected(EntityModel e, Map<String, Object> values) {
    ObjectNode out = NODES.objectNode();
    for (FieldModel f : e.storedFields()) {
      out.set(f.name(), canonical(expectedValue(values.get(f.name())), f.type().name()));
    }
    return out;
  }

  private static JsonNode expectedValue(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof List<?> list) {
      ArrayNode out = NODES.arrayNode();
      list.forEach(v -> out.add(expectedValue(v)));
      return out;
    }
    if (value instanceof Enum<?>) {
      return NODES.textNode((String) GeneratedJava.callOn(value, "graphqlName"));
    }
    if (value instanceof AttributeValue json) {
      return JSON.valueToTree(json(json));
    }
    return JSON.valueToTree(value);
  }

  /** The stored fields of a returned object of {@code e}, {@code AWSJSON} parsed and numbers canonical. */
  static JsonNode comparable(EntityModel e, JsonNode object) {
    ObjectNode out = NODES.objectNode();
    for (FieldModel f : e.storedFields()) {
      JsonNode value = object.path(f.name());
      if (f.type().name().equals("AWSJSON")) {
        value = parsed(value);
      }
      out.set(f.name(), canonical(value, f.type().name()));
    }
    return out;
  }

  /** An {@code AWSJSON} value as returned (a JSON string, or a list of them) parsed. */
  private static JsonNode parsed(JsonNode value) {
    if (value.isArray()) {
      ArrayNode out = NODES.arrayNode();
      value.forEach(v -> out.add(parsed(v)));
      return out;
    }
    if (!value.isTextual()) {
      return value;
    }
    try {
      return JSON.readTree(value.asText());
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /**
   * Numbers as exact decimals without trailing zeros, so {@code 1}, {@code 1.0} and {@code 1.00} are
   * equal; {@code AWSDateTime} and {@code AWSTime} as UTC, because the simulator serialises them in
   * UTC ({@code 07:08+02:00} becomes {@code 05:08Z}) where AppSync returns the stored text (the
   * stored items themselves are compared exactly).
   */
  private static JsonNode canonical(JsonNode node, String scalar) {
    if (node.isNumber()) {
      return NODES.numberNode(node.decimalValue().stripTrailingZeros());
    }
    if (node.isTextual() && scalar.equals("AWSDateTime")) {
      return NODES.textNode(OffsetDateTime.parse(node.asText()).toInstant().toString());
    }
    if (node.isTextual() && scalar.equals("AWSTime") && OFFSET.matcher(node.asText()).find()) {
      return NODES.textNode(OffsetTime.parse(node.asText()).withOffsetSameInstant(ZoneOffset.UTC).toString());
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      node.forEach(v -> out.add(canonical(v, scalar)));
      return out;
    }
    if (node.isObject()) {
      ObjectNode out = NODES.objectNode();
      node.properties().forEach(p -> out.set(p.getKey(), canonical(p.getValue(), scalar)));
      return out;
    }
    return node;
  }

  /** A DynamoDB value as plain JSON data (what AppSync parses an {@code AWSJSON} input into). */
  private static Object json(AttributeValue v) {
    if (v.s() != null) {
      return v.s();
    }
    if (v.n() != null) {
      return new BigDecimal(v.n());
    }
    if (v.bool() != null) {
      return v.bool();
    }
    if (v.hasL()) {
      return v.l().stream().map(GraphQLValues::json).toList();
    }
    if (v.hasM()) {
      Map<String, Object> out = new LinkedHashMap<>();
      v.m().forEach((k, x) -> out.put(k, json(x)));
      return out;
    }
    return null;
  }
}
