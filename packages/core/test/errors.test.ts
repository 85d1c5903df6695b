import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  AbortError,
  ApiError,
  ArgumentTypeError,
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
  resetTimeFrom,
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

describe('the pieces of an API error', () => {
  const facts = (status: number, body = '', headers: Record<string, string> = {}) =>
    apiErrorFrom({
      status,
      statusText: '',
      body,
      headers: new Headers(headers),
      method: 'POST',
      url: 'http://h/v1/users/u-1/messages',
      userId: 'u-1',
    });

  test.each([
    [400, ApiError],
    [401, AuthenticationError],
    [403, ForbiddenError],
    [404, NotFoundError],
    [409, ConflictError],
    [418, ApiError],
    [499, ApiError],
    [500, ServerError],
    [503, ServerError],
  ])('status %i is a %o', (status, type) => {
    const error = facts(status);
    expect(error.constructor).toBe(type);
    expect(error.message).toBe(
      status === 401
        ? `HTTP 401 (user u-1; check its API token and secret)`
        : status === 403
          ? 'HTTP 403 (user u-1)'
          : `HTTP ${status}`,
    );
  });

  test.each([
    'message-rate-limit',
    'message-rate-limit-overall',
    'message-rate-limit-per-tn',
    'call-rate-limit',
  ])('403 %s is a RateLimitError naming its limit', (code) => {
    const error = facts(403, JSON.stringify({ category: 'limit', code, message: 'Slow down' }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toBe(`Slow down (limit ${code}; no reset time given)`);
  });

  test('the reset time is read from the details entry that names it, and only a positive one', () => {
    const details = (value: string) =>
      JSON.stringify({
        code: 'rate-limit-reached',
        details: [
          { name: 'limit', value: '5' },
          { name: 'rateLimitResetTime', value },
        ],
      });
    expect((facts(429, details('1479308598681')) as RateLimitError).resetAt?.getTime()).toBe(
      1479308598681,
    );
    for (const value of ['0', '-5', 'soon']) {
      const error = facts(429, details(value)) as RateLimitError;
      expect(error.resetAt).toBeUndefined();
      expect(error.message).toContain('no reset time given');
    }
    // A header beats the body.
    const both = facts(429, details('1479308598681'), { 'retry-after': '60' }) as RateLimitError;
    expect(both.resetAt?.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  test('a null among the details does not hide the reset time', () => {
    const body = JSON.stringify({
      code: 'rate-limit-reached',
      details: [null, { name: 'rateLimitResetTime', value: '1479308598681' }],
    });
    const error = facts(429, body);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).resetAt?.getTime()).toBe(1479308598681);
  });

  test.each([400, 401, 404, 500])('a rate-limit code on a %i is not a RateLimitError', (status) => {
    const error = facts(status, JSON.stringify({ code: 'message-rate-limit', message: 'm' }));
    expect(error).not.toBeInstanceOf(RateLimitError);
    expect(error.message).not.toContain('limit message-rate-limit');
  });

  test('an empty message, code or category in the body counts as none', () => {
    const error = facts(404, JSON.stringify({ category: '', code: '', message: '' }));
    expect(error).toMatchObject({ category: undefined, code: undefined, message: 'HTTP 404' });
    expect(facts(404, 'null').message).toBe('null');
    expect(facts(404, '   ').message).toBe('   ');
  });

  test('an error built by hand has every field, headers empty', () => {
    const error = new ApiError({ status: 418, message: 'teapot', method: 'GET', url: 'http://h/' });
    expect(Object.keys(error).sort()).toEqual(
      ['category', 'code', 'details', 'headers', 'method', 'status', 'url'].sort(),
    );
    expect(error.headers).toEqual({});
    expect(error.toJSON()).toEqual({
      name: 'ApiError',
      message: 'teapot',
      status: 418,
      category: undefined,
      code: undefined,
      details: undefined,
      headers: {},
      method: 'GET',
      url: 'http://h/',
    });
  });
});

describe('the server wait hint', () => {
  const now = Date.UTC(2026, 0, 1);
  const at = (headers: Record<string, string>) =>
    resetTimeFrom(new Headers(headers), now)?.getTime();

  test.each([
    [{ 'retry-after': '7' }, now + 7000],
    [{ 'retry-after': ' 7 ' }, now + 7000],
    [{ 'retry-after': '1.5' }, now + 1500],
    [{ 'retry-after': '0' }, now],
    [{ 'retry-after': 'Thu, 01 Jan 2026 00:01:00 GMT' }, now + 60_000],
    [{ 'x-ratelimit-reset': '1767225600500' }, 1767225600500],
    [{ 'x-ratelimit-reset': '99999999999' }, 99999999999000],
    [{ 'x-ratelimit-reset': '100000000000' }, 100000000000],
    // A Retry-After that is neither seconds nor a date leaves the reset header to decide.
    [{ 'retry-after': '7s', 'x-ratelimit-reset': '1767225600' }, 1767225600000],
    [{ 'retry-after': '-1', 'x-ratelimit-reset': '1767225600' }, 1767225600000],
    // Text that `Number` or `Date.parse` would still read is no hint either.
    [{ 'retry-after': '5e3', 'x-ratelimit-reset': '1767225600' }, 1767225600000],
    [
      { 'retry-after': '1 Jan 2030 00:00:00 GMT', 'x-ratelimit-reset': '1767225600' },
      1767225600000,
    ],
    [
      { 'retry-after': 'Mo, 01 Jan 2030 00:00:00 GMT', 'x-ratelimit-reset': '1767225600' },
      1767225600000,
    ],
  ])('%o → %i', (headers, expected) => {
    expect(at(headers)).toBe(expected);
  });

  test.each<Record<string, string>>([{}, { 'x-ratelimit-reset': '0' }, { 'retry-after': 'later' }])(
    '%o → none',
    (headers) => {
      expect(at(headers)).toBeUndefined();
    },
  );
});

describe('error classes', () => {
  test('a ConnectionError holds a cause only when given one', () => {
    expect('cause' in new ConnectionError('x')).toBe(false);
    const cause = new Error('refused');
    const error = new ConnectionError('x', {
      cause,
      code: 'ECONNREFUSED',
      method: 'GET',
      url: 'u',
    });
    expect(error.cause).toBe(cause);
    expect(error.toJSON()).toMatchObject({
      name: 'ConnectionError',
      message: 'x',
      code: 'ECONNREFUSED',
      method: 'GET',
      url: 'u',
    });
  });

  test('an AbortError built without a message says the operation was aborted', () => {
    const error = new AbortError();
    expect(error.message).toBe('The operation was aborted');
    expect(error).toMatchObject({ name: 'AbortError', method: undefined, url: undefined });
  });

  test('a subclass of ValidationError is matched by instanceof the ordinary way', () => {
    class PhoneNumberError extends ValidationError {}
    const api400 = new ApiError({ status: 400, message: 'bad', method: 'GET', url: 'u' });
    const argument = new ArgumentTypeError('x');
    expect(api400).toBeInstanceOf(ValidationError);
    expect(argument).toBeInstanceOf(ValidationError);
    expect(api400).not.toBeInstanceOf(PhoneNumberError);
    expect(argument).not.toBeInstanceOf(PhoneNumberError);
    expect(new PhoneNumberError('x')).toBeInstanceOf(ValidationError);
    expect(new ValidationError('x')).not.toBeInstanceOf(PhoneNumberError);
  });
});
