[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ", step 1: fails unless the item exists and is a " + view.entity.typename/]
#if($ctx.error)$util.error($ctx.error.message, $ctx.error.type)#end
#if($util.isNull($ctx.result) || $ctx.result.get('__typename') != '[=view.entity.typename]')
#set($typename = '[=view.entity.typename]')
$util.error("${typename} not found", 'NotFound')
#end
$util.qr($ctx.stash.put('current', $ctx.result))
$util.toJson($ctx.result)
