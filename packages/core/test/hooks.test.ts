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
