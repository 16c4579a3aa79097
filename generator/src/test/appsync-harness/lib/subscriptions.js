'use strict';
// Subscriptions over the simulator's real-time endpoint, with what the stock simulator lacks compared with AppSync
// (filled here, never in the generated templates):
// - The endpoint itself: the simulator's AppSync real-time WebSocket server (protocol graphql-ws: connection_init,
//   start with the query and the authorization headers, start_ack, data, stop) is attached to the harness's own
//   HTTP server at /graphql/realtime (the stock start() would listen on every interface).
// - $extensions.setSubscriptionFilter and $util.transform.toSubscriptionFilter: the stock VTL context has neither
//   (the call was printed as text). The filter a subscription resolver sets is kept with the subscriber.
// - Filtering: the stock simulator sends every mutation result to every subscriber of the field (its argument
//   filter is called without the arguments). Here a subscriber gets a result only when the enhanced filter its
//   resolver set matches it, or, without one, when every argument given equals the result's field of that name
//   (AppSync's basic filtering).
// - IAM subscribers: the stock real-time server leaves the caller's IAM identity out of the request context (a
//   template reading $ctx.identity failed); it is added as for HTTP requests.
// - What subscribers see of a mutation: the fields the mutation selected, as in AppSync (filters are matched
//   against them, and a field a subscriber selects but the mutation did not is null); the stock simulator
//   published the resolver's whole result.
// Differences with AppSync that remain: AppSync's quotas on filters are not checked; nested objects of a mutation's
// selection (relations) are not published (the simulator publishes the mutation resolver's result).
const { AsyncLocalStorage } = require('async_hooks');
const { lib } = require('./simulator-modules');

const { VelocityTemplate } = lib('velocity', 'VelocityTemplate');
const { AppSyncSimulatorSubscriptionServer } = lib('server/websocket-subscription', 'AppSyncSimulatorSubscriptionServer');

const FILTER = Symbol('subscriptionFilter');

/** A velocity value (JavaMap, JavaArray, JavaString, …) as plain JSON data. */
function plain(value) {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value.toJSON === 'function') {
    return plain(value.toJSON());
  }
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  if (typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = plain(v);
    }
    return out;
  }
  return value;
}

/** $extensions and $util.transform.toSubscriptionFilter in every template's context; IAM subscribers' identity. */
function installVtl() {
  const runner = lib('utils/graphql-runner/subscriptions', 'runSubscription');
  const helpers = lib('utils/auth-helpers/helpers', 'extractIamToken', 'extractHeader');
  const runSubscription = runner.runSubscription;
  runner.runSubscription = function withIamIdentity(schema, document, variables, operationName, context) {
    if (context && context.requestAuthorizationMode === 'AWS_IAM' && !context.iamToken) {
      context.iamToken = helpers.extractIamToken(helpers.extractHeader(context.headers, 'Authorization'));
    }
    return runSubscription(schema, document, variables, operationName, context);
  };
  const buildRenderContext = VelocityTemplate.prototype.buildRenderContext;
  VelocityTemplate.prototype.buildRenderContext = function subscriptionRenderContext(...args) {
    const context = buildRenderContext.apply(this, args);
    const requestContext = args[1] || {};
    context.util.transform.toSubscriptionFilter = (filter) => ({ [FILTER]: plain(filter) });
    context.extensions = {
      setSubscriptionFilter(filter) {
        if (!filter || !filter[FILTER]) {
          throw new Error('setSubscriptionFilter takes what $util.transform.toSubscriptionFilter returns');
        }
        requestContext.subscriptionFilter = filter[FILTER];
        return '';
      },
      invalidateSubscriptions() {
        return '';
      },
    };
    return context;
  };
}

function fieldValue(item, path) {
  let v = item;
  for (const part of String(path).split('.')) {
    if (v === null || v === undefined || typeof v !== 'object') {
      return undefined;
    }
    v = v[part];
  }
  return v;
}

function same(a, b) {
  if (typeof a === 'number' || typeof b === 'number') {
    return a !== null && b !== null && a !== undefined && b !== undefined && Number(a) === Number(b);
  }
  return a === b;
}

/** One operator of AppSync's enhanced filters on a field's value. */
function test(op, actual, expected) {
  switch (op) {
    case 'eq': return same(actual, expected);
    case 'ne': return !same(actual, expected);
    case 'in': return Array.isArray(expected) && expected.some((e) => same(actual, e));
    case 'notIn': return Array.isArray(expected) && !expected.some((e) => same(actual, e));
    case 'contains':
      return Array.isArray(actual) ? actual.some((a) => same(a, expected))
        : typeof actual === 'string' && actual.includes(expected);
    case 'notContains':
      return Array.isArray(actual) ? !actual.some((a) => same(a, expected))
        : typeof actual === 'string' && !actual.includes(expected);
    case 'containsAny':
      return Array.isArray(actual) && Array.isArray(expected) && actual.some((a) => expected.some((e) => same(a, e)));
    case 'beginsWith': return typeof actual === 'string' && actual.startsWith(expected);
    case 'gt': return actual !== null && actual !== undefined && actual > expected;
    case 'ge': return actual !== null && actual !== undefined && actual >= expected;
    case 'lt': return actual !== null && actual !== undefined && actual < expected;
    case 'le': return actual !== null && actual !== undefined && actual <= expected;
    case 'between': return Array.isArray(expected) && actual >= expected[0] && actual <= expected[1];
    case 'attributeExists': return (actual !== undefined && actual !== null) === Boolean(expected);
    default: throw new Error(`unknown subscription filter operator ${op}`);
  }
}

