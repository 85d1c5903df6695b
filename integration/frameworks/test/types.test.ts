// `handler.node` and the Fetch handler in each framework's types (types/*.ts), compiled under
// the @types/node a user may have (20 to 26) and under TypeScript 5.9 and 7. Each cell is one `tsc` run
// over a generated tsconfig whose only `@types/node` is the cell's.
import { execFile } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const workDir = mkdtempSync(path.join(tmpdir(), 'bw-framework-types-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const compilers = {
  'TypeScript 5.9': 'typescript',
  'TypeScript 7': 'typescript7',
} as const;

interface Cell {
  compiler: keyof typeof compilers;
  node: 20 | 22 | 24 | 26;
  /** Resolution mode, and whether `exactOptionalPropertyTypes` is on. */
  mode: 'bundler' | 'nodenext-exact';
}

// Every @types/node under TypeScript 7 (fast); the oldest and newest under 5.9 (slow); each
// resolution mode at least once.
const cells: Cell[] = [
  ...([20, 22, 24, 26] as const).map((node) => ({
    compiler: 'TypeScript 7' as const,
    node,
    mode: 'bundler' as const,
  })),
  { compiler: 'TypeScript 7', node: 26, mode: 'nodenext-exact' },
  { compiler: 'TypeScript 5.9', node: 20, mode: 'bundler' },
  { compiler: 'TypeScript 5.9', node: 26, mode: 'nodenext-exact' },
];

/** A tsconfig over types/*.ts that sees exactly one `@types/node`: the cell's. */
function writeConfig(cell: Cell): string {
  // The real directory of `@types/node-NN` holds it as `@types/node` (pnpm's layout), next to
  // its own `undici-types`: as a type root it answers every `/// <reference types="node" />`.
  const typeRoot = path.dirname(
    realpathSync(path.join(packageDir, 'node_modules', '@types', `node-${cell.node}`)),
  );
  const resolution =
    cell.mode === 'bundler'
      ? { module: 'ESNext', moduleResolution: 'Bundler' }
      : { module: 'NodeNext', moduleResolution: 'NodeNext', exactOptionalPropertyTypes: true };
  const file = path.join(
    workDir,
    `${cell.compiler.replace(/\W/g, '')}-node${cell.node}-${cell.mode}.json`,
  );
  const config = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023', 'DOM'],
      strict: true,
      noUncheckedIndexedAccess: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      typeRoots: [typeRoot],
      types: ['node'],
      ...resolution,
    },
    files: ['node-http.ts', 'express4.ts', 'express5.ts', 'fastify.ts', 'fetch.ts'].map((name) =>
      path.join(packageDir, 'types', name),
    ),
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

function compile(cell: Cell): Promise<{ code: number; output: string }> {
  const tsc = path.join(
    path.dirname(require.resolve(`${compilers[cell.compiler]}/package.json`)),
    'bin',
    'tsc',
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsc, '-p', writeConfig(cell), '--pretty', 'false'],
      { cwd: packageDir, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('handler.node and the Fetch handler fit every framework', () => {
  test.each(cells)(
    '$compiler, @types/node $node, $mode',
    async (cell) => {
      const { code, output } = await compile(cell);
      expect(output).toBe('');
      expect(code).toBe(0);
    },
    180_000,
  );
});
