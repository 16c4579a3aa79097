'use strict';
// The AMAZON_DYNAMODB data loader of the harness. It extends the simulator's stock loader, which
// implements GetItem, Query and Scan as AppSync does, and replaces or adds what the stock one
// lacks or gets wrong, following the AppSync resolver mapping template reference for DynamoDB
// (docs.aws.amazon.com/appsync/latest/devguide/resolver-mapping-template-reference-dynamodb.html):
//
// - PutItem returns the item written (the stock one issues a second, consistent GetItem).
// - DeleteItem of a missing item succeeds with a null result (the stock one throws).
// - A failed condition of PutItem, UpdateItem or DeleteItem is handled as "Handling a condition
//   check failure" describes: AppSync reads the current item (strongly consistent unless
//   condition.consistentRead is false); a PutItem whose current item equals the item it tried to
//   write (except condition.equalsIgnore) and a DeleteItem whose item is gone succeed; otherwise the
//   Reject strategy: $ctx.error is DynamoDB:ConditionalCheckFailedException and $ctx.result holds
//   the current item. The Custom (Lambda) strategy is not supported.
// - TransactWriteItems, TransactGetItems and BatchGetItem (version 2018-05-29 only), with the
//   result shapes of their reference pages: {keys, cancellationReasons}, {items,
//   cancellationReasons}, {data, unprocessedKeys} (items per table in the order of the requested
//   keys, null where not found). On TransactionCanceledException real AppSync sets $ctx.error AND
//   puts {keys|items: null, cancellationReasons: [{type, message, item?}]} in $ctx.result, one
//   reason per request item in order, "None"/"None" for the items that did not fail, `item` the
//   current item when returnValuesOnConditionCheckFailure is not false. The simulator only knows
//   $ctx.error; the result travels on the error (see resultOf) to the patched resolvers.
//   `type` is DynamoDB's cancellation code (e.g. ConditionalCheckFailed; the reference's example
//   spells it ConditionCheckFailed), so templates should test `type != "None"`.
// - Error messages carry the " (Service: DynamoDb, Status Code: 400, Request ID: …)" suffix real
//   AppSync shows, and the type DynamoDB:<ExceptionName>.
//
// Every request this loader sends to DynamoDB is counted per API operation (GetItem, Query,
// TransactWriteItems, …), including the GetItem of a failed condition, since AppSync makes it too.
const { lib, clientDynamodb: ddb, utilDynamodb } = require('./simulator-modules');

const { DynamoDBDataLoader } = lib('data-loader/dynamo-db', 'DynamoDBDataLoader');
const dynamoUtils = lib('data-loader/dynamo-db/utils', 'unmarshall');

const counts = new Map();

