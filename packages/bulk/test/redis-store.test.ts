import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { bullmqQueue } from '../src/bullmq';
import { type BulkSender, createBulkSender } from '../src/index';
import { type BulkFixture, expectEachKeyOnce, recipients, startBulkFixture } from './kit';
import { type TestRedis, useRedis } from './redis';

const UNPACED = { perNumber: false, perAccount: false } as const;

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
  // Suppression list and sticky senders are account-wide: each test starts from an empty Redis.
  const client = new Redis(redis.url);
  await client.flushall();
  client.disconnect();
});

function open(
  name: string,
  extra: Partial<Parameters<typeof createBulkSender>[0]> = {},
): BulkSender {
  if (!fixture) throw new Error('no fixture');
  const sender = createBulkSender({
    client: fixture.client,
    senders: fixture.senders,
    limits: UNPACED,
    queue: bullmqQueue({ connection: redis.url, name }),
    ...extra,
  });
  senders.push(sender);
  return sender;
}

describe('BullMQ campaign: shared state in Redis', () => {
  it('a receipt or a STOP taken by one instance holds for the campaign every instance works', async () => {
    fixture = await startBulkFixture(2);
    // Instance A only receives callbacks; instance B enqueues and works.
    const receiver = open('shared');
    const url = await fixture.serve(receiver.callbackHandler.node);
    const app = await fixture.api('POST', '/applications', {
      name: 'bulk',
      incomingMessageUrl: url,
    });
    const applicationId = app.headers.get('location')?.split('/').pop();
    for (const number of fixture.senders) {
      await fixture.api('POST', `/phoneNumbers/${encodeURIComponent(number)}`, { applicationId });
    }
    await fixture.emulator.control.inboundMessage({
      from: '+14045559999',
      to: fixture.senders[0]!,
      text: 'QUIT',
    });
    await fixture.emulator.control.waitForCallback(
      (callback) => (callback.body as { text?: string }).text === 'QUIT',
    );
    const worker = open('shared', { callbackUrl: url });
    const list = recipients(10);
    list.push({ key: 'quit', to: '+14045559999', text: 'Offer' });
    await fixture.emulator.control.setDeliveryFailures([{ to: list[2]!.to, deliveryCode: 720 }]);
    expect(await worker.enqueue(list)).toEqual({ added: 11, skipped: 0 });
    await worker.start();
    const report = await worker.drained({ timeoutMs: 30_000 });
    expect(report.counts).toMatchObject({ sent: 10, 'opted-out': 1 });
    for (let tries = 0; tries < 100; tries += 1) {
      const { counts } = await receiver.progress();
      if (counts.delivered + counts.notDelivered === 10) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await receiver.report()).counts).toMatchObject({ delivered: 9, notDelivered: 1 });
    expect(await worker.get(list[2]!.key)).toMatchObject({
      status: 'sent',
      delivery: 'not-delivered',
      deliveryCode: 720,
    });
    await expectEachKeyOnce(fixture, 10);
  });

  it('keeps a recipient on the same number across campaigns, and balances new ones', async () => {
    fixture = await startBulkFixture(3);
    const first = open('first');
    await first.enqueue(recipients(9));
    await first.start();
    await first.drained({ timeoutMs: 30_000 });
    const second = open('second');
    await second.enqueue(recipients(9, 'Follow-up'));
    await second.start();
    await second.drained({ timeoutMs: 30_000 });
    const sent = await fixture.sent();
    expect(sent).toHaveLength(18);
    const fromOf = new Map<string, Set<string>>();
    for (const message of sent)
      fromOf.set(message.to, (fromOf.get(message.to) ?? new Set()).add(message.from));
    expect([...fromOf.values()].every((numbers) => numbers.size === 1)).toBe(true);
    const perSender = fixture.senders.map(
      (number) => sent.filter((message) => message.from === number).length,
    );
    expect(perSender).toEqual([6, 6, 6]);
  });
  it('a number the API refused is paused for every worker until the reset it gave; each key sent once', async () => {
    // The API allows less than the senders were told: it answers 403 per-tn, and they wait.
    fixture = await startBulkFixture(2, { messages: { perNumber: { limit: 2, windowMs: 600 } } });
    const limits = { perNumber: { limit: 50, windowMs: 600 }, perAccount: false } as const;
    const workers = [open('paused', { limits }), open('paused', { limits })];
    await workers[0]!.enqueue(recipients(12));
    await Promise.all(workers.map((worker) => worker.start()));
    const report = await workers[0]!.drained({ timeoutMs: 30_000 });
    expect(report.counts).toMatchObject({ sent: 12, queued: 0, sending: 0, failed: 0 });
    const refusals = await fixture.emulator.control.rateLimitRefusals();
    expect(refusals['message-rate-limit-per-tn']).toBeGreaterThan(0);
    // Paused until the reset: far fewer refusals than workers retrying at once would get.
    expect(refusals['message-rate-limit-per-tn']).toBeLessThan(24);
    await expectEachKeyOnce(fixture, 12);
    // A refusal is not an attempt.
    expect((await workers[1]!.report()).problems).toEqual([]);
  });
});
