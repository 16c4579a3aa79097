'use strict';
// Reads a generated backend (template.yaml, its nested stacks, the further top-level stacks of a
// split deployment, and the files they name) into the AppSync simulator's configuration.
//
// Understands the AppSync resources of SAM/CloudFormation templates in long-form intrinsics (Ref,
// Fn::GetAtt, Fn::Sub, Fn::Join, Fn::ImportValue): GraphQLApi (its EnvironmentVariables become
// $ctx.env), GraphQLSchema, DataSource (AMAZON_DYNAMODB on the backend's one table, NONE),
// FunctionConfiguration and Resolver (UNIT, PIPELINE), VTL only; and AWS::CloudFormation::Stack.
//
// Deployment, as CloudFormation would run it:
// - The top-level stacks are template.yaml (the root stack, named options.stackName), then
//   stacks/group-*.yaml sorted by name, each named `<root>-<file name without .yaml>` and given the
//   parameter RootStackName = the root stack's name (when it declares it).
// - Each AWS::CloudFormation::Stack is loaded recursively: TemplateURL is a path relative to the
//   file that declares it; its Parameters are evaluated in the declaring stack and must match the
//   nested template's Parameters (undeclared ones and missing ones without Default are errors).
//   A nested stack is named `<parent>-<logical id>`.
// - Fn::ImportValue sees only the exports (Outputs with Export.Name) of the top-level stacks
//   deployed before the one being loaded: importing a name not exported yet is an error naming the
//   stack and the export, which checks the deployment order. Two stacks exporting one name is an
//   error too.
// - A FunctionConfiguration's FunctionId (Fn::GetAtt, or a parameter/export carrying it) is the
//   name the simulator knows the function by: its logical id in the root stack, `<stack>/<logical
//   id>` in any other, so equal logical ids in different stacks stay different functions.
// - Checked when loading, where AppSync or CloudFormation would fail the deploy (and the stock
//   simulator would fail only at request time, or silently keep the last one): one resolver per
//   Type.field across all stacks, a pipeline's FunctionIds and a resolver's DataSourceName exist,
//   an ApiId given to a resolver, function, data source or schema is the API's id, a Ref names a
//   parameter or resource of its own template, no logical id is both a parameter and a resource,
//   nested templates exist and include no ancestor.
// - Authentication: the API's AuthenticationType and AdditionalAuthenticationProviders configure
//   the simulator (see authentication() below); a top-level template's UserPoolId parameter
//   without Default gets the harness's user pool id (options.userPoolId).
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const ACCOUNT_ID = '123456789012';
const STACK_NAME = 'singletable-harness';
const ROOT_TEMPLATE = 'template.yaml';
const GROUP_DIR = 'stacks';
const GROUP_FILE = /^group-.*\.yaml$/;
const ROOT_STACK_PARAMETER = 'RootStackName';
const USER_POOL_PARAMETER = 'UserPoolId';
const STACK_TYPE = 'AWS::CloudFormation::Stack';

class TemplateError extends Error {}

/**
 * @param {{outputDir: string, tableName: string, dynamoEndpoint: string, region: string, apiKey: string, stackName?: string,
 *   userPoolId?: string, iamAuthenticatedKeyId?: string, iamUnauthenticatedKeyId?: string}} options
 * @returns {{config: object, env: object, stacks: object[]}} the simulator config, the API's
 *   environment variables, and the stacks loaded, in deployment order (top-level stacks in the
 *   order deployed, each followed by its nested stacks)
 */
function loadBackend(options) {
  const deployment = new Deployment(options);
  for (const file of topLevelTemplates(deployment.outputDir)) {
    deployment.deployTopLevel(file);
  }
  return deployment.backend();
}

/** template.yaml, then stacks/group-*.yaml sorted by name: the order a split backend is deployed in. */
function topLevelTemplates(outputDir) {
  const groupDir = path.join(outputDir, GROUP_DIR);
  const groups = fs.existsSync(groupDir)
    ? fs.readdirSync(groupDir).filter((f) => GROUP_FILE.test(f)).sort().map((f) => path.join(groupDir, f))
    : [];
  return [path.join(outputDir, ROOT_TEMPLATE), ...groups];
}

