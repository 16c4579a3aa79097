[#-- View: io.singletable.render.vtl.VtlViews.ManyToManyWrite --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": the join item; NotFound when an id names no item of its type"/]
#if($ctx.error)
#set($typename = '[=view.joinType]')
#set($reasons = $util.defaultIfNull($ctx.result.cancellationReasons, []))
## the first two items check the a and the b item: a failed condition there names an id of no such item
[#list [["0", view.aType, view.aIdField], ["1", view.bType, view.bIdField]] as check]
#set($reasonType = '')
#if($reasons.size() > [=check[0]] && !$util.isNull($reasons.get([=check[0]])))#set($reasonType = $util.defaultIfNull($reasons.get([=check[0]]).type, ''))#end
#if($reasonType.startsWith('Condition'))
#set($missingId = $ctx.args.get('[=check[2]]'))
$util.error("no [=check[1]] has the id ${missingId}", 'NotFound')
#end
[/#list]
[@lib.raiseErrorsOf false/]
#end
$util.toJson($ctx.stash.item)
