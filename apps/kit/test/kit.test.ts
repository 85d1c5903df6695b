import { inspect } from 'node:util';
import { startEmulator } from '@bw/emulator';
import { messaging } from '@bw/sdk';
import { describe, expect, test } from 'vitest';
import { connectTarget, Inbox, InboxTimeoutError, listen, routeNumber } from '../src/index';

describe('Inbox', () => {
  test('next resolves with an item pushed before or after the call, in order, skipping others', async () => {
    const inbox = new Inbox<string>();
    inbox.push('ringing');
    inbox.push('answer');
    await expect(
      inbox.next((item) => item === 'answer', { timeoutMs: 100, what: 'answer' }),
    ).resolves.toBe('answer');
    const later = inbox.next((item) => item.startsWith('speak'), {
      timeoutMs: 1000,
      what: 'speak',
    });
    inbox.push('dtmf');
    inbox.push('speak done');
    await expect(later).resolves.toBe('speak done');
    // What was skipped is not offered again; what comes after is.
    const hangup = inbox.next((item) => item !== 'nothing', { timeoutMs: 1000, what: 'anything' });
    inbox.push('hangup');
    await expect(hangup).resolves.toBe('hangup');
    expect(inbox.received).toEqual(['ringing', 'answer', 'dtmf', 'speak done', 'hangup']);
  });

  test('next rejects with a readable InboxTimeoutError when nothing matches in time', async () => {
    const inbox = new Inbox<string>();
    inbox.push('answer');
    const waiting = inbox.next((item) => item === 'hangup', { timeoutMs: 30, what: 'the hangup' });
    await expect(waiting).rejects.toBeInstanceOf(InboxTimeoutError);
    await expect(waiting).rejects.toThrow('Timed out after 30 ms waiting for the hangup');
  });
});

describe('listen', () => {
  test('serves on a free port and close() ends keep-alive connections too', async () => {
    const server = await listen((_request, response) => {
      response.end('ok');
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    const answer = await fetch(`${server.url}/x`, { keepalive: true });
    expect(await answer.text()).toBe('ok');
    await server.close();
    await expect(fetch(`${server.localUrl}/x`)).rejects.toThrow();
  });

  test('close() lets a request in progress get its answer, then ends', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived = () => {};
    const inside = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const server = await listen((_request, response) => {
      arrived();
      void held.then(() => response.end('answered'));
    });
    const pending = fetch(`${server.url}/slow`).then((answer) => answer.text());
    await inside;
    const closed = server.close();
    release();
    await expect(pending).resolves.toBe('answered');
    await closed;
  });

  test('publicUrl replaces the local address in url', async () => {
    const server = await listen((_request, response) => response.end(), {
      publicUrl: 'https://tunnel.example/',
    });
    expect(server.url).toBe('https://tunnel.example');
    expect(server.localUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
    await server.close();
  });
});

describe('connectTarget', () => {
  test('without BANDWIDTH_BASE_URL it starts a local emulator that owns the numbers', async () => {
    const target = await connectTarget({ env: {}, numbers: ['+19195550111'], speed: 50 });
    try {
      expect(target.local).toBe(true);
      expect(target.describe()).toContain('local emulator at http://127.0.0.1:');
      const owned = await target.client('account').listPhoneNumbers().toArray();
      expect(owned.map((n) => n.number)).toEqual(['+19195550111']);
      const shown = `${JSON.stringify(target)} ${inspect(target)}`;
      expect(shown).not.toContain('s-emulator');
      expect(shown).not.toContain('t-emulator');
    } finally {
      await target.close();
    }
  });

  test('with BANDWIDTH_BASE_URL it uses that server and the BANDWIDTH_* credentials', async () => {
    const emulator = await startEmulator({
      users: [
        {
          userId: 'u-remote',
          apiToken: 't-remote',
          apiSecret: 's-remote',
          numbers: ['+19195550112'],
        },
      ],
    });
    try {
      const target = await connectTarget({
        env: {
          BANDWIDTH_BASE_URL: emulator.url,
          BANDWIDTH_USER_ID: 'u-remote',
          BANDWIDTH_API_TOKEN: 't-remote',
          BANDWIDTH_API_SECRET: 's-remote',
        },
        numbers: ['+19995550000'],
      });
      expect(target.local).toBe(false);
      expect(target.describe()).toBe(`API at ${emulator.url}`);
      const owned = await target.client('account').listPhoneNumbers().toArray();
      expect(owned.map((n) => n.number)).toEqual(['+19195550112']);
      expect(inspect(target)).not.toContain('s-remote');
    } finally {
      await emulator.close();
    }
  });
});

test('routeNumber sends inbound messages for the number to the app', async () => {
  const target = await connectTarget({ env: {}, numbers: ['+19195550113'], speed: 50 });
  const inbox = new Inbox<messaging.MessagingEvent>();
  const handler = messaging.createMessagingCallbackHandler({
    onEvent: (event) => inbox.push(event),
  });
  const server = await listen(handler.node);
  try {
    const applicationId = await routeNumber(target.client('account'), {
      number: '+19195550113',
      name: 'kit test',
      incomingMessageUrl: `${server.url}/messages`,
    });
    expect((await target.client('account').getPhoneNumber('+19195550113')).applicationId).toBe(
      applicationId,
    );
    await target.emulator?.control.inboundMessage({
      from: '+14045550100',
      to: '+19195550113',
      text: 'ping',
    });
    const event = await inbox.next((e) => e.eventType === 'sms', { timeoutMs: 5000, what: 'sms' });
    expect(event).toMatchObject({ direction: 'in', from: '+14045550100', text: 'ping' });
  } finally {
    await server.close();
    await target.close();
  }
});
