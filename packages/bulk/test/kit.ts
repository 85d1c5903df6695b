import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Emulator, type RateLimitConfig, startEmulator } from '@bw/emulator';
import { MessagingClient } from '@bw/messaging';
import { expect } from 'vitest';
import type { Recipient } from '../src/index';

/** `count` owned numbers: +1919555 01 00 …. */
export function numbers(count: number, base = 19195550100): string[] {
  return Array.from({ length: count }, (_, index) => `+${base + index}`);
}

/** `count` recipients `k-0` … with distinct numbers and texts. */
export function recipients(count: number, text = 'Reminder'): Recipient[] {
  return Array.from({ length: count }, (_, index) => ({
    key: `k-${index}`,
    to: `+1404555${String(index).padStart(4, '0')}`,
    text: `${text} #${index}`,
  }));
}

/** What the emulator holds for the user: outbound messages. */
export interface SentMessage {
  id: string;
  from: string;
  to: string;
  text: string;
  direction: string;
  tag?: string;
  deliveryState?: string;
}

/** An emulator owning `senders`, a client, and a callback server in front of a handler. */
export interface BulkFixture {
  emulator: Emulator;
  client: MessagingClient;
  senders: string[];
  /** Outbound messages in the emulator. */
  sent(): Promise<SentMessage[]>;
  /** Raw API request as the user. */
  api(method: string, path: string, body?: unknown): Promise<Response>;
  /** Serves `handler` on a loopback port; resolves with its URL. */
  serve(handler: http.RequestListener): Promise<string>;
  close(): Promise<void>;
}

export async function startBulkFixture(
  senderCount: number,
  rateLimits: RateLimitConfig = {},
): Promise<BulkFixture> {
  const senders = numbers(senderCount);
  const emulator = await startEmulator({
    speed: 100,
    seed: 14,
    rateLimits,
    users: [
      {
        userId: 'u-bulk',
        apiToken: 't-bulk',
        apiSecret: 's-bulk',
        numbers: senders,
        balance: '1000000.00',
      },
    ],
  });
  const { userId, apiToken, apiSecret } = emulator.credentials;
  const client = new MessagingClient({ userId, apiToken, apiSecret, baseUrl: emulator.url });
  const authorization = `Basic ${Buffer.from(`${apiToken}:${apiSecret}`).toString('base64')}`;
  const servers: http.Server[] = [];
  return {
    emulator,
    client,
    senders,
    async sent() {
      const state = (await emulator.control.state()) as { messages: SentMessage[] };
      return state.messages.filter((message) => message.direction === 'out');
    },
    api: (method, path, body) =>
      fetch(`${emulator.url}/v1/users/${userId}${path}`, {
        method,
        headers: {
          authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    async serve(handler) {
      const server = http.createServer(handler);
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    },
    async close() {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      await emulator.close();
    },
  };
}

/** How many outbound messages each tag (key) has. */
export function countByTag(messages: SentMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages)
    counts.set(message.tag ?? '', (counts.get(message.tag ?? '') ?? 0) + 1);
  return counts;
}

/** The API holds `count` messages of the campaign, each key's once; resolves with them. */
export async function expectEachKeyOnce(
  fixture: BulkFixture,
  count: number,
): Promise<SentMessage[]> {
  const sent = await fixture.sent();
  expect(sent).toHaveLength(count);
  expect(Math.max(...countByTag(sent).values())).toBe(1);
  return sent;
}

/** The API refused no send for its per-number or account sending limit. */
export async function expectNoLimitAnswers(fixture: BulkFixture): Promise<void> {
  expect(await fixture.emulator.control.rateLimitRefusals()).toMatchObject({
    'message-rate-limit-per-tn': 0,
    'message-rate-limit-overall': 0,
  });
}
