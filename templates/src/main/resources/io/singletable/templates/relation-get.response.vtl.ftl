[#-- View: io.singletable.render.vtl.VtlViews.Relation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.relation + ": the item, or null unless it is a " + view.members?join(" or ") + " with the id in " + view.keyField/]
[@lib.raiseDynamoDbError/]
#set($members = [[#list view.members as m]'[=m]'[#sep], [/#sep][/#list]])
## Only an item of a member type whose id is the id the source holds: never another item under that key.
[#if view.readRules??]
#set($authAllowed = true)
## An item the caller may not read is left out, as if it were not there.
#set($readRules = [=view.readRules])
#if(!$util.isNull($ctx.result))
#set($authItem = $ctx.result)
[@lib.readable/]
#end
[/#if]
#if($util.isNull($ctx.result) || !$members.contains($ctx.result.get('__typename')) || $ctx.result.get('id') != $ctx.source.get('[=view.keyField]')[#if view.readRules??] || !$authAllowed[/#if])
null
#else
$util.toJson($ctx.result)
#end
