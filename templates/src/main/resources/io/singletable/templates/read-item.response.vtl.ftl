[#-- The shared function ReadItem: see read-item.request.vtl.ftl. --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "ReadItem, step 1: fails unless the item exists and is a $ctx.stash.entity.typename"/]
[@lib.raiseDynamoDbError/]
#set($id = $ctx.stash.id)
#set($typename = $ctx.stash.entity.typename)
## Only an item of the type whose id is the id asked for: never another item under that key.
#if($util.isNull($ctx.result) || $ctx.result.get('__typename') != $typename || $ctx.result.get('id') != $id)
$util.error("${typename} not found", 'NotFound')
#end
$util.qr($ctx.stash.put('current', $ctx.result))
$util.toJson($ctx.result)
