// Transport failures as every runtime reports them, and the errors a user acts on: which class to
// catch, and what the message says. Real HTTP on 127.0.0.1 throughout.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  AbortError,
  ApiError,
  AuthenticationError,
  ConfigurationError,
  ConnectionError,
  ForbiddenError,
  NotFoundError,
  RateLimitError,
  requireId,
  requireKeys,
  requireString,
  TimeoutError,
  Transport,
  type TransportConfig,
  ValidationError,
} from '../src/internal';
import { refusedPort, send, startServer, type TestServer } from './server';

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

const fast = { baseDelay: 1, maxDelay: 50 };
const transport = (options: Partial<TransportConfig> = {}) =>
  new Transport({
    userId: 'u-42',
    apiToken: 'token-42',
    apiSecret: 'secret-42',
    baseUrl: server.url,
    retry: fast,
    ...options,
  });

// What workerd's fetch does when a connection is refused or lost: a plain Error, no code.
const lost = () => new Error('Network connection lost.');

/** A `fetch` that rejects its first `failures` calls with `reason()`, then sends for real. */
function flakyFetch(failures: number, reason: () => unknown = lost) {
  const calls = { count: 0 };
  const fetch: typeof globalThis.fetch = (input, init) =>
    calls.count++ < failures ? Promise.reject(reason()) : globalThis.fetch(input, init);
  return { fetch, calls };
}

/** A `fetch` that turns every rejection of the real one into workerd's plain Error. */
const workerdLikeFetch: typeof globalThis.fetch = async (input, init) => {
  try {
    return await globalThis.fetch(input, init);
  } catch {
    throw lost();
  }
};

