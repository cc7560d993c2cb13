#!/usr/bin/env node
/* eslint-disable no-console */
// `yarn bench <name…>` runs the benchmarks named; `yarn bench` lists them.
// A benchmark is a file `<package>/bench/<name>.bench.ts` anywhere under
// packages/ or plugins/; it prints its figures and their ratio to a baseline
// measured in the same run.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function findBenchmarks() {
  const found = new Map();
  for (const top of ['packages', 'plugins']) {
    const topDir = path.join(root, top);
    if (!fs.existsSync(topDir)) continue;
    for (const pkg of fs.readdirSync(topDir)) {
      const benchDir = path.join(topDir, pkg, 'bench');
      if (!fs.existsSync(benchDir)) continue;
      for (const file of fs.readdirSync(benchDir)) {
        const match = file.match(/^(.+)\.bench\.ts$/);
        if (match) found.set(match[1], path.join(benchDir, file));
      }
    }
  }
  return found;
}

const benchmarks = findBenchmarks();
const names = process.argv.slice(2).filter(arg => !arg.startsWith('-'));
const passThrough = process.argv.slice(2).filter(arg => arg.startsWith('-'));

if (names.length === 0) {
  console.log('Usage: yarn bench <name…>');
  console.log(
    benchmarks.size
      ? `Benchmarks: ${[...benchmarks.keys()].sort().join(', ')}`
      : 'No benchmarks yet: add <package>/bench/<name>.bench.ts',
  );
  process.exit(0);
}

for (const name of names) {
  const file = benchmarks.get(name);
  if (!file) {
    console.error(
      `Unknown benchmark "${name}"; known: ${
        [...benchmarks.keys()].sort().join(', ') || 'none'
      }`,
    );
    process.exit(2);
  }
  console.log(`=== bench ${name} (${path.relative(root, file)}) ===`);
  const result = spawnSync(
    process.execPath,
    // As start.sh runs the backend, which most benchmarks host (see README).
    [
      '--import',
      'tsx',
      '--expose-gc',
      '--max-semi-space-size=64',
      file,
      ...passThrough,
    ],
    { stdio: 'inherit', cwd: path.dirname(path.dirname(file)) },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
