[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ", step 1: GetItem of the current " + view.entity.typename/]
#if(!$util.isNull($ctx.args.input))
#set($id = $ctx.args.input.get('id'))
#else
#set($id = $ctx.args.get('id'))
#end
#set($prefix = '[=view.entity.nodePrefix]')
#set($pk = "${prefix}${id}")
$util.toJson({'version': '2018-05-29', 'operation': 'GetItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}, 'consistentRead': true})
