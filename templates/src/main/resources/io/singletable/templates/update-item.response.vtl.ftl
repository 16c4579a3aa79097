[#-- The shared function UpdateItem: see update-item.request.vtl.ftl. --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "UpdateItem, step 2: the updated item"/]
#set($typename = $ctx.stash.entity.typename)
[#if (view.versioned)!false]
[@lib.raiseVersionConflict/]
[/#if]
[@lib.raiseErrorsOf false/]
$util.toJson($ctx.stash.item)
