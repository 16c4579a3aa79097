[#-- View: io.singletable.render.vtl.VtlViews.ManyToManyWrite --]
[#import "vtl-lib.ftl" as lib]
[#assign a = view.a]
[#assign b = view.b]
[#if view.connect]
[@lib.header view.operation + ": link a " + a.type + " and a " + b.type + ": pipeline of the shared functions " + view.readsItems()?then("ReadKeys (both items, consistently: " + view.sorted()?then("the join item keeps copies of the values the relation sorts by", "for the @auth rules") + "), ", "") + "LinkItems (one TransactWriteItems: both items checked, the join item put, both link heads updated)"/]
[#else]
[@lib.header view.operation + ": unlink a " + a.type + " and a " + b.type + ": pipeline of the shared functions ReadKeys (both items, consistently, for the @auth rules), LinkItems (one TransactWriteItems: the join item deleted, both link heads updated, both items checked)"/]
[/#if]
#set($aId = $ctx.args.get('[=a.idField]'))
#set($bId = $ctx.args.get('[=b.idField]'))
#set($cid = $aId)
[@lib.refuseInvalidId view.joinType a.idField/]
#set($cid = $bId)
[@lib.refuseInvalidId view.joinType b.idField/]
$util.qr($ctx.stash.put('linkA', $aId))
$util.qr($ctx.stash.put('linkB', $bId))
$util.qr($ctx.stash.put('link', [=view.descriptor()]))
[#if view.readsItems()]
#set($aNode = "[=a.nodePrefix]${aId}")
#set($bNode = "[=b.nodePrefix]${bId}")
$util.qr($ctx.stash.put('readKeys', [$aNode, $bNode]))
[/#if]
{}
