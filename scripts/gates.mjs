#!/usr/bin/env node
// Runs every release gate, even after one fails, so one CI run reports all of them, then prints a
// summary with each gate's result and time. Exits non-zero when any gate failed. Expects the
// packages to be built (`pnpm test` builds first).
//
// Usage: node scripts/gates.mjs [name…]   (names from the table below; default: all)
import path from 'node:path';
import { formatTable, rootDir, runAttached } from './lib/workspace.mjs';

const bin = (name) => path.join(rootDir, 'node_modules', '.bin', name);

/** Each gate: a name, what it proves, and the command that proves it. */
const gates = [
  {
    name: 'changesets',
    what: 'every .changeset/*.md parses',
    command: [process.execPath, 'scripts/check-changesets.mjs'],
  },
  {
    name: 'package-shape',
    what: 'publint + attw + manifest on packed tarballs',
    command: [process.execPath, 'scripts/check-packages.mjs'],
  },
  {
    name: 'size',
    what: 'gzip size of each entry within budget',
    command: [process.execPath, 'scripts/size.mjs'],
  },
  {
    name: 'types',
    what: 'expectTypeOf tests on the built .d.ts',
    command: [bin('vitest'), 'run', '--config', 'test-types/vitest.config.ts'],
  },
  {
    name: 'type-matrix',
    what: 'installed .d.ts under TS 5.9/7, @types/node 20-26, node16/nodenext/bundler',
    command: [process.execPath, 'scripts/type-matrix.mjs'],
  },
  {
    name: 'readme-samples',
    what: 'every ts/js block of every README compiles; runnable ones run',
    command: [process.execPath, 'scripts/docs-check.mjs'],
  },
  {
    name: 'docs',
    what: 'TypeDoc builds; every export documented',
    command: [bin('typedoc'), '--logLevel', 'Warn'],
  },
  {
    name: 'smoke',
    what: 'tarballs installed with npm; Node 20-26, Bun, Deno, workerd',
    command: [process.execPath, 'scripts/smoke.mjs'],
  },
];

const wanted = process.argv.slice(2);
const selected = wanted.length > 0 ? gates.filter((gate) => wanted.includes(gate.name)) : gates;
const unknown = wanted.filter((name) => !gates.some((gate) => gate.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown gate(s): ${unknown.join(', ')}; known: ${gates.map((g) => g.name).join(', ')}`,
  );
  process.exit(2);
}

const rows = [];
let failed = 0;
for (const gate of selected) {
  console.log(`\n━━ gate: ${gate.name} (${gate.what}) ━━`);
  const started = performance.now();
  const code = await runAttached(gate.command[0], gate.command.slice(1));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (code !== 0) failed++;
  rows.push([gate.name, code === 0 ? 'pass' : `FAIL (exit ${code})`, `${seconds} s`, gate.what]);
}
console.log(`\n${formatTable(['gate', 'result', 'time', 'checks'], rows, { alignRight: [2] })}`);
console.log(
  failed === 0
    ? `\nrelease gates: all ${selected.length} pass`
    : `\nrelease gates: ${failed} of ${selected.length} FAILED`,
);
process.exitCode = failed === 0 ? 0 : 1;
