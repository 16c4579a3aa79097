[#-- View: io.singletable.render.vtl.VtlViews.Relation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.relation + ": GetItem of the item whose id is in " + view.keyField/]
#set($id = $util.defaultIfNull($ctx.source.get('[=view.keyField]'), ''))
#if($id == '')
#return
#end
#set($prefix = '[=view.nodePrefix]')
#set($pk = "${prefix}${id}")
$util.toJson({'version': '2018-05-29', 'operation': 'GetItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}})
