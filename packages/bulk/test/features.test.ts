import { afterEach, describe, expect, it } from 'vitest';
import {
  type BulkSender,
  type BulkSenderOptions,
  createBulkSender,
  type Progress,
  recipientsFromCsv,
} from '../src/index';
import { type BulkFixture, countByTag, recipients, startBulkFixture } from './kit';

const UNPACED = { perNumber: false, perAccount: false } as const;

let fixture: BulkFixture | undefined;
let sender: BulkSender | undefined;
afterEach(async () => {
  await sender?.close();
  await fixture?.close();
  sender = undefined;
  fixture = undefined;
});

/**
 * Starts the fixture with `numbers` sending numbers and a sender (unpaced) whose callbacks — the
 * delivery receipts — come back to its own handler through the fixture's callback server.
 */
async function startWithCallbacks(
  numbers: number,
  options: Partial<BulkSenderOptions> = {},
): Promise<{ fixture: BulkFixture; sender: BulkSender }> {
  const started = await startBulkFixture(numbers);
  // Set at once, so afterEach closes it even if creating the sender throws.
  fixture = started;
  const callbackUrl = await started.serve((request, response) =>
    sender?.callbackHandler.node(request, response),
  );
  const created = createBulkSender({
    client: started.client,
    senders: started.senders,
    limits: UNPACED,
    callbackUrl,
    ...options,
  });
  return { fixture: started, sender: created };
}

/** HH:MM:SS (UTC) of `time`. */
function clock(time: number): string {
  return new Date(time).toISOString().slice(11, 19);
}

