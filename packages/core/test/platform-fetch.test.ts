import { afterAll, beforeAll, beforeEach, expect, test, vi } from 'vitest';
import { fetchOnceLoaded } from '../src/platform-fetch';
import { setPlatformFetch, Transport, type TransportConfig } from '../src/transport';
import { send, startServer, type TestServer } from './server';

let server: TestServer;
let other: TestServer;
let reply: Parameters<typeof startServer>[0];
beforeAll(async () => {
  server = await startServer((seen, res, req) => reply(seen, res, req));
  other = await startServer((_seen, res) => send(res, 200, { moved: true }));
});
afterAll(async () => {
  await Promise.all([server.close(), other.close()]);
});
beforeEach(() => {
  server.requests.length = 0;
  other.requests.length = 0;
  reply = (_seen, res) => send(res, 201, undefined, { location: `${server.url}/x/m-1` });
});

// A platform whose engine takes `ms` to load and marks what it sends (`x-engine`). Counts the loads.
function slowPlatform(ms: number) {
  const loads = { count: 0 };
  const load = () =>
    new Promise<void>((resolve) => setTimeout(resolve, ms)).then(() => {
      loads.count++;
    });
  const engine: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    request.headers.set('x-engine', 'yes');
    return fetch(request);
  };
  setPlatformFetch(fetchOnceLoaded(engine, load, fetch));
  return loads;
}

const config = (extra: Partial<TransportConfig> = {}): TransportConfig => ({
  userId: 'u-1',
  apiToken: 'tok-1',
  apiSecret: 'sec-1',
  baseUrl: server.url,
  retry: false,
  ...extra,
});

test('no request waits for the engine: the global fetch serves until it has loaded, once, after the first answer', async () => {
  const loads = slowPlatform(1_500);
  const seen: string[] = [];
  const transport = new Transport(
    config({
      timeout: 1_000,
      hooks: { beforeRequest: [(request) => void seen.push(request.url)] },
    }),
  );
  const sent = () => transport.locationId({ method: 'POST', path: '/m', json: { a: 1 } });
  await expect(Promise.all([sent(), sent()])).resolves.toEqual(['m-1', 'm-1']);
  expect(loads.count).toBe(0);
  expect(server.requests.map((request) => request.headers['x-engine'])).toEqual([
    undefined,
    undefined,
  ]);
  await vi.waitFor(() => expect(loads.count).toBe(1), { timeout: 10_000, interval: 50 });
  await expect(sent()).resolves.toBe('m-1');
  await expect(sent()).resolves.toBe('m-1');
  expect(loads.count).toBe(1);
  expect(server.requests.map((request) => request.headers['x-engine'])).toEqual([
    undefined,
    undefined,
    'yes',
    'yes',
  ]);
  expect(seen).toHaveLength(4);
});

test('ready() loads the engine at once, and once: the first request goes over it; a transport with its own fetch loads nothing', async () => {
  const loads = slowPlatform(50);
  await new Transport(config({ fetch })).ready();
  expect(loads.count).toBe(0);
  const transport = new Transport(config());
  await Promise.all([transport.ready(), new Transport(config()).ready()]);
  expect(loads.count).toBe(1);
  await expect(transport.locationId({ method: 'POST', path: '/m', json: {} })).resolves.toBe('m-1');
  await transport.ready();
  // The load the first answer would start has nothing left to do.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(loads.count).toBe(1);
  expect(server.requests.map((request) => request.headers['x-engine'])).toEqual(['yes']);
  // A platform with nothing to load (the default build's) is ready at once.
  setPlatformFetch(fetch);
  await expect(new Transport(config()).ready()).resolves.toBeUndefined();
});

test('a failed load leaves requests on the global fetch', async () => {
  let tries = 0;
  setPlatformFetch(
    fetchOnceLoaded(
      () => Promise.reject(new Error('engine used')),
      async () => {
        tries++;
        throw new Error('no engine');
      },
      fetch,
    ),
  );
  const transport = new Transport(config());
  await expect(transport.locationId({ method: 'POST', path: '/m', json: {} })).resolves.toBe('m-1');
  await vi.waitFor(() => expect(tries).toBe(1), { timeout: 10_000, interval: 20 });
  await expect(transport.locationId({ method: 'POST', path: '/m', json: {} })).resolves.toBe('m-1');
  // ready() does not reject or try again.
  await expect(transport.ready()).resolves.toBeUndefined();
  await expect(transport.locationId({ method: 'POST', path: '/m', json: {} })).resolves.toBe('m-1');
  expect(tries).toBe(1);
});

test('a JSON request over the platform fetch is sent as given', async () => {
  const loads = slowPlatform(0);
  const transport = new Transport(config({ userAgent: 'app/1 ' }));
  await expect(
    transport.locationId({
      method: 'POST',
      path: '/m',
      json: { text: 'é' },
      headers: { 'X-Trace': ' t-1 ' },
    }),
  ).resolves.toBe('m-1');
  expect(loads.count).toBe(0);
  const [request] = server.requests;
  expect(request?.body).toBe('{"text":"é"}');
  expect(request?.headers).toMatchObject({
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength('{"text":"é"}')),
    'x-trace': 't-1',
    accept: 'application/json',
  });
  // As `Headers` would send them: surrounding spaces dropped.
  expect(request?.headers['user-agent']).toMatch(/^bw-typescript\/\S+ app\/1$/);
});

test('a download gets a real Response', async () => {
  const loads = slowPlatform(0);
  reply = (_seen, res) => send(res, 200, 'audio bytes');
  const response = await new Transport(config()).response({ method: 'GET', path: '/media/a' });
  expect(response).toBeInstanceOf(Response);
  expect(await response.text()).toBe('audio bytes');
  expect(loads.count).toBe(0);
});

test('redirects are followed as fetch follows them over the platform fetch: 307 keeps the body, 303 turns into GET, credentials stay on their origin', async () => {
  slowPlatform(0);
  reply = (seen, res) => {
    if (seen.url.endsWith('/a')) send(res, 307, undefined, { location: '/b' });
    else if (seen.url.endsWith('/b')) send(res, 303, undefined, { location: `${other.url}/c` });
    else send(res, 500);
  };
  const transport = new Transport(config());
  await expect(transport.json({ method: 'POST', path: '/a', json: { n: 1 } })).resolves.toEqual({
    moved: true,
  });
  expect(server.requests.map(({ method, url, body }) => [method, url, body])).toEqual([
    ['POST', '/v1/a', '{"n":1}'],
    ['POST', '/b', '{"n":1}'],
  ]);
  expect(other.requests).toHaveLength(1);
  expect(other.requests[0]).toMatchObject({ method: 'GET', url: '/c', body: '' });
  expect(other.requests[0]?.headers.authorization).toBeUndefined();
  expect(other.requests[0]?.headers['content-type']).toBeUndefined();
});

test('response headers read as Headers read them', async () => {
  slowPlatform(0);
  reply = (_seen, res) => {
    send(res, 404, { category: 'not-found', message: 'gone' }, { 'X-Request-Id': 'r-1' });
  };
  const error = await new Transport(config())
    .json({ method: 'GET', path: '/missing' })
    .catch((caught: unknown) => caught);
  expect(error).toMatchObject({ status: 404, message: expect.stringContaining('gone') });
  expect((error as { headers: Record<string, string> }).headers).toMatchObject({
    'x-request-id': 'r-1',
    'content-type': 'application/json',
  });
});
