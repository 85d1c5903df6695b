import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  AbortError,
  ApiError,
  AuthenticationError,
  apiErrorFrom,
  BandwidthError,
  CallbackError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  REDACTED,
  ServerError,
  TimeoutError,
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
});

const transport = () =>
  new Transport({
    userId: 'u-1',
    apiToken: 'tok-1',
    apiSecret: 'sec-1',
    baseUrl: server.url,
    retry: false,
  });

async function failure(status: number, body?: unknown, headers?: Record<string, string>) {
  reply = (_seen, res) => send(res, status, body, headers);
  const t = transport();
  return (await t
    .noContent({ method: 'POST', path: t.userPath('calls'), json: {} })
    .catch((e: unknown) => e)) as ApiError;
}

describe('error mapping from the API', () => {
  test('a JSON error body fills every field', async () => {
    const details = [
      { name: 'requestMethod', value: 'POST' },
      { name: 'requestPath', value: 'users/u-1/calls' },
    ];
    const error = await failure(
      409,
      { category: 'conflict', code: 'call-duplicated-error', message: 'Duplicate call', details },
      { 'x-request-id': 'r-1' },
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(BandwidthError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConflictError');
    expect(error.status).toBe(409);
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('call-duplicated-error');
    expect(error.message).toBe('Duplicate call');
    expect(error.details).toEqual(details);
    expect(error.headers['x-request-id']).toBe('r-1');
    expect(error.method).toBe('POST');
    expect(error.url).toBe(`${server.url}/v1/users/u-1/calls`);
    expect(String(error)).toBe('ConflictError: Duplicate call');
  });

  test.each([
    [400, ApiError, 'ApiError'],
    [401, AuthenticationError, 'AuthenticationError'],
    [403, ForbiddenError, 'ForbiddenError'],
    [404, NotFoundError, 'NotFoundError'],
    [409, ConflictError, 'ConflictError'],
    [429, RateLimitError, 'RateLimitError'],
    [500, ServerError, 'ServerError'],
    [503, ServerError, 'ServerError'],
    [418, ApiError, 'ApiError'],
  ] as const)('status %i → %o', async (status, type, name) => {
    const error = await failure(status, { code: 'c' });
    expect(error).toBeInstanceOf(type);
    expect(error.name).toBe(name);
  });

  test('403 with a rate-limit code is a RateLimitError, other 403s are ForbiddenError', async () => {
    expect(await failure(403, { category: 'limit', code: 'message-rate-limit' })).toBeInstanceOf(
      RateLimitError,
    );
    expect(await failure(403, { category: 'limit', code: 'multi-message-limit' })).toBeInstanceOf(
      ForbiddenError,
    );
  });

  test('429 resetAt comes from X-RateLimit-Reset, else from the body details', async () => {
    const fromHeader = (await failure(
      429,
      {},
      { 'x-ratelimit-reset': '1479308598680' },
    )) as RateLimitError;
    expect(fromHeader.resetAt?.getTime()).toBe(1479308598680);
    const fromBody = (await failure(429, {
      category: 'too-many-requests',
      code: 'rate-limit-reached',
      details: [{ name: 'rateLimitResetTime', value: '1479308598681' }],
    })) as RateLimitError;
    expect(fromBody.resetAt?.getTime()).toBe(1479308598681);
    expect(fromBody.message).toBe(
      'rate-limit-reached (limit rate-limit-reached; resets at 2016-11-16T15:03:18.681Z)',
    );
    expect(((await failure(429)) as RateLimitError).resetAt).toBeUndefined();
  });

  test('credential-bearing response headers are redacted on the error, the others kept', async () => {
    const error = await failure(
      404,
      { code: 'x' },
      {
        'set-cookie': 'session=s-1',
        cookie: 'c=1',
        authorization: 'Basic eA==',
        'Proxy-Authorization': 'Basic eQ==',
        'x-request-id': 'r-2',
        'www-authenticate': 'Basic realm="api"',
        'authentication-info': 'nextnonce="n"',
        'x-cookie-policy': 'none',
        'proxy-authorization-hint': 'kept',
      },
    );
    expect(error.headers).toMatchObject({
      'set-cookie': REDACTED,
      cookie: REDACTED,
      authorization: REDACTED,
      'proxy-authorization': REDACTED,
      'x-request-id': 'r-2',
      'www-authenticate': 'Basic realm="api"',
      'authentication-info': 'nextnonce="n"',
      'x-cookie-policy': 'none',
      'proxy-authorization-hint': 'kept',
    });
  });

  test('X-RateLimit-Reset in epoch seconds, and a Retry-After over it', async () => {
    const inSeconds = (await failure(
      429,
      {},
      { 'x-ratelimit-reset': '1479308598' },
    )) as RateLimitError;
    expect(inSeconds.resetAt?.toISOString()).toBe('2016-11-16T15:03:18.000Z');
    const date = 'Wed, 16 Nov 2016 15:04:00 GMT';
    const both = (await failure(
      429,
      {},
      { 'x-ratelimit-reset': '1479308598', 'retry-after': date },
    )) as RateLimitError;
    expect(both.resetAt?.toISOString()).toBe('2016-11-16T15:04:00.000Z');
    const junk = (await failure(429, {}, { 'x-ratelimit-reset': 'soon' })) as RateLimitError;
    expect(junk.resetAt).toBeUndefined();
  });

  test('a JSON error body after leading whitespace is still read', async () => {
    const error = await failure(404, '\r\n  {"code":"call-not-found","message":"No call"}', {
      'content-type': 'application/json',
    });
    expect(error).toMatchObject({ code: 'call-not-found', message: 'No call' });
  });

  test('a non-JSON body is kept in full as the message', async () => {
    const html = `<html><body>${'Service Unavailable '.repeat(40)}</body></html>`;
    const error = await failure(502, html);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toBe(html);
    expect(error.code).toBeUndefined();
  });

  test('missing message falls back to code, then status text', async () => {
    expect((await failure(404, { category: 'not-found', code: 'call-not-found' })).message).toBe(
      'call-not-found',
    );
    expect((await failure(404)).message).toBe('Not Found');
    expect((await failure(500, {})).message).toBe('Internal Server Error');
    expect((await failure(404, { message: '' })).message).toBe('Not Found');
  });

  test('a JSON array or malformed JSON body becomes the message', async () => {
    expect((await failure(400, '{"code": "x"')).message).toBe('{"code": "x"');
    expect((await failure(400, '[1,2]')).message).toBe('[1,2]');
  });

  test('building never throws, whatever the body', () => {
    const bodies = [
      '',
      '{',
      '{"message": 5, "code": {}, "details": "x"}',
      'null',
      '{"__proto__": {"x": 1}}',
      '\u0000',
    ];
    for (const body of bodies) {
      const error = apiErrorFrom({
        status: 400,
        statusText: '',
        body,
        headers: new Headers(),
        method: 'GET',
        url: 'http://h/x',
      });
      expect(error).toBeInstanceOf(ApiError);
      expect(typeof error.message).toBe('string');
      expect(error.message.length).toBeGreaterThan(0);
    }
  });

  test('toJSON gives the fields without a stack', async () => {
    const error = await failure(404, {
      category: 'not-found',
      code: 'call-not-found',
      message: 'No call',
    });
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toMatchObject({
      name: 'NotFoundError',
      message: 'No call',
      status: 404,
      category: 'not-found',
      code: 'call-not-found',
      method: 'POST',
    });
    expect(json.stack).toBeUndefined();
  });
});

describe('other errors', () => {
  test.each([
    [new ConnectionError('x'), 'ConnectionError'],
    [new TimeoutError('x'), 'TimeoutError'],
    [new AbortError(), 'AbortError'],
    [new ConfigurationError('x'), 'ConfigurationError'],
    [new ValidationError('x'), 'ValidationError'],
    [new InvalidResponseError('x', { a: 1 }), 'InvalidResponseError'],
    [new CallbackError('x', 413), 'CallbackError'],
  ])('%o has name %s and is a BandwidthError', (error, name) => {
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(BandwidthError);
    expect(String(error.stack)).toMatch(new RegExp(`^${name}`));
  });

  test('InvalidResponseError keeps the body; CallbackError keeps the status', () => {
    expect(new InvalidResponseError('x', [{ number: '+1' }]).body).toEqual([{ number: '+1' }]);
    expect(new CallbackError('too big', 413).status).toBe(413);
    expect(new CallbackError('bad').status).toBe(400);
  });
});
