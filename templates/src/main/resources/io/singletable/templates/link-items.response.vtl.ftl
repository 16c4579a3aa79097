[#-- The shared function LinkItems: see link-items.request.vtl.ftl. --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "LinkItems: the join item; NotFound when an id names no item of its type"/]
#if($ctx.error)
#set($link = $ctx.stash.link)
#set($typename = $link.joinType)
#set($reasons = $util.defaultIfNull($ctx.result.cancellationReasons, []))
## a connect checks the a and the b item first, a disconnect last (after the join item and the two heads): a failed
## check names an id of no such item or, when both were read first, an item that changed or went since the read. A
## disconnect whose join item is missing (its first condition) had nothing to remove.
#if($link.connect)
#set($firstCheck = 0)
#else
#set($firstCheck = 3)
#end
#set($at = -1)
#foreach($reason in $reasons)
#set($at = $at + 1)
#set($reasonType = '')
#if(!$util.isNull($reason) && !$util.isNull($reason.type))#set($reasonType = $reason.type)#end
#if($reasonType.startsWith('Condition'))
#if(!$link.connect && $at == 0)
#return($ctx.stash.item)
#end
#if($at == $firstCheck || $at == $firstCheck + 1)
#if($at == $firstCheck)
#set($missingId = $ctx.stash.linkA)
#set($missingType = $link.a.type)
#else
#set($missingId = $ctx.stash.linkB)
#set($missingType = $link.b.type)
#end
#if($link.read)
$util.error("${missingType} ${missingId} changed or was deleted since it was read; retry", 'ConditionalCheckFailed')
#end
$util.error("no ${missingType} has the id ${missingId}", 'NotFound')
#end
#end
#end
[@lib.raiseErrorsOf false/]
#end
$util.toJson($ctx.stash.item)
