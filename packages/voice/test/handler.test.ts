import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type LoopbackServer, listenLoopback } from '../../../test-support/callback-receiver';
import {
  createVoiceCallbackHandler,
  type VoiceCallbackReply,
  type VoiceEvent,
} from '../src/callbacks';
import type { Logger } from '../src/index';

const bxml =
  '<?xml version="1.0" encoding="UTF-8"?><Response><SpeakSentence voice="susan">Hello &amp; welcome</SpeakSentence></Response>';

/** What the test app received and what it answers next. */
const app = {
  events: [] as VoiceEvent[],
  reply: (_event: VoiceEvent): VoiceCallbackReply | Promise<VoiceCallbackReply> => undefined,
  logged: [] as string[],
};

const logger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (message, meta) => app.logged.push(`${message} ${JSON.stringify(meta)}`),
  error: (message, meta) => app.logged.push(`${message} ${JSON.stringify(meta)}`),
};

const credentials = { username: 'bw-callbacks', password: 'hunter2-callbacks' };
const authorization = `Basic ${Buffer.from('bw-callbacks:hunter2-callbacks').toString('base64')}`;

const handler = createVoiceCallbackHandler({
  onEvent: (event) => {
    app.events.push(event);
    return app.reply(event);
  },
  credentials,
  maxBodyBytes: 2048,
  logger,
});

let server: LoopbackServer;
let baseUrl: string;

beforeAll(async () => {
  server = await listenLoopback(handler.node);
  baseUrl = server.url;
});
afterAll(() => server.close());
beforeEach(() => {
  app.events = [];
  app.reply = () => undefined;
  app.logged = [];
});

const answerQuery =
  '?eventType=answer&callId=c-1&callState=active&from=%2B15753222083&to=%2B13865245000&withholdCallerNumber=false';

function callback(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', authorization);
  return fetch(`${baseUrl}${path}`, { ...init, headers });
}

describe('over node:http (handler.node)', () => {
  test('an answer GET answered with a BXML string gets it back as application/xml', async () => {
    app.reply = (event) => (event.eventType === 'answer' ? bxml : undefined);
    const response = await callback(`/bxml${answerQuery}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(await response.text()).toBe(bxml);
    expect(app.events).toEqual([
      {
        eventType: 'answer',
        callId: 'c-1',
        callState: 'active',
        from: '+15753222083',
        to: '+13865245000',
        withholdCallerNumber: false,
      },
    ]);
  });

  test('any object with toXml() is rendered as the BXML answer', async () => {
    app.reply = async (event) => ({
      toXml: () =>
        `<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/><!-- ${event.eventType} --></Response>`,
    });
    const response = await callback('/bxml?eventType=gather&callId=c-1&digits=1&state=completed');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(await response.text()).toContain('<Hangup/><!-- gather -->');
  });

  test('a POST event answered with nothing gets 200 with an empty body', async () => {
    const response = await callback('/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ eventType: 'hangup', callId: 'c-1', cause: 'NORMAL_CLEARING' }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(app.events[0]).toMatchObject({ eventType: 'hangup', cause: 'NORMAL_CLEARING' });
  });

  test('malformed JSON gets 400 and never reaches onEvent', async () => {
    const response = await callback('/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"eventType":"answer",',
    });
    expect(response.status).toBe(400);
    expect(app.events).toHaveLength(0);
  });

  test('a known event with a field of the wrong type gets 400, logged, never onEvent', async () => {
    for (const body of [
      { eventType: 'gather', callId: 'c-1', digits: 5 },
      { eventType: 'answer', callId: 'c-1', from: ['a'] },
      { eventType: 'speak', callId: 'c-1', tag: {} },
    ]) {
      const response = await callback('/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
    }
    expect(app.events).toHaveLength(0);
    expect(app.logged.join('\n')).toMatch(/field "digits" is not a valid string/);
  });

  test('an event missing its callId gets 400', async () => {
    const response = await callback('/bxml?eventType=redirect&from=%2B1');
    expect(response.status).toBe(400);
    expect(app.events).toHaveLength(0);
  });

  test('wrong or missing credentials get 401', async () => {
    const wrong = `Basic ${Buffer.from('bw-callbacks:nope').toString('base64')}`;
    expect(
      (await callback(`/bxml${answerQuery}`, { headers: { authorization: wrong } })).status,
    ).toBe(401);
    const bare = await fetch(`${baseUrl}/bxml${answerQuery}`);
    expect(bare.status).toBe(401);
    expect(app.events).toHaveLength(0);
  });

  test('a body over maxBodyBytes gets 413', async () => {
    const response = await callback('/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ eventType: 'speak', callId: 'c-1', tag: 'x'.repeat(4096) }),
    });
    expect(response.status).toBe(413);
    expect(app.events).toHaveLength(0);
  });

  test('onEvent throwing gets 500, is logged, and the server keeps serving', async () => {
    app.reply = () => {
      throw new Error('database down');
    };
    const failed = await callback(`/bxml${answerQuery}`);
    expect(failed.status).toBe(500);
    expect(app.logged.length).toBeGreaterThan(0);

    app.reply = () => bxml;
    const next = await callback(`/bxml${answerQuery}`);
    expect(next.status).toBe(200);
    expect(await next.text()).toBe(bxml);
  });

  test('toXml() throwing gets 500 and is logged', async () => {
    app.reply = () => ({
      toXml: () => {
        throw new Error('invalid document');
      },
    });
    const response = await callback(`/bxml${answerQuery}`);
    expect(response.status).toBe(500);
    expect(app.logged.join(' ')).toMatch(/invalid document/);
  });

  test('the callback password never appears in what is logged', async () => {
    app.reply = () => {
      throw new Error('boom');
    };
    await callback(`/bxml${answerQuery}`);
    await callback(`/bxml${answerQuery}`, { headers: { authorization: 'Basic Zm9vOmJhcg==' } });
    expect(app.logged.join(' ')).not.toContain('hunter2-callbacks');
  });
});

describe('as a Fetch handler', () => {
  test('answers a Request with a Response carrying the BXML', async () => {
    app.reply = () => bxml;
    const response = await handler(
      new Request(`https://app.example.com/bxml${answerQuery}`, { headers: { authorization } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(await response.text()).toBe(bxml);
  });

  test('without credentials configured, any caller is accepted', async () => {
    const open = createVoiceCallbackHandler({ onEvent: () => undefined });
    const response = await open(new Request(`https://app.example.com/bxml${answerQuery}`));
    expect(response.status).toBe(200);
  });
});
