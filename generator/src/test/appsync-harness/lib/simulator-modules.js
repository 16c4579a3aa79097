'use strict';
// The simulator's modules the harness extends, loaded from the one installed copy. Deep paths
// into its lib/ are tied to the exact simulator version pinned in package.json; a version bump
// must re-check every name used here (the harness fails at start-up if one is missing).
const path = require('path');
const { createRequire } = require('module');

const SIMULATOR = '@aws-amplify/amplify-appsync-simulator';
const simulatorRoot = path.dirname(require.resolve(`${SIMULATOR}/package.json`));
// The AWS SDK copies the simulator itself uses, so instances and errors are of the same classes.
const requireFromSimulator = createRequire(path.join(simulatorRoot, 'package.json'));

function lib(relative, ...names) {
  const mod = require(`${SIMULATOR}/lib/${relative}`);
  for (const name of names) {
    if (mod[name] === undefined) {
      throw new Error(`${SIMULATOR}/lib/${relative} has no export ${name}: the harness does not support this simulator version`);
    }
  }
  return mod;
}

module.exports = {
  simulator: require(SIMULATOR),
  version: require(`${SIMULATOR}/package.json`).version,
  lib,
  clientDynamodb: requireFromSimulator('@aws-sdk/client-dynamodb'),
  utilDynamodb: requireFromSimulator('@aws-sdk/util-dynamodb'),
};