describe('every rejection of the underlying fetch is a ConnectionError', () => {
  test('a plain Error from a custom fetch: an idempotent GET is retried and succeeds', async () => {
    const { fetch, calls } = flakyFetch(1);
    const answer = await transport({ fetch }).json({ method: 'GET', path: '/x' });
    expect(answer).toEqual({ ok: true });
    expect(calls.count).toBe(2);
    expect(server.requests).toHaveLength(1);
  });

  test('when every attempt fails the ConnectionError carries the message, without a code', async () => {
    const { fetch, calls } = flakyFetch(10);
    const error = await transport({ fetch })
      .json({ method: 'GET', path: '/x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      name: 'ConnectionError',
      message: 'GET /x failed: Network connection lost.',
      code: undefined,
      method: 'GET',
      url: `${server.url}/v1/x`,
    });
    expect(calls.count).toBe(3);
  });

  test('a POST that may have been sent is not repeated', async () => {
    const { fetch, calls } = flakyFetch(1);
    const error = await transport({ fetch })
      .noContent({ method: 'POST', path: '/m', json: { text: 'hi' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(calls.count).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  test('a fetch that rejects with something that is not an Error is a ConnectionError too', async () => {
    const { fetch } = flakyFetch(10, () => 'socket gone');
    const error = await transport({ fetch, retry: false })
      .noContent({ method: 'GET', path: '/x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      message: 'GET /x failed',
      method: 'GET',
      url: `${server.url}/v1/x`,
    });
  });

  test('the message and code come from the innermost error of the chain that has a code', async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), {
      code: 'ECONNRESET',
      cause: new Error('socket detail without a code'),
    });
    const fetch: typeof globalThis.fetch = () =>
      Promise.reject(new TypeError('fetch failed', { cause: reset }));
    const error = await transport({ fetch, retry: false })
      .noContent({ method: 'GET', path: '/x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ message: 'GET /x failed: read ECONNRESET', code: 'ECONNRESET' });
  });

  test("a fetch that rejects with one of the SDK's own errors passes it through unchanged", async () => {
    const own = new TimeoutError('custom fetch gave up', { timeout: 5, method: 'GET', url: 'u' });
    const fetch: typeof globalThis.fetch = () => Promise.reject(own);
    const error = await transport({ fetch, retry: false })
      .noContent({ method: 'GET', path: '/x' })
      .catch((e: unknown) => e);
    expect(error).toBe(own);
  });

  test('a refusal wrapped in an AggregateError (every address of a host refused): the code of the first is found', async () => {
    // What Node's fetch rejects with when `localhost` resolves to both ::1 and 127.0.0.1.
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    const fetch: typeof globalThis.fetch = () =>
      Promise.reject(
        new TypeError('fetch failed', {
          cause: new AggregateError([refused('::1:4010'), refused('127.0.0.1:4010')]),
        }),
      );
    const error = await transport({ fetch })
      .noContent({ method: 'POST', path: '/m', json: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      message: 'POST /m failed: connect ECONNREFUSED ::1:4010',
      code: 'ECONNREFUSED',
      cause: { message: 'connect ECONNREFUSED ::1:4010', code: 'ECONNREFUSED' },
    });
  });

  test('a real refused connection, reported workerd-style, is retried for GET', async () => {
    const port = await refusedPort();
    let calls = 0;
    const fetch: typeof globalThis.fetch = (input, init) => {
      calls++;
      return workerdLikeFetch(input, init);
    };
    const error = await transport({ fetch, baseUrl: `http://127.0.0.1:${port}` })
      .noContent({ method: 'GET', path: '/x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(calls).toBe(3);
  });

  test('a real dropped connection, reported workerd-style: GET retried, POST not', async () => {
    let drops = 0;
    reply = (_seen, res, req) => {
      if (drops++ === 0) req.socket.destroy();
      else send(res, 200, { ok: true });
    };
    const t = transport({ fetch: workerdLikeFetch });
    expect(await t.json({ method: 'GET', path: '/x' })).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);

    drops = 0;
    server.requests.length = 0;
    const error = await t
      .noContent({ method: 'POST', path: '/m', json: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(1);
  });

  test('a body that breaks off half-way is a ConnectionError, retried for GET', async () => {
    let calls = 0;
    reply = (_seen, res) => {
      if (calls++ === 0) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"partial":');
        setTimeout(() => res.socket?.destroy(), 20);
      } else send(res, 200, { ok: true });
    };
    expect(
      await transport({ fetch: workerdLikeFetch }).json({ method: 'GET', path: '/x' }),
    ).toEqual({ ok: true });
    expect(calls).toBe(2);
  });

  test('an error thrown by a hook stays what it is and is not retried', async () => {
    const bug = new TypeError('hook bug');
    let calls = 0;
    const t = transport({
      hooks: {
        beforeRequest: [
          () => {
            calls++;
            throw bug;
          },
        ],
      },
    });
    await expect(t.noContent({ method: 'GET', path: '/x' })).rejects.toBe(bug);
    expect(calls).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  test('a user abort during a fetch that then rejects is an AbortError', async () => {
    const controller = new AbortController();
    let called: () => void = () => {};
    const fetching = new Promise<void>((resolve) => {
      called = resolve;
    });
    const fetch: typeof globalThis.fetch = () =>
      new Promise((_resolve, reject) => {
        controller.signal.addEventListener('abort', () => reject(lost()));
        called();
      });
    const pending = transport({ fetch }).noContent(
      { method: 'GET', path: '/x' },
      { signal: controller.signal },
    );
    await fetching;
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });
});

describe('ValidationError catches every refused input', () => {
  test("the API's 400 is an ApiError that is also instanceof ValidationError", async () => {
    reply = (_seen, res) =>
      send(res, 400, {
        category: 'bad-request',
        code: 'validation-error',
        message: 'Invalid phone number',
      });
    const error = await transport()
      .noContent({ method: 'POST', path: '/m', json: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: 'ApiError', status: 400, code: 'validation-error' });
    expect(server.requests).toHaveLength(1);
  });

  test("the SDK's own checks: a missing key, and an argument of the wrong type (still a TypeError)", () => {
    const caught = (check: () => unknown) => {
      try {
        check();
      } catch (error) {
        return error;
      }
    };
    expect(caught(() => requireKeys('options', {}, ['from']))).toBeInstanceOf(ValidationError);
    for (const error of [
      caught(() => requireId('callId', '')),
      caught(() => requireString('sentence', 1)),
    ]) {
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).name).toBe('TypeError');
    }
  });

  test('nothing else is a ValidationError', async () => {
    reply = (_seen, res) => send(res, 404, { code: 'call-not-found' });
    const notFound = await transport()
      .noContent({ method: 'GET', path: '/x' })
      .catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(NotFoundError);
    for (const error of [
      notFound,
      new TypeError('x'),
      new ConfigurationError('x'),
      new ConnectionError('x'),
      new Error('x'),
      'validation-error',
      null,
    ]) {
      expect(error instanceof ValidationError).toBe(false);
    }
  });
});

describe('messages say what happened and what to do', () => {
  const failWith = async (
    status: number,
    body: object,
    headers?: Record<string, string>,
    json: object = {},
  ) => {
    reply = (_seen, res) => send(res, status, body, headers);
    return (await transport({ retry: false })
      .noContent({ method: 'POST', path: '/m', json })
      .catch((e: unknown) => e)) as ApiError;
  };

  test('a 429 names the limit and when it resets', async () => {
    const error = await failWith(
      429,
      { category: 'too-many-requests', code: 'rate-limit-reached' },
      { 'x-ratelimit-reset': '1800000000000' },
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toBe(
      'rate-limit-reached (limit rate-limit-reached; resets at 2027-01-15T08:00:00.000Z)',
    );
    expect(error.code).toBe('rate-limit-reached');
  });

  test('a 403 rate limit keeps the server text and adds the code; without a reset time it says so', async () => {
    const error = await failWith(403, {
      category: 'limit',
      code: 'message-rate-limit-per-tn',
      message: 'You can send 1 messages per 1 seconds. Your rate is: 2',
    });
    expect(error.message).toBe(
      'You can send 1 messages per 1 seconds. Your rate is: 2 (limit message-rate-limit-per-tn; no reset time given)',
    );
  });

  test('a 401 names the user whose credentials were refused, never the token or secret', async () => {
    const error = await failWith(401, { category: 'authorization', code: 'user-access-denied' });
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe('user-access-denied (user u-42; check its API token and secret)');
    expect(error.message).not.toMatch(/token-42|secret-42/);
  });

  test('a 401 or 403 about a number names the number sent as from', async () => {
    const denied = await failWith(
      401,
      { category: 'authorization', code: 'number-access-denied', message: 'Access denied' },
      {},
      { from: '+19195550100', to: '+19195550101' },
    );
    expect(denied.message).toBe(
      'Access denied (user u-42, from +19195550100; check its API token and secret)',
    );
    const forbidden = await failWith(
      403,
      { category: 'forbidden', code: 'message-from-toll-free' },
      {},
      { from: '+18005550100' },
    );
    expect(forbidden).toBeInstanceOf(ForbiddenError);
    expect(forbidden.message).toBe('message-from-toll-free (user u-42, from +18005550100)');
  });
});