class Deployment {
  constructor(options) {
    this.options = options;
    this.outputDir = path.resolve(options.outputDir);
    this.rootStackName = options.stackName || STACK_NAME;
    this.exports = new Map(); // name -> {value, stack}
    this.stacks = []; // every stack loaded, in load order
    this.resources = []; // {stack, id, resource} of every non-stack resource
  }

  relative(file) {
    return toPosix(path.relative(this.outputDir, file)) || '.';
  }

  deployTopLevel(file) {
    const isRoot = this.stacks.length === 0;
    const name = isRoot ? this.rootStackName : `${this.rootStackName}-${path.basename(file, '.yaml')}`;
    const template = this.parse(file, null);
    const declared = template.Parameters || {};
    const given = {};
    if (!isRoot && declared[ROOT_STACK_PARAMETER]) {
      given[ROOT_STACK_PARAMETER] = this.rootStackName;
    }
    // The Cognito user pool the harness stands for (its tokens' issuer names it).
    if (declared[USER_POOL_PARAMETER] && declared[USER_POOL_PARAMETER].Default === undefined && this.options.userPoolId) {
      given[USER_POOL_PARAMETER] = this.options.userPoolId;
    }
    const stack = new Stack(this, { file, name, template, given, parent: null, logicalId: null, topLevel: null, isRoot });
    stack.load();
    // Exports exist once the whole stack operation (with its nested stacks) has completed.
    for (const s of this.stacks.filter((x) => x.topLevel === stack)) {
      for (const [exportName, value] of s.exportsMade) {
        const earlier = this.exports.get(exportName);
        if (earlier) {
          throw new TemplateError(`${s.where()}: exports ${exportName}, already exported by stack ${earlier.stack.name} (${this.relative(earlier.stack.file)})`);
        }
        this.exports.set(exportName, { value, stack: s });
      }
    }
  }

