[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": the last step's result"/]
#if($ctx.error)$util.error($ctx.error.message, $ctx.error.type)#end
$util.toJson($ctx.prev.result)
