[#-- The shared function ReadKeys: $ctx.stash.readItems maps each key read to its item (absent: no such item). Keys
     left unprocessed fail the resolver (nothing is written; retry). --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "ReadKeys: the items read, by key; the previous step's result"/]
[@lib.raiseDynamoDbError/]
#set($unprocessed = $util.defaultIfNull($ctx.result.unprocessedKeys.get($ctx.env.TABLE_NAME), []))
#if(!$unprocessed.isEmpty())
$util.error("DynamoDB left keys unprocessed (throttled); nothing was written, retry", 'UnprocessedKeys', {}, {'retryable': true})
#end
#set($readItems = {})
#foreach($readItem in $util.defaultIfNull($ctx.result.data.get($ctx.env.TABLE_NAME), []))
#if(!$util.isNull($readItem))$util.qr($readItems.put($readItem.get('PK'), $readItem))#end
#end
$util.qr($ctx.stash.put('readItems', $readItems))
$util.toJson($ctx.prev.result)
