// The messaging and voice handlers mounted in each framework, with the emulator delivering the
// callbacks over real HTTP: what the handler received, what it answered, what the emulator did.
import { type Emulator, startEmulator } from '@bw/emulator';
import { MessagingClient } from '@bw/messaging';
import type { MessagingEvent } from '@bw/messaging/callbacks';
import { VoiceClient } from '@bw/voice';
import type { VoiceEvent } from '@bw/voice/callbacks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AppReport, CREDENTIALS, greeting } from '../src/app.ts';
import {
  express5,
  expressFour,
  fastify,
  hono,
  type Mount,
  type Mounted,
  nodeHttp,
} from '../src/mounts.ts';
import { Reports } from './reports.ts';
import { runtimeMount } from './runtime-server.ts';

/** Name as the voice handler greets, and how to start the server. */
const frameworks: Array<[string, Mount]> = [
  ['node:http', nodeHttp],
  ['Express 5', express5],
  ['Express 4', expressFour],
  ['Fastify 5', fastify],
  ['Hono', hono],
  ['Bun', runtimeMount('bun')],
  ['Deno', runtimeMount('deno')],
];
/** One number per framework, so no suite's sends count against another's. */
const NUMBERS = frameworks.map((_, i) => `+1919555${String(1000 + i).padStart(4, '0')}`);
const FAR_END = '+14045550100';

let emulator: Emulator;
let messagingClient: MessagingClient;
let voiceClient: VoiceClient;

beforeAll(async () => {
  emulator = await startEmulator({
    speed: 100,
    seed: 12,
    users: [{ userId: 'u-fw', apiToken: 't-fw', apiSecret: 's-fw', numbers: NUMBERS }],
  });
  const { userId, apiToken, apiSecret } = emulator.credentials;
  messagingClient = new MessagingClient({ userId, apiToken, apiSecret, baseUrl: emulator.url });
  voiceClient = new VoiceClient({ userId, apiToken, apiSecret, baseUrl: emulator.url });
});
afterAll(() => emulator?.close());

const isMessaging =
  (id: string, state?: string) =>
  (report: AppReport): report is { kind: 'messaging'; event: MessagingEvent } =>
    report.kind === 'messaging' &&
    report.event.messageId === id &&
    (state === undefined || report.event.state === state);

const isVoice =
  (callId: string, eventType: string) =>
  (report: AppReport): report is { kind: 'voice'; event: VoiceEvent } =>
    report.kind === 'voice' &&
    report.event.eventType === eventType &&
    'callId' in report.event &&
    report.event.callId === callId;

