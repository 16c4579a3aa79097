[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[#assign e = view.entity]
[#if e.uniques?has_content]
[@lib.header view.operation + ", step 2: TransactWriteItems deleting the node and its unique items"/]
#set($item = $ctx.prev.result)
#set($id = $item.get('id'))
#set($prefix = '[=e.nodePrefix]')
#set($pk = "${prefix}${id}")
#set($table = $ctx.env.TABLE_NAME)
#set($names = {})
$util.qr($names.put("${H}t", '__typename'))
#set($values = {':t': $util.dynamodb.toDynamoDB('[=e.typename]')})
#set($expr = "${H}t = :t")
#set($i = 0)
#foreach($field in [[#list e.uniques as u]'[=u.field]'[#sep], [/#sep][/#list]])
#set($i = $i + 1)
$util.qr($names.put("${H}u${i}", $field))
#if(!$util.isNull($item.get($field)))
#set($expr = "${expr} AND ${H}u${i} = :u${i}")
$util.qr($values.put(":u${i}", $util.dynamodb.toDynamoDB($item.get($field))))
#else
#set($expr = "${expr} AND attribute_not_exists(${H}u${i})")
#end
#end
#set($writes = [{'table': $table, 'operation': 'DeleteItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}, 'condition': {'expression': $expr, 'expressionNames': $names, 'expressionValues': $values}}])
## A unique item is deleted only if this item holds it; one that does not exist yet (an item written
## before its field became @unique, until the backfill has run) is no obstacle. Never one another item holds.
#set($ownedBy = {'expression': 'attribute_not_exists(PK) OR id = :id', 'expressionValues': {':id': $util.dynamodb.toDynamoDB($id)}})
[#list e.uniques as u]
[@lib.uniqueKey u/]
#if(!$util.isNullOrEmpty($ukey))
$util.qr($writes.add({'table': $table, 'operation': 'DeleteItem', 'key': {'PK': $util.dynamodb.toDynamoDB($ukey)}, 'condition': $ownedBy}))
#end
[/#list]
$util.qr($ctx.stash.put('item', $item))
$util.qr($ctx.stash.put('conflictMessage', "the item changed concurrently; retry"))
$util.toJson({'version': '2018-05-29', 'operation': 'TransactWriteItems', 'transactItems': $writes})
[#else]
[@lib.header view.operation + ": DeleteItem, only a " + e.typename + " whose id is the id asked for"/]
#set($prefix = '[=e.nodePrefix]')
#set($id = $ctx.args.get('id'))
#set($cid = $id)
[@lib.refuseInvalidId e.typename "id"/]
#set($pk = "${prefix}${id}")
#set($typename = '[=e.typename]')
$util.qr($ctx.stash.put('conflictMessage', "${typename} not found"))
#set($names = {})
$util.qr($names.put("${H}t", '__typename'))
## Only an item of the type whose id is the id asked for: never another item under that key.
$util.toJson({'version': '2018-05-29', 'operation': 'DeleteItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}, 'condition': {'expression': "${H}t = :t AND id = :id", 'expressionNames': $names, 'expressionValues': {':t': $util.dynamodb.toDynamoDB($typename), ':id': $util.dynamodb.toDynamoDB($id)}}})
[/#if]
