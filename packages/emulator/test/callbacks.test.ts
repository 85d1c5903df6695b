import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { emulator, idFrom, json, OWNED, receiver, STRANGER } from './helpers';

describe('message callbacks', () => {
  it('POSTs sending, sent and the delivery receipt as sms events with the reference shape', async () => {
    const emu = await emulator();
    const hook = await receiver();
    const id = idFrom(
      await emu.api('POST', `${emu.base}/messages`, {
        from: OWNED,
        to: STRANGER,
        text: 'Example',
        callbackUrl: `${hook.url}/status`,
        receiptRequested: 'all',
        tag: 'order-7',
      }),
    );
    const delivered = await hook.next((request) => request.json().deliveryState === 'delivered');
    const events = hook.requests.map((request) => request.json());
    expect(events.map((event) => [event.state, event.deliveryState])).toEqual([
      ['sending', 'waiting'],
      ['sent', 'waiting'],
      ['sent', 'delivered'],
    ]);
    expect(delivered.method).toBe('POST');
    expect(delivered.path).toBe('/status');
    expect(delivered.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(delivered.headers['user-agent']).toBe('BandwidthAPI/v1 (emulator)');
    expect(delivered.headers.authorization).toBeUndefined();
    expect(delivered.json()).toEqual({
      eventType: 'sms',
      direction: 'out',
      messageId: id,
      messageUri: `${emu.url}${emu.base}/messages/${id}`,
      from: OWNED,
      to: STRANGER,
      text: 'Example',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      state: 'sent',
      segmentCount: 1,
      deliveryState: 'delivered',
      deliveryCode: 0,
      deliveryDescription: 'Message delivered to carrier',
      tag: 'order-7',
    });
    expect(await json(await emu.api('GET', `${emu.base}/messages/${id}`))).toMatchObject({
      state: 'sent',
      deliveryState: 'delivered',
      deliveryCode: 0,
    });
  });

  it('sends GET query events with Basic auth from URL credentials, and records them redacted', async () => {
    const emu = await emulator();
    const hook = await receiver();
    const callbackUrl = `${hook.url.replace('http://', 'http://bob:p%40ss@')}/get-hook?fixed=1`;
    await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: STRANGER,
      text: 'pic',
      media: ['https://example.com/a.gif'],
      callbackUrl,
      callbackHttpMethod: 'GET',
    });
    const sent = await hook.next((request) => request.query.get('state') === 'sent');
    expect(sent.method).toBe('GET');
    expect(sent.body).toBe('');
    expect(sent.headers.authorization).toBe(`Basic ${Buffer.from('bob:p@ss').toString('base64')}`);
    expect(sent.query.get('fixed')).toBe('1');
    expect(sent.query.get('eventType')).toBe('mms');
    expect(sent.query.get('from')).toBe(OWNED);
    expect(sent.query.get('segmentCount')).toBe('1');
    expect(JSON.parse(sent.query.get('media') ?? '')).toEqual(['https://example.com/a.gif']);

    const records = await emu.control.callbacks();
    expect(records).toHaveLength(2);
    const record = records[1];
    expect(record).toMatchObject({
      id: expect.stringMatching(/^cb-\d+$/),
      method: 'GET',
      status: 200,
      attempt: 'callback',
      url: `${hook.url}/get-hook?fixed=1`,
      userId: 'u-test',
      headers: { authorization: 'Basic [REDACTED]', 'user-agent': 'BandwidthAPI/v1 (emulator)' },
    });
    expect(record?.body).toMatchObject({ eventType: 'mms', state: 'sent' });
    expect(record?.durationMs).toBeGreaterThanOrEqual(0);
    const everything = JSON.stringify(records);
    expect(everything).not.toContain('p%40ss');
    expect(everything).not.toContain(Buffer.from('bob:p@ss').toString('base64'));
    // `since` returns only newer records.
    expect(await emu.control.callbacks({ since: records[0]?.id })).toEqual([record]);
  });

  it('tries the fallback URL once after a failing callback, and logs nothing when it answers', async () => {
    const emu = await emulator();
    const hook = await receiver();
    hook.respond('/primary', 500);
    await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: STRANGER,
      text: 'x',
      callbackUrl: `${hook.url}/primary`,
      fallbackUrl: `${hook.url}/fallback`,
    });
    await hook.next((request) => request.path === '/fallback' && request.json().state === 'sent');
    expect(hook.requests.map((request) => `${request.path}:${request.json().state}`)).toEqual([
      '/primary:sending',
      '/fallback:sending',
      '/primary:sent',
      '/fallback:sent',
    ]);
    const records = await emu.control.callbacks();
    expect(records.map((record) => [record.attempt, record.status, record.error])).toEqual([
      ['callback', 500, 'HTTP 500'],
      ['fallback', 200, undefined],
      ['callback', 500, 'HTTP 500'],
      ['fallback', 200, undefined],
    ]);
    expect(await json<unknown[]>(await emu.api('GET', `${emu.base}/errors`))).toEqual([]);
  });

  it('counts an answer that arrived in time but was read after the deadline, the loop being busy', async () => {
    const emu = await emulator();
    // The app shares this process: once it has answered the first event, the event loop stalls
    // past the callback's 200 ms timeout with the answer waiting, unread, in the emulator's socket.
    let stalled = false;
    const app = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.end();
        if (stalled) return;
        stalled = true;
        const until = performance.now() + 400;
        while (performance.now() < until) {
          // busy
        }
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = app.address() as AddressInfo;
      await emu.api('POST', `${emu.base}/messages`, {
        from: OWNED,
        to: STRANGER,
        text: 'x',
        callbackUrl: `http://127.0.0.1:${port}/hook`,
        callbackTimeout: 200,
      });
      const first = await emu.control.waitForCallback((record) => record.attempt === 'callback');
      expect(first.error).toBeUndefined();
      expect(first).toMatchObject({ status: 200 });
      expect(first.durationMs).toBeGreaterThanOrEqual(200);
    } finally {
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    }
  });

  it('logs an error when callback and fallback both fail; a timeout counts as failure', async () => {
    const emu = await emulator();
    const hook = await receiver();
    hook.delay('/slow', 1000);
    const closed = await receiver();
    const unreachable = `${closed.url}/unreachable`;
    await closed.close();
    const id = idFrom(
      await emu.api('POST', `${emu.base}/messages`, {
        from: OWNED,
        to: STRANGER,
        text: 'x',
        callbackUrl: `${hook.url}/slow`,
        callbackTimeout: 50,
        fallbackUrl: unreachable,
      }),
    );
    const fallback = await emu.control.waitForCallback(
      (record) =>
        record.attempt === 'fallback' && (record.body as { state?: string }).state === 'sending',
    );
    expect(fallback.error).toMatch(/request failed/);
    const records = await emu.control.callbacks();
    expect(records[0]).toMatchObject({ attempt: 'callback', error: 'timed out after 50 ms' });
    expect(records[0]?.status).toBeUndefined();

    const errors = await json<
      Array<{
        category: string;
        code: string;
        message: string;
        details: Array<{ name: string; value: string }>;
      }>
    >(await emu.api('GET', `${emu.base}/errors`));
    const entry = errors.find((error) => error.message.includes('state sending'));
    expect(entry).toMatchObject({ category: 'unavailable', code: 'callback-delivery-failed' });
    expect(entry?.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'messageId', value: id }),
        expect.objectContaining({ name: 'callbackUrl', value: `${hook.url}/slow` }),
        expect.objectContaining({ name: 'fallbackUrl', value: unreachable }),
      ]),
    );
  });

  it('waitForCallback rejects when nothing matches in time', async () => {
    const emu = await emulator();
    await expect(emu.control.waitForCallback(() => true, { timeout: 50 })).rejects.toThrow(
      /No matching callback/,
    );
  });
});

