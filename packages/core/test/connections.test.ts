// How many connections the node build's senders open to one origin: a burst of requests waits
// for a free connection past the limit instead of opening one each.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { nodeHttpDispatcher } from '../src/node-http-dispatcher';
import { createUndiciFetch } from '../src/undici-fetch';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A server that holds each answer `holdMs`, counting connections and requests at once. */
async function holdingServer(holdMs = 30) {
  const counts = { connections: 0, inFlight: 0, mostInFlight: 0 };
  server = createServer((request, response) => {
    counts.inFlight++;
    counts.mostInFlight = Math.max(counts.mostInFlight, counts.inFlight);
    request.resume();
    request.on('end', () =>
      setTimeout(() => {
        counts.inFlight--;
        response.end(request.url);
      }, holdMs),
    );
  });
  server.on('connection', () => counts.connections++);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, counts };
}

/** `count` requests at once through `send`; resolves with their bodies. */
async function burst(send: typeof fetch, url: string, count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const response = await send(`${url}/r${index}`, { method: 'POST', body: '{}' });
      return response.text();
    }),
  );
}

const senders = [
  ['the undici Agent', (connections?: number) => createUndiciFetch({ connections })],
  [
    'node:http (while undici loads)',
    (connections?: number) =>
      createUndiciFetch({ dispatcher: nodeHttpDispatcher({ connections }) }),
  ],
] as const;

describe.each(senders)('%s', (_name, senderWith) => {
  test('opens at most 64 connections to an origin by default; the rest wait and are answered', async () => {
    const { url, counts } = await holdingServer();
    const bodies = await burst(senderWith(), url, 150);
    expect(bodies).toEqual(Array.from({ length: 150 }, (_, index) => `/r${index}`));
    expect(counts.connections).toBe(64);
    expect(counts.mostInFlight).toBe(64);
  });

  test('`connections` sets the limit; Infinity lifts it', async () => {
    const limited = await holdingServer();
    await burst(senderWith(5), limited.url, 20);
    expect([limited.counts.connections, limited.counts.mostInFlight]).toEqual([5, 5]);
    server?.closeAllConnections();
    server?.close();
    const open = await holdingServer();
    await burst(senderWith(Number.POSITIVE_INFINITY), open.url, 80);
    expect([open.counts.connections, open.counts.mostInFlight]).toEqual([80, 80]);
  });

  test.each([0, -1, 1.5, Number.NaN])('connections: %s is a TypeError at once', (value) => {
    expect(() => senderWith(value)).toThrow(TypeError);
    expect(() => senderWith(value)).toThrow(/connections must be a whole number from 1 up/);
  });
});
