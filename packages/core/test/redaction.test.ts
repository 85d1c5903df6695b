import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AbortError,
  ApiError,
  BaseClient,
  ConfigurationError,
  ConnectionError,
  InvalidResponseError,
  type Logger,
  REDACTED,
  redactValue,
  TimeoutError,
  Transport,
} from '../src/internal';
import { refusedPort, send, startServer, type TestServer } from './server';

const TOKEN = 'tok-7Hq2ZpLm';
const SECRET = 'sec-9Xw4RtYv';
const BASIC = Buffer.from(`${TOKEN}:${SECRET}`).toString('base64');
const PASSWORDS = ['endpoint-pw-314159', 'provider-pw-271828'];
const forbidden = [TOKEN, SECRET, BASIC, ...PASSWORDS];

/** Every way a user might print a value: none may show a credential. */
function expectClean(value: unknown) {
  const views = [
    String(value),
    JSON.stringify(value),
    inspect(value),
    inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
  ];
  if (value instanceof Error) views.push(value.message, String(value.stack));
  for (const view of views) {
    for (const secret of forbidden) expect(view).not.toContain(secret);
  }
}

let server: TestServer;
let reply: Parameters<typeof startServer>[0];
beforeAll(async () => {
  server = await startServer((seen, res, req) => reply(seen, res, req));
});
afterAll(() => server.close());

function recordingLogger() {
  const lines: unknown[] = [];
  const record = (level: string) => (message: string, meta?: Record<string, unknown>) =>
    void lines.push({ level, message, meta });
  const logger: Logger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
  return { lines, logger };
}

const transport = (options: Partial<ConstructorParameters<typeof Transport>[0]> = {}) =>
  new Transport({
    userId: 'u-1',
    apiToken: TOKEN,
    apiSecret: SECRET,
    baseUrl: server.url,
    retry: { baseDelay: 1, maxDelay: 20 },
    ...options,
  });

