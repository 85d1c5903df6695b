import { startEmulator } from '@bw/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ForbiddenError,
  type Message,
  MessagingClient,
  NotFoundError,
  RateLimitError,
  type SendMessageOptions,
} from '../src/index';
import { type MessagingFixture, OWNED, startMessagingFixture } from './emulator';

let fixture: MessagingFixture;
const [FROM, OTHER] = OWNED;

beforeAll(async () => {
  fixture = await startMessagingFixture();
});
afterAll(() => fixture.close());

async function storedMessages(): Promise<Array<Message & { direction: string }>> {
  return (await fixture.state()).messages as Array<Message & { direction: string }>;
}

describe('messages through the emulator', () => {
  test('sendMessage stores the message and getMessage reads it back', async () => {
    const { client } = fixture;
    const id = await client.sendMessage({
      from: FROM,
      to: '+19195553434',
      text: 'Hello',
      tag: 't1',
    });
    const message = await client.getMessage(id);
    expect(message).toMatchObject({
      id,
      from: FROM,
      to: '+19195553434',
      text: 'Hello',
      direction: 'out',
      tag: 't1',
      segmentCount: 1,
    });
    expect(['queued', 'sending', 'sent']).toContain(message.state);
    expect((await storedMessages()).map((m) => m.id)).toContain(id);
  });

  test('sendMessages reports each refused message in place and stores only the accepted ones', async () => {
    const { client } = fixture;
    const before = (await storedMessages()).length;
    const inputs: SendMessageOptions[] = [
      { from: FROM, to: '+19195550001', text: 'one' },
      { from: '+19995550000', to: '+19195550002', text: 'not my number' },
      { from: FROM, to: 'not-a-number', text: 'bad destination' },
      { from: OTHER, to: '+19195550004', text: 'four' },
    ];
    const results = await client.sendMessages(inputs);

    expect(results.map((r) => r.result)).toEqual(['accepted', 'error', 'error', 'accepted']);
    expect(results.map((r) => r.message)).toEqual(inputs);
    expect(results[1]?.error).toMatchObject({ code: 'number-access-denied' });
    expect(results[2]?.error).toMatchObject({ category: 'bad-request' });
    expect(results[1]).not.toHaveProperty('id');
    for (const index of [0, 3]) {
      const result = results[index];
      const message = await client.getMessage(result?.id as string);
      expect(message).toMatchObject({ to: inputs[index]?.to, text: inputs[index]?.text });
      expect(result?.location).toMatch(new RegExp(`/messages/${result?.id}$`));
    }
    expect((await storedMessages()).length).toBe(before + 2);
  });

  test('listMessages walks every page and applies its filters', async () => {
    const { client, emulator } = fixture;
    const to = '+19195557777';
    for (let n = 0; n < 5; n++) await client.sendMessage({ from: FROM, to, text: `list ${n}` });
    await emulator.control.inboundMessage({ from: to, to: FROM, text: 'reply' });

    const pages: Message[][] = [];
    for await (const page of client.listMessages({ to, size: 2 }).pages()) pages.push(page);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((m) => m.text)).toEqual([0, 1, 2, 3, 4].map((n) => `list ${n}`));

    const newestFirst = await client.listMessages({ to, sortOrder: 'desc', size: 2 }).toArray();
    expect(newestFirst.map((m) => m.text)).toEqual([4, 3, 2, 1, 0].map((n) => `list ${n}`));

    const inbound = await client.listMessages({ direction: 'in', size: 2 }).toArray();
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({ from: to, to: FROM, text: 'reply', state: 'received' });

    const all = await client.listMessages({ size: 2 }).toArray();
    expect(all.map((m) => m.id).sort()).toEqual((await storedMessages()).map((m) => m.id).sort());
  });

  test('redactMessage erases the stored text', async () => {
    const { client } = fixture;
    const id = await client.sendMessage({ from: FROM, to: '+19195553435', text: 'card 4111' });
    await client.redactMessage(id);
    expect((await client.getMessage(id)).text).toBe('');
    const stored = (await storedMessages()).find((m) => m.id === id);
    expect(stored?.text).toBe('');
  });

  test('an unknown message id is a NotFoundError', async () => {
    await expect(fixture.client.getMessage('m-nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(fixture.client.redactMessage('m-nope')).rejects.toMatchObject({
      status: 404,
      code: 'message-not-found',
    });
  });
});

describe('an account out of credit', () => {
  test('sendMessage rejects with a ForbiddenError in the credit category, sent once, never retried', async () => {
    const emulator = await startEmulator({
      users: [
        {
          userId: 'u-broke',
          apiToken: 't-broke',
          apiSecret: 's-broke',
          numbers: [FROM],
          balance: '0',
        },
      ],
    });
    try {
      let attempts = 0;
      const client = new MessagingClient('u-broke', 't-broke', 's-broke', {
        baseUrl: emulator.url,
        hooks: { beforeRequest: [() => void attempts++] },
      });
      const failure = await client
        .sendMessage({ from: FROM, to: '+19195553434', text: 'no credit' })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(failure).toBeInstanceOf(ForbiddenError);
      expect(failure).not.toBeInstanceOf(RateLimitError);
      expect(failure).toMatchObject({
        status: 403,
        category: 'credit',
        code: 'insufficient-available-balance',
      });
      expect(attempts).toBe(1);
    } finally {
      await emulator.close();
    }
  });
});
