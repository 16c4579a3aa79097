[#-- View: io.singletable.render.vtl.VtlViews.Relation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.relation + ": Query " + view.index + " where " + view.partitionAttribute + " = " + view.partitionPrefix + view.list?then("<" + view.by?join(", ") + ">", "<id>")/]
[#if view.fieldRules??]
## The relation field has @auth rules of its own: callers they do not admit get null and Unauthorized.
#set($authRules = [=view.fieldRules])
#set($authItem = $util.defaultIfNull($ctx.source, {}))
[@lib.requireAuthorized "read " + view.relation/]
[/#if]
#set($limit = $util.defaultIfNull($ctx.args.limit, 100))
#if($limit < 1 || $limit > 1000)$util.error('limit must be between 1 and 1000', 'BadRequest')#end
[#if view.list]
[#if view.by?has_content]
[@lib.escapeChars/]
[/#if]
[@lib.listPartition view/]
[#else]
#set($prefix = '[=view.partitionPrefix]')
#set($id = $ctx.source.get('id'))
#set($pk = "${prefix}${id}")
[/#if]
#set($names = {})
$util.qr($names.put("${H}pk", '[=view.partitionAttribute]'))
#set($query = {'expression': "${H}pk = :pk", 'expressionNames': $names, 'expressionValues': {':pk': $util.dynamodb.toDynamoDB($pk)}})
#set($forward = $ctx.args.sortDirection != 'DESC')
#set($request = {'version': '2018-05-29', 'operation': 'Query', 'index': '[=view.index]', 'query': $query, 'limit': $limit, 'scanIndexForward': $forward})
[#if view.connection]
#if(!$util.isNullOrEmpty($ctx.args.nextToken))$util.qr($request.put('nextToken', $ctx.args.nextToken))#end
[/#if]
$util.toJson($request)