describe('campaign features', () => {
  it('inbound STOP suppresses later sends (opted-out); START opts back in', async () => {
    fixture = await startBulkFixture(1);
    sender = createBulkSender({
      client: fixture.client,
      senders: fixture.senders,
      limits: UNPACED,
    });
    const url = await fixture.serve(sender.callbackHandler.node);
    // The application of the sending number routes inbound messages to the handler.
    const app = await fixture.api('POST', '/applications', {
      name: 'bulk',
      incomingMessageUrl: url,
    });
    const applicationId = app.headers.get('location')?.split('/').pop();
    expect(
      (
        await fixture.api('POST', `/phoneNumbers/${encodeURIComponent(fixture.senders[0]!)}`, {
          applicationId,
        })
      ).status,
    ).toBe(200);
    const [alice, bob] = ['+14045550001', '+14045550002'];
    await fixture.emulator.control.inboundMessage({
      from: alice!,
      to: fixture.senders[0]!,
      text: ' stop ',
    });
    await fixture.emulator.control.inboundMessage({
      from: bob!,
      to: fixture.senders[0]!,
      text: 'Unsubscribe',
    });
    await fixture.emulator.control.inboundMessage({
      from: bob!,
      to: fixture.senders[0]!,
      text: 'START',
    });
    await fixture.emulator.control.waitForCallback(
      (callback) => (callback.body as { text?: string }).text === 'START',
    );
    await sender.enqueue([
      { key: 'a', to: alice!, text: 'Sale' },
      { key: 'b', to: bob!, text: 'Sale' },
      { key: 'c', to: '+14045550003', text: 'Sale' },
    ]);
    await sender.start();
    const report = await sender.drained({ timeoutMs: 10_000 });
    expect(report.counts).toMatchObject({ sent: 2, 'opted-out': 1 });
    expect(report.problems.map((record) => [record.key, record.status])).toEqual([
      ['a', 'opted-out'],
    ]);
    expect((await fixture.sent()).map((message) => message.to).sort()).toEqual([
      bob,
      '+14045550003',
    ]);
  });

  it('sends nothing outside the send window and starts when it opens', async () => {
    fixture = await startBulkFixture(2);
    const opensAt = Math.ceil((Date.now() + 1500) / 1000) * 1000;
    sender = createBulkSender({
      client: fixture.client,
      senders: fixture.senders,
      limits: UNPACED,
      sendWindow: { start: clock(opensAt), end: clock(opensAt + 3_600_000), timeZone: 'UTC' },
    });
    await sender.enqueue(recipients(6));
    await sender.start();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await fixture.sent()).toHaveLength(0);
    expect((await sender.progress()).counts.queued).toBe(6);
    await sender.drained({ timeoutMs: 10_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(opensAt);
    expect(await fixture.sent()).toHaveLength(6);
  });

  it('holds a recipient with sendAt until its time', async () => {
    fixture = await startBulkFixture(1);
    sender = createBulkSender({
      client: fixture.client,
      senders: fixture.senders,
      limits: UNPACED,
    });
    const later = Date.now() + 1200;
    await sender.enqueue([
      { key: 'now', to: '+14045550001', text: 'now' },
      { key: 'later', to: '+14045550002', text: 'later', sendAt: new Date(later).toISOString() },
    ]);
    await sender.start();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await fixture.sent()).map((message) => message.text)).toEqual(['now']);
    await sender.drained({ timeoutMs: 10_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(later);
    expect((await sender.get('later'))?.status).toBe('sent');
  });

  it('records delivery receipts per key: delivered, and not-delivered with the code', async () => {
    ({ fixture, sender } = await startWithCallbacks(2));
    const list = recipients(8);
    await fixture.emulator.control.setDeliveryFailures([{ to: list[3]!.to, deliveryCode: 750 }]);
    await sender.enqueue(list);
    await sender.start();
    await sender.drained({ timeoutMs: 10_000 });
    // Receipts come after the sends.
    for (let tries = 0; tries < 50; tries += 1) {
      const { counts } = await sender.progress();
      if (counts.delivered + counts.notDelivered >= 8) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const report = await sender.report();
    expect(report.counts).toMatchObject({ sent: 8, delivered: 7, notDelivered: 1 });
    expect(await sender.get(list[3]!.key)).toMatchObject({
      status: 'sent',
      delivery: 'not-delivered',
      deliveryCode: 750,
    });
    expect(await sender.get(list[0]!.key)).toMatchObject({
      delivery: 'delivered',
      deliveryCode: 0,
    });
  });

  it('takes a receipt that arrives before the send is acknowledged (answer lost) as the outcome: sent once', async () => {
    ({ fixture, sender } = await startWithCallbacks(1, { settleMs: 1500, requestTimeoutMs: 1000 }));
    // The message is created, its answer never reaches the sender; the events do.
    await fixture.emulator.control.setFaults([
      { type: 'drop-after', method: 'POST', path: '/v1/users/*/messages', times: 1 },
    ]);
    await sender.enqueue([{ key: 'lost-answer', to: '+14045550001', text: 'Hi' }]);
    await sender.start();
    const report = await sender.drained({ timeoutMs: 10_000 });
    expect(report.counts.sent).toBe(1);
    const [message] = await fixture.sent();
    expect(await sender.get('lost-answer')).toMatchObject({
      status: 'sent',
      messageId: message?.id,
      attempts: 1,
    });
    expect(await fixture.sent()).toHaveLength(1);
  });

  it('never duplicates or loses a key under 5xx answers and dropped connections', async () => {
    fixture = await startBulkFixture(4);
    sender = createBulkSender({
      client: fixture.client,
      senders: fixture.senders,
      limits: UNPACED,
      settleMs: 1500,
      requestTimeoutMs: 1000,
      concurrency: 4,
    });
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
    const list = recipients(200);
    await sender.enqueue(list);
    await sender.start();
    const report = await sender.drained({ timeoutMs: 60_000 });
    expect(report.counts).toMatchObject({ sent: 200, unknown: 0, failed: 0 });
    const sent = await fixture.sent();
    const perTag = countByTag(sent);
    expect(perTag.size).toBe(200);
    expect([...perTag.values()].every((count) => count === 1)).toBe(true);
    const records = await Promise.all(list.map((recipient) => sender!.get(recipient.key)));
    // Some keys needed more than one attempt or a reconciliation: the faults did happen.
    expect(records.filter((record) => (record?.attempts ?? 0) > 1).length).toBeGreaterThan(0);
  });
  it('reads recipients from CSV (BOM, quotes, placeholders, chunks), reports progress and logs structured lines', async () => {
    fixture = await startBulkFixture(2);
    const lines: Array<[string, string, Record<string, unknown> | undefined]> = [];
    const log =
      (level: string) =>
      (message: string, meta?: Record<string, unknown>): void => {
        lines.push([level, message, meta]);
      };
    sender = createBulkSender({
      client: fixture.client,
      senders: fixture.senders,
      limits: { perNumber: { limit: 4, windowMs: 400 }, perAccount: false },
      progressIntervalMs: 100,
      logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    });
    const csv =
      '\uFEFFkey,to,name,when\n' +
      'a,+14045550001,"Smith, Ann",10:00\n' +
      'b,+14045550002,"Bo ""B"" Lee",11:00\n' +
      ',+14045550003,Cy,12:00\n' +
      Array.from({ length: 9 }, (_, i) => `r${i},+1404555010${i},R${i},13:00`).join('\n');
    // Fed in small chunks, as a file stream would: a row may be cut anywhere.
    const chunks = csv.match(/[\s\S]{1,7}/g) ?? [];
    const result = await sender.enqueue(
      recipientsFromCsv(chunks, { text: 'Hi {name}, see you at {when}' }),
    );
    expect(result).toEqual({ added: 12, skipped: 0 });
    expect(await sender.get('a')).toMatchObject({ text: 'Hi Smith, Ann, see you at 10:00' });
    expect(await sender.get('b')).toMatchObject({ text: 'Hi Bo "B" Lee, see you at 11:00' });
    // A row without a key is keyed by its number.
    expect(await sender.get('+14045550003')).toMatchObject({ text: 'Hi Cy, see you at 12:00' });
    const seen: Progress[] = [];
    const stop = sender.onProgress((progress) => seen.push(progress));
    await sender.start();
    const report = await sender.drained({ timeoutMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 250));
    stop();
    expect(report.counts.sent).toBe(12);
    // Progress along the way: totals, counts that add up, a rate once sends were seen.
    expect(seen.length).toBeGreaterThan(2);
    for (const progress of seen) {
      expect(progress.total).toBe(12);
      expect(progress.done).toBe(progress.counts.sent);
      expect(progress.counts.queued + progress.counts.sending + progress.done).toBe(12);
    }
    expect(seen.some((progress) => progress.done > 0 && progress.done < 12)).toBe(true);
    expect(seen.some((progress) => progress.rate > 0)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ done: 12, etaMs: 0 });
    // Structured lines: the enqueue, each send, and the end of the campaign with its counts.
    expect(lines).toContainEqual([
      'info',
      'bulk: enqueued',
      expect.objectContaining({ added: 12 }),
    ]);
    expect(lines.filter(([, message]) => message === 'bulk: sent')).toHaveLength(12);
    expect(lines).toContainEqual([
      'info',
      'bulk: campaign done',
      expect.objectContaining({ sent: 12, failed: 0 }),
    ]);
  });
});
