[#-- The AppSync functions and resolvers of one stack (the root template or a nested one).
     apiId / dataSource: the YAML value after "ApiId:" / "DataSourceName:" on its own line;
     prefix: what makes the template paths relative to this stack's file; dependsOnSchema: only the
     root can name the schema resource. --]
[#macro resolvers list apiId dataSource prefix dependsOnSchema]
[#list list as r]
[#list r.functions as f]

  [=f.logicalId]:
    Type: AWS::AppSync::FunctionConfiguration
    Properties:
      ApiId:
        [=apiId]
      Name: [=f.name]
      DataSourceName:
        [=dataSource]
      FunctionVersion: "2018-05-29"
      RequestMappingTemplateS3Location: [=prefix][=f.requestPath]
      ResponseMappingTemplateS3Location: [=prefix][=f.responsePath]
[/#list]

  [=r.logicalId]:
    Type: AWS::AppSync::Resolver
[#if dependsOnSchema]
    DependsOn: Schema
[/#if]
    Properties:
      ApiId:
        [=apiId]
      TypeName: [=r.typeName]
      FieldName: [=r.fieldName]
[#if r.pipeline()]
      Kind: PIPELINE
      PipelineConfig:
        Functions:
[#list r.functions as f]
          - Fn::GetAtt: [[=f.logicalId], FunctionId]
[/#list]
[#else]
      Kind: UNIT
      DataSourceName:
        [=dataSource]
[/#if]
      RequestMappingTemplateS3Location: [=prefix][=r.requestPath]
      ResponseMappingTemplateS3Location: [=prefix][=r.responsePath]
[/#list]
[/#macro]
