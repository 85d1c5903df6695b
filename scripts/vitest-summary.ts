import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

/** Where the failures of the last run are left, for `scripts/test.mjs` to print last. */
const failuresFile = fileURLToPath(new URL('../.tmp/test-failures.txt', import.meta.url));

/**
 * Prints one plain closing line, `N passed, N failed, N skipped`, after the default reporter, and
 * writes each failed test (file, name, first lines of its error) to `.tmp/test-failures.txt`, so
 * the end of a long log still says what failed.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const failures: string[] = [];
    for (const module of testModules) {
      const file = path.relative(process.cwd(), module.moduleId);
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') {
          failed++;
          failures.push(describe(`${file} > ${test.fullName}`, result.errors));
        } else skipped++;
      }
      if (module.state() === 'failed' && module.children.size === 0) {
        failed++;
        failures.push(describe(file, module.errors()));
      }
    }
    // Errors thrown outside any test (a timer firing after its file ended, a worker that died) fail
    // the run with every test passed.
    if (unhandledErrors.length > 0) failures.push(describe('unhandled errors', unhandledErrors));
    if (reason !== 'passed' && failures.length === 0) failures.push(`FAIL run ended: ${reason}`);
    mkdirSync(path.dirname(failuresFile), { recursive: true });
    writeFileSync(failuresFile, failures.join('\n'));
    const unhandled =
      unhandledErrors.length > 0 ? `, ${unhandledErrors.length} unhandled errors` : '';
    process.stdout.write(
      `\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped${unhandled}\n`,
    );
  }
}

function describe(
  where: string,
  errors: ReadonlyArray<{ message?: string; stack?: string }> | undefined,
): string {
  const lines = [`FAIL ${where}`];
  for (const error of errors ?? []) {
    const text = (error.stack ?? error.message ?? String(error)).split('\n').slice(0, 8);
    lines.push(...text.map((line) => `    ${line}`));
  }
  return lines.join('\n');
}