  parse(file, includedBy) {
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      const what = includedBy ? `${includedBy}: nested stack template ${this.relative(file)} does not exist` : `cannot read ${file}`;
      throw new TemplateError(`${what} (${e.code || e.message})`);
    }
    let template;
    try {
      template = YAML.parse(text);
    } catch (e) {
      throw new TemplateError(`${this.relative(file)}: not YAML: ${e.message}`);
    }
    if (!template || typeof template.Resources !== 'object' || template.Resources === null) {
      throw new TemplateError(`${file}: no Resources`);
    }
    return template;
  }

  ofType(type) {
    return this.resources.filter((r) => r.resource.Type === type);
  }

  backend() {
    const rootFile = path.join(this.outputDir, ROOT_TEMPLATE);
    const tables = this.ofType('AWS::DynamoDB::Table');
    if (tables.length > 1) {
      throw new TemplateError(`${rootFile}: the harness runs one table, found ${tables.map((r) => `${r.id} (${r.stack.name})`).join(', ')}`);
    }
    const api = single(this.ofType('AWS::AppSync::GraphQLApi'), 'AWS::AppSync::GraphQLApi', rootFile);
    const apiId = api.stack.apiId(api.id);
    const checkApi = (r) => {
      const p = props(r.resource);
      if (p.ApiId !== undefined) {
        const value = String(r.stack.resolveIn(r.id, p.ApiId));
        if (value !== apiId) {
          throw new TemplateError(`${r.stack.where()}: ${r.id}: ApiId ${JSON.stringify(value)} is not the id of the API ${api.id} (${JSON.stringify(apiId)})`);
        }
      }
    };

    const env = {};
    for (const [name, value] of Object.entries(props(api.resource).EnvironmentVariables || {})) {
      env[name] = String(api.stack.resolveIn(api.id, value));
    }

    const schemaEntry = single(this.ofType('AWS::AppSync::GraphQLSchema'), 'AWS::AppSync::GraphQLSchema', rootFile);
    checkApi(schemaEntry);
    const schemaProps = props(schemaEntry.resource);
    let schema;
    if (schemaProps.Definition !== undefined) {
      schema = { path: 'schema.graphql', content: String(schemaEntry.stack.resolveIn(schemaEntry.id, schemaProps.Definition)) };
    } else {
      const location = String(schemaEntry.stack.resolveIn(schemaEntry.id, schemaProps.DefinitionS3Location));
      const file = path.resolve(path.dirname(schemaEntry.stack.file), location);
      schema = { path: this.relative(file), content: readText(file) };
    }

    const dataSources = [];
    const dataSourceByName = new Map();
    for (const r of this.ofType('AWS::AppSync::DataSource')) {
      checkApi(r);
      const ds = dataSource(r, this.options);
      const earlier = dataSourceByName.get(ds.name);
      if (earlier) {
        throw new TemplateError(`data source name ${ds.name} is declared twice: ${earlier.id} in ${earlier.stack.where()} and ${r.id} in ${r.stack.where()}`);
      }
      dataSourceByName.set(ds.name, r);
      dataSources.push(ds);
    }
    const requireDataSource = (r, name) => {
      if (!dataSourceByName.has(name)) {
        throw new TemplateError(`${r.stack.where()}: ${r.id}: DataSourceName ${JSON.stringify(name)} is not a data source of the API (${[...dataSourceByName.keys()].join(', ')})`);
      }
      return name;
    };

    const templates = new MappingTemplates(this);
    const functions = [];
    const functionNames = new Set();
    for (const r of this.ofType('AWS::AppSync::FunctionConfiguration')) {
      checkApi(r);
      const p = props(r.resource);
      const name = r.stack.functionId(r.id);
      functionNames.add(name);
      functions.push({
        name,
        dataSourceName: requireDataSource(r, String(r.stack.resolveIn(r.id, p.DataSourceName))),
        ...templates.of(r, p),
      });
    }

    const resolvers = [];
    const resolverByField = new Map();
    for (const r of this.ofType('AWS::AppSync::Resolver')) {
      checkApi(r);
      const p = props(r.resource);
      const resolveProp = (value) => r.stack.resolveIn(r.id, value);
      const base = { typeName: String(resolveProp(p.TypeName)), fieldName: String(resolveProp(p.FieldName)) };
      const field = `${base.typeName}.${base.fieldName}`;
      const earlier = resolverByField.get(field);
      if (earlier) {
        throw new TemplateError(`${field} has two resolvers, ${earlier.id} in ${earlier.stack.where()} and ${r.id} in ${r.stack.where()}: AppSync allows one resolver per field`);
      }
      resolverByField.set(field, r);
      r.stack.resolverCount += 1;
      if (p.Kind === 'PIPELINE') {
        const fns = ((p.PipelineConfig || {}).Functions || []).map((f) => String(resolveProp(f)));
        for (const fn of fns) {
          if (!functionNames.has(fn)) {
            throw new TemplateError(`${r.stack.where()}: ${r.id}: pipeline function ${JSON.stringify(fn)} is not the FunctionId of any AWS::AppSync::FunctionConfiguration`);
          }
        }
        resolvers.push({ ...base, kind: 'PIPELINE', functions: fns, ...templates.of(r, p, true) });
      } else {
        const dataSourceName = requireDataSource(r, String(resolveProp(p.DataSourceName)));
        resolvers.push({ ...base, kind: 'UNIT', dataSourceName, ...templates.of(r, p) });
      }
    }

    const config = {
      schema,
      resolvers,
      functions,
      dataSources,
      mappingTemplates: templates.all(),
      appSync: {
        name: this.rootStackName,
        apiKey: this.options.apiKey,
        accountId: ACCOUNT_ID,
        ...authentication(api, this.options),
      },
    };
    const stacks = this.stacks.map((s) => ({
      name: s.name,
      template: this.relative(s.file),
      parent: s.parent ? s.parent.name : null,
      resolvers: s.resolverCount,
    }));
    return { config, env, stacks };
  }
}

const AUTHENTICATION_TYPES = ['API_KEY', 'AWS_IAM', 'AMAZON_COGNITO_USER_POOLS', 'OPENID_CONNECT'];

/**
 * The simulator's defaultAuthenticationType and additionalAuthenticationProviders from the API's
 * AuthenticationType, UserPoolConfig, OpenIDConnectConfig and AdditionalAuthenticationProviders, as
 * AppSync would configure them. API_KEY accepts the harness's key (options.apiKey); AWS_IAM tells
 * callers apart by their access key id (see lib/patches.js); a user pool is the issuer
 * https://cognito-idp.<AwsRegion>.amazonaws.com/<UserPoolId> (the harness's UserPoolId parameter,
 * options.userPoolId, unless the template names another). AWS_LAMBDA is not supported.
 */
