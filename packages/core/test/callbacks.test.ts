import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  type CallbackHandler,
  constantTimeEqual,
  createCallbackHandler,
  type NodeListener,
  readCallbackPayload,
  toNodeListener,
  typeCallbackFields,
  verifyBasicAuth,
} from '../src/callbacks/index';
import { CallbackError, type Logger } from '../src/index';

const basic = (user: string, pass: string) =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const expected = { username: 'bw', password: 's3cret:with:colons' };

describe('verifyBasicAuth', () => {
  test.each([
    ['the right credentials', basic('bw', 's3cret:with:colons'), true],
    [
      'a lower-case scheme and extra spaces',
      `  basic   ${Buffer.from('bw:s3cret:with:colons').toString('base64')} `,
      true,
    ],
    ['a wrong password', basic('bw', 's3cret:with:colonz'), false],
    ['a password prefix', basic('bw', 's3cret'), false],
    ['a longer password', basic('bw', 's3cret:with:colons!'), false],
    ['a wrong user', basic('bx', 's3cret:with:colons'), false],
    ['no colon', `Basic ${Buffer.from('bw').toString('base64')}`, false],
    ['invalid base64', 'Basic %%%', false],
    ['another scheme', 'Bearer abc', false],
    ['an empty header', '', false],
    ['null', null, false],
    ['undefined', undefined, false],
  ])('%s → %s', (_label, header, result) => {
    expect(verifyBasicAuth(header, expected)).toBe(result);
  });

  test('junk around the scheme or after the credentials is refused; an empty user name is one', () => {
    const token = Buffer.from('bw:s3cret:with:colons').toString('base64');
    expect(verifyBasicAuth(`xBasic ${token}`, expected)).toBe(false);
    expect(verifyBasicAuth(`Basic ${token} extra`, expected)).toBe(false);
    expect(verifyBasicAuth(`Basic${token}`, expected)).toBe(false);
    const anonymous = { username: '', password: 'p' };
    expect(verifyBasicAuth(basic('', 'p'), anonymous)).toBe(true);
    expect(verifyBasicAuth(basic('', ''), anonymous)).toBe(false);
  });

  test('non-ASCII credentials are compared as UTF-8', () => {
    expect(
      verifyBasicAuth(basic('ünï', 'pässwörd'), { username: 'ünï', password: 'pässwörd' }),
    ).toBe(true);
    expect(
      verifyBasicAuth(basic('ünï', 'passwörd'), { username: 'ünï', password: 'pässwörd' }),
    ).toBe(false);
  });

  test('constantTimeEqual', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('ab', 'abc')).toBe(false);
    expect(constantTimeEqual('abcd', 'abc')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});

describe('readCallbackPayload', () => {
  test('a POST Request gives its JSON body', async () => {
    const request = new Request('http://h/cb', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ eventType: 'sms', text: 'hi', media: ['a'] }),
    });
    expect(await readCallbackPayload(request)).toEqual({
      eventType: 'sms',
      text: 'hi',
      media: ['a'],
    });
  });

  test('a GET Request gives its query, values as strings', async () => {
    const request = new Request(
      'http://h/cb?eventType=answer&callId=c-1&withholdCallerName=false&n=5',
    );
    expect(await readCallbackPayload(request)).toEqual({
      eventType: 'answer',
      callId: 'c-1',
      withholdCallerName: 'false',
      n: '5',
    });
  });

  test('a form-encoded POST and an empty POST with a query', async () => {
    const form = new Request('http://h/cb', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'eventType=hangup&cause=NORMAL_CLEARING',
    });
    expect(await readCallbackPayload(form)).toEqual({
      eventType: 'hangup',
      cause: 'NORMAL_CLEARING',
    });
    const empty = new Request('http://h/cb?eventType=timeout', { method: 'POST' });
    expect(await readCallbackPayload(empty)).toEqual({ eventType: 'timeout' });
  });

  test('strings: JSON when it looks like JSON, else a query string with or without ?', async () => {
    expect(await readCallbackPayload(' {"eventType":"gather","digits":"12"} ')).toEqual({
      eventType: 'gather',
      digits: '12',
    });
    expect(await readCallbackPayload('?eventType=redirect&to=%2B1919')).toEqual({
      eventType: 'redirect',
      to: '+1919',
    });
    expect(await readCallbackPayload('eventType=redirect')).toEqual({ eventType: 'redirect' });
  });

  test('a repeated query key gives a list, in order', async () => {
    expect(await readCallbackPayload('eventType=mms&media=a.jpg&media=b.smil')).toEqual({
      eventType: 'mms',
      media: ['a.jpg', 'b.smil'],
    });
    const params = new URLSearchParams([
      ['media', '1'],
      ['media', '2'],
      ['media', '3'],
    ]);
    expect(await readCallbackPayload(params)).toEqual({ media: ['1', '2', '3'] });
  });

  test('URLSearchParams and plain objects (copied)', async () => {
    expect(
      await readCallbackPayload(new URLSearchParams({ eventType: 'dtmf', dtmfDigit: '#' })),
    ).toEqual({
      eventType: 'dtmf',
      dtmfDigit: '#',
    });
    const input = { eventType: 'sms' };
    const payload = await readCallbackPayload(input);
    expect(payload).toEqual(input);
    expect(payload).not.toBe(input);
  });

  test('keys named like Object.prototype members are plain data, in every form', async () => {
    const names = ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__'];
    const query = names.map((name) => `${name}=x`).join('&');
    const json = `{${names.map((name) => `"${name}":"x"`).join(',')}}`;
    const object = JSON.parse(json) as Record<string, unknown>;
    for (const input of [query, `${query}&toString=y`, new URLSearchParams(query), json, object]) {
      const payload = await readCallbackPayload(input);
      expect(Object.getPrototypeOf(payload)).toBeNull();
      for (const name of names) {
        expect(Object.getOwnPropertyDescriptor(payload, name)?.value).toEqual(
          input === `${query}&toString=y` && name === 'toString' ? ['x', 'y'] : 'x',
        );
      }
    }
    const request = new Request(`http://h/cb?${query}`);
    expect(Object.keys(await readCallbackPayload(request)).sort()).toEqual([...names].sort());
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  test.each([
    ['malformed JSON string', '{"eventType":'],
    ['a JSON array', '[1,2]'],
    [
      'JSON null in a request',
      new Request('http://h', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: 'null',
      }),
    ],
    [
      'malformed JSON in a request',
      new Request('http://h', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"a":',
      }),
    ],
  ])('%s → CallbackError 400', async (_label, input) => {
    const error = await readCallbackPayload(input as string).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallbackError);
    expect((error as CallbackError).status).toBe(400);
  });

  test('a streamed body of exactly maxBodyBytes is read; one byte more is a 413', async () => {
    const streamed = (text: string) =>
      new Request('http://h', {
        method: 'POST',
        body: new ReadableStream({
          start(controller) {
            // In two chunks, as a body arrives over the network.
            controller.enqueue(new TextEncoder().encode(text.slice(0, 10)));
            controller.enqueue(new TextEncoder().encode(text.slice(10)));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
    const exact = JSON.stringify({ eventType: 'sms', text: 'x'.repeat(20) });
    expect(await readCallbackPayload(streamed(exact), { maxBodyBytes: exact.length })).toEqual({
      eventType: 'sms',
      text: 'x'.repeat(20),
    });
    const error = await readCallbackPayload(streamed(`${exact} `), {
      maxBodyBytes: exact.length,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 413 });
  });

  test('an oversize body is a CallbackError 413, declared or streamed', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(200) });
    const declared = new Request('http://h', { method: 'POST', body: big });
    const streamed = new Request('http://h', {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(50)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    for (const input of [declared, streamed, big]) {
      const error = await readCallbackPayload(input, { maxBodyBytes: 100 }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CallbackError);
      expect((error as CallbackError).status).toBe(413);
    }
  });
});

interface Event {
  eventType: string;
  [key: string]: unknown;
}
const parse = (payload: Record<string, unknown>): Event => {
  if (typeof payload.eventType !== 'string') throw new CallbackError('missing eventType');
  return payload as Event;
};

describe('createCallbackHandler as a Fetch handler', () => {
  test('200 after onEvent resolves, with the parsed event', async () => {
    const events: Event[] = [];
    const handler = createCallbackHandler({
      parse,
      onEvent: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(event);
      },
    });
    const response = await handler(new Request('http://h/cb?eventType=answer&callId=c-1'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(events).toEqual([{ eventType: 'answer', callId: 'c-1' }]);
  });

  test('respond builds the answer (e.g. BXML)', async () => {
    const handler = createCallbackHandler({
      parse,
      onEvent: () => '<Response><Hangup/></Response>',
      respond: (result) =>
        new Response(String(result), { headers: { 'content-type': 'application/xml' } }),
    });
    const response = await handler(new Request('http://h/cb?eventType=answer'));
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(await response.text()).toBe('<Response><Hangup/></Response>');
  });

  test('a parse CallbackError gives 400 and onEvent is not called', async () => {
    let called = false;
    const handler = createCallbackHandler({
      parse,
      onEvent: () => {
        called = true;
      },
    });
    expect((await handler(new Request('http://h/cb?nothing=1'))).status).toBe(400);
    expect(called).toBe(false);
  });
});

describe('createCallbackHandler log lines', () => {
  const lines: [string, string, Record<string, unknown> | undefined][] = [];
  const logger: Logger = {
    debug: (message, meta) => void lines.push(['debug', message, meta]),
    info: (message, meta) => void lines.push(['info', message, meta]),
    warn: (message, meta) => void lines.push(['warn', message, meta]),
    error: (message, meta) => void lines.push(['error', message, meta]),
  };
  const handlerThatThrows = (thrown: unknown) =>
    createCallbackHandler({
      parse,
      credentials: expected,
      logger,
      onEvent: () => {
        throw thrown;
      },
    });
  const authorized = (url: string) =>
    new Request(url, { headers: { authorization: basic(expected.username, expected.password) } });

  beforeEach(() => {
    lines.length = 0;
  });

  test('a refusal: one warn line with its status and reason', async () => {
    const handler = handlerThatThrows(new Error('unused'));
    expect((await handler(new Request('http://h/cb?eventType=sms'))).status).toBe(401);
    expect((await handler(authorized('http://h/cb?other=1'))).status).toBe(400);
    expect(lines).toEqual([
      [
        'warn',
        'callback rejected with 401: Callback credentials are missing or wrong',
        { status: 401 },
      ],
      ['warn', 'callback rejected with 400: missing eventType', { status: 400 }],
    ]);
  });

  test('onEvent throwing an Error: one error line with its name, message and stack', async () => {
    const bug = new TypeError('handler bug');
    const response = await handlerThatThrows(bug)(authorized('http://h/cb?eventType=sms'));
    expect([response.status, await response.text()]).toEqual([500, 'Internal Server Error']);
    expect(lines).toEqual([
      [
        'error',
        'callback handler failed',
        { error: { name: 'TypeError', message: 'handler bug', stack: bug.stack } },
      ],
    ]);
  });

  test('without a logger, onEvent throwing is still a 500', async () => {
    const handler = createCallbackHandler({
      parse,
      onEvent: () => {
        throw new Error('handler bug');
      },
    });
    const response = await handler(new Request('http://h/cb?eventType=sms'));
    expect([response.status, await response.text()]).toEqual([500, 'Internal Server Error']);
  });

  test('onEvent throwing something else: the error line shows it as text', async () => {
    const response = await handlerThatThrows('boom')(authorized('http://h/cb?eventType=sms'));
    expect(response.status).toBe(500);
    expect(lines).toEqual([['error', 'callback handler failed', { error: { value: 'boom' } }]]);
  });
});

// `.node` reads the body itself; `toNodeListener` hands a `Request` to the Fetch handler. Both must
// answer alike.
describe.each([
  ['handler.node', (handler: CallbackHandler) => handler.node],
  [
    'toNodeListener(handler)',
    (handler: CallbackHandler) => toNodeListener(handler, { maxBodyBytes: 1024 }),
  ],
])('createCallbackHandler over node:http, through %s', (_path, listener) => {
  let server: Server;
  let base: string;
  const events: Event[] = [];
  const logged: { level: string; message: string }[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => void logged.push({ level: 'warn', message }),
    error: (message) => void logged.push({ level: 'error', message }),
  };

  beforeAll(async () => {
    const handler = createCallbackHandler({
      parse,
      credentials: expected,
      maxBodyBytes: 1024,
      logger,
      onEvent: (event) => {
        if (event.eventType === 'explode') throw new Error('handler bug');
        events.push(event);
      },
    });
    server = createServer(listener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  beforeEach(() => {
    events.length = 0;
    logged.length = 0;
  });

  const auth = basic(expected.username, expected.password);
  const post = (body: string, headers: Record<string, string> = { authorization: auth }) =>
    fetch(`${base}/cb`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  test('a valid POST JSON callback: 200 and the event delivered', async () => {
    const response = await post(JSON.stringify({ eventType: 'sms', from: '+1', text: 'hi' }));
    expect(response.status).toBe(200);
    expect(events).toEqual([{ eventType: 'sms', from: '+1', text: 'hi' }]);
  });

  test('a valid GET callback', async () => {
    const response = await fetch(`${base}/cb?eventType=hangup&cause=NORMAL_CLEARING`, {
      headers: { authorization: auth },
    });
    expect(response.status).toBe(200);
    expect(events).toEqual([{ eventType: 'hangup', cause: 'NORMAL_CLEARING' }]);
  });

  test.each([
    ['missing', {}],
    ['wrong', { authorization: basic('bw', 'nope') }],
    ['garbage', { authorization: 'Basic !!!' }],
  ])('%s credentials → 401 with a challenge, no event', async (_label, headers) => {
    const response = await post(JSON.stringify({ eventType: 'sms' }), headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(events).toEqual([]);
  });

  test('malformed JSON → 400', async () => {
    const response = await post('{"eventType": "sms", ');
    expect(response.status).toBe(400);
    expect(events).toEqual([]);
  });

  test('refusals carry the same status, headers and text on every path', async () => {
    const answers = [];
    for (const response of [
      await post(JSON.stringify({ eventType: 'sms' }), {}),
      await post('[1]'),
      await post(JSON.stringify({ eventType: 'sms', text: 'x'.repeat(2000) })),
      await post(JSON.stringify({ eventType: 'explode' })),
    ]) {
      answers.push({
        status: response.status,
        type: response.headers.get('content-type'),
        challenge: response.headers.get('www-authenticate'),
        connection: response.headers.get('connection'),
        text: await response.text(),
      });
    }
    expect(answers).toEqual([
      {
        status: 401,
        type: 'text/plain; charset=utf-8',
        challenge: 'Basic realm="callbacks"',
        connection: 'keep-alive',
        text: 'Callback credentials are missing or wrong',
      },
      {
        status: 400,
        type: 'text/plain; charset=utf-8',
        challenge: null,
        connection: 'keep-alive',
        text: 'Callback body is not a JSON object',
      },
      {
        status: 413,
        type: 'text/plain; charset=utf-8',
        challenge: null,
        connection: 'close',
        text: 'Callback body exceeds 1024 bytes',
      },
      {
        status: 500,
        type: 'text/plain;charset=UTF-8',
        challenge: null,
        connection: 'keep-alive',
        text: 'Internal Server Error',
      },
    ]);
  });

  test('a form body, and an empty body read as the query', async () => {
    const form = await fetch(`${base}/cb`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'eventType=sms&text=a+b',
    });
    const empty = await fetch(`${base}/cb?eventType=hangup`, {
      method: 'POST',
      headers: { authorization: auth },
    });
    expect([form.status, empty.status]).toEqual([200, 200]);
    expect(events).toEqual([{ eventType: 'sms', text: 'a b' }, { eventType: 'hangup' }]);
  });

  test('oversize body → 413, declared or chunked', async () => {
    const big = JSON.stringify({ eventType: 'sms', text: 'x'.repeat(5000) });
    expect((await post(big)).status).toBe(413);
    const chunked = await fetch(`${base}/cb`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(events).toEqual([]);
    // The handler itself refused both, so its logger saw them.
    expect(logged.filter((line) => line.level === 'warn')).toHaveLength(2);
  });

  test('onEvent throwing → 500, logged, and the server keeps serving', async () => {
    const response = await post(JSON.stringify({ eventType: 'explode' }));
    expect(response.status).toBe(500);
    expect(logged).toEqual([{ level: 'error', message: 'callback handler failed' }]);
    expect((await post(JSON.stringify({ eventType: 'sms' }))).status).toBe(200);
  });

  test('a client that sends half a body and disconnects does not crash the server', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(base).port), '127.0.0.1', () => {
        socket.write(
          `POST /cb HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"eventType":`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 30);
      });
    });
    // A slow client: headers, then the body in two pieces a while apart.
    const slow = await new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ eventType: 'slow' });
      const request = httpRequest(`${base}/cb`, {
        method: 'POST',
        headers: {
          authorization: auth,
          'content-type': 'application/json',
          'content-length': body.length,
        },
      });
      request.on('response', (response) => resolve(response.statusCode ?? 0));
      request.on('error', reject);
      request.write(body.slice(0, 5));
      setTimeout(() => request.end(body.slice(5)), 50);
    });
    expect(slow).toBe(200);
    expect(events).toEqual([{ eventType: 'slow' }]);
  });
});

