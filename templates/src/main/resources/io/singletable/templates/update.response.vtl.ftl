[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ", step 2: the updated item"/]
[@lib.raiseErrors view.entity false/]
$util.toJson($ctx.stash.item)
