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
$util.qr($ctx.stash.put('conflictMessage', "${typename} not found"))
#set($names = {})
$util.qr($names.put("${H}t", '__typename'))
## Only an item of the type whose id is the id asked for: never another item under that key.
$util.toJson({'version': '2018-05-29', 'operation': 'DeleteItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}, 'condition': {'expression': "${H}t = :t AND id = :id", 'expressionNames': $names, 'expressionValues': {':t': $util.dynamodb.toDynamoDB($typename), ':id': $util.dynamodb.toDynamoDB($id)}}})
