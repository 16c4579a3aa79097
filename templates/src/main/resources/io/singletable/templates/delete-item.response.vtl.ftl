[#-- The shared function DeleteItem: see delete-item.request.vtl.ftl. --]
[#import "vtl-lib.ftl" as lib]
[@lib.header "DeleteItem, step 2: the deleted item"/]
#set($typename = $ctx.stash.entity.typename)
[#if (view.versioned)!false]
[@lib.raiseVersionConflict/]
[/#if]
[@lib.raiseErrorsOf false/]
$util.toJson($ctx.stash.item)
