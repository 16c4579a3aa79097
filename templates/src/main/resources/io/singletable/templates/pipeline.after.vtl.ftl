[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": the last step's result"/]
[@lib.raiseDynamoDbError/]
$util.toJson($ctx.prev.result)
