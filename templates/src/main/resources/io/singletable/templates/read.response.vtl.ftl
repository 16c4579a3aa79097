[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ", step 1: fails unless the item exists and is a " + view.entity.typename/]
[@lib.raiseDynamoDbError/]
#if(!$util.isNull($ctx.args.input))
#set($id = $ctx.args.input.get('id'))
#else
#set($id = $ctx.args.get('id'))
#end
## Only an item of the type whose id is the id asked for: never another item under that key.
#if($util.isNull($ctx.result) || $ctx.result.get('__typename') != '[=view.entity.typename]' || $ctx.result.get('id') != $id)
#set($typename = '[=view.entity.typename]')
$util.error("${typename} not found", 'NotFound')
#end
$util.qr($ctx.stash.put('current', $ctx.result))
$util.toJson($ctx.result)
