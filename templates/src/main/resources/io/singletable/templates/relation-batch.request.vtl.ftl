[#-- View: io.singletable.render.vtl.VtlViews.Relation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.relation + ": one BatchGetItem of the ids in " + view.keyField + " (at most 100 distinct)"/]
[#if view.fieldRules??]
## The relation field has @auth rules of its own: callers they do not admit get null and Unauthorized.
#set($authRules = [=view.fieldRules])
#set($authItem = $util.defaultIfNull($ctx.source, {}))
[@lib.requireAuthorized "read " + view.relation/]
[/#if]
#set($ids = $util.defaultIfNull($ctx.source.get('[=view.keyField]'), []))
#set($prefix = '[=view.nodePrefix]')
#set($keys = [])
#set($seen = [])
#foreach($id in $ids)
#if(!$util.isNullOrEmpty($id) && !$seen.contains($id))
$util.qr($seen.add($id))
#set($pk = "${prefix}${id}")
$util.qr($keys.add({'PK': $util.dynamodb.toDynamoDB($pk)}))
#end
#end
#if($keys.isEmpty())
#return([])
#end
#if($keys.size() > 100)
$util.error("[=view.relation] holds ${keys.size()} distinct ids; at most 100 can be fetched in one request", 'TooManyIds')
#end
#set($tables = {})
$util.qr($tables.put($ctx.env.TABLE_NAME, {'keys': $keys}))
$util.toJson({'version': '2018-05-29', 'operation': 'BatchGetItem', 'tables': $tables})
