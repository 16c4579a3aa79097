[#-- The shared function ReadLinks, step 2 of a delete of a type in @manyToMany relations, and of an update of a type
     whose values some @manyToMany side sorts by: one BatchGetItem, strongly consistent, of the item's link heads
     (<relation>#<id>), which list every item it is linked to (the GSI of the join items is only eventually
     consistent). A delete reads every head; an update only those of $ctx.stash.linksToRead, the relations whose sort
     copies its input may change (none: no request). The item read in step 1 is kept for the next steps. --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "ReadLinks, step 2: BatchGetItem (consistent) of the link heads of the item read"/]
#set($node = $ctx.prev.result)
$util.qr($ctx.stash.put('node', $node))
$util.qr($ctx.stash.put('linkHeads', {}))
#set($id = $node.get('id'))
#set($linksToRead = $ctx.stash.linksToRead)
#set($keys = [])
#foreach($link in $ctx.stash.entity.links)
#if($util.isNull($linksToRead) || $linksToRead.contains($link.name))
#set($head = "${link.name}${H}${id}")
$util.qr($keys.add({'PK': $util.dynamodb.toDynamoDB($head)}))
#end
#end
#if($keys.isEmpty())
#return($node)
#end
#set($tables = {})
$util.qr($tables.put($ctx.env.TABLE_NAME, {'keys': $keys, 'consistentRead': true}))
$util.toJson({'version': '2018-05-29', 'operation': 'BatchGetItem', 'tables': $tables})
