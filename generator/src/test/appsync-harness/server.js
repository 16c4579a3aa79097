#!/usr/bin/env node
// Serves a generated singletable backend over HTTP with the AppSync simulator, against DynamoDB.
//
//   node server.js --output-dir DIR --dynamodb-endpoint URL --table NAME [--port 0] [--api-key KEY]
//                  [--region us-east-1] [--stack-name singletable-harness] [--exit-on-stdin-close]
//                  [--user-pool-id us-east-1_TEST] [--iam-authenticated-key-id ID]
//                  [--iam-unauthenticated-key-id ID]
//
// DIR holds template.yaml and the files it names (schema, VTL templates, nested stacks), and for a
// split backend the further top-level stacks stacks/group-*.yaml, deployed after template.yaml in
// name order (see lib/template.js); --stack-name is the root stack's name (AWS::StackName, the
// RootStackName given to the group stacks). Listens on 127.0.0.1 only; port 0 picks a free port.
// Authentication as the template's GraphQLApi says (AuthenticationType,
// AdditionalAuthenticationProviders): API_KEY accepts --api-key in x-api-key; a user pool is
// --user-pool-id (the value of the template's UserPoolId parameter) in --region, its tokens are
// decoded, not verified; AWS_IAM callers are identity-pool callers, authenticated or not, when
// their SigV4 Credential is one of the two key ids, else plain IAM principals (lib/patches.js).
// When ready it prints one JSON line on stdout:
//   {"event":"ready","port":N,"url":"http://127.0.0.1:N/graphql",
//    "realtimeUrl":"ws://127.0.0.1:M/graphql/realtime","subscriptions":S,"apiKey":"…","resolvers":R,
//    "stacks":[{"name":…,"template":"template.yaml","parent":null,"resolvers":n},…],
//    "authentication":{"default":"API_KEY","additional":["AWS_IAM",…],
//                      "userPools":["https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TEST"]},
//    "millis":{"load":…,"init":…,"total":…}}
// (apiKey is null when API_KEY is not a provider of the API)
// (stacks in deployment order, each top-level stack followed by its nested stacks; millis: reading
// the templates, the simulator's init, the whole start-up) and nothing else there (all logging
// goes to stderr). Routes besides the simulator's:
//   GET  /__harness/counts        DynamoDB requests made by resolvers, per operation, e.g. {"GetItem":1}
//   POST /__harness/counts/reset  sets them to zero
//   GET  /__harness/health        "ok"
// Subscriptions: AppSync's real-time protocol at realtimeUrl (a port of its own, see lib/subscriptions.js);
// S is the number of Subscription fields.
// With --exit-on-stdin-close it exits when its stdin closes, so it never outlives a parent that
// holds the other end of that pipe (the Java harness), even one that was killed.
'use strict';

const http = require('http');
const util = require('util');

for (const level of ['log', 'info', 'warn', 'debug']) {
  // eslint-disable-next-line no-console
  console[level] = (...args) => process.stderr.write(`${util.format(...args)}\n`);
}

