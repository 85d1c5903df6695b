// The workerd cell: bundles worker.mjs from a consumer project's installed packages with esbuild
// (the conditions Cloudflare's tooling uses), starts `workerd` on a free loopback port with
// outbound access to loopback allowed, and drives the Worker over HTTP: a message to an emulator
// the gate started, the voice callback, and the fault cases.
import { spawn } from 'node:child_process';
import { copyFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { devRuntimes } from './runtimes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The Workers compatibility date the cell runs with (no compatibility flags: a plain Worker). */
export const compatibilityDate = '2026-11-01';

/** The version of the installed `workerd` npm package (its binary reports only a date). */
export function workerdVersion() {
  return createRequire(import.meta.url)('workerd/package.json').version;
}

/**
 * Runs the workerd cell in `projectDir` (where the tarballs are installed). `target` is what the
 * fault cases need (`faultUrl`, `refusedUrl`, `cell`). Resolves with the same shape a
 * Node.js/Bun/Deno cell prints: `{ system, runtime, version, send, callback, faults }` or `error`.
 */
export async function runWorkerdCell(projectDir, target) {
  const result = { system: 'bundle', runtime: 'workerd', version: workerdVersion() };
  const requireFromProject = createRequire(path.join(projectDir, 'package.json'));
  const cell = requireFromProject('./cell.cjs');
  let emulator;
  let workerd;
  try {
    const workerDir = path.join(projectDir, 'workerd');
    await copyFile(path.join(here, 'worker.mjs'), path.join(projectDir, 'worker.mjs'));
    await build({
      entryPoints: [path.join(projectDir, 'worker.mjs')],
      outfile: path.join(workerDir, 'worker.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      target: 'es2022',
      logLevel: 'silent',
    });
    await writeFile(path.join(workerDir, 'config.capnp'), workerConfig());
    const port = await freePort();
    workerd = startWorkerd(workerDir, port);
    const workerUrl = `http://127.0.0.1:${port}`;
    await waitUntilServing(workerUrl, workerd);

    const { DEFAULT_USER, startEmulator } = requireFromProject('@bw/emulator');
    emulator = await startEmulator({ users: [{ ...DEFAULT_USER, numbers: ['+19195551212'] }] });
    const post = async (route, body) => {
      const response = await fetch(`${workerUrl}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`${route}: ${response.status} ${text}`);
      return JSON.parse(text);
    };
    const [send, callback] = await Promise.all([
      post('/send', { url: emulator.url, ...DEFAULT_USER }).catch((error) => ({
        ok: false,
        error: error.message,
      })),
      cell.checkCallback(
        (route, init) => fetch(`${workerUrl}${route}`, init),
        requireFromProject('@bw/bxml'),
      ),
    ]);
    Object.assign(result, { send, callback, faults: await post('/faults', target) });
  } catch (error) {
    result.error = `${error?.stack ?? error}${workerd ? `\nworkerd output:\n${workerd.output()}` : ''}`;
  } finally {
    await emulator?.close();
    await workerd?.stop();
  }
  return result;
}

/**
 * The workerd config: one Worker on the `http` socket (its address given on the command line),
 * and an `internet` network that also allows private and local addresses, so the Worker's
 * `fetch` reaches the emulator and the fault server on 127.0.0.1 (by default only public
 * addresses are allowed).
 */
function workerConfig() {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smokeWorker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const smokeWorker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "${compatibilityDate}",
);
`;
}

/** Starts `workerd serve` in the background; `stop()` ends it and resolves once it exited. */
function startWorkerd(workerDir, port) {
  let output = '';
  const child = spawn(
    devRuntimes.workerd,
    ['serve', 'config.capnp', 'config', '--socket-addr', `http=127.0.0.1:${port}`],
    { cwd: workerDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) => {
    child.on('error', (error) => {
      output += error.message;
      resolve(-1);
    });
    child.on('close', (code) => resolve(code ?? -1));
  });
  return {
    exited,
    output: () => output,
    stop() {
      child.kill();
      return exited;
    },
  };
}

/** Resolves once the Worker answers HTTP; rejects when workerd exits first or after 20 s. */
async function waitUntilServing(url, workerd) {
  const deadline = Date.now() + 20_000;
  let exitCode;
  workerd.exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline && exitCode === undefined) {
    try {
      await fetch(`${url}/ready`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(
    exitCode === undefined
      ? `workerd did not serve ${url} within 20 s`
      : `workerd exited with ${exitCode} before serving`,
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
