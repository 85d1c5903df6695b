#!/usr/bin/env node
// Size budgets: what a browser or edge bundle pays for each client package.
//
// Every entry of every package's `exports` map (`@bw/messaging`, `@bw/messaging/callbacks`…) is
// bundled from its built `dist/` through that map with esbuild (ESM, minified, tree-shaken, every
// dependency included) for the neutral platform, so the `default` condition is measured rather
// than `node` (Node-only code such as an undici transport belongs behind `node`, where it costs a
// browser nothing). The bundle re-exports the entry's whole public surface, so the figure is the
// most an application can pay for that import; then gzip -9. A package's budget holds for each of
// its entries.
//
// Usage: node scripts/size.mjs [--markdown] [--update-readme] [--verbose]
//   --markdown       print the table as Markdown
//   --update-readme  write the Markdown table between the README's `sizes:start`/`sizes:end` marks
//   --verbose        also list the ten largest inputs of each bundle
// Exits non-zero when a package is over its budget or cannot be bundled.
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import {
  entrySpecifiers,
  formatTable,
  makeTempDir,
  publishablePackages,
  report,
  rootDir,
} from './lib/workspace.mjs';

const KIB = 1024;

/**
 * Budgets in bytes of gzip output, per package and holding for each of its entries; the measured
 * bundle includes its dependencies (`ky` counts towards `@bw/core` and everything built on it).
 * An entry over its budget fails the gate.
 */
const budgets = new Map([
  ['@bw/core', 10 * KIB],
  ['@bw/messaging', 10.5 * KIB],
  ['@bw/voice', 14 * KIB],
  ['@bw/bxml', 5 * KIB],
  ['@bw/bulk', 20 * KIB],
]);

/** Packages that only run on Node.js (a server), measured by no browser budget. */
const nodeOnly = new Set(['@bw/emulator']);

/**
 * Server-side packages with a budget, and the engines they drive (left out of their figure):
 * bundled for Node.js (its built-in modules left out), since what they cost is load time on a
 * server, not a browser download. The `@bw/*` packages they use have budgets of their own and are
 * left out too.
 */
const serverPackages = new Map([['@bw/bulk', ['bullmq', 'ioredis']]]);

/** What a server package's figure leaves out: its `@bw/*` dependencies and engines, with sub-entries. */
function workspaceDependencies(pkg) {
  const { dependencies = {} } = pkg.manifest;
  return [
    ...Object.keys(dependencies).filter((name) => name.startsWith('@bw/')),
    ...(serverPackages.get(pkg.name) ?? []),
  ].flatMap((name) => [name, `${name}/*`]);
}

const markdown = process.argv.includes('--markdown');
const verbose = process.argv.includes('--verbose');
const updateReadme = process.argv.includes('--update-readme');

/** Formats a byte count as KiB with two decimals. */
function kib(bytes) {
  return `${(bytes / KIB).toFixed(2)} KB`;
}

/**
 * Bundles `export * from '<specifier>'` as an application would, resolving the package by name from
 * a scratch `node_modules` that links to the workspace package, so its `exports` map is honoured.
 * The scratch `tsconfig.json` is empty: the workspace's own (source `paths`) are not published and
 * must not steer the bundle.
 */
