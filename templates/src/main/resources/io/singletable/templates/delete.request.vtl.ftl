[#-- View: io.singletable.render.vtl.VtlViews.Operation. The UNIT delete of a type without unique fields
     (with unique fields, a delete is a pipeline: delete.before.vtl.ftl, ReadItem, DeleteItem). --]
[#import "vtl-lib.ftl" as lib]
[#assign e = view.entity]
[@lib.header view.operation + ": DeleteItem, only a " + e.typename + " whose id is the id asked for"/]
#set($prefix = '[=e.nodePrefix]')
#set($id = $ctx.args.get('id'))
#set($cid = $id)
[@lib.refuseInvalidId e.typename "id"/]
#set($pk = "${prefix}${id}")
#set($typename = '[=e.typename]')
[#if e.auth??]
## @auth: no rule allowing delete reads the item (those that do make the delete a pipeline that reads it first).
#set($authRules = [=e.auth.delete])
#set($authItem = {})
[@lib.requireAuthorized "delete this " + e.typename/]
[/#if]
[#if e.versioned]
$util.qr($ctx.stash.put('conflictMessage', "${typename} not found"))
#set($names = {})
$util.qr($names.put("${H}t", '__typename'))
## Only an item of the type whose id is the id asked for: never another item under that key.
#set($expr = "${H}t = :t AND id = :id")
#set($values = {':t': $util.dynamodb.toDynamoDB($typename), ':id': $util.dynamodb.toDynamoDB($id)})
## @model(versioned: true): with an expected version, only an item at that version (none counts as 0).
#if(!$util.isNull($ctx.args.get('expectedVersion')))
#set($expectedVersion = $ctx.args.get('expectedVersion'))
$util.qr($ctx.stash.put('expectedVersion', $expectedVersion))
$util.qr($ctx.stash.put('id', $id))
$util.qr($names.put("${H}v", 'version'))
$util.qr($values.put(':v', $util.dynamodb.toDynamoDB($expectedVersion)))
#if($expectedVersion == 0)
#set($expr = "${expr} AND (attribute_not_exists(${H}v) OR ${H}v = :v)")
#else
#set($expr = "${expr} AND ${H}v = :v")
#end
#end
$util.toJson({'version': '2018-05-29', 'operation': 'DeleteItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}, 'condition': {'expression': $expr, 'expressionNames': $names, 'expressionValues': $values}})
[#else]
$util.qr($ctx.stash.put('conflictMessage', "${typename} not found"))
#set($names = {})
$util.qr($names.put("${H}t", '__typename'))
## Only an item of the type whose id is the id asked for: never another item under that key.
$util.toJson({'version': '2018-05-29', 'operation': 'DeleteItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}, 'condition': {'expression': "${H}t = :t AND id = :id", 'expressionNames': $names, 'expressionValues': {':t': $util.dynamodb.toDynamoDB($typename), ':id': $util.dynamodb.toDynamoDB($id)}}})
[/#if]
