[#-- View: io.singletable.render.vtl.VtlViews.Relation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.relation + ": the item, or null unless it is a " + view.members?join(" or ") + " with the id in " + view.keyField/]
[@lib.raiseDynamoDbError/]
#set($members = [[#list view.members as m]'[=m]'[#sep], [/#sep][/#list]])
## Only an item of a member type whose id is the id the source holds: never another item under that key.
#if($util.isNull($ctx.result) || !$members.contains($ctx.result.get('__typename')) || $ctx.result.get('id') != $ctx.source.get('[=view.keyField]'))
null
#else
$util.toJson($ctx.result)
#end
