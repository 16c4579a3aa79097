[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": the deleted item"/]
#if($ctx.error && $ctx.error.type == 'DynamoDB:ConditionalCheckFailedException')$util.error($ctx.stash.conflictMessage, 'NotFound')#end
[@lib.raiseDynamoDbError/]
## AppSync answers a conditional delete of an item that is already gone with success and no item.
#if($util.isNull($ctx.result))$util.error($ctx.stash.conflictMessage, 'NotFound')#end
$util.toJson($ctx.result)
