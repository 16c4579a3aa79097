[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": the item, or null unless it is a " + view.entity.typename/]
#if($ctx.error)$util.error($ctx.error.message, $ctx.error.type)#end
#if($util.isNull($ctx.result) || $ctx.result.get('__typename') != '[=view.entity.typename]')
null
#else
$util.toJson($ctx.result)
#end
