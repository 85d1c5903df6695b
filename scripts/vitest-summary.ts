import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

/**
 * Prints one plain closing line, `N passed, N failed, N skipped`, after the default reporter. With
 * `BW_TEST_FAILURES_FILE` set (by `scripts/test.mjs`, which prints it after the release gates'
 * log), also writes each failed test there (file, name, first lines of its error), so the end of a
 * long log still says what failed.
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
          failures.push(failureText(`${file} > ${test.fullName}`, result.errors));
        } else skipped++;
      }
      if (module.state() === 'failed' && module.children.size === 0) {
        failed++;
        failures.push(failureText(file, module.errors()));
      }
    }
    // Errors thrown outside any test (a timer firing after its file ended, a worker that died) fail
    // the run with every test passed.
    if (unhandledErrors.length > 0) {
      failures.push(failureText('unhandled errors', unhandledErrors));
    }
    if (reason !== 'passed' && failures.length === 0) failures.push(`FAIL run ended: ${reason}`);
    const failuresFile = process.env.BW_TEST_FAILURES_FILE;
    if (failuresFile) {
      mkdirSync(path.dirname(failuresFile), { recursive: true });
      writeFileSync(failuresFile, failures.join('\n'));
    }
    const unhandled =
      unhandledErrors.length > 0 ? `, ${unhandledErrors.length} unhandled errors` : '';
    process.stdout.write(
      `\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped${unhandled}\n`,
    );
  }
}

/** A failure as printed last: where, then the first lines of each error. */
function failureText(
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