/** Whether the mutation result `item` matches a filter of toSubscriptionFilter's input form. */
function matches(filter, item) {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === 'and') {
      return condition.every((f) => matches(f, item));
    }
    if (key === 'or') {
      return condition.some((f) => matches(f, item));
    }
    const actual = fieldValue(item, key);
    return Object.entries(condition).every(([op, expected]) => test(op, actual, expected));
  });
}

/** AppSync's basic filtering: every argument given equals the result's field of that name. */
function matchesArguments(args, item) {
  return Object.entries(args || {}).every(([name, value]) => value === null || value === undefined
    || same(fieldValue(item, name), value));
}

/** An async iterator of `source` skipping the values `keep` refuses. */
function filtered(source, keep) {
  return {
    async next() {
      for (;;) {
        const r = await source.next();
        if (r.done || keep(r.value)) {
          return r;
        }
      }
    },
    return(value) {
      return source.return ? source.return(value) : Promise.resolve({ value, done: true });
    },
    throw(e) {
      return source.throw ? source.throw(e) : Promise.reject(e);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Filters every Subscription field's events by its subscriber's filter; returns how many fields there are. */
function installFilters(schema) {
  const type = schema.getSubscriptionType();
  if (!type) {
    return 0;
  }
  const fields = Object.values(type.getFields());
  for (const field of fields) {
    const subscribe = field.subscribe;
    field.subscribe = (source, args, context, info) => {
      const events = subscribe(source, args, context, info);
      const filter = context && context.subscriptionFilter;
      const keep = filter ? (item) => item !== null && item !== undefined && matches(filter, item)
        : (item) => item !== null && item !== undefined && matchesArguments(args, item);
      return filtered(events, keep);
    };
  }
  return fields.length;
}

/** The names (not aliases) of the fields `selectionSet` selects, fragments included. */
function selectedFields(selectionSet, fragments, out = new Map()) {
  for (const selection of selectionSet.selections) {
    if (selection.kind === 'Field') {
      const name = selection.name.value;
      const earlier = out.get(name);
      out.set(name, selection.selectionSet ? [...(earlier || []), selection.selectionSet] : earlier || []);
    } else if (selection.kind === 'InlineFragment') {
      selectedFields(selection.selectionSet, fragments, out);
    } else if (selection.kind === 'FragmentSpread' && fragments[selection.name.value]) {
      selectedFields(fragments[selection.name.value].selectionSet, fragments, out);
    }
  }
  return out;
}

/** `value` cut down to what `selectionSets` select. */
function cut(value, selectionSets, fragments) {
  if (Array.isArray(value)) {
    return value.map((v) => cut(v, selectionSets, fragments));
  }
  if (value === null || typeof value !== 'object' || !selectionSets.length) {
    return value;
  }
  const fields = new Map();
  selectionSets.forEach((set) => selectedFields(set, fragments, fields));
  const out = {};
  for (const [name, nested] of fields) {
    if (Object.prototype.hasOwnProperty.call(value, name)) {
      out[name] = nested.length ? cut(value[name], nested, fragments) : value[name];
    }
  }
  return out;
}

/** Mutation results are published cut down to the fields the mutation selected, as AppSync publishes them. */
function installSelection(simulator) {
  const mutation = simulator.schema.getMutationType();
  if (!mutation) {
    return;
  }
  const current = new AsyncLocalStorage();
  for (const field of Object.values(mutation.getFields())) {
    const resolve = field.resolve;
    if (resolve) {
      field.resolve = (parent, args, context, info) => current.run(info, () => resolve(parent, args, context, info));
    }
  }
  const { pubsub } = simulator;
  const publish = pubsub.publish.bind(pubsub);
  pubsub.publish = (trigger, payload) => {
    const info = current.getStore();
    const node = info && (info.fieldNodes || [])[0];
    return publish(trigger, node && node.selectionSet ? cut(payload, [node.selectionSet], info.fragments || {}) : payload);
  };
}

/** The real-time endpoint on `server` (the harness's HTTP server), for `simulator` (initialised). */
function attach(simulator, server) {
  const realtime = new AppSyncSimulatorSubscriptionServer(simulator, server);
  realtime.start();
  return realtime;
}

module.exports = { installVtl, installFilters, installSelection, attach, matches };
