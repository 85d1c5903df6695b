// Callback connections: kept open between events, and a connection the receiver closed while
// idle costs no event.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { emulator, OWNED, STRANGER } from './helpers';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/**
 * A receiver that counts connections and events; `onRequest` sees each request with its
 * number on its connection (1 for the first) and answers it, or not.
 */
async function countingReceiver(
  onRequest: (
    request: IncomingMessage,
    response: ServerResponse,
    onConnection: number,
    socket: Socket,
  ) => void,
) {
  let connections = 0;
  const events: string[] = [];
  const perSocket = new WeakMap<Socket, number>();
  const server = createServer({ keepAliveTimeout: 30_000 }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const socket = request.socket;
      const count = (perSocket.get(socket) ?? 0) + 1;
      perSocket.set(socket, count);
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>;
      onRequest(request, response, count, socket);
      if (!socket.destroyed) events.push(`${event.state}/${event.deliveryState}`);
    });
  });
  server.on('connection', () => {
    connections++;
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/status`,
    connections: () => connections,
    events,
  };
}

const ALL_EVENTS = ['sending/waiting', 'sent/waiting', 'sent/delivered'];

async function sendWithReceipts(callbackUrl: string) {
  const emu = await emulator();
  const sent = await emu.api('POST', `${emu.base}/messages`, {
    from: OWNED,
    to: STRANGER,
    text: 'keep-alive',
    callbackUrl,
    receiptRequested: 'all',
  });
  expect(sent.status).toBe(201);
  return emu;
}

describe('callback connections', () => {
  it('one message’s three events reach the receiver over one kept-alive connection', async () => {
    const receiver = await countingReceiver((_request, response) => response.end('ok'));
    await sendWithReceipts(receiver.url);
    await expect.poll(() => receiver.events, { timeout: 5000 }).toEqual(ALL_EVENTS);
    expect(receiver.connections()).toBe(1);
  });

  it('an event whose kept-alive connection the receiver reset is sent again on a new one', async () => {
    // The receiver drops every connection at its second request, as a server that closed an
    // idle connection just as the next request went out.
    const receiver = await countingReceiver((_request, response, onConnection, socket) => {
      if (onConnection === 2) socket.destroy();
      else response.end('ok');
    });
    const emu = await sendWithReceipts(receiver.url);
    await expect.poll(() => receiver.events, { timeout: 5000 }).toEqual(ALL_EVENTS);
    const records = await emu.control.callbacks();
    expect(records.map((record) => [record.status, record.error])).toEqual([
      [200, undefined],
      [200, undefined],
      [200, undefined],
    ]);
  });

  it('a receiver that resets a new connection gets no second try: the attempt fails', async () => {
    const receiver = await countingReceiver((_request, _response, _onConnection, socket) =>
      socket.destroy(),
    );
    const emu = await sendWithReceipts(receiver.url);
    // Each event is tried once, on a connection of its own.
    await expect
      .poll(async () => (await emu.control.callbacks()).length, { timeout: 5000 })
      .toBe(ALL_EVENTS.length);
    const records = await emu.control.callbacks();
    for (const record of records) expect(record.error).toMatch(/^request failed \(/);
    expect(receiver.connections()).toBe(ALL_EVENTS.length);
  });
});
