[#-- The AppSync functions and resolvers of one stack (the root template or a nested one).
     apiId / dataSource / noneDataSource: the YAML value after "ApiId:" / "DataSourceName:" on its own line (the
     table's data source, the NONE data source of subscription resolvers);
     prefix: what makes the template paths relative to this stack's file; root: the root template, which
     declares the shared functions and the schema (elsewhere their ids arrive as parameters). --]
[#macro functions list apiId dataSource]
[#list list as f]

  [=f.logicalId]:
    Type: AWS::AppSync::FunctionConfiguration
    Properties:
      ApiId:
        [=apiId]
      Name: [=f.name]
      DataSourceName:
        [=dataSource]
      FunctionVersion: "2018-05-29"
      RequestMappingTemplateS3Location: [=f.requestPath]
      ResponseMappingTemplateS3Location: [=f.responsePath]
[/#list]
[/#macro]
[#macro resolvers list apiId dataSource noneDataSource prefix root]
[#list list as r]

  [=r.logicalId]:
    Type: AWS::AppSync::Resolver
[#if root]
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
[#if root]
          - Fn::GetAtt: [[=f.logicalId], FunctionId]
[#else]
          - Ref: [=f.logicalId]Id
[/#if]
[/#list]
[#else]
      Kind: UNIT
      DataSourceName:
        [#if r.none][=noneDataSource][#else][=dataSource][/#if]
[/#if]
      RequestMappingTemplateS3Location: [=prefix][=r.requestPath]
      ResponseMappingTemplateS3Location: [=prefix][=r.responsePath]
[/#list]
[/#macro]
[#-- The Parameters of a stack nested in the root or in a group: what its resolvers need of the root. --]
[#macro nestedParameters functions none]
Parameters:
  ApiId:
    Type: String
    Description: Id of the AppSync API (from the root stack).
  DataSourceName:
    Type: String
    Description: Name of the DynamoDB data source (from the root stack).
[#if none]
  NoneDataSourceName:
    Type: String
    Description: Name of the NONE data source of the subscription resolvers (from the root stack).
[/#if]
[#list functions as f]
  [=f.logicalId]Id:
    Type: String
    Description: Id of the pipeline function [=f.name] (from the root stack).
[/#list]
[/#macro]
