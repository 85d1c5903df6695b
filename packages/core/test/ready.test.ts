// `ready()` with no platform fetch installed (this file installs one only in its last test), and
// with the one the `node` entry installs.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BaseClient, Transport } from '../src/internal';
import { nodePlatformFetch } from '../src/platform-fetch';
import { setPlatformFetch } from '../src/transport';

class TestClient extends BaseClient {
  get(): Promise<unknown> {
    return this.transport.json({ method: 'GET', path: '/x' });
  }
}

// Answers which client sent the request: `node:http` writes `Host`, undici `host`.
const server = createServer((request, response) => {
  request.resume();
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(request.rawHeaders.includes('Host') ? 'node:http' : 'undici'));
});
let baseUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('with no platform fetch to load (the default build), a transport and a client are ready at once', async () => {
  const config = { userId: 'u-1', apiToken: 'tok-1', apiSecret: 'sec-1', baseUrl };
  await expect(new Transport(config).ready()).resolves.toBeUndefined();
  await expect(new TestClient(config).ready()).resolves.toBeUndefined();
});

test("with the node entry's platform fetch: node:http first, undici once ready() resolves", async () => {
  setPlatformFetch(nodePlatformFetch());
  const client = new TestClient('u-1', 'tok-1', 'sec-1', { baseUrl });
  await expect(client.get()).resolves.toBe('node:http');
  await client.ready();
  await expect(client.get()).resolves.toBe('undici');
});
