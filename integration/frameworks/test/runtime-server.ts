// Runs `servers/<runtime>.ts` under Bun or Deno (the workspace's own binaries) and turns the
// lines it prints into reports, so a test can mount the app there like any Node framework.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { REPORT_PREFIX, type ServerLine } from '../servers/report.ts';
import type { AppReport } from '../src/app.ts';
import type { Mount } from '../src/mounts.ts';

const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);

/** How each runtime runs a script: its binary from npm, and its arguments. */
const runtimes = {
  bun: {
    binary: () => path.join(path.dirname(require.resolve('bun/package.json')), 'bin', 'bun.exe'),
    args: (script: string) => [script],
  },
  deno: {
    binary: () => path.join(path.dirname(require.resolve('deno/package.json')), 'deno'),
    args: (script: string) => ['run', '--allow-net', '--allow-read', '--allow-env', script],
  },
} as const;

/** A {@link Mount} that starts `servers/<runtime>.ts` in a child process. */
export function runtimeMount(runtime: keyof typeof runtimes): Mount {
  return (report: (entry: AppReport) => void) =>
    new Promise((resolve, reject) => {
      const cacheDir = mkdtempSync(path.join(tmpdir(), `bw-${runtime}-`));
      const child: ChildProcess = spawn(
        runtimes[runtime].binary(),
        runtimes[runtime].args(path.join(packageDir, 'servers', `${runtime}.ts`)),
        {
          cwd: packageDir,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: {
            ...process.env,
            NO_COLOR: '1',
            DENO_DIR: cacheDir,
            DENO_NO_UPDATE_CHECK: '1',
            BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
          },
        },
      );
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.once('exit', (code) =>
        reject(new Error(`${runtime} exited with ${code} before listening:\n${stderr}`)),
      );
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
        if (!text.startsWith(REPORT_PREFIX)) return;
        const line = JSON.parse(text.slice(REPORT_PREFIX.length)) as ServerLine;
        if (line.kind !== 'listening') return report(line);
        resolve({
          url: `http://127.0.0.1:${line.port}`,
          close: async () => {
            child.kill();
            await exited;
            rmSync(cacheDir, { recursive: true, force: true });
          },
        });
      });
    });
}