function requestCounts() {
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

function resetCounts() {
  counts.clear();
}

// The stock unmarshall turns string/number sets into {} (it expects the v2 SDK's wrapper);
// AppSync gives them to templates as lists. Patched on the module so the stock operations use it.
dynamoUtils.unmarshall = function unmarshall(raw, isRaw = true) {
  return toPlain(isRaw ? utilDynamodb.unmarshall(raw) : raw);
};
const unmarshall = (raw) => dynamoUtils.unmarshall(raw);

function toPlain(value) {
  if (value instanceof Set) {
    return [...value].map(toPlain);
  }
  if (Array.isArray(value)) {
    return value.map(toPlain);
  }
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

const RESULT = Symbol('appsyncResult');

/** The $ctx.result that real AppSync gives the response template along with this error, if any. */
function resultOf(error) {
  return error && Object.prototype.hasOwnProperty.call(error, RESULT) ? error[RESULT] : null;
}

function withResult(error, result) {
  Object.defineProperty(error, RESULT, { value: result, enumerable: false });
  return error;
}

/** An error as AppSync reports it: message with the service suffix, type DynamoDB:<name>. */
function appSyncError(e) {
  if (!e || e.harnessError || !e.$metadata) {
    return e;
  }
  const status = e.$metadata.httpStatusCode || 400;
  const requestId = e.$metadata.requestId || 'harness';
  const err = new Error(`${e.message} (Service: DynamoDb, Status Code: ${status}, Request ID: ${requestId})`);
  err.type = `DynamoDB:${e.name}`;
  // Only read when a 2017-02-28 template lets the error escape: the simulator then shows just these.
  err.extensions = { message: err.message, errorType: err.type };
  err.harnessError = true;
  Object.defineProperty(err, 'harnessError', { enumerable: false });
  if (Object.prototype.hasOwnProperty.call(e, RESULT)) {
    withResult(err, e[RESULT]);
  }
  return err;
}

function templateError(message) {
  const err = new Error(message);
  err.type = 'MappingTemplate';
  err.extensions = { message, errorType: err.type };
  Object.defineProperty(err, 'harnessError', { value: true, enumerable: false });
  return err;
}

const nonEmpty = (obj) => (obj && Object.keys(obj).length > 0 ? obj : undefined);

function conditionParams(condition) {
  if (!condition || !condition.expression) {
    return {};
  }
  return {
    ConditionExpression: condition.expression,
    ExpressionAttributeNames: nonEmpty(condition.expressionNames),
    ExpressionAttributeValues: nonEmpty(condition.expressionValues),
  };
}

function projectionParams(projection) {
  if (!projection || !projection.expression) {
    return {};
  }
  return { ProjectionExpression: projection.expression, ExpressionAttributeNames: nonEmpty(projection.expressionNames) };
}

function updateParams(update = {}, condition = {}) {
  return {
    UpdateExpression: update.expression,
    ConditionExpression: condition.expression || undefined,
    ExpressionAttributeNames: nonEmpty({ ...(condition.expressionNames || {}), ...(update.expressionNames || {}) }),
    ExpressionAttributeValues: nonEmpty({ ...(condition.expressionValues || {}), ...(update.expressionValues || {}) }),
  };
}

/** Order-insensitive text of a plain value, for comparing items. */
function canonical(value) {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  if (value instanceof Uint8Array) {
    return JSON.stringify(Buffer.from(value).toString('base64'));
  }
  return JSON.stringify(value);
}

function withoutAttributes(item, names) {
  const copy = { ...item };
  names.forEach((n) => delete copy[n]);
  return copy;
}

const isConditionFailure = (e) => e && e.name === 'ConditionalCheckFailedException';

function requireVersion(payload) {
  if (payload.version !== '2018-05-29') {
    throw templateError(`${payload.operation} supports only version 2018-05-29, got ${JSON.stringify(payload.version)}`);
  }
}

function cancellationReasons(error) {
  if (!error || error.name !== 'TransactionCanceledException' || !Array.isArray(error.CancellationReasons)) {
    return null;
  }
  return error.CancellationReasons.map((r) => {
    const reason = { type: r.Code || 'None', message: r.Message || 'None' };
    if (r.Item) {
      reason.item = unmarshall(r.Item);
    }
    return reason;
  });
}

class HarnessDynamoDBDataLoader extends DynamoDBDataLoader {
  constructor(config) {
    super(config);
    const send = this.client.send.bind(this.client);
    this.client.send = (command, ...rest) => {
      const operation = command.constructor.name.replace(/Command$/, '');
      counts.set(operation, (counts.get(operation) || 0) + 1);
      return send(command, ...rest);
    };
  }

  async load(payload, extra) {
    try {
      switch (payload && payload.operation) {
        case 'PutItem':
          return await this.putItemAsAppSync(payload);
        case 'UpdateItem':
          return await this.updateItemAsAppSync(payload);
        case 'DeleteItem':
          return await this.deleteItemAsAppSync(payload);
        case 'TransactWriteItems':
          return await this.transactWriteItems(payload);
        case 'TransactGetItems':
          return await this.transactGetItems(payload);
        case 'BatchGetItem':
          return await this.batchGetItem(payload);
        default:
          return await super.load(payload, extra);
      }
    } catch (e) {
      throw appSyncError(e);
    }
  }

  async putItemAsAppSync(payload) {
    const item = { ...(payload.attributeValues || {}), ...payload.key };
    try {
      await this.client.send(new ddb.PutItemCommand({ TableName: this.tableName, Item: item, ...conditionParams(payload.condition) }));
    } catch (e) {
      if (isConditionFailure(e)) {
        return this.onConditionFailure(payload, e, item);
      }
      throw e;
    }
    return unmarshall(item);
  }

  async updateItemAsAppSync(payload) {
    let output;
    try {
      output = await this.client.send(new ddb.UpdateItemCommand({
        TableName: this.tableName,
        Key: payload.key,
        ReturnValues: 'ALL_NEW',
        ...updateParams(payload.update, payload.condition),
      }));
    } catch (e) {
      if (isConditionFailure(e)) {
        return this.onConditionFailure(payload, e);
      }
      throw e;
    }
    return output.Attributes ? unmarshall(output.Attributes) : null;
  }

  async deleteItemAsAppSync(payload) {
    let output;
    try {
      output = await this.client.send(new ddb.DeleteItemCommand({
        TableName: this.tableName,
        Key: payload.key,
        ReturnValues: 'ALL_OLD',
        ...conditionParams(payload.condition),
      }));
    } catch (e) {
      if (isConditionFailure(e)) {
        return this.onConditionFailure(payload, e);
      }
      throw e;
    }
    return output.Attributes ? unmarshall(output.Attributes) : null;
  }

  async onConditionFailure(payload, error, attemptedItem) {
    const condition = payload.condition || {};
    const handler = condition.conditionalCheckFailedHandler;
    if (handler && handler.strategy && handler.strategy !== 'Reject') {
      throw templateError(`conditionalCheckFailedHandler strategy ${handler.strategy} is not supported by the harness`);
    }
    const { Item: current } = await this.client.send(new ddb.GetItemCommand({
      TableName: this.tableName,
      Key: payload.key,
      ConsistentRead: condition.consistentRead !== false,
    }));
    if (payload.operation === 'DeleteItem' && !current) {
      return null;
    }
    if (payload.operation === 'PutItem' && current) {
      const ignore = condition.equalsIgnore || [];
      const same = canonical(withoutAttributes(unmarshall(current), ignore)) === canonical(withoutAttributes(unmarshall(attemptedItem), ignore));
      if (same) {
        return unmarshall(current);
      }
    }
    throw withResult(appSyncError(error), current ? unmarshall(current) : null);
  }

  async transactWriteItems(payload) {
    requireVersion(payload);
    const items = payload.transactItems;
    if (!Array.isArray(items) || items.length === 0) {
      throw templateError('TransactWriteItems needs at least one item in transactItems');
    }
    try {
      await this.client.send(new ddb.TransactWriteItemsCommand({ TransactItems: items.map(toTransactWriteItem) }));
    } catch (e) {
      throw withResult(e, { keys: null, cancellationReasons: cancellationReasons(e) });
    }
    return { keys: items.map((i) => unmarshall(i.key)), cancellationReasons: null };
  }

  async transactGetItems(payload) {
    requireVersion(payload);
    const items = payload.transactItems;
    if (!Array.isArray(items) || items.length === 0) {
      throw templateError('TransactGetItems needs at least one item in transactItems');
    }
    let output;
    try {
      output = await this.client.send(new ddb.TransactGetItemsCommand({
        TransactItems: items.map((i) => ({ Get: { TableName: requireTable(i), Key: i.key, ...projectionParams(i.projection) } })),
      }));
    } catch (e) {
      throw withResult(e, { items: null, cancellationReasons: cancellationReasons(e) });
    }
    const responses = output.Responses || [];
    return { items: items.map((_, n) => (responses[n] && responses[n].Item ? unmarshall(responses[n].Item) : null)), cancellationReasons: null };
  }

  async batchGetItem(payload) {
    requireVersion(payload);
    const tables = payload.tables;
    if (!tables || typeof tables !== 'object' || Object.keys(tables).length === 0) {
      throw templateError('BatchGetItem needs at least one table in tables');
    }
    const requestItems = {};
    for (const [table, spec] of Object.entries(tables)) {
      requestItems[table] = { Keys: spec.keys, ConsistentRead: spec.consistentRead === true, ...projectionParams(spec.projection) };
    }
    let output;
    try {
      output = await this.client.send(new ddb.BatchGetItemCommand({ RequestItems: requestItems }));
    } catch (e) {
      throw withResult(e, { data: null, unprocessedKeys: null });
    }
    const data = {};
    const unprocessedKeys = {};
    for (const [table, spec] of Object.entries(tables)) {
      const keys = spec.keys || [];
      // Matched on the key attributes: a projection without them leaves every entry null here.
      const keyNames = keys.length ? Object.keys(keys[0]).sort() : [];
      const keyText = (item) => canonical(keyNames.map((n) => unmarshall({ v: item[n] }).v));
      const found = new Map(((output.Responses || {})[table] || []).map((item) => [keyText(item), item]));
      data[table] = keys.map((k) => (found.has(keyText(k)) ? unmarshall(found.get(keyText(k))) : null));
      const unprocessed = (output.UnprocessedKeys || {})[table];
      unprocessedKeys[table] = (unprocessed && unprocessed.Keys ? unprocessed.Keys : []).map(unmarshall);
    }
    return { data, unprocessedKeys };
  }
}

function requireTable(item) {
  if (!item || !item.table) {
    throw templateError('every item of a transaction needs its table name in "table"');
  }
  return item.table;
}

function toTransactWriteItem(item) {
  const TableName = requireTable(item);
  const condition = item.condition && item.condition.expression
    ? {
      ...conditionParams(item.condition),
      ReturnValuesOnConditionCheckFailure: item.condition.returnValuesOnConditionCheckFailure === false ? 'NONE' : 'ALL_OLD',
    }
    : {};
  switch (item.operation) {
    case 'PutItem':
      return { Put: { TableName, Item: { ...(item.attributeValues || {}), ...item.key }, ...condition } };
    case 'UpdateItem':
      return {
        Update: {
          TableName,
          Key: item.key,
          ...updateParams(item.update, item.condition),
          ...(condition.ReturnValuesOnConditionCheckFailure ? { ReturnValuesOnConditionCheckFailure: condition.ReturnValuesOnConditionCheckFailure } : {}),
        },
      };
    case 'DeleteItem':
      return { Delete: { TableName, Key: item.key, ...condition } };
    case 'ConditionCheck':
      if (!condition.ConditionExpression) {
        throw templateError('a ConditionCheck item needs a condition');
      }
      return { ConditionCheck: { TableName, Key: item.key, ...condition } };
    default:
      throw templateError(`unsupported transactItems operation ${JSON.stringify(item.operation)}`);
  }
}

module.exports = { HarnessDynamoDBDataLoader, requestCounts, resetCounts, resultOf };
