import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  Inbox,
  type LoopbackServer,
  listenLoopback,
} from '../../../test-support/callback-receiver';
import { createMessagingCallbackHandler, type MessagingEvent } from '../src/callbacks';
import type { Logger } from '../src/index';
import { type MessagingFixture, OWNED, startMessagingFixture } from './emulator';

const [FROM, INBOUND_TO] = OWNED;
const credentials = { username: 'hook user', password: 'p@ss:word' };

let fixture: MessagingFixture;
let open: LoopbackServer;
let secured: LoopbackServer;
const openInbox = new Inbox<MessagingEvent>();
const securedInbox = new Inbox<MessagingEvent>();
/** Counts the secured handler's refusals, through the warnings it logs. */
const securedRejections = new Inbox<number>();
let rejections = 0;
const countRejections: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message) => {
    if (message.includes('401')) securedRejections.push(++rejections);
  },
  error: () => undefined,
};

beforeAll(async () => {
  fixture = await startMessagingFixture();
  open = await listenLoopback(createMessagingCallbackHandler({ onEvent: openInbox.push }).node);
  secured = await listenLoopback(
    createMessagingCallbackHandler({
      onEvent: securedInbox.push,
      credentials,
      logger: countRejections,
    }).node,
  );
});
afterAll(async () => {
  await Promise.all([open.close(), secured.close()]);
  await fixture.close();
});

const byMessage = (id: string, state: string) => (event: MessagingEvent) =>
  event.messageId === id && event.state === state;

describe('status callbacks of sent messages', () => {
  test('POST: every state change arrives as a typed SmsEvent with the tag', async () => {
    const { client, emulator } = fixture;
    const id = await client.sendMessage({
      from: FROM,
      to: '+19195553434',
      text: 'status please',
      callbackUrl: `${open.url}/status`,
      tag: 'order-42',
    });
    const sent = await openInbox.next(byMessage(id, 'sent'));
    expect(sent).toMatchObject({
      eventType: 'sms',
      direction: 'out',
      from: FROM,
      to: '+19195553434',
      text: 'status please',
      tag: 'order-42',
      segmentCount: 1,
    });
    expect(openInbox.items.filter((e) => e.messageId === id).map((e) => e.state)).toEqual([
      'sending',
      'sent',
    ]);
    // A record appears once its attempt is over, which is after the handler saw the event.
    const records = await vi.waitFor(async () => {
      const all = await emulator.control.callbacks();
      const status = all.filter((r) => r.url.endsWith('/status'));
      expect(status).toHaveLength(2);
      return status;
    });
    expect(records.map((r) => r.method)).toEqual(['POST', 'POST']);
    expect(records.map((r) => r.status)).toEqual([200, 200]);
  });

  test('GET: an MMS event arrives with media as a list and numbers as numbers', async () => {
    const { client } = fixture;
    const media = ['https://example.com/a.jpg', 'https://example.com/b.smil'];
    const id = await client.sendMessage({
      from: FROM,
      to: '+19195553434',
      text: 'picture',
      media,
      callbackUrl: `${open.url}/get-status`,
      callbackHttpMethod: 'GET',
    });
    const event = await openInbox.next(byMessage(id, 'sent'));
    expect(event.eventType).toBe('mms');
    expect(event.media).toEqual(media);
    expect(event.segmentCount).toBe(1);
    const records = await fixture.emulator.control.callbacks();
    const sending = records.find((r) => r.url.endsWith('/get-status'));
    expect([sending?.method, sending?.status]).toEqual(['GET', 200]);
  });

  test('a delivery receipt carries deliveryState and a numeric deliveryCode', async () => {
    const id = await fixture.client.sendMessage({
      from: FROM,
      to: '+19195553434',
      text: 'receipt',
      receiptRequested: 'all',
      callbackUrl: `${open.url}/receipt`,
      callbackHttpMethod: 'GET',
    });
    const receipt = await openInbox.next(
      (e) => e.messageId === id && e.deliveryState === 'delivered',
    );
    expect(receipt).toMatchObject({ eventType: 'sms', deliveryCode: 0 });
    expect(typeof receipt.deliveryDescription).toBe('string');
  });

  test('a failed delivery: receiptRequested "error" gets a not-delivered receipt with its code', async () => {
    const unreachable = '+19195557777';
    await fixture.emulator.control.setDeliveryFailures([{ to: unreachable, deliveryCode: 720 }]);
    try {
      const id = await fixture.client.sendMessage({
        from: FROM,
        to: unreachable,
        text: 'lost',
        receiptRequested: 'error',
        callbackUrl: `${open.url}/error-receipt`,
      });
      const receipt = await openInbox.next(
        (e) => e.messageId === id && e.deliveryState === 'not-delivered',
      );
      expect(receipt).toMatchObject({
        eventType: 'sms',
        state: 'sent',
        deliveryCode: 720,
        deliveryDescription: 'Invalid destination',
      });
      await expect(fixture.client.getMessage(id)).resolves.toMatchObject({
        deliveryState: 'not-delivered',
        deliveryCode: 720,
      });
    } finally {
      await fixture.emulator.control.clearDeliveryFailures();
    }
  });

  test('credentials in the callback URL are checked: right ones pass, wrong ones get 401', async () => {
    const { client, emulator } = fixture;
    const good = await client.sendMessage({
      from: FROM,
      to: '+19195553434',
      text: 'signed',
      callbackUrl: `${secured.urlWith(credentials.username, credentials.password)}/good`,
    });
    await expect(securedInbox.next(byMessage(good, 'sent'))).resolves.toMatchObject({
      text: 'signed',
    });

    const bad = await client.sendMessage({
      from: FROM,
      to: '+19195553434',
      text: 'forged',
      callbackUrl: `${secured.urlWith(credentials.username, 'wrong')}/bad`,
    });
    // Both events of the forged message (sending, sent) are refused by the handler …
    await securedRejections.next((n) => n === 2);
    expect(securedInbox.items.some((e) => e.messageId === bad)).toBe(false);
    // … and the emulator saw the 401 of the first, which was answered before the second was sent.
    const records = (await emulator.control.callbacks()).filter((r) => r.url.endsWith('/bad'));
    expect(records[0]?.status).toBe(401);
  });
});

