// The one receiver of the callback tests: a node:http server on 127.0.0.1 that either serves a
// callback handler of ours (the messaging and voice handler tests) or records every callback the
// emulator sends exactly as an app would receive it (method, path, query, raw body) and answers
// the BXML document set for its path (the voice emulator tests). Either way, tests await what
// arrived through an `Inbox`.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A `node:http` server on 127.0.0.1, on a free port. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `url` with `user:password@` in it, as Bandwidth callback URLs carry Basic credentials. */
  urlWith(username: string, password: string): string;
  close(): Promise<void>;
}

/** Serves `listener` (a handler's `.node`, or a recording listener) on a loopback port. */
export async function listenLoopback(listener: RequestListener): Promise<LoopbackServer> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    urlWith: (username, password) =>
      `http://${encodeURIComponent(username)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Collects items (events, deliveries, statuses) and lets a test await the first that matches. */
export class Inbox<T> {
  readonly items: T[] = [];
  // Each waiter looks only at new items (it scanned the old ones when it started), so hundreds
  // of concurrent waiters stay cheap.
  readonly #waiters = new Set<(item: T) => void>();

  readonly push = (item: T): void => {
    this.items.push(item);
    for (const waiter of [...this.#waiters]) waiter(item);
  };

  /** The first item, already received or still to come, that `match` accepts. */
  next(match: (item: T) => boolean, timeoutMs = 5000, what = 'a matching item'): Promise<T> {
    const found = this.items.find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = (item: T) => {
        if (!match(item)) return;
        this.#waiters.delete(waiter);
        clearTimeout(timer);
        resolve(item);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** Forgets what arrived (waiters keep waiting). */
  clear(): void {
    this.items.length = 0;
  }
}

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

/** Receives callbacks, records them, and lets tests wait for them. */
export interface CallbackSink extends LoopbackServer {
  readonly deliveries: Delivery[];
  /** Resolves with the first delivery (past or future) whose event has these field values. */
  next(fields: Record<string, unknown>, timeoutMs?: number): Promise<Delivery>;
  /** The events whose `callId` is this call's, in arrival order. */
  eventsOf(callId: string): Array<Record<string, unknown>>;
  /** Answers callbacks to `path` with this BXML document (default: 200, empty). */
  respondWithBxml(path: string, xml: string): void;
  /** Forgets the deliveries and the documents. */
  clear(): void;
}

/** Starts a sink that records every callback and answers 200 (with a BXML document if set). */
export async function startCallbackSink(): Promise<CallbackSink> {
  const inbox = new Inbox<Delivery>();
  const documents = new Map<string, string>();
  const server = await listenLoopback((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
      const body = Buffer.concat(chunks).toString('utf8');
      inbox.push({
        method: request.method ?? '',
        path: url.pathname,
        search: url.search,
        body,
        event:
          request.method === 'GET'
            ? Object.fromEntries(url.searchParams)
            : (JSON.parse(body || '{}') as Record<string, unknown>),
        url: url.toString(),
      });
      const xml = documents.get(url.pathname);
      response.writeHead(200, xml === undefined ? {} : { 'content-type': 'application/xml' });
      response.end(xml ?? '');
    });
  });
  const matches = (delivery: Delivery, fields: Record<string, unknown>) =>
    Object.entries(fields).every(([key, value]) => delivery.event[key] === value);
  return {
    ...server,
    deliveries: inbox.items,
    next: (fields, timeoutMs) =>
      inbox.next(
        (delivery) => matches(delivery, fields),
        timeoutMs,
        `callback with ${JSON.stringify(fields)}`,
      ),
    eventsOf: (callId) =>
      inbox.items.map((delivery) => delivery.event).filter((event) => event.callId === callId),
    respondWithBxml: (path, xml) => void documents.set(path, xml),
    clear() {
      inbox.clear();
      documents.clear();
    },
  };
}
