import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AbortError, ConfigurationError, TimeoutError, Transport } from '../src/internal';
import { fetchImplementations, send, startServer, type TestServer } from './server';

let server: TestServer;
let reply: Parameters<typeof startServer>[0];
// Resolves when the server has received the next request.
let received: Promise<void>;
let onReceived: () => void;
beforeAll(async () => {
  server = await startServer((seen, res, req) => {
    onReceived();
    reply(seen, res, req);
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  received = new Promise((resolve) => {
    onReceived = resolve;
  });
});

const hang = () => undefined;

describe.each(fetchImplementations)('over %s', (_name, fetch) => {
  const transport = (options: Partial<ConstructorParameters<typeof Transport>[0]> = {}) =>
    new Transport({
      userId: 'u-1',
      apiToken: 'tok-1',
      apiSecret: 'sec-1',
      baseUrl: server.url,
      retry: { baseDelay: 1, maxDelay: 50 },
      fetch,
      ...options,
    });

  describe('timeouts', () => {
    test('the client timeout applies per attempt and gives TimeoutError', async () => {
      reply = hang;
      const started = Date.now();
      const error = await transport({ timeout: 40, retry: false })
        .json({ method: 'GET', path: '/x' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).message).toBe('GET /x timed out after 40 ms');
      expect((error as TimeoutError).timeout).toBe(40);
      expect(Date.now() - started).toBeGreaterThanOrEqual(35);
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    test('a per-call timeout overrides the client timeout', async () => {
      reply = hang;
      const error = await transport({ timeout: 60_000, retry: false })
        .noContent({ method: 'GET', path: '/x' }, { timeout: 30 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).timeout).toBe(30);
    });

    test('a body that stalls after the headers times out too', async () => {
      reply = (_seen, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[{"id":');
      };
      const error = await transport({ timeout: 60, retry: false })
        .json({ method: 'GET', path: '/x' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
    });

    test('a slow answer within the timeout succeeds', async () => {
      reply = (_seen, res) => setTimeout(() => send(res, 200, { ok: 1 }), 30);
      expect(await transport({ timeout: 2000 }).json({ method: 'GET', path: '/x' })).toEqual({
        ok: 1,
      });
    });

    test('a timeout above 2^31-1 ms means none, for the answer and for its body', async () => {
      // Headers at once, the body 40 ms later: a timer set past setTimeout's ceiling would fire
      // after 1 ms instead.
      reply = (_seen, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
        setTimeout(() => res.end('1]'), 40);
      };
      const slowHeaders: typeof reply = (_seen, res) => setTimeout(() => send(res, 200, [2]), 40);
      expect(
        await transport({ timeout: 2 ** 31, retry: false }).json({ method: 'GET', path: '/x' }),
      ).toEqual([1]);
      expect(
        await transport({ timeout: 2 ** 40, retry: false }).json({ method: 'GET', path: '/x' }),
      ).toEqual([1]);
      expect(
        await transport({ retry: false }).json(
          { method: 'GET', path: '/x' },
          { timeout: Number.POSITIVE_INFINITY },
        ),
      ).toEqual([1]);
      reply = slowHeaders;
      expect(
        await transport({ timeout: 2 ** 31, retry: false }).json({ method: 'GET', path: '/x' }),
      ).toEqual([2]);
      expect(
        await transport({ timeout: 50_000, retry: false }).json(
          { method: 'GET', path: '/x' },
          { timeout: 2 ** 40 },
        ),
      ).toEqual([2]);
    });

    test('a per-call timeout shorter than the client one still bounds the body', async () => {
      reply = (_seen, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
      };
      const error = await transport({ timeout: 60_000, retry: false })
        .json({ method: 'GET', path: '/x' }, { timeout: 40 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({
        message: 'GET /x timed out after 40 ms',
        timeout: 40,
        method: 'GET',
        url: `${server.url}/v1/x`,
      });
    });

    test('a non-positive timeout is a ConfigurationError', async () => {
      expect(() => transport({ timeout: 0 })).toThrow(ConfigurationError);
      expect(() => transport({ timeout: Number.NaN })).toThrow(
        'timeout must be a positive number of milliseconds',
      );
      await expect(
        transport().noContent({ method: 'GET', path: '/x' }, { timeout: -1 }),
      ).rejects.toThrow(ConfigurationError);
    });
  });

  describe('aborts', () => {
    test('an already aborted signal sends nothing', async () => {
      reply = (_seen, res) => send(res, 200, []);
      const controller = new AbortController();
      controller.abort();
      const error = await transport()
        .noContent({ method: 'GET', path: '/x' }, { signal: controller.signal })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect(server.requests).toHaveLength(0);
    });

    test('aborting while waiting for the answer rejects at once and is not retried', async () => {
      reply = hang;
      const controller = new AbortController();
      const pending = transport().noContent(
        { method: 'GET', path: '/x' },
        { signal: controller.signal },
      );
      await received;
      const started = Date.now();
      controller.abort();
      const error = await pending.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).message).toBe('GET /x was aborted');
      expect(Date.now() - started).toBeLessThan(5000);
      expect(server.requests).toHaveLength(1);
    });

    test('aborting a POST while waiting for the answer gives AbortError naming the request', async () => {
      // A POST is never retried after a failure, so no retry wait can turn the abort into one.
      reply = hang;
      const controller = new AbortController();
      const pending = transport().noContent(
        { method: 'POST', path: '/calls', json: { to: '+1' } },
        { signal: controller.signal },
      );
      await received;
      controller.abort();
      const error = await pending.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect(error).toMatchObject({
        message: 'POST /calls was aborted',
        method: 'POST',
        url: `${server.url}/v1/calls`,
      });
      expect(server.requests).toHaveLength(1);
    });

    test('aborting while the body streams in rejects with AbortError', async () => {
      reply = (_seen, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
      };
      const controller = new AbortController();
      const pending = transport().json(
        { method: 'GET', path: '/x' },
        { signal: controller.signal },
      );
      await received;
      setTimeout(() => controller.abort(), 20);
      await expect(pending).rejects.toBeInstanceOf(AbortError);
    });

    test('aborting during the retry wait rejects at once', async () => {
      reply = (_seen, res) => send(res, 503, undefined, { 'retry-after': '10' });
      const controller = new AbortController();
      const pending = transport({ retry: { maxDelay: 60_000 } }).noContent(
        { method: 'GET', path: '/x' },
        {
          signal: controller.signal,
        },
      );
      await received;
      await new Promise((resolve) => setTimeout(resolve, 30));
      const started = Date.now();
      controller.abort();
      const error = await pending.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect(error).toMatchObject({
        message: 'GET /x was aborted',
        method: 'GET',
        url: `${server.url}/v1/x`,
      });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(server.requests).toHaveLength(1);
    });

    test('a beforeRetry hook that aborts the signal ends the call at once, without the wait', async () => {
      reply = (_seen, res) => send(res, 503, undefined, { 'retry-after': '10' });
      const controller = new AbortController();
      const started = Date.now();
      const error = await transport({
        retry: { maxDelay: 60_000 },
        hooks: { beforeRetry: [() => controller.abort()] },
      })
        .noContent({ method: 'GET', path: '/x' }, { signal: controller.signal })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect(error).toMatchObject({ method: 'GET', url: `${server.url}/v1/x` });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(server.requests).toHaveLength(1);
    });

    test('a timeout and an unrelated signal: the timeout still gives TimeoutError', async () => {
      reply = hang;
      const controller = new AbortController();
      await expect(
        transport({ timeout: 30, retry: false }).noContent(
          { method: 'GET', path: '/x' },
          { signal: controller.signal },
        ),
      ).rejects.toBeInstanceOf(TimeoutError);
    });
  });
});
