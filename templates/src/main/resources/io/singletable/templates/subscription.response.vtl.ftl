[#-- View: io.singletable.render.vtl.VtlViews.Subscription --]
[#import "vtl-lib.ftl" as lib]
[#-- With $authRules set: nothing when a rule that does not depend on the item admits the caller; else the
     item-dependent rules (owner, groups from a field) as one more condition on the item in $conditions, ORed; a
     caller none of them can admit is refused. --]
[#macro requireReadable]
#set($authItem = {})
[@lib.authorize/]
#if(!$authAllowed)
#set($authAlternatives = [])
#if($authType == 'User Pool Authorization')
#foreach($rule in $authRules)
#if($rule.allow == 'owner')
#set($authClaim = $util.defaultIfNull($authClaims.get($rule.claim), ''))
#if($util.isString($authClaim) && !$authClaim.isEmpty())
#set($condition = {})
#if($rule.list)
$util.qr($condition.put($rule.field, {'contains': $authClaim}))
#else
$util.qr($condition.put($rule.field, {'eq': $authClaim}))
#end
$util.qr($authAlternatives.add($condition))
#end
#elseif($rule.allow == 'groups' && !$util.isNull($rule.field) && !$authGroups.isEmpty())
## 'in' takes at most 5 values and 'containsAny' 20: the caller's groups in chunks, each an alternative
#set($chunks = [])
#set($chunk = [])
#foreach($group in $authGroups)
#if($chunk.size() == 5)
$util.qr($chunks.add($chunk))
#set($chunk = [])
#end
$util.qr($chunk.add($group))
#end
$util.qr($chunks.add($chunk))
#foreach($groupChunk in $chunks)
#set($condition = {})
#if($rule.list)
$util.qr($condition.put($rule.field, {'containsAny': $groupChunk}))
#else
$util.qr($condition.put($rule.field, {'in': $groupChunk}))
#end
$util.qr($authAlternatives.add($condition))
#end
#end
#end
#end
#if($authAlternatives.isEmpty())
$util.unauthorized()
#elseif($authAlternatives.size() == 1)
$util.qr($conditions.add($authAlternatives.get(0)))
#else
$util.qr($conditions.add({'or': $authAlternatives}))
#end
#end
[/#macro]
[@lib.header view.operation + ": the subscriber's enhanced filter, evaluated by AppSync on every " + view.mutations?join(", ") + " result"/]
## Each argument given is an equality on the stored field of its name. They are ANDed, and so is what the
## @auth read rules require, so a subscriber only ever receives the items it may read.
#set($conditions = [])
#foreach($field in [=view.filterFields])
#if(!$util.isNull($ctx.args.get($field)))
#set($condition = {})
$util.qr($condition.put($field, {'eq': $ctx.args.get($field)}))
$util.qr($conditions.add($condition))
#end
#end
[#if view.rules??]
## @auth of [=view.entity]: a read rule that does not depend on the item (public, private, static groups) admits the
## caller to every item; else the item-dependent rules (owner, groups from a field) become a condition on the item
## (each rule an alternative); a caller no read rule can admit is refused.
#set($authRules = [=view.rules])
[@requireReadable/]
[/#if]
[#list view.protectedFields as f]
## [=view.entity].[=f.field] has read rules of its own. AppSync delivers to subscribers the mutation's result as it is,
## without resolving fields for them: a subscriber selecting it must be admitted to it by a rule that does not
## depend on the item, or receives only the items whose rules admit it.
#if($ctx.info.selectionSetList.contains('[=f.field]'))
#set($authRules = [=f.rules])
[@requireReadable/]
#end
[/#list]
#if($conditions.size() == 1)
$extensions.setSubscriptionFilter($util.transform.toSubscriptionFilter($conditions.get(0)))
#elseif($conditions.size() > 1)
$extensions.setSubscriptionFilter($util.transform.toSubscriptionFilter({'and': $conditions}))
#end
$util.toJson(null)
