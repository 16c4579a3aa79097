[#-- The shared function ReadKeys: one BatchGetItem, strongly consistent, of the keys in $ctx.stash.readKeys (at most
     100; none: no request). Used by the connect of a sorted @manyToMany relation (both items) and by an update that
     rewrites the sort copies its join items keep (those join items). The previous step's result passes through. --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "ReadKeys: BatchGetItem (consistent) of the keys the resolver needs read (none: no request)"/]
#set($readKeys = $util.defaultIfNull($ctx.stash.readKeys, []))
$util.qr($ctx.stash.put('readItems', {}))
#if($readKeys.isEmpty())
#return($ctx.prev.result)
#end
#set($keys = [])
#foreach($readKey in $readKeys)
$util.qr($keys.add({'PK': $util.dynamodb.toDynamoDB($readKey)}))
#end
#set($tables = {})
$util.qr($tables.put($ctx.env.TABLE_NAME, {'keys': $keys, 'consistentRead': true}))
$util.toJson({'version': '2018-05-29', 'operation': 'BatchGetItem', 'tables': $tables})