function authentication(api, options) {
  const p = props(api.resource);
  const where = `${api.stack.where()}: ${api.id}`;
  const provider = (entry, what) => {
    const type = entry.AuthenticationType === undefined ? undefined : String(api.stack.resolveIn(api.id, entry.AuthenticationType));
    if (type === undefined) {
      throw new TemplateError(`${where}: ${what} has no AuthenticationType`);
    }
    if (!AUTHENTICATION_TYPES.includes(type)) {
      throw new TemplateError(`${where}: ${what}: AuthenticationType ${type} is not supported by the harness (${AUTHENTICATION_TYPES.join(', ')})`);
    }
    const config = { authenticationType: type };
    if (type === 'AMAZON_COGNITO_USER_POOLS') {
      if (!entry.UserPoolConfig) {
        throw new TemplateError(`${where}: ${what}: AMAZON_COGNITO_USER_POOLS without UserPoolConfig`);
      }
      const pool = api.stack.resolveIn(api.id, entry.UserPoolConfig);
      if (!pool.UserPoolId) {
        throw new TemplateError(`${where}: ${what}: UserPoolConfig without UserPoolId`);
      }
      const region = pool.AwsRegion || options.region;
      config.cognitoUserPoolConfig = {
        UserPoolId: String(pool.UserPoolId),
        AwsRegion: String(region),
        Issuer: `https://cognito-idp.${region}.amazonaws.com/${pool.UserPoolId}`,
        ...(pool.AppIdClientRegex !== undefined ? { AppIdClientRegex: String(pool.AppIdClientRegex) } : {}),
        ...(pool.DefaultAction !== undefined ? { DefaultAction: String(pool.DefaultAction) } : {}),
      };
    } else if (type === 'OPENID_CONNECT') {
      const oidc = api.stack.resolveIn(api.id, entry.OpenIDConnectConfig || {});
      if (!oidc.Issuer) {
        throw new TemplateError(`${where}: ${what}: OPENID_CONNECT without OpenIDConnectConfig.Issuer`);
      }
      config.openIDConnectConfig = { Issuer: String(oidc.Issuer), ...(oidc.ClientId ? { ClientId: String(oidc.ClientId) } : {}) };
    }
    return config;
  };
  const defaultAuthenticationType = provider(p, 'the API');
  const additional = p.AdditionalAuthenticationProviders === undefined ? [] : api.stack.resolveIn(api.id, p.AdditionalAuthenticationProviders);
  if (!Array.isArray(additional)) {
    throw new TemplateError(`${where}: AdditionalAuthenticationProviders is not a list`);
  }
  const additionalAuthenticationProviders = additional.map((entry, i) => provider(entry || {}, `AdditionalAuthenticationProviders[${i}]`));
  // AppSync refuses an API with the same API_KEY or AWS_IAM provider twice (default included).
  const seen = new Set([defaultAuthenticationType.authenticationType]);
  additionalAuthenticationProviders.forEach((entry, i) => {
    const type = entry.authenticationType;
    if ((type === 'API_KEY' || type === 'AWS_IAM') && seen.has(type)) {
      throw new TemplateError(`${where}: AdditionalAuthenticationProviders[${i}]: ${type} is already a provider of the API`);
    }
    seen.add(type);
  });
  return {
    defaultAuthenticationType,
    additionalAuthenticationProviders,
    authAccessKeyId: options.iamAuthenticatedKeyId,
    unauthAccessKeyId: options.iamUnauthenticatedKeyId,
  };
}

/** One stack: a template, the values of its parameters, the stacks it nests. */
class Stack {
  constructor(deployment, { file, name, template, given, parent, logicalId, topLevel, isRoot = false }) {
    this.deployment = deployment;
    this.isRoot = isRoot;
    this.file = file;
    this.name = name;
    this.template = template;
    this.parent = parent;
    this.logicalId = logicalId;
    this.topLevel = topLevel || this;
    this.resources = template.Resources;
    this.declared = template.Parameters || {};
    this.nested = new Map(); // logical id -> Stack (loaded)
    this.loading = new Set(); // logical ids of nested stacks being loaded
    this.exportsMade = new Map();
    this.outputs = null;
    this.resolverCount = 0;
    this.given = given;
    this.resolve = intrinsicResolver(this, deployment.options);
  }

  where() {
    return `${this.deployment.relative(this.file)} (stack ${this.name})`;
  }

  error(message, id) {
    return new TemplateError(`${this.where()}: ${id ? `${id}: ` : ''}${message}`);
  }

