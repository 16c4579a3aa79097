[#-- The shared functions BatchGetNodes and BatchGetNodesRetry, steps 2 and 3 of every @manyToMany page: one
     BatchGetItem of the keys in $ctx.stash.pending (at most 100), or no request at all when none is left. --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "BatchGetNodes: BatchGetItem of the keys still pending (none: no request)"/]
#set($pending = $util.defaultIfNull($ctx.stash.pending, []))
#if($pending.isEmpty())
#return({})
#end
#set($tables = {})
$util.qr($tables.put($ctx.env.TABLE_NAME, {'keys': $pending}))
$util.toJson({'version': '2018-05-29', 'operation': 'BatchGetItem', 'tables': $tables})
