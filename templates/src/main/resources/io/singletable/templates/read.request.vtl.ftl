[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ", step 1: GetItem of the current " + view.entity.typename/]
#if(!$util.isNull($ctx.args.input))
#set($input = $ctx.args.input)
#set($id = $input.get('id'))
[@lib.refuseInvalidIds view.entity true/]
#else
#set($id = $ctx.args.get('id'))
#set($cid = $id)
[@lib.refuseInvalidId view.entity.typename "id"/]
#end
#set($prefix = '[=view.entity.nodePrefix]')
#set($pk = "${prefix}${id}")
$util.toJson({'version': '2018-05-29', 'operation': 'GetItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}, 'consistentRead': true})