  /** value resolved in this stack, errors naming the resource it belongs to */
  resolveIn(id, value) {
    try {
      return this.resolve(value);
    } catch (e) {
      throw e instanceof TemplateError && !e.located ? located(this.error(e.message, id)) : e;
    }
  }

  load() {
    for (const id of Object.keys(this.declared)) {
      if (Object.prototype.hasOwnProperty.call(this.resources, id)) {
        throw located(this.error(`logical id ${id} is both a parameter and a resource`));
      }
    }
    for (const name of Object.keys(this.given)) {
      if (!this.declared[name]) {
        const by = this.parent ? `${this.parent.where()}: ${this.logicalId}` : 'the harness';
        throw new TemplateError(`${by}: passes parameter ${name}, which ${this.deployment.relative(this.file)} does not declare`);
      }
    }
    this.parameters = {};
    const unset = new Set();
    this.unset = unset;
    for (const [name, declaration] of Object.entries(this.declared)) {
      if (this.given[name] !== undefined) {
        this.parameters[name] = this.given[name];
      } else if (declaration && declaration.Default !== undefined) {
        this.parameters[name] = declaration.Default;
      } else if (this.parent) {
        throw located(this.error(`parameter ${name} has no value (${this.parent.where()}: ${this.logicalId} does not pass it, no Default)`));
      } else {
        // a top-level stack's parameter the harness has no value for: an error only where it is used
        unset.add(name);
      }
    }
    this.deployment.stacks.push(this);
    for (const [id, resource] of Object.entries(this.resources)) {
      if (!resource || typeof resource.Type !== 'string') {
        throw located(this.error('no Type', id));
      }
      if (resource.Type === STACK_TYPE) {
        this.nestedStack(id);
      } else {
        if (resource.Type === 'AWS::AppSync::Resolver' || resource.Type === 'AWS::AppSync::FunctionConfiguration') {
          try {
            rejectJs(id, props(resource));
          } catch (e) {
            throw located(this.error(e.message));
          }
        }
        this.deployment.resources.push({ stack: this, id, resource });
      }
    }
    this.outputs = {};
    for (const [name, output] of Object.entries(this.template.Outputs || {})) {
      const value = this.resolveIn(`Outputs.${name}`, output.Value);
      this.outputs[name] = value;
      if (output.Export && output.Export.Name !== undefined) {
        const exportName = String(this.resolveIn(`Outputs.${name}.Export`, output.Export.Name));
        if (this.exportsMade.has(exportName)) {
          throw located(this.error(`exports ${exportName} twice`));
        }
        this.exportsMade.set(exportName, value);
      }
    }
  }

  /** The nested stack of logical id {@code id}, loaded on first use. */
  nestedStack(id) {
    if (this.nested.has(id)) {
      return this.nested.get(id);
    }
    if (this.loading.has(id)) {
      throw located(this.error('circular dependency between nested stacks (through its Parameters)', id));
    }
    this.loading.add(id);
    const p = props(this.resources[id]);
    const url = this.resolveIn(id, p.TemplateURL);
    if (typeof url !== 'string' || /^[a-z][a-z0-9+.-]*:/i.test(url)) {
      throw located(this.error(`TemplateURL ${JSON.stringify(url)}: the harness loads nested templates from files of the output, by a path relative to the declaring template`, id));
    }
    const file = path.resolve(path.dirname(this.file), url);
    for (let s = this; s; s = s.parent) {
      if (s.file === file) {
        throw located(this.error(`TemplateURL ${url} includes ${this.deployment.relative(file)}, which includes this stack`, id));
      }
    }
    const template = this.deployment.parse(file, `${this.where()}: ${id}: TemplateURL ${url}`);
    const given = {};
    for (const [name, value] of Object.entries(p.Parameters || {})) {
      given[name] = String(this.resolveIn(`${id}.Parameters.${name}`, value));
    }
    const child = new Stack(this.deployment, {
      file, name: `${this.name}-${id}`, template, given, parent: this, logicalId: id, topLevel: this.topLevel,
    });
    child.load();
    this.loading.delete(id);
    this.nested.set(id, child);
    return child;
  }

  apiId(id) {
    return `harness-api-${this.isRoot ? '' : `${this.name}-`}${id}`;
  }

  functionId(id) {
    return this.isRoot ? id : `${this.name}/${id}`;
  }
}

function located(error) {
  error.located = true;
  return error;
}

function props(resource) {
  return (resource && resource.Properties) || {};
}

