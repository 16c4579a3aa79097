[#-- View: io.singletable.render.vtl.VtlViews.FieldAuth --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": the field of its item for callers its own @auth rules admit; else null, Unauthorized"/]
## No data source is called: the value is the source item's, returned from here.
#set($authRules = [=view.rules])
#set($authItem = $util.defaultIfNull($ctx.source, {}))
[@lib.requireAuthorized "read " + view.operation/]
#return($authItem.get('[=view.field]'))
