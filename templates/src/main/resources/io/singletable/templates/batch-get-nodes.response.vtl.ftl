[#-- The shared functions BatchGetNodes and BatchGetNodesRetry: the items read go into $ctx.stash.found by id; the keys
     DynamoDB left unprocessed stay pending for the next step. --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "BatchGetNodes: the items read, by id; unprocessed keys stay pending"/]
[@lib.raiseDynamoDbError/]
#if(!$util.isNull($ctx.result) && !$util.isNull($ctx.result.data))
#set($found = $ctx.stash.found)
#foreach($item in $util.defaultIfNull($ctx.result.data.get($ctx.env.TABLE_NAME), []))
#if(!$util.isNull($item) && !$util.isNull($item.get('id')))$util.qr($found.put($item.get('id'), $item))#end
#end
## AppSync gives unprocessed keys as plain values ({"PK": "NODE#…"}); they are typed again for the next request
#set($pending = [])
#foreach($key in $util.defaultIfNull($ctx.result.unprocessedKeys.get($ctx.env.TABLE_NAME), []))
#set($pk = $key.get('PK'))
#if($util.isMap($pk))
$util.qr($pending.add({'PK': $pk}))
#else
$util.qr($pending.add({'PK': $util.dynamodb.toDynamoDB($pk)}))
#end
#end
$util.qr($ctx.stash.put('pending', $pending))
#end
{}
