// No secret in any output: a seeded fuzz that plants the token, the secret and the Basic credentials
// in every field of every error body and every header the transport reads, and greps every output;
// the edges of secret length; passwords in logged URLs; headers that cannot be sent.
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  BaseClient,
  ConfigurationError,
  type Logger,
  REDACTED,
  Transport,
  type TransportConfig,
  ValidationError,
} from '../src/internal';
import { send, startServer, type TestServer } from './server';

const TOKEN = 'tkn-Fz81QwPe';
const SECRET = 'sct-Lp09XaRu';
const BASIC = Buffer.from(`${TOKEN}:${SECRET}`).toString('base64');
const PLANTS = [TOKEN, SECRET, BASIC];

let server: TestServer;
let reply: Parameters<typeof startServer>[0];
beforeAll(async () => {
  server = await startServer((seen, res, req) => reply(seen, res, req));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** Everything the SDK shows: log lines with their meta, hook arguments, the error in every form. */
function recorder() {
  const shown: string[] = [];
  const record = (...args: unknown[]) => {
    shown.push(inspect(args, { depth: 12 }), JSON.stringify(args));
  };
  const logger: Logger = { debug: record, info: record, warn: record, error: record };
  const hooks: TransportConfig['hooks'] = {
    beforeRetry: [(event) => record(event, event.error.stack)],
    beforeError: [(error) => void record(error, error.stack)],
  };
  const showError = (error: unknown) => {
    const cause = (error as Error).cause;
    shown.push(
      inspect(error, { depth: 12 }),
      JSON.stringify(error),
      String(error),
      String((error as Error).stack),
      inspect(cause, { depth: 12 }),
      String((cause as Error | undefined)?.stack),
    );
  };
  return { shown, logger, hooks, showError };
}

function leaks(shown: readonly string[]): string[] {
  return PLANTS.filter((plant) => shown.some((text) => text.includes(plant)));
}

// mulberry32: a small seeded generator, so a failing case reproduces from its seed.
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

const SEED = 20261205;
// PROPERTY_RUNS asks for fewer cases, as mutation runs do.
const CASES = Number(process.env.PROPERTY_RUNS) || 240;

describe(`planted secrets never come out (seed ${SEED}, ${CASES} cases)`, () => {
  test('in any field of any error body or header, through errors, logs, hooks, inspect and JSON', async () => {
    const { next, pick } = random(SEED);
    const words = ['bad', 'x', 'limit', 'call', '', 'is', 'denied'];
    // A text around a plant; JSON bodies sometimes \u-escape one of its characters, which a
    // scrub of the raw text would miss.
    const planted = (json: boolean) => {
      const plant = pick(PLANTS);
      const escaped =
        json && next() < 0.3
          ? `${plant.slice(0, 2)}\\u${plant.charCodeAt(2).toString(16).padStart(4, '0')}${plant.slice(3)}`
          : plant;
      return `${pick(words)}${pick(['', '-', ' ', '/', '='])}${escaped}${pick(['', ' ', '.', '&'])}${pick(words)}`;
    };
    const failures: string[] = [];
    for (let index = 0; index < CASES; index++) {
      const kind = pick(['error-json', 'error-text', 'error-json', 'contract', 'link']);
      const status =
        kind === 'contract' || kind === 'link'
          ? 200
          : pick([400, 401, 403, 404, 409, 429, 500, 502, 503]);
      const field = () => (next() < 0.6 ? planted(true) : pick(words));
      const body =
        kind === 'error-json'
          ? `{"category":"${field()}","code":"${pick([field(), 'message-rate-limit', 'call-rate-limit'])}","message":"${field()}","details":[{"name":"${field()}","value":"${field()}"},{"name":"rateLimitResetTime","value":"${field()}"}],"${field()}":{"${field()}":["${field()}"]},"extra":"${field()}"}`
          : kind === 'error-text' || kind === 'contract'
            ? planted(false)
            : pick(['[]', `{"not":"${field()}"}`]);
      const headers: Record<string, string> = {
        'content-type': kind === 'error-text' ? 'text/plain' : `application/json; x=${field()}`,
        'retry-after': field(),
        'x-ratelimit-reset': field(),
        'x-request-id': field(),
        'www-authenticate': `Basic realm="${field()}"`,
        'set-cookie': `session=${field()}`,
      };
      if (kind === 'contract') headers.location = `https://h.example/?${planted(false)}`;
      if (kind === 'link') {
        headers.link = `<http://evil.example/${planted(false)}>; rel="next", <${planted(false)}>; rel=last`;
      }
      reply = (_seen, res) => send(res, status, body, headers);
      const { shown, logger, hooks, showError } = recorder();
      const t = new Transport({
        userId: 'u-1',
        apiToken: TOKEN,
        apiSecret: SECRET,
        baseUrl: server.url,
        retry: { limit: 1, baseDelay: 0, maxDelay: 5 },
        logger,
        hooks,
      });
      const method = pick(['GET', 'POST'] as const);
      const op = { method, path: t.userPath('calls'), ...(method === 'POST' && { json: {} }) };
      const outcome =
        kind === 'link'
          ? t.paged(op).toArray()
          : kind === 'contract'
            ? t.locationId(op)
            : t.noContent(op);
      const error = await outcome.then(
        () => undefined,
        (e: unknown) => e,
      );
      if (error === undefined) {
        failures.push(`case ${index}: ${kind} ${status} did not fail`);
        continue;
      }
      showError(error);
      const found = leaks(shown);
      if (found.length > 0)
        failures.push(`case ${index}: ${kind} ${status} ${method} leaks ${found}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('secrets shorter than 4 characters are refused; 4 are kept out', () => {
  const config = (apiToken: string, apiSecret: string) => ({
    userId: 'u-1',
    apiToken,
    apiSecret,
    baseUrl: server.url,
    retry: false as const,
  });

  test.each([
    ['abc', 'secret-1', 'apiToken must be at least 4 characters long'],
    ['token-1', 'xyz', 'apiSecret must be at least 4 characters long'],
    ['token-1', 'x', 'apiSecret must be at least 4 characters long'],
  ])('token %j, secret %j: ConfigurationError, the value never shown', (token, secret, message) => {
    const attempt = () => new Transport(config(token, secret));
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(message);
    class TestClient extends BaseClient {}
    expect(() => new TestClient('u-1', token, secret, { baseUrl: server.url })).toThrow(message);
  });

  test('a 4-character token and secret are accepted and scrubbed wherever the server echoes them', async () => {
    reply = (_seen, res) =>
      send(res, 400, {
        category: 'abcd',
        code: 'wxyz',
        message: 'got abcd:wxyz',
        details: ['wxyz'],
      });
    const { shown, logger, showError } = recorder();
    const t = new Transport({ ...config('abcd', 'wxyz'), logger });
    const error = await t.noContent({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
    showError(error);
    expect(error).toMatchObject({
      category: REDACTED,
      code: REDACTED,
      message: `got ${REDACTED}:${REDACTED}`,
    });
    expect(shown.join('\n')).not.toMatch(/abcd|wxyz/);
    expect(server.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('abcd:wxyz').toString('base64')}`,
    );
  });
});

describe('a password in a URL is shown as [REDACTED]', () => {
  test('in the debug request line and in an error that echoes it', async () => {
    const callbackUrl = 'http://alice:pa55-word@callbacks.example/cb?x=1';
    reply = (seen, res) =>
      send(res, 400, { message: `invalid callbackUrl: ${JSON.parse(seen.body).callbackUrl}` });
    const { shown, logger, showError } = recorder();
    const t = new Transport({
      userId: 'u-1',
      apiToken: TOKEN,
      apiSecret: SECRET,
      baseUrl: server.url,
      retry: false,
      logger,
    });
    const error = await t
      .noContent({
        method: 'POST',
        path: '/calls',
        json: { callbackUrl, tag: 'see https://bob:hunter22@x.example' },
      })
      .catch((e: unknown) => e);
    showError(error);
    const text = shown.join('\n');
    expect(text).not.toContain('pa55-word');
    expect(text).not.toContain('hunter22');
    expect(text).toContain(`http://alice:${REDACTED}@callbacks.example/cb?x=1`);
    expect((error as Error).message).toBe(
      `invalid callbackUrl: http://alice:${REDACTED}@callbacks.example/cb?x=1`,
    );
    // What was sent is untouched.
    expect(JSON.parse(server.requests[0]?.body ?? '{}').callbackUrl).toBe(callbackUrl);
  });
});

describe('a password in a URL, and nothing else, is replaced', () => {
  test.each([
    [
      'a password holding a colon',
      'https://bob:pa:ss@x.example/a',
      `https://bob:${REDACTED}@x.example/a`,
    ],
    ['an empty user', 'http://:hunter22@x.example', `http://:${REDACTED}@x.example`],
    ['an empty password', 'sftp://bob:@x.example', `sftp://bob:${REDACTED}@x.example`],
    ['two URLs', 'a://u:p1@h b://v:p2@k', `a://u:${REDACTED}@h b://v:${REDACTED}@k`],
    [
      'a port, then an @ in the path',
      'https://x.example:8443/to/a@b.example',
      'https://x.example:8443/to/a@b.example',
    ],
    [
      'a port, then an @ in the query',
      'https://x.example:8443?to=a@b.example',
      'https://x.example:8443?to=a@b.example',
    ],
    [
      'a port, then an @ in the fragment',
      'https://x.example:8443#a@b',
      'https://x.example:8443#a@b',
    ],
    ['a user without a password', 'https://bob@x.example', 'https://bob@x.example'],
    ['text with a space before an @', '//a: b@c', '//a: b@c'],
    ['a protocol-relative URL', '//bob:pw@x.example', `//bob:${REDACTED}@x.example`],
  ])('%s', async (_label, text, shown) => {
    reply = (_seen, res) => send(res, 204);
    const { lines, logger } = (() => {
      const lines: unknown[] = [];
      const log = (_message: string, meta?: Record<string, unknown>) => void lines.push(meta);
      return { lines, logger: { debug: log, info: log, warn: log, error: log } };
    })();
    const t = new Transport({
      userId: 'u-1',
      apiToken: TOKEN,
      apiSecret: SECRET,
      baseUrl: server.url,
      logger,
    });
    await t.noContent({ method: 'POST', path: '/x', json: { text } });
    expect(lines[0]).toEqual({ attempt: 1, body: { text: shown } });
    expect(JSON.parse(server.requests[0]?.body ?? '{}')).toEqual({ text });
  });
});

test('a per-call header with every character HTTP allows is sent as given', async () => {
  reply = (_seen, res) => send(res, 204);
  const name = "X-a1!#$%&'*+.^_`|~";
  const t = new Transport({
    userId: 'u-1',
    apiToken: TOKEN,
    apiSecret: SECRET,
    baseUrl: server.url,
  });
  await t.noContent({ method: 'GET', path: '/x' }, { headers: { [name]: 'café\tÿ' } });
  // Node's server reads header bytes as Latin-1, as they were sent.
  expect(server.requests[0]?.headers[name.toLowerCase()]).toBe('café\tÿ');
});

describe('a per-call header that HTTP cannot carry', () => {
  test.each([
    ['X-Tag', 'a\r\nInjected: yes'],
    ['X-Tag', 'line\nbreak'],
    ['X-Bad\r\nName', 'v'],
    ['X-Tag', 'nul\0'],
    ['X-Tag', 'coffee ☕'],
    ['X Tag', 'v'],
    ['X-Tag:', 'v'],
    ['', 'v'],
  ])('%j: %j is a ValidationError naming the header, and nothing is sent', async (name, value) => {
    const t = new Transport({
      userId: 'u-1',
      apiToken: TOKEN,
      apiSecret: SECRET,
      baseUrl: server.url,
    });
    const error = await t
      .noContent({ method: 'GET', path: '/x' }, { headers: { [name]: value } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).not.toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(JSON.stringify(name));
    expect(server.requests).toHaveLength(0);
  });
});