function single(entries, type, templatePath) {
  if (entries.length !== 1) {
    const where = entries.length ? `: ${entries.map((r) => `${r.id} in ${r.stack.where()}`).join(', ')}` : '';
    throw new TemplateError(`${templatePath}: expected one ${type}, found ${entries.length}${where}`);
  }
  return entries[0];
}

function rejectJs(id, p) {
  if ((p.Runtime && p.Runtime.Name && p.Runtime.Name !== 'VTL') || p.Code !== undefined || p.CodeS3Location !== undefined) {
    throw new TemplateError(`${id}: the APPSYNC_JS runtime is not supported by the harness (VTL only)`);
  }
}

function dataSource(r, options) {
  const p = props(r.resource);
  const name = String(r.stack.resolveIn(r.id, p.Name));
  switch (p.Type) {
    case 'AMAZON_DYNAMODB': {
      const ddbConfig = p.DynamoDBConfig || {};
      return {
        type: 'AMAZON_DYNAMODB',
        name,
        config: {
          endpoint: options.dynamoEndpoint,
          region: options.region,
          // The stock loader spreads config into the SDK client: explicit dummy credentials keep
          // the default credential chain (and whatever the machine has configured) out of it.
          credentials: { accessKeyId: 'harness', secretAccessKey: 'harness' },
          accessKeyId: 'harness',
          secretAccessKey: 'harness',
          tableName: String(r.stack.resolveIn(r.id, ddbConfig.TableName)),
        },
      };
    }
    case 'NONE':
      return { type: 'NONE', name };
    default:
      throw new TemplateError(`${r.stack.where()}: ${r.id}: data source type ${p.Type} is not supported by the harness`);
  }
}

/**
 * The mapping templates named by resolvers and functions, read once per file. A template's
 * location is relative to the template file declaring it; the simulator knows it by its path
 * relative to the output directory.
 */
class MappingTemplates {
  constructor(deployment) {
    this.deployment = deployment;
    this.byPath = new Map();
  }

  of(r, p, optional = false) {
    return {
      ...this.one(r, p, 'Request', optional ? '{}' : undefined),
      ...this.one(r, p, 'Response', optional ? '$util.toJson($ctx.prev.result)' : undefined),
    };
  }

  one(r, p, kind, fallback) {
    const key = kind.toLowerCase();
    if (p[`${kind}MappingTemplate`] !== undefined) {
      return { [`${key}MappingTemplate`]: String(r.stack.resolveIn(r.id, p[`${kind}MappingTemplate`])) };
    }
    if (p[`${kind}MappingTemplateS3Location`] !== undefined) {
      const location = String(r.stack.resolveIn(r.id, p[`${kind}MappingTemplateS3Location`]));
      const file = path.resolve(path.dirname(r.stack.file), location);
      const relative = this.deployment.relative(file);
      if (!this.byPath.has(relative)) {
        try {
          this.byPath.set(relative, fs.readFileSync(file, 'utf8'));
        } catch (e) {
          throw new TemplateError(`${r.stack.where()}: ${r.id}: ${kind}MappingTemplateS3Location ${location}: cannot read ${relative} (${e.code || e.message})`);
        }
      }
      return { [`${key}MappingTemplateLocation`]: relative };
    }
    if (fallback !== undefined) {
      return { [`${key}MappingTemplate`]: fallback };
    }
    throw new TemplateError(`${r.stack.where()}: ${r.id}: no ${kind}MappingTemplate or ${kind}MappingTemplateS3Location`);
  }

  all() {
    return [...this.byPath.entries()].map(([p, content]) => ({ path: p, content }));
  }
}

/**
 * Evaluates the intrinsics a local run needs, in one stack: Ref of its parameters and resources
 * (the table's Ref is the name of the table created for the run), Fn::GetAtt of its resources
 * (a nested stack's Outputs.X loads it), Fn::ImportValue of what earlier stacks export.
 */
