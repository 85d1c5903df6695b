import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bullmqQueue } from '../src/bullmq';
import { type BulkSender, createBulkSender, DOCUMENTED_SEND_LIMITS } from '../src/index';
import {
  type BulkFixture,
  countByTag,
  expectEachKeyOnce,
  expectNoLimitAnswers,
  recipients,
  startBulkFixture,
} from './kit';
import { type TestRedis, useRedis } from './redis';
import { startWorkers, type WorkerPool } from './workers';

let redis: TestRedis;
let fixture: BulkFixture | undefined;
let producer: BulkSender | undefined;
let pool: WorkerPool | undefined;
const closers: Array<() => Promise<void>> = [];

useRedis((started) => {
  redis = started;
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await pool?.stop();
  await producer?.close();
  await fixture?.close();
  pool = undefined;
  producer = undefined;
  fixture = undefined;
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A proxy in front of the emulator that holds the first `POST …/messages` until `release()`:
 * a request in flight for as long as a test needs.
 */
async function startHoldingProxy(target: string) {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = false;
  let arrived: () => void = () => {};
  const holding = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (!held && request.method === 'POST' && /\/messages$/.test(request.url ?? '')) {
      held = true;
      arrived();
      await released;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'connection')
        headers.set(name, value);
    }
    const answer = await fetch(`${target}${request.url}`, {
      method: request.method,
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    release();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    holding,
    release,
  };
}

describe('BullMQ campaign across worker processes', () => {
  it('3 workers, 10,000 recipients, 20 senders: each key sent once, 0 limit answers', async () => {
    // The emulator's limits raised so the run takes seconds; the sender paces at the same ones
    // (the test below holds the documented ones).
    const limits = {
      perNumber: { limit: 1000, windowMs: 10_000 },
      perAccount: { limit: 30_000, windowMs: 10_000 },
    };
    fixture = await startBulkFixture(20, { messages: limits });
    const queue = bullmqQueue({ connection: redis.url, name: 'scale' });
    producer = createBulkSender({
      client: fixture.client,
      senders: fixture.senders,
      limits,
      queue,
    });
    const list = recipients(10_000);
    expect(await producer.enqueue(list)).toEqual({ added: 10_000, skipped: 0 });
    pool = await startWorkers(3, fixture, {
      redisUrl: redis.url,
      name: 'scale',
      limits,
      settleMs: 3000,
      lockDurationMs: 10_000,
    });
    // The same list again, from another producer, while the workers run: nothing is queued twice.
    const second = createBulkSender({
      client: fixture.client,
      senders: fixture.senders,
      limits,
      queue: bullmqQueue({ connection: redis.url, name: 'scale' }),
    });
    expect(await second.enqueue(list)).toEqual({ added: 0, skipped: 10_000 });
    await second.close();
    const report = await producer.drained({ timeoutMs: 200_000 });
    expect(report.counts).toMatchObject({
      sent: 10_000,
      queued: 0,
      sending: 0,
      failed: 0,
      unknown: 0,
      'opted-out': 0,
    });
    const sent = await fixture.sent();
    expect(sent).toHaveLength(10_000);
    const perTag = countByTag(sent);
    expect(perTag.size).toBe(10_000);
    expect(Math.max(...perTag.values())).toBe(1);
    await expectNoLimitAnswers(fixture);
    // Sticky, balanced assignment: every number carried its share.
    const perSender = fixture.senders.map(
      (number) => sent.filter((message) => message.from === number).length,
    );
    expect(Math.min(...perSender)).toBeGreaterThanOrEqual(499);
  }, 240_000);

  it('at the documented limits (the defaults), two workers get 0 limit answers from an API enforcing them', async () => {
    fixture = await startBulkFixture(2, { messages: { ...DOCUMENTED_SEND_LIMITS } });
    const workers = [0, 1].map(() =>
      createBulkSender({
        client: fixture!.client,
        senders: fixture!.senders,
        // The default margin: however loaded the machine, a window is measured from the answer
        // of the send it follows, so a request counted late cannot crowd a later one.
        queue: bullmqQueue({ connection: redis.url, name: 'documented' }),
      }),
    );
    closers.push(async () => {
      for (const worker of workers) await worker.close();
    });
    // 11: the API refuses the 11th send of any 10 s.
    const list = recipients(11);
    await workers[0]!.enqueue(list);
    const started = Date.now();
    await Promise.all(workers.map((worker) => worker.start()));
    const report = await workers[1]!.drained({ timeoutMs: 40_000 });
    const elapsed = Date.now() - started;
    expect(report.counts).toMatchObject({ sent: 11, queued: 0, sending: 0, unknown: 0 });
    await expectEachKeyOnce(fixture, 11);
    await expectNoLimitAnswers(fixture);
    // The account's 1 message per second held for both workers together: 10 gaps of 1.01 s.
    expect(elapsed).toBeGreaterThanOrEqual(10 * 1010 - 100);
  }, 60_000);

  it('a worker that stalls with its request in flight keeps the key: the worker its job is handed to does not send it again', async () => {
    fixture = await startBulkFixture(1);
    const name = 'stalled';
    producer = createBulkSender({
      client: fixture.client,
      senders: fixture.senders,
      limits: { perNumber: false, perAccount: false },
      queue: bullmqQueue({ connection: redis.url, name }),
    });
    await producer.enqueue([{ key: 'held', to: '+14045550100', text: 'Held in flight' }]);
    const proxy = await startHoldingProxy(fixture.emulator.url);
    // Worker A's request reaches the API's front door and is held there; then A stalls (SIGSTOP:
    // alive, its connections open, its lock on the job not renewed).
    pool = await startWorkers(1, fixture, {
      redisUrl: redis.url,
      name,
      limits: { perNumber: false, perAccount: false },
      // A's own timeout cannot end the attempt before the test stops A, however loaded the machine.
      settleMs: 21_000,
      requestTimeoutMs: 20_000,
      lockDurationMs: 1000,
      baseUrl: proxy.url,
    });
    await proxy.holding;
    pool.signal(0, 'SIGSTOP');
    // Worker B gets the job once A's lock has lapsed, finds the attempt still with A, and leaves
    // it to A, again and again, long past A's timeout and the settling time.
    const leftToOwner: string[] = [];
    const takeover = createBulkSender({
      client: fixture.client,
      senders: fixture.senders,
      limits: { perNumber: false, perAccount: false },
      settleMs: 1500,
      requestTimeoutMs: 1000,
      queue: bullmqQueue({ connection: redis.url, name, lockDurationMs: 1000 }),
      logger: {
        debug: (message: string) => {
          if (message.includes('left to it')) leftToOwner.push(message);
        },
        info: () => {},
        warn: () => {},
        error: () => {},
      },
    });
    closers.push(() => takeover.close());
    await takeover.start();
    // (A second send, if B made one, would show at the API at once.)
    await waitFor(
      async () => leftToOwner.length >= 2 || (await fixture!.sent()).length > 0,
      30_000,
    );
    expect(await fixture.sent()).toHaveLength(0);
    expect(await producer.get('held')).toMatchObject({ status: 'sending', attempts: 1 });
    // The held request lands; A wakes up and learns (or reconciles) what became of it.
    proxy.release();
    await waitFor(async () => (await fixture!.sent()).length === 1, 10_000);
    pool.signal(0, 'SIGCONT');
    const report = await producer.drained({ timeoutMs: 30_000 });
    expect(report.counts).toMatchObject({ sent: 1, unknown: 0 });
    const sent = await fixture.sent();
    expect(sent).toHaveLength(1);
    expect(await producer.get('held')).toMatchObject({
      status: 'sent',
      messageId: sent[0]?.id,
      attempts: 1,
    });
  }, 60_000);

  it('kill -9 of a worker, a Redis restart and 10 % faults mid-run: 0 duplicates, 0 silent losses', async () => {
    const limits = { perNumber: { limit: 100, windowMs: 10_000 }, perAccount: false as const };
    fixture = await startBulkFixture(10, { messages: { perNumber: limits.perNumber } });
    await fixture.emulator.control.setFaults([
      {
        type: 'status',
        status: 503,
        method: 'POST',
        path: '/v1/users/*/messages',
        probability: 0.1,
      },
      { type: 'drop-after', method: 'POST', path: '/v1/users/*/messages', probability: 0.05 },
      { type: 'drop-before', method: 'POST', path: '/v1/users/*/messages', probability: 0.05 },
    ]);
    const name = 'faults';
    producer = createBulkSender({
      client: fixture.client,
      senders: fixture.senders,
      limits,
      queue: bullmqQueue({ connection: redis.url, name }),
    });
    const list = recipients(1500);
    await producer.enqueue(list);
    pool = await startWorkers(3, fixture, {
      redisUrl: redis.url,
      name,
      limits,
      settleMs: 4000,
      lockDurationMs: 3000,
    });
    const done = async () => (await producer!.progress()).done;
    await waitFor(async () => (await done()) >= 400, 120_000);
    pool.kill(0);
    await waitFor(async () => (await done()) >= 800, 120_000);
    await redis.restart(500);
    const report = await producer.drained({ timeoutMs: 240_000 });
    expect(report.counts.queued + report.counts.sending).toBe(0);
    expect(report.counts.sent + report.counts.unknown).toBe(1500);
    const sent = await fixture.sent();
    const perTag = countByTag(sent);
    // 0 duplicates.
    expect(Math.max(...perTag.values())).toBe(1);
    // 0 silent losses: every key the store calls sent is in the API, and nothing else is.
    expect(sent).toHaveLength(report.counts.sent);
    for (const record of report.problems) expect(record.status).toBe('unknown');
    expect(report.counts.unknown).toBe(0);
  }, 300_000);
});
