[#-- The shared function ReadLinks: $ctx.stash.linkHeads maps each head key read to its item (absent: no head); the
     result is the item step 1 read, for the next step. Keys left unprocessed fail the resolver (nothing is written;
     retry). For an update, $ctx.stash.readKeys gets the keys of the join items the heads of $ctx.stash.linksToRead
     list, for ReadKeys to read (a head may still list an item deleted since: its join item is gone, and must not be
     written again). --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "ReadLinks, step 2: the link heads by key; the item read in step 1"/]
[@lib.raiseDynamoDbError/]
#set($unprocessed = $util.defaultIfNull($ctx.result.unprocessedKeys.get($ctx.env.TABLE_NAME), []))
#if(!$unprocessed.isEmpty())
$util.error("DynamoDB left the link heads unprocessed (throttled); nothing was written, retry", 'UnprocessedKeys', {}, {'retryable': true})
#end
#set($heads = {})
#foreach($head in $util.defaultIfNull($ctx.result.data.get($ctx.env.TABLE_NAME), []))
#if(!$util.isNull($head))$util.qr($heads.put($head.get('PK'), $head))#end
#end
$util.qr($ctx.stash.put('linkHeads', $heads))
#set($linksToRead = $ctx.stash.linksToRead)
#if(!$util.isNull($linksToRead))
#set($id = $ctx.stash.node.get('id'))
#set($joinKeys = [])
#foreach($link in $ctx.stash.entity.links)
#set($head = $util.defaultIfNull($heads.get("${link.name}${H}${id}"), {}))
#if($linksToRead.contains($link.name) && !$head.isEmpty())
#foreach($other in $util.defaultIfNull($head.get('links'), []))
#if($link.side == 'a')
$util.qr($joinKeys.add("${link.name}${H}${id}${H}${other}"))
#else
$util.qr($joinKeys.add("${link.name}${H}${other}${H}${id}"))
#end
#end
#end
#end
#if($joinKeys.size() > 99)
#set($typename = $ctx.stash.entity.typename)
$util.error("${typename} ${id} is linked to too many items (${joinKeys.size()}) for the join items' copies of its sort values to be rewritten with it in one transaction; remove some links first", 'TooManyLinks')
#end
$util.qr($ctx.stash.put('readKeys', $joinKeys))
#end
$util.toJson($ctx.stash.node)
