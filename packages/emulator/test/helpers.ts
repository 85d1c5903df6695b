import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../src/index';

/** Owned number of the default test user. */
export const OWNED = '+19195551212';
/** A second owned number. */
export const OWNED_2 = '+19195551313';
/** A number nobody owns. */
export const STRANGER = '+14045550100';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((item) => item.close()));
});

/** A started emulator with a raw-fetch helper; closed after the test. */
export interface TestEmulator extends Emulator {
  /** `fetch` to `${url}${path}` with the first user's Basic auth and JSON handling. */
  api(method: string, path: string, body?: unknown, init?: RequestInit): Promise<Response>;
  /** `/v1/users/{userId}` of the first user. */
  base: string;
  /** The Authorization header value of the first user. */
  authorization: string;
}

/** Starts an emulator (fast clock, one user owning two numbers unless overridden). */
export async function emulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const started = await startEmulator({
    speed: 1000,
    users: [
      {
        userId: 'u-test',
        apiToken: 't-test',
        apiSecret: 's-test',
        numbers: [OWNED, OWNED_2],
      },
    ],
    ...options,
  });
  running.push(started);
  const authorization = `Basic ${Buffer.from(`${started.credentials.apiToken}:${started.credentials.apiSecret}`).toString('base64')}`;
  const api = (method: string, path: string, body?: unknown, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', authorization);
    let payload: RequestInit['body'];
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof Uint8Array) {
        payload = body as RequestInit['body'];
      } else {
        headers.set('content-type', 'application/json');
        payload = JSON.stringify(body);
      }
    }
    return fetch(`${started.url}${path}`, { ...init, method, headers, body: payload });
  };
  return Object.assign(started, {
    api,
    base: `/v1/users/${started.credentials.userId}`,
    authorization,
  });
}

/** The id at the end of a `Location` header. */
export function idFrom(response: Response): string {
  const location = response.headers.get('location');
  if (!location) throw new Error(`No Location header (status ${response.status})`);
  return decodeURIComponent(new URL(location).pathname.split('/').filter(Boolean).pop() ?? '');
}

/** The JSON body of a response. */
export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** One request a {@link Receiver} got. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  json(): Record<string, unknown>;
}

/** A local callback receiver (node:http on port 0). */
export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** Status (and optional body) to answer on a path; default 200. */
  respond(path: string, status: number, body?: string, contentType?: string): void;
  /** Delay (ms) before answering on a path. */
  delay(path: string, ms: number): void;
  /** Resolves with the first request (past or future) that satisfies `predicate`. */
  next(
    predicate?: (request: ReceivedRequest) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

/** Starts a callback receiver; closed after the test. */
export async function receiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const answers = new Map<string, { status: number; body: string; contentType: string }>();
  const delays = new Map<string, number>();
  const waiters = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://receiver');
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: request.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body,
        json: () => JSON.parse(body) as Record<string, unknown>,
      });
      for (const waiter of [...waiters]) waiter();
      const answer = answers.get(url.pathname) ?? {
        status: 200,
        body: '',
        contentType: 'text/plain',
      };
      const send = () => {
        response.writeHead(answer.status, { 'content-type': answer.contentType });
        response.end(answer.body);
      };
      const wait = delays.get(url.pathname);
      if (wait) setTimeout(send, wait);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const result: Receiver = {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond(path, status, body = '', contentType = 'text/plain') {
      answers.set(path, { status, body, contentType });
    },
    delay(path, ms) {
      delays.set(path, ms);
    },
    next(predicate = () => true, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = requests.find(predicate);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`receiver: no matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  running.push(result);
  return result;
}
