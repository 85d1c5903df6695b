// The published entries, as a user's runtime resolves them: needs the package built (`pnpm test`
// builds before testing).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const resolveIn = (code: string, flag: string[] = []) =>
  execFileSync(process.execPath, [...flag, '--input-type=module', '-e', code], {
    cwd: packageDir,
    encoding: 'utf8',
  }).trim();

test('on Node, import and require both get the node entry with the undici fetch', () => {
  expect(resolveIn("import('@bw/core').then((m) => console.log(typeof m.createUndiciFetch))")).toBe(
    'function',
  );
  expect(
    resolveIn(
      "import { createRequire } from 'node:module'; console.log(typeof createRequire(import.meta.url)('@bw/core').createUndiciFetch)",
    ),
  ).toBe('function');
});

test('the default entry (browsers, edge) neither imports undici nor node: modules', () => {
  for (const file of ['dist/index.js', 'dist/index.cjs']) {
    const code = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
    expect(code).not.toMatch(/from ["']undici["']|require\(["']undici["']\)/);
    expect(code).not.toMatch(/["']node:/);
  }
});
