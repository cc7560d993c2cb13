// Loaded with `node -r`: resolves each @meshwork package to the entry point
// it is published with (publishConfig.main, the built dist/), not its
// TypeScript source, so that built code runs as it would once installed.
const Module = require('module');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '../..');
const published = new Map();
for (const dir of ['plugins', 'packages']) {
  for (const name of fs.readdirSync(path.join(root, dir))) {
    const manifest = path.join(root, dir, name, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    const main = pkg.publishConfig?.main;
    if (main) published.set(pkg.name, path.join(root, dir, name, main));
  }
}

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolvePublished(request, ...rest) {
  return published.get(request) ?? resolve.call(this, request, ...rest);
};
