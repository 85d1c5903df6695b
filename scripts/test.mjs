#!/usr/bin/env node
// The release gates and the Vitest suite of `pnpm test`, side by side (after the build, typecheck
// and lint): the gates spend most of their time installing tarballs and starting runtimes, the
// suite runs its files one at a time, so together they take about as long as the longer of the
// two. The gates' output is kept in `.tmp/gates.log` and printed whole once both have finished,
// so it never interleaves with Vitest's. Exits non-zero when either failed.
// `node scripts/test.mjs [vitest filters…]` passes its arguments to Vitest.
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { rootDir, runAttached } from './lib/workspace.mjs';

const logFile = path.join(rootDir, '.tmp', 'gates.log');
// The failed tests, written there by scripts/vitest-summary.ts and printed again at the very end.
const failuresFile = path.join(rootDir, '.tmp', 'test-failures.txt');
process.env.BW_TEST_FAILURES_FILE = failuresFile;
await mkdir(path.dirname(logFile), { recursive: true });
await rm(failuresFile, { force: true });
const log = createWriteStream(logFile);
await new Promise((resolve) => log.once('open', resolve));

const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const gates = runAttached(process.execPath, ['scripts/gates.mjs'], ['ignore', log, log]).then(
  (code) => {
    console.log(`\n(release gates finished after ${seconds()}, output below once the tests end)`);
    return code;
  },
);
const vitest = path.join(rootDir, 'node_modules', '.bin', 'vitest');
const testsCode = await runAttached(vitest, ['run', ...process.argv.slice(2)], 'inherit');
console.log(`\n(tests finished after ${seconds()})`);
const gatesCode = await gates;
log.end();
console.log(`\n━━━━ release gates (${logFile}) ━━━━`);
process.stdout.write(await readFile(logFile, 'utf8'));
const failures = await readFile(failuresFile, 'utf8').catch(() => '');
if (failures) console.log(`\n━━━━ failed tests (${failuresFile}) ━━━━\n${failures}`);
console.log(
  `\npnpm test: tests ${testsCode === 0 ? 'pass' : 'FAIL'}, release gates ${gatesCode === 0 ? 'pass' : 'FAIL'}`,
);
process.exitCode = testsCode === 0 && gatesCode === 0 ? 0 : 1;
