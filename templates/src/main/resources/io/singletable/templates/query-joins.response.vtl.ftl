[#-- The shared function QueryJoins: keeps the join items (of the join type only) and the nextToken in the stash, and
     the keys of the items they name, each once, as the keys BatchGetNodes reads. --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "QueryJoins, step 1: the join items and the keys of the items they name"/]
[@lib.raiseDynamoDbError/]
#set($page = $ctx.stash.page)
#set($joins = [])
#set($keys = [])
#set($seen = [])
#foreach($join in $ctx.result.items)
#set($otherId = $join.get($page.otherIdField))
#if($join.get('__typename') == $page.joinType && !$util.isNullOrEmpty($otherId))
$util.qr($joins.add($join))
#if(!$seen.contains($otherId))
$util.qr($seen.add($otherId))
#set($key = "${page.nodePrefix}${otherId}")
$util.qr($keys.add({'PK': $util.dynamodb.toDynamoDB($key)}))
#end
#end
#end
$util.qr($ctx.stash.put('joins', $joins))
$util.qr($ctx.stash.put('nextToken', $ctx.result.nextToken))
$util.qr($ctx.stash.put('pending', $keys))
{}
