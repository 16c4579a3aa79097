[#-- View: io.singletable.render.vtl.VtlViews.Relation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.relation + ": the items in the order of the ids; null for a missing id or another type"/]
#if($ctx.error)$util.error($ctx.error.message, $ctx.error.type)#end
#set($members = [[#list view.members as m]'[=m]'[#sep], [/#sep][/#list]])
#set($byId = {})
#foreach($found in $util.defaultIfNull($ctx.result.data.get($ctx.env.TABLE_NAME), []))
#if(!$util.isNull($found) && $members.contains($found.get('__typename')))$util.qr($byId.put($found.get('id'), $found))#end
#end
#set($unprocessed = $util.defaultIfNull($ctx.result.unprocessedKeys.get($ctx.env.TABLE_NAME), []))
#if(!$unprocessed.isEmpty())
$util.appendError("[=view.relation]: DynamoDB left ${unprocessed.size()} ids unprocessed (throttled); they are null, retry", 'UnprocessedKeys')
#end
#set($out = [])
#foreach($id in $util.defaultIfNull($ctx.source.get('[=view.keyField]'), []))
$util.qr($out.add($byId.get($id)))
#end
$util.toJson($out)
