import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import {
  ApiError,
  type BandwidthError,
  NotFoundError,
  type RequestContext,
  Transport,
  ValidationError,
} from '../src/internal';
import { send, startServer, type TestServer } from './server';

let server: TestServer;
let reply: Parameters<typeof startServer>[0];
beforeAll(async () => {
  server = await startServer((seen, res, req) => reply(seen, res, req));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  reply = (_seen, res) => send(res, 200, { ok: true });
});

const transport = (options: Partial<ConstructorParameters<typeof Transport>[0]> = {}) =>
  new Transport({
    userId: 'u-1',
    apiToken: 'tok-1',
    apiSecret: 'sec-1',
    baseUrl: server.url,
    retry: { baseDelay: 1, maxDelay: 20 },
    ...options,
  });

test('beforeRequest sees each attempt and can change the request', async () => {
  let count = 0;
  reply = (_seen, res) => (++count < 2 ? send(res, 503) : send(res, 200, { ok: true }));
  const contexts: RequestContext[] = [];
  const t = transport({
    hooks: {
      beforeRequest: [
        (request, context) => {
          contexts.push(context);
          request.headers.set('x-attempt', String(context.attempt));
          return undefined;
        },
      ],
    },
  });
  await t.json({ method: 'GET', path: '/x' });
  expect(contexts).toEqual([
    { method: 'GET', url: `${server.url}/v1/x`, attempt: 1 },
    { method: 'GET', url: `${server.url}/v1/x`, attempt: 2 },
  ]);
  expect(server.requests.map((r) => r.headers['x-attempt'])).toEqual(['1', '2']);
});

test('beforeRequest sees the JSON body on the Request, and a Request it returns is what is sent', async () => {
  const bodies: unknown[] = [];
  const t = transport({
    hooks: {
      beforeRequest: [
        async (request) => {
          bodies.push(await request.clone().json());
          expect(request.headers.get('content-type')).toBe('application/json');
          return new Request(request, { body: JSON.stringify({ signed: true }) });
        },
      ],
    },
  });
  await t.json({ method: 'POST', path: '/x', json: { text: 'hi' } });
  expect(bodies).toEqual([{ text: 'hi' }]);
  expect(server.requests[0]?.body).toBe('{"signed":true}');
});

test('beforeRequest may answer without sending', async () => {
  const t = transport({
    hooks: {
      beforeRequest: [
        () => new Response('{"cached":true}', { headers: { 'content-type': 'application/json' } }),
      ],
    },
  });
  expect(await t.json({ method: 'GET', path: '/x' })).toEqual({ cached: true });
  expect(server.requests).toHaveLength(0);
});

test('afterResponse sees every response and may replace it', async () => {
  reply = (_seen, res) => send(res, 404, { code: 'call-not-found' });
  const statuses: number[] = [];
  const t = transport({
    hooks: {
      afterResponse: [
        (_request, response) => {
          statuses.push(response.status);
          return undefined;
        },
        (_request, response) =>
          response.status === 404
            ? new Response('[]', { headers: { 'content-type': 'application/json' } })
            : undefined,
      ],
    },
  });
  expect(await t.json({ method: 'GET', path: '/x' })).toEqual([]);
  expect(statuses).toEqual([404]);
});

test('beforeRequest and afterResponse hooks given together both run', async () => {
  const seen: string[] = [];
  const t = transport({
    hooks: {
      beforeRequest: [() => void seen.push('beforeRequest')],
      afterResponse: [(_request, response) => void seen.push(`afterResponse ${response.status}`)],
    },
  });
  await t.json({ method: 'GET', path: '/x' });
  expect(seen).toEqual(['beforeRequest', 'afterResponse 200']);
});

test('beforeError sees the final error and may replace it', async () => {
  reply = (_seen, res) => send(res, 404, { code: 'call-not-found', message: 'no call' });
  const seen: BandwidthError[] = [];
  const t = transport({
    hooks: {
      beforeError: [
        (error) => {
          seen.push(error);
          return undefined;
        },
        (error) =>
          error instanceof ApiError && error.code === 'call-not-found'
            ? new ValidationError(`wrapped: ${error.message}`)
            : undefined,
      ],
    },
  });
  await expect(t.noContent({ method: 'GET', path: '/x' })).rejects.toThrow(
    new ValidationError('wrapped: no call'),
  );
  expect(seen).toHaveLength(1);
  expect(seen[0]).toBeInstanceOf(NotFoundError);
});

