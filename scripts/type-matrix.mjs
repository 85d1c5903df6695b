#!/usr/bin/env node
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
// Type matrix: the published `.d.ts`, as installed from the tarballs, under the TypeScript and
// `@types/node` a user may have, in each module-resolution mode.
//
// Each install is a consumer project (scripts/lib/consumer-project.mjs) holding every tarball, one
// TypeScript, one `@types/node`, one `@types/express`, Fastify 5 and Hono. Each cell compiles, in
// one install and one resolution mode, with `strict`, `exactOptionalPropertyTypes` and
// `skipLibCheck: false`:
// - the samples of `test-types/matrix/` (every entry in use; the callback handlers mounted in
//   `node:http`, Express, Fastify and Hono);
// - a generated file importing every entry of every package (so a package added later is covered).
// node16 cells compile them as a CommonJS application (the `.d.cts` files), nodenext and bundler
// cells as an ESM one.
// Not every product is a cell: each TypeScript meets the oldest and the newest `@types/node`, each
// resolution mode and each Express major appear at least once with each TypeScript.
//
// Installs are kept under `.tmp/type-matrix/` between runs (npm updates only what changed).
// Usage: node scripts/type-matrix.mjs [--only=<cell substring>]
import { cpus } from 'node:os';
import path from 'node:path';
import { cacheRoot, consumerEnv, installConsumer, packInto } from './lib/consumer-project.mjs';
import {
  entrySpecifiers,
  formatTable,
  mapWithConcurrency,
  publishablePackages,
  report,
  rootDir,
  run,
} from './lib/workspace.mjs';

const matrixDir = path.join(cacheRoot, 'type-matrix');
const samplesDir = path.join(rootDir, 'test-types', 'matrix');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7);

/** Tools every install shares besides its TypeScript, `@types/node` and `@types/express`. */
const frameworks = ['fastify@^5.0.0', 'hono@^4.0.0'];

/**
 * The installs and the resolution modes compiled in each. The directory name states the tool
 * versions, so an edit here gets a fresh project instead of a half-updated one.
 */
const installs = [
  { typescript: '~5.9.3', node: '^20', express: '^4', modes: ['node16'] },
  { typescript: '~5.9.3', node: '^26', express: '^5', modes: ['nodenext'] },
  { typescript: '^7.0.0', node: '^20', express: '^4', modes: ['bundler'] },
  { typescript: '^7.0.0', node: '^22', express: '^5', modes: ['nodenext'] },
  { typescript: '^7.0.0', node: '^24', express: '^4', modes: ['node16'] },
  { typescript: '^7.0.0', node: '^26', express: '^5', modes: ['node16', 'nodenext', 'bundler'] },
].map((install) => ({
  ...install,
  name: `ts${install.typescript.replace(/[~^]/, '')}-node${install.node.slice(1)}-express${install.express.slice(1)}`,
}));

/**
 * Compiler options of a resolution mode, and the module system of the project its samples sit in:
 * node16 stands for a CommonJS application (`require` condition, the `.d.cts` files), nodenext for
 * an ESM one, bundler for an app built by a bundler. One flavour per program, as in an application.
 */
const modeOptions = {
  node16: { type: 'commonjs', options: { module: 'node16', moduleResolution: 'node16' } },
  nodenext: { type: 'module', options: { module: 'nodenext', moduleResolution: 'nodenext' } },
  bundler: { type: 'module', options: { module: 'esnext', moduleResolution: 'bundler' } },
};

const sharedOptions = {
  target: 'es2022',
  lib: ['es2023'],
  types: ['node'],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  esModuleInterop: true,
  skipLibCheck: false,
  noEmit: true,
};

/**
 * Writes, for each mode, the samples and a file importing every entry into `<mode>/` (with the
 * package.json that sets its module system) and a `tsconfig.<mode>.json` compiling them.
 */
async function writeSources(projectDir, entries) {
  const samples = (await readdir(samplesDir)).filter((file) => file.endsWith('.ts'));
  const names = entries.map((_, index) => `entry${index}`);
  const everyEntry =
    `${entries.map((entry, i) => `import * as ${names[i]} from '${entry}';`).join('\n')}\n` +
    `export const everyEntry = [${names.join(', ')}];\n`;
  for (const [mode, { type, options }] of Object.entries(modeOptions)) {
    const target = path.join(projectDir, mode);
    await rm(target, { recursive: true, force: true });
    await mkdir(target, { recursive: true });
    await writeFile(path.join(target, 'package.json'), `${JSON.stringify({ type })}\n`);
    for (const file of samples)
      await copyFile(path.join(samplesDir, file), path.join(target, file));
    await writeFile(path.join(target, 'all-entries.ts'), everyEntry);
    const tsconfig = {
      compilerOptions: { ...sharedOptions, ...options },
      include: [`${mode}/*.ts`],
    };
    await writeFile(
      path.join(projectDir, `tsconfig.${mode}.json`),
      `${JSON.stringify(tsconfig, null, 2)}\n`,
    );
  }
}

