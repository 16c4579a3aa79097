[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[#assign e = view.entity]
[@lib.header view.operation + ": " + e.uniques?has_content?then("TransactWriteItems of the node and its unique items", "PutItem")/]
#set($input = $ctx.args.input)
[@lib.refuseInvalidIds e true/]
## Only the model's stored fields reach the item, whatever else the input carries.
#set($item = {})
#foreach($field in ['id'[#list e.inputFields as f], '[=f]'[/#list]])
#if(!$util.isNull($input.get($field)))$util.qr($item.put($field, $input.get($field)))#end
#end
#set($typename = '[=e.typename]')
#foreach($field in [[#list e.requiredFields as f]'[=f]'[#sep], [/#sep][/#list]])
#if($util.isNull($item.get($field)))$util.error("${typename}.${field} is non-null and must be given", 'BadRequest')#end
#end
[#if e.auth??]
[@lib.ownerDefaults e.auth/]
#set($authRules = [=e.auth.create])
#set($authItem = $item)
[@lib.requireAuthorized "create this " + e.typename/]
[/#if]
[#if e.fieldRules??]
## Fields with rules of their own: only callers those rules admit may set them.
#set($fieldRules = [=e.fieldRules])
#set($fieldOp = 'create')
#set($authItem = $item)
[@lib.refuseProtectedFields/]
[/#if]
#if($util.isNull($item.get('id')))$util.qr($item.put('id', $util.autoId()))#end
#set($now = $util.time.nowISO8601())
[#if e.createdAt]
$util.qr($item.put('createdAt', $now))
[/#if]
[#if e.updatedAt]
$util.qr($item.put('updatedAt', $now))
[/#if]
[#if e.versioned]
## @model(versioned: true): every item starts at version 1.
$util.qr($item.put('version', 1))
[/#if]
$util.qr($item.put('__typename', '[=e.typename]'))
[@lib.indexAttributes e/]
#set($prefix = '[=e.nodePrefix]')
#set($id = $item.get('id'))
#set($pk = "${prefix}${id}")
$util.qr($ctx.stash.put('item', $item))
#set($notExists = {'expression': 'attribute_not_exists(PK)'})
[#if e.uniques?has_content]
#set($table = $ctx.env.TABLE_NAME)
#set($writes = [{'table': $table, 'operation': 'PutItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}, 'attributeValues': $util.dynamodb.toMapValues($item), 'condition': $notExists}])
#set($uniqueFields = [''])
[@lib.copyWithoutIndexes e/]
[#list e.uniques as u]
[@lib.uniqueKey u/]
#if(!$util.isNullOrEmpty($ukey))
$util.qr($writes.add({'table': $table, 'operation': 'PutItem', 'key': {'PK': $util.dynamodb.toDynamoDB($ukey)}, 'attributeValues': $util.dynamodb.toMapValues($copy), 'condition': $notExists}))
$util.qr($uniqueFields.add('[=u.field]'))
#end
[/#list]
$util.qr($ctx.stash.put('uniqueFields', $uniqueFields))
$util.qr($ctx.stash.put('conflictMessage', "an item with id ${id} already exists"))
$util.toJson({'version': '2018-05-29', 'operation': 'TransactWriteItems', 'transactItems': $writes})
[#else]
$util.qr($ctx.stash.put('conflictMessage', "an item with id ${id} already exists"))
$util.toJson({'version': '2018-05-29', 'operation': 'PutItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}, 'attributeValues': $util.dynamodb.toMapValues($item), 'condition': $notExists})
[/#if]
