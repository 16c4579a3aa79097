[#-- The shared function LinkItems, the last step of every @manyToMany connect (add<R>) and of the disconnect
     (remove<R>) of a relation with @auth rules. No view: the relation is the descriptor $ctx.stash.link
     (VtlViews.ManyToManyWrite.descriptor) and the ids are $ctx.stash.linkA and linkB, put there by the resolver's
     request template; when the descriptor says 'read', ReadKeys read both items into $ctx.stash.readItems (a sorted
     relation copies values of each into the join item; rules look at them). --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "LinkItems: one TransactWriteItems: both items checked, the join item put (or deleted), both link heads updated"/]
#set($link = $ctx.stash.link)
#set($joinType = $link.joinType)
#set($keyPrefix = $link.keyPrefix)
#set($aId = $ctx.stash.linkA)
#set($bId = $ctx.stash.linkB)
#set($sideA = $link.a)
#set($sideB = $link.b)
#set($joinKey = "${keyPrefix}${aId}${H}${bId}")
#set($result = {'__typename': $joinType})
$util.qr($result.put($sideA.idField, $aId))
$util.qr($result.put($sideB.idField, $bId))
$util.qr($ctx.stash.put('item', $result))
## each side's item: as read, or just its id when nothing needs its values
#set($nodeA = {'id': $aId})
#set($nodeB = {'id': $bId})
#if($link.read)
#set($read = $util.defaultIfNull($ctx.stash.readItems, {}))
#set($nodeA = $util.defaultIfNull($read.get("${sideA.nodePrefix}${aId}"), {}))
#set($nodeB = $util.defaultIfNull($read.get("${sideB.nodePrefix}${bId}"), {}))
#end
#set($pairs = [{'side': $sideA, 'id': $aId, 'node': $nodeA, 'other': $sideB, 'otherId': $bId, 'otherNode': $nodeB}, {'side': $sideB, 'id': $bId, 'node': $nodeB, 'other': $sideA, 'otherId': $aId, 'otherNode': $nodeA}])
#if($link.read)
## an id of no item of its side's type: a connect is refused before writing; a disconnect has nothing to remove (a
## delete removes an item's join items with it)
#foreach($pair in $pairs)
#set($linkId = $pair.id)
#set($linkType = $pair.side.type)
#if($pair.node.get('__typename') != $linkType || $pair.node.get('id') != $linkId)
#if($link.connect)
$util.error("no ${linkType} has the id ${linkId}", 'NotFound')
#end
#return($result)
#end
#end
[#if (view.auth)!false]
## @auth: the caller must be admitted for each item, by its type's update rules and the relation field's own rules
#foreach($pair in $pairs)
#set($linkType = $pair.side.type)
#set($authItem = $pair.node)
#foreach($authRules in $pair.side.rules)
[@lib.requireAuthorized "change the links of this ${linkType}"/]
#end
#end
[/#if]
#end
#set($table = $ctx.env.TABLE_NAME)
## both items checked: their type and id and, when read, the values the join item copies and the rules read, as read
## (a concurrent change of one of them fails the write: retry)
#set($nullType = $util.dynamodb.toDynamoDB('NULL'))
#set($checks = [])
#foreach($pair in $pairs)
#set($linkSide = $pair.side)
#set($checkNames = {})
$util.qr($checkNames.put("${H}t", '__typename'))
$util.qr($checkNames.put("${H}id", 'id'))
#set($checkValues = {})
$util.qr($checkValues.put(':t', $util.dynamodb.toDynamoDB($linkSide.type)))
$util.qr($checkValues.put(':id', $util.dynamodb.toDynamoDB($pair.id)))
#set($check = "${H}t = :t AND ${H}id = :id")
#if($link.read)
#set($cn = 0)
#foreach($checkField in $linkSide.checks)
#set($cn = $cn + 1)
$util.qr($checkNames.put("${H}c${cn}", $checkField))
#if($util.isNull($pair.node.get($checkField)))
#set($check = "${check} AND (attribute_not_exists(${H}c${cn}) OR attribute_type(${H}c${cn}, :nullType))")
$util.qr($checkValues.put(':nullType', $nullType))
#else
#set($check = "${check} AND ${H}c${cn} = :c${cn}")
$util.qr($checkValues.put(":c${cn}", $util.dynamodb.toDynamoDB($pair.node.get($checkField))))
#end
#end
#end
#set($nodeKey = "${linkSide.nodePrefix}${pair.id}")
$util.qr($checks.add({'table': $table, 'operation': 'ConditionCheck', 'key': {'PK': $util.dynamodb.toDynamoDB($nodeKey)}, 'condition': {'expression': $check, 'expressionNames': $checkNames, 'expressionValues': $checkValues}}))
#end
#set($typeNames = {})
$util.qr($typeNames.put("${H}t", '__typename'))
#set($typeValues = {':t': $util.dynamodb.toDynamoDB($joinType)})
#set($headNames = {})
$util.qr($headNames.put("${H}t", '__typename'))
$util.qr($headNames.put("${H}l", 'links'))
#set($writes = [])
#if($link.connect)
## the join item: per side, the relation declared there: its partition holds the side's id, its sort key the other
## item's sort values (none: just its id)
#set($join = {'__typename': $joinType})
$util.qr($join.put($sideA.idField, $aId))
$util.qr($join.put($sideB.idField, $bId))
#foreach($pair in $pairs)
#set($linkSide = $pair.side)
#set($linkIndex = $linkSide.sortIndex)
#set($sortSource = $pair.otherNode)
#set($sortId = $pair.otherId)
[@lib.linkSortKey/]
#set($partition = "${keyPrefix}${pair.id}")
$util.qr($join.put($linkSide.partitionAttribute, $partition))
$util.qr($join.put($linkSide.sortAttribute, $linkSortKey))
#end
#foreach($check in $checks)
$util.qr($writes.add($check))
#end
## idempotent: putting the same link again writes the same item (its sort copies refreshed); a key held by anything
## else is refused
$util.qr($writes.add({'table': $table, 'operation': 'PutItem', 'key': {'PK': $util.dynamodb.toDynamoDB($joinKey)}, 'attributeValues': $util.dynamodb.toMapValues($join), 'condition': {'expression': "attribute_not_exists(PK) OR ${H}t = :t", 'expressionNames': $typeNames, 'expressionValues': $typeValues}}))
#foreach($pair in $pairs)
#set($head = "${keyPrefix}${pair.id}")
#set($otherId = $pair.otherId)
$util.qr($writes.add({'table': $table, 'operation': 'UpdateItem', 'key': {'PK': $util.dynamodb.toDynamoDB($head)}, 'update': {'expression': "SET ${H}t = :t ADD ${H}l :l", 'expressionNames': $headNames, 'expressionValues': {':t': $util.dynamodb.toDynamoDB($joinType), ':l': {'SS': [$otherId]}}}, 'condition': {'expression': "attribute_not_exists(PK) OR ${H}t = :t", 'expressionNames': $typeNames, 'expressionValues': $typeValues}}))
#end
#else
## a disconnect: the join item deleted (a missing one fails the first condition: nothing was linked), both heads
## without the other's id, then both items checked
$util.qr($writes.add({'table': $table, 'operation': 'DeleteItem', 'key': {'PK': $util.dynamodb.toDynamoDB($joinKey)}, 'condition': {'expression': "${H}t = :t", 'expressionNames': $typeNames, 'expressionValues': $typeValues}}))
#set($deleteNames = {})
$util.qr($deleteNames.put("${H}l", 'links'))
#foreach($pair in $pairs)
#set($head = "${keyPrefix}${pair.id}")
#set($otherId = $pair.otherId)
$util.qr($writes.add({'table': $table, 'operation': 'UpdateItem', 'key': {'PK': $util.dynamodb.toDynamoDB($head)}, 'update': {'expression': "DELETE ${H}l :l", 'expressionNames': $deleteNames, 'expressionValues': {':l': {'SS': [$otherId]}}}, 'condition': {'expression': "${H}t = :t", 'expressionNames': $typeNames, 'expressionValues': $typeValues}}))
#end
#foreach($check in $checks)
$util.qr($writes.add($check))
#end
#end
$util.toJson({'version': '2018-05-29', 'operation': 'TransactWriteItems', 'transactItems': $writes})
