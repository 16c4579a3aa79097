[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": the item, or null unless it is a " + view.entity.typename + (view.unique??)?then(" whose " + (view.unique.field)!"" + " is the value asked for", " whose id is the id asked for")/]
[@lib.raiseDynamoDbError/]
#set($value = $ctx.args.get('[=view.argument]'))
#if($util.isNull($ctx.result) || $ctx.result.get('__typename') != '[=view.entity.typename]')
#set($found = false)
#else
[#if view.unique??]
## A unique item is a copy of its node: its value must name the key asked for.
#set($item = {'[=view.unique.field]': $value})
[@lib.uniqueKey view.unique/]
#set($asked = $ukey)
#set($item = $ctx.result)
[@lib.uniqueKey view.unique/]
#set($found = $ukey == $asked)
[#else]
#set($found = $ctx.result.get('id') == $value)
[/#if]
#end
[#if view.entity.auth??]
#if($found)
#set($authRules = [=view.entity.auth.read])
#set($authItem = $ctx.result)
[@lib.requireAuthorized "read this " + view.entity.typename/]
#end
[/#if]
#if(!$found)
null
#else
$util.toJson($ctx.result)
#end
