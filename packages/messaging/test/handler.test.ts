import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type LoopbackServer, listenLoopback } from '../../../test-support/callback-receiver';
import { createMessagingCallbackHandler, type MessagingEvent } from '../src/callbacks';
import type { Logger } from '../src/index';

const credentials = { username: 'hook', password: 's3cret-pass' };
const authorization = `Basic ${Buffer.from('hook:s3cret-pass').toString('base64')}`;
const event = { eventType: 'sms', direction: 'in', messageId: 'm-1', text: 'hi', segmentCount: 1 };

let received: MessagingEvent[] = [];
let logged: Array<[string, string]> = [];
let server: LoopbackServer;

const logger: Logger = {
  debug: (message) => logged.push(['debug', message]),
  info: (message) => logged.push(['info', message]),
  warn: (message) => logged.push(['warn', message]),
  error: (message) => logged.push(['error', message]),
};

beforeAll(async () => {
  const handler = createMessagingCallbackHandler({
    credentials,
    maxBodyBytes: 1024,
    logger,
    onEvent: (parsed) => {
      if (parsed.text === 'explode') throw new Error('handler bug');
      received.push(parsed);
    },
  });
  server = await listenLoopback(handler.node);
});
afterAll(() => server.close());
beforeEach(() => {
  received = [];
  logged = [];
});

function post(body: string, headers: Record<string, string> = { authorization }) {
  return fetch(`${server.url}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

describe('createMessagingCallbackHandler over node:http', () => {
  test('a valid POST is answered 200 after onEvent got the typed event', async () => {
    const response = await post(JSON.stringify(event));
    expect(response.status).toBe(200);
    expect(received).toEqual([event]);
  });

  test('a valid GET query is answered 200 with numbers coerced', async () => {
    const response = await fetch(
      `${server.url}/messages?eventType=sms&messageId=m-2&segmentCount=2&deliveryCode=0`,
      { headers: { authorization } },
    );
    expect(response.status).toBe(200);
    expect(received).toEqual([
      { eventType: 'sms', messageId: 'm-2', segmentCount: 2, deliveryCode: 0 },
    ]);
  });

  test('a GET with repeated media parameters gives the whole media list', async () => {
    const response = await fetch(
      `${server.url}/messages?eventType=mms&media=https%3A%2F%2Fx%2Fa.jpg&media=https%3A%2F%2Fx%2Fb.smil`,
      { headers: { authorization } },
    );
    expect(response.status).toBe(200);
    expect(received).toEqual([
      { eventType: 'mms', media: ['https://x/a.jpg', 'https://x/b.smil'] },
    ]);
  });

  test.each([
    ['malformed JSON', () => post('{"eventType":"sms",'), 400],
    ['an event without eventType', () => post('{"text":"x"}'), 400],
    ['missing credentials', () => post(JSON.stringify(event), {}), 401],
    [
      'wrong credentials',
      () =>
        post(JSON.stringify(event), {
          authorization: `Basic ${Buffer.from('hook:guess').toString('base64')}`,
        }),
      401,
    ],
    ['an oversize body', () => post(JSON.stringify({ ...event, text: 'x'.repeat(2000) })), 413],
  ])(
    '%s is answered with a 4xx, onEvent is not called, the server keeps serving',
    async (_, send, status) => {
      const response = await send();
      expect(response.status).toBe(status);
      expect(received).toEqual([]);
      expect(logged.some(([level]) => level === 'warn')).toBe(true);
      const next = await post(JSON.stringify(event));
      expect(next.status).toBe(200);
      expect(received).toHaveLength(1);
    },
  );

  test('a 401 asks for Basic credentials and never echoes the password', async () => {
    const response = await post(JSON.stringify(event), {
      authorization: `Basic ${Buffer.from('hook:wrong-pass').toString('base64')}`,
    });
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
    const text = await response.text();
    expect(text).not.toContain('s3cret-pass');
    expect(JSON.stringify(logged)).not.toContain('s3cret-pass');
  });

  test('onEvent throwing is answered 500 and logged, and the server keeps serving', async () => {
    const response = await post(JSON.stringify({ ...event, text: 'explode' }));
    expect(response.status).toBe(500);
    expect(logged).toContainEqual(['error', expect.stringContaining('failed')]);
    expect((await post(JSON.stringify(event))).status).toBe(200);
  });
});

describe('createMessagingCallbackHandler as a Fetch handler', () => {
  test('answers a Fetch Request directly, without credentials configured', async () => {
    const seen: MessagingEvent[] = [];
    const handler = createMessagingCallbackHandler({ onEvent: (e) => void seen.push(e) });
    const ok = await handler(
      new Request('http://localhost/in?eventType=mms&media=%5B%22https%3A%2F%2Fx%2Fa.jpg%22%5D'),
    );
    expect(ok.status).toBe(200);
    expect(seen).toEqual([{ eventType: 'mms', media: ['https://x/a.jpg'] }]);
    const bad = await handler(
      new Request('http://localhost/in', { method: 'POST', body: 'not json {' }),
    );
    expect(bad.status).toBe(400);
  });
});