function parseArgs(argv) {
  const options = {
    port: '0',
    region: 'us-east-1',
    apiKey: 'da2-singletableharness0000000',
    userPoolId: 'us-east-1_TEST',
    iamAuthenticatedKeyId: 'ASIAHARNESSAUTHENTICATED',
    iamUnauthenticatedKeyId: 'ASIAHARNESSUNAUTHENTICATED',
    exitOnStdinClose: false,
  };
  const names = {
    '--output-dir': 'outputDir',
    '--dynamodb-endpoint': 'dynamoEndpoint',
    '--table': 'tableName',
    '--port': 'port',
    '--api-key': 'apiKey',
    '--region': 'region',
    '--stack-name': 'stackName',
    '--user-pool-id': 'userPoolId',
    '--iam-authenticated-key-id': 'iamAuthenticatedKeyId',
    '--iam-unauthenticated-key-id': 'iamUnauthenticatedKeyId',
  };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--exit-on-stdin-close') {
      options.exitOnStdinClose = true;
    } else if (names[argv[i]] && i + 1 < argv.length) {
      options[names[argv[i]]] = argv[i + 1];
      i += 1;
    } else {
      throw new Error(`unknown or incomplete argument ${argv[i]}`);
    }
  }
  for (const required of ['outputDir', 'dynamoEndpoint', 'tableName']) {
    if (!options[required]) {
      throw new Error(`missing --${required.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    }
  }
  options.port = Number(options.port);
  return options;
}

function harnessRoutes(counters) {
  return (request, response) => {
    const send = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET' && request.url === '/__harness/counts') {
      return send(200, counters.requestCounts());
    }
    if (request.method === 'POST' && request.url === '/__harness/counts/reset') {
      counters.resetCounts();
      return send(200, counters.requestCounts());
    }
    if (request.method === 'GET' && request.url === '/__harness/health') {
      return send(200, 'ok');
    }
    return send(404, { message: `no harness route ${request.method} ${request.url}` });
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.exitOnStdinClose) {
    process.stdin.on('end', () => process.exit(0));
    process.stdin.on('error', () => process.exit(0));
    process.stdin.resume();
  }
  const started = Date.now();
  // The backend first: a broken template fails before the simulator's modules load (~1 s).
  const { config, env, stacks } = require('./lib/template').loadBackend(options);
  const loaded = Date.now();
  const patches = require('./lib/patches');
  const counters = require('./lib/dynamodb-loader');
  const { simulator: simulatorModule, version } = require('./lib/simulator-modules');
  patches.install({ env, appSync: config.appSync, region: options.region });
  const subscriptions = require('./lib/subscriptions');
  subscriptions.installVtl();
  const simulator = new simulatorModule.AmplifyAppSyncSimulator({ port: options.port, wsPort: options.port });
  const initStarted = Date.now();
  simulator.init(config);
  const subscriptionFields = subscriptions.installFilters(simulator.schema);
  subscriptions.installSelection(simulator);
  const initMillis = Date.now() - initStarted;
  // The simulator's own start() listens on every interface and picks ports from 8900 up; its
  // express app (private field, checked) is served here on loopback only instead.
  const app = simulator._server && simulator._server._operationServer && simulator._server._operationServer.app;
  if (typeof app !== 'function') {
    throw new Error(`amplify-appsync-simulator ${version}: no operation server app; the harness does not support this version`);
  }
  const harness = harnessRoutes(counters);
  const server = http.createServer((request, response) => (request.url.startsWith('/__harness/') ? harness(request, response) : app(request, response)));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  // The real-time endpoint on a server of its own: on the GraphQL server, its upgrade handler would also receive
  // every request asking for another protocol (Java's HttpClient asks for h2c) and refuse it.
  const realtimeServer = http.createServer((request, response) => {
    response.writeHead(404);
    response.end();
  });
  await new Promise((resolve, reject) => {
    realtimeServer.once('error', reject);
    realtimeServer.listen(0, '127.0.0.1', resolve);
  });
  subscriptions.attach(simulator, realtimeServer);
  const realtimePort = realtimeServer.address().port;
  const { port } = server.address();
  const stop = () => {
    realtimeServer.close();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const millis = { load: loaded - started, init: initMillis, total: Date.now() - started };
  const { defaultAuthenticationType, additionalAuthenticationProviders } = config.appSync;
  const providers = [defaultAuthenticationType, ...additionalAuthenticationProviders];
  const authentication = {
    default: defaultAuthenticationType.authenticationType,
    additional: additionalAuthenticationProviders.map((p) => p.authenticationType),
    userPools: providers.filter((p) => p.cognitoUserPoolConfig).map((p) => p.cognitoUserPoolConfig.Issuer),
  };
  const apiKey = providers.some((p) => p.authenticationType === 'API_KEY') ? options.apiKey : null;
  console.error(`[appsync-harness] simulator ${version} serving ${options.outputDir} on 127.0.0.1:${port}, table ${options.tableName}:`
    + ` ${config.resolvers.length} resolvers, ${config.functions.length} functions in ${stacks.length} stack(s)`
    + ` (${millis.total} ms: templates ${millis.load} ms, simulator init ${millis.init} ms),`
    + ` authentication ${[authentication.default, ...authentication.additional].join(', ')}`);
  const ready = {
    event: 'ready', port, url: `http://127.0.0.1:${port}/graphql`, realtimeUrl: `ws://127.0.0.1:${realtimePort}/graphql/realtime`,
    subscriptions: subscriptionFields, apiKey, resolvers: config.resolvers.length, stacks, authentication, millis,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}

process.on('unhandledRejection', (reason) => console.error('[appsync-harness] unhandled rejection', reason));

main().catch((e) => {
  const { TemplateError } = require('./lib/template');
  console.error(`[appsync-harness] failed to start: ${e instanceof TemplateError || !e.stack ? e.message || e : e.stack}`);
  process.exit(1);
});
