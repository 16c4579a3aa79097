[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[#assign e = view.entity]
[@lib.header view.operation + ": pipeline of the shared functions ReadItem, UpdateItem; refuses invalid ids and describes the " + e.typename + " for them in the stash"/]
#set($input = $ctx.args.input)
[@lib.refuseInvalidIds e true/]
#set($id = $input.get('id'))
#set($prefix = '[=e.nodePrefix]')
$util.qr($ctx.stash.put('id', $id))
$util.qr($ctx.stash.put('pk', "${prefix}${id}"))
$util.qr($ctx.stash.put('entity', [=e.descriptor(true)]))
[#if e.fieldRules??]
$util.qr($ctx.stash.put('fieldRules', [=e.fieldRules]))
[/#if]
[#assign sortedLinks = e.links?filter(l -> l.sorted())]
[#if sortedLinks?has_content]
## @manyToMany relations whose join items copy values of this item: those whose copies the input may change get their
## link heads and join items read (ReadLinks, ReadKeys) for UpdateItem to rewrite the copies with the item
#set($linksToRead = [])
[#list sortedLinks as l]
#if([#if l.always]true[#else][#list l.sortIndex.components as c]$input.containsKey('[=c.field]')[#sep] || [/#list][/#if])$util.qr($linksToRead.add('[=l.name]'))#end
[/#list]
$util.qr($ctx.stash.put('linksToRead', $linksToRead))
[/#if]
[#if e.auth??]
$util.qr($ctx.stash.put('auth', [=e.auth.stash("update")]))
[/#if]
{}
