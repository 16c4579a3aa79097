'use strict';
// What the AppSync simulator lacks compared with real AppSync VTL resolvers, added at run time
// (never in the generated templates):
// - $ctx.env: the GraphQL API's environment variables (GraphQLApi EnvironmentVariables).
// - $util.autoKsuid(): a 27-character KSUID (time-ordered, base62).
// - $util.time.parseISO8601ToEpochMilliSeconds: honours time-zone offsets as AppSync does.
// - UNIT resolvers: the stash written by the request template is visible to the response
//   template (the stock resolver renders the response with an empty stash).
// - UNIT resolvers and pipeline functions: $ctx.result can accompany $ctx.error, as real AppSync
//   does for failed conditions and cancelled transactions (see dynamodb-loader.js).
// - $util.error / $util.appendError with data: the data is cut down to the fields the query
//   selects on the resolver's own field (the stock code looks the field up among the operation's
//   top-level fields, so in a nested resolver it throws instead of reporting the error).
// - Every evaluation of a template starts with fresh local scopes: the stock compiler is reused
//   across requests, and a $util.error thrown inside a #foreach leaves that loop's scope active, so
//   the next request read the loop variable's stale value instead of the one it had just #set.
// - Map keys that are strings made in a template (a list literal's element, a #set string) are
//   the strings they hold, as in Java: the stock JavaMap.put keeps the wrapper object as the key,
//   so $item.put($field, …) with $field from ['name'] added a second entry that get('name') missed.
// - The AMAZON_DYNAMODB data loader (dynamodb-loader.js).
const crypto = require('crypto');
const { simulator, lib } = require('./simulator-modules');
const { HarnessDynamoDBDataLoader, resultOf } = require('./dynamodb-loader');

const { map } = lib('velocity/value-mapper/mapper', 'map');
const { VelocityTemplate } = lib('velocity', 'VelocityTemplate');
const { AppSyncUnitResolver } = lib('resolvers/unit-resolver', 'AppSyncUnitResolver');
const { AmplifySimulatorFunction } = lib('resolvers/function', 'AmplifySimulatorFunction');
const { generalUtils } = lib('velocity/util/general-utils', 'generalUtils');
const { TemplateSentError } = lib('velocity/util/errors', 'TemplateSentError');
const { JavaMap } = lib('velocity/value-mapper/map', 'JavaMap');
const { JavaString } = lib('velocity/value-mapper/string', 'JavaString');

const VERSION_2018 = '2018-05-29';

let installed = false;

function install({ env }) {
  if (installed) {
    throw new Error('harness patches are installed once per process');
  }
  installed = true;
  const environment = Object.freeze({ ...env });

  const buildRenderContext = VelocityTemplate.prototype.buildRenderContext;
  VelocityTemplate.prototype.buildRenderContext = function harnessRenderContext(...args) {
    const context = buildRenderContext.apply(this, args);
    context.ctx.env = map({ ...environment });
    context.util.autoKsuid = autoKsuid;
    // The stock parser drops the offset of "2024-01-01T10:00:00+02:00" (no fraction of a second);
    // AppSync honours it.
    context.util.time.parseISO8601ToEpochMilliSeconds = parseIso8601;
    return context;
  };
  const plainKey = (key) => (key instanceof JavaString ? key.toString() : key);
  for (const method of ['put', 'containsKey', 'remove']) {
    const stock = JavaMap.prototype[method];
    JavaMap.prototype[method] = function stringKeys(key, ...rest) {
      return stock.call(this, plainKey(key), ...rest);
    };
  }
  const render = VelocityTemplate.prototype.render;
  VelocityTemplate.prototype.render = function freshScopes(...args) {
    if (this.compiler) {
      this.compiler.conditions = [];
      this.compiler.local = {};
      this.compiler.condition = null;
    }
    return render.apply(this, args);
  };
  AppSyncUnitResolver.prototype.resolve = resolveUnit;
  AmplifySimulatorFunction.prototype.resolve = resolveFunction;
  generalUtils.error = function error(message, type = null, data = null, errorInfo = null) {
    const err = new TemplateSentError(message, type, selectedData(this.info, data), errorInfo, this.info);
    this.errors.push(err);
    throw err;
  };
  generalUtils.appendError = function appendError(message, type = null, data = null, errorInfo = null) {
    this.errors.push(new TemplateSentError(message, type, selectedData(this.info, data), errorInfo, this.info));
    return '';
  };

  simulator.removeDataLoader('AMAZON_DYNAMODB');
  simulator.addDataLoader('AMAZON_DYNAMODB', HarnessDynamoDBDataLoader);
}

