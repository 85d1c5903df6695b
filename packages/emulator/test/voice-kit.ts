// Shared setup of the voice tests. One emulator and one callback receiver serve a whole test
// file (starting a server costs more than most tests); every test starts from a reset
// emulator, an empty receiver and a far end that waits for the control API.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../src/index';
import { idFrom, json, OWNED, OWNED_2, STRANGER } from './helpers';

export { idFrom, json, OWNED, OWNED_2, STRANGER };

/** A callback the receiver got. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The event: the JSON body of a POST, the query fields of a GET. */
  event: Record<string, unknown>;
  /** Real time of arrival (performance.now()). */
  at: number;
}

/** The callback receiver of a bench. */
export interface VoiceReceiver {
  url: string;
  readonly received: Received[];
  /** Status to answer on a path (default 200). */
  respond(path: string, status: number): void;
  /** Real ms to wait before answering on a path. */
  delay(path: string, ms: number): void;
  /** Resolves with the first callback (past or future) whose event matches `fields`. */
  next(fields: Record<string, unknown>, timeoutMs?: number): Promise<Received>;
  clear(): void;
  close(): Promise<void>;
}

async function startReceiver(): Promise<VoiceReceiver> {
  const received: Received[] = [];
  const statuses = new Map<string, number>();
  const delays = new Map<string, number>();
  const waiters = new Set<() => void>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://receiver');
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({
        method: request.method ?? '',
        path: url.pathname,
        headers: request.headers,
        event:
          request.method === 'GET'
            ? Object.fromEntries(url.searchParams)
            : (JSON.parse(body || '{}') as Record<string, unknown>),
        at: performance.now(),
      });
      for (const waiter of [...waiters]) waiter();
      const answer = () => {
        response.writeHead(statuses.get(url.pathname) ?? 200);
        response.end();
      };
      const wait = delays.get(url.pathname);
      if (wait) setTimeout(answer, wait);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respond: (path, status) => void statuses.set(path, status),
    delay: (path, ms) => void delays.set(path, ms),
    next(fields, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find((item) => matches(item.event, fields));
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no callback matching ${JSON.stringify(fields)} within ${timeoutMs} ms`),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    clear() {
      received.length = 0;
      statuses.clear();
      delays.clear();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function matches(event: Record<string, unknown>, fields: Record<string, unknown>): boolean {
  return Object.entries(fields).every(([key, value]) => event[key] === value);
}

/** A voice test bench: the emulator, a callback receiver and helpers bound to both. */
export interface VoiceBench {
  emu: Emulator;
  rx: VoiceReceiver;
  /** `/v1/users/{userId}` of the test user. */
  base: string;
  /** The receiver's URL for `path` (default `/cb`). */
  cb(path?: string): string;
  /** JSON request with the test user's credentials; `path` is below `/v1/users/{userId}`. */
  call(method: string, path: string, body?: unknown): Promise<Response>;
  /** The same for an absolute path (`/v1/…`) or a full URL. */
  api(method: string, pathOrUrl: string, body?: unknown): Promise<Response>;
  /** `POST /calls` from the owned number to a stranger with the receiver as callback; the id. */
  createCall(body?: Record<string, unknown>): Promise<string>;
  /** Creates a call, answers it from the far end and waits for its `answer` event. */
  activeCall(body?: Record<string, unknown>): Promise<string>;
  /** The events received for a call, in arrival order. */
  eventsOf(callId: string): Array<Record<string, unknown>>;
  /** Waits for an event (past or future) whose fields match. */
  waitEvent(fields: Record<string, unknown>, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** The call as `GET /calls/{id}` shows it. */
  getCall(callId: string): Promise<Record<string, unknown>>;
}

/**
 * Registers the hooks of a shared bench for the current test file and returns it. `speed`
 * 100 makes a simulated second last 10 ms; the far end never answers by itself.
 */
export function useVoiceBench(options: EmulatorOptions = {}): VoiceBench {
  const bench = {} as VoiceBench;
  beforeAll(async () => {
    const emu = await startEmulator({
      speed: 100,
      autoAnswer: 'never',
      users: [
        { userId: 'u-test', apiToken: 't-test', apiSecret: 's-test', numbers: [OWNED, OWNED_2] },
      ],
      ...options,
    });
    const rx = await startReceiver();
    const authorization = `Basic ${Buffer.from('t-test:s-test').toString('base64')}`;
    const base = '/v1/users/u-test';
    const api = (method: string, pathOrUrl: string, body?: unknown) =>
      fetch(pathOrUrl.startsWith('http') ? pathOrUrl : `${emu.url}${pathOrUrl}`, {
        method,
        headers: {
          authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const call = (method: string, path: string, body?: unknown) =>
      api(method, `${base}${path}`, body);
    const waitEvent = async (fields: Record<string, unknown>, timeoutMs?: number) =>
      (await rx.next(fields, timeoutMs)).event;
    const createCall = async (body: Record<string, unknown> = {}) => {
      const response = await call('POST', '/calls', {
        from: OWNED,
        to: STRANGER,
        callbackUrl: `${rx.url}/cb`,
        ...body,
      });
      expect(response.status, await response.clone().text()).toBe(201);
      return idFrom(response);
    };
    Object.assign(bench, {
      emu,
      rx,
      base,
      api,
      call,
      waitEvent,
      createCall,
      cb: (path = '/cb') => `${rx.url}${path}`,
      eventsOf: (callId: string) =>
        rx.received.map((item) => item.event).filter((event) => event.callId === callId),
      activeCall: async (body: Record<string, unknown> = {}) => {
        const callId = await createCall(body);
        await emu.control.answerCall(callId);
        await waitEvent({ callId, eventType: 'answer' });
        return callId;
      },
      getCall: async (callId: string) => json(await call('GET', `/calls/${callId}`)),
    } satisfies VoiceBench);
  });
  beforeEach(async () => {
    await bench.emu.control.reset();
    bench.rx.clear();
  });
  afterAll(async () => {
    await bench.emu?.close();
    await bench.rx?.close();
  });
  return bench;
}

/** Asserts a v1 error answer: status, code (and category when given); returns the body. */
export async function expectError(
  response: Response,
  status: number,
  code: string,
  category?: string,
): Promise<Record<string, unknown>> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(body.code).toBe(code);
  if (category !== undefined) expect(body.category).toBe(category);
  return body;
}

/** `eventType[:status|reason|cause|dtmfDigit]` of each event, for order assertions. */
export function summary(events: Array<Record<string, unknown>>): string[] {
  return events.map((event) => {
    const detail = event.status ?? event.reason ?? event.cause ?? event.dtmfDigit;
    return detail === undefined ? String(event.eventType) : `${event.eventType}:${detail}`;
  });
}

/** Resolves after `ms` real milliseconds (only to let simulated time pass where no event marks it). */
export function realDelay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
