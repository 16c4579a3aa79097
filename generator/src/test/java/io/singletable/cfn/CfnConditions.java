package io.singletable.cfn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a template's conditions as CloudFormation does for given parameter values: evaluates {@code Conditions}
 * ({@code Fn::Equals}, {@code Fn::Or}, {@code Fn::And}, {@code Fn::Not}, {@code Condition}, {@code Ref} of a
 * parameter), replaces every {@code Fn::If} by the branch its condition picks, drops {@code Ref: AWS::NoValue} (a list
 * item or a property) and the resources and outputs whose {@code Condition} is false. Parameters not given take their
 * {@code Default}; a value outside {@code AllowedValues} is refused, as CloudFormation refuses it.
 */
public final class CfnConditions {
  private static final Object NO_VALUE = new Object();
  private final Map<String, Object> template;
  private final Map<String, String> parameters = new HashMap<>();
  private final Map<String, Boolean> conditions = new HashMap<>();

  private CfnConditions(Map<String, Object> template, Map<String, String> given) {
    this.template = template;
    Map<?, ?> declared = section("Parameters");
    for (var e : given.entrySet()) {
      if (!(declared.get(e.getKey()) instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("the template declares no parameter " + e.getKey());
      }
    }
    for (var e : declared.entrySet()) {
      Map<?, ?> p = (Map<?, ?>) e.getValue();
      String name = String.valueOf(e.getKey());
      Object value = given.containsKey(name) ? given.get(name) : p.get("Default");
      if (value == null) {
        continue;
      }
      String text = String.valueOf(value);
      if (p.get("AllowedValues") instanceof List<?> allowed
          && allowed.stream().map(String::valueOf).noneMatch(text::equals)) {
        throw new IllegalArgumentException("parameter " + name + ": \"" + text + "\" is not one of " + allowed);
      }
      parameters.put(name, text);
    }
  }

  /** The template as CloudFormation sees it with these parameter values (the others at their defaults). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> resolve(Map<String, Object> template, Map<String, String> parameters) {
    CfnConditions c = new CfnConditions(template, parameters);
    Map<String, Object> out = new LinkedHashMap<>();
    for (var e : template.entrySet()) {
      if (e.getKey().equals("Resources") || e.getKey().equals("Outputs")) {
        Map<String, Object> kept = new LinkedHashMap<>();
        ((Map<String, Object>) e.getValue()).forEach((id, r) -> {
          if (!(r instanceof Map<?, ?> m) || !(m.get("Condition") instanceof String cond) || c.condition(cond)) {
            kept.put(id, c.value(r));
          }
        });
        out.put(e.getKey(), kept);
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** The value of a condition of the template. */
  public static boolean condition(Map<String, Object> template, Map<String, String> parameters, String name) {
    return new CfnConditions(template, parameters).condition(name);
  }

  private Map<?, ?> section(String name) {
    return template.get(name) instanceof Map<?, ?> m ? m : Map.of();
  }

  boolean condition(String name) {
    Boolean known = conditions.get(name);
    if (known != null) {
      return known;
    }
    Object definition = section("Conditions").get(name);
    if (definition == null) {
      throw new IllegalArgumentException("no condition " + name);
    }
    conditions.put(name, false); // a cycle reads false (CloudFormation refuses one anyway)
    boolean value = evaluate(definition);
    conditions.put(name, value);
    return value;
  }

  private boolean evaluate(Object node) {
    if (!(node instanceof Map<?, ?> m) || m.size() != 1) {
      throw new IllegalArgumentException("not a condition function: " + node);
    }
    var e = m.entrySet().iterator().next();
    String fn = String.valueOf(e.getKey());
    List<?> args = e.getValue() instanceof List<?> l ? l : List.of();
    return switch (fn) {
      case "Condition" -> condition(String.valueOf(e.getValue()));
      case "Fn::Equals" -> {
        if (args.size() != 2) {
          throw new IllegalArgumentException("Fn::Equals takes 2 values: " + node);
        }
        yield scalar(args.get(0)).equals(scalar(args.get(1)));
      }
      case "Fn::Or" -> args.stream().anyMatch(this::evaluate);
      case "Fn::And" -> args.stream().allMatch(this::evaluate);
      case "Fn::Not" -> !evaluate(args.get(0));
      default -> throw new IllegalArgumentException("not a condition function: " + fn);
    };
  }

  private String scalar(Object node) {
    if (node instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String ref) {
      String value = parameters.get(ref);
      if (value == null) {
        throw new IllegalArgumentException("Ref " + ref + ": no such parameter, or no value");
      }
      return value;
    }
    if (node instanceof Map<?, ?> || node instanceof List<?>) {
      throw new IllegalArgumentException("not a value the validator evaluates: " + node);
    }
    return String.valueOf(node);
  }

  private Object value(Object node) {
    if (node instanceof Map<?, ?> m) {
      if (m.size() == 1 && "AWS::NoValue".equals(m.get("Ref"))) {
        return NO_VALUE;
      }
      if (m.size() == 1 && m.get("Fn::If") instanceof List<?> l) {
        if (l.size() != 3) {
          throw new IllegalArgumentException("Fn::If takes [condition, then, else]: " + l);
        }
        return value(condition(String.valueOf(l.get(0))) ? l.get(1) : l.get(2));
      }
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> {
        Object r = value(v);
        if (r != NO_VALUE) {
          out.put(k, r);
        }
      });
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        Object r = value(item);
        if (r != NO_VALUE) {
          out.add(r);
        }
      }
      return out;
    }
    return node;
  }
}