describe('toNodeListener', () => {
  test('a body over the limit reaches a generic handler cut, ending in an error', async () => {
    const outcomes: string[] = [];
    const listener = toNodeListener(
      async (request) => {
        outcomes.push(await request.text().catch((error: Error) => `error: ${error.message}`));
        return new Response('seen');
      },
      { maxBodyBytes: 10 },
    );
    const server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const small = await fetch(url, { method: 'POST', body: '0123456789' });
    expect(await small.text()).toBe('seen');
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('0123456789abcdef'));
        controller.close();
      },
    });
    const response = await fetch(url, {
      method: 'POST',
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(await response.text()).toBe('seen');
    expect(outcomes).toEqual(['0123456789', 'error: body exceeds 10 bytes']);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe('toNodeListener with a body Express already parsed', () => {
  test('uses req.body instead of the consumed stream', async () => {
    const seen: Record<string, unknown>[] = [];
    const listener = toNodeListener(async (request) => {
      seen.push(await readCallbackPayload(request));
      return new Response(null, { status: 204 });
    });
    const server = createServer((req, res) => {
      // What express.json() does: read the stream, then set req.body.
      let text = '';
      req.on('data', (chunk) => {
        text += chunk;
      });
      req.on('end', () => {
        Object.assign(req, { body: JSON.parse(text) });
        listener(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
    const response = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ eventType: 'sms', n: 1 }),
    });
    expect(response.status).toBe(204);
    expect(seen).toEqual([{ eventType: 'sms', n: 1 }]);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe('typeCallbackFields', () => {
  const fields = {
    name: 'string',
    count: 'number',
    on: 'boolean',
    media: 'list',
    meta: { size: 'number' },
  } as const;

  test('converts the GET form text of each declared type and keeps undeclared fields', () => {
    const payload = { name: 'n', count: ' 12 ', on: 'TRUE', media: '[a, b]', meta: '{"size":"3"}' };
    expect(
      typeCallbackFields({ ...payload, extra: [1] }, fields, { invalid: 'reject', subject: 'E' }),
    ).toEqual({ name: 'n', count: 12, on: true, media: ['a', 'b'], meta: { size: 3 }, extra: [1] });
  });

  test('empty numbers, booleans and objects are absent; empty strings and lists stay', () => {
    const typed = typeCallbackFields({ name: '', count: '', on: '', media: '', meta: '' }, fields, {
      invalid: 'reject',
      subject: 'E',
    });
    expect(typed).toEqual({ name: '', media: [] });
  });

  test.each([
    ['name', { name: 5 }, '"name" is not a valid string'],
    ['name', { name: ['a', 'b'] }, '"name" is not a valid string'],
    ['count', { count: '0x10' }, '"count" is not a valid number'],
    ['on', { on: 'yes' }, '"on" is not a valid boolean'],
    ['media', { media: [1] }, '"media" is not a valid list'],
    ['meta.size', { meta: { size: 'big' } }, '"meta.size" is not a valid number'],
  ])('a wrong %s is rejected naming the field, or omitted', (name, payload, message) => {
    const reject = () => typeCallbackFields(payload, fields, { invalid: 'reject', subject: 'E' });
    expect(reject).toThrow(CallbackError);
    expect(reject).toThrow(`E field ${message}`);
    const omitted = typeCallbackFields(payload, fields, { invalid: 'omit', subject: 'E' });
    expect(JSON.stringify(omitted)).not.toContain(name.split('.').at(-1));
  });

  const INVALID = Symbol('invalid');
  const ABSENT = Symbol('absent');
  test.each<[string, unknown, unknown]>([
    ['string', 'x', 'x'],
    ['string', 5, INVALID],
    ['number', 12, 12],
    ['number', Number.POSITIVE_INFINITY, INVALID],
    ['number', Number.NaN, INVALID],
    ['number', '-3.5', -3.5],
    ['number', '1.', INVALID],
    ['number', '.5', INVALID],
    ['number', '1e3', INVALID],
    ['number', '12abc', INVALID],
    ['number', true, INVALID],
    ['number', '  ', ABSENT],
    ['boolean', true, true],
    ['boolean', false, false],
    ['boolean', ' False ', false],
    ['boolean', 'true', true],
    ['boolean', 'truthy', INVALID],
    ['boolean', 1, INVALID],
    ['boolean', ' ', ABSENT],
    ['list', ['a', 'b'], ['a', 'b']],
    ['list', ['a', 1], INVALID],
    ['list', '["x","y, z"]', ['x', 'y, z']],
    ['list', '[x, , y]', ['x', 'y']],
    ['list', '[1, 2]', ['1', '2']],
    ['list', '  solo  ', ['solo']],
    ['list', '[a', ['[a']],
    ['list', 'a]', ['a]']],
    ['list', '   ', []],
    ['list', 5, INVALID],
    ['object', { a: 1 }, { a: 1 }],
    ['object', '{"a":1}', { a: 1 }],
    ['object', '[1]', INVALID],
    ['object', 'null', INVALID],
    ['object', '{a:1}', INVALID],
    ['object', ['a'], INVALID],
    ['object', 5, INVALID],
  ])('a %s field given %o', (type, raw, expected) => {
    const typeOne = () =>
      typeCallbackFields(
        { value: raw },
        { value: type as 'string' },
        {
          invalid: 'reject',
          subject: 'E',
        },
      );
    if (expected === INVALID) {
      expect(typeOne).toThrow(CallbackError);
      expect(typeOne).toThrow(`E field "value" is not a valid ${type}`);
      return;
    }
    const typed = typeOne();
    if (expected === ABSENT) expect(Object.hasOwn(typed, 'value')).toBe(false);
    else expect(typed.value).toEqual(expected);
  });

  test('a list given as an array is a copy of it', () => {
    const media = ['a'];
    const typed = typeCallbackFields({ media }, fields, { invalid: 'reject', subject: 'E' });
    expect(typed.media).toEqual(['a']);
    expect(typed.media).not.toBe(media);
  });

  test('a __proto__ field is copied as data and never reaches the prototype', () => {
    const payload = JSON.parse('{"__proto__":{"polluted":true},"name":"n"}') as Record<
      string,
      unknown
    >;
    const typed = typeCallbackFields(payload, fields, { invalid: 'reject', subject: 'E' });
    expect(Object.getPrototypeOf(typed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(typed, '__proto__')?.value).toEqual({ polluted: true });
    expect((typed as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

/** Serves `listener` on a free loopback port while `use` runs; `use` gets its base URL. */
async function serving(listener: NodeListener, use: (base: string) => Promise<void>) {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** POSTs `event` as JSON to `url`, as the platform sends a callback. */
function postEvent(
  url: string,
  event: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(event),
  });
}

test('handler.node passes an onEvent with rest parameters the Request', async () => {
  const urls: string[] = [];
  const handler = createCallbackHandler({
    parse,
    onEvent: (...args: [unknown, Request]) => void urls.push(args[1].url),
  });
  await serving(handler.node, async (base) => {
    const response = await postEvent(`${base}/cb`, { eventType: 'sms' });
    expect(response.status).toBe(200);
    expect(urls).toEqual([`${base}/cb`]);
  });
});

test('handler.node builds the Request for an onEvent that declares it: method, URL and headers', async () => {
  const seen: { method: string; url: string; trace: string | null; bodyless: boolean }[] = [];
  const handler = createCallbackHandler({
    parse,
    onEvent: (_event, request) => {
      seen.push({
        method: request.method,
        url: request.url,
        trace: request.headers.get('x-trace'),
        bodyless: request.body === null,
      });
    },
  });
  await serving(handler.node, async (base) => {
    const response = await postEvent(`${base}/cb?x=1`, { eventType: 'sms' }, { 'x-trace': 't-1' });
    expect(response.status).toBe(200);
    expect(seen).toEqual([{ method: 'POST', url: `${base}/cb?x=1`, trace: 't-1', bodyless: true }]);
  });
});

test('handler.node builds no Request for an onEvent declared with the event alone', async () => {
  const second: unknown[] = [];
  const handler = createCallbackHandler({
    parse,
    // A plain function can still look at what it was passed beyond what it declares.
    onEvent: function (_event: Event) {
      // biome-ignore lint/complexity/noArguments: the undeclared argument is what is checked
      second.push(arguments[1]);
    },
  });
  await serving(handler.node, async (base) => {
    const response = await fetch(`${base}/cb?eventType=answer`);
    expect(response.status).toBe(200);
    expect(second).toEqual([undefined]);
  });
});

test('respond gets the method and may answer with status, text and headers, on both paths', async () => {
  const seen: string[] = [];
  const handler = createCallbackHandler({
    parse,
    onEvent: (event) => `<Response><SpeakSentence>${event.eventType}</SpeakSentence></Response>`,
    respond: (result, event, method) => {
      seen.push(`${method} ${event.eventType}`);
      return { status: 202, text: String(result), headers: { 'content-type': 'application/xml' } };
    },
  });
  const viaFetch = await handler(new Request('http://h/cb?eventType=answer'));
  expect(viaFetch.status).toBe(202);
  expect(viaFetch.headers.get('content-type')).toBe('application/xml');
  expect(await viaFetch.text()).toBe('<Response><SpeakSentence>answer</SpeakSentence></Response>');
  await serving(handler.node, async (base) => {
    const viaNode = await postEvent(`${base}/cb`, { eventType: 'gather' });
    expect(viaNode.status).toBe(202);
    expect(viaNode.headers.get('content-type')).toBe('application/xml');
    expect(await viaNode.text()).toBe('<Response><SpeakSentence>gather</SpeakSentence></Response>');
    const head = await fetch(`${base}/cb?eventType=hangup`, { method: 'HEAD' });
    expect(head.status).toBe(202);
  });
  expect(seen).toEqual(['GET answer', 'POST gather', 'HEAD hangup']);
});

test('a text answer with characters beyond ASCII: its UTF-8 bytes, counted in Content-Length', async () => {
  const sentence = 'Grüß Gott — ☎ 日本';
  const handler = createCallbackHandler({
    parse,
    onEvent: () => `<Response><SpeakSentence>${sentence}</SpeakSentence></Response>`,
    respond: (result) => ({
      status: 200,
      text: String(result),
      headers: { 'content-type': 'application/xml; charset=utf-8' },
    }),
  });
  const expected = `<Response><SpeakSentence>${sentence}</SpeakSentence></Response>`;
  await serving(handler.node, async (base) => {
    for (const answer of [
      await fetch(`${base}/cb?eventType=answer`),
      await postEvent(`${base}/cb`, { eventType: 'gather' }),
    ]) {
      const bytes = new Uint8Array(await answer.arrayBuffer());
      expect(Number(answer.headers.get('content-length'))).toBe(
        new TextEncoder().encode(expected).byteLength,
      );
      expect(new TextDecoder().decode(bytes)).toBe(expected);
    }
  });
});