async function rejection(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('every error path is free of credentials', () => {
  test('ApiError from a JSON body that echoes the Authorization header and the credentials', async () => {
    reply = (seen, res) =>
      send(
        res,
        401,
        {
          category: 'authorization',
          code: 'user-access-denied',
          message: `denied for ${seen.headers.authorization} (${TOKEN}:${SECRET})`,
          details: [
            { name: 'authorization', value: seen.headers.authorization },
            { name: 'echo', value: `token=${TOKEN} secret=${SECRET}` },
          ],
        },
        { 'x-echo': String(seen.headers.authorization), 'www-authenticate': 'Basic' },
      );
    const { lines, logger } = recordingLogger();
    const error = await rejection(transport({ logger }).noContent({ method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toContain(REDACTED);
    expectClean(error);
    expectClean(lines);
  });

  test('ApiError from a text body that echoes the request', async () => {
    reply = (seen, res) =>
      send(res, 500, `Authorization: ${seen.headers.authorization}\nsecret=${SECRET}`);
    const { lines, logger } = recordingLogger();
    const error = await rejection(transport({ logger }).noContent({ method: 'GET', path: '/x' }));
    expect(error.message).toBe(`Authorization: Basic ${REDACTED}\nsecret=${REDACTED}`);
    expectClean(error);
    expectClean(lines);
  });

  test('ConnectionError (refused), with its cause', async () => {
    const port = await refusedPort();
    const error = await rejection(
      transport({ baseUrl: `http://127.0.0.1:${port}` }).noContent({ method: 'GET', path: '/x' }),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.cause).toBeInstanceOf(Error);
    expectClean(error);
  });

  test('ConnectionError from a fetch whose failure quotes the request headers', async () => {
    const error = await rejection(
      transport({
        fetch: async (input) => {
          const headers = input instanceof Request ? Object.fromEntries(input.headers) : {};
          throw new TypeError(`proxy refused ${JSON.stringify(headers)}`, {
            cause: Object.assign(new Error(`auth ${headers.authorization}`), { code: 'EPROXY' }),
          });
        },
      }).noContent({ method: 'GET', path: '/x' }),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expectClean(error);
  });

  test('TimeoutError', async () => {
    reply = () => undefined;
    const error = await rejection(
      transport({ timeout: 20, retry: false }).noContent({ method: 'GET', path: '/x' }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expectClean(error);
  });

  test('AbortError', async () => {
    reply = () => undefined;
    const controller = new AbortController();
    const pending = transport().noContent(
      { method: 'GET', path: '/x' },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 10);
    const error = await rejection(pending);
    expect(error).toBeInstanceOf(AbortError);
    expectClean(error);
  });

  test('InvalidResponseError whose body echoes the credentials', async () => {
    reply = (seen, res) =>
      send(res, 200, `{"auth": "${seen.headers.authorization}", "s": "${SECRET}"`, {
        'content-type': 'application/json',
      });
    const error = await rejection(transport().json({ method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expectClean(error);
  });

  test('ConfigurationError for a baseUrl with credentials', () => {
    let error: unknown;
    try {
      transport({ baseUrl: `https://${TOKEN}:${SECRET}@api.example.com` });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expectClean(error);
  });
});

describe('logging', () => {
  test('request bodies are logged at debug level with passwords redacted', async () => {
    reply = (_seen, res) => send(res, 201, undefined, { location: '/e/e-1' });
    const { lines, logger } = recordingLogger();
    const t = transport({ logger });
    await t.locationId({
      method: 'POST',
      path: t.userPath('domains', 'd-1', 'endpoints'),
      json: { name: 'ep', credentials: { username: 'alice', password: PASSWORDS[0] } },
    });
    await t.locationId({
      method: 'POST',
      path: t.userPath('phoneNumbers'),
      json: {
        number: '+1',
        provider: { providerName: 'x', properties: { password: PASSWORDS[1] } },
      },
    });
    expect(lines).toContainEqual({
      level: 'debug',
      message: `POST ${server.url}/v1/users/u-1/domains/d-1/endpoints`,
      meta: {
        attempt: 1,
        body: { name: 'ep', credentials: { username: 'alice', password: REDACTED } },
      },
    });
    expect(JSON.stringify(lines)).toContain('"providerName":"x"');
    expectClean(lines);
  });

  test('credential keys are redacted in logged bodies whatever their case or spelling', async () => {
    reply = (_seen, res) => send(res, 204);
    const { lines, logger } = recordingLogger();
    const body = {
      apiToken: 'camel-token-1',
      apiSecret: 'camel-secret-1',
      api_token: 'snake-token-1',
      API_SECRET: 'upper-secret-1',
      apitoken: 'flat-token-1',
      token: 'plain-token-1',
      Secret: 'plain-secret-1',
      Authorization: 'Basic abcd',
      password: null,
      tokenCount: 3,
      secretary: 'kept',
      at: new Date(Date.UTC(2024, 0, 2)),
    };
    await transport({ logger }).noContent({ method: 'POST', path: '/x', json: body });
    expect(lines[0]).toEqual({
      level: 'debug',
      message: `POST ${server.url}/v1/x`,
      meta: {
        attempt: 1,
        body: {
          apiToken: REDACTED,
          apiSecret: REDACTED,
          api_token: REDACTED,
          API_SECRET: REDACTED,
          apitoken: REDACTED,
          token: REDACTED,
          Secret: REDACTED,
          Authorization: REDACTED,
          // Nothing to hide: an absent password stays visibly absent.
          password: null,
          tokenCount: 3,
          secretary: 'kept',
          // Logged as the value it is, not as a copy of its (no) own keys.
          at: new Date(Date.UTC(2024, 0, 2)),
        },
      },
    });
    expect(JSON.stringify(lines[0])).toContain('"apiToken":"[REDACTED]"');
    expect(server.requests.at(-1)?.body).toBe(JSON.stringify(body));
  });

  test("the client's own token and secret are scrubbed from logged bodies, keys and values", async () => {
    reply = (_seen, res) => send(res, 204);
    const { lines, logger } = recordingLogger();
    await transport({ logger }).noContent({
      method: 'PUT',
      path: '/x',
      json: { note: `token ${TOKEN}`, [`k-${SECRET}`]: [`auth ${BASIC}`, 7] },
    });
    expect(lines[0]).toMatchObject({
      meta: {
        body: { note: `token ${REDACTED}`, [`k-${REDACTED}`]: [`auth ${REDACTED}`, 7] },
      },
    });
  });

  test('a failing, retried call logs nothing secret', async () => {
    reply = (seen, res) => send(res, 503, { message: `busy ${seen.headers.authorization}` });
    const { lines, logger } = recordingLogger();
    await rejection(transport({ logger }).noContent({ method: 'GET', path: '/x' }));
    expect(lines.filter((line) => (line as { level: string }).level === 'warn')).toHaveLength(2);
    expectClean(lines);
  });

  test('redactValue copies deeply and leaves the original alone', () => {
    const input = { credentials: { password: 'p' }, list: [{ password: 'q', keep: 1 }] };
    expect(redactValue(input)).toEqual({
      credentials: { password: REDACTED },
      list: [{ password: REDACTED, keep: 1 }],
    });
    expect(input.credentials.password).toBe('p');
  });
});

describe('clients and transports', () => {
  class TestClient extends BaseClient {}

  test('toJSON, JSON.stringify and util.inspect never show the token or secret', () => {
    const client = new TestClient('u-1', TOKEN, SECRET, { baseUrl: server.url });
    expectClean(client);
    expectClean(client.toJSON());
    expectClean((client as unknown as { transport: Transport }).transport);
    expectClean({ nested: { client } });
    expect(Object.keys(client)).not.toContain('apiSecret');
  });
});
