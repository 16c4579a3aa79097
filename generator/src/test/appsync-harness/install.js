#!/usr/bin/env node
// Installs the harness's npm dependencies into a build directory (never into the source tree):
//   node install.js <targetDir>
// Copies package.json and package-lock.json next to this script into <targetDir> and runs
// `npm ci` there, unless <targetDir>/node_modules was installed from the very same two files
// (a stamp holds their hash), so repeated builds cost a hash. The install happens in a
// temporary sibling folder that is renamed into place, so a build that runs concurrently or is
// interrupted never sees a half-installed node_modules.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const STAMP = '.install-stamp';
const FILES = ['package.json', 'package-lock.json'];

function main() {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: node install.js <targetDir>');
    return 2;
  }
  const targetDir = path.resolve(target);
  const stamp = hashOf(FILES.map((f) => fs.readFileSync(path.join(__dirname, f))));
  if (isInstalled(targetDir, stamp)) {
    console.log(`[appsync-harness] node_modules up to date in ${targetDir}`);
    return 0;
  }
  const tmp = `${targetDir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  for (const f of FILES) {
    fs.copyFileSync(path.join(__dirname, f), path.join(tmp, f));
  }
  console.log(`[appsync-harness] npm ci in ${tmp}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: tmp,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (run.error || run.status !== 0) {
    console.error(`[appsync-harness] npm ci failed: ${run.error ? run.error.message : `exit ${run.status}`}`);
    fs.rmSync(tmp, { recursive: true, force: true });
    return 1;
  }
  fs.writeFileSync(path.join(tmp, STAMP), stamp);
  fs.rmSync(targetDir, { recursive: true, force: true });
  try {
    fs.renameSync(tmp, targetDir);
  } catch (e) {
    // Another build installed the same lock file in the meantime: keep its copy.
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!isInstalled(targetDir, stamp)) {
      throw e;
    }
  }
  console.log(`[appsync-harness] installed into ${targetDir}`);
  return 0;
}

function isInstalled(dir, stamp) {
  try {
    return fs.readFileSync(path.join(dir, STAMP), 'utf8') === stamp && fs.statSync(path.join(dir, 'node_modules')).isDirectory();
  } catch (e) {
    return false;
  }
}

function hashOf(buffers) {
  const hash = crypto.createHash('sha256');
  buffers.forEach((b) => hash.update(b).update('\0'));
  return hash.digest('hex');
}

process.exitCode = main();
