'use strict';
// Reads a generated backend (template.yaml and the files it names) into the AppSync simulator's
// configuration. Understands the AppSync resources of a SAM/CloudFormation template in long-form
// intrinsics (Ref, Fn::GetAtt, Fn::Sub, Fn::Join): GraphQLApi (its EnvironmentVariables become
// $ctx.env), GraphQLSchema, DataSource (AMAZON_DYNAMODB on the template's one table, NONE),
// FunctionConfiguration and Resolver (UNIT, PIPELINE), VTL only.
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const ACCOUNT_ID = '123456789012';
const STACK_NAME = 'singletable-harness';

class TemplateError extends Error {}

/**
 * @param {{outputDir: string, tableName: string, dynamoEndpoint: string, region: string, apiKey: string}} options
 * @returns {{config: object, env: object}} the simulator config and the API's environment variables
 */
function loadBackend(options) {
  const { outputDir } = options;
  const templatePath = path.join(outputDir, 'template.yaml');
  const template = YAML.parse(readText(templatePath));
  if (!template || typeof template.Resources !== 'object') {
    throw new TemplateError(`${templatePath}: no Resources`);
  }
  const resources = template.Resources;
  const ofType = (type) => Object.entries(resources).filter(([, r]) => r && r.Type === type);
  const tables = ofType('AWS::DynamoDB::Table');
  if (tables.length > 1) {
    throw new TemplateError(`${templatePath}: the harness runs one table, found ${tables.map(([id]) => id).join(', ')}`);
  }
  for (const [id, r] of [...ofType('AWS::AppSync::Resolver'), ...ofType('AWS::AppSync::FunctionConfiguration')]) {
    rejectJs(id, props(r));
  }
  const resolve = intrinsicResolver(template, options);
  const templates = new MappingTemplates(outputDir);

  const [, api] = single(ofType('AWS::AppSync::GraphQLApi'), 'AWS::AppSync::GraphQLApi', templatePath);
  const env = {};
  for (const [name, value] of Object.entries(props(api).EnvironmentVariables || {})) {
    env[name] = String(resolve(value));
  }

  const [, schemaResource] = single(ofType('AWS::AppSync::GraphQLSchema'), 'AWS::AppSync::GraphQLSchema', templatePath);
  const schemaProps = props(schemaResource);
  const schemaLocation = schemaProps.Definition === undefined ? String(resolve(schemaProps.DefinitionS3Location)) : null;
  const schema = schemaLocation === null
    ? { path: 'schema.graphql', content: String(resolve(schemaProps.Definition)) }
    : { path: schemaLocation, content: readText(path.join(outputDir, schemaLocation)) };

  const dataSources = ofType('AWS::AppSync::DataSource').map(([id, r]) => dataSource(id, props(r), resolve, options));

  const functions = ofType('AWS::AppSync::FunctionConfiguration').map(([id, r]) => {
    const p = props(r);
    return {
      name: id,
      dataSourceName: String(resolve(p.DataSourceName)),
      ...templates.of(id, p, resolve),
    };
  });

  const resolvers = ofType('AWS::AppSync::Resolver').map(([id, r]) => {
    const p = props(r);
    const base = { typeName: String(resolve(p.TypeName)), fieldName: String(resolve(p.FieldName)) };
    if (p.Kind === 'PIPELINE') {
      const fns = ((p.PipelineConfig || {}).Functions || []).map((f) => String(resolve(f)));
      return { ...base, kind: 'PIPELINE', functions: fns, ...templates.of(id, p, resolve, true) };
    }
    return { ...base, kind: 'UNIT', dataSourceName: String(resolve(p.DataSourceName)), ...templates.of(id, p, resolve) };
  });

  const config = {
    schema,
    resolvers,
    functions,
    dataSources,
    mappingTemplates: templates.all(),
    appSync: {
      name: STACK_NAME,
      apiKey: options.apiKey,
      defaultAuthenticationType: { authenticationType: 'API_KEY' },
      additionalAuthenticationProviders: [],
    },
  };
  return { config, env };
}

function props(resource) {
  return resource.Properties || {};
}

