[#-- View: io.singletable.render.vtl.VtlViews.FieldAuth --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": never reached (the request template returns)"/]
$util.toJson($ctx.result)
