[#-- View: io.singletable.render.vtl.VtlViews.ManyToManyWrite --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": unlink a " + view.a.type + " and a " + view.b.type + ": one TransactWriteItems (the join item deleted, both link heads updated); a missing link changes nothing"/]
#set($aId = $ctx.args.get('[=view.a.idField]'))
#set($bId = $ctx.args.get('[=view.b.idField]'))
#set($cid = $aId)
[@lib.refuseInvalidId view.joinType view.a.idField/]
#set($cid = $bId)
[@lib.refuseInvalidId view.joinType view.b.idField/]
#set($prefix = '[=view.keyPrefix]')
#set($joinKey = "${prefix}${aId}${H}${bId}")
#set($aHead = "${prefix}${aId}")
#set($bHead = "${prefix}${bId}")
$util.qr($ctx.stash.put('item', {'__typename': '[=view.joinType]', '[=view.a.idField]': $aId, '[=view.b.idField]': $bId}))
#set($table = $ctx.env.TABLE_NAME)
#set($names = {})
$util.qr($names.put("${H}t", '__typename'))
#set($headNames = {})
$util.qr($headNames.put("${H}l", 'links'))
#set($writes = [])
$util.qr($writes.add({'table': $table, 'operation': 'DeleteItem', 'key': {'PK': $util.dynamodb.toDynamoDB($joinKey)}, 'condition': {'expression': "${H}t = :t", 'expressionNames': $names, 'expressionValues': {':t': $util.dynamodb.toDynamoDB('[=view.joinType]')}}}))
$util.qr($writes.add({'table': $table, 'operation': 'UpdateItem', 'key': {'PK': $util.dynamodb.toDynamoDB($aHead)}, 'update': {'expression': "DELETE ${H}l :l", 'expressionNames': $headNames, 'expressionValues': {':l': {'SS': [$bId]}}}, 'condition': {'expression': "${H}t = :t", 'expressionNames': $names, 'expressionValues': {':t': $util.dynamodb.toDynamoDB('[=view.joinType]')}}}))
$util.qr($writes.add({'table': $table, 'operation': 'UpdateItem', 'key': {'PK': $util.dynamodb.toDynamoDB($bHead)}, 'update': {'expression': "DELETE ${H}l :l", 'expressionNames': $headNames, 'expressionValues': {':l': {'SS': [$aId]}}}, 'condition': {'expression': "${H}t = :t", 'expressionNames': $names, 'expressionValues': {':t': $util.dynamodb.toDynamoDB('[=view.joinType]')}}}))
$util.toJson({'version': '2018-05-29', 'operation': 'TransactWriteItems', 'transactItems': $writes})
