[#-- The shared function UpdateItem, step 2 of every update. No view: the entity is the descriptor
     $ctx.stash.entity (VtlViews.Entity.descriptor) the resolver's request template put there. --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "UpdateItem, step 2: write the merged item, conditioned on the item read in step 1"/]
#set($entity = $ctx.stash.entity)
#set($typename = $entity.typename)
#set($input = $ctx.args.input)
#set($required = $entity.requiredFields)
#foreach($entry in $input.entrySet())
#if($util.isNull($entry.value) && $required.contains($entry.key))
#set($field = $entry.key)
$util.error("${typename}.${field} is non-null and cannot be set to null", 'BadRequest')
#end
#end
#set($current = $ctx.prev.result)
[#if (view.auth)!false]
#if(!$util.isNull($ctx.stash.auth))
## @auth: the rules are applied to the item as stored; an owner field changes only for a non-owner rule.
#set($authRules = $ctx.stash.auth.update)
#set($authItem = $current)
[@lib.requireAuthorized "update this ${typename}"/]
#set($authRules = $ctx.stash.auth.updateNotOwner)
[@lib.authorize/]
#if(!$authAllowed)
#foreach($ownerField in $ctx.stash.auth.ownerFields)
#if($input.containsKey($ownerField) && $input.get($ownerField) != $current.get($ownerField))
$util.error("Not Authorized to change ${typename}.${ownerField}", 'Unauthorized')
#end
#end
#end
#end
#if(!$util.isNull($ctx.stash.fieldRules))
## Fields with rules of their own: only callers those rules admit may change them.
#set($fieldRules = $ctx.stash.fieldRules)
#set($fieldOp = 'update')
#set($authItem = $current)
[@lib.refuseProtectedFields/]
#end
[/#if]
## Only the model's stored fields are taken from the input, whatever else it carries; fields it sets
## to null are left out of the merged item (removed from the node).
#set($fields = $entity.inputFields)
#set($nulled = [])
#foreach($entry in $input.entrySet())
#if($util.isNull($entry.value) && $fields.contains($entry.key))$util.qr($nulled.add($entry.key))#end
#end
## Only what the model stores is kept from the item read: attributes it no longer has (a removed field, the
## index attributes of a removed or moved relation) are dropped, so that the item is what a create writes.
#set($kept = ['__typename', 'id'])
#foreach($storedField in $entity.storedFields)
$util.qr($kept.add($storedField))
#end
#set($item = {})
#foreach($entry in $current.entrySet())
#if($kept.contains($entry.key) && !$nulled.contains($entry.key))$util.qr($item.put($entry.key, $entry.value))#end
#end
#foreach($inputField in $fields)
#if(!$util.isNull($input.get($inputField)))$util.qr($item.put($inputField, $input.get($inputField)))#end
#end
#if($entity.updatedAt)
$util.qr($item.put('updatedAt', $util.time.nowISO8601()))
#end
[#if (view.versioned)!false]
#if($entity.versioned == true)
## @model(versioned: true): the version written is one more than the stored one (an item stored before the type was
## versioned has none: 0). With input.expectedVersion, any other stored version refuses the update; the write below is
## conditioned on the item read, version included, so an update landing in between refuses it too (response template).
#set($storedVersion = $util.defaultIfNull($current.get('version'), 0))
#if(!$util.isNull($input.get('expectedVersion')))
#set($expectedVersion = $input.get('expectedVersion'))
$util.qr($ctx.stash.put('expectedVersion', $expectedVersion))
#if($expectedVersion != $storedVersion)
#set($versionId = $ctx.stash.id)
$util.error("${typename} ${versionId} is at version ${storedVersion}, not the expected version ${expectedVersion}", 'ConflictingVersion', {}, {'expectedVersion': $expectedVersion, 'version': $storedVersion})
#end
#end
#set($nextVersion = $storedVersion + 1)
$util.qr($item.put('version', $nextVersion))
#end
[/#if]
#set($indexes = $entity.indexes)
[@lib.indexAttributesOf/]
[#if (view.links)!false]
#set($linkWrites = [])
#if(!$util.isNull($ctx.stash.linksToRead) && !$ctx.stash.linksToRead.isEmpty())
## @manyToMany join items keep copies of the values of this item the other side sorts by: when the update changes their
## encoding, every join item the item's link head lists (and ReadKeys found) gets the new one in the same transaction,
## and the head must be unchanged since it was read (a link made or removed since then fails the update: retry).
#set($newItem = $item)
#set($linkId = $newItem.get('id'))
#set($readItems = $util.defaultIfNull($ctx.stash.readItems, {}))
#set($heads = $util.defaultIfNull($ctx.stash.linkHeads, {}))
#foreach($link in $entity.links)
#if($ctx.stash.linksToRead.contains($link.name))
#set($linkIndex = $link.sortIndex)
#set($sortId = $linkId)
#set($sortSource = $current)
[@lib.linkSortKey/]
#set($oldSort = $linkSortKey)
#set($sortSource = $newItem)
[@lib.linkSortKey/]
#set($newSort = $linkSortKey)
#if($oldSort != $newSort)
#set($linkName = $link.name)
#set($head = $util.defaultIfNull($heads.get("${linkName}${H}${linkId}"), {}))
#set($linkTypeNames = {})
$util.qr($linkTypeNames.put("${H}t", '__typename'))
#set($linkTypeValues = {':t': $util.dynamodb.toDynamoDB($linkName)})
#set($sortNames = {})
$util.qr($sortNames.put("${H}s", $linkIndex.sortAttribute))
#set($linked = $util.defaultIfNull($head.get('links'), []))
#foreach($other in $linked)
#if($link.side == 'a')
#set($joinKey = "${linkName}${H}${linkId}${H}${other}")
#else
#set($joinKey = "${linkName}${H}${other}${H}${linkId}")
#end
#if($readItems.containsKey($joinKey))
$util.qr($linkWrites.add({'table': $ctx.env.TABLE_NAME, 'operation': 'UpdateItem', 'key': {'PK': $util.dynamodb.toDynamoDB($joinKey)}, 'update': {'expression': "SET ${H}s = :s", 'expressionNames': $sortNames, 'expressionValues': {':s': $util.dynamodb.toDynamoDB($newSort)}}, 'condition': {'expression': "${H}t = :t", 'expressionNames': $linkTypeNames, 'expressionValues': $linkTypeValues}}))
#end
#end
#set($headKey = "${linkName}${H}${linkId}")
#if($head.isEmpty())
$util.qr($linkWrites.add({'table': $ctx.env.TABLE_NAME, 'operation': 'ConditionCheck', 'key': {'PK': $util.dynamodb.toDynamoDB($headKey)}, 'condition': {'expression': 'attribute_not_exists(PK)'}}))
#else
#set($headNames = {})
$util.qr($headNames.put("${H}t", '__typename'))
$util.qr($headNames.put("${H}l", 'links'))
#if($linked.isEmpty())
$util.qr($linkWrites.add({'table': $ctx.env.TABLE_NAME, 'operation': 'ConditionCheck', 'key': {'PK': $util.dynamodb.toDynamoDB($headKey)}, 'condition': {'expression': "${H}t = :t AND attribute_not_exists(${H}l)", 'expressionNames': $headNames, 'expressionValues': $linkTypeValues}}))
#else
$util.qr($linkWrites.add({'table': $ctx.env.TABLE_NAME, 'operation': 'ConditionCheck', 'key': {'PK': $util.dynamodb.toDynamoDB($headKey)}, 'condition': {'expression': "${H}t = :t AND ${H}l = :l", 'expressionNames': $headNames, 'expressionValues': {':t': $util.dynamodb.toDynamoDB($linkName), ':l': {'SS': $linked}}}}))
#end
#end
#end
#end
#end
#set($item = $newItem)
#end
[/#if]
#set($prefix = $entity.nodePrefix)
#set($id = $item.get('id'))
#set($pk = "${prefix}${id}")
$util.qr($ctx.stash.put('item', $item))
## The write holds only if the item is still exactly what step 1 read.
#set($names = {})
#set($values = {})
#set($expr = "${H}t = :t")
$util.qr($names.put("${H}t", '__typename'))
$util.qr($values.put(':t', $util.dynamodb.toDynamoDB($typename)))
#set($i = 0)
#foreach($storedField in $entity.storedFields)
#set($i = $i + 1)
$util.qr($names.put("${H}a${i}", $storedField))
#if(!$util.isNull($current.get($storedField)))
#set($expr = "${expr} AND ${H}a${i} = :a${i}")
$util.qr($values.put(":a${i}", $util.dynamodb.toDynamoDB($current.get($storedField))))
#else
## absent, or stored as DynamoDB's NULL type by another writer
#set($expr = "${expr} AND (attribute_not_exists(${H}a${i}) OR attribute_type(${H}a${i}, :nullType))")
$util.qr($values.put(':nullType', $util.dynamodb.toDynamoDB('NULL')))
#end
#end
#set($unchanged = {'expression': $expr, 'expressionNames': $names, 'expressionValues': $values})
$util.qr($ctx.stash.put('conflictMessage', "the item changed concurrently; retry"))
#if(!$entity.uniques.isEmpty()[#if (view.links)!false] || !$linkWrites.isEmpty()[/#if])
#set($table = $ctx.env.TABLE_NAME)
#set($writes = [{'table': $table, 'operation': 'PutItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}, 'attributeValues': $util.dynamodb.toMapValues($item), 'condition': $unchanged}])
#set($uniqueFields = [''])
## A unique item is moved or refreshed only if this item holds it, or if it does not exist yet (an item
## written before its field became @unique, until the backfill has run): never one another item holds.
#set($ownedBy = {'expression': 'attribute_not_exists(PK) OR id = :id', 'expressionValues': {':id': $util.dynamodb.toDynamoDB($id)}})
[@lib.copyWithoutIndexesOf/]
#set($newItem = $item)
## per unique field: move the unique item when its key changes, else refresh the copy
#foreach($unique in $entity.uniques)
[@lib.uniqueKeyOf/]
#set($newKey = $ukey)
#set($item = $current)
[@lib.uniqueKeyOf/]
#set($oldKey = $ukey)
#set($item = $newItem)
#if(!$util.isNullOrEmpty($oldKey) && $oldKey != $newKey)
$util.qr($writes.add({'table': $table, 'operation': 'DeleteItem', 'key': {'PK': $util.dynamodb.toDynamoDB($oldKey)}, 'condition': $ownedBy}))
$util.qr($uniqueFields.add(''))
#end
#if(!$util.isNullOrEmpty($newKey))
#if($oldKey == $newKey)
$util.qr($writes.add({'table': $table, 'operation': 'PutItem', 'key': {'PK': $util.dynamodb.toDynamoDB($newKey)}, 'attributeValues': $util.dynamodb.toMapValues($copy), 'condition': $ownedBy}))
#else
$util.qr($writes.add({'table': $table, 'operation': 'PutItem', 'key': {'PK': $util.dynamodb.toDynamoDB($newKey)}, 'attributeValues': $util.dynamodb.toMapValues($copy), 'condition': {'expression': 'attribute_not_exists(PK)'}}))
#end
#set($uniqueField = $unique.field)
$util.qr($uniqueFields.add($uniqueField))
#end
#end
[#if (view.links)!false]
#foreach($linkWrite in $linkWrites)
$util.qr($writes.add($linkWrite))
$util.qr($uniqueFields.add(''))
#end
#if($writes.size() > 100)
#set($writeCount = $writes.size())
$util.error("${typename} ${id} is linked to too many items for the join items' copies of its sort values to be rewritten with it in one transaction (${writeCount} writes, at most 100); remove some links first", 'TooManyLinks')
#end
[/#if]
$util.qr($ctx.stash.put('uniqueFields', $uniqueFields))
$util.toJson({'version': '2018-05-29', 'operation': 'TransactWriteItems', 'transactItems': $writes})
#else
$util.toJson({'version': '2018-05-29', 'operation': 'PutItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}, 'attributeValues': $util.dynamodb.toMapValues($item), 'condition': $unchanged})
#end
