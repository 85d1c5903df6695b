import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SendLimits } from '../src/index';
import type { BulkFixture } from './kit';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

/** Worker processes of one campaign, each `node --import tsx test/worker-process.ts`. */
export interface WorkerPool {
  processes: ChildProcess[];
  /** `kill -9` of one worker, mid-request or not. */
  kill(index: number): void;
  /** Sends a signal to one worker (`SIGSTOP`: it stalls, its connections open; `SIGCONT`). */
  signal(index: number, signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

export async function startWorkers(
  count: number,
  fixture: BulkFixture,
  options: {
    redisUrl: string;
    name: string;
    limits: SendLimits;
    settleMs: number;
    lockDurationMs: number;
    concurrency?: number;
    /** Where the workers' requests go (default the emulator). */
    baseUrl?: string;
    requestTimeoutMs?: number;
  },
): Promise<WorkerPool> {
  const config = JSON.stringify({
    redisUrl: options.redisUrl,
    name: options.name,
    baseUrl: options.baseUrl ?? fixture.emulator.url,
    credentials: {
      userId: fixture.emulator.credentials.userId,
      apiToken: fixture.emulator.credentials.apiToken,
      apiSecret: fixture.emulator.credentials.apiSecret,
    },
    senders: fixture.senders,
    limits: options.limits,
    settleMs: options.settleMs,
    lockDurationMs: options.lockDurationMs,
    concurrency: options.concurrency ?? 2,
    // The unknown outcome of a request is only looked into once the request is over.
    requestTimeoutMs: options.requestTimeoutMs ?? Math.min(2000, options.settleMs - 1000),
  });
  const processes = await Promise.all(
    Array.from({ length: count }, async () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(here, 'worker-process.ts')],
        {
          cwd: root,
          env: { ...process.env, BULK_WORKER: config },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('ready')) resolve();
        });
        child.once('exit', (code) =>
          reject(new Error(`worker exited (${code}) before it was ready`)),
        );
      });
      return child;
    }),
  );
  return {
    processes,
    kill(index) {
      processes[index]?.kill('SIGKILL');
    },
    signal(index, signal) {
      processes[index]?.kill(signal);
    },
    async stop() {
      await Promise.all(
        processes.map(async (child) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}
