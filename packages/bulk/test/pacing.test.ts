import { afterEach, describe, expect, it } from 'vitest';
import type { QueueSettings, SendTurn } from '../src/backend';
import { bullmqQueue } from '../src/bullmq';
import { type BulkQueue, type BulkSender, createBulkSender, memoryQueue } from '../src/index';
import { pacingOf } from '../src/pacing';
import {
  type BulkFixture,
  expectEachKeyOnce,
  expectNoLimitAnswers,
  recipients,
  startBulkFixture,
} from './kit';
import { type TestRedis, useRedis } from './redis';

let redis: TestRedis;
let fixture: BulkFixture | undefined;
const senders: BulkSender[] = [];

useRedis((started) => {
  redis = started;
});
afterEach(async () => {
  for (const sender of senders.splice(0)) await sender.close();
  await fixture?.close();
  fixture = undefined;
});

// Tight limits: 4 sends per second per number, as the API enforces them and as the sender paces.
const LIMITS = { perNumber: { limit: 4, windowMs: 1000 }, perAccount: false as const };
const MESSAGES = '/v1/users/*/messages';

/**
 * An API that counts some requests late: the emulator holds them before reading them (as a busy
 * API front end does), far longer than the limit's margin. The first two sends (one per number)
 * are always held; a quarter of the others at random (seeded).
 */
async function lateCountingApi(): Promise<BulkFixture> {
  const started = await startBulkFixture(2, { messages: { perNumber: LIMITS.perNumber } });
  await started.emulator.control.setFaults([
    { type: 'latency', ms: 800, method: 'POST', path: MESSAGES, times: 2 },
    { type: 'latency', ms: 800, method: 'POST', path: MESSAGES, probability: 0.25 },
  ]);
  return started;
}

async function campaignCountedLate(queues: BulkQueue[]): Promise<void> {
  fixture = await lateCountingApi();
  for (const queue of queues) {
    senders.push(
      createBulkSender({ client: fixture.client, senders: fixture.senders, limits: LIMITS, queue }),
    );
  }
  const list = recipients(24);
  await senders[0]!.enqueue(list);
  await Promise.all(senders.map((sender) => sender.start()));
  const report = await senders[0]!.drained({ timeoutMs: 40_000 });
  expect(report.counts).toMatchObject({ sent: 24, queued: 0, sending: 0, unknown: 0 });
  await expectEachKeyOnce(fixture, 24);
  // A send counted late by the API never shares a window with `limit` later ones.
  await expectNoLimitAnswers(fixture);
}

describe('pacing against an API that counts requests late', () => {
  it('in memory: 0 limit answers when the API reads some requests 800 ms late', async () => {
    await campaignCountedLate([memoryQueue({ name: 'late' })]);
  });

  it('BullMQ, two workers: 0 limit answers when the API reads some requests 800 ms late', async () => {
    await campaignCountedLate([
      bullmqQueue({ connection: redis.url, name: 'late' }),
      bullmqQueue({ connection: redis.url, name: 'late' }),
    ]);
  });
});

// A campaign of its own for each test: records in Redis outlive a test.
let campaigns = 0;
const QUEUES: Array<[string, () => BulkQueue]> = [
  ['in memory', () => memoryQueue({ name: 'paced' })],
  ['BullMQ', () => bullmqQueue({ connection: redis.url, name: `paced-${campaigns++}` })],
];

describe.each(QUEUES)('a send nobody answers (its worker died), %s', (_, queueOf) => {
  it('holds its place in the window only until its in-flight bound', async () => {
    // 1 send per 300 ms, a margin of 50 ms, sends in flight for at most 1500 ms. A number no
    // other test sends from (pace keys in Redis are per number, for every campaign).
    const sender = '+19195550199';
    const settings: QueueSettings = {
      senders: [sender],
      pacing: pacingOf({ perNumber: { limit: 1, windowMs: 300 }, perAccount: false }, 50, 1500),
      concurrency: 1,
      logger: undefined,
    };
    const backend = queueOf().open(settings);
    try {
      const taken = async (): Promise<SendTurn> => {
        const turn = await backend.turn(sender);
        if (typeof turn === 'number') throw new Error('turn not taken');
        return turn;
      };
      const started = Date.now();
      await taken(); // never answered: the API may count it up to 1500 ms from now
      const next = await taken();
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(1500 + 300 + 50 - 20);
      expect(waited).toBeLessThan(3500);
      // An answered send holds the window from its answer on: the answer is recorded while
      // `over()` runs, so the wait counts from before the call (a loaded machine may take a while
      // to deliver the reply) and is bounded from after it.
      const answering = Date.now();
      await next.over();
      const answered = Date.now();
      const third = await taken();
      expect(Date.now() - answering).toBeGreaterThanOrEqual(300 + 50 - 20);
      expect(Date.now() - answered).toBeLessThan(1200);
      await third.over();
    } finally {
      await backend.close();
    }
  });
});

describe.each(QUEUES)('a 403 for the account, %s', (_, queueOf) => {
  it('pauses the account until the reset the API gave, for every worker; each key sent once', async () => {
    // The API allows the account 3 per 600 ms; the sender was told 50.
    fixture = await startBulkFixture(2, {
      messages: { perAccount: { limit: 3, windowMs: 600 } },
    });
    // Two workers on one queue (two senders on one memory queue share the account's pace).
    const queue = queueOf();
    for (let index = 0; index < 2; index += 1) {
      senders.push(
        createBulkSender({
          client: fixture.client,
          senders: fixture.senders,
          limits: { perNumber: false, perAccount: { limit: 50, windowMs: 600 } },
          queue,
        }),
      );
    }
    await senders[0]!.enqueue(recipients(12));
    await Promise.all(senders.map((sender) => sender.start()));
    const report = await senders[0]!.drained({ timeoutMs: 30_000 });
    expect(report.counts).toMatchObject({ sent: 12, unknown: 0, failed: 0 });
    await expectEachKeyOnce(fixture, 12);
    const refused = (await fixture.emulator.control.rateLimitRefusals())[
      'message-rate-limit-overall'
    ];
    expect(refused).toBeGreaterThan(0);
    // Paused until the reset: far fewer refusals than workers retrying at once would get.
    expect(refused).toBeLessThan(20);
  });
});
