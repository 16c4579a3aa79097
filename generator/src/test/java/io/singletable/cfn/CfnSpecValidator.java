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
import java.util.Collections;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
 *   <li>quotas, per template: at most 500 resources, 200 parameters, 200 outputs, 200 mappings,
 *       1,000,000 bytes; logical ids alphanumeric and at most 255 characters.
 * </ul>
 *
 * <p>A deployment ({@link #checkDeployment}) is a list of top-level templates deployed one after
 * another as named stacks, each in one stack operation with its nested stacks; {@link #check} is a
 * deployment of one template. Across the stacks of a deployment, values are followed as far as they
 * are known before deployment (parameters passed to nested stacks or by the deploy, {@code Fn::Sub},
 * {@code Fn::Join}, outputs of nested stacks, imports of exports) to check:
 * <ul>
 *   <li>every {@code Fn::ImportValue} names an export of a stack deployed earlier (not later, not the
 *       importing stack operation itself); no two stacks export one name; the deploy passes only
 *       parameters a top-level template declares; no two top-level stacks share a name;
 *   <li>quota per stack operation: at most 2,500 resources in a top-level stack and all its nested
 *       stacks, recursively (a template nested twice counts twice), reported in
 *       {@link Report#operations()};
 *   <li>AppSync: one resolver per {@code TypeName.FieldName} over all stacks of the deployment; the
 *       functions of a pipeline resolver are {@code FunctionId}s of
 *       {@code AWS::AppSync::FunctionConfiguration}s; an {@code ApiId} / {@code DataSourceName} that
 *       resolves to a resource attribute is a {@code GraphQLApi}'s {@code ApiId} / a
 *       {@code DataSource}'s {@code Name}; in the stack operation that creates the
 *       {@code GraphQLSchema}, every resolver depends on it (directly, through other resources or
 *       through the nested stack resources that hold it).
 * </ul>
 * Not modelled: resources a transform (SAM) adds when it expands a template.
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
  /** Resources of one stack operation: a top-level stack and all its nested stacks (a nested stack is one resource of its parent too). */
  public static final int MAX_OPERATION_RESOURCES = 2_500;
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
  static final Pattern GROUP_FILE = Pattern.compile("(?:.*/)?group-([^/]+)\\.ya?ml");
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

  /**
   * Problems found, the templates validated (each top-level template, then the nested ones it
   * names as they were met) and, per top-level template in deployment order, the resources of its
   * stack operation: its own plus those of its nested stacks, recursively.
   */
  public record Report(List<String> problems, List<String> templates, Map<String, Integer> operations) {
    public Report {
      problems = List.copyOf(problems);
      templates = List.copyOf(templates);
      operations = Collections.unmodifiableMap(new LinkedHashMap<>(operations));
    }

    public Report(List<String> problems, List<String> templates) {
      this(problems, templates, Map.of());
    }
  }

  /**
   * A top-level stack of a deployment: its template (a path of the output), the stack name the
   * deployment gives it (null: unknown, {@code AWS::StackName} then stays symbolic) and the
   * parameter values it passes ({@code --parameter-overrides}).
   */
  public record Stack(String template, String name, Map<String, String> parameters) {
    public Stack {
      Objects.requireNonNull(template, "template");
      parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public Stack(String template, String name) {
      this(template, name, Map.of());
    }
  }

  /**
   * The stacks of a generated output as its {@code deploy.sh} deploys them, in order: the first
   * template (template.yaml) as {@code rootStackName}; every other one,
   * {@code stacks/group-GG.yaml}, as {@code <rootStackName>-resolvers-GG} with
   * {@code RootStackName=<rootStackName>}.
   */
  public static List<Stack> splitDeployment(String rootStackName, List<String> topLevelTemplates) {
    List<Stack> stacks = new ArrayList<>();
    for (int i = 0; i < topLevelTemplates.size(); i++) {
      String template = topLevelTemplates.get(i);
      if (i == 0) {
        stacks.add(new Stack(template, rootStackName));
        continue;
      }
      Matcher m = GROUP_FILE.matcher(template);
      String suffix = m.matches() ? m.group(1) : String.format(Locale.ROOT, "%02d", i);
      stacks.add(new Stack(template, rootStackName + "-resolvers-" + suffix, Map.of("RootStackName", rootStackName)));
    }
    return stacks;
  }

  /** Validates the template {@code root} of {@code files} and every nested stack template it names. */
  public Report check(OutputFiles files, String root) {
    return checkDeployment(files, List.of(new Stack(root, null)));
  }

  /**
   * Validates a deployment: top-level stacks deployed one after another, in the order given, each
   * with its nested stacks. Besides the checks of each template: every {@code Fn::ImportValue}
   * names an export of a stack deployed earlier; no two stacks export one name; every stack
   * operation (a top-level stack and all its nested stacks) has at most
   * {@value #MAX_OPERATION_RESOURCES} resources; one AppSync resolver per
   * {@code TypeName.FieldName} over the whole deployment (a template nested twice counts twice);
   * the functions of a pipeline resolver resolve (through parameters, nested stack outputs and
   * imports) to {@code FunctionId}s of {@code AWS::AppSync::FunctionConfiguration}s; resolvers
   * created with the schema depend on it.
   */
  public Report checkDeployment(OutputFiles files, List<Stack> stacks) {
    Run run = new Run(files);
    return run.deploy(stacks);
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
    return run.deploy(List.of(new Stack(name, null))).problems();
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
    /** {@code TypeName.FieldName} of each AppSync resolver of the deployment, where it was first declared. */
    final Map<String, String> resolverFields = new HashMap<>();
    /** Export names of the deployment, each where it was first exported. */
    final Map<String, Export> exports = new HashMap<>();
    /** Per template, the resources each resource depends on (DependsOn, Ref, Fn::GetAtt, Fn::Sub). */
    final Map<String, Map<String, Set<String>>> dependencies = new HashMap<>();
    /** Where a missing dependency on the schema was reported already. */
    final Set<String> schemaReported = new HashSet<>();

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

    // ---------------------------------------------------------------- the deployment

    /** Validates each top-level template (nested stacks included), then what spans the stacks of the deployment. */
    Report deploy(List<Stack> stacks) {
      for (Stack s : stacks) {
        validate(s.template());
      }
      List<Operation> operations = new ArrayList<>();
      Map<String, Stack> names = new HashMap<>();
      for (int i = 0; i < stacks.size(); i++) {
        Stack s = stacks.get(i);
        if (s.name() != null) {
          Stack other = names.putIfAbsent(s.name(), s);
          if (other != null) {
            problem(s.template(), "", "deployed as stack " + s.name() + ", the stack of " + other.template()
                + " deployed earlier: the second deploy replaces the first stack's resources");
          }
        }
        Operation op = new Operation(i, s);
        operations.add(op);
        op.root = instance(op, s.template(), null, Map.of(), op.label, new HashSet<>());
        if (op.root == null) {
          continue; // not a template: reported by validate
        }
        op.schema = schema(op.root);
        Map<?, ?> declared = sectionOf(op.root.template, "Parameters");
        for (String name : s.parameters().keySet()) {
          if (!declared.containsKey(name)) {
            problem(s.template(), "Parameters", "the deployment passes " + name + " (stack " + op.label
                + "), which the template does not declare; CloudFormation rejects the stack");
          }
        }
        exports(op.root);
      }
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (Operation op : operations) {
        if (op.root == null) {
          continue;
        }
        check(op.root);
        counts.put(op.stack.template(), op.resources);
        if (op.resources > MAX_OPERATION_RESOURCES) {
          problem(op.stack.template(), "", String.format(Locale.ROOT, "%,d resources in one stack operation (stack %s:"
              + " this template and %d nested stack templates), more than CloudFormation's %,d per operation,"
              + " nested stacks included", op.resources, op.label, op.templates - 1, MAX_OPERATION_RESOURCES));
        }
      }
      return new Report(problems, validated, counts);
    }

    void problem(String file, String path, String message) {
      problems.add(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    /** The instance of {@code file} in a stack operation, with its nested stacks; null when not a template or nested in itself. */
    Instance instance(Operation op, String file, Instance parent, Map<?, ?> passed, String label, Set<String> open) {
      Parsed p = load(file);
      if (p.template() == null || !open.add(file)) {
        return null;
      }
      Instance in = new Instance(op, file, p.template(), parent, passed, label);
      for (var e : sectionOf(p.template(), "Resources").entrySet()) {
        if (e.getValue() instanceof Map<?, ?> r && "AWS::CloudFormation::Stack".equals(r.get("Type"))
            && r.get("Properties") instanceof Map<?, ?> props && props.get("TemplateURL") instanceof String url
            && !url.isEmpty() && !url.startsWith("/") && !URL.matcher(url).matches()) {
          String child = resolvePath(folderOf(file), url);
          if (child != null && files.read(child).isPresent()) {
            Map<?, ?> parameters = props.get("Parameters") instanceof Map<?, ?> m && !isIntrinsic(m) ? m : Map.of();
            Instance c = instance(op, child, in, parameters, label + "/" + e.getKey(), open);
            if (c != null) {
              c.resourceId = String.valueOf(e.getKey());
              in.children.put(String.valueOf(e.getKey()), c);
            }
          }
        }
      }
      open.remove(file);
      return in;
    }

    /** Registers the exports of an instance and of its nested stacks; two exports of one name are a problem. */
    void exports(Instance in) {
      for (var e : sectionOf(in.template, "Outputs").entrySet()) {
        if (e.getValue() instanceof Map<?, ?> o && o.get("Export") instanceof Map<?, ?> export
            && eval(in, export.get("Name"), 0) instanceof Lit name) {
          String path = "Outputs." + e.getKey() + ".Export.Name";
          Export first = exports.get(name.text());
          if (first != null) {
            problem(in.file, path, "exports \"" + name.text() + "\" (stack " + in.label + "), which " + first.where()
                + " exports too; an export name is unique in a region");
          } else {
            exports.put(name.text(), new Export(in, in.op.index, path, o.get("Value")));
          }
        }
      }
      for (Instance child : in.children.values()) {
        exports(child);
      }
    }

    /** The checks of an instance that span stacks: resources of the operation, resolvers, imports; then its nested stacks. */
    void check(Instance in) {
      Map<?, ?> resources = sectionOf(in.template, "Resources");
      in.op.resources += resources.size();
      in.op.templates++;
      for (var e : resources.entrySet()) {
        if (e.getValue() instanceof Map<?, ?> r && r.get("Properties") instanceof Map<?, ?> props) {
          String path = "Resources." + e.getKey() + ".Properties";
          if ("AWS::AppSync::Resolver".equals(r.get("Type"))) {
            resolver(in, path, props);
            schemaFirst(in, String.valueOf(e.getKey()));
          } else if ("AWS::AppSync::FunctionConfiguration".equals(r.get("Type"))) {
            expect(in, path + ".ApiId", props.get("ApiId"), "AWS::AppSync::GraphQLApi", "ApiId");
            expect(in, path + ".DataSourceName", props.get("DataSourceName"), "AWS::AppSync::DataSource", "Name");
          }
        }
      }
      for (var e : in.template.entrySet()) {
        imports(in, e.getKey(), e.getValue());
      }
      for (Instance child : in.children.values()) {
        check(child);
      }
    }

    void resolver(Instance in, String path, Map<?, ?> props) {
      if (props.get("TypeName") instanceof String type && props.get("FieldName") instanceof String field) {
        String here = in.file + ": " + path + " (stack " + in.label + ")";
        String first = resolverFields.putIfAbsent(type + "." + field, here);
        if (first != null) {
          problem(in.file, path, "a second resolver for " + type + "." + field + " (stack " + in.label + "; first: "
              + first + "); AppSync allows one per field");
        }
      }
      if (props.get("PipelineConfig") instanceof Map<?, ?> pipeline && pipeline.get("Functions") instanceof List<?> fns) {
        for (int i = 0; i < fns.size(); i++) {
          Val v = eval(in, fns.get(i), 0);
          boolean function = v instanceof Attr a && a.type().equals("AWS::AppSync::FunctionConfiguration")
              && a.attribute().equals("FunctionId");
          if (!function && !(v instanceof Unknown u && u.reported())) {
            problem(in.file, path + ".PipelineConfig.Functions[" + i + "]", "does not resolve to the FunctionId of an"
                + " AWS::AppSync::FunctionConfiguration of the deployment (stack " + in.label + "): it is " + describe(v));
          }
        }
      }
      expect(in, path + ".ApiId", props.get("ApiId"), "AWS::AppSync::GraphQLApi", "ApiId");
      expect(in, path + ".DataSourceName", props.get("DataSourceName"), "AWS::AppSync::DataSource", "Name");
    }

    /** The first AWS::AppSync::GraphQLSchema of an instance and its nested stacks, described; null when none. */
    String schema(Instance in) {
      for (var e : sectionOf(in.template, "Resources").entrySet()) {
        if (e.getValue() instanceof Map<?, ?> r && "AWS::AppSync::GraphQLSchema".equals(r.get("Type"))) {
          return in.file + ": Resources." + e.getKey() + " (stack " + in.label + ")";
        }
      }
      for (Instance child : in.children.values()) {
        String found = schema(child);
        if (found != null) {
          return found;
        }
      }
      return null;
    }

    /**
     * A resolver created in the stack operation that creates the schema must depend on the schema (itself, or
     * through the nested stack resources that hold it): CloudFormation would otherwise create them in parallel and
     * AppSync rejects a resolver for a field its schema does not have yet. Reported once, on the outermost resource.
     */
    void schemaFirst(Instance in, String resolver) {
      if (in.op.schema == null) {
        return;
      }
      Instance at = in;
      String id = resolver;
      while (!dependsOnSchema(at, id)) {
        if (at.parent == null) {
          if (schemaReported.add(at.file + "\n" + id + "\n" + at.label)) {
            problem(at.file, "Resources." + id, (at == in ? "an AppSync resolver" : "a nested stack of AppSync resolvers")
                + " (stack " + at.label + ") that does not depend on the schema its stack operation creates ("
                + in.op.schema + "): add DependsOn, or CloudFormation may create it first and AppSync reject it");
          }
          return;
        }
        id = at.resourceId;
        at = at.parent;
      }
    }

    /** True when resource {@code id} of {@code in} depends, directly or not, on a GraphQLSchema or a nested stack holding one. */
    boolean dependsOnSchema(Instance in, String id) {
      Map<String, Set<String>> deps = dependencies.getOrDefault(in.file, Map.of());
      Map<?, ?> resources = sectionOf(in.template, "Resources");
      Set<String> seen = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>(deps.getOrDefault(id, Set.of()));
      while (!todo.isEmpty()) {
        String next = todo.pop();
        if (!seen.add(next)) {
          continue;
        }
        Object type = resources.get(next) instanceof Map<?, ?> r ? r.get("Type") : null;
        if ("AWS::AppSync::GraphQLSchema".equals(type)
            || "AWS::CloudFormation::Stack".equals(type) && in.children.containsKey(next)
            && schema(in.children.get(next)) != null) {
          return true;
        }
        todo.addAll(deps.getOrDefault(next, Set.of()));
      }
      return false;
    }

    /** A value that resolves to a resource attribute must resolve to {@code type}'s {@code attribute}. */
    void expect(Instance in, String path, Object value, String type, String attribute) {
      if (value != null && eval(in, value, 0) instanceof Attr a
          && !(a.type().equals(type) && a.attribute().equals(attribute))) {
        problem(in.file, path, "resolves to " + describe(a) + ", not the " + attribute + " of an " + type);
      }
    }

    /** Every {@code Fn::ImportValue} under {@code node} names an export of a stack deployed before this one. */
    void imports(Instance in, String path, Object node) {
      if (node instanceof Map<?, ?> map) {
        if (map.size() == 1 && map.containsKey("Fn::ImportValue")) {
          importValue(in, path + ".Fn::ImportValue", map.get("Fn::ImportValue"));
          return;
        }
        for (var e : map.entrySet()) {
          imports(in, path + "." + e.getKey(), e.getValue());
        }
      } else if (node instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          imports(in, path + "[" + i + "]", list.get(i));
        }
      }
    }

    void importValue(Instance in, String path, Object arg) {
      Val name = eval(in, arg, 0);
      if (name instanceof Lit l) {
        Export x = exports.get(l.text());
        String imported = "imports \"" + l.text() + "\" (stack " + in.label + ")";
        if (x == null) {
          problem(in.file, path, imported + ", which no stack of the deployment exports");
        } else if (x.operation() == in.op.index) {
          problem(in.file, path, imported + ", which its own stack operation exports (" + x.where()
              + "): an export exists only once its stack is deployed");
        } else if (x.operation() > in.op.index) {
          problem(in.file, path, imported + ", which " + x.where() + " exports, deployed later");
        }
      } else if (!(name instanceof Unknown u && u.reported())) {
        problem(in.file, path, "the name of the import (stack " + in.label + ") is not known before deployment: "
            + describe(name));
      }
    }

    // ---------------------------------------------------------------- values known before deployment

    /** What {@code expr} evaluates to in {@code in}, as far as it is known before deployment. */
    Val eval(Instance in, Object expr, int depth) {
      if (depth > 64) {
        return new Unknown("references nested too deeply", false);
      }
      if (expr instanceof String || expr instanceof Number || expr instanceof Boolean) {
        return new Lit(String.valueOf(expr));
      }
      if (!isIntrinsic(expr)) {
        return new Unknown(describe(expr), false);
      }
      var e = ((Map<?, ?>) expr).entrySet().iterator().next();
      String fn = String.valueOf(e.getKey());
      Object arg = e.getValue();
      switch (fn) {
        case "Ref":
          return arg instanceof String s ? ref(in, s, depth) : new Unknown("a malformed Ref", true);
        case "Fn::GetAtt":
          if (arg instanceof String s && s.indexOf('.') > 0) {
            return getAtt(in, s.substring(0, s.indexOf('.')), s.substring(s.indexOf('.') + 1), depth);
          }
          if (arg instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String r && l.get(1) instanceof String a) {
            return getAtt(in, r, a, depth);
          }
          return new Unknown("a Fn::GetAtt the validator does not evaluate", false);
        case "Fn::Sub":
          if (arg instanceof String s) {
            return sub(in, s, Map.of(), depth);
          }
          if (arg instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String s && l.get(1) instanceof Map<?, ?> v) {
            return sub(in, s, v, depth);
          }
          return new Unknown("a malformed Fn::Sub", true);
        case "Fn::Join":
          if (arg instanceof List<?> l && l.size() == 2 && l.get(1) instanceof List<?> items) {
            if (!(eval(in, l.get(0), depth + 1) instanceof Lit delimiter)) {
              return new Unknown("a Fn::Join with an unknown delimiter", false);
            }
            List<String> parts = new ArrayList<>();
            for (Object item : items) {
              Val v = eval(in, item, depth + 1);
              if (!(v instanceof Lit lit)) {
                return v instanceof Unknown u ? u : new Unknown(describe(v) + ", known only once deployed", false);
              }
              parts.add(lit.text());
            }
            return new Lit(String.join(delimiter.text(), parts));
          }
          return new Unknown("a Fn::Join the validator does not evaluate", false);
        case "Fn::ImportValue": {
          Val name = eval(in, arg, depth + 1);
          if (!(name instanceof Lit l)) {
            return name instanceof Unknown u ? u : new Unknown("an import named by " + describe(name), false);
          }
          Export x = exports.get(l.text());
          if (x == null || x.operation() >= in.op.index) {
            return new Unknown("the import of \"" + l.text() + "\", which no earlier stack exports", true);
          }
          return eval(x.instance(), x.value(), depth + 1);
        }
        default:
          return new Unknown(fn + " (not evaluated by the validator)", false);
      }
    }

    Val ref(Instance in, String name, int depth) {
      switch (name) {
        case "AWS::StackName":
          if (in.parent != null) {
            return new Unknown("the stack name of nested stack " + in.label + ", chosen by CloudFormation", false);
          }
          return new Lit(in.op.stack.name() != null ? in.op.stack.name() : "${AWS::StackName of " + in.file + "}");
        case "AWS::Region", "AWS::AccountId", "AWS::Partition", "AWS::URLSuffix":
          return new Lit("${" + name + "}"); // one value for the whole deployment
        default:
          break;
      }
      if (PSEUDO_PARAMETERS.contains(name)) {
        return new Unknown(name, false);
      }
      if (sectionOf(in.template, "Parameters").get(name) instanceof Map<?, ?> p) {
        if (in.parent != null && in.passed.containsKey(name)) {
          return eval(in.parent, in.passed.get(name), depth + 1);
        }
        if (in.parent == null && in.op.stack.parameters().containsKey(name)) {
          return new Lit(in.op.stack.parameters().get(name));
        }
        Object def = p.get("Default");
        if (def != null && !(def instanceof Map) && !(def instanceof List)) {
          return new Lit(String.valueOf(def));
        }
        return in.parent != null
            ? new Unknown("parameter " + name + " of " + in.file + ", which its parent does not pass", true)
            : new Unknown("parameter " + name + " of " + in.file + ", to which the deployment (stack " + in.label
                + ") gives no value and which has no Default", false);
      }
      if (sectionOf(in.template, "Resources").get(name) instanceof Map<?, ?> r) {
        return new Attr(in, name, String.valueOf(r.get("Type")), "Ref");
      }
      return new Unknown(name + ", which " + in.file + " does not define", true);
    }

    Val getAtt(Instance in, String resource, String attribute, int depth) {
      if (!(sectionOf(in.template, "Resources").get(resource) instanceof Map<?, ?> r)) {
        return new Unknown(resource + ", which is not a resource of " + in.file, true);
      }
      String type = String.valueOf(r.get("Type"));
      if (type.equals("AWS::CloudFormation::Stack") && attribute.startsWith("Outputs.")) {
        Instance child = in.children.get(resource);
        String output = attribute.substring("Outputs.".length());
        if (child != null && sectionOf(child.template, "Outputs").get(output) instanceof Map<?, ?> o) {
          return eval(child, o.get("Value"), depth + 1);
        }
        return new Unknown("output " + output + " of nested stack " + resource + " of " + in.file, true);
      }
      return new Attr(in, resource, type, attribute);
    }

    Val sub(Instance in, String text, Map<?, ?> variables, int depth) {
      Matcher m = SUB_VARIABLE.matcher(text);
      StringBuilder out = new StringBuilder();
      int last = 0;
      while (m.find()) {
        out.append(text, last, m.start());
        last = m.end();
        String name = m.group(1);
        if (name.startsWith("!")) {
          out.append("${").append(name.substring(1)).append('}');
          continue;
        }
        int dot = name.indexOf('.');
        Val v = variables.containsKey(name) ? eval(in, variables.get(name), depth + 1)
            : dot > 0 ? getAtt(in, name.substring(0, dot), name.substring(dot + 1), depth)
            : ref(in, name, depth);
        if (m.start() == 0 && m.end() == text.length()) {
          return v;
        }
        if (!(v instanceof Lit lit)) {
          return v instanceof Unknown u ? u : new Unknown("${" + name + "}: " + describe(v) + ", known only once deployed",
              false);
        }
        out.append(lit.text());
      }
      out.append(text.substring(last));
      return new Lit(out.toString());
    }

    /** One top-level stack of the deployment, deployed in one stack operation with its nested stacks. */
    final class Operation {
      final int index;
      final Stack stack;
      final String label;
      Instance root;
      int resources;
      int templates;
      /** Where the operation creates a GraphQLSchema ({@code file: Resources.id (stack …)}), or null. */
      String schema;

      Operation(int index, Stack stack) {
        this.index = index;
        this.stack = stack;
        this.label = stack.name() != null ? stack.name() : stack.template();
      }
    }
  }

  /** A template as deployed in a stack: top-level (no parent) or nested, with the parameters its parent passes. */
  private static final class Instance {
    final Run.Operation op;
    final String file;
    final Map<String, Object> template;
    final Instance parent;
    final Map<?, ?> passed;
    /** The stack name, or parent stack / resource ids of nested stacks. */
    final String label;
    final Map<String, Instance> children = new LinkedHashMap<>();
    /** The resource of the parent that nests this instance (null at the top). */
    String resourceId;

    Instance(Run.Operation op, String file, Map<String, Object> template, Instance parent, Map<?, ?> passed, String label) {
      this.op = op;
      this.file = file;
      this.template = template;
      this.parent = parent;
      this.passed = passed;
      this.label = label;
    }
  }

  /** An export: the instance and output declaring it, its operation's index, its value expression. */
  private record Export(Instance instance, int operation, String path, Object value) {
    String where() {
      return instance.file + ": " + path + " (stack " + instance.label + ")";
    }
  }

  /** A value as far as it is known before deployment. */
  private sealed interface Val permits Lit, Attr, Unknown {}

  /** A string known before deployment ({@code ${AWS::Region}} and the like stand for themselves). */
  private record Lit(String text) implements Val {}

  /** An attribute of a resource of an instance ({@code Ref}: attribute "Ref"). */
  private record Attr(Instance where, String resource, String type, String attribute) implements Val {}

  /** Not known before deployment; {@code reported}: its cause is reported as a problem elsewhere. */
  private record Unknown(String why, boolean reported) implements Val {}

  static String describe(Val v) {
    if (v instanceof Lit l) {
      return "the string \"" + l.text() + "\"";
    }
    if (v instanceof Attr a) {
      return (a.attribute().equals("Ref") ? "Ref " + a.resource() : "Fn::GetAtt " + a.resource() + "." + a.attribute())
          + " (" + a.type() + ") of " + a.where().file + " (stack " + a.where().label + ")";
    }
    return ((Unknown) v).why();
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
      run.dependencies.put(file, dependencies);
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
      return resolvePath(folder, relative);
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
  }

  // ---------------------------------------------------------------- helpers

  /** {@code relative} resolved against {@code folder} (empty or ending with /), normalized; null when it leaves the output. */
  static String resolvePath(String folder, String relative) {
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

  /** The folder of an output path, empty or ending with /. */
  static String folderOf(String file) {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? "" : file.substring(0, slash + 1);
  }

  /** A section of a template ({@code Resources}, {@code Parameters}…), empty when missing or not a mapping. */
  static Map<?, ?> sectionOf(Map<String, Object> template, String name) {
    return template.get(name) instanceof Map<?, ?> map ? map : Map.of();
  }

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
