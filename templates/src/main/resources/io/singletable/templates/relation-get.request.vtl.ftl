[#-- View: io.singletable.render.vtl.VtlViews.Relation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.relation + ": GetItem of the item whose id is in " + view.keyField/]
[#if view.fieldRules??]
## The relation field has @auth rules of its own: callers they do not admit get null and Unauthorized.
#set($authRules = [=view.fieldRules])
#set($authItem = $util.defaultIfNull($ctx.source, {}))
[@lib.requireAuthorized "read " + view.relation/]
[/#if]
#set($id = $util.defaultIfNull($ctx.source.get('[=view.keyField]'), ''))
#if($id == '')
#return
#end
#set($prefix = '[=view.nodePrefix]')
#set($pk = "${prefix}${id}")
$util.toJson({'version': '2018-05-29', 'operation': 'GetItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}})
