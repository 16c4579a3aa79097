[#-- View: io.singletable.render.vtl.VtlViews.Operation --]
[#import "vtl-lib.ftl" as lib]
[@lib.header view.operation + ": pipeline"/]
{}
