import { execFileSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type RedisServer, startRedisServer } from './redis-server.mjs';

/** A Redis server of the test's own: loopback, a free port, a temporary directory. */
export type TestRedis = RedisServer;

const INSTALL = 'apt-get install -y redis-server';

/** Time a test hook gives `startRedis`: enough for `apt-get update` and an install. */
export const REDIS_SETUP_TIMEOUT_MS = 300_000;

/** What the test setup does to get `redis-server`. */
export type RedisServerPlan =
  | { action: 'use'; binary: string }
  /** Run `script` as root with `sh -c`, then use `binary` (where Debian's package puts it). */
  | { action: 'install'; script: string; binary: string }
  | { action: 'fail'; message: string };

/** What the plan depends on: the PATH, the user, and which files are executables. */
export interface RedisServerHost {
  path: string | undefined;
  uid: number | undefined;
  isExecutable(file: string): boolean;
}

/** The first `name` on `host.path` that is an executable file. */
function onPath(host: RedisServerHost, name: string): string | undefined {
  for (const dir of (host.path ?? '').split(path.delimiter)) {
    if (dir && host.isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/**
 * `redis-server` on PATH is used; without it, root on a machine with apt installs Debian's
 * package; anyone else is told at once the one command to run.
 */
export function planRedisServer(host: RedisServerHost): RedisServerPlan {
  const found = onPath(host, 'redis-server');
  if (found) return { action: 'use', binary: found };
  if (!onPath(host, 'apt-get')) {
    return {
      action: 'fail',
      message:
        'The @bw/bulk tests need redis-server (Redis 7) on PATH, and there is no apt-get here to install it: install Redis, e.g. brew install redis',
    };
  }
  if (host.uid !== 0) {
    return {
      action: 'fail',
      message: `The @bw/bulk tests need Debian's redis-server. Install it: sudo ${INSTALL}`,
    };
  }
  return {
    action: 'install',
    // Test files start in parallel: flock makes one install while the others wait, then find it.
    script: `test -x /usr/bin/redis-server || ${INSTALL} || (apt-get update && ${INSTALL})`,
    binary: '/usr/bin/redis-server',
  };
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The `redis-server` binary, installed first when the plan says so; throws the plan's message. */
function redisServerBinary(): string {
  const plan = planRedisServer({ path: process.env.PATH, uid: process.getuid?.(), isExecutable });
  if (plan.action === 'fail') throw new Error(plan.message);
  if (plan.action === 'install') {
    process.stderr.write(`redis-server is missing: ${INSTALL}\n`);
    execFileSync(
      'flock',
      [path.join(tmpdir(), 'bw-bulk-redis-install.lock'), 'sh', '-c', plan.script],
      { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } },
    );
    if (!isExecutable(plan.binary)) {
      throw new Error(`redis-server could not be installed. Install it: sudo ${INSTALL}`);
    }
  }
  return plan.binary;
}

/** Starts `redis-server` with persistence (append-only, fsync each write) so a restart keeps the data. */
export async function startRedis(): Promise<TestRedis> {
  return startRedisServer({ binary: redisServerBinary(), persistent: true });
}

/**
 * One `redis-server` for a test file: started before its tests (installed first when missing and
 * possible, which can take minutes), stopped after them; `use` receives it once it runs.
 */
export function useRedis(use: (redis: TestRedis) => void): void {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await startRedis();
    use(redis);
  }, REDIS_SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await redis?.stop();
  });
}
