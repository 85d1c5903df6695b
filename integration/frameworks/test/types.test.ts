// `handler.node` and the Fetch handler in each framework's types (types/*.ts), compiled under
// the @types/node a user may have (20 to 26) and under TypeScript 5.9 and 7. Each cell is one `tsc` run
// over a generated tsconfig whose only `@types/node` is the cell's.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * The handler samples of the callbacks docs, each a module of its own: every ```ts block of the
 * core README's recipes and of the messaging and voice READMEs' handler sections.
 */
const docSections = [
  { readme: 'packages/core/README.md', heading: '### Recipes: a handler in each framework' },
  { readme: 'packages/messaging/README.md', heading: '## Callback handler' },
  { readme: 'packages/voice/README.md', heading: '## Answering callbacks with BXML' },
];
const recipesDir = path.join(packageDir, '.recipes');

function extractRecipes(): string[] {
  rmSync(recipesDir, { recursive: true, force: true });
  mkdirSync(recipesDir, { recursive: true });
  const files: string[] = [];
  for (const { readme, heading } of docSections) {
    const text = readFileSync(path.join(packageDir, '..', '..', readme), 'utf8');
    const start = text.indexOf(`\n${heading}\n`);
    if (start < 0) throw new Error(`${readme} has no "${heading}" section`);
    const level = heading.indexOf(' ');
    const rest = text.slice(start + heading.length + 2);
    const end = rest.search(new RegExp(`\\n#{1,${level}} `));
    const section = end < 0 ? rest : rest.slice(0, end);
    for (const [, code] of section.matchAll(/```ts\n([\s\S]*?)```/g)) {
      const file = path.join(
        recipesDir,
        `${path.basename(path.dirname(readme))}-${files.length + 1}.ts`,
      );
      writeFileSync(file, code as string);
      files.push(file);
    }
  }
  return files;
}

const recipes = extractRecipes();
afterAll(() => rmSync(recipesDir, { recursive: true, force: true }));

/** A tsconfig over types/*.ts that sees exactly one `@types/node`: the cell's. */
function writeConfig(cell: Cell, files: string[]): string {
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
    files,
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

function compile(cell: Cell, files: string[]): Promise<{ code: number; output: string }> {
  const tsc = path.join(
    path.dirname(require.resolve(`${compilers[cell.compiler]}/package.json`)),
    'bin',
    'tsc',
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsc, '-p', writeConfig(cell, files), '--pretty', 'false'],
      { cwd: packageDir, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

const frameworkTypes = ['node-http.ts', 'express4.ts', 'express5.ts', 'fastify.ts', 'fetch.ts'].map(
  (name) => path.join(packageDir, 'types', name),
);

describe('handler.node and the Fetch handler fit every framework', () => {
  test.each(cells)(
    '$compiler, @types/node $node, $mode',
    async (cell) => {
      const { code, output } = await compile(cell, frameworkTypes);
      expect(output).toBe('');
      expect(code).toBe(0);
    },
    180_000,
  );
});

describe('the recipes of the callbacks docs compile', () => {
  test('one sample per framework in the core README, and the handler samples', () => {
    // node:http, Express, Fastify, Hono, Bun, Deno, Workers; then messaging and voice.
    expect(recipes.length).toBeGreaterThanOrEqual(9);
  });

  test.each([
    { compiler: 'TypeScript 7', node: 20, mode: 'bundler' },
    { compiler: 'TypeScript 5.9', node: 26, mode: 'nodenext-exact' },
  ] satisfies Cell[])(
    '$compiler, @types/node $node, $mode',
    async (cell) => {
      const { code, output } = await compile(cell, recipes);
      expect(output).toBe('');
      expect(code).toBe(0);
    },
    180_000,
  );
});