test('a throwing beforeRetry stops the retries with its error', async () => {
  reply = (_seen, res) => send(res, 503);
  const stop = new Error('give up');
  const t = transport({
    hooks: {
      beforeRetry: [
        () => {
          throw stop;
        },
      ],
    },
  });
  await expect(t.noContent({ method: 'GET', path: '/x' })).rejects.toBe(stop);
  expect(server.requests).toHaveLength(1);
});

test('debug logging shows each request and response status', async () => {
  const lines: string[] = [];
  const log = (message: string) => void lines.push(message);
  const t = transport({ logger: { debug: log, info: log, warn: log, error: log } });
  await t.json({ method: 'GET', path: '/x' });
  expect(lines).toEqual([`GET ${server.url}/v1/x`, `GET ${server.url}/v1/x → 200`]);
});

test('each log line says what happened, with its details', async () => {
  let count = 0;
  reply = (_seen, res) =>
    ++count === 1
      ? send(res, 503, { code: 'call-unavailable', message: 'busy' }, { 'retry-after': '0' })
      : send(res, 404, { code: 'call-not-found', message: 'no call' });
  const lines: [level: string, message: string, meta: Record<string, unknown> | undefined][] = [];
  const record = (level: string) => (message: string, meta?: Record<string, unknown>) =>
    void lines.push([level, message, meta]);
  const t = transport({
    logger: {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    },
  });
  const error = (await t
    .noContent({ method: 'PUT', path: '/x', json: { state: 'active' } })
    .catch((e: unknown) => e)) as NotFoundError;
  expect(error).toBeInstanceOf(NotFoundError);
  const url = `${server.url}/v1/x`;
  const ms = expect.any(Number);
  expect(lines).toEqual([
    ['debug', `PUT ${url}`, { attempt: 1, body: { state: 'active' } }],
    ['debug', `PUT ${url} → 503`, { attempt: 1, status: 503, ms }],
    [
      'warn',
      `retrying PUT ${url} in 0 ms`,
      {
        attempt: 2,
        error: expect.objectContaining({ name: 'ServerError', code: 'call-unavailable' }),
      },
    ],
    ['debug', `PUT ${url}`, { attempt: 2, body: { state: 'active' } }],
    ['debug', `PUT ${url} → 404`, { attempt: 2, status: 404, ms }],
    ['debug', 'NotFoundError: no call', { error: error.toJSON() }],
  ]);
  expect(lines[2]?.[2]?.error).toEqual(
    expect.objectContaining({ status: 503, message: 'busy', method: 'PUT', url }),
  );
  for (const [, , meta] of lines) {
    if (meta && 'ms' in meta) expect(meta.ms).toSatisfy((n: number) => n >= 0 && n < 10_000);
  }
  // A request without a body logs no body key at all.
  lines.length = 0;
  reply = (_seen, res) => send(res, 200, []);
  await t.json({ method: 'GET', path: '/x' });
  expect(lines[0]).toStrictEqual(['debug', `GET ${url}`, { attempt: 1 }]);
});

test('whatever a hook throws reaches the caller unchanged: not retried, not logged, not passed to beforeError', async () => {
  const thrown = [new TypeError('hook bug'), 'a string', { reason: 'an object' }, undefined];
  for (const value of thrown) {
    server.requests.length = 0;
    reply = (_seen, res) => send(res, 503);
    const lines: string[] = [];
    const log = (message: string) => void lines.push(message);
    let beforeError = 0;
    const t = transport({
      logger: { debug: log, info: log, warn: log, error: log },
      hooks: {
        afterResponse: [
          () => {
            throw value;
          },
        ],
        beforeError: [() => void beforeError++],
      },
    });
    const outcome = await t.noContent({ method: 'GET', path: '/x' }).then(
      () => 'resolved',
      (e: unknown) => ({ rejected: e }),
    );
    expect(outcome).toEqual({ rejected: value });
    if (typeof value === 'object') expect((outcome as { rejected: unknown }).rejected).toBe(value);
    expect(server.requests).toHaveLength(1);
    expect(beforeError).toBe(0);
    expect(lines).toEqual([`GET ${server.url}/v1/x`]);
  }
});

test('a request that cannot be built (a GET with a body) throws its TypeError unchanged, sending nothing', async () => {
  const error = await transport()
    .noContent({ method: 'GET', path: '/x', body: 'text' })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TypeError);
  expect((error as TypeError).message).toMatch(/body/i);
  expect(server.requests).toHaveLength(0);
});
