[#-- View: io.singletable.render.vtl.VtlViews.Relation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.relation + ": the item, or null unless it is a " + view.members?join(" or ")/]
#if($ctx.error)$util.error($ctx.error.message, $ctx.error.type)#end
#set($members = [[#list view.members as m]'[=m]'[#sep], [/#sep][/#list]])
#if($util.isNull($ctx.result) || !$members.contains($ctx.result.get('__typename')))
null
#else
$util.toJson($ctx.result)
#end
