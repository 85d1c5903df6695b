// Shared setup of the BXML tests: one emulator and one BXML app (a node:http server that
// answers each path with a document) per test file; every test starts from a reset emulator
// and an app with no routes. The far end never answers by itself.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BxmlResponse, toXml } from '@bw/bxml';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import {
  type BxmlVerbTraceEntry,
  type Emulator,
  type EmulatorOptions,
  startEmulator,
  type TraceEntry,
} from '../src/index';
import { idFrom, json, OWNED, OWNED_2, STRANGER } from './helpers';

export { json, OWNED, OWNED_2, STRANGER };

/**
 * Simulated time runs 50× faster: a 30 s end-of-document wait takes 0.6 s, and a far end
 * driven by the test has comfortable real-time windows (a 30 s inter-digit timeout is 0.6 s).
 */
export const SPEED = 50;

/** A request the BXML app received. */
export interface AppRequest {
  method: string;
  path: string;
  /** The query fields of a GET, the JSON body of a POST. */
  event: Record<string, string>;
  /** Real time it arrived (`Date.now()`). */
  at: number;
}

/** What the app answers on a path. */
export interface AppAnswer {
  status?: number;
  /** Raw body (a BXML document built with `@bw/bxml`, or malformed text). */
  body?: string;
  /** Real ms to wait before answering. */
  delayMs?: number;
}

/** Answers a request: a document, a full answer, or nothing (200, empty body). */
export type AppRoute =
  | BxmlResponse
  | AppAnswer
  | ((request: AppRequest) => BxmlResponse | AppAnswer | undefined);

/** The test's BXML application. */
export interface BxmlApp {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly requests: AppRequest[];
  /** The app's URL for `path`. */
  at(path: string): string;
  /** Sets what `path` answers (unset paths answer 200 with an empty body). */
  route(path: string, answer: AppRoute): void;
  /** Resolves with the first request (past or future) that matches `fields` (and `path`). */
  next(fields: Record<string, string>, path?: string, timeoutMs?: number): Promise<AppRequest>;
  /** Requests about one call, in arrival order, as `eventType@path`. */
  story(callId: string): string[];
}

function isDocument(value: unknown): value is BxmlResponse {
  return (value as { verb?: unknown } | undefined)?.verb === 'Response';
}

