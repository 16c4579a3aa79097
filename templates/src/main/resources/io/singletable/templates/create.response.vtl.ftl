[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": the created item"/]
[@lib.raiseErrors view.entity true/]
$util.toJson($ctx.stash.item)
