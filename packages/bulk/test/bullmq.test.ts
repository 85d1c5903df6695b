import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bullmqQueue } from '../src/bullmq';
import { type BulkSender, createBulkSender } from '../src/index';
import { type BulkFixture, countByTag, recipients, startBulkFixture } from './kit';
import { startRedis, type TestRedis } from './redis';
import { startWorkers, type WorkerPool } from './workers';

let redis: TestRedis;
let fixture: BulkFixture | undefined;
let producer: BulkSender | undefined;
let pool: WorkerPool | undefined;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
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

describe('BullMQ campaign across worker processes', () => {
  it('3 workers, 10,000 recipients, 20 senders: each key sent once, 0 limit answers', async () => {
    // The emulator's limits raised so the run takes seconds; the sender paces at the same ones.
    const limits = {
      perNumber: { limit: 200, windowMs: 10_000 },
      perAccount: { limit: 8000, windowMs: 10_000 },
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
    const report = await producer.drained({ timeoutMs: 240_000 });
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
    expect(await fixture.emulator.control.rateLimitRefusals()).toMatchObject({
      'message-rate-limit-per-tn': 0,
      'message-rate-limit-overall': 0,
    });
    // Sticky, balanced assignment: every number carried its share.
    const perSender = fixture.senders.map(
      (number) => sent.filter((message) => message.from === number).length,
    );
    expect(Math.min(...perSender)).toBeGreaterThanOrEqual(499);
  }, 300_000);

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
