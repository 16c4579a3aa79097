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
// - Authentication (installAuth): the stock simulator decodes a user-pool JWT without checking its
//   signature (tests forge tokens, that is the point) but also without checking what AppSync does
//   check besides: the harness refuses a token whose issuer is not one of the API's user pools
//   (https://cognito-idp.<region>.amazonaws.com/<pool id>), whose `exp` is missing or past
//   ("Token has expired."), whose audience (`aud`, or `client_id` of an access token) does not
//   match the pool's AppIdClientRegex when it has one, or that has no `iss` (the stock code threw
//   a TypeError, answered as a 401 with its message). An IAM caller's access key id decides who it
//   is: the harness's authenticated key is a Cognito identity-pool caller with
//   $ctx.identity.cognitoIdentityAuthType "authenticated", its unauthenticated key one with
//   "unauthenticated" (both with cognitoIdentityPoolId, cognitoIdentityId, and for the
//   authenticated one cognitoIdentityAuthProvider, as AppSync reports them; the stock simulator
//   leaves these null), any other key a plain IAM principal without a Cognito identity. IAM
//   identities get `accountId`, user-pool identities `groups` (the cognito:groups claim), both of
//   which AppSync's $ctx.identity has and the stock one lacks. A SigV4 header without a
//   Credential is a 401 (the stock code failed after admitting the request).
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

function install({ env, appSync, region }) {
  if (installed) {
    throw new Error('harness patches are installed once per process');
  }
  installed = true;
  const environment = Object.freeze({ ...env });
  if (appSync) {
    installAuth(appSync, region);
  }

  const buildRenderContext = VelocityTemplate.prototype.buildRenderContext;
  VelocityTemplate.prototype.buildRenderContext = function harnessRenderContext(...args) {
    const context = buildRenderContext.apply(this, args);
    context.ctx.env = map({ ...environment });
    context.util.autoKsuid = autoKsuid;
    // The stock parser drops the offset of "2024-01-01T10:00:00+02:00" (no fraction of a second);
    // AppSync honours it.
    context.util.time.parseISO8601ToEpochMilliSeconds = parseIso8601;
    const requestContext = args[1] || {};
    const { identity } = context.ctx;
    if (identity instanceof JavaMap) {
      if (requestContext.requestAuthorizationMode === 'AWS_IAM' && requestContext.iamToken) {
        identity.put('accountId', requestContext.iamToken.accountId);
      } else if (requestContext.requestAuthorizationMode === 'AMAZON_COGNITO_USER_POOLS') {
        const groups = (requestContext.jwt || {})['cognito:groups'];
        identity.put('groups', map(groups === undefined ? null : groups));
      }
    }
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

const USER_POOLS = 'AMAZON_COGNITO_USER_POOLS';
const IAM = 'AWS_IAM';
const INVALID_JWT = 'UnauthorizedException: Invalid JWT token';

/** Checks of user-pool tokens and IAM identities, as AppSync makes them (see the top of this file). */
function installAuth(appSync, region) {
  const currentAuthMode = lib('utils/auth-helpers/current-auth-mode', 'getAuthorizationMode');
  const helpers = lib('utils/auth-helpers/helpers', 'extractIamToken', 'extractJwtToken', 'extractHeader');
  const stockMode = currentAuthMode.getAuthorizationMode;
  const providers = [appSync.defaultAuthenticationType, ...appSync.additionalAuthenticationProviders];
  const pools = providers.filter((p) => p.authenticationType === USER_POOLS).map((p) => p.cognitoUserPoolConfig);
  const withoutSlash = (text) => String(text).replace(/\/$/, '');
  currentAuthMode.getAuthorizationMode = function harnessAuthorizationMode(headers, config) {
    let mode;
    try {
      mode = stockMode(headers, config);
    } catch (e) {
      throw String(e.message).startsWith('UnauthorizedException') ? e : new Error(INVALID_JWT);
    }
    const authorization = helpers.extractHeader(headers, 'Authorization');
    if (mode === USER_POOLS) {
      const token = helpers.extractJwtToken(authorization) || {};
      const pool = pools.find((p) => typeof token.iss === 'string' && withoutSlash(token.iss) === withoutSlash(p.Issuer));
      if (!pool) {
        throw new Error(INVALID_JWT);
      }
      if (typeof token.exp !== 'number') {
        throw new Error(INVALID_JWT);
      }
      if (token.exp * 1000 <= Date.now()) {
        throw new Error('UnauthorizedException: Token has expired.');
      }
      if (pool.AppIdClientRegex !== undefined) {
        const audience = token.token_use === 'access' ? token.client_id : token.aud;
        if (typeof audience !== 'string' || !new RegExp(`^(?:${pool.AppIdClientRegex})$`).test(audience)) {
          throw new Error(INVALID_JWT);
        }
      }
    } else if (mode === IAM && !accessKeyIdOf(authorization)) {
      throw new Error('UnauthorizedException: Missing Credential in the SigV4 Authorization header');
    }
    return mode;
  };
  const account = appSync.accountId;
  const pool = pools[0] ? `cognito-idp.${pools[0].AwsRegion}.amazonaws.com/${pools[0].UserPoolId}` : null;
  const identityPoolId = `${region}:00000000-0000-4000-8000-0000000000aa`;
  helpers.extractIamToken = function harnessIamToken(authorization) {
    const accessKeyId = accessKeyIdOf(authorization);
    if (!accessKeyId) {
      throw new Error('missing accessKeyId');
    }
    if (accessKeyId === appSync.authAccessKeyId) {
      return {
        accountId: account,
        userArn: `arn:aws:sts::${account}:assumed-role/harness-authRole/CognitoIdentityCredentials`,
        username: 'AROAHARNESSAUTHROLE0000:CognitoIdentityCredentials',
        cognitoIdentityPoolId: identityPoolId,
        cognitoIdentityId: `${region}:00000000-0000-4000-8000-000000000001`,
        cognitoIdentityAuthType: 'authenticated',
        cognitoIdentityAuthProvider: pool
          ? `"${pool}","${pool}:CognitoSignIn:00000000-0000-4000-8000-000000000001"`
          : null,
      };
    }
    if (accessKeyId === appSync.unauthAccessKeyId) {
      return {
        accountId: account,
        userArn: `arn:aws:sts::${account}:assumed-role/harness-unauthRole/CognitoIdentityCredentials`,
        username: 'AROAHARNESSUNAUTHROLE0:CognitoIdentityCredentials',
        cognitoIdentityPoolId: identityPoolId,
        cognitoIdentityId: `${region}:00000000-0000-4000-8000-000000000002`,
        cognitoIdentityAuthType: 'unauthenticated',
        cognitoIdentityAuthProvider: null,
      };
    }
    return {
      accountId: account,
      userArn: `arn:aws:iam::${account}:user/harness`,
      username: 'AIDAHARNESSIAMUSER000',
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      cognitoIdentityAuthType: null,
      cognitoIdentityAuthProvider: null,
    };
  };
}

/** The access key id of a SigV4 Authorization header (`... Credential=<id>/<date>/...`), or undefined. */
function accessKeyIdOf(authorization) {
  const match = /Credential=([^/,\s]+)\//.exec(String(authorization || ''));
  return match ? match[1] : undefined;
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
