[#-- The shared function ReadLinks, step 2 of a delete of a type in @manyToMany relations: one BatchGetItem,
     strongly consistent, of the item's link heads (<relation>#<id>), which list every item it is linked to (the GSI
     of the join items is only eventually consistent). The item read in step 1 is kept for step 3. --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "ReadLinks, step 2: BatchGetItem (consistent) of the link heads of the item read"/]
#set($node = $ctx.prev.result)
$util.qr($ctx.stash.put('node', $node))
#set($id = $node.get('id'))
#set($keys = [])
#foreach($link in $ctx.stash.entity.links)
#set($head = "${link.name}${H}${id}")
$util.qr($keys.add({'PK': $util.dynamodb.toDynamoDB($head)}))
#end
#set($tables = {})
$util.qr($tables.put($ctx.env.TABLE_NAME, {'keys': $keys, 'consistentRead': true}))
$util.toJson({'version': '2018-05-29', 'operation': 'BatchGetItem', 'tables': $tables})
