import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  BaseClient,
  type ClientOptions,
  ConfigurationError,
  Transport,
  VERSION,
} from '../src/internal';
import { send, startServer, type TestServer } from './server';

class TestClient extends BaseClient {
  get exposedTransport(): Transport {
    return this.transport;
  }
}

const variables = ['BANDWIDTH_USER_ID', 'BANDWIDTH_API_TOKEN', 'BANDWIDTH_API_SECRET'] as const;
const saved = Object.fromEntries(variables.map((name) => [name, process.env[name]]));
afterEach(() => {
  for (const name of variables) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});
const clearEnv = () => {
  for (const name of variables) delete process.env[name];
};

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_seen, res) => send(res, 200, { ok: true }));
});
afterAll(() => server.close());

describe('construction', () => {
  test('positional form', async () => {
    clearEnv();
    const client = new TestClient('u-1', 'tok-1', 'sec-1', { baseUrl: server.url });
    expect(client.userId).toBe('u-1');
    const t = client.exposedTransport;
    expect(await t.json({ method: 'GET', path: t.userPath('account') })).toEqual({ ok: true });
    const request = server.requests.at(-1);
    expect(request?.url).toBe('/v1/users/u-1/account');
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from('tok-1:sec-1').toString('base64')}`,
    );
  });

  test('config-object form', () => {
    clearEnv();
    const client = new TestClient({
      userId: 'u-2',
      apiToken: 'tok-1',
      apiSecret: 'sec-1',
      apiVersion: 'v2',
    });
    expect(client.userId).toBe('u-2');
    expect(client.toJSON()).toEqual({
      client: 'TestClient',
      userId: 'u-2',
      baseUrl: 'https://api.catapult.inetwork.com',
      apiVersion: 'v2',
    });
  });

  test('each credential falls back to its environment variable; an empty string is missing', () => {
    clearEnv();
    process.env.BANDWIDTH_USER_ID = 'u-env';
    process.env.BANDWIDTH_API_TOKEN = 't-env';
    process.env.BANDWIDTH_API_SECRET = 's-env';
    expect(new TestClient().userId).toBe('u-env');
    expect(new TestClient('', undefined, 's-arg').userId).toBe('u-env');
    expect(new TestClient({ userId: 'u-arg' }).userId).toBe('u-arg');
    expect(new TestClient(undefined, undefined, undefined, { baseUrl: server.url }).userId).toBe(
      'u-env',
    );
  });

  test('missing credentials name every missing item and its variable', () => {
    clearEnv();
    expect(() => new TestClient('u-1')).toThrow(
      new ConfigurationError(
        'Missing Bandwidth credentials: apiToken (BANDWIDTH_API_TOKEN), apiSecret (BANDWIDTH_API_SECRET)',
      ),
    );
    expect(() => new TestClient()).toThrow(
      'Missing Bandwidth credentials: userId (BANDWIDTH_USER_ID), apiToken (BANDWIDTH_API_TOKEN), apiSecret (BANDWIDTH_API_SECRET)',
    );
    process.env.BANDWIDTH_API_TOKEN = '';
    expect(() => new TestClient({ userId: 'u', apiSecret: 'sec-1' })).toThrow(
      'Missing Bandwidth credentials: apiToken (BANDWIDTH_API_TOKEN)',
    );
  });

  test.each<[string, ClientOptions]>([
    ['not a URL', { baseUrl: 'nope' }],
    ['credentials in baseUrl', { baseUrl: 'https://user:pw-9f8e7d@api.example.com' }],
    ['another scheme', { baseUrl: 'ftp://api.example.com' }],
    ['a scheme ending in http', { baseUrl: 'xhttp://api.example.com' }],
    ['a scheme starting with https', { baseUrl: 'https2://api.example.com' }],
    ['a password without a user', { baseUrl: 'https://:pw-9f8e7d@api.example.com' }],
    ['a user without a password', { baseUrl: 'https://user@api.example.com' }],
    ['zero timeout', { timeout: 0 }],
  ])('bad options (%s) are a ConfigurationError', (_label, options) => {
    const error = (() => {
      try {
        new TestClient('u', 'tok-1', 'sec-1', options);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(
      options.timeout === undefined
        ? 'baseUrl must be an http(s) URL without credentials'
        : 'timeout must be a positive number of milliseconds',
    );
    expect(String(error)).not.toContain('pw-9f8e7d');
  });

  test('a trailing slash on baseUrl is ignored', () => {
    const client = new TestClient('u', 'tok-1', 'sec-1', { baseUrl: 'https://api.example.com/' });
    expect(client.toJSON().baseUrl).toBe('https://api.example.com');
  });

  test('a user-supplied fetch is used', async () => {
    const seen: string[] = [];
    const client = new TestClient('u-1', 'tok-1', 'sec-1', {
      baseUrl: 'https://api.example.com',
      fetch: async (input) => {
        seen.push(input instanceof Request ? input.url : String(input));
        return new Response('[]', { headers: { 'content-type': 'application/json' } });
      },
    });
    const t = client.exposedTransport;
    expect(await t.json({ method: 'GET', path: t.userPath('calls') })).toEqual([]);
    expect(seen).toEqual(['https://api.example.com/v1/users/u-1/calls']);
  });
});

test('VERSION is the package version and is in the User-Agent', async () => {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  expect(VERSION).toBe(manifest.version);
  const t = new Transport({
    userId: 'u',
    apiToken: 'tok-1',
    apiSecret: 'sec-1',
    baseUrl: server.url,
  });
  await t.noContent({ method: 'GET', path: '/x' });
  expect(server.requests.at(-1)?.headers['user-agent']).toBe(`bw-typescript/${VERSION}`);
});

test('util.inspect of a client shows its user id, base URL and API version, nothing secret', () => {
  const client = new TestClient('u-1', 'tok-abcdef', 'sec-abcdef');
  const shown = inspect(client, { showHidden: true, depth: Number.POSITIVE_INFINITY });
  expect(shown).toMatch(/^TestClient \{/);
  for (const part of [
    "userId: 'u-1'",
    "baseUrl: 'https://api.catapult.inetwork.com'",
    "apiVersion: 'v1'",
  ]) {
    expect(shown).toContain(part);
  }
  for (const secret of ['tok-abcdef', 'sec-abcdef', btoa('tok-abcdef:sec-abcdef')]) {
    expect(shown).not.toContain(secret);
  }
});
