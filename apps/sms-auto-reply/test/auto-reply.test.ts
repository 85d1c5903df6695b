import { fileURLToPath } from 'node:url';
import { routeNumber, startScript, withoutBandwidthSettings } from '@bw/app-kit';
import { type Emulator, startEmulator } from '@bw/emulator';
import { type account, client, type messaging } from '@bw/sdk';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { type AutoReplyApp, createAutoReplyApp } from '../src/index';

const NUMBER = '+19195551212';
const ALICE = '+14045550100';
const BOB = '+14045550111';

let emulator: Emulator;
let sms: messaging.MessagingClient;
let accounts: account.AccountClient;
let app: AutoReplyApp | undefined;

beforeAll(async () => {
  emulator = await startEmulator({
    speed: 50,
    users: [{ userId: 'u-reply', apiToken: 't-reply', apiSecret: 's-reply', numbers: [NUMBER] }],
  });
  const { userId, apiToken, apiSecret } = emulator.credentials;
  sms = client('messaging', userId, apiToken, apiSecret, { baseUrl: emulator.url });
  accounts = client('account', userId, apiToken, apiSecret, { baseUrl: emulator.url });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await emulator.control.reset();
});
afterAll(() => emulator.close());

async function startApp(options: Partial<Parameters<typeof createAutoReplyApp>[0]> = {}) {
  app = await createAutoReplyApp({ messaging: sms, ...options });
  await routeNumber(accounts, {
    number: NUMBER,
    name: 'auto-reply test',
    incomingMessageUrl: app.incomingMessageUrl,
  });
  return app;
}

interface StoredMessage {
  id: string;
  from: string;
  to: string;
  text: string;
  direction: string;
  state: string;
}

async function outboundMessages(): Promise<StoredMessage[]> {
  const messages = (await emulator.control.state()).messages as StoredMessage[];
  return messages.filter((message) => message.direction === 'out');
}

/** Waits until the reply to `to` has been sent, as the emulator reports it to the app. */
function replySent(to: string) {
  return emulator.control.waitForCallback(
    (record) =>
      record.body.direction === 'out' && record.body.to === to && record.body.state === 'sent',
  );
}

test('an inbound text is answered from the number it was sent to', async () => {
  const { incomingMessageUrl } = await startApp();
  const { messageId } = await emulator.control.inboundMessage({
    from: ALICE,
    to: NUMBER,
    text: 'Hi there',
  });
  const sent = await replySent(ALICE);

  const replies = await outboundMessages();
  expect(replies).toEqual([
    expect.objectContaining({
      from: NUMBER,
      to: ALICE,
      text: 'Thanks for your message! You said: "Hi there"',
      state: 'sent',
    }),
  ]);
  expect(sent.body).toMatchObject({ messageId: replies[0]?.id, tag: `reply-to:${messageId}` });
  const inbound = (await emulator.control.callbacks()).find(
    (record) => record.body.messageId === messageId,
  );
  expect(inbound).toMatchObject({ url: incomingMessageUrl, status: 200 });
});

test('each sender gets its own reply, and replies are never answered', async () => {
  const running = await startApp({
    reply: (inbound) => `Got ${inbound.eventType}: ${inbound.text ?? ''}`,
  });
  await emulator.control.inboundMessage({ from: ALICE, to: NUMBER, text: 'one' });
  await emulator.control.inboundMessage({
    from: BOB,
    to: NUMBER,
    text: 'two',
    media: ['https://media.example/cat.png'],
  });
  await Promise.all([replySent(ALICE), replySent(BOB)]);

  const replies = await outboundMessages();
  expect(
    replies.map(({ to, text }) => ({ to, text })).sort((a, b) => a.to.localeCompare(b.to)),
  ).toEqual([
    { to: ALICE, text: 'Got sms: one' },
    { to: BOB, text: 'Got mms: two' },
  ]);
  // The replies' own `sending`/`sent` events reached the app without producing more replies.
  expect(running.replies).toHaveLength(2);
  expect((await outboundMessages()).length).toBe(2);
});

test('a reply the SDK refuses answers the callback 500, and the server keeps serving', async () => {
  const problems: string[] = [];
  const logger = {
    debug() {},
    info() {},
    warn: (message: string) => problems.push(message),
    error: (message: string) => problems.push(message),
  };
  await startApp({ reply: (inbound) => (inbound.text === 'empty' ? '' : 'fine'), logger });
  const { messageId } = await emulator.control.inboundMessage({
    from: ALICE,
    to: NUMBER,
    text: 'empty',
  });
  const refused = await emulator.control.waitForCallback(
    (record) => record.body.messageId === messageId,
  );
  expect(refused.status).toBe(500);
  expect(problems.length).toBeGreaterThan(0);

  await emulator.control.inboundMessage({ from: BOB, to: NUMBER, text: 'again' });
  await replySent(BOB);
  expect((await outboundMessages()).map((message) => message.text)).toEqual(['fine']);
});

test('the start entry routes its number to itself and replies until Ctrl+C', async () => {
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const script = startScript(main, {
    env: { ...withoutBandwidthSettings(process.env), BW_EMULATOR_SPEED: '50' },
  });
  try {
    const [, emulatorUrl] = (await script.waitForOutput(
      /curl -s -X POST (http:\/\/127\.0\.0\.1:\d+)\/_emulator/,
    )) as [string, string];
    const response = await fetch(`${emulatorUrl}/_emulator/messages/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: ALICE, to: NUMBER, text: 'from the test' }),
    });
    expect(response.status).toBeLessThan(300);
    await script.waitForOutput(
      /\+14045550100 said "from the test" → reply m-\S+: "Thanks for your message! You said: \\?"from the test\\?""/,
    );
  } finally {
    script.kill('SIGINT');
  }
  const result = await script.exited;
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`texts to ${NUMBER} now reach it`);
}, 60_000);
