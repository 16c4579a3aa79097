package io.singletable.render.java;

import io.singletable.model.AuthStrategy;
import io.singletable.model.EntityModel;
import io.singletable.model.FieldKind;
import io.singletable.model.FieldModel;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds generated records with legal values of every GraphQL type (reflection, tests only): values
 * the AppSync simulator also accepts as GraphQL input, so that the same records can be sent through
 * the resolvers.
 */
public final class SampleValues {
  /**
   * The value of a field an {@code @auth} owner rule of its type reads ({@code [OWNER]} for a list): the {@code sub}
   * of the user who owns every sample item, so that a caller with that {@code sub} may change what it writes.
   */
  public static final String OWNER = "sample-owner-sub";

  private SampleValues() {}

  /**
   * A record of {@code e} whose fields are set from {@code seed}; with {@code nulls}, every nullable
   * field is null. {@code overrides} replace fields by GraphQL name.
   */
  public static Object record(GeneratedJava java, EntityModel e, int seed, boolean nulls, Map<String, Object> overrides) {
    RecordComponent[] components = java.schemaType(e.name()).getRecordComponents();
    List<FieldModel> fields = e.storedFields();
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < components.length; i++) {
      FieldModel f = fields.get(i);
      if (overrides.containsKey(f.name())) {
        values.put(f.name(), overrides.get(f.name()));
      } else if (!nulls || f.type().nonNull()) {
        Object owner = f.type().list() ? List.of(OWNER) : OWNER;
        values.put(f.name(), ownerField(e, f) ? owner : value(f, components[i], seed));
      }
    }
    return construct(java, e, values);
  }

  private static boolean ownerField(EntityModel e, FieldModel f) {
    return e.auth().rules().stream().anyMatch(r -> r.allow() == AuthStrategy.OWNER && f.name().equals(r.ownerField()));
  }

  /** A record of {@code e} with the values of {@code values} by GraphQL field name (missing ones null). */
  public static Object construct(GeneratedJava java, EntityModel e, Map<String, Object> values) {
    Class<?> type = java.schemaType(e.name());
    RecordComponent[] components = type.getRecordComponents();
    List<FieldModel> fields = e.storedFields();
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      args[i] = values.get(fields.get(i).name());
    }
    try {
      Constructor<?> c = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
      return c.newInstance(args);
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** The stored fields of a record of {@code e} by GraphQL name, in declaration order (null values kept). */
  public static Map<String, Object> fields(EntityModel e, Object record) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    List<FieldModel> fields = e.storedFields();
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < components.length; i++) {
      try {
        out.put(fields.get(i).name(), components[i].getAccessor().invoke(record));
      } catch (ReflectiveOperationException ex) {
        throw new IllegalStateException(ex);
      }
    }
    return out;
  }

  private static Object value(FieldModel f, RecordComponent c, int seed) {
    if (f.name().equals("id")) {
      return "id-" + seed;
    }
    if (!f.type().list()) {
      return scalar(f, c.getType(), seed);
    }
    Class<?> element = elementClass(f, c);
    List<Object> out = new ArrayList<>();
    out.add(scalar(f, element, seed));
    out.add(scalar(f, element, seed + 1));
    if (!f.type().elementNonNull()) {
      out.add(null);
    }
    return out;
  }

  private static Class<?> elementClass(FieldModel f, RecordComponent c) {
    var parameterized = (java.lang.reflect.ParameterizedType) c.getGenericType();
    return (Class<?>) parameterized.getActualTypeArguments()[0];
  }

  private static Object scalar(FieldModel f, Class<?> type, int seed) {
    if (f.kind() == FieldKind.ENUM) {
      Object[] constants = type.getEnumConstants();
      return constants[seed % constants.length];
    }
    return switch (f.type().name()) {
      case "Int" -> seed * 7 - 20;
      case "Float" -> seed * 1.25 - 3.5;
      case "AWSTimestamp" -> 1_700_000_000L + seed;
      case "Boolean" -> seed % 2 == 0;
      case "AWSDateTime" -> String.format("2024-05-%02dT07:08:09.123+02:00", 1 + seed % 28);
      case "AWSDate" -> String.format("2024-05-%02d", 1 + seed % 28);
      case "AWSTime" -> "07:08:09.5+01:00";
      case "AWSEmail" -> "User" + seed + "@Example.com";
      case "AWSURL" -> "https://example.com/" + seed;
      case "AWSPhone" -> "+1 206 555 0100";
      case "AWSIPAddress" -> "192.0.2." + (seed % 250);
      case "AWSJSON" -> AttributeValue.fromM(Map.of("n", AttributeValue.fromN(Integer.toString(seed)),
          "list", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromBool(true)))));
      default -> f.name() + " Value " + seed;
    };
  }
}
