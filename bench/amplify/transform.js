// Amplify's GraphQL transformer (Gen 1 v2 / Gen 2 engine) as a whole node process, for bench/run-bench.sh:
//   node transform.js SCHEMA.graphql OUT_DIR
// Runs executeTransform into a CDK app as the Amplify CLI does (root stack, one nested stack per model, resolver
// code as assets), then synthesises it: the CloudFormation templates and every resolver template land in OUT_DIR.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const cdk = require('aws-cdk-lib');
const { executeTransform } = require('@aws-amplify/graphql-transformer');
const { DDB_DEFAULT_DATASOURCE_STRATEGY } = require('@aws-amplify/graphql-transformer-core');

const [schemaFile, outDir] = process.argv.slice(2);
if (!schemaFile || !outDir) {
  console.error('usage: node transform.js SCHEMA.graphql OUT_DIR');
  process.exit(2);
}
const schema = fs.readFileSync(schemaFile, 'utf8');
fs.rmSync(outDir, { recursive: true, force: true });
const assetDir = path.join(outDir, 'assets');
fs.mkdirSync(assetDir, { recursive: true });

// CDK refuses to synthesise a stack of more than 500 resources (CloudFormation's limit); Amplify puts every
// relation's resolvers into one ConnectionStack, which passes 500 from about 150 chained models. The check is
// switched off so that the transformer's whole work is timed; the largest stack's count is printed.
const app = new cdk.App({
  outdir: path.join(outDir, 'cdk.out'),
  context: { '@aws-cdk/core:stackResourceLimit': 0 },
});
const stack = new cdk.Stack(app, 'AmplifyApi');

// Every @model type is a DynamoDB table of Amplify's default strategy.
const dataSourceStrategies = {};
for (const m of schema.matchAll(/^type\s+(\w+)\s+@model\b/gm)) {
  dataSourceStrategies[m[1]] = DDB_DEFAULT_DATASOURCE_STRATEGY;
}

let assets = 0;
const assetProvider = {
  provide: (scope, name, props) => {
    const file = path.join(assetDir, props.fileName);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, props.fileContent);
    assets++;
    const hash = crypto.createHash('sha256').update(props.fileContent).digest('hex');
    const key = props.fileName;
    return {
      assetHash: hash,
      httpUrl: `https://deployment-bucket.s3.amazonaws.com/${key}`,
      s3BucketName: 'deployment-bucket',
      s3ObjectKey: key,
      s3ObjectUrl: `s3://deployment-bucket/${key}`,
    };
  },
};

executeTransform({
  schema,
  scope: stack,
  nestedStackProvider: { provide: (scope, name) => new cdk.NestedStack(scope, name) },
  assetProvider,
  synthParameters: { amplifyEnvironmentName: 'bench', apiName: 'bench' },
  transformersFactoryArgs: {},
  authConfig: { defaultAuthentication: { authenticationType: 'API_KEY' }, additionalAuthenticationProviders: [] },
  transformParameters: {
    enableTransformerCfnOutputs: true,
    shouldDeepMergeDirectiveConfigDefaults: true,
    disableResolverDeduping: false,
    sandboxModeEnabled: false,
    allowDestructiveGraphqlSchemaUpdates: false,
    replaceTableUponGsiUpdate: false,
    allowGen1Patterns: true,
    useSubUsernameForDefaultIdentityClaim: true,
    populateOwnerFieldForStaticGroupAuth: true,
    suppressApiKeyGeneration: false,
    subscriptionsInheritPrimaryAuth: false,
    secondaryKeyAsGSI: true,
    enableAutoIndexQueryNames: true,
    respectPrimaryKeyAttributesOnConnectionField: true,
    enableSearchNodeToNodeEncryption: false,
    enableSearchEncryptionAtRest: false,
  },
  dataSourceStrategies,
  rdsLayerMapping: {},
  rdsSnsTopicMapping: {},
  printTransformerLog: (log) => {
    if (log.level === 'ERROR') console.error(log.message);
  },
});
const assembly = app.synth();
let templates = 0;
let largest = 0;
for (const f of fs.readdirSync(assembly.directory)) {
  if (f.endsWith('.template.json')) {
    templates++;
    const resources = Object.keys(JSON.parse(fs.readFileSync(path.join(assembly.directory, f), 'utf8')).Resources || {});
    largest = Math.max(largest, resources.length);
  }
}
console.log(`amplify: ${Object.keys(dataSourceStrategies).length} models; ${assets} resolver files and ${templates} templates`
  + ` (the largest with ${largest} resources${largest > 500 ? ', more than CloudFormation allows' : ''}) in ${outDir}`);
