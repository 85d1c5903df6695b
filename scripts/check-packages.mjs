#!/usr/bin/env node
// Package-shape gate: lints what users would download, not the work tree.
//
// Every publishable package is packed once with `pnpm pack` (the same tool `pnpm publish` uses, so
// `workspace:` ranges are already rewritten) and that tarball is checked by
//   - publint, at level `suggestion` and in strict mode: any message at all is a problem;
//   - Are The Types Wrong (`attw <tarball>`, which is `attw --pack` fed the tarball pnpm would
//     publish instead of one `npm pack` makes), with the `strict` profile and no ignored rules: the
//     packages ship ESM + CJS with `main`/`types` fallbacks, so node10, node16 (from CJS and ESM) and
//     bundler resolution must all succeed and every rule applies;
//   - a few checks of our own on the packed manifest that neither tool makes: no `workspace:`
//     range left, only `dist/` and the manifest published, `sideEffects: false` declared, no
//     declaration file augmenting another package's module, and every package the built code
//     imports (a bare `import`, `import()` or `require`) either built into Node.js or declared
//     in `dependencies` or `peerDependencies`: a dependency bundled into the build must leave no
//     import of it behind, and one left out of the manifest fails here rather than on install.
// Exits non-zero on any problem. `--verbose` prints every tool's full report.
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import {
  formatTable,
  makeTempDir,
  mapWithConcurrency,
  packAll,
  publishablePackages,
  report,
  rootDir,
  run,
} from './lib/workspace.mjs';

const verbose = process.argv.includes('--verbose');
const attwBin = path.join(rootDir, 'node_modules', '.bin', 'attw');

/** publint on the packed tarball; returns readable problem lines. */
async function lintWithPublint(tarball) {
  const bytes = await readFile(tarball);
  const tarballBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { messages, pkg } = await publint({
    pack: { tarball: tarballBuffer },
    level: 'suggestion',
    strict: true,
  });
  return messages.map((message) => `publint ${message.type}: ${formatMessage(message, pkg)}`);
}

/** attw on the packed tarball; returns readable problem lines. */
async function lintWithAttw(tarball) {
  const result = await run(attwBin, [tarball, '--profile', 'strict', '--format', 'json']);
  let parsed;
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    return [`attw did not report (exit ${result.code}): ${result.stderr.trim() || result.stdout}`];
  }
  const problems = Object.values(parsed.problems ?? {}).flat();
  const lines = problems.map((problem) => {
    const where = [problem.entrypoint, problem.resolutionKind, problem.typesFileName]
      .filter(Boolean)
      .join(' / ');
    return `attw ${problem.kind}${where ? ` (${where})` : ''}`;
  });
  if (result.code !== 0 && lines.length === 0) {
    lines.push(`attw exited ${result.code}: ${result.stderr.trim()}`);
  }
  if (verbose) {
    const table = await run(attwBin, [tarball, '--profile', 'strict', '--format', 'table']);
    console.log(table.stdout);
  }
  return lines;
}

