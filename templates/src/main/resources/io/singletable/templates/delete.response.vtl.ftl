[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": the deleted item"/]
[#if view.entity.versioned]
#set($typename = '[=view.entity.typename]')
## @model(versioned: true): AppSync puts the current item in $ctx.result when the condition fails; the item asked for at
## another version than the expected one is a ConflictingVersion, anything else not found.
#if($ctx.error && $ctx.error.type == 'DynamoDB:ConditionalCheckFailedException' && !$util.isNull($ctx.stash.expectedVersion) && !$util.isNull($ctx.result) && $ctx.result.get('__typename') == $typename && $ctx.result.get('id') == $ctx.stash.id)
#set($expectedVersion = $ctx.stash.expectedVersion)
#set($storedVersion = $util.defaultIfNull($ctx.result.get('version'), 0))
#set($versionId = $ctx.stash.id)
$util.error("${typename} ${versionId} is at version ${storedVersion}, not the expected version ${expectedVersion}", 'ConflictingVersion', {}, {'expectedVersion': $expectedVersion, 'version': $storedVersion})
#end
[/#if]
#if($ctx.error && $ctx.error.type == 'DynamoDB:ConditionalCheckFailedException')$util.error($ctx.stash.conflictMessage, 'NotFound')#end
[@lib.raiseDynamoDbError/]
## AppSync answers a conditional delete of an item that is already gone with success and no item.
#if($util.isNull($ctx.result))$util.error($ctx.stash.conflictMessage, 'NotFound')#end
$util.toJson($ctx.result)
