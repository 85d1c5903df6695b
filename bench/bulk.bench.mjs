#!/usr/bin/env node
// @bw/bulk pacing: the send rate 3 worker processes on Redis (BullMQ) achieve, as a share of what
// the API allows (senders × per-number limit), and how many limit answers they get; beside it, in
// the same run and against the same emulator limits, a naive p-limit pool around sendMessage at the
// same concurrency (core's retries on, as a user would have them).
// Rates are read from the emulator's own message times: (messages − 1) / (last − first).
// Needs redis-server: the one on PATH, else Debian's package, installed first when run as root on
// a machine with apt (as the package's tests get it).
import { spawn } from 'node:child_process';
import net from 'node:net';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
// The package's tests start their Redis with the same code.
import { redisServerBinary, startRedisServer } from '../packages/bulk/test/redis-server.mjs';

const SENDERS = Array.from({ length: 20 }, (_, index) => `+${19195550100 + index}`);
// 10 messages/s per number, raised; BULK_BENCH_LIMIT (per 10 s) and BULK_BENCH_RECIPIENTS
// change the run, e.g. a pace a loaded machine can carry.
const PER_NUMBER = { limit: Number(process.env.BULK_BENCH_LIMIT ?? 100), windowMs: 10_000 };
const ALLOWED = (SENDERS.length * PER_NUMBER.limit * 1000) / PER_NUMBER.windowMs; // per second
const RECIPIENTS = Number(process.env.BULK_BENCH_RECIPIENTS ?? 4000);
const WORKERS = 3;
const CONCURRENCY = 2; // per number and worker process
const USER = { userId: 'u-bench', apiToken: 't-bench', apiSecret: 's-bench' };
const self = fileURLToPath(import.meta.url);

/** (count − 1) / seconds between the first and the last outbound message the emulator holds. */
async function rateOf(emulator, since) {
  const state = await emulator.control.state(USER.userId);
  const times = state.messages
    .filter((message) => message.direction === 'out' && Date.parse(message.time) >= since)
    .map((message) => Date.parse(message.time))
    .sort((a, b) => a - b);
  if (times.length < 2) return { count: times.length, rate: 0 };
  return {
    count: times.length,
    rate: (times.length - 1) / (((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000),
  };
}

/** One section of Redis's `INFO`, as text. */
async function redisInfo(port, section) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`INFO ${section}\r\n`));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      text += chunk;
      const header = /^\$(\d+)\r\n/.exec(text);
      if (header && Buffer.byteLength(text) >= header[0].length + Number(header[1]) + 2) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.once('error', reject);
  });
}

/**
 * Redis's own command counts (`INFO commandstats`): top-level calls (one per round trip, `EVALSHA`
 * included) and every command, those run inside scripts included. Unlike a rate, these do not
 * depend on how loaded the machine is.
 */
async function commandCounts(port) {
  const info = await redisInfo(port, 'commandstats');
  const calls = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    calls[match[1]] = Number(match[2]);
  return calls;
}

/** CPU time Redis has used, ms (`INFO cpu`: user + system). */
async function redisCpuMs(port) {
  const info = await redisInfo(port, 'cpu');
  const seconds = (name) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1000;
}

/** CPU time this process has used, ms (user + system). */
function ownCpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Calls per send between two `commandCounts` readings: all commands, and round trips. */
function perSend(before, after, sends) {
  const delta = (name) => (after[name] ?? 0) - (before[name] ?? 0);
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  let all = 0;
  for (const name of names) if (name !== 'info') all += delta(name);
  // Inside a script, commands count in their own lines too; a round trip is a top-level call.
  const scripts = delta('evalsha') + delta('eval') + delta('evalsha_ro') + delta('eval_ro');
  return { all: all / sends, scripts: scripts / sends };
}

function refused(refusals) {
  return refusals['message-rate-limit-per-tn'] + refusals['message-rate-limit-overall'];
}

