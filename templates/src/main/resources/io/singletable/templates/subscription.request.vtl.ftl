[#-- View: io.singletable.render.vtl.VtlViews.Subscription --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": runs when a client subscribes (NONE data source); the response template sets its filter"/]
{"version": "2018-05-29", "payload": {}}
