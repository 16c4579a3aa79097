[#-- View: io.singletable.render.vtl.VtlViews.ManyToManyWrite --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": link a " + view.aType + " and a " + view.bType + ": one TransactWriteItems (both items checked, the join item put, both link heads updated)"/]
#set($aId = $ctx.args.get('[=view.aIdField]'))
#set($bId = $ctx.args.get('[=view.bIdField]'))
#set($cid = $aId)
[@lib.refuseInvalidId view.joinType view.aIdField/]
#set($cid = $bId)
[@lib.refuseInvalidId view.joinType view.bIdField/]
#set($prefix = '[=view.keyPrefix]')
#set($joinKey = "${prefix}${aId}${H}${bId}")
#set($aHead = "${prefix}${aId}")
#set($bHead = "${prefix}${bId}")
#set($aNode = "[=view.aNodePrefix]${aId}")
#set($bNode = "[=view.bNodePrefix]${bId}")
#set($item = {'__typename': '[=view.joinType]', '[=view.aIdField]': $aId, '[=view.bIdField]': $bId})
## the join item's index attributes: side a lists it under the a item ([=view.aPartitionAttribute]), side b under the b item
$util.qr($item.put('[=view.aPartitionAttribute]', "${prefix}${aId}"))
$util.qr($item.put('[=view.aSortAttribute]', "${bId}"))
$util.qr($item.put('[=view.bPartitionAttribute]', "${prefix}${bId}"))
$util.qr($item.put('[=view.bSortAttribute]', "${aId}"))
$util.qr($ctx.stash.put('item', {'__typename': '[=view.joinType]', '[=view.aIdField]': $aId, '[=view.bIdField]': $bId}))
#set($table = $ctx.env.TABLE_NAME)
#set($typeNames = {})
$util.qr($typeNames.put("${H}t", '__typename'))
$util.qr($typeNames.put("${H}id", 'id'))
#set($writes = [])
$util.qr($writes.add({'table': $table, 'operation': 'ConditionCheck', 'key': {'PK': $util.dynamodb.toDynamoDB($aNode)}, 'condition': {'expression': "${H}t = :t AND ${H}id = :id", 'expressionNames': $typeNames, 'expressionValues': {':t': $util.dynamodb.toDynamoDB('[=view.aType]'), ':id': $util.dynamodb.toDynamoDB($aId)}}}))
$util.qr($writes.add({'table': $table, 'operation': 'ConditionCheck', 'key': {'PK': $util.dynamodb.toDynamoDB($bNode)}, 'condition': {'expression': "${H}t = :t AND ${H}id = :id", 'expressionNames': $typeNames, 'expressionValues': {':t': $util.dynamodb.toDynamoDB('[=view.bType]'), ':id': $util.dynamodb.toDynamoDB($bId)}}}))
## idempotent: putting the same link again writes the same item; a key held by anything else is refused
#set($joinNames = {})
$util.qr($joinNames.put("${H}t", '__typename'))
$util.qr($writes.add({'table': $table, 'operation': 'PutItem', 'key': {'PK': $util.dynamodb.toDynamoDB($joinKey)}, 'attributeValues': $util.dynamodb.toMapValues($item), 'condition': {'expression': "attribute_not_exists(PK) OR ${H}t = :t", 'expressionNames': $joinNames, 'expressionValues': {':t': $util.dynamodb.toDynamoDB('[=view.joinType]')}}}))
#set($headNames = {})
$util.qr($headNames.put("${H}t", '__typename'))
$util.qr($headNames.put("${H}l", 'links'))
$util.qr($writes.add({'table': $table, 'operation': 'UpdateItem', 'key': {'PK': $util.dynamodb.toDynamoDB($aHead)}, 'update': {'expression': "SET ${H}t = :t ADD ${H}l :l", 'expressionNames': $headNames, 'expressionValues': {':t': $util.dynamodb.toDynamoDB('[=view.joinType]'), ':l': {'SS': [$bId]}}}, 'condition': {'expression': "attribute_not_exists(PK) OR ${H}t = :t", 'expressionNames': $joinNames, 'expressionValues': {':t': $util.dynamodb.toDynamoDB('[=view.joinType]')}}}))
$util.qr($writes.add({'table': $table, 'operation': 'UpdateItem', 'key': {'PK': $util.dynamodb.toDynamoDB($bHead)}, 'update': {'expression': "SET ${H}t = :t ADD ${H}l :l", 'expressionNames': $headNames, 'expressionValues': {':t': $util.dynamodb.toDynamoDB('[=view.joinType]'), ':l': {'SS': [$aId]}}}, 'condition': {'expression': "attribute_not_exists(PK) OR ${H}t = :t", 'expressionNames': $joinNames, 'expressionValues': {':t': $util.dynamodb.toDynamoDB('[=view.joinType]')}}}))
$util.toJson({'version': '2018-05-29', 'operation': 'TransactWriteItems', 'transactItems': $writes})
