[#-- View: io.singletable.render.vtl.VtlViews.ManyToManyPage --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.relation + ": the items in the order of their join items; " + view.connection?then("a page and its nextToken", "the first limit items")/]
[@lib.raiseDynamoDbError/]
#set($members = [[#list view.members as m]'[=m]'[#sep], [/#sep][/#list]])
#set($found = $ctx.stash.found)
#set($pending = $util.defaultIfNull($ctx.stash.pending, []))
#if(!$pending.isEmpty())
$util.appendError("[=view.relation]: DynamoDB left ${pending.size()} items unprocessed after 3 BatchGetItem requests (throttled); they are left out, retry", 'UnprocessedKeys')
#end
[#if view.readRules??]
#set($readRules = [=view.readRules])
[/#if]
#set($items = [])
#foreach($join in $util.defaultIfNull($ctx.stash.joins, []))
#set($otherId = $join.get('[=view.otherIdField]'))
#set($candidate = $found.get($otherId))
## a missing item (deleted between the Query and the BatchGetItem) or one of another type is left out
#if(!$util.isNull($candidate) && $members.contains($candidate.get('__typename')) && $candidate.get('id') == $otherId)
[#if view.readRules??]
#set($authItem = $candidate)
[@lib.readable/]
#if($authAllowed)$util.qr($items.add($candidate))#end
[#else]
$util.qr($items.add($candidate))
[/#if]
#end
#end
[#if view.connection]
$util.toJson({'items': $items, 'nextToken': $ctx.stash.nextToken})
[#else]
#if(!$util.isNullOrEmpty($ctx.stash.nextToken) && $items.size() < $ctx.stash.page.limit)
$util.appendError("[=view.relation]: DynamoDB ended the page at 1 MB before ${ctx.stash.page.limit} items; declare the field as a connection to page through all", 'PartialResult')
#end
$util.toJson($items)
[/#if]
