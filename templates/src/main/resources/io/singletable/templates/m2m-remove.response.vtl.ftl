[#-- View: io.singletable.render.vtl.VtlViews.ManyToManyWrite --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": the join item as it was; removing a link that does not exist changes nothing and succeeds"/]
#if($ctx.error)
#set($reasons = $util.defaultIfNull($ctx.result.cancellationReasons, []))
## the join item is missing (its condition failed): nothing was linked, so nothing changed
#set($reasonType = '')
#if($reasons.size() > 0 && !$util.isNull($reasons.get(0)))#set($reasonType = $util.defaultIfNull($reasons.get(0).type, ''))#end
#if($reasonType.startsWith('Condition'))
#return($ctx.stash.item)
#end
#set($typename = '[=view.joinType]')
[@lib.raiseErrorsOf false/]
#end
$util.toJson($ctx.stash.item)