// The stock AppSyncUnitResolver.resolve, with the request's stash and the error's result passed on.
async function resolveUnit(source, args, context, info) {
  const requestTemplate = this.getRequestMappingTemplate();
  const responseTemplate = this.getResponseMappingTemplate();
  const dataLoader = this.simulatorContext.getDataLoader(this.config.dataSourceName);
  const request = requestTemplate.render({ source, arguments: args }, context, info);
  context.appsyncErrors = [...context.appsyncErrors, ...request.errors];
  if (request.isReturn || request.hadException) {
    return request.result;
  }
  const payload = request.result;
  let result = null;
  let error;
  try {
    result = await dataLoader.load(payload, { source, args, context, info });
  } catch (e) {
    if (!payload || payload.version !== VERSION_2018) {
      throw e;
    }
    error = e;
    result = resultOf(e);
  }
  if (payload && payload.version !== VERSION_2018 && result === null) {
    return undefined;
  }
  const response = responseTemplate.render({ source, arguments: args, result, error, stash: request.stash }, context, info);
  context.appsyncErrors = [...context.appsyncErrors, ...response.errors];
  return response.result;
}

// The stock AmplifySimulatorFunction.resolve, with the error's result passed on.
async function resolveFunction(source, args, stash, prevResult, context, info) {
  const requestTemplate = this.getRequestMappingTemplate();
  const responseTemplate = this.getResponseMappingTemplate();
  const dataLoader = this.simulatorContext.getDataLoader(this.config.dataSourceName);
  const request = await requestTemplate.render({ source, arguments: args, stash, prevResult }, context, info);
  context.appsyncErrors = [...context.appsyncErrors, ...request.errors];
  if (request.isReturn || request.hadException) {
    return { result: request.result, stash: request.stash, args: request.args, hadException: request.hadException };
  }
  let result = null;
  let error = null;
  try {
    result = await dataLoader.load(request.result);
  } catch (e) {
    error = e;
    result = resultOf(e);
  }
  const response = await responseTemplate.render(
    { source, arguments: args, result, stash: request.stash, prevResult, error },
    context,
    info,
  );
  context.appsyncErrors = [...context.appsyncErrors, ...response.errors];
  return { stash: response.stash, result: response.result, hadException: response.hadException, args: request.args };
}

/** Error data as AppSync returns it: only the fields the query selects on the current field. */
function selectedData(info, data) {
  const isMap = data instanceof JavaMap;
  if (!isMap && (data === null || typeof data !== 'object' || Array.isArray(data))) {
    return data;
  }
  const node = (info.fieldNodes || []).find((f) => f.name.value === info.fieldName);
  if (!node || !node.selectionSet) {
    return data;
  }
  const selected = {};
  const collect = (selectionSet) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === 'Field') {
        const name = selection.name.value;
        selected[name] = isMap ? data.get(name) : data[name];
      } else if (selection.kind === 'InlineFragment') {
        collect(selection.selectionSet);
      } else if (selection.kind === 'FragmentSpread' && info.fragments[selection.name.value]) {
        collect(info.fragments[selection.name.value].selectionSet);
      }
    }
  };
  collect(node.selectionSet);
  return selected;
}

const KSUID_EPOCH_SECONDS = 1400000000;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** KSUID: 4 bytes of seconds since 2014-05-13T16:53:20Z, 16 random bytes, base62, 27 characters. */
function parseIso8601(text) {
  const millis = Date.parse(String(text));
  return Number.isNaN(millis) ? null : millis;
}

function autoKsuid() {
  const bytes = Buffer.alloc(20);
  bytes.writeUInt32BE(Math.floor(Date.now() / 1000) - KSUID_EPOCH_SECONDS, 0);
  crypto.randomFillSync(bytes, 4);
  let n = BigInt(`0x${bytes.toString('hex')}`);
  let text = '';
  while (n > 0n) {
    text = BASE62[Number(n % 62n)] + text;
    n /= 62n;
  }
  return text.padStart(27, '0');
}

module.exports = { install, autoKsuid };