describe.each(frameworks.map(([name, mount], i) => ({ name, mount, from: NUMBERS[i] as string })))(
  '$name',
  ({ name, mount, from }) => {
    const reports = new Reports();
    let server: Mounted;
    /** The server's URL with the credentials the handlers expect, as a callback URL carries them. */
    let signedUrl: string;

    beforeAll(async () => {
      server = await mount(reports.push);
      const url = new URL(server.url);
      url.username = encodeURIComponent(CREDENTIALS.username);
      url.password = encodeURIComponent(CREDENTIALS.password);
      signedUrl = url.href.replace(/\/$/, '');
    }, 30_000);
    afterAll(() => server?.close());

    test('a POST status callback reaches the messaging handler as a typed sms event', async () => {
      const id = await messagingClient.sendMessage({
        from,
        to: FAR_END,
        text: `status via ${name}`,
        tag: 'order-7',
        callbackUrl: `${signedUrl}/messages`,
      });
      const { event } = await reports.next(isMessaging(id, 'sent'));
      expect(event).toMatchObject({
        eventType: 'sms',
        direction: 'out',
        from,
        to: FAR_END,
        text: `status via ${name}`,
        tag: 'order-7',
        segmentCount: 1,
      });
      const record = await emulator.control.waitForCallback(
        (r) => r.body.messageId === id && r.body.state === 'sent' && r.status !== undefined,
      );
      expect([record.method, record.status]).toEqual(['POST', 200]);
    });

    test('a GET callback arrives as an mms event with its media list', async () => {
      const media = ['https://example.com/a.jpg', 'https://example.com/b.png'];
      const id = await messagingClient.sendMessage({
        from,
        to: FAR_END,
        text: 'picture',
        media,
        callbackUrl: `${signedUrl}/messages`,
        callbackHttpMethod: 'GET',
      });
      const { event } = await reports.next(isMessaging(id, 'sent'));
      expect(event).toMatchObject({ eventType: 'mms', media, from, text: 'picture' });
      const record = await emulator.control.waitForCallback(
        (r) => r.body.messageId === id && r.body.state === 'sent' && r.status !== undefined,
      );
      expect([record.method, record.status]).toEqual(['GET', 200]);
    });

    test('wrong credentials get 401 and the handler sees no event', async () => {
      const forged = new URL(signedUrl);
      forged.password = 'wrong';
      const id = await messagingClient.sendMessage({
        from,
        to: FAR_END,
        text: 'forged',
        callbackUrl: `${forged.href.replace(/\/$/, '')}/messages`,
      });
      const record = await emulator.control.waitForCallback(
        (r) => r.body.messageId === id && r.status !== undefined,
      );
      expect(record.status).toBe(401);
      await reports.next((report) => report.kind === 'rejected' && report.status === 401);
      expect(reports.all.some(isMessaging(id))).toBe(false);
    });

    test('the voice handler answers the answer callback with BXML the emulator runs', async () => {
      const callId = await voiceClient.createCall({
        from,
        to: FAR_END,
        callbackUrl: `${signedUrl}/voice`,
        callbackHttpMethod: 'GET',
      });
      // The far end answers by the emulator's auto-answer policy.
      const { event: answer } = await reports.next(isVoice(callId, 'answer'));
      expect(answer).toMatchObject({ eventType: 'answer', callId, from, to: FAR_END });
      // The greeting is spoken, then the document hangs up: the hangup event comes back too.
      await reports.next(isVoice(callId, 'hangup'));
      const verbs = await emulator.control.trace(callId, { type: 'verb' });
      expect(verbs.map((verb) => [verb.verb, verb.outcome])).toEqual([
        ['SpeakSentence', 'completed'],
        ['Hangup', 'call-ended'],
      ]);
      expect(verbs[0]?.text).toBe(greeting(name));
      const record = await emulator.control.waitForCallback(
        (r) => r.body.callId === callId && r.body.eventType === 'answer' && r.status !== undefined,
      );
      expect([record.method, record.status]).toEqual(['GET', 200]);
    });

    test('GET callbacks keep their connections alive', async (context) => {
      if (!server.connections) return context.skip('the runtime does not expose its connections');
      const before = server.connections();
      const ids: string[] = [];
      for (const text of ['first', 'second']) {
        const id = await messagingClient.sendMessage({
          from,
          to: FAR_END,
          text,
          receiptRequested: 'all',
          callbackUrl: `${signedUrl}/messages`,
          callbackHttpMethod: 'GET',
        });
        await reports.next((r) => isMessaging(id)(r) && r.event.deliveryState === 'delivered');
        ids.push(id);
      }
      const callId = await voiceClient.createCall({
        from,
        to: FAR_END,
        callbackUrl: `${signedUrl}/voice`,
        callbackHttpMethod: 'GET',
      });
      await reports.next(isVoice(callId, 'hangup'));
      const gets = (await emulator.control.callbacks()).filter(
        (r) =>
          r.method === 'GET' &&
          (ids.includes(String(r.body.messageId)) || r.body.callId === callId),
      );
      expect(gets.map((r) => r.status)).toEqual(Array(gets.length).fill(200));
      expect(gets.length).toBeGreaterThanOrEqual(6);
      // Answered with `Connection: close`, every GET would have needed a connection of its own;
      // kept alive, the emulator reuses its few (it may open a second while the first is released).
      expect(server.connections() - before).toBeLessThanOrEqual(gets.length / 2);
    });
  },
);