/** The version npm installed of a package in a project, or `?`. */
async function installedVersion(projectDir, name) {
  const manifest = path.join(projectDir, 'node_modules', name, 'package.json');
  return readFile(manifest, 'utf8').then(
    (text) => JSON.parse(text).version,
    () => '?',
  );
}

const started = performance.now();
const failures = [];
const rows = [];
const packages = publishablePackages();
const entries = packages.flatMap(entrySpecifiers);
const selected = installs.filter(
  (install) => !only || install.modes.some((mode) => `${install.name}/${mode}`.includes(only)),
);

// Installs this script no longer lists are removed, so the cache does not grow with each edit.
for (const entry of await readdir(matrixDir).catch(() => [])) {
  if (entry !== 'tarballs' && !installs.some((install) => install.name === entry)) {
    await rm(path.join(matrixDir, entry), { recursive: true, force: true });
  }
}
const tarballs = await packInto(path.join(matrixDir, 'tarballs'));
const packedMs = performance.now() - started;

/** At most `limit` tasks of one kind at a time, whatever else runs. */
function limiter(limit) {
  let active = 0;
  const waiting = [];
  return async (task) => {
    if (active >= limit) await new Promise((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
// npm mostly waits on the network or the disk, tsc is CPU-bound: a project's cells start as soon as
// it is installed, one tsc per core, while the other installs go on.
const compiling = limiter(Math.max(1, cpus().length));
let installMs = 0;

async function compile(install, mode) {
  const tsc = path.join(install.projectDir, 'node_modules', '.bin', 'tsc');
  const result = await compiling(() =>
    run(tsc, ['-p', `tsconfig.${mode}.json`, '--pretty', 'false'], {
      cwd: install.projectDir,
      env: consumerEnv(),
      timeoutMs: 300_000,
    }),
  );
  const diagnostics = `${result.stdout}${result.stderr}`
    .split('\n')
    .filter((line) => line.trim() !== '');
  const errors = diagnostics.filter((line) => /error TS\d+/.test(line)).length;
  return { install, mode, ok: result.code === 0, errors, diagnostics, ms: result.ms };
}

const perInstall = await mapWithConcurrency(selected, 3, async (install) => {
  const projectDir = path.join(matrixDir, install.name);
  const result = await installConsumer(
    projectDir,
    tarballs,
    [
      `typescript@${install.typescript}`,
      `@types/node@${install.node}`,
      `@types/express@${install.express}`,
      ...frameworks,
    ],
    { type: 'module' },
  );
  installMs = Math.max(installMs, result.ms);
  if (!result.ok) {
    failures.push(`${install.name}: npm install failed:\n${result.output}`);
    return [];
  }
  await writeSources(projectDir, entries);
  const versions = {
    typescript: await installedVersion(projectDir, 'typescript'),
    node: await installedVersion(projectDir, '@types/node'),
    express: await installedVersion(projectDir, '@types/express'),
  };
  const ready = { ...install, projectDir, versions };
  const modes = install.modes.filter((mode) => !only || `${install.name}/${mode}`.includes(only));
  return Promise.all(modes.map((mode) => compile(ready, mode)));
});
const outcomes = perInstall.flat();
const cells = outcomes;

for (const { install, mode, ok, errors, diagnostics, ms } of outcomes) {
  const name = `${install.name}/${mode}`;
  rows.push([
    name,
    install.versions.typescript,
    install.versions.node,
    install.versions.express,
    mode,
    ok ? 'pass' : `FAIL (${errors} errors)`,
    `${(ms / 1000).toFixed(1)} s`,
  ]);
  if (!ok) {
    const shown = diagnostics.slice(0, 40).map((line) => `  ${line}`);
    if (diagnostics.length > 40) shown.push(`  … ${diagnostics.length - 40} more lines`);
    failures.push(`${name} (in ${install.projectDir}):\n${shown.join('\n')}`);
  }
}

const wallSeconds = (performance.now() - started) / 1000;
console.log(
  `\n${formatTable(['cell', 'typescript', '@types/node', '@types/express', 'resolution', 'result', 'tsc'], rows, { alignRight: [6] })}`,
);
console.log(
  `\npack ${(packedMs / 1000).toFixed(1)} s, slowest npm install ${(installMs / 1000).toFixed(1)} s ` +
    `(${selected.length} projects, cached in ${path.relative(rootDir, matrixDir)}/), ` +
    `wall ${wallSeconds.toFixed(1)} s`,
);
if (failures.length > 0) console.log(`\n${failures.join('\n\n')}`);
report(
  'type matrix',
  failures.length === 0 && cells.length > 0,
  `${cells.length} cells over ${entries.length} entries, ${failures.length} failing`,
);
process.exitCode = failures.length === 0 && cells.length > 0 ? 0 : 1;