describe('inbound messages', () => {
  let applicationId = '';

  afterEach(async () => {
    if (applicationId) await fixture.api('DELETE', `/applications/${applicationId}`);
    applicationId = '';
  });

  async function attachApplication(body: Record<string, unknown>): Promise<void> {
    const created = await fixture.api('POST', '/applications', { name: 'inbound', ...body });
    expect(created.status).toBe(201);
    applicationId = (created.headers.get('location') ?? '').split('/').pop() ?? '';
    const attached = await fixture.api('POST', `/phoneNumbers/${encodeURIComponent(INBOUND_TO)}`, {
      applicationId,
    });
    expect(attached.status).toBe(200);
  }

  test('POST with credentials: an inbound SMS reaches the application URL as an SmsEvent', async () => {
    await attachApplication({
      incomingMessageUrl: `${secured.urlWith(credentials.username, credentials.password)}/in`,
    });
    const { messageId } = await fixture.emulator.control.inboundMessage({
      from: '+19195558888',
      to: INBOUND_TO,
      text: 'hi there',
    });
    const event = await securedInbox.next((e) => e.messageId === messageId);
    expect(event).toMatchObject({
      eventType: 'sms',
      direction: 'in',
      from: '+19195558888',
      to: INBOUND_TO,
      text: 'hi there',
      state: 'received',
      applicationId,
      segmentCount: 1,
    });
    expect(event.messageUri).toMatch(new RegExp(`/messages/${messageId}$`));
  });

  test('GET without credentials: an inbound MMS arrives with its media list', async () => {
    await attachApplication({
      incomingMessageUrl: `${open.url}/in-get`,
      callbackHttpMethod: 'GET',
    });
    const media = ['https://example.com/cat.gif', 'https://example.com/1.smil'];
    const { messageId } = await fixture.emulator.control.inboundMessage({
      from: '+19195558888',
      to: INBOUND_TO,
      text: 'look',
      media,
    });
    const event = await openInbox.next((e) => e.messageId === messageId);
    expect(event).toMatchObject({ eventType: 'mms', direction: 'in', media, text: 'look' });
    const record = await fixture.emulator.control.waitForCallback(
      (r) => r.url.includes('/in-get') && r.body.messageId === messageId,
    );
    expect(record).toMatchObject({ method: 'GET', status: 200 });
  });
});

describe('emulator behaviour this suite relies on', () => {
  test('waitForCallback resolves with the answer of a delivery that finished after waiting began', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const entered = new Inbox<MessagingEvent>();
    const slow = await listenLoopback(
      createMessagingCallbackHandler({
        onEvent: (event) => {
          entered.push(event);
          return gate;
        },
      }).node,
    );
    try {
      const id = await fixture.client.sendMessage({
        from: FROM,
        to: '+19195553434',
        text: 'slow',
        callbackUrl: `${slow.url}/slow`,
      });
      await entered.next(byMessage(id, 'sending'));
      const waiting = fixture.emulator.control.waitForCallback(
        (record) =>
          record.url.endsWith('/slow') && record.body.state === 'sending' && record.status === 200,
        { timeout: 5000 },
      );
      // The handler is still holding the delivery; only now does it answer.
      release();
      const record = await waiting;
      expect(record.body).toMatchObject({ messageId: id, state: 'sending' });
    } finally {
      release();
      await slow.close();
    }
  });
});
