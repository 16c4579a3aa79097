package io.singletable.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.singletable.harness.TestTier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Validates CloudFormation templates (and the nested stacks and local files they name) against
 * the CloudFormation resource specification of the npm package {@code @aws-cdk/cfnspec}, which the
 * build installs with the AppSync harness ({@code src/test/appsync-harness/package.json}, npm ci
 * into {@code target/appsync-harness}; surefire passes {@code singletable.harness.nodeModules}).
 *
 * <p>Checks, each reported as one line {@code <template file>: <path in the template>: <problem>}:
 * <ul>
 *   <li>top-level sections, resource attributes ({@code Type}, {@code Properties}, {@code DependsOn},
 *       {@code DeletionPolicy}, {@code UpdateReplacePolicy}, {@code Condition}, {@code Metadata});
 *   <li>every resource type is in the spec; every property is known, required ones are present,
 *       values have the spec's type (primitives, {@code List}/{@code Map} of items, property types
 *       recursively); an intrinsic function ({@code Ref}, {@code Fn::*}) is accepted wherever a
 *       value is; a few enumerations the spec does not carry ({@link #ENUMS});
 *   <li>integrity: {@code Ref} names a resource, parameter or pseudo parameter; {@code Fn::GetAtt}
 *       a resource and an attribute the spec lists for its type ({@code Outputs.X} of a nested
 *       stack: an output its template declares); {@code ${X}}/{@code ${X.Attr}} of
 *       {@code Fn::Sub} likewise; {@code DependsOn}, {@code Condition}, {@code Fn::If} and
 *       {@code Fn::FindInMap} targets exist; no circular dependency between resources;
 *   <li>local files: a relative path in a {@code *S3Location}, {@code TemplateURL} or
 *       {@code CodeUri} property names a file of the output (relative to the template's folder,
 *       as {@code sam package} resolves it); nested stack templates are validated in turn and the
 *       parameters passed to them match the ones they declare;
 *   <li>DynamoDB tables: every {@code AttributeDefinitions} entry is a key of the table or of an
 *       index and every key is defined, at most 20 GSIs and 5 LSIs, unique index names, one
 *       {@code HASH} key first;
 *   <li>AppSync: one resolver per {@code TypeName.FieldName} over all templates of a run;
 *   <li>quotas, per template: at most 500 resources, 200 parameters, 200 outputs, 200 mappings,
 *       1,000,000 bytes; logical ids alphanumeric and at most 255 characters.
 * </ul>
 *
 * <p>The spec stopped being published in 2023 (resource specification 130.1.0); properties
 * CloudFormation added since then and that generated templates may use are added by
 * {@link #SUPPLEMENT}, each checked against today's resource provider schemas.
 */
public final class CfnSpecValidator {
  /** Where the spec lies in a {@code node_modules} folder. */
  public static final String SPEC_IN_NODE_MODULES = "@aws-cdk/cfnspec/spec/specification.json";
  /** System property naming the harness's {@code node_modules} (set by surefire in generator/pom.xml). */
  public static final String NODE_MODULES_PROPERTY = "singletable.harness.nodeModules";

  /** CloudFormation quotas (per template). */
  public static final int MAX_RESOURCES = 500;
  public static final int MAX_PARAMETERS = 200;
  public static final int MAX_OUTPUTS = 200;
  public static final int MAX_MAPPINGS = 200;
  /** A template uploaded to S3 (as {@code sam deploy} does) may have at most this many bytes. */
  public static final int MAX_TEMPLATE_BYTES = 1_000_000;
  public static final int MAX_LOGICAL_ID = 255;
  public static final int MAX_GSIS = 20;
  public static final int MAX_LSIS = 5;

  static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
      "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
  static final Set<String> TOP_LEVEL = Set.of("AWSTemplateFormatVersion", "Description", "Metadata", "Parameters",
      "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Globals");
  static final Set<String> RESOURCE_KEYS = Set.of("Type", "Properties", "DependsOn", "DeletionPolicy",
      "UpdateReplacePolicy", "Condition", "Metadata");
  static final Set<String> DELETION_POLICIES = Set.of("Delete", "Retain", "RetainExceptOnCreate", "Snapshot");
  static final Set<String> UPDATE_REPLACE_POLICIES = Set.of("Delete", "Retain", "Snapshot");
  static final Set<String> OUTPUT_KEYS = Set.of("Description", "Value", "Export", "Condition");
  static final Set<String> PARAMETER_KEYS = Set.of("Type", "Default", "AllowedValues", "AllowedPattern",
      "ConstraintDescription", "Description", "MaxLength", "MaxValue", "MinLength", "MinValue", "NoEcho");
  static final Set<String> PARAMETER_TYPES = Set.of("String", "Number", "List<Number>", "CommaDelimitedList");
  static final Set<String> INTRINSICS = Set.of("Ref", "Fn::Base64", "Fn::Cidr", "Fn::FindInMap", "Fn::GetAtt",
      "Fn::GetAZs", "Fn::ImportValue", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Sub", "Fn::Transform",
      "Fn::Length", "Fn::ToJsonString", "Fn::If", "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not");
  static final Pattern LOGICAL_ID = Pattern.compile("[A-Za-z0-9]+");
  static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
  static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

  /**
   * Enumerations the spec does not carry (it types these as plain strings), by resource type and
   * property path; values from the resource provider schemas and the DynamoDB API reference.
   */
  static final Map<String, Set<String>> ENUMS = Map.ofEntries(
      Map.entry("AWS::DynamoDB::Table.AttributeDefinitions.AttributeType", Set.of("S", "N", "B")),
      Map.entry("AWS::DynamoDB::Table.BillingMode", Set.of("PROVISIONED", "PAY_PER_REQUEST")),
      Map.entry("AWS::DynamoDB::Table.KeySchema.KeyType", Set.of("HASH", "RANGE")),
      Map.entry("AWS::DynamoDB::Table.GlobalSecondaryIndexes.KeySchema.KeyType", Set.of("HASH", "RANGE")),
      Map.entry("AWS::DynamoDB::Table.LocalSecondaryIndexes.KeySchema.KeyType", Set.of("HASH", "RANGE")),
      Map.entry("AWS::DynamoDB::Table.GlobalSecondaryIndexes.Projection.ProjectionType",
          Set.of("ALL", "KEYS_ONLY", "INCLUDE")),
      Map.entry("AWS::DynamoDB::Table.LocalSecondaryIndexes.Projection.ProjectionType",
          Set.of("ALL", "KEYS_ONLY", "INCLUDE")),
      Map.entry("AWS::DynamoDB::Table.SSESpecification.SSEType", Set.of("KMS")),
      Map.entry("AWS::AppSync::GraphQLApi.AuthenticationType", Set.of("AMAZON_COGNITO_USER_POOLS", "API_KEY",
          "AWS_IAM", "AWS_LAMBDA", "OPENID_CONNECT")),
      Map.entry("AWS::AppSync::GraphQLApi.AdditionalAuthenticationProviders.AuthenticationType",
          Set.of("AMAZON_COGNITO_USER_POOLS", "API_KEY", "AWS_IAM", "AWS_LAMBDA", "OPENID_CONNECT")),
      Map.entry("AWS::AppSync::GraphQLApi.LogConfig.FieldLogLevel", Set.of("ALL", "DEBUG", "ERROR", "INFO", "NONE")),
      Map.entry("AWS::AppSync::GraphQLApi.UserPoolConfig.DefaultAction", Set.of("ALLOW", "DENY")),
      Map.entry("AWS::AppSync::GraphQLApi.IntrospectionConfig", Set.of("DISABLED", "ENABLED")),
      Map.entry("AWS::AppSync::GraphQLApi.Visibility", Set.of("GLOBAL", "PRIVATE")),
      Map.entry("AWS::AppSync::Resolver.Kind", Set.of("PIPELINE", "UNIT")),
      Map.entry("AWS::AppSync::Resolver.MetricsConfig", Set.of("DISABLED", "ENABLED")),
      Map.entry("AWS::AppSync::Resolver.Runtime.Name", Set.of("APPSYNC_JS")),
      Map.entry("AWS::AppSync::FunctionConfiguration.Runtime.Name", Set.of("APPSYNC_JS")),
      Map.entry("AWS::AppSync::DataSource.MetricsConfig", Set.of("DISABLED", "ENABLED")),
      Map.entry("AWS::AppSync::DataSource.Type", Set.of("AMAZON_BEDROCK_RUNTIME", "AMAZON_DYNAMODB",
          "AMAZON_ELASTICSEARCH", "AMAZON_EVENTBRIDGE", "AMAZON_OPENSEARCH_SERVICE", "AWS_LAMBDA", "HTTP", "NONE",
          "RELATIONAL_DATABASE")),
      Map.entry("AWS::Logs::LogGroup.LogGroupClass", Set.of("STANDARD", "INFREQUENT_ACCESS", "DELIVERY")),
      Map.entry("AWS::Logs::LogGroup.RetentionInDays", Set.of("1", "3", "5", "7", "14", "30", "60", "90", "120",
          "150", "180", "365", "400", "545", "731", "1096", "1827", "2192", "2557", "2922", "3288", "3653")));

  /**
   * Additions to the spec, in its own format, merged into it: what CloudFormation supports today
   * (resource provider schemas of 2026) but resource specification 130.1.0 does not list.
   */
  static final String SUPPLEMENT = """
      {
        "ResourceTypes": {
          "AWS::AppSync::GraphQLApi": {
            "Attributes": { "GraphQLEndpointArn": { "PrimitiveType": "String" } },
            "Properties": {
              "EnvironmentVariables": { "Type": "Map", "PrimitiveItemType": "String", "Required": false },
              "EnhancedMetricsConfig": { "Type": "EnhancedMetricsConfig", "Required": false },
              "IntrospectionConfig": { "PrimitiveType": "String", "Required": false },
              "QueryDepthLimit": { "PrimitiveType": "Integer", "Required": false },
              "ResolverCountLimit": { "PrimitiveType": "Integer", "Required": false }
            }
          },
          "AWS::AppSync::Resolver": {
            "Properties": { "MetricsConfig": { "PrimitiveType": "String", "Required": false } }
          },
          "AWS::AppSync::DataSource": {
            "Properties": { "MetricsConfig": { "PrimitiveType": "String", "Required": false } }
          }
        },
        "PropertyTypes": {
          "AWS::AppSync::GraphQLApi.EnhancedMetricsConfig": {
            "Properties": {
              "DataSourceLevelMetricsBehavior": { "PrimitiveType": "String", "Required": true },
              "OperationLevelMetricsConfig": { "PrimitiveType": "String", "Required": true },
              "ResolverLevelMetricsBehavior": { "PrimitiveType": "String", "Required": true }
            }
          }
        }
      }
      """;

  private static final Map<Path, CfnSpecValidator> LOADED = new ConcurrentHashMap<>();

  private final Path specFile;
  private final String specVersion;
  private final JsonNode resourceTypes;
  private final JsonNode propertyTypes;

  private CfnSpecValidator(Path specFile, JsonNode spec) {
    this.specFile = specFile;
    this.specVersion = spec.path("ResourceSpecificationVersion").asText("?");
    this.resourceTypes = spec.path("ResourceTypes");
    this.propertyTypes = spec.path("PropertyTypes");
  }

  /** The spec installed with the harness ({@value #NODE_MODULES_PROPERTY}, else target/appsync-harness/node_modules). */
  public static CfnSpecValidator fromHarness() {
    TestTier.requireFullTier("the CloudFormation resource specification (npm @aws-cdk/cfnspec)", TestTier.CFNSPEC);
    Path nodeModules = Path.of(System.getProperty(NODE_MODULES_PROPERTY, "target/appsync-harness/node_modules"));
    Path spec = nodeModules.resolve(SPEC_IN_NODE_MODULES).toAbsolutePath().normalize();
    if (!Files.isRegularFile(spec)) {
      throw new IllegalStateException("no CloudFormation resource specification at " + spec
          + ": run `mvn generate-test-resources -pl generator` (npm ci of src/test/appsync-harness)");
    }
    return fromSpec(spec);
  }

  /** A validator for the spec file {@code specification.json} (parsed once per JVM). */
  public static CfnSpecValidator fromSpec(Path specFile) {
    return LOADED.computeIfAbsent(specFile.toAbsolutePath().normalize(), file -> {
      try {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode spec = (ObjectNode) mapper.readTree(file.toFile());
        merge(spec, (ObjectNode) mapper.readTree(SUPPLEMENT));
        return new CfnSpecValidator(file, spec);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    });
  }

  private static void merge(ObjectNode target, ObjectNode patch) {
    patch.fields().forEachRemaining(e -> {
      JsonNode existing = target.get(e.getKey());
      if (existing instanceof ObjectNode o && e.getValue() instanceof ObjectNode p) {
        merge(o, p);
      } else {
        target.set(e.getKey(), e.getValue());
      }
    });
  }

  /** The spec file read. */
  public Path specFile() {
    return specFile;
  }

  /** {@code ResourceSpecificationVersion} of the spec. */
  public String specVersion() {
    return specVersion;
  }

  /** Problems found and the templates validated (the root first, then nested ones as they were met). */
  public record Report(List<String> problems, List<String> templates) {}

  /** Validates the template {@code root} of {@code files} and every nested stack template it names. */
  public Report check(OutputFiles files, String root) {
    Run run = new Run(files);
    run.validate(root);
    return new Report(List.copyOf(run.problems), List.copyOf(run.validated));
  }

  /** Problems of the template {@code root} of {@code files} and of its nested stacks. */
  public List<String> validate(OutputFiles files, String root) {
    return check(files, root).problems();
  }

  /** Problems of {@code template.yaml} in an output directory, nested stacks included. */
  public List<String> validateDirectory(Path outputDirectory) {
    return validate(OutputFiles.of(outputDirectory), "template.yaml");
  }

  /** Problems of a template given as YAML text, named {@code template.yaml}; local paths are looked up in {@code files}. */
  public List<String> validateYaml(String yaml, OutputFiles files) {
    byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
    return validate(path -> path.equals("template.yaml") ? Optional.of(bytes) : files.read(path), "template.yaml");
  }

  /** Problems of an already parsed template named {@code name} (its size is not checked); local paths and nested stacks are looked up in {@code files}. */
  public List<String> validate(Map<String, Object> template, String name, OutputFiles files) {
    Run run = new Run(files);
    run.parsed.put(name, new Parsed(template, -1, null));
    run.validate(name);
    return List.copyOf(run.problems);
  }

  /** Parses CloudFormation YAML: long-form intrinsics as they are, short forms ({@code !Ref x}) into them. */
  public static Object parseYaml(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(Integer.MAX_VALUE);
    DumperOptions dumper = new DumperOptions();
    return new Yaml(new CfnConstructor(options), new Representer(dumper), dumper, options).load(text);
  }

  /** SnakeYAML constructor that turns CloudFormation's short-form tags into long-form maps. */
  private static final class CfnConstructor extends SafeConstructor {
    CfnConstructor(LoaderOptions options) {
      super(options);
      yamlMultiConstructors.put("!", new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          String fn = node.getTag().getValue().substring(1);
          Object arg;
          if (node instanceof ScalarNode scalar) {
            arg = constructScalar(scalar);
          } else if (node instanceof SequenceNode sequence) {
            arg = constructSequence(sequence);
          } else {
            arg = constructMapping((MappingNode) node);
          }
          Map<Object, Object> out = new LinkedHashMap<>();
          out.put(fn.equals("Ref") || fn.equals("Condition") ? fn : "Fn::" + fn, arg);
          return out;
        }
      });
    }
  }

  private record Parsed(Map<String, Object> template, int bytes, String error) {}

  /** One validation: the templates met, their problems, what spans templates. */
  private final class Run {
    final OutputFiles files;
    final List<String> problems = new ArrayList<>();
    final Map<String, Parsed> parsed = new HashMap<>();
    final List<String> validated = new ArrayList<>();
    final Set<String> started = new HashSet<>();
    final Deque<String> stack = new ArrayDeque<>();
    /** {@code TypeName.FieldName} of each AppSync resolver, where it was first declared. */
    final Map<String, String> resolverFields = new HashMap<>();

    Run(OutputFiles files) {
      this.files = files;
    }

    Parsed load(String path) {
      return parsed.computeIfAbsent(path, p -> {
        Optional<byte[]> bytes = files.read(p);
        if (bytes.isEmpty()) {
          return new Parsed(null, -1, "no such file in the output");
        }
        try {
          Object doc = parseYaml(new String(bytes.get(), StandardCharsets.UTF_8));
          if (!(doc instanceof Map<?, ?> map)) {
            return new Parsed(null, bytes.get().length, "not a YAML mapping");
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> template = (Map<String, Object>) map;
          return new Parsed(template, bytes.get().length, null);
        } catch (RuntimeException e) {
          return new Parsed(null, bytes.get().length, "not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
      });
    }

    /** Validates {@code path} unless it already was; false when it is one of the templates being validated (a cycle). */
    boolean validate(String path) {
      if (stack.contains(path)) {
        return false;
      }
      if (!started.add(path)) {
        return true;
      }
      stack.push(path);
      try {
        validated.add(path);
        Parsed p = load(path);
        if (p.error() != null) {
          problems.add(path + ": " + p.error());
        } else {
          new TemplateCheck(this, path, p).run();
        }
      } finally {
        stack.pop();
      }
      return true;
    }
  }

  /** The checks of one template file. */
  private final class TemplateCheck {
    final Run run;
    final String file;
    final String folder;
    final Parsed parsed;
    final Map<String, Object> template;
    Map<?, ?> resources = Map.of();
    Map<?, ?> parameters = Map.of();
    Map<?, ?> conditions = Map.of();
    Map<?, ?> mappings = Map.of();
    /** Resources each resource depends on (DependsOn, Ref, Fn::GetAtt, Fn::Sub). */
    final Map<String, Set<String>> dependencies = new LinkedHashMap<>();

    TemplateCheck(Run run, String file, Parsed parsed) {
      this.run = run;
      this.file = file;
      int slash = file.lastIndexOf('/');
      this.folder = slash < 0 ? "" : file.substring(0, slash + 1);
      this.parsed = parsed;
      this.template = parsed.template();
    }

    void problem(String path, String message) {
      run.problems.add(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    void run() {
      if (parsed.bytes() > MAX_TEMPLATE_BYTES) {
        problem("", parsed.bytes() + " bytes, more than CloudFormation's " + MAX_TEMPLATE_BYTES + " per template");
      }
      for (Object key : template.keySet()) {
        if (!TOP_LEVEL.contains(String.valueOf(key))) {
          problem(String.valueOf(key), "unknown top-level section (allowed: " + new TreeSet<>(TOP_LEVEL) + ")");
        }
      }
      Object description = template.get("Description");
      if (description != null && (!(description instanceof String d) || d.getBytes(StandardCharsets.UTF_8).length > 1024)) {
        problem("Description", "must be a string of at most 1024 bytes");
      }
      resources = section("Resources", MAX_RESOURCES);
      parameters = section("Parameters", MAX_PARAMETERS);
      conditions = section("Conditions", Integer.MAX_VALUE);
      mappings = section("Mappings", MAX_MAPPINGS);
      Map<?, ?> outputs = section("Outputs", MAX_OUTPUTS);
      if (resources.isEmpty()) {
        problem("Resources", "a template needs at least one resource");
      }
      for (var e : parameters.entrySet()) {
        parameter(String.valueOf(e.getKey()), e.getValue());
      }
      for (var e : conditions.entrySet()) {
        logicalId("Conditions", e.getKey());
        walk(e.getValue(), "Conditions." + e.getKey(), null, true);
      }
      for (var e : resources.entrySet()) {
        String id = String.valueOf(e.getKey());
        if (parameters.containsKey(id)) {
          problem("Resources." + id, "a parameter has the same logical id");
        }
        resource(id, e.getValue());
      }
      for (var e : outputs.entrySet()) {
        output(String.valueOf(e.getKey()), e.getValue());
      }
      cycles();
    }

    Map<?, ?> section(String name, int max) {
      Object value = template.get(name);
      if (value == null) {
        return Map.of();
      }
      if (!(value instanceof Map<?, ?> map)) {
        problem(name, "must be a mapping, got " + describe(value));
        return Map.of();
      }
      if (map.size() > max) {
        problem(name, map.size() + " entries, more than CloudFormation's " + max + " per template");
      }
      return map;
    }

    void logicalId(String section, Object id) {
      String s = String.valueOf(id);
      if (!LOGICAL_ID.matcher(s).matches() || s.length() > MAX_LOGICAL_ID) {
        problem(section + "." + s, "logical id must be alphanumeric and at most " + MAX_LOGICAL_ID + " characters");
      }
    }

    // ---------------------------------------------------------------- parameters and outputs

    void parameter(String name, Object value) {
      String path = "Parameters." + name;
      logicalId("Parameters", name);
      if (!(value instanceof Map<?, ?> p)) {
        problem(path, "must be a mapping, got " + describe(value));
        return;
      }
      for (Object key : p.keySet()) {
        if (!PARAMETER_KEYS.contains(String.valueOf(key))) {
          problem(path + "." + key, "unknown parameter attribute (allowed: " + new TreeSet<>(PARAMETER_KEYS) + ")");
        }
      }
      Object type = p.get("Type");
      if (!(type instanceof String t)) {
        problem(path, "has no Type");
      } else if (!PARAMETER_TYPES.contains(t) && !t.startsWith("AWS::") && !t.startsWith("List<AWS::")) {
        problem(path + ".Type", "unknown parameter type " + t);
      }
      Object def = p.get("Default");
      if (def == null) {
        return;
      }
      if (def instanceof Map || def instanceof List) {
        problem(path + ".Default", "must be a scalar, got " + describe(def));
        return;
      }
      String text = String.valueOf(def);
      if (p.get("AllowedValues") instanceof List<?> allowed
          && allowed.stream().map(String::valueOf).noneMatch(text::equals)) {
        problem(path + ".Default", "\"" + text + "\" is not one of the AllowedValues " + allowed);
      }
      if (p.get("AllowedPattern") instanceof String pattern) {
        try {
          if (!Pattern.compile(pattern).matcher(text).matches()) {
            problem(path + ".Default", "\"" + text + "\" does not match the AllowedPattern " + pattern);
          }
        } catch (PatternSyntaxException e) {
          problem(path + ".AllowedPattern", "not a regular expression: " + e.getDescription());
        }
      }
    }

    void output(String name, Object value) {
      String path = "Outputs." + name;
      logicalId("Outputs", name);
      if (!(value instanceof Map<?, ?> o)) {
        problem(path, "must be a mapping, got " + describe(value));
        return;
      }
      for (Object key : o.keySet()) {
        if (!OUTPUT_KEYS.contains(String.valueOf(key))) {
          problem(path + "." + key, "unknown output attribute (allowed: " + new TreeSet<>(OUTPUT_KEYS) + ")");
        }
      }
      if (!o.containsKey("Value") || o.get("Value") == null) {
        problem(path, "has no Value");
      }
      condition(path + ".Condition", o.get("Condition"));
      walk(o.get("Value"), path + ".Value", null, false);
      walk(o.get("Export"), path + ".Export", null, false);
    }

    void condition(String path, Object name) {
      if (name != null && !(name instanceof String s && conditions.containsKey(s))) {
        problem(path, "names no condition of the template: " + describe(name));
      }
    }

    // ---------------------------------------------------------------- resources

    void resource(String id, Object value) {
      String path = "Resources." + id;
      logicalId("Resources", id);
      Set<String> deps = new LinkedHashSet<>();
      dependencies.put(id, deps);
      if (!(value instanceof Map<?, ?> r)) {
        problem(path, "must be a mapping, got " + describe(value));
        return;
      }
      for (Object key : r.keySet()) {
        if (!RESOURCE_KEYS.contains(String.valueOf(key))) {
          problem(path + "." + key, "unknown resource attribute (allowed: " + new TreeSet<>(RESOURCE_KEYS) + ")");
        }
      }
      policy(path + ".DeletionPolicy", r.get("DeletionPolicy"), DELETION_POLICIES);
      policy(path + ".UpdateReplacePolicy", r.get("UpdateReplacePolicy"), UPDATE_REPLACE_POLICIES);
      condition(path + ".Condition", r.get("Condition"));
      dependsOn(id, path + ".DependsOn", r.get("DependsOn"), deps);
      Object props = r.get("Properties");
      walk(props, path + ".Properties", deps, false);
      walk(r.get("Metadata"), path + ".Metadata", deps, false);
      if (!(r.get("Type") instanceof String type)) {
        problem(path, "has no Type");
        return;
      }
      JsonNode spec = resourceSpec(type);
      if (spec == null) {
        problem(path + ".Type", "unknown resource type " + type + " (not in the CloudFormation resource specification "
            + specVersion + ")");
        return;
      }
      Object properties = props == null ? Map.of() : props;
      if (!isIntrinsic(properties)) {
        if (type.startsWith("Custom::")) {
          if (!(properties instanceof Map<?, ?> m && m.containsKey("ServiceToken"))) {
            problem(path + ".Properties", "missing required property ServiceToken");
          }
        } else {
          object(path + ".Properties", properties, spec, type, type);
        }
      }
      localFiles(path + ".Properties", props);
      if (props instanceof Map<?, ?> p) {
        switch (type) {
          case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable" -> table(path + ".Properties", p);
          case "AWS::CloudFormation::Stack" -> nestedStack(path + ".Properties", p);
          case "AWS::AppSync::Resolver" -> resolver(path + ".Properties", p);
          default -> { }
        }
      }
    }

    JsonNode resourceSpec(String type) {
      if (type.startsWith("Custom::")) {
        return resourceTypes.get("AWS::CloudFormation::CustomResource");
      }
      return resourceTypes.get(type);
    }

    void policy(String path, Object value, Set<String> allowed) {
      if (value != null && !isIntrinsic(value) && !allowed.contains(String.valueOf(value))) {
        problem(path, describe(value) + " is not one of " + new TreeSet<>(allowed));
      }
    }

    void dependsOn(String id, String path, Object value, Set<String> deps) {
      if (value == null) {
        return;
      }
      List<?> targets = value instanceof List<?> l ? l : List.of(value);
      for (int i = 0; i < targets.size(); i++) {
        String at = value instanceof List ? path + "[" + i + "]" : path;
        if (!(targets.get(i) instanceof String target)) {
          problem(at, "must name a resource, got " + describe(targets.get(i)));
        } else if (target.equals(id)) {
          problem(at, "a resource cannot depend on itself");
        } else if (!resources.containsKey(target)) {
          problem(at, "names " + target + ", which is not a resource of the template");
        } else {
          deps.add(target);
        }
      }
    }

    // ---------------------------------------------------------------- values against the spec

    /** A value whose spec has {@code Properties}: a resource's properties or a property type. */
    void object(String path, Object value, JsonNode spec, String owner, String specPath) {
      if (!spec.has("Properties")) {
        value(path, value, spec, owner, specPath);
        return;
      }
      if (!(value instanceof Map<?, ?> map)) {
        problem(path, "expected an object, got " + describe(value));
        return;
      }
      JsonNode props = spec.get("Properties");
      for (var e : map.entrySet()) {
        String name = String.valueOf(e.getKey());
        JsonNode prop = props.get(name);
        if (prop == null) {
          problem(path + "." + name, "unknown property (" + owner + " has " + names(props) + ")");
        } else {
          value(path + "." + name, e.getValue(), prop, owner, specPath + "." + name);
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        var e = it.next();
        if (e.getValue().path("Required").asBoolean(false) && !map.containsKey(e.getKey())) {
          problem(path, "missing required property " + e.getKey());
        }
      }
    }

    /** A value of a property whose spec is {@code spec} (PrimitiveType, Type, ItemType…). */
    void value(String path, Object value, JsonNode spec, String owner, String specPath) {
      if (isIntrinsic(value)) {
        return;
      }
      if (value == null) {
        problem(path, "has no value");
        return;
      }
      if (spec.has("PrimitiveTypes") || spec.has("Types")) {
        alternatives(path, value, spec, owner, specPath);
        return;
      }
      if (spec.has("PrimitiveType")) {
        primitive(path, value, spec.get("PrimitiveType").asText(), specPath);
        return;
      }
      String type = spec.path("Type").asText(null);
      if ("List".equals(type)) {
        if (!(value instanceof List<?> list)) {
          problem(path, "expected a list of " + itemName(spec) + ", got " + describe(value));
          return;
        }
        for (int i = 0; i < list.size(); i++) {
          item(path + "[" + i + "]", list.get(i), spec, owner, specPath);
        }
        if (!spec.path("DuplicatesAllowed").asBoolean(true)) {
          Set<Object> seen = new HashSet<>();
          for (int i = 0; i < list.size(); i++) {
            if (!isIntrinsic(list.get(i)) && !seen.add(list.get(i))) {
              problem(path + "[" + i + "]", "duplicate of an earlier item, which the spec does not allow");
            }
          }
        }
      } else if ("Map".equals(type)) {
        if (!(value instanceof Map<?, ?> map)) {
          problem(path, "expected a map of " + itemName(spec) + ", got " + describe(value));
          return;
        }
        for (var e : map.entrySet()) {
          item(path + "." + e.getKey(), e.getValue(), spec, owner, specPath + ".*");
        }
      } else if (type != null) {
        JsonNode propertyType = propertyType(owner, type);
        if (propertyType == null) {
          problem(path, "the spec has no property type " + type + " of " + owner);
        } else {
          object(path, value, propertyType, owner, specPath);
        }
      } else {
        problem(path, "the spec gives this property no type");
      }
    }

    void item(String path, Object item, JsonNode spec, String owner, String specPath) {
      if (isIntrinsic(item)) {
        return;
      }
      if (item == null) {
        problem(path, "has no value");
      } else if (spec.has("PrimitiveItemType")) {
        primitive(path, item, spec.get("PrimitiveItemType").asText(), specPath);
      } else if (spec.has("ItemType")) {
        JsonNode propertyType = propertyType(owner, spec.get("ItemType").asText());
        if (propertyType == null) {
          problem(path, "the spec has no property type " + spec.get("ItemType").asText() + " of " + owner);
        } else {
          object(path, item, propertyType, owner, specPath);
        }
      } else if (spec.has("ItemTypes") || spec.has("PrimitiveItemTypes")
          || spec.has("InclusiveItemTypes") || spec.has("InclusivePrimitiveItemTypes")) {
        List<String> kinds = new ArrayList<>();
        for (String key : List.of("PrimitiveItemTypes", "InclusivePrimitiveItemTypes")) {
          spec.path(key).forEach(t -> kinds.add("!" + t.asText()));
        }
        for (String key : List.of("ItemTypes", "InclusiveItemTypes")) {
          spec.path(key).forEach(t -> kinds.add(t.asText()));
        }
        oneOf(path, item, kinds, owner, specPath);
      }
    }

    /** Polymorphic properties (SAM's): the value must match one of the primitive types or property types. */
    void alternatives(String path, Object value, JsonNode spec, String owner, String specPath) {
      List<String> kinds = new ArrayList<>();
      spec.path("PrimitiveTypes").forEach(t -> kinds.add("!" + t.asText()));
      spec.path("Types").forEach(t -> kinds.add(t.asText()));
      if (value instanceof List && (spec.has("ItemTypes") || spec.has("PrimitiveItemTypes")
          || spec.has("InclusiveItemTypes") || spec.has("InclusivePrimitiveItemTypes"))) {
        for (int i = 0; i < ((List<?>) value).size(); i++) {
          item(path + "[" + i + "]", ((List<?>) value).get(i), spec, owner, specPath);
        }
        return;
      }
      oneOf(path, value, kinds, owner, specPath);
    }

    void oneOf(String path, Object value, List<String> kinds, String owner, String specPath) {
      for (String kind : kinds) {
        int before = run.problems.size();
        if (kind.startsWith("!")) {
          primitive(path, value, kind.substring(1), specPath);
        } else {
          JsonNode pt = propertyType(owner, kind);
          if (pt != null) {
            object(path, value, pt, owner, specPath);
          } else {
            problem(path, "unknown type");
          }
        }
        if (run.problems.size() == before) {
          return;
        }
        run.problems.subList(before, run.problems.size()).clear();
      }
      problem(path, describe(value) + " matches none of " + kinds.stream().map(k -> k.replace("!", "")).toList());
    }

    JsonNode propertyType(String owner, String name) {
      String resource = owner.startsWith("Custom::") ? "AWS::CloudFormation::CustomResource" : owner;
      JsonNode pt = propertyTypes.get(resource + "." + name);
      return pt != null ? pt : propertyTypes.get(name);
    }

    void primitive(String path, Object value, String type, String specPath) {
      boolean ok = switch (type) {
        case "String" -> value instanceof String || value instanceof Number || value instanceof Boolean
            || value instanceof Date;
        case "Integer", "Long" -> value instanceof Integer || value instanceof Long || value instanceof BigInteger
            || value instanceof String s && s.matches("-?[0-9]+");
        case "Double" -> value instanceof Number || value instanceof String s && isNumber(s);
        case "Boolean" -> value instanceof Boolean
            || value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"));
        case "Json" -> value instanceof Map || value instanceof String;
        case "Timestamp" -> value instanceof String || value instanceof Date;
        default -> {
          problem(path, "the spec names an unknown primitive type " + type);
          yield true;
        }
      };
      if (!ok) {
        problem(path, "expected " + type + ", got " + describe(value));
        return;
      }
      Set<String> allowed = ENUMS.get(specPath);
      if (allowed != null && !allowed.contains(String.valueOf(value))) {
        problem(path, describe(value) + " is not one of " + new TreeSet<>(allowed));
      }
    }

    // ---------------------------------------------------------------- intrinsic functions

    /**
     * Finds every intrinsic function in {@code node} and checks its targets; resources it
     * references are added to {@code deps} (null outside resources).
     */
    void walk(Object node, String path, Set<String> deps, boolean inConditions) {
      if (node instanceof Map<?, ?> map) {
        if (map.size() == 1) {
          var e = map.entrySet().iterator().next();
          String key = String.valueOf(e.getKey());
          if (key.equals("Ref") || key.startsWith("Fn::")) {
            intrinsic(key, e.getValue(), path + "." + key, deps, inConditions);
            return;
          }
          if (inConditions && key.equals("Condition")) {
            condition(path + ".Condition", e.getValue());
            return;
          }
        }
        for (var e : map.entrySet()) {
          walk(e.getValue(), path + "." + e.getKey(), deps, inConditions);
        }
      } else if (node instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          walk(list.get(i), path + "[" + i + "]", deps, inConditions);
        }
      }
    }

    void intrinsic(String fn, Object arg, String path, Set<String> deps, boolean inConditions) {
      if (!INTRINSICS.contains(fn)) {
        problem(path, "unknown intrinsic function");
        walk(arg, path, deps, inConditions);
        return;
      }
      switch (fn) {
        case "Ref" -> {
          if (!(arg instanceof String target)) {
            problem(path, "must name a resource or parameter, got " + describe(arg));
          } else {
            ref(path, target, deps);
          }
        }
        case "Fn::GetAtt" -> {
          if (arg instanceof String s && s.indexOf('.') > 0) {
            getAtt(path, s.substring(0, s.indexOf('.')), s.substring(s.indexOf('.') + 1), deps);
          } else if (arg instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String resource) {
            if (l.get(1) instanceof String attribute) {
              getAtt(path, resource, attribute, deps);
            } else {
              getAtt(path, resource, null, deps);
              walk(l.get(1), path + "[1]", deps, inConditions);
            }
          } else {
            problem(path, "must be [resource, attribute] or \"resource.attribute\", got " + describe(arg));
          }
        }
        case "Fn::Sub" -> {
          if (arg instanceof String s) {
            sub(path, s, Map.of(), deps);
          } else if (arg instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String s
              && l.get(1) instanceof Map<?, ?> vars) {
            sub(path + "[0]", s, vars, deps);
            walk(vars, path + "[1]", deps, inConditions);
          } else if (arg instanceof List<?> l && l.size() == 1 && l.get(0) instanceof String s) {
            sub(path + "[0]", s, Map.of(), deps);
          } else {
            problem(path, "must be a string or [string, {variables}], got " + describe(arg));
          }
        }
        case "Fn::If" -> {
          if (!(arg instanceof List<?> l) || l.size() != 3) {
            problem(path, "must be [condition, value if true, value if false], got " + describe(arg));
            walk(arg, path, deps, inConditions);
          } else {
            condition(path + "[0]", l.get(0));
            walk(l.get(1), path + "[1]", deps, inConditions);
            walk(l.get(2), path + "[2]", deps, inConditions);
          }
        }
        case "Fn::FindInMap" -> {
          if (arg instanceof List<?> l && l.size() >= 3) {
            if (l.get(0) instanceof String map && !mappings.containsKey(map)) {
              problem(path + "[0]", "names " + map + ", which is not a mapping of the template");
            }
          } else {
            problem(path, "must be [mapping, top-level key, second-level key], got " + describe(arg));
          }
          walk(arg, path, deps, inConditions);
        }
        default -> walk(arg, path, deps, inConditions);
      }
    }

    void ref(String path, String target, Set<String> deps) {
      if (PSEUDO_PARAMETERS.contains(target) || parameters.containsKey(target)) {
        return;
      }
      if (resources.containsKey(target)) {
        if (deps != null) {
          deps.add(target);
        }
        return;
      }
      problem(path, "names " + target + ", which is neither a resource, a parameter nor a pseudo parameter"
          + " of the template");
    }

    void getAtt(String path, String resource, String attribute, Set<String> deps) {
      if (!(resources.get(resource) instanceof Map<?, ?> r)) {
        problem(path, "names " + resource + ", which is not a resource of the template"
            + (parameters.containsKey(resource) ? " (a parameter: use Ref)" : ""));
        return;
      }
      if (deps != null) {
        deps.add(resource);
      }
      if (attribute == null || !(r.get("Type") instanceof String type)) {
        return;
      }
      if (type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource")) {
        return;
      }
      if (type.equals("AWS::CloudFormation::Stack")) {
        stackOutput(path, resource, r, attribute);
        return;
      }
      JsonNode spec = resourceTypes.get(type);
      if (spec == null) {
        return; // reported with the resource
      }
      JsonNode attributes = spec.path("Attributes");
      if (!attributes.has(attribute)) {
        problem(path, resource + " (" + type + ") has no attribute " + attribute + "; the spec lists "
            + names(attributes));
      }
    }

    void stackOutput(String path, String resource, Map<?, ?> stack, String attribute) {
      if (!attribute.startsWith("Outputs.") || attribute.length() == "Outputs.".length()) {
        problem(path, resource + " (AWS::CloudFormation::Stack) has no attribute " + attribute
            + "; a nested stack has Outputs.<output name>");
        return;
      }
      String output = attribute.substring("Outputs.".length());
      String child = stack.get("Properties") instanceof Map<?, ?> p ? localPath(p.get("TemplateURL")) : null;
      if (child == null) {
        return;
      }
      Parsed nested = run.load(child);
      if (nested.template() != null && !(nested.template().get("Outputs") instanceof Map<?, ?> outputs
          && outputs.containsKey(output))) {
        problem(path, "the template of " + resource + " (" + child + ") declares no output " + output);
      }
    }

    void sub(String path, String text, Map<?, ?> variables, Set<String> deps) {
      Matcher m = SUB_VARIABLE.matcher(text);
      while (m.find()) {
        String name = m.group(1);
        if (name.startsWith("!") || variables.containsKey(name)) {
          continue;
        }
        int dot = name.indexOf('.');
        if (dot > 0) {
          getAtt(path + " ${" + name + "}", name.substring(0, dot), name.substring(dot + 1), deps);
        } else {
          ref(path + " ${" + name + "}", name, deps);
        }
      }
    }

    void cycles() {
      Map<String, Integer> state = new HashMap<>();
      Set<Set<String>> reported = new HashSet<>();
      for (String id : dependencies.keySet()) {
        cycles(id, new ArrayDeque<>(), state, reported);
      }
    }

    private void cycles(String id, Deque<String> path, Map<String, Integer> state, Set<Set<String>> reported) {
      Integer s = state.get(id);
      if (s != null && s == 2) {
        return;
      }
      if (s != null && s == 1) {
        List<String> cycle = new ArrayList<>();
        boolean in = false;
        for (Iterator<String> it = path.descendingIterator(); it.hasNext(); ) {
          String step = it.next();
          in |= step.equals(id);
          if (in) {
            cycle.add(step);
          }
        }
        if (reported.add(new HashSet<>(cycle))) {
          cycle.add(id);
          problem("Resources." + id, "circular dependency: " + String.join(" -> ", cycle));
        }
        return;
      }
      state.put(id, 1);
      path.push(id);
      for (String next : dependencies.getOrDefault(id, Set.of())) {
        cycles(next, path, state, reported);
      }
      path.pop();
      state.put(id, 2);
    }

    // ---------------------------------------------------------------- local files and nested stacks

    static boolean isLocalPathProperty(String name) {
      return name.endsWith("S3Location") || name.equals("TemplateURL") || name.equals("CodeUri");
    }

    void localFiles(String path, Object node) {
      if (node instanceof Map<?, ?> map && !isIntrinsic(node)) {
        for (var e : map.entrySet()) {
          String key = String.valueOf(e.getKey());
          if (isLocalPathProperty(key) && e.getValue() instanceof String value && !URL.matcher(value).matches()) {
            localFile(path + "." + key, value);
          } else {
            localFiles(path + "." + key, e.getValue());
          }
        }
      } else if (node instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          localFiles(path + "[" + i + "]", list.get(i));
        }
      }
    }

    void localFile(String path, String value) {
      if (value.isEmpty() || value.startsWith("/") || value.matches("[A-Za-z]:[\\\\/].*")) {
        problem(path, "\"" + value + "\" is not a path relative to the template");
        return;
      }
      String resolved = resolve(value);
      if (resolved == null) {
        problem(path, "\"" + value + "\" points outside the output directory");
      } else if (run.files.read(resolved).isEmpty()) {
        problem(path, "\"" + value + "\" names " + resolved + ", which is not in the output");
      }
    }

    /** The output path a local path of this template means, or null (an URL, an intrinsic, outside the output). */
    String localPath(Object value) {
      if (!(value instanceof String s) || s.isEmpty() || s.startsWith("/") || URL.matcher(s).matches()) {
        return null;
      }
      return resolve(s);
    }

    /** {@code relative} resolved against this template's folder, normalized; null when it leaves the output. */
    String resolve(String relative) {
      Deque<String> parts = new ArrayDeque<>();
      for (String part : (folder + relative.replace('\\', '/')).split("/")) {
        if (part.isEmpty() || part.equals(".")) {
          continue;
        }
        if (part.equals("..")) {
          if (parts.isEmpty()) {
            return null;
          }
          parts.removeLast();
        } else {
          parts.addLast(part);
        }
      }
      return String.join("/", parts);
    }

    void nestedStack(String path, Map<?, ?> props) {
      String child = localPath(props.get("TemplateURL"));
      if (child == null || run.files.read(child).isEmpty()) {
        return; // an URL, an intrinsic, or a missing file (reported by localFiles)
      }
      if (!run.validate(child)) {
        problem(path + ".TemplateURL", child + " includes itself (nested stack cycle)");
        return;
      }
      Parsed nested = run.load(child);
      if (nested.template() == null) {
        return;
      }
      Map<?, ?> declared = nested.template().get("Parameters") instanceof Map<?, ?> d ? d : Map.of();
      Object given = props.get("Parameters");
      if (given != null && !(given instanceof Map)) {
        return; // an intrinsic, or a type problem reported already
      }
      Map<?, ?> passed = given == null ? Map.of() : (Map<?, ?>) given;
      for (Object name : passed.keySet()) {
        if (!declared.containsKey(name)) {
          problem(path + ".Parameters." + name, child + " declares no parameter " + name);
        }
      }
      for (var e : declared.entrySet()) {
        if (e.getValue() instanceof Map<?, ?> p && !p.containsKey("Default") && !passed.containsKey(e.getKey())) {
          problem(path + ".Parameters", "does not pass " + e.getKey() + ", a parameter of " + child
              + " without a Default");
        }
      }
    }

    // ---------------------------------------------------------------- DynamoDB and AppSync

    void table(String path, Map<?, ?> props) {
      Set<String> keys = new LinkedHashSet<>();
      boolean known = keySchema(path + ".KeySchema", props.get("KeySchema"), keys);
      Set<String> indexNames = new HashSet<>();
      for (String section : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes")) {
        Object value = props.get(section);
        if (value == null) {
          continue;
        }
        if (!(value instanceof List<?> indexes)) {
          known = false;
          continue;
        }
        int max = section.startsWith("Global") ? MAX_GSIS : MAX_LSIS;
        if (indexes.size() > max) {
          problem(path + "." + section, indexes.size() + " indexes, more than DynamoDB's " + max);
        }
        for (int i = 0; i < indexes.size(); i++) {
          String at = path + "." + section + "[" + i + "]";
          if (!(indexes.get(i) instanceof Map<?, ?> index) || isIntrinsic(index)) {
            known = false;
            continue;
          }
          if (index.get("IndexName") instanceof String name && !indexNames.add(name)) {
            problem(at + ".IndexName", "another index is named " + name);
          }
          known &= keySchema(at + ".KeySchema", index.get("KeySchema"), keys);
        }
      }
      if (!(props.get("AttributeDefinitions") instanceof List<?> definitions)) {
        if (!keys.isEmpty() && props.get("AttributeDefinitions") == null) {
          problem(path, "key attributes " + keys + " have no AttributeDefinitions");
        }
        return;
      }
      Set<String> defined = new HashSet<>();
      for (int i = 0; i < definitions.size(); i++) {
        if (!(definitions.get(i) instanceof Map<?, ?> d) || !(d.get("AttributeName") instanceof String name)) {
          known = false;
          continue;
        }
        String at = path + ".AttributeDefinitions[" + i + "]";
        if (!defined.add(name)) {
          problem(at, name + " is defined twice");
        } else if (known && !keys.contains(name)) {
          problem(at, name + " is not a key of the table or of an index; CloudFormation rejects unused"
              + " AttributeDefinitions");
        }
      }
      for (String key : keys) {
        if (!defined.contains(key)) {
          problem(path + ".AttributeDefinitions", "no definition of the key attribute " + key);
        }
      }
    }

    /** Adds the attribute names of a key schema to {@code into}; false when they cannot be known (intrinsics). */
    boolean keySchema(String path, Object value, Set<String> into) {
      if (value == null) {
        return true;
      }
      if (!(value instanceof List<?> list)) {
        return false;
      }
      int hash = 0;
      int range = 0;
      boolean known = true;
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof Map<?, ?> key) || !(key.get("AttributeName") instanceof String name)) {
          known = false;
          continue;
        }
        into.add(name);
        Object type = key.get("KeyType");
        if ("HASH".equals(type)) {
          hash++;
          if (i != 0) {
            problem(path + "[" + i + "]", "the HASH key must come first");
          }
        } else if ("RANGE".equals(type)) {
          range++;
        }
      }
      if (known && (hash != 1 || range > 1)) {
        problem(path, "needs exactly one HASH key and at most one RANGE key, has " + hash + " and " + range);
      }
      return known;
    }

    void resolver(String path, Map<?, ?> props) {
      if (props.get("TypeName") instanceof String type && props.get("FieldName") instanceof String field) {
        String here = file + ": " + path;
        String first = run.resolverFields.putIfAbsent(type + "." + field, here);
        if (first != null) {
          problem(path, "a second resolver for " + type + "." + field + " (first: " + first + "); AppSync allows one"
              + " per field");
        }
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** True for {@code {Ref: …}} and {@code {Fn::…: …}}. */
  static boolean isIntrinsic(Object value) {
    if (value instanceof Map<?, ?> map && map.size() == 1) {
      String key = String.valueOf(map.keySet().iterator().next());
      return key.equals("Ref") || key.startsWith("Fn::");
    }
    return false;
  }

  static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static String itemName(JsonNode spec) {
    return spec.has("PrimitiveItemType") ? spec.get("PrimitiveItemType").asText() : spec.path("ItemType").asText("?");
  }

  static String names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    return names.toString();
  }

  static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof Map<?, ?> m) {
      return "an object with keys " + m.keySet();
    }
    if (value instanceof List<?> l) {
      return "a list of " + l.size();
    }
    if (value instanceof String s) {
      return "the string \"" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "\"";
    }
    return Objects.toString(value);
  }
}
