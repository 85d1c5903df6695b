import { ValidationError as MessagingValidationError } from '@bw/messaging';
import { afterEach, describe, expect, it } from 'vitest';
import { type BulkSender, createBulkSender, memoryQueue, ValidationError } from '../src/index';
import {
  type BulkFixture,
  countByTag,
  expectNoLimitAnswers,
  recipients,
  startBulkFixture,
} from './kit';

const LIMITS = { perNumber: { limit: 5, windowMs: 500 }, perAccount: { limit: 40, windowMs: 500 } };

let fixture: BulkFixture | undefined;
let sender: BulkSender | undefined;
afterEach(async () => {
  await sender?.close();
  await fixture?.close();
  sender = undefined;
  fixture = undefined;
});

describe('in-memory campaign', () => {
  it('sends every key once, paced under the per-number and per-account limits, sticky per recipient', async () => {
    fixture = await startBulkFixture(3, { messages: LIMITS });
    sender = createBulkSender({
      client: fixture.client,
      senders: fixture.senders,
      limits: LIMITS,
      queue: memoryQueue({ name: 'pace' }),
    });
    const list = recipients(45);
    // Two more sends to recipients already in the list: they must come from the same number.
    list.push(
      { key: 'again-0', to: list[0]!.to, text: 'Second to 0' },
      { key: 'again-1', to: list[1]!.to, text: 'Second to 1' },
    );
    expect(await sender.enqueue(list)).toEqual({ added: 47, skipped: 0 });
    const started = Date.now();
    await sender.start();
    const report = await sender.drained({ timeoutMs: 30_000 });
    const elapsed = Date.now() - started;
    expect(report.counts).toMatchObject({ sent: 47, failed: 0, unknown: 0, queued: 0, sending: 0 });
    expect(report.problems).toEqual([]);
    const sent = await fixture.sent();
    expect(sent).toHaveLength(47);
    expect([...countByTag(sent).values()].every((count) => count === 1)).toBe(true);
    await expectNoLimitAnswers(fixture);
    // 16 sends from one number at 5 per (500 + 100) ms take at least 1.8 s.
    expect(elapsed).toBeGreaterThan(1750);
    const fromOf = (to: string, text: string) =>
      sent.find((m) => m.to === to && m.text === text)?.from;
    expect(fromOf(list[0]!.to, 'Second to 0')).toBe(fromOf(list[0]!.to, list[0]!.text));
    expect(fromOf(list[1]!.to, 'Second to 1')).toBe(fromOf(list[1]!.to, list[1]!.text));
    // The pool is shared evenly.
    const perSender = fixture.senders.map((number) => sent.filter((m) => m.from === number).length);
    expect(Math.max(...perSender) - Math.min(...perSender)).toBeLessThanOrEqual(2);
  });

  it('enqueues idempotently by key: the same list twice is sent once', async () => {
    fixture = await startBulkFixture(2);
    sender = createBulkSender({
      client: fixture.client,
      senders: fixture.senders,
      limits: { perNumber: false, perAccount: false },
    });
    const list = recipients(20);
    expect(await sender.enqueue(list)).toEqual({ added: 20, skipped: 0 });
    await sender.start();
    expect(await sender.enqueue(list)).toEqual({ added: 0, skipped: 20 });
    await sender.drained({ timeoutMs: 10_000 });
    expect(await sender.enqueue(list.slice(0, 5))).toEqual({ added: 0, skipped: 5 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await fixture.sent()).toHaveLength(20);
  });

  it("start() loads the client's HTTP engine before the first send", async () => {
    fixture = await startBulkFixture(1);
    const client = fixture.client;
    const order: string[] = [];
    sender = createBulkSender({
      client: {
        sendMessage: (...args) => {
          order.push('send');
          return client.sendMessage(...args);
        },
        listMessages: (...args) => client.listMessages(...args),
        ready: async () => {
          await client.ready();
          await new Promise((resolve) => setTimeout(resolve, 100));
          order.push('ready');
        },
      },
      senders: fixture.senders,
      limits: { perNumber: false, perAccount: false },
    });
    await sender.enqueue(recipients(3));
    await sender.start();
    expect(order).toEqual(['ready']);
    await sender.drained({ timeoutMs: 10_000 });
    expect(order).toEqual(['ready', 'send', 'send', 'send']);
    // A client without ready() (any object with the two methods) is fine too.
    const bare = createBulkSender({
      client: {
        sendMessage: client.sendMessage.bind(client),
        listMessages: client.listMessages.bind(client),
      },
      senders: fixture.senders,
      limits: { perNumber: false, perAccount: false },
      queue: memoryQueue({ name: 'no-ready' }),
    });
    try {
      await bare.enqueue(recipients(2));
      await bare.start();
      await expect(bare.drained({ timeoutMs: 10_000 })).resolves.toMatchObject({
        counts: { sent: 2 },
      });
    } finally {
      await bare.close();
    }
  });

  it('rejects bad recipients with ValidationError before sending anything', async () => {
    fixture = await startBulkFixture(1);
    sender = createBulkSender({ client: fixture.client, senders: fixture.senders });
    await sender.start();
    await expect(
      sender.enqueue([...recipients(2), { key: 'bad', to: '4045550100', text: 'x' }]),
    ).rejects.toThrow(/to must be an E.164 number/);
    await expect(
      sender.enqueue([{ key: '', to: '+14045550100', text: 'x' }]),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(sender.enqueue([{ key: 'k', to: '+14045550100', text: '' }])).rejects.toThrow(
      /text/,
    );
    expect(() => createBulkSender({ client: fixture!.client, senders: ['555'] })).toThrow(
      MessagingValidationError,
    );
    expect(() => createBulkSender({ client: fixture!.client, senders: [] })).toThrow(
      /at least one/,
    );
    expect(() =>
      createBulkSender({
        client: fixture!.client,
        senders: fixture!.senders,
        sendWindow: { start: '25:00', end: '08:00' },
      }),
    ).toThrow(/HH:MM/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await fixture.sent()).toHaveLength(0);
  });

  it('pauses a number the API refused until the reset it gave, then sends everything once', async () => {
    // The API allows less than the sender was told: it answers 403 per-tn, and the sender waits.
    fixture = await startBulkFixture(2, { messages: { perNumber: { limit: 2, windowMs: 600 } } });
    sender = createBulkSender({
      client: fixture.client,
      senders: fixture.senders,
      limits: { perNumber: { limit: 50, windowMs: 600 }, perAccount: false },
    });
    await sender.enqueue(recipients(12));
    await sender.start();
    const report = await sender.drained({ timeoutMs: 20_000 });
    expect(report.counts.sent).toBe(12);
    const refusals = await fixture.emulator.control.rateLimitRefusals();
    expect(refusals['message-rate-limit-per-tn']).toBeGreaterThan(0);
    // Paused until the reset: far fewer refusals than a loop retrying at once would get.
    expect(refusals['message-rate-limit-per-tn']).toBeLessThan(20);
    const sent = await fixture.sent();
    expect(sent).toHaveLength(12);
    expect([...countByTag(sent).values()].every((count) => count === 1)).toBe(true);
  });
});
