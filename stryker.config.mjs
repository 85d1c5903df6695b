// Mutation testing of one workspace package, run from that package's directory by
// `pnpm mutate <package>` (scripts/mutate.mjs): StrykerJS changes the package's source one small
// edit at a time (a mutant) and runs the package's own tests against each; a mutant no test
// notices "survives". Mutants that do not type-check are left out by the TypeScript checker.
import { createRequire } from 'node:module';
import path from 'node:path';

// pnpm keeps each package's dependencies apart, so Stryker cannot find its plugins by scanning
// beside itself: they are named by the paths the root resolves them to.
const resolve = createRequire(import.meta.url).resolve;

const packageName = path.basename(process.cwd());
const workDir = path.join(process.cwd(), '..', '..', '.tmp', 'mutation', packageName);

// Property tests (fast-check) that read PROPERTY_RUNS try fewer cases per run: every static
// mutant (one in module-level code, such as a table of rules) runs the whole test suite.
process.env.PROPERTY_RUNS ??= '20';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'pnpm',
  plugins: ['@stryker-mutator/vitest-runner', '@stryker-mutator/typescript-checker'].map((name) =>
    resolve(name),
  ),
  mutate: ['src/**/*.ts'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  coverageAnalysis: 'perTest',
  // The machine is shared: two test processes at most unless asked (`--concurrency N`).
  concurrency: 2,
  timeoutMS: 5_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  htmlReporter: { fileName: path.join(workDir, 'index.html') },
  jsonReporter: { fileName: path.join(workDir, 'mutation.json') },
  thresholds: { high: 90, low: 80, break: null },
  // In place, not in a sandbox copy: tests import shared helpers from outside the package
  // (`../../../test-support/…`), which a copy two levels down would not find, and a test file that
  // fails to import is dropped without an error. Stryker keeps a backup of every file it changes in
  // `.stryker-tmp/` and puts it back at the end (on Ctrl-C too).
  inPlace: true,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  // A later run re-tests only the mutants whose code or tests changed; `--force` tests all.
  incremental: true,
  incrementalFile: path.join(workDir, 'incremental.json'),
};
