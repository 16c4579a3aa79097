[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": GetItem by " + (view.unique??)?then(view.unique.field, "id") + ", only a " + view.entity.typename/]
#set($value = $ctx.args.get('[=view.argument]'))
[#if view.unique??]
#set($uprefix = '[=view.unique.prefix]')
[#if view.unique.number]
#set($n = $value)
[@lib.encodeNumber/]
#set($us = $enc)
[#else]
#set($us = "$value")
[/#if]
[#if view.unique.ignoreCase]
#set($us = $us.toLowerCase())
[/#if]
#set($pk = "${uprefix}${us}")
[#else]
#set($cid = $value)
[@lib.refuseInvalidId view.entity.typename "id"/]
#set($prefix = '[=view.entity.nodePrefix]')
#set($pk = "${prefix}${value}")
[/#if]
$util.toJson({'version': '2018-05-29', 'operation': 'GetItem', 'key': {'PK': $util.dynamodb.toDynamoDB($pk)}})