async function measure(specifier, scratchDir, platform = 'neutral', external = []) {
  const builtins = new Set();
  const result = await build({
    stdin: {
      contents: `export * from '${specifier}';\n`,
      resolveDir: scratchDir,
      loader: 'js',
      sourcefile: 'entry.js',
    },
    bundle: true,
    tsconfig: path.join(scratchDir, 'tsconfig.json'),
    write: false,
    format: 'esm',
    platform,
    external,
    mainFields: ['module', 'main'],
    target: 'es2022',
    minify: true,
    treeShaking: true,
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        // A `node:` import in the default condition would break a browser bundle; keep it out of
        // the figure but report it.
        name: 'note-node-builtins',
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: /^node:/ }, (args) => {
            builtins.add(args.path);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const inputs = Object.entries(result.metafile.outputs)
    .flatMap(([, output]) => Object.entries(output.inputs))
    .filter(([file]) => !file.endsWith('entry.js'))
    .map(([file, info]) => [file, info.bytesInOutput])
    .sort((a, b) => b[1] - a[1]);
  return {
    minified: code.byteLength,
    gzipped: gzipSync(code, { level: 9 }).byteLength,
    builtins: [...builtins].sort(),
    inputs,
  };
}

const packages = publishablePackages().filter((pkg) => !nodeOnly.has(pkg.name));
const scratchDir = await makeTempDir('size');
const rows = [];
const failures = [];
const notes = [];
try {
  await mkdir(path.join(scratchDir, 'node_modules', '@bw'), { recursive: true });
  await writeFile(path.join(scratchDir, 'tsconfig.json'), '{}\n');
  for (const pkg of publishablePackages()) {
    await symlink(pkg.dir, path.join(scratchDir, 'node_modules', pkg.name), 'dir');
  }
  // An `./internal` entry (`@bw/core/internal`) is for the @bw packages only and never imported by
  // an application: what it costs one is measured in the entries of the packages built on it.
  const entries = packages.flatMap((pkg) =>
    entrySpecifiers(pkg)
      .filter((name) => !name.endsWith('/internal'))
      .map((name) => ({ pkg, name })),
  );
  for (const { pkg, name } of entries) {
    const budget = budgets.get(pkg.name);
    let figures;
    try {
      figures = await measure(
        name,
        scratchDir,
        serverPackages.has(pkg.name) ? 'node' : 'neutral',
        serverPackages.has(pkg.name) ? workspaceDependencies(pkg) : [],
      );
    } catch (error) {
      const reason = error.errors?.map((e) => e.text).join('; ') ?? error.message;
      failures.push(
        `${name}: cannot be bundled for the default condition (built? run pnpm build): ${reason}`,
      );
      rows.push([name, '-', '-', budget ? kib(budget) : '—', 'FAIL']);
      continue;
    }
    const over = budget !== undefined && figures.gzipped > budget;
    if (over) {
      failures.push(
        `${name}: ${figures.gzipped} B gzipped is over its budget of ${budget} B by ${figures.gzipped - budget} B`,
      );
    }
    if (figures.builtins.length > 0) {
      notes.push(`${name}: default condition imports ${figures.builtins.join(', ')}`);
    }
    rows.push([
      name,
      kib(figures.minified),
      kib(figures.gzipped),
      budget ? kib(budget) : '—',
      over ? 'OVER' : budget ? 'ok' : 'no budget',
    ]);
    if (verbose) {
      console.log(`\n${name}: largest inputs (minified bytes)`);
      for (const [file, bytes] of figures.inputs.slice(0, 10)) {
        console.log(`  ${String(bytes).padStart(7)}  ${file}`);
      }
    }
  }
} finally {
  await rm(scratchDir, { recursive: true, force: true });
}

console.log(
  formatTable(['entry', 'minified', 'gzip', 'budget (gzip)', 'status'], rows, {
    markdown,
    alignRight: [1, 2, 3],
  }),
);
if (updateReadme) {
  const readmePath = path.join(rootDir, 'README.md');
  const readme = await readFile(readmePath, 'utf8');
  const table = formatTable(['entry', 'minified', 'gzip', 'budget (gzip)', 'status'], rows, {
    markdown: true,
    alignRight: [1, 2, 3],
  });
  const marked = /(<!-- sizes:start -->\n)[\s\S]*?(\n<!-- sizes:end -->)/;
  if (!marked.test(readme)) throw new Error('README.md has no sizes:start/sizes:end marks');
  await writeFile(readmePath, readme.replace(marked, `$1${table}$2`));
  console.log('README.md sizes table updated');
}
if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
if (failures.length > 0) console.log(`\n${failures.join('\n')}`);
if (!markdown) {
  const overBudget = rows.filter((row) => row[4] === 'OVER').length;
  report(
    'size budgets',
    failures.length === 0,
    `${rows.length} entries measured${overBudget ? `; ${overBudget} over budget` : ''}`,
  );
}
process.exitCode = failures.length === 0 ? 0 : 1;
