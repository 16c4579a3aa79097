[#-- The shared function ReadLinks: $ctx.stash.linkHeads maps each head key read to its item (absent: no head); the
     result is the item step 1 read, for step 3. Keys left unprocessed fail the delete (nothing is written; retry). --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "ReadLinks, step 2: the link heads by key; the item read in step 1"/]
[@lib.raiseDynamoDbError/]
#set($unprocessed = $util.defaultIfNull($ctx.result.unprocessedKeys.get($ctx.env.TABLE_NAME), []))
#if(!$unprocessed.isEmpty())
$util.error("DynamoDB left the link heads unprocessed (throttled); nothing was deleted, retry", 'UnprocessedKeys', {}, {'retryable': true})
#end
#set($heads = {})
#foreach($head in $util.defaultIfNull($ctx.result.data.get($ctx.env.TABLE_NAME), []))
#if(!$util.isNull($head))$util.qr($heads.put($head.get('PK'), $head))#end
#end
$util.qr($ctx.stash.put('linkHeads', $heads))
$util.toJson($ctx.stash.node)
