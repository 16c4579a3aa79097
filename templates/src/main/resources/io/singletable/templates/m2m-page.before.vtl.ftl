[#-- View: io.singletable.render.vtl.VtlViews.ManyToManyPage --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.relation + ": the join items of " + view.joinType + " on " + view.index + " (one Query), then the " + view.members?join(" or ") + " items they name (one BatchGetItem)"/]
[#if view.fieldRules??]
## The relation field has @auth rules of its own: callers they do not admit get null and Unauthorized.
#set($authRules = [=view.fieldRules])
#set($authItem = $util.defaultIfNull($ctx.source, {}))
[@lib.requireAuthorized "read " + view.relation/]
[/#if]
## BatchGetItem reads at most 100 keys: a page holds at most 100 items.
#set($limit = $util.defaultIfNull($ctx.args.limit, 100))
#if($limit < 1 || $limit > 100)$util.error('limit must be between 1 and 100', 'BadRequest')#end
#set($prefix = '[=view.partitionPrefix]')
#set($id = $ctx.source.get('id'))
#set($forward = $ctx.args.sortDirection != 'DESC')
#set($pk = "${prefix}${id}")
#set($page = {'index': '[=view.index]', 'partitionAttribute': '[=view.partitionAttribute]', 'pk': $pk, 'limit': $limit, 'forward': $forward, 'otherIdField': '[=view.otherIdField]', 'nodePrefix': '[=view.nodePrefix]', 'joinType': '[=view.joinType]'})
[#if view.connection]
#if(!$util.isNullOrEmpty($ctx.args.nextToken))$util.qr($page.put('nextToken', $ctx.args.nextToken))#end
[/#if]
$util.qr($ctx.stash.put('page', $page))
$util.qr($ctx.stash.put('pending', []))
$util.qr($ctx.stash.put('found', {}))
{}
