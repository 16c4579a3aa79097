[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[#assign e = view.entity]
[@lib.header view.operation + ": pipeline of the shared functions ReadItem, DeleteItem; refuses an invalid id and describes the " + e.typename + " for them in the stash"/]
#set($id = $ctx.args.get('id'))
#set($cid = $id)
[@lib.refuseInvalidId e.typename "id"/]
#set($prefix = '[=e.nodePrefix]')
$util.qr($ctx.stash.put('id', $id))
$util.qr($ctx.stash.put('pk', "${prefix}${id}"))
$util.qr($ctx.stash.put('entity', [=e.descriptor(false)]))
[#if e.auth??]
$util.qr($ctx.stash.put('auth', [=e.auth.stash("delete")]))
[/#if]
{}
