import { getEventListeners } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createUndiciFetch } from '../src/index.node';
import { Transport } from '../src/internal';
import { refusedPort, send, startServer, type TestServer } from './server';

let server: TestServer;
let other: TestServer;
let reply: Parameters<typeof startServer>[0];
beforeAll(async () => {
  server = await startServer((seen, res, req) => reply(seen, res, req));
  other = await startServer((_seen, res) => send(res, 200, { other: true }));
});
afterAll(async () => {
  await server.close();
  await other.close();
});
beforeEach(() => {
  server.requests.length = 0;
  other.requests.length = 0;
});

const undiciFetch = createUndiciFetch();
const encode = (text: string) => new TextEncoder().encode(text);

describe('createUndiciFetch', () => {
  test('sends method, headers and body, and answers status, headers and JSON', async () => {
    reply = (seen, res) =>
      send(res, 201, { echo: JSON.parse(seen.body) }, { location: '/x/1', 'x-multi': 'a' });
    const response = await undiciFetch(`${server.url}/path?q=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-custom': 'yes' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Created');
    expect(response.ok).toBe(true);
    expect(response.url).toBe(`${server.url}/path?q=1`);
    expect(response.redirected).toBe(false);
    expect(response.headers.get('location')).toBe('/x/1');
    expect(await response.json()).toEqual({ echo: { a: 1 } });
    const seen = server.requests[0];
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/path?q=1');
    expect(seen?.headers['x-custom']).toBe('yes');
    expect(seen?.headers['content-length']).toBe('7');
  });

  test('accepts a Request as input', async () => {
    reply = (seen, res) => send(res, 200, { method: seen.method, body: seen.body });
    const response = await undiciFetch(
      new Request(`${server.url}/r`, { method: 'PUT', body: 'raw' }),
    );
    expect(await response.json()).toEqual({ method: 'PUT', body: 'raw' });
  });

  test('streams a request body chunk by chunk', async () => {
    let firstChunkSeen: () => void = () => undefined;
    const firstChunkArrived = new Promise<void>((resolve) => {
      firstChunkSeen = resolve;
    });
    reply = (seen, res) =>
      send(res, 200, { body: seen.body, chunked: seen.headers['transfer-encoding'] });
    // The server must see the first chunk before the stream produces the last one.
    const onFirstData = (req: IncomingMessage) => req.once('data', () => firstChunkSeen());
    server.server.once('request', onFirstData);
    let step = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        step++;
        if (step === 1) controller.enqueue(encode('one,'));
        else if (step === 2) controller.enqueue(encode('two,'));
        else if (step === 3) {
          await firstChunkArrived;
          controller.enqueue(encode('three'));
        } else controller.close();
      },
    });
    const response = await undiciFetch(`${server.url}/upload`, {
      method: 'PUT',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(await response.json()).toEqual({ body: 'one,two,three', chunked: 'chunked' });
  });

  test('streams a response body as it arrives', async () => {
    let finish: () => void = () => undefined;
    reply = (_seen, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first;');
      finish = () => res.end('last');
    };
    const response = await undiciFetch(`${server.url}/download`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('first;');
    finish();
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    expect(rest).toBe('last');
  });

  test('204 and HEAD answers have a null body', async () => {
    reply = (seen, res) =>
      seen.method === 'HEAD' ? send(res, 200, undefined, { 'x-size': '3' }) : send(res, 204);
    const noContent = await undiciFetch(`${server.url}/a`, { method: 'DELETE' });
    expect(noContent.status).toBe(204);
    expect(noContent.body).toBeNull();
    const head = await undiciFetch(`${server.url}/a`, { method: 'HEAD' });
    expect(head.body).toBeNull();
    expect(head.headers.get('x-size')).toBe('3');
  });

  test('a body declared empty is an empty stream, built when asked for, and frees the connection', async () => {
    let connections = 0;
    const empty = await startServer((seen, res) => {
      res.writeHead(seen.url === '/ok' ? 200 : 201, { 'content-length': '0', location: '/x/1' });
      res.end();
    });
    empty.server.on('connection', () => connections++);
    const agent = new Agent({ connections: 1 });
    try {
      const oneConnection = createUndiciFetch({ dispatcher: agent });
      const created = await oneConnection(`${empty.url}/new`, { method: 'POST', body: '{}' });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe('/x/1');
      expect(created.body).toBeInstanceOf(ReadableStream);
      expect(created.body).toBe(created.body);
      expect(await created.body?.getReader().read()).toEqual({ done: true, value: undefined });
      const ok = await oneConnection(`${empty.url}/ok`, { signal: AbortSignal.timeout(3_000) });
      expect(await ok.text()).toBe('');
      expect(ok.body).toBeInstanceOf(ReadableStream);
      expect(connections).toBe(1);
    } finally {
      await agent.close();
      await empty.close();
    }
  });

  test('an aborted signal rejects before sending, with its reason', async () => {
    reply = (_seen, res) => send(res, 200);
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    await expect(undiciFetch(`${server.url}/a`, { signal: controller.signal })).rejects.toThrow(
      'stop now',
    );
    expect(server.requests).toHaveLength(0);
  });

  test('aborting while waiting for headers rejects with an AbortError', async () => {
    reply = () => undefined;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await undiciFetch(`${server.url}/a`, { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('AbortError');
  });

  test('aborting while the response body streams errors the body', async () => {
    reply = (_seen, res) => {
      res.writeHead(200);
      res.write('partial');
    };
    const controller = new AbortController();
    const response = await undiciFetch(`${server.url}/a`, { signal: controller.signal });
    const text = response.text();
    controller.abort();
    await expect(text).rejects.toThrow();
  });

  test('a refused connection is a TypeError with ECONNREFUSED in its cause', async () => {
    const port = await refusedPort();
    const error = await undiciFetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(((error as TypeError).cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  test('redirects: followed by default, dropping credentials across origins', async () => {
    reply = (seen, res) =>
      seen.url === '/start'
        ? send(res, 302, undefined, { location: `${other.url}/landing` })
        : send(res, 200, {});
    const response = await undiciFetch(`${server.url}/start`, {
      method: 'POST',
      headers: {
        authorization: 'Basic c2VjcmV0',
        'proxy-authorization': 'Basic cHJveHk=',
        cookie: 'session=1',
        'content-type': 'text/plain',
        'x-custom': 'kept',
      },
      body: 'payload',
    });
    expect(await response.json()).toEqual({ other: true });
    expect(response.redirected).toBe(true);
    expect(response.url).toBe(`${other.url}/landing`);
    expect(other.requests[0]?.method).toBe('GET');
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
    expect(other.requests[0]?.headers['proxy-authorization']).toBeUndefined();
    expect(other.requests[0]?.headers.cookie).toBeUndefined();
    expect(other.requests[0]?.headers['x-custom']).toBe('kept');
    expect(other.requests[0]?.body).toBe('');
  });

  test('redirects: 307 keeps method and body; same origin keeps credentials', async () => {
    reply = (seen, res) =>
      seen.url === '/start'
        ? send(res, 307, undefined, { location: '/next' })
        : send(res, 200, {
            method: seen.method,
            body: seen.body,
            auth: seen.headers.authorization,
          });
    const response = await undiciFetch(`${server.url}/start`, {
      method: 'POST',
      headers: { authorization: 'Basic c2VjcmV0' },
      body: 'payload',
    });
    expect(await response.json()).toEqual({
      method: 'POST',
      body: 'payload',
      auth: 'Basic c2VjcmV0',
    });
  });
});

// A redirect from `/from` to `/to`, which answers 200 with what it received.
function redirectOnce(status: number): void {
  reply = (seen, res) =>
    seen.url === '/from'
      ? send(res, status, undefined, { location: '/to' })
      : send(res, 200, seen.method === 'HEAD' ? undefined : 'arrived');
}

const bodyHeaders = { 'content-type': 'text/plain', 'content-language': 'en', 'x-custom': 'kept' };

// Reads a whole streamed body into text.
async function textOf(body: ReadableStream<Uint8Array> | null): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of body ?? []) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

// A request body that arrives in several chunks, so it is streamed rather than sent whole.
function streamedBody(...parts: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(encode(part));
      controller.close();
    },
  });
}

describe('createUndiciFetch redirects', () => {
  test.each([
    { status: 301, method: 'POST', becomes: 'GET' },
    { status: 302, method: 'POST', becomes: 'GET' },
    { status: 303, method: 'POST', becomes: 'GET' },
    { status: 303, method: 'PUT', becomes: 'GET' },
    { status: 303, method: 'DELETE', becomes: 'GET' },
  ])(
    '$status of a $method becomes a $becomes without body or content-* headers',
    async ({ status, method, becomes }) => {
      redirectOnce(status);
      const response = await undiciFetch(`${server.url}/from`, {
        method,
        headers: bodyHeaders,
        body: 'payload',
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('arrived');
      expect(server.requests.map((seen) => `${seen.method} ${seen.url}`)).toEqual([
        `${method} /from`,
        `${becomes} /to`,
      ]);
      const next = server.requests[1];
      expect(next?.body).toBe('');
      expect(next?.headers['content-type']).toBeUndefined();
      expect(next?.headers['content-language']).toBeUndefined();
      expect(next?.headers['content-length']).toBeUndefined();
      expect(next?.headers['x-custom']).toBe('kept');
    },
  );

  test.each([
    { status: 301, method: 'PUT' },
    { status: 302, method: 'PATCH' },
    { status: 307, method: 'POST' },
    { status: 308, method: 'POST' },
    { status: 307, method: 'DELETE' },
  ])(
    '$status of a $method keeps the method, the body and its headers',
    async ({ status, method }) => {
      redirectOnce(status);
      const response = await undiciFetch(`${server.url}/from`, {
        method,
        headers: bodyHeaders,
        body: 'payload',
      });
      expect(await response.text()).toBe('arrived');
      expect(server.requests.map((seen) => `${seen.method} ${seen.url}`)).toEqual([
        `${method} /from`,
        `${method} /to`,
      ]);
      const next = server.requests[1];
      expect(next?.body).toBe('payload');
      expect(next?.headers['content-type']).toBe('text/plain');
      expect(next?.headers['content-language']).toBe('en');
      expect(next?.headers['content-length']).toBe('7');
      expect(next?.headers['x-custom']).toBe('kept');
    },
  );

  test.each([
    { status: 303, method: 'HEAD' },
    { status: 301, method: 'HEAD' },
    { status: 307, method: 'GET' },
    { status: 308, method: 'GET' },
    { status: 303, method: 'GET' },
  ])('$status of a $method stays a $method', async ({ status, method }) => {
    redirectOnce(status);
    const response = await undiciFetch(`${server.url}/from`, {
      method,
      headers: { 'x-custom': 'kept' },
    });
    expect(response.status).toBe(200);
    expect(response.redirected).toBe(true);
    expect(server.requests.map((seen) => `${seen.method} ${seen.url}`)).toEqual([
      `${method} /from`,
      `${method} /to`,
    ]);
    expect(server.requests[1]?.headers['x-custom']).toBe('kept');
  });

  test('a bytes body follows a 307; a streamed one cannot be sent twice and rejects', async () => {
    redirectOnce(307);
    const bytes = await undiciFetch(`${server.url}/from`, {
      method: 'POST',
      body: encode('bytes'),
    });
    expect(await bytes.text()).toBe('arrived');
    expect(server.requests.map((seen) => `${seen.method} ${seen.url} ${seen.body}`)).toEqual([
      'POST /from bytes',
      'POST /to bytes',
    ]);

    server.requests.length = 0;
    const error = await undiciFetch(`${server.url}/from`, {
      method: 'POST',
      body: streamedBody('one,', 'two'),
      duplex: 'half',
    } as RequestInit).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(((error as TypeError).cause as Error).message).toMatch(/streamed body/);
    expect(server.requests.map((seen) => `${seen.method} ${seen.url} ${seen.body}`)).toEqual([
      'POST /from one,two',
    ]);
  });

  test('a streamed body can follow a 303, which drops it', async () => {
    redirectOnce(303);
    const response = await undiciFetch(`${server.url}/from`, {
      method: 'POST',
      body: streamedBody('one,', 'two'),
      duplex: 'half',
    } as RequestInit);
    expect(await response.text()).toBe('arrived');
    expect(server.requests.map((seen) => `${seen.method} ${seen.url} ${seen.body}`)).toEqual([
      'POST /from one,two',
      'GET /to ',
    ]);
  });

  test("redirect: 'error' rejects without following", async () => {
    redirectOnce(301);
    const error = await undiciFetch(`${server.url}/from`, { redirect: 'error' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(((error as TypeError).cause as Error).message).toMatch(/redirect.*301/);
    expect(server.requests.map((seen) => seen.url)).toEqual(['/from']);
  });

  test('a 3xx without a Location is the answer', async () => {
    reply = (_seen, res) => send(res, 302, 'no location');
    const response = await undiciFetch(`${server.url}/from`);
    expect(response.status).toBe(302);
    expect(await response.text()).toBe('no location');
    expect(response.redirected).toBe(false);
    expect(server.requests.map((seen) => seen.url)).toEqual(['/from']);
  });

  test("redirect: 'manual' answers the 3xx itself, Location included", async () => {
    redirectOnce(302);
    const response = await undiciFetch(`${server.url}/from`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.statusText).toBe('Found');
    expect(response.headers.get('location')).toBe('/to');
    expect(response.redirected).toBe(false);
    expect(response.url).toBe(`${server.url}/from`);
    expect(server.requests.map((seen) => seen.url)).toEqual(['/from']);
  });

  describe('a chain of redirects', () => {
    // `/chain/N/i` redirects to `/chain/N/i+1` until i reaches N: N redirects in all.
    beforeEach(() => {
      reply = (seen, res) => {
        const [, , total, hop] = seen.url.split('/').map(Number);
        if (hop === undefined || total === undefined || hop >= total) send(res, 200, 'end');
        else send(res, 302, undefined, { location: `/chain/${total}/${hop + 1}` });
      };
    });

    test('up to maxRedirections is followed', async () => {
      const fetchTwo = createUndiciFetch({ maxRedirections: 2 });
      const response = await fetchTwo(`${server.url}/chain/2/0`);
      expect(await response.text()).toBe('end');
      expect(response.redirected).toBe(true);
      expect(response.url).toBe(`${server.url}/chain/2/2`);
      expect(server.requests).toHaveLength(3);
    });

    test('one more rejects with "too many redirects", the last one not followed', async () => {
      const fetchTwo = createUndiciFetch({ maxRedirections: 2 });
      const error = await fetchTwo(`${server.url}/chain/3/0`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as TypeError).message).toBe('fetch failed');
      expect(((error as TypeError).cause as Error).message).toMatch(/too many redirects/);
      expect(server.requests.map((seen) => seen.url)).toEqual([
        '/chain/3/0',
        '/chain/3/1',
        '/chain/3/2',
      ]);
    });

    test('20 by default, as fetch', async () => {
      const response = await undiciFetch(`${server.url}/chain/20/0`);
      expect(response.url).toBe(`${server.url}/chain/20/20`);
      server.requests.length = 0;
      await expect(undiciFetch(`${server.url}/chain/21/0`)).rejects.toThrow('fetch failed');
      expect(server.requests).toHaveLength(21);
    });

    test('maxRedirections: 0 follows none', async () => {
      const fetchNone = createUndiciFetch({ maxRedirections: 0 });
      await expect(fetchNone(`${server.url}/chain/1/0`)).rejects.toThrow('fetch failed');
      expect(server.requests).toHaveLength(1);
      expect(await (await fetchNone(`${server.url}/chain/0/0`)).text()).toBe('end');
    });
  });
});

describe('createUndiciFetch with a Request', () => {
  const fromRequest = (init?: RequestInit) => ({
    request: new Request(`${server.url}/from`, {
      method: 'POST',
      headers: { 'x-from': 'request' },
      body: 'request body',
    }),
    init,
  });

  test('an init without request keys leaves the Request as it is', async () => {
    redirectOnce(307);
    const { request } = fromRequest();
    const response = await undiciFetch(request, {});
    expect(response.redirected).toBe(true);
    const seen = server.requests[0];
    expect([seen?.method, seen?.headers['x-from'], seen?.body]).toEqual([
      'POST',
      'request',
      'request body',
    ]);
  });

  test.each([
    { key: 'method', init: { method: 'PUT' }, expected: ['PUT', 'request', 'request body'] },
    {
      key: 'headers',
      init: { headers: { 'x-from': 'init' } },
      expected: ['POST', 'init', 'request body'],
    },
    { key: 'body', init: { body: 'init body' }, expected: ['POST', 'request', 'init body'] },
  ])('init.$key overrides the Request', async ({ init, expected }) => {
    reply = (_seen, res) => send(res, 200, 'ok');
    const { request } = fromRequest();
    await (await undiciFetch(request, init)).text();
    const seen = server.requests[0];
    expect([seen?.method, seen?.headers['x-from'], seen?.body]).toEqual(expected);
  });

  test('init.signal overrides the Request', async () => {
    reply = (_seen, res) => send(res, 200, 'ok');
    const { request } = fromRequest();
    await expect(
      undiciFetch(request, { signal: AbortSignal.abort(new Error('stopped by init')) }),
    ).rejects.toThrow('stopped by init');
    expect(server.requests).toHaveLength(0);
  });

  test('init.redirect overrides the Request', async () => {
    redirectOnce(307);
    const { request } = fromRequest();
    const response = await undiciFetch(request, { redirect: 'manual' });
    expect(response.status).toBe(307);
    expect(server.requests).toHaveLength(1);
  });

  test("a streamed upload leaves no listener on the Request's signal", async () => {
    reply = (seen, res) => send(res, 200, seen.body);
    const request = new Request(`${server.url}/upload`, {
      method: 'POST',
      body: streamedBody('one,', 'two,', 'three'),
      duplex: 'half',
    } as RequestInit);
    const before = getEventListeners(request.signal, 'abort').length;
    const response = await undiciFetch(request);
    expect(await response.text()).toBe('one,two,three');
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(before);
  });

  test("a one-chunk body leaves no listener on the Request's signal", async () => {
    reply = (seen, res) => send(res, 200, seen.body);
    const request = new Request(`${server.url}/upload`, { method: 'POST', body: 'whole' });
    const before = getEventListeners(request.signal, 'abort').length;
    const response = await undiciFetch(request);
    expect(await response.text()).toBe('whole');
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(before);
  });
});

describe('createUndiciFetch request bodies', () => {
  test('aborting during a streamed upload cancels the source stream with the reason', async () => {
    let serverGotData: () => void = () => undefined;
    const dataArrived = new Promise<void>((resolve) => {
      serverGotData = resolve;
    });
    const onData = (req: IncomingMessage) => req.once('data', () => serverGotData());
    server.server.once('request', onData);
    reply = (_seen, res) => send(res, 200);
    let cancelledWith: unknown;
    let step = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        step++;
        // Two chunks, then nothing more: the upload stays open until it is aborted.
        if (step <= 2) controller.enqueue(encode(`part ${step};`));
        return step <= 2 ? undefined : new Promise<void>(() => undefined);
      },
      cancel(reason) {
        cancelledWith = reason;
      },
    });
    const controller = new AbortController();
    const pending = undiciFetch(`${server.url}/upload`, {
      method: 'POST',
      body,
      duplex: 'half',
      signal: controller.signal,
    } as RequestInit);
    await dataArrived;
    const reason = new Error('upload stopped');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(cancelledWith).toBe(reason);
  });

  test('an empty stream is sent as an empty body, not a chunked one', async () => {
    reply = (seen, res) => send(res, 200, seen.body);
    const response = await undiciFetch(`${server.url}/empty`, {
      method: 'POST',
      body: streamedBody(),
      duplex: 'half',
    } as RequestInit);
    expect(await response.text()).toBe('');
    const seen = server.requests[0];
    expect([
      seen?.method,
      seen?.headers['content-length'],
      seen?.headers['transfer-encoding'],
    ]).toEqual(['POST', '0', undefined]);
  });
});

describe('createUndiciFetch response bodies', () => {
  test('repeated response headers are kept apart', async () => {
    reply = (_seen, res) => {
      res.writeHead(200, { 'set-cookie': ['a=1', 'b=2'], 'x-one': 'only' });
      res.end();
    };
    const response = await undiciFetch(`${server.url}/cookies`);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('x-one')).toBe('only');
  });

  test('statusText comes from the status code, empty for an unknown one', async () => {
    reply = (seen, res) => send(res, Number(seen.url.slice(1)), 'x');
    expect((await undiciFetch(`${server.url}/418`)).statusText).toBe("I'm a Teapot");
    expect((await undiciFetch(`${server.url}/299`)).statusText).toBe('');
  });

  // The server sends all but the last byte at once, and the last one only later.
  function holdLastByte(size: number, release: Promise<void>): { lastByteSent: () => boolean } {
    let sent = false;
    reply = (_seen, res) => {
      res.writeHead(200, { 'content-length': String(size) });
      res.write(Buffer.alloc(size - 1, 'a'));
      void release.then(() => {
        sent = true;
        res.end('z');
      });
    };
    return { lastByteSent: () => sent };
  }

  test('a body of known length up to 64 KiB has fully arrived when fetch resolves', async () => {
    const { lastByteSent } = holdLastByte(64 * 1024, delay(100));
    const response = await undiciFetch(`${server.url}/small`);
    expect(lastByteSent()).toBe(true);
    const text = await response.text();
    expect(text).toHaveLength(64 * 1024);
    expect(text.endsWith('az')).toBe(true);
  });

  test('a longer body streams: fetch resolves before it has arrived', async () => {
    let release: () => void = () => undefined;
    const { lastByteSent } = holdLastByte(
      64 * 1024 + 1,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    const response = await undiciFetch(`${server.url}/large`, {
      signal: AbortSignal.timeout(3_000),
    });
    expect(lastByteSent()).toBe(false);
    release();
    const text = await response.text();
    expect(text).toHaveLength(64 * 1024 + 1);
    expect(text.endsWith('az')).toBe(true);
  });

  test('a streamed body is kept until it is read', async () => {
    let finished: () => void = () => undefined;
    const sent = new Promise<void>((resolve) => {
      finished = resolve;
    });
    reply = (_seen, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('part one;');
      res.end('part two', () => finished());
    };
    const response = await undiciFetch(`${server.url}/later`);
    await sent;
    await delay(50);
    expect(await textOf(response.body)).toBe('part one;part two');
  });

  test('answers without a body leave the connection free for the next request', async () => {
    let connections = 0;
    const bodiless = await startServer((seen, res) => {
      if (seen.url === '/204') send(res, 204);
      else if (seen.url === '/304') send(res, 304);
      // A 205 has no content by definition; a server that sends some anyway must not hold up the
      // connection, even with more than fits in the body's buffer.
      else if (seen.url === '/205') {
        res.writeHead(205, { 'content-length': String(1024 * 1024) });
        res.end(Buffer.alloc(1024 * 1024));
      } else send(res, 200, 'next');
    });
    bodiless.server.on('connection', () => connections++);
    const agent = new Agent({ connections: 1 });
    try {
      const oneConnection = createUndiciFetch({ dispatcher: agent });
      for (const status of [204, 304, 205]) {
        const response = await oneConnection(`${bodiless.url}/${status}`);
        expect(response.status).toBe(status);
        expect(response.body).toBeNull();
      }
      const next = await oneConnection(`${bodiless.url}/next`, {
        signal: AbortSignal.timeout(3_000),
      });
      expect(await next.text()).toBe('next');
      expect(connections).toBe(1);
    } finally {
      await agent.close();
      await bodiless.close();
    }
  });
});

describe('the node entry', () => {
  test('clients send through the undici fetch by default, once undici has loaded', async () => {
    reply = (_seen, res) => send(res, 200, []);
    const t = new Transport({
      userId: 'u',
      apiToken: 'tok-1',
      apiSecret: 'sec-1',
      baseUrl: server.url,
    });
    await t.noContent({ method: 'GET', path: '/x' });
    // Node's global fetch adds these headers; the dispatcher-based fetch sends only what it is
    // given, over `node:http` until undici has loaded (after the first answer), then undici.
    await vi.waitFor(
      async () => {
        server.requests.length = 0;
        await t.noContent({ method: 'GET', path: '/x' });
        expect(server.requests[0]?.headers['sec-fetch-mode']).toBeUndefined();
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(server.requests[0]?.headers['accept-language']).toBeUndefined();
  });

  test('a fetch option still wins', async () => {
    reply = (_seen, res) => send(res, 200, []);
    const t = new Transport({
      userId: 'u',
      apiToken: 'tok-1',
      apiSecret: 'sec-1',
      baseUrl: server.url,
      fetch: globalThis.fetch,
    });
    await t.noContent({ method: 'GET', path: '/x' });
    expect(server.requests[0]?.headers['sec-fetch-mode']).toBe('cors');
  });
});