async function startApp(): Promise<BxmlApp & { close(): Promise<void>; clear(): void }> {
  const requests: AppRequest[] = [];
  const routes = new Map<string, AppRoute>();
  const waiters = new Set<() => void>();
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://app');
      const text = Buffer.concat(chunks).toString('utf8');
      const request: AppRequest = {
        method: incoming.method ?? '',
        path: url.pathname,
        event:
          incoming.method === 'GET'
            ? Object.fromEntries(url.searchParams)
            : (JSON.parse(text || '{}') as Record<string, string>),
        at: Date.now(),
      };
      requests.push(request);
      for (const waiter of [...waiters]) waiter();
      const route = routes.get(url.pathname);
      const chosen = typeof route === 'function' ? route(request) : route;
      const answer: AppAnswer = isDocument(chosen) ? { body: toXml(chosen) } : (chosen ?? {});
      const send = () => {
        outgoing.writeHead(answer.status ?? 200, { 'content-type': 'application/xml' });
        outgoing.end(answer.body ?? '');
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const matches = (request: AppRequest, fields: Record<string, string>, path?: string) =>
    (path === undefined || request.path === path) &&
    Object.entries(fields).every(([key, value]) => request.event[key] === value);
  return {
    url,
    requests,
    at: (path) => `${url}${path}`,
    route: (path, answer) => void routes.set(path, answer),
    next(fields, path, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = requests.find((request) => matches(request, fields, path));
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`app: no request matching ${JSON.stringify(fields)} ${path ?? ''}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    story: (callId) =>
      requests
        .filter((request) => request.event.callId === callId)
        .map((request) => `${request.event.eventType}@${request.path}`),
    clear() {
      requests.length = 0;
      routes.clear();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A BXML test bench: the emulator, the app, and helpers bound to both. */
export interface BxmlBench {
  emu: Emulator;
  app: BxmlApp;
  /** JSON request to `/v1/users/u-test{path}` with the test user's credentials. */
  call(method: string, path: string, body?: unknown): Promise<Response>;
  /** An outbound GET-mode call whose answer is fetched from `path`; answered at once. */
  outbound(path: string, body?: Record<string, unknown>): Promise<string>;
  /** An application (GET, auto-answer) whose incomingCallUrl is `path`, on `OWNED`. */
  inboundApp(path: string): Promise<void>;
  /** The executed verbs of a call. */
  verbs(callId: string): Promise<BxmlVerbTraceEntry[]>;
  /** The call's whole trace. */
  trace(callId: string): Promise<TraceEntry[]>;
  /** Waits until the call's trace holds a verb entry that satisfies `predicate`. */
  verbReached(
    callId: string,
    predicate: (entry: BxmlVerbTraceEntry) => boolean,
  ): Promise<BxmlVerbTraceEntry>;
  /** Waits for the call's `hangup` event at the app; returns its fields. */
  hungUp(callId: string): Promise<Record<string, string>>;
  /** `GET /calls/{id}` */
  getCall(callId: string): Promise<Record<string, unknown>>;
  /** The user's error log. */
  errors(): Promise<Array<Record<string, unknown>>>;
}

/** Registers the hooks of a shared bench for the current test file and returns it. */
export function useBxmlBench(options: EmulatorOptions = {}): BxmlBench {
  const bench = {} as BxmlBench;
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  beforeAll(async () => {
    const emu = await startEmulator({
      speed: SPEED,
      autoAnswer: 'never',
      users: [
        { userId: 'u-test', apiToken: 't-test', apiSecret: 's-test', numbers: [OWNED, OWNED_2] },
      ],
      ...options,
    });
    app = await startApp();
    const authorization = `Basic ${Buffer.from('t-test:s-test').toString('base64')}`;
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${emu.url}/v1/users/u-test${path}`, {
        method,
        headers: {
          authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const verbs = (callId: string) => emu.control.trace(callId, { type: 'verb' });
    const started = app;
    Object.assign(bench, {
      emu,
      app: started,
      call,
      verbs,
      trace: (callId: string) => emu.control.trace(callId),
      async outbound(path: string, body: Record<string, unknown> = {}) {
        const created = await call('POST', '/calls', {
          from: OWNED,
          to: STRANGER,
          callbackUrl: started.at(path),
          callbackHttpMethod: 'GET',
          ...body,
        });
        expect(created.status, await created.clone().text()).toBe(201);
        const callId = idFrom(created);
        await emu.control.answerCall(callId);
        return callId;
      },
      async inboundApp(path: string) {
        const created = await call('POST', '/applications', {
          name: 'ivr',
          incomingCallUrl: started.at(path),
          callbackHttpMethod: 'GET',
          autoAnswer: true,
        });
        expect(created.status).toBe(201);
        const applicationId = idFrom(created);
        const numbers = await json<Array<{ id: string; number: string }>>(
          await call('GET', '/phoneNumbers'),
        );
        const number = numbers.find((candidate) => candidate.number === OWNED);
        const attached = await call('POST', `/phoneNumbers/${number?.id}`, { applicationId });
        expect(attached.status).toBe(200);
      },
      verbReached(callId: string, predicate: (entry: BxmlVerbTraceEntry) => boolean) {
        return emu.control.waitForTrace(callId, predicate, { type: 'verb' });
      },
      async hungUp(callId: string) {
        return (await started.next({ callId, eventType: 'hangup' })).event;
      },
      getCall: async (callId: string) => json(await call('GET', `/calls/${callId}`)),
      errors: async () => json<Array<Record<string, unknown>>>(await call('GET', '/errors')),
    } satisfies BxmlBench);
  });
  beforeEach(async () => {
    await bench.emu.control.reset();
    app?.clear();
  });
  afterAll(async () => {
    await bench.emu?.close();
    await app?.close();
  });
  return bench;
}

/** `verb:outcome` of each executed verb, in order. */
export function verbSummary(entries: readonly BxmlVerbTraceEntry[]): string[] {
  return entries.map((entry) => `${entry.verb}:${entry.outcome}`);
}
