#!/usr/bin/env node
// Mutation testing of one package: `pnpm mutate <package> [stryker options]`, e.g.
// `pnpm mutate bxml` or `pnpm mutate core --concurrency 1`. Runs StrykerJS (stryker.config.mjs)
// from packages/<package>, so only that package's source is mutated and only its own tests run,
// then prints the mutation score of each file. Reports: .tmp/mutation/<package>/ (HTML and JSON).
// CPU-heavy and minutes long: not part of `pnpm test`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { rootDir } from './lib/workspace.mjs';

const [name, ...options] = process.argv.slice(2);
const packagesDir = path.join(rootDir, 'packages');
const known = readdirSync(packagesDir).filter((dir) =>
  existsSync(path.join(packagesDir, dir, 'package.json')),
);
if (!name || !known.includes(name)) {
  console.error(`usage: pnpm mutate <package> [stryker options]\npackages: ${known.join(', ')}`);
  process.exit(2);
}

const stryker = path.join(rootDir, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const child = spawn(
  process.execPath,
  [stryker, 'run', path.join(rootDir, 'stryker.config.mjs'), ...options],
  { cwd: path.join(packagesDir, name), stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