describe('inbound messages', () => {
  it("delivers to the application's incomingMessageUrl with its method, timeout and fallback", async () => {
    const emu = await emulator();
    const hook = await receiver();
    hook.respond('/in', 503);
    const appId = idFrom(
      await emu.api('POST', `${emu.base}/applications`, {
        name: 'inbox',
        incomingMessageUrl: `${hook.url}/in`,
        incomingMessageFallbackUrl: `${hook.url}/in-fallback`,
        callbackHttpMethod: 'GET',
      }),
    );
    await emu.api('POST', `${emu.base}/phoneNumbers/${encodeURIComponent(OWNED)}`, {
      applicationId: appId,
    });
    const { messageId } = await emu.control.inboundMessage({
      from: STRANGER,
      to: OWNED,
      text: 'Example',
    });
    expect(messageId).toMatch(/^m-/);
    const received = await hook.next((request) => request.path === '/in-fallback');
    expect(received.method).toBe('GET');
    expect(Object.fromEntries(received.query)).toEqual({
      eventType: 'sms',
      direction: 'in',
      messageId,
      messageUri: `${emu.url}${emu.base}/messages/${messageId}`,
      from: STRANGER,
      to: OWNED,
      text: 'Example',
      time: expect.any(String),
      state: 'received',
      segmentCount: '1',
      applicationId: appId,
    });
    expect(hook.requests.map((request) => request.path)).toEqual(['/in', '/in-fallback']);
    expect(await json(await emu.api('GET', `${emu.base}/messages/${messageId}`))).toMatchObject({
      direction: 'in',
      state: 'received',
      text: 'Example',
      applicationId: appId,
    });
    const charges = await json<Array<{ productType: string }>>(
      await emu.api('GET', `${emu.base}/account/transactions`),
    );
    expect(charges[0]?.productType).toBe('sms-in');
  });

  it('sends MMS events as POST JSON with media, and refuses numbers nobody owns', async () => {
    const emu = await emulator();
    const hook = await receiver();
    const appId = idFrom(
      await emu.api('POST', `${emu.base}/applications`, {
        name: 'mms',
        incomingMessageUrl: `${hook.url}/mms`,
      }),
    );
    await emu.api('POST', `${emu.base}/phoneNumbers/${encodeURIComponent(OWNED)}`, {
      applicationId: appId,
    });
    await emu.control.inboundMessage({
      from: STRANGER,
      to: OWNED,
      media: ['https://example.com/cat.gif'],
    });
    const event = (await hook.next()).json();
    expect(event).toMatchObject({
      eventType: 'mms',
      state: 'received',
      media: ['https://example.com/cat.gif'],
      text: '',
    });
    await expect(
      emu.control.inboundMessage({ from: STRANGER, to: '+15005550000', text: 'x' }),
    ).rejects.toMatchObject({
      status: 404,
      code: 'number-not-found',
    });
  });
});
