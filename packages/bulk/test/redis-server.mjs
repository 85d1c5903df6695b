// A redis-server of one's own on a free loopback port, in a temporary directory: for the package's
// tests (test/redis.ts) and for bench/bulk.bench.mjs. Plain JavaScript, so both can import it.
// Both get the binary the same way: the one on PATH, else Debian's package installed when they
// run as root on a machine with apt.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { aptInstall, isExecutable } from '../../../test-support/apt.mjs';

const INSTALL = 'apt-get install -y redis-server';

/** The first `name` on `host.path` that is an executable file. */
function onPath(host, name) {
  for (const dir of (host.path ?? '').split(path.delimiter)) {
    if (dir && host.isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/**
 * What to do to get `redis-server` on `host` ({ path, uid, isExecutable }): the one on PATH is
 * used; without it, root on a machine with apt installs Debian's package; anyone else is told at
 * once the one command to run.
 */
export function planRedisServer(host) {
  const found = onPath(host, 'redis-server');
  if (found) return { action: 'use', binary: found };
  if (!onPath(host, 'apt-get')) {
    return {
      action: 'fail',
      message:
        'redis-server (Redis 7) is needed on PATH, and there is no apt-get here to install it: install Redis, e.g. brew install redis',
    };
  }
  if (host.uid !== 0) {
    return {
      action: 'fail',
      message: `Debian's redis-server is needed. Install it: sudo ${INSTALL}`,
    };
  }
  return { action: 'install', package: 'redis-server', binary: '/usr/bin/redis-server' };
}

/** The `redis-server` binary, installed first when the plan says so; throws the plan's message. */
export function redisServerBinary() {
  const plan = planRedisServer({ path: process.env.PATH, uid: process.getuid?.(), isExecutable });
  if (plan.action === 'fail') throw new Error(plan.message);
  if (plan.action === 'install') {
    try {
      // Under the lock every install of the tests shares: Chromium's may be under way.
      aptInstall(plan.package, plan.binary);
    } catch (error) {
      throw new Error(`${error.message}. Install it: sudo ${INSTALL}`);
    }
  }
  return plan.binary;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether a Redis server answers PING on the port. */
function ping(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts `binary` (default `redis-server` on PATH). `persistent`: append-only, fsync on each write,
 * so a restart keeps the data; otherwise nothing is written to disk.
 */
export async function startRedisServer({ binary = 'redis-server', persistent = false } = {}) {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'bw-bulk-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push('--protected-mode', 'no', '--appendonly', persistent ? 'yes' : 'no');
  if (persistent) args.push('--appendfsync', 'always');
  let child;
  const launch = async () => {
    const started = spawn(binary, args, { stdio: 'ignore' });
    child = started;
    const missing = new Promise((_, reject) =>
      started.once('error', (error) =>
        reject(error.code === 'ENOENT' ? new Error(`${binary} is missing: ${INSTALL}`) : error),
      ),
    );
    missing.catch(() => {});
    for (let tries = 0; tries < 100; tries += 1) {
      if (await Promise.race([ping(port), missing])) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis-server did not answer on port ${port}`);
  };
  const halt = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart(downMs = 500) {
      await halt();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await launch();
    },
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
