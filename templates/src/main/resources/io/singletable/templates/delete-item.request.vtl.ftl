[#-- The shared function DeleteItem, step 2 of every delete of a type with unique fields. No view:
     the entity is the descriptor $ctx.stash.entity (VtlViews.Entity.descriptor) the resolver's
     request template put there. --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "DeleteItem, step 2: TransactWriteItems deleting the node and its unique items"/]
#set($entity = $ctx.stash.entity)
#set($item = $ctx.prev.result)
#set($id = $item.get('id'))
#set($prefix = $entity.nodePrefix)
#set($pk = "${prefix}${id}")
#set($table = $ctx.env.TABLE_NAME)
#set($typename = $entity.typename)
#set($names = {})
$util.qr($names.put("${H}t", '__typename'))
#set($values = {':t': $util.dynamodb.toDynamoDB($typename)})
#set($expr = "${H}t = :t")
[#if (view.auth)!false]
#if(!$util.isNull($ctx.stash.auth))
## @auth: the rules are applied to the item as read, and the fields they read must be unchanged when it is deleted.
#set($authRules = $ctx.stash.auth.delete)
#set($authItem = $item)
[@lib.requireAuthorized "delete this ${typename}"/]
#set($i = 0)
#foreach($authField in $ctx.stash.auth.fields)
#set($i = $i + 1)
$util.qr($names.put("${H}a${i}", $authField))
#if(!$util.isNull($item.get($authField)))
#set($expr = "${expr} AND ${H}a${i} = :a${i}")
$util.qr($values.put(":a${i}", $util.dynamodb.toDynamoDB($item.get($authField))))
#else
#set($expr = "${expr} AND attribute_not_exists(${H}a${i})")
#end
#end
#end
[/#if]
[#if (view.versioned)!false]
#if($entity.versioned == true && !$util.isNull($ctx.args.get('expectedVersion')))
## @model(versioned: true) with an expected version: any other stored version (none counts as 0) refuses the delete,
## and the delete holds only if the version is still the one read.
#set($expectedVersion = $ctx.args.get('expectedVersion'))
$util.qr($ctx.stash.put('expectedVersion', $expectedVersion))
#set($storedVersion = $util.defaultIfNull($item.get('version'), 0))
#if($expectedVersion != $storedVersion)
$util.error("${typename} ${id} is at version ${storedVersion}, not the expected version ${expectedVersion}", 'ConflictingVersion', {}, {'expectedVersion': $expectedVersion, 'version': $storedVersion})
#end
$util.qr($names.put("${H}v", 'version'))
#if($util.isNull($item.get('version')))
#set($expr = "${expr} AND attribute_not_exists(${H}v)")
#else
#set($expr = "${expr} AND ${H}v = :v")
$util.qr($values.put(':v', $util.dynamodb.toDynamoDB($storedVersion)))
#end
#end
[/#if]
#set($i = 0)
#foreach($unique in $entity.uniques)
#set($i = $i + 1)
#set($uniqueField = $unique.field)
$util.qr($names.put("${H}u${i}", $uniqueField))
#if(!$util.isNull($item.get($uniqueField)))
#set($expr = "${expr} AND ${H}u${i} = :u${i}")
$util.qr($values.put(":u${i}", $util.dynamodb.toDynamoDB($item.get($uniqueField))))
#else
#set($expr = "${expr} AND attribute_not_exists(${H}u${i})")
#end
#end
#set($writes = [{'table': $table, 'operation': 'DeleteItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}, 'condition': {'expression': $expr, 'expressionNames': $names, 'expressionValues': $values}}])
## A unique item is deleted only if this item holds it; one that does not exist yet (an item written
## before its field became @unique, until the backfill has run) is no obstacle. Never one another item holds.
#set($ownedBy = {'expression': 'attribute_not_exists(PK) OR id = :id', 'expressionValues': {':id': $util.dynamodb.toDynamoDB($id)}})
#foreach($unique in $entity.uniques)
[@lib.uniqueKeyOf/]
#if(!$util.isNullOrEmpty($ukey))
$util.qr($writes.add({'table': $table, 'operation': 'DeleteItem', 'key': {'PK': $util.dynamodb.toDynamoDB($ukey)}, 'condition': $ownedBy}))
#end
#end
[#if (view.links)!false]
#if(!$util.isNull($entity.links))
## @manyToMany: every join item the link heads list goes with the node, and each head with a condition on the links
## as read, so that a link made since then fails the delete rather than being left behind.
#set($heads = $util.defaultIfNull($ctx.stash.linkHeads, {}))
#foreach($link in $entity.links)
#set($headKey = "${link.name}${H}${id}")
#set($head = $heads.get($headKey))
#if($util.isNull($head))
## no head: no link, and none may appear before the delete (a connect creates the head)
$util.qr($writes.add({'table': $table, 'operation': 'DeleteItem', 'key': {'PK': $util.dynamodb.toDynamoDB($headKey)}, 'condition': {'expression': 'attribute_not_exists(PK)'}}))
#else
#set($linked = $util.defaultIfNull($head.get('links'), []))
#set($headNames = {})
$util.qr($headNames.put("${H}t", '__typename'))
$util.qr($headNames.put("${H}l", 'links'))
#if($linked.isEmpty())
#set($headCondition = {'expression': "${H}t = :t AND attribute_not_exists(${H}l)", 'expressionNames': $headNames, 'expressionValues': {':t': $util.dynamodb.toDynamoDB($link.name)}})
#else
#set($headCondition = {'expression': "${H}t = :t AND ${H}l = :l", 'expressionNames': $headNames, 'expressionValues': {':t': $util.dynamodb.toDynamoDB($link.name), ':l': {'SS': $linked}}})
#end
$util.qr($writes.add({'table': $table, 'operation': 'DeleteItem', 'key': {'PK': $util.dynamodb.toDynamoDB($headKey)}, 'condition': $headCondition}))
#foreach($other in $linked)
#if($link.side == 'a')
#set($joinKey = "${link.name}${H}${id}${H}${other}")
#else
#set($joinKey = "${link.name}${H}${other}${H}${id}")
#end
$util.qr($writes.add({'table': $table, 'operation': 'DeleteItem', 'key': {'PK': $util.dynamodb.toDynamoDB($joinKey)}}))
#end
#end
#end
#if($writes.size() > 100)
$util.error("${typename} ${id} is linked to too many items to be deleted with its join items in one transaction (${writes.size()} writes, at most 100); remove some links first", 'TooManyLinks')
#end
#end
[/#if]
$util.qr($ctx.stash.put('item', $item))
$util.qr($ctx.stash.put('conflictMessage', "the item changed concurrently; retry"))
$util.toJson({'version': '2018-05-29', 'operation': 'TransactWriteItems', 'transactItems': $writes})