function single(entries, type, templatePath) {
  if (entries.length !== 1) {
    throw new TemplateError(`${templatePath}: expected one ${type}, found ${entries.length}`);
  }
  return entries[0];
}

function rejectJs(id, p) {
  if ((p.Runtime && p.Runtime.Name && p.Runtime.Name !== 'VTL') || p.Code !== undefined || p.CodeS3Location !== undefined) {
    throw new TemplateError(`${id}: the APPSYNC_JS runtime is not supported by the harness (VTL only)`);
  }
}

function dataSource(id, p, resolve, options) {
  const name = String(resolve(p.Name));
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
          tableName: String(resolve(ddbConfig.TableName)),
        },
      };
    }
    case 'NONE':
      return { type: 'NONE', name };
    default:
      throw new TemplateError(`${id}: data source type ${p.Type} is not supported by the harness`);
  }
}

/** The mapping templates named by resolvers and functions, read once per path. */
class MappingTemplates {
  constructor(outputDir) {
    this.outputDir = outputDir;
    this.byPath = new Map();
  }

  of(id, p, resolve, optional = false) {
    return {
      ...this.one(id, p, resolve, 'Request', optional ? '{}' : undefined),
      ...this.one(id, p, resolve, 'Response', optional ? '$util.toJson($ctx.prev.result)' : undefined),
    };
  }

  one(id, p, resolve, kind, fallback) {
    const key = kind.toLowerCase();
    if (p[`${kind}MappingTemplate`] !== undefined) {
      return { [`${key}MappingTemplate`]: String(resolve(p[`${kind}MappingTemplate`])) };
    }
    if (p[`${kind}MappingTemplateS3Location`] !== undefined) {
      const location = String(resolve(p[`${kind}MappingTemplateS3Location`]));
      if (!this.byPath.has(location)) {
        this.byPath.set(location, readText(path.join(this.outputDir, location)));
      }
      return { [`${key}MappingTemplateLocation`]: location };
    }
    if (fallback !== undefined) {
      return { [`${key}MappingTemplate`]: fallback };
    }
    throw new TemplateError(`${id}: no ${kind}MappingTemplate or ${kind}MappingTemplateS3Location`);
  }

  all() {
    return [...this.byPath.entries()].map(([p, content]) => ({ path: p, content }));
  }
}

/** Evaluates the intrinsics a local run needs; the table's Ref is the name of the table created for the run. */
function intrinsicResolver(template, options) {
  const resources = template.Resources;
  const parameters = template.Parameters || {};
  const pseudo = {
    'AWS::Region': options.region,
    'AWS::AccountId': ACCOUNT_ID,
    'AWS::StackName': STACK_NAME,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
  };
  const ref = (id) => {
    if (pseudo[id] !== undefined) {
      return pseudo[id];
    }
    if (parameters[id]) {
      if (parameters[id].Default === undefined) {
        throw new TemplateError(`parameter ${id} has no Default`);
      }
      return parameters[id].Default;
    }
    const resource = resources[id];
    if (!resource) {
      throw new TemplateError(`Ref to unknown ${id}`);
    }
    return resource.Type === 'AWS::DynamoDB::Table' ? options.tableName : id;
  };
  const getAtt = (id, attribute) => {
    const resource = resources[id];
    if (!resource) {
      throw new TemplateError(`Fn::GetAtt of unknown ${id}`);
    }
    switch (`${resource.Type}.${attribute}`) {
      case 'AWS::AppSync::DataSource.Name':
        return resolve((resource.Properties || {}).Name);
      case 'AWS::AppSync::FunctionConfiguration.FunctionId':
        return id;
      case 'AWS::DynamoDB::Table.Arn':
        return `arn:aws:dynamodb:${options.region}:${ACCOUNT_ID}:table/${options.tableName}`;
      default:
        return `${id}.${attribute}`;
    }
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
          return getAtt(id, attribute);
        }
        case 'Fn::Sub':
          return Array.isArray(arg) ? sub(arg[0], arg[1]) : sub(arg);
        case 'Fn::Join':
          return resolve(arg[1]).join(arg[0]);
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

module.exports = { loadBackend, TemplateError };
