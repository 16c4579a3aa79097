[#-- View: io.singletable.render.vtl.VtlViews.Relation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.relation + ": the items in the order of the ids; null for a missing id or another type"/]
[@lib.raiseDynamoDbError/]
#set($members = [[#list view.members as m]'[=m]'[#sep], [/#sep][/#list]])
#set($found = [])
[#if view.readRules??]
## An item the caller may not read is null at its place, as a missing one.
#set($readRules = [=view.readRules])
#foreach($candidate in $util.defaultIfNull($ctx.result.data.get($ctx.env.TABLE_NAME), []))
#if(!$util.isNull($candidate) && $members.contains($candidate.get('__typename')))
#set($authItem = $candidate)
[@lib.readable/]
#if($authAllowed)$util.qr($found.add($candidate))#end
#end
#end
[#else]
#foreach($candidate in $util.defaultIfNull($ctx.result.data.get($ctx.env.TABLE_NAME), []))
#if(!$util.isNull($candidate) && $members.contains($candidate.get('__typename')))$util.qr($found.add($candidate))#end
#end
[/#if]
#set($unprocessed = $util.defaultIfNull($ctx.result.unprocessedKeys.get($ctx.env.TABLE_NAME), []))
#if(!$unprocessed.isEmpty())
$util.appendError("[=view.relation]: DynamoDB left ${unprocessed.size()} ids unprocessed (throttled); they are null, retry", 'UnprocessedKeys')
#end
## At most 100 ids and 100 items: match them pairwise by their stored id, in the order of the ids.
#set($out = [])
#foreach($id in $util.defaultIfNull($ctx.source.get('[=view.keyField]'), []))
#set($match = '')
#foreach($candidate in $found)
#if($candidate.get('id') == $id)
#set($match = $candidate)
#break
#end
#end
#if($match == '')
## $absent is never set: a null that both AppSync and the simulator accept as an argument
$util.qr($out.add($absent))
#else
$util.qr($out.add($match))
#end
#end
$util.toJson($out)
