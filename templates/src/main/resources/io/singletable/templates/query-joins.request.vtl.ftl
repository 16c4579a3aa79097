[#-- The shared function QueryJoins, step 1 of every @manyToMany page: one Query of the join items. No view: the
     resolver's request template (m2m-page.before.vtl.ftl) put the page in the stash: index, partitionAttribute, pk,
     limit, forward, nextToken. --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "QueryJoins, step 1: Query of the join items whose partition attribute is $ctx.stash.page.pk"/]
#set($page = $ctx.stash.page)
#set($names = {})
$util.qr($names.put("${H}pk", $page.partitionAttribute))
#set($query = {'expression': "${H}pk = :pk", 'expressionNames': $names, 'expressionValues': {':pk': $util.dynamodb.toDynamoDB($page.pk)}})
#set($request = {'version': '2018-05-29', 'operation': 'Query', 'index': $page.index, 'query': $query, 'limit': $page.limit, 'scanIndexForward': $page.forward})
#if(!$util.isNullOrEmpty($page.nextToken))$util.qr($request.put('nextToken', $page.nextToken))#end
$util.toJson($request)
