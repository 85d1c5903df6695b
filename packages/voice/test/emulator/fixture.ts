// A VoiceClient talking to @bw/emulator, plus a loopback server that receives the emulator's
// callbacks exactly as an app would (method, path, query, raw body), so that tests can check
// both the effect of each method and the events it causes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Emulator, type EmulatorOptions, startEmulator } from '@bw/emulator';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulatorFixture } from '../../../../test-support/emulator';
import { type CreateCallOptions, VoiceClient } from '../../src/index';

/** Numbers the test user owns. */
export const OWNED = '+19195551212';
export const OWNED_2 = '+19195551313';
/** A number nobody owns (the far end). */
export const FAR_END = '+14045550100';

/** One callback as the app received it. */
export interface Delivery {
  method: string;
  path: string;
  /** The query string with its `?` (the GET form of an event), or `''`. */
  search: string;
  /** The raw body (the POST form), or `''`. */
  body: string;
  /** The event fields: the parsed JSON body of a POST, the query of a GET. */
  event: Record<string, unknown>;
  /** Full URL it was sent to (for rebuilding a Fetch `Request`). */
  url: string;
}

/** Receives callbacks and lets tests wait for them. */
export interface CallbackSink {
  readonly url: string;
  readonly deliveries: Delivery[];
  /** Resolves with the first delivery (past or future) whose event has these field values. */
  next(fields: Record<string, unknown>, timeoutMs?: number): Promise<Delivery>;
  /** The events whose `callId` is this call's, in arrival order. */
  eventsOf(callId: string): Array<Record<string, unknown>>;
  /** Answers callbacks to `path` with this BXML document (default: 200, empty). */
  respondWithBxml(path: string, xml: string): void;
  clear(): void;
  close(): Promise<void>;
}

export async function startSink(): Promise<CallbackSink> {
  const deliveries: Delivery[] = [];
  // Each waiter looks only at new deliveries (it scanned the old ones when it started), so
  // hundreds of concurrent waiters stay cheap.
  const waiters = new Set<(delivery: Delivery) => void>();
  const documents = new Map<string, string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
      const body = Buffer.concat(chunks).toString('utf8');
      const delivery: Delivery = {
        method: request.method ?? '',
        path: url.pathname,
        search: url.search,
        body,
        event:
          request.method === 'GET'
            ? Object.fromEntries(url.searchParams)
            : (JSON.parse(body || '{}') as Record<string, unknown>),
        url: url.toString(),
      };
      deliveries.push(delivery);
      for (const waiter of [...waiters]) waiter(delivery);
      const xml = documents.get(url.pathname);
      response.writeHead(200, xml === undefined ? {} : { 'content-type': 'application/xml' });
      response.end(xml ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const matches = (delivery: Delivery, fields: Record<string, unknown>) =>
    Object.entries(fields).every(([key, value]) => delivery.event[key] === value);
  return {
    url: `http://127.0.0.1:${port}`,
    deliveries,
    next(fields, timeoutMs = 5000) {
      const found = deliveries.find((delivery) => matches(delivery, fields));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = (delivery: Delivery) => {
          if (!matches(delivery, fields)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve(delivery);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no callback with ${JSON.stringify(fields)} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    eventsOf: (callId) =>
      deliveries.map((delivery) => delivery.event).filter((event) => event.callId === callId),
    respondWithBxml: (path, xml) => void documents.set(path, xml),
    clear() {
      deliveries.length = 0;
      documents.clear();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** What a test file works with. */
export interface VoiceFixture {
  emulator: Emulator;
  client: VoiceClient;
  sink: CallbackSink;
  /** The sink's URL for `path` (default `/events`). */
  callbackUrl(path?: string): string;
  /** A call from the owned number to the far end with the sink as callback; its id. */
  placeCall(options?: Partial<CreateCallOptions>): Promise<string>;
  /** A call answered by the far end; resolves once the app got `answer`. */
  activeCall(options?: Partial<CreateCallOptions>): Promise<string>;
  /** Waits for an event with these field values. */
  waitFor(fields: Record<string, unknown>, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** The emulator's own view of the user's voice state (`GET /_emulator/state`). */
  voiceState(): Promise<VoiceStateSnapshot>;
}

/** The `voice` part of the emulator's state snapshot. */
export interface VoiceStateSnapshot {
  calls: Array<Record<string, unknown> & { id: string }>;
  gathers: Array<Record<string, unknown> & { id: string }>;
  recordings: Array<Record<string, unknown> & { id: string }>;
  transcriptions: Array<Record<string, unknown> & { id: string }>;
  bridges: Array<Record<string, unknown> & { id: string }>;
  conferences: Array<Record<string, unknown> & { id: string }>;
  members: Array<Record<string, unknown> & { id: string }>;
}

/**
 * Registers the hooks of a file-wide fixture: one emulator (speed 100, the far end answers
 * only when told) and one sink; each test starts from a reset emulator and an empty sink.
 */
export function useVoiceFixture(options: EmulatorOptions = {}): VoiceFixture {
  const fixture = {} as VoiceFixture;
  beforeAll(async () => {
    const { emulator } = await startEmulatorFixture(
      startEmulator,
      { name: 'voice', numbers: [OWNED, OWNED_2] },
      { autoAnswer: 'never', ...options },
    );
    const sink = await startSink();
    const client = new VoiceClient({ ...emulator.credentials, baseUrl: emulator.url });
    const callbackUrl = (path = '/events') => `${sink.url}${path}`;
    const waitFor = async (fields: Record<string, unknown>, timeoutMs?: number) =>
      (await sink.next(fields, timeoutMs)).event;
    const placeCall = (extra: Partial<CreateCallOptions> = {}) =>
      client.createCall({ from: OWNED, to: FAR_END, callbackUrl: callbackUrl(), ...extra });
    Object.assign(fixture, {
      emulator,
      client,
      sink,
      callbackUrl,
      waitFor,
      placeCall,
      async activeCall(extra: Partial<CreateCallOptions> = {}) {
        const callId = await placeCall(extra);
        await emulator.control.answerCall(callId);
        await waitFor({ callId, eventType: 'answer' });
        return callId;
      },
      async voiceState() {
        const state = await emulator.control.state();
        return state.voice as VoiceStateSnapshot;
      },
    } satisfies VoiceFixture);
  });
  beforeEach(async () => {
    await fixture.emulator.control.reset();
    fixture.sink.clear();
  });
  afterAll(async () => {
    await fixture.emulator?.close();
    await fixture.sink?.close();
  });
  return fixture;
}

/** Collects an async iterable (a `PagedIterable`) into an array. */
export async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}
