[#-- View: io.singletable.render.vtl.VtlViews.Relation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.relation + ": " + view.connection?then("a page and its nextToken", "the first limit items")/]
[@lib.raiseDynamoDbError/]
#set($members = [[#list view.members as m]'[=m]'[#sep], [/#sep][/#list]])
#set($items = [])
[#if view.readRules??]
## Items the caller may not read are left out: a page can hold fewer than limit items, and nextToken (DynamoDB's)
## still leads to the rest.
#set($readRules = [=view.readRules])
#foreach($found in $ctx.result.items)
#if($members.contains($found.get('__typename')))
#set($authItem = $found)
[@lib.readable/]
#if($authAllowed)$util.qr($items.add($found))#end
#end
#end
[#else]
#foreach($found in $ctx.result.items)
#if($members.contains($found.get('__typename')))$util.qr($items.add($found))#end
#end
[/#if]
[#if view.connection]
$util.toJson({'items': $items, 'nextToken': $ctx.result.nextToken})
[#else]
#set($limit = $util.defaultIfNull($ctx.args.limit, 100))
#if(!$util.isNullOrEmpty($ctx.result.nextToken) && $items.size() < $limit)
$util.appendError("[=view.relation]: DynamoDB ended the page at 1 MB before ${limit} items; declare the field as a connection to page through all", 'PartialResult')
#end
$util.toJson($items)
[/#if]
