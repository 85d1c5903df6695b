import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  ApiError,
  ConnectionError,
  type HttpMethod,
  RateLimitError,
  type RetryEvent,
  ServerError,
  TimeoutError,
  Transport,
} from '../src/internal';
import { retryDelay } from '../src/retry';
import { fetchImplementations, refusedPort, send, startServer, type TestServer } from './server';

let server: TestServer;
let reply: Parameters<typeof startServer>[0];
beforeAll(async () => {
  server = await startServer((seen, res, req) => reply(seen, res, req));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const fast = { baseDelay: 1, maxDelay: 50 };
const methods: HttpMethod[] = ['GET', 'PUT', 'DELETE', 'HEAD', 'POST', 'PATCH'];
const idempotent = new Set<HttpMethod>(['GET', 'PUT', 'DELETE', 'HEAD']);

const notHead = (method: HttpMethod) => method !== 'HEAD';
type Case = [label: string, status: number, body: unknown, retriedFor: (m: HttpMethod) => boolean];
const cases: Case[] = [
  ['429', 429, { category: 'too-many-requests', code: 'rate-limit-reached' }, () => true],
  // A HEAD answer has no body, so its 403 carries no code to recognise a rate limit by.
  ['403 message-rate-limit', 403, { category: 'limit', code: 'message-rate-limit' }, notHead],
  ['403 message-rate-limit-overall', 403, { code: 'message-rate-limit-overall' }, notHead],
  ['403 message-rate-limit-per-tn', 403, { code: 'message-rate-limit-per-tn' }, notHead],
  ['403 call-rate-limit', 403, { category: 'limit', code: 'call-rate-limit' }, notHead],
  ['403 multi-message-limit', 403, { category: 'limit', code: 'multi-message-limit' }, () => false],
  ['403 forbidden', 403, { category: 'forbidden', code: 'call-invalid-state' }, () => false],
  ['408', 408, undefined, (m) => idempotent.has(m)],
  ['500', 500, { category: 'backend' }, (m) => idempotent.has(m)],
  ['502', 502, 'Bad Gateway', (m) => idempotent.has(m)],
  ['503', 503, { category: 'unavailable', code: 'call-unavailable' }, (m) => idempotent.has(m)],
  ['504', 504, undefined, (m) => idempotent.has(m)],
  ['501', 501, undefined, () => false],
  ['400', 400, { code: 'validation-error' }, () => false],
  ['404', 404, { code: 'call-not-found' }, () => false],
  ['409', 409, { code: 'duplicate-bridge' }, () => false],
];

describe.each(fetchImplementations)('over %s', (_name, fetch) => {
  const transport = (options: Partial<ConstructorParameters<typeof Transport>[0]> = {}) =>
    new Transport({
      userId: 'u-1',
      apiToken: 'tok-1',
      apiSecret: 'sec-1',
      baseUrl: server.url,
      retry: fast,
      fetch,
      ...options,
    });

  describe('the retry matrix: requests the server saw (limit 2)', () => {
    for (const [label, status, body, retriedFor] of cases) {
      test.each(methods)(`${label} × %s`, async (method) => {
        reply = (_seen, res) => send(res, status, body);
        const t = transport();
        const error = await t.noContent({ method, path: '/x' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).status).toBe(status);
        expect(server.requests).toHaveLength(retriedFor(method) ? 3 : 1);
      });
    }
  });

  test('a retried request that then succeeds resolves with the answer', async () => {
    let count = 0;
    reply = (_seen, res) => (++count < 3 ? send(res, 503) : send(res, 200, [{ ok: true }]));
    expect(await transport().json({ method: 'GET', path: '/x' })).toEqual([{ ok: true }]);
    expect(server.requests).toHaveLength(3);
  });

  test('a POST rejected with 429 is retried and its body is sent again', async () => {
    let count = 0;
    reply = (_seen, res) =>
      ++count < 2 ? send(res, 429) : send(res, 201, undefined, { location: '/m/m-1' });
    expect(await transport().locationId({ method: 'POST', path: '/m', json: { text: 'hi' } })).toBe(
      'm-1',
    );
    expect(server.requests.map((r) => r.body)).toEqual(['{"text":"hi"}', '{"text":"hi"}']);
  });

  test('a POST whose connection is refused is retried (nothing was sent)', async () => {
    const port = await refusedPort();
    const retries: RetryEvent[] = [];
    const t = transport({
      baseUrl: `http://127.0.0.1:${port}`,
      hooks: { beforeRetry: [(event) => void retries.push(event)] },
    });
    const error = await t
      .noContent({ method: 'POST', path: '/x', json: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).code).toBe('ECONNREFUSED');
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
  });

  test.each([
    ['POST', 1],
    ['PATCH', 1],
    ['GET', 3],
    ['PUT', 3],
  ] as const)(
    'a %s dropped after the server read it is retried only if idempotent',
    async (method, seen) => {
      reply = (_seen, _res, req) => req.socket.destroy();
      const error = await transport()
        .noContent({ method, path: '/x', json: method === 'GET' ? undefined : { a: 1 } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as ConnectionError).code).not.toBe('ECONNREFUSED');
      expect(server.requests).toHaveLength(seen);
    },
  );

  test.each([
    ['GET', 3],
    ['POST', 1],
  ] as const)('a %s that times out is retried only if idempotent', async (method, seen) => {
    reply = () => undefined;
    const error = await transport({ timeout: 30 })
      .noContent({ method, path: '/x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(seen);
  });

  describe('server wait hints', () => {
    // The hook throws to stop before the wait, so a long hint costs no test time.
    const firstDelay = async (headers: Record<string, string>, maxDelay = 60_000) => {
      reply = (_seen, res) => send(res, 429, undefined, headers);
      let delay: number | undefined;
      const stop = new Error('stop');
      const t = transport({
        retry: { maxDelay },
        hooks: {
          beforeRetry: [
            (event) => {
              delay = event.delay;
              throw stop;
            },
          ],
        },
      });
      await expect(t.noContent({ method: 'GET', path: '/x' })).rejects.toBe(stop);
      return delay;
    };

    test('Retry-After in seconds', async () => {
      const delay = await firstDelay({ 'retry-after': '7' });
      expect(delay).toBeGreaterThan(5000);
      expect(delay).toBeLessThanOrEqual(7000);
    });

    test('Retry-After as an HTTP date', async () => {
      const at = new Date(Date.now() + 10_000);
      const delay = await firstDelay({ 'retry-after': at.toUTCString() });
      expect(delay).toBeGreaterThan(5000);
      expect(delay).toBeLessThanOrEqual(10_000);
    });

    test('X-RateLimit-Reset in epoch ms', async () => {
      const delay = await firstDelay({ 'x-ratelimit-reset': String(Date.now() + 5000) });
      expect(delay).toBeGreaterThan(2500);
      expect(delay).toBeLessThanOrEqual(5000);
    });

    test('X-RateLimit-Reset in epoch seconds', async () => {
      const reset = Math.floor(Date.now() / 1000) + 6;
      const delay = await firstDelay({ 'x-ratelimit-reset': String(reset) });
      // Read as milliseconds it would lie in 1970: no wait at all.
      expect(delay).toBeGreaterThan(1000);
      expect(delay).toBeLessThanOrEqual(6000);
    });

    test('a wait hint of exactly maxDelay is still waited for', async () => {
      // A 503's hint is read once, at the retry decision: the wait is exactly 1000 ms.
      reply = (_seen, res) => send(res, 503, undefined, { 'retry-after': '1' });
      const stop = new Error('stop');
      const delays: number[] = [];
      const t = transport({
        retry: { maxDelay: 1000 },
        hooks: {
          beforeRetry: [
            (event) => {
              delays.push(event.delay);
              throw stop;
            },
          ],
        },
      });
      await expect(t.noContent({ method: 'GET', path: '/x' })).rejects.toBe(stop);
      expect(delays).toEqual([1000]);
    });

    test('a reset time in the past retries at once', async () => {
      expect(await firstDelay({ 'x-ratelimit-reset': String(Date.now() - 5000) })).toBe(0);
    });

    test('the client really waits for X-RateLimit-Reset, then succeeds', async () => {
      let count = 0;
      reply = (_seen, res) =>
        ++count < 2
          ? send(res, 429, undefined, { 'x-ratelimit-reset': String(Date.now() + 120) })
          : send(res, 200, []);
      const started = Date.now();
      await transport({ retry: { maxDelay: 1000 } }).noContent({ method: 'GET', path: '/x' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(100);
      expect(server.requests).toHaveLength(2);
    });

    test('a wait longer than maxDelay fails at once with RateLimitError.resetAt', async () => {
      reply = (_seen, res) =>
        send(res, 429, { code: 'rate-limit-reached' }, { 'retry-after': '120' });
      const started = Date.now();
      const error = await transport({ retry: { maxDelay: 50 } })
        .noContent({ method: 'GET', path: '/x' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      const resetAt = (error as RateLimitError).resetAt?.getTime() ?? 0;
      expect(resetAt - started).toBeGreaterThan(119_000);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(server.requests).toHaveLength(1);
    });

    test('a 403 rate limit honours X-RateLimit-Reset too and exposes it', async () => {
      const reset = Date.now() + 90_000;
      reply = (_seen, res) =>
        send(
          res,
          403,
          { category: 'limit', code: 'call-rate-limit' },
          { 'x-ratelimit-reset': String(reset) },
        );
      const error = await transport()
        .noContent({ method: 'POST', path: '/calls', json: {} })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).resetAt?.getTime()).toBe(reset);
      expect(server.requests).toHaveLength(1);
    });

    test('a 503 with a Retry-After beyond the cap is not retried', async () => {
      reply = (_seen, res) => send(res, 503, undefined, { 'retry-after': '3600' });
      await expect(transport().noContent({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(
        ServerError,
      );
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('configuration', () => {
    test('retry: false on the client sends once', async () => {
      reply = (_seen, res) => send(res, 503);
      await expect(
        transport({ retry: false }).noContent({ method: 'GET', path: '/x' }),
      ).rejects.toThrow();
      expect(server.requests).toHaveLength(1);
    });

    test('retry: false per call sends once', async () => {
      reply = (_seen, res) => send(res, 503);
      await expect(
        transport().noContent({ method: 'GET', path: '/x' }, { retry: false }),
      ).rejects.toThrow();
      expect(server.requests).toHaveLength(1);
    });

    test('a per-call retry policy turns retries back on over a client retry: false', async () => {
      reply = (_seen, res) => send(res, 503);
      await expect(
        transport({ retry: false }).noContent(
          { method: 'GET', path: '/x' },
          { retry: { limit: 1, baseDelay: 1 } },
        ),
      ).rejects.toBeInstanceOf(ServerError);
      expect(server.requests).toHaveLength(2);
    });

    test('per-call limit overrides the client limit', async () => {
      reply = (_seen, res) => send(res, 503);
      await expect(
        transport({ retry: { ...fast, limit: 1 } }).noContent(
          { method: 'GET', path: '/x' },
          { retry: { limit: 4 } },
        ),
      ).rejects.toThrow();
      expect(server.requests).toHaveLength(5);
    });

    test('a streamed request body is never re-sent', async () => {
      reply = (_seen, res) => send(res, 503);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('bytes'));
          controller.close();
        },
      });
      await expect(
        transport().noContent({ method: 'PUT', path: '/media/a', body }),
      ).rejects.toThrow();
      expect(server.requests).toHaveLength(1);
    });

    test('each retry is logged at warn level and seen by beforeRetry', async () => {
      reply = (_seen, res) => send(res, 503, { code: 'call-unavailable' });
      const lines: [string, Record<string, unknown> | undefined][] = [];
      const events: RetryEvent[] = [];
      const noop = () => undefined;
      const t = transport({
        logger: {
          debug: noop,
          info: noop,
          error: noop,
          warn: (m, meta) => void lines.push([m, meta]),
        },
        hooks: { beforeRetry: [(event) => void events.push(event)] },
      });
      await expect(t.noContent({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(ServerError);
      expect(lines).toHaveLength(2);
      expect(lines[0]?.[0]).toMatch(new RegExp(`^retrying GET ${server.url}/v1/x in \\d+ ms$`));
      expect(events.map((e) => [e.method, e.url, e.attempt, (e.error as ApiError).code])).toEqual([
        ['GET', `${server.url}/v1/x`, 1, 'call-unavailable'],
        ['GET', `${server.url}/v1/x`, 2, 'call-unavailable'],
      ]);
      for (const event of events) expect(event.delay).toBeLessThanOrEqual(50);
    });
  });
});

describe('backoff', () => {
  const policy = { limit: 10, baseDelay: 100, maxDelay: 250 };
  const error = new ServerError({ status: 503, message: 'x', method: 'GET', url: 'u' });

  test.each([
    [1, 100],
    [2, 200],
    [3, 250],
    [6, 250],
  ])('retry %i waits a random time in [0, %i] (full jitter, capped)', (retry, bound) => {
    const delays = Array.from({ length: 400 }, () => retryDelay(policy, 'GET', error, retry) ?? -1);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(bound);
    // Spread over the whole range, not a fixed step.
    expect(Math.max(...delays)).toBeGreaterThan(bound * 0.75);
    expect(Math.min(...delays)).toBeLessThan(bound * 0.25);
  });

  test('no delay beyond the limit', () => {
    expect(retryDelay(policy, 'GET', error, 11)).toBeUndefined();
  });
});