// What a built module loads by name: `from 'x'`, `import('x')`, `require('x')`.
const bareImport =
  /(?:(?:^|[\s}])from\s*['"](?<from>[@\w][\w./@-]*)['"]|\b(?:import|require)\s*\(\s*['"](?<call>[@\w][\w./@-]*)['"]\s*\))/gm;

/** The package a bare specifier names: `@scope/name` or `name`, without a subpath. */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Packages imported by `code` that are neither Node.js built-ins, `self`, nor in `declared`. */
function undeclaredImports(code, self, declared) {
  const found = new Set();
  for (const { groups } of code.matchAll(bareImport)) {
    const specifier = groups.from ?? groups.call;
    const name = packageOf(specifier);
    const builtin = specifier.startsWith('node:') || builtinModules.includes(name);
    if (!builtin && name !== self && !declared.has(name)) found.add(name);
  }
  return [...found];
}

/** Checks on the packed manifest that publint and attw do not make. */
async function lintManifest(tarball) {
  // Unpacked once beside the tarball; every check below reads the files from there.
  const unpacked = `${tarball}.files`;
  await mkdir(unpacked);
  await run('tar', ['-xzf', tarball, '-C', unpacked]);
  const files = (await readdir(unpacked, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(unpacked, path.join(entry.parentPath, entry.name)));
  const read = (file) => readFile(path.join(unpacked, file), 'utf8');
  const manifest = JSON.parse(await read('package/package.json'));
  const problems = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) {
        problems.push(`manifest: ${field}.${name} is still "${range}" in the tarball`);
      }
    }
  }
  // README, LICENSE and CHANGELOG are added by the packer whatever `files` says; anything else
  // outside dist/ means sources or tests leaked into the package.
  const allowedOutsideDist =
    /^package\/(package\.json|README(\.md)?|LICEN[CS]E(\.md)?|CHANGELOG\.md)$/i;
  for (const file of files) {
    if (!file.startsWith('package/dist/') && !allowedOutsideDist.test(file)) {
      problems.push(`manifest: unexpected file in tarball: ${file.replace(/^package\//, '')}`);
    }
  }
  // A declaration file that augments another package's module (`declare module 'fastify'`)
  // changes the user's own types of that package, and fails with TS2717 once both the ESM and the
  // CJS declarations are loaded.
  for (const file of files.filter((name) => /\.d\.c?ts$/.test(name))) {
    const text = await read(file);
    const augmented = /^\s*declare module ['"]([^'"]+)['"]/m.exec(text);
    if (augmented) {
      problems.push(
        `declarations: ${file.replace(/^package\//, '')} augments module "${augmented[1]}"`,
      );
    }
  }
  const declared = new Set(
    ['dependencies', 'peerDependencies'].flatMap((field) => Object.keys(manifest[field] ?? {})),
  );
  for (const file of files.filter((name) => /^package\/dist\/.*\.c?js$/.test(name))) {
    const code = await read(file);
    for (const name of undeclaredImports(code, manifest.name, declared)) {
      problems.push(
        `imports: ${file.replace(/^package\//, '')} loads "${name}", which the manifest does not declare`,
      );
    }
  }
  if (manifest.sideEffects !== false) {
    problems.push('manifest: "sideEffects": false is missing, so bundlers cannot drop unused code');
  }
  return { problems, fileCount: files.length };
}

const packages = publishablePackages();
const packDir = await makeTempDir('shape');
try {
  const tarballs = await packAll(packDir);
  // attw compiles every entry with TypeScript, a few CPU-seconds per package: check packages side
  // by side, one per core, and report them in name order.
  const results = await mapWithConcurrency(packages, availableParallelism(), async (pkg) => {
    const tarball = tarballs.get(pkg.name);
    if (!tarball) return { pkg, problems: ['pnpm pack produced no tarball'], counts: null };
    const [publintProblems, attwProblems, manifestCheck] = await Promise.all([
      lintWithPublint(tarball),
      lintWithAttw(tarball),
      lintManifest(tarball),
    ]);
    return {
      pkg,
      problems: [...publintProblems, ...attwProblems, ...manifestCheck.problems],
      counts: [
        manifestCheck.fileCount,
        publintProblems.length,
        attwProblems.length,
        manifestCheck.problems.length,
      ],
    };
  });
  const rows = [];
  const allProblems = [];
  for (const { pkg, problems, counts } of results) {
    allProblems.push(...problems.map((problem) => `${pkg.name}: ${problem}`));
    rows.push([
      pkg.name,
      ...(counts ?? ['-', '-', '-', '-']).map(String),
      problems.length === 0 ? 'ok' : 'FAIL',
    ]);
  }
  console.log(
    formatTable(['package', 'files', 'publint', 'attw', 'manifest', 'result'], rows, {
      alignRight: [1, 2, 3, 4],
    }),
  );
  if (allProblems.length > 0) {
    console.log(`\n${allProblems.join('\n')}`);
  }
  report(
    'package shape',
    allProblems.length === 0,
    `${packages.length} packages, ${allProblems.length} problems`,
  );
  process.exitCode = allProblems.length === 0 ? 0 : 1;
} finally {
  await rm(packDir, { recursive: true, force: true });
}