function intrinsicResolver(stack, options) {
  const { deployment } = stack;
  const pseudo = {
    'AWS::Region': options.region,
    'AWS::AccountId': ACCOUNT_ID,
    'AWS::StackName': stack.name,
    'AWS::StackId': `arn:aws:cloudformation:${options.region}:${ACCOUNT_ID}:stack/${stack.name}/harness`,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::NoValue': undefined,
  };
  const resourceOf = (id, what) => {
    const resource = Object.prototype.hasOwnProperty.call(stack.resources, id) ? stack.resources[id] : undefined;
    if (!resource) {
      throw new TemplateError(`${what} ${id}, which is neither a parameter nor a resource of ${deployment.relative(stack.file)}`);
    }
    return resource;
  };
  const ref = (id) => {
    if (Object.prototype.hasOwnProperty.call(pseudo, id)) {
      return pseudo[id];
    }
    if (Object.prototype.hasOwnProperty.call(stack.declared, id)) {
      if (stack.unset.has(id)) {
        throw new TemplateError(`parameter ${id} has no Default, and the harness passes no value for it`);
      }
      return stack.parameters[id];
    }
    const resource = resourceOf(id, 'Ref to');
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table':
        return options.tableName;
      case 'AWS::AppSync::GraphQLApi':
        return `arn:aws:appsync:${options.region}:${ACCOUNT_ID}:apis/${stack.apiId(id)}`;
      default:
        return id;
    }
  };
  const getAtt = (id, attribute) => {
    const resource = resourceOf(id, 'Fn::GetAtt of');
    if (resource.Type === STACK_TYPE && attribute.startsWith('Outputs.')) {
      const name = attribute.slice('Outputs.'.length);
      const outputs = stack.nestedStack(id).outputs;
      if (!Object.prototype.hasOwnProperty.call(outputs, name)) {
        throw new TemplateError(`Fn::GetAtt of ${id}.${attribute}: the nested stack has no output ${name}`);
      }
      return outputs[name];
    }
    switch (`${resource.Type}.${attribute}`) {
      case 'AWS::AppSync::GraphQLApi.ApiId':
        return stack.apiId(id);
      case 'AWS::AppSync::GraphQLApi.Arn':
        return ref(id);
      case 'AWS::AppSync::DataSource.Name':
        return resolve((resource.Properties || {}).Name);
      case 'AWS::AppSync::FunctionConfiguration.FunctionId':
        return stack.functionId(id);
      case 'AWS::DynamoDB::Table.Arn':
        return `arn:aws:dynamodb:${options.region}:${ACCOUNT_ID}:table/${options.tableName}`;
      default:
        return `${id}.${attribute}`;
    }
  };
  const importValue = (name) => {
    const found = deployment.exports.get(name);
    if (!found) {
      const known = [...deployment.exports.keys()];
      const shown = known.length > 20 ? `${known.slice(0, 20).join(', ')}, …` : known.join(', ');
      throw new TemplateError(`Fn::ImportValue of ${name}: no stack deployed before stack ${stack.topLevel.name} exports it`
        + ` (wrong deployment order, or a missing Export; exported so far: ${shown || 'nothing'})`);
    }
    return found.value;
  };
  const sub = (text, vars = {}) => text.replace(/\$\{(!?)([^}]+)\}/g, (whole, literal, name) => {
    if (literal) {
      return `\${${name}}`;
    }
    if (vars[name] !== undefined) {
      return String(resolve(vars[name]));
    }
    const dot = name.indexOf('.');
    return String(dot > 0 && !name.startsWith('AWS::') ? getAtt(name.slice(0, dot), name.slice(dot + 1)) : ref(name));
  });
  function resolve(value) {
    if (value === null || typeof value !== 'object') {
      return value;
    }
    if (Array.isArray(value)) {
      return value.map(resolve);
    }
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const [fn] = keys;
      const arg = value[fn];
      switch (fn) {
        case 'Ref':
          return ref(arg);
        case 'Fn::GetAtt': {
          const [id, attribute] = Array.isArray(arg) ? arg : String(arg).split(/\.(.+)/);
          return getAtt(id, resolve(attribute));
        }
        case 'Fn::Sub':
          return Array.isArray(arg) ? sub(arg[0], arg[1]) : sub(arg);
        case 'Fn::Join':
          return resolve(arg[1]).join(arg[0]);
        case 'Fn::ImportValue':
          return importValue(String(resolve(arg)));
        default:
          if (fn.startsWith('Fn::')) {
            throw new TemplateError(`intrinsic ${fn} is not supported by the harness`);
          }
      }
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  }
  return resolve;
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new TemplateError(`cannot read ${file}: ${e.message}`);
  }
}

function toPosix(p) {
  return p.split(path.sep).join('/');
}

module.exports = { loadBackend, topLevelTemplates, TemplateError };