/** SIGTERM to each worker still running; resolves when they have exited. */
async function stopWorkers(workers) {
  await Promise.all(
    workers.map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    }),
  );
}

/** Worker mode: one process of the campaign. */
async function worker() {
  const { createBulkSender } = await import('@bw/bulk');
  const { bullmqQueue } = await import('@bw/bulk/bullmq');
  const { MessagingClient } = await import('@bw/messaging');
  const config = JSON.parse(process.env.BW_BULK_BENCH);
  const sender = createBulkSender({
    client: new MessagingClient({ ...USER, baseUrl: config.baseUrl }),
    senders: SENDERS,
    limits: { perNumber: PER_NUMBER, perAccount: false },
    concurrency: CONCURRENCY,
    queue: bullmqQueue({ connection: config.redis, name: 'bench' }),
  });
  await sender.start();
  process.stdout.write('ready\n');
  process.once(
    'SIGTERM',
    () =>
      void sender.close().then(() => {
        // The CPU time this worker used, for the bench's CPU per send.
        process.stdout.write(`cpu ${ownCpuMs()}\n`, () => process.exit(0));
      }),
  );
}

export default async function run() {
  const { startEmulator } = await import('@bw/emulator');
  const { createBulkSender } = await import('@bw/bulk');
  const { bullmqQueue } = await import('@bw/bulk/bullmq');
  const { MessagingClient } = await import('@bw/messaging');
  const { default: pLimit } = await import('p-limit');
  const emulator = await startEmulator({
    speed: 100,
    rateLimits: { messages: { perNumber: PER_NUMBER } },
    users: [{ ...USER, numbers: SENDERS, balance: '10000000' }],
  });
  const redis = await startRedisServer({ binary: redisServerBinary() });
  const client = new MessagingClient({ ...USER, baseUrl: emulator.url });
  const recipients = Array.from({ length: RECIPIENTS }, (_, index) => ({
    key: `b-${index}`,
    to: `+1404555${String(index).padStart(4, '0')}`,
    text: `Bench #${index}`,
  }));
  const workers = [];
  let workerCpuMs = 0;
  try {
    // @bw/bulk, 3 worker processes on Redis.
    const producer = createBulkSender({
      client,
      senders: SENDERS,
      limits: { perNumber: PER_NUMBER, perAccount: false },
      queue: bullmqQueue({ connection: redis.url, name: 'bench' }),
    });
    await producer.enqueue(recipients);
    const commandsBefore = await commandCounts(redis.port);
    const redisCpuBefore = await redisCpuMs(redis.port);
    const mainCpuBefore = ownCpuMs();
    const loadBefore = loadavg()[0];
    const bulkStart = Date.now();
    for (let index = 0; index < WORKERS; index += 1) {
      const child = spawn(process.execPath, [self, '--worker'], {
        env: {
          ...process.env,
          BW_BULK_BENCH: JSON.stringify({ baseUrl: emulator.url, redis: redis.url }),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child.stdout.setEncoding('utf8').on('data', (chunk) => {
        const cpu = /cpu ([\d.]+)/.exec(chunk);
        if (cpu) workerCpuMs += Number(cpu[1]);
      });
      workers.push(child);
    }
    const report = await producer.drained();
    const commands = perSend(commandsBefore, await commandCounts(redis.port), RECIPIENTS);
    const loadAfter = loadavg()[0];
    const mainCpu = ownCpuMs() - mainCpuBefore;
    const redisCpu = (await redisCpuMs(redis.port)) - redisCpuBefore;
    await stopWorkers(workers);
    await producer.close();
    const bulk = await rateOf(emulator, bulkStart);
    const bulkRefused = refused(await emulator.control.rateLimitRefusals());

    // Naive: p-limit around sendMessage, same concurrency, round-robin over the same numbers.
    await emulator.control.setRateLimits({ messages: { perNumber: PER_NUMBER } }); // fresh counters
    await new Promise((resolve) => setTimeout(resolve, PER_NUMBER.windowMs)); // an empty window
    const limit = pLimit(WORKERS * SENDERS.length * CONCURRENCY);
    const naiveCpuBefore = ownCpuMs();
    const naiveStart = Date.now();
    let failed = 0;
    await Promise.all(
      recipients.map((recipient, index) =>
        limit(() =>
          client
            .sendMessage({
              from: SENDERS[index % SENDERS.length],
              to: recipient.to,
              text: `${recipient.text} (naive)`,
            })
            .catch(() => {
              failed += 1;
            }),
        ),
      ),
    );
    const naiveCpu = ownCpuMs() - naiveCpuBefore;
    const naive = await rateOf(emulator, naiveStart);
    const naiveRefused = refused(await emulator.control.rateLimitRefusals());

    console.log(
      `allowed ${ALLOWED}/s (${SENDERS.length} numbers × ${PER_NUMBER.limit} per ${PER_NUMBER.windowMs / 1000} s)`,
    );
    console.log(
      `@bw/bulk, ${WORKERS} workers on Redis: ${report.counts.sent}/${RECIPIENTS} sent, ${bulk.rate.toFixed(1)}/s, ${bulkRefused} limit answers`,
    );
    console.log(
      `Redis per send: ${commands.all.toFixed(1)} commands (scripts' inner commands included), ${commands.scripts.toFixed(1)} script calls; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} (${WORKERS} workers, Redis and the emulator on this machine)`,
    );
    const bulkCpu = (workerCpuMs + redisCpu + mainCpu) / RECIPIENTS;
    console.log(
      `CPU per send: @bw/bulk ${bulkCpu.toFixed(2)} ms (workers ${(workerCpuMs / RECIPIENTS).toFixed(2)}, Redis ${(redisCpu / RECIPIENTS).toFixed(2)}, emulator and producer ${(mainCpu / RECIPIENTS).toFixed(2)}); naive ${(naiveCpu / RECIPIENTS).toFixed(2)} ms (pool and emulator)`,
    );
    console.log(
      `so 2 idle cores carry about ${Math.round(2000 / bulkCpu)} bulk sends/s (the pace allows ${((SENDERS.length * PER_NUMBER.limit * 1000) / (PER_NUMBER.windowMs + 100)).toFixed(1)})`,
    );
    console.log(
      `naive p-limit(${WORKERS * SENDERS.length * CONCURRENCY}): ${naive.count}/${RECIPIENTS} sent (${failed} gave up), ${naive.rate.toFixed(1)}/s, ${naiveRefused} limit answers`,
    );
    return [
      {
        name: `@bw/bulk send rate, ${WORKERS} workers on Redis (${bulkRefused} limit answers)`,
        value: Math.round(bulk.rate * 10) / 10,
        unit: 'msg/s',
        baselineName: 'allowed (senders × per-number limit)',
        baseline: ALLOWED,
        ratio: bulk.rate / ALLOWED,
        target: '≥ 0.95',
      },
      {
        name: `naive p-limit pool send rate (${naiveRefused} limit answers, ${failed} gave up)`,
        value: Math.round(naive.rate * 10) / 10,
        unit: 'msg/s',
        baselineName: 'allowed (senders × per-number limit)',
        baseline: ALLOWED,
        ratio: naive.rate / ALLOWED,
        target: '(for comparison)',
      },
      {
        name: `@bw/bulk CPU per send: workers, Redis, emulator (${commands.all.toFixed(1)} Redis commands, ${commands.scripts.toFixed(1)} scripts)`,
        value: Math.round(bulkCpu * 100) / 100,
        unit: 'ms',
        baselineName: 'naive pool CPU per send (pool and emulator)',
        baseline: Math.round((naiveCpu / RECIPIENTS) * 100) / 100,
        ratio: bulkCpu / (naiveCpu / RECIPIENTS),
        target: '(does not depend on load)',
      },
    ];
  } finally {
    await stopWorkers(workers);
    await redis.stop();
    await emulator.close();
  }
}

if (process.argv.includes('--worker')) await worker();
else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
