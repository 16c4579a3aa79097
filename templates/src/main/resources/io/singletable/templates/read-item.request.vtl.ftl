[#-- The shared function ReadItem, step 1 of every update and of every delete with unique fields.
     No view: everything type-specific is in the stash, put there by the resolver's request template
     (update.before.vtl.ftl, delete.before.vtl.ftl): entity (VtlViews.Entity.descriptor), id, pk. --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "ReadItem, step 1: GetItem of the node $ctx.stash.pk (consistent)"/]
#set($pk = $ctx.stash.pk)
$util.toJson({'version': '2018-05-29', 'operation': 'GetItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}, 'consistentRead': true})
