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
}, 20_000);

test('the default entry (browsers, edge) neither imports undici nor node: modules', () => {
  for (const file of ['dist/index.js', 'dist/index.cjs']) {
    const code = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
    expect(code).not.toMatch(/from ["']undici["']|require\(["']undici["']\)/);
    expect(code).not.toMatch(/["']node:/);
  }
});

test('every entry takes its classes from the one implementation', () => {
  const identity = `
    const [core, shared, internal, callbacks] = await Promise.all(
      ['@bw/core', '@bw/core/shared', '@bw/core/internal', '@bw/core/callbacks'].map((name) => import(name)),
    );
    const same = [shared, internal].every((m) => m.ApiError === core.ApiError && m.ValidationError === core.ValidationError);
    const error = await callbacks.readCallbackPayload('{').catch((e) => e);
    console.log(same, error instanceof core.CallbackError, typeof internal.Transport, typeof core.Transport);`;
  expect(resolveIn(identity)).toBe('true true function undefined');
  const required = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    console.log(require('@bw/core/shared').RateLimitError === require('@bw/core/internal').RateLimitError);`;
  expect(resolveIn(required)).toBe('true');
}, 20_000);

test('on Node, a package that imports only @bw/core/internal sends through the undici fetch too, once it has loaded', () => {
  // `node:http` writes `Host` capitalized, undici `host`; the global fetch would add
  // `sec-fetch-mode`. undici loads after the first answer, which goes over `node:http`.
  const send = `
    import http from 'node:http';
    import { Transport } from '@bw/core/internal';
    const server = http.createServer((req, res) => res.end(JSON.stringify(
      req.headers['sec-fetch-mode'] ? 'fetch' : req.rawHeaders.includes('Host') ? 'node:http' : 'undici',
    )));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = 'http://127.0.0.1:' + server.address().port;
    const transport = new Transport({ userId: 'u', apiToken: 'token', apiSecret: 'secret', baseUrl });
    const first = await transport.json({ method: 'GET', path: '/x' });
    let later;
    for (let tries = 0; tries < 200 && later !== 'undici'; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      later = await transport.json({ method: 'GET', path: '/x' });
    }
    console.log(first, later);
    server.close();`;
  expect(resolveIn(send)).toBe('node:http undici');
}, 30_000);

test('on Node, a client that awaits ready() sends its first request over undici', () => {
  const send = `
    import http from 'node:http';
    import { BaseClient } from '@bw/core';
    const server = http.createServer((req, res) => res.end(JSON.stringify(
      req.rawHeaders.includes('Host') ? 'node:http' : 'undici',
    )));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    class Client extends BaseClient {
      get() { return this.transport.json({ method: 'GET', path: '/x' }); }
    }
    const client = new Client('u', 'token', 'secret', { baseUrl: 'http://127.0.0.1:' + server.address().port });
    await client.ready();
    console.log(await client.get());
    server.close();`;
  expect(resolveIn(send)).toBe('undici');
}, 30_000);

test('the public entries are thin: only the internal build holds code, and its default build has no undici', () => {
  for (const file of ['index', 'index.node', 'shared']) {
    for (const extension of ['js', 'cjs']) {
      const code = readFileSync(new URL(`../dist/${file}.${extension}`, import.meta.url), 'utf8');
      expect(code).not.toMatch(/class \w+|function \w+\(/);
    }
  }
  for (const file of ['dist/internal.js', 'dist/internal.cjs']) {
    const code = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
    expect(code).not.toMatch(
      /from ["']undici["']|import\(["']undici["']\)|require\(["']undici["']\)/,
    );
    expect(code).not.toMatch(/["']node:/);
  }
});

test('ky is built into a module of the package, which the implementation imports by path, and its license ships beside it', () => {
  for (const [extension, own] of [
    ['js', /from ["']\.\/ky\.js["']/],
    ['cjs', /require\(["']\.\/ky\.cjs["']\)/],
  ] as const) {
    for (const file of ['internal', 'internal.node']) {
      const code = readFileSync(new URL(`../dist/${file}.${extension}`, import.meta.url), 'utf8');
      expect(code).not.toMatch(/from ["']ky["']|import\(["']ky["']\)|require\(["']ky["']\)/);
      expect(code).toMatch(own);
    }
    const built = readFileSync(new URL(`../dist/ky.${extension}`, import.meta.url), 'utf8');
    expect(built).toMatch(/supportsRequestStreams/);
    expect(built).not.toMatch(/from ["']\.|require\(["']\./);
  }
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  expect(manifest.dependencies).not.toHaveProperty('ky');
  const kyDir = new URL('../node_modules/ky/', import.meta.url);
  const ky = JSON.parse(readFileSync(new URL('package.json', kyDir), 'utf8'));
  expect(manifest.devDependencies.ky).toBe(ky.version);
  const notices = readFileSync(new URL('../dist/THIRD-PARTY-NOTICES.md', import.meta.url), 'utf8');
  expect(notices).toContain(`## ky ${ky.version}`);
  expect(notices).toContain(readFileSync(new URL('license', kyDir), 'utf8').trim());
});
