// The one loopback HTTP recorder of the wire tests: a node:http server on 127.0.0.1 that records
// every request exactly as sent and answers what the test programs (201 + Location, JSON bodies,
// Link pagination, errors), the way the Catapult API would.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** One request as the recorder received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query exactly as sent, still percent-encoded. */
  url: string;
  /** The path of `url`, without the query. */
  path: string;
  /** The query of `url` with its `?`, or `''`. */
  search: string;
  headers: IncomingHttpHeaders;
  /** The raw body bytes (empty when none). */
  bytes: Buffer;
  /** The body as UTF-8 text (`''` when none). */
  body: string;
  /** The parsed JSON body; `undefined` when there is none or it is not JSON. */
  json: unknown;
}

/** What the recorder answers. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A string or bytes are sent as they are; anything else as JSON. */
  body?: unknown;
}

/** Programs the answer to each request. */
export type Responder = (request: RecordedRequest, recorder: Recorder) => Reply;

/** A recording server; every test gets its own or resets a shared one. */
export interface Recorder {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Parsed JSON body of the request at `index`. */
  json(index: number): unknown;
  /** Programs the answers until the next call; the default answer is `200` with no body. */
  answer(reply: Reply | Responder): void;
  /** Answers the next requests in order with these replies, then 200 empty. */
  answerInOrder(...replies: Reply[]): void;
  /** Forgets the recorded requests and the programmed answers. */
  reset(): void;
  close(): Promise<void>;
}

const empty: Responder = () => ({ status: 200 });

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Starts a recorder answering `respond` (default: 200, empty). */
export async function startRecorder(respond: Responder = empty): Promise<Recorder> {
  const requests: RecordedRequest[] = [];
  let responder = respond;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const body = bytes.toString('utf8');
      const url = req.url ?? '/';
      const queryAt = url.indexOf('?');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url,
        path: queryAt === -1 ? url : url.slice(0, queryAt),
        search: queryAt === -1 ? '' : url.slice(queryAt),
        headers: req.headers,
        bytes,
        body,
        json: parseJson(body),
      };
      requests.push(recorded);
      let reply: Reply;
      try {
        reply = responder(recorded, recorder);
      } catch (error) {
        reply = { status: 599, body: String(error) };
      }
      const headers: Record<string, string> = { ...reply.headers };
      let payload: string | Uint8Array = '';
      if (typeof reply.body === 'string' || reply.body instanceof Uint8Array) {
        payload = reply.body;
      } else if (reply.body !== undefined) {
        payload = JSON.stringify(reply.body);
        if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
          headers['content-type'] = 'application/json';
        }
      }
      res.writeHead(reply.status ?? 200, headers);
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const recorder: Recorder = {
    url: `http://127.0.0.1:${port}`,
    requests,
    json: (index) => JSON.parse(requests[index]?.body || 'null'),
    answer(reply) {
      responder = typeof reply === 'function' ? reply : () => reply;
    },
    answerInOrder(...replies) {
      const queue = [...replies];
      responder = () => queue.shift() ?? { status: 200 };
    },
    reset() {
      requests.length = 0;
      responder = empty;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return recorder;
}

/** A JSON reply. */
export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}) {
  return {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(value),
  };
}

/** `201` with a `Location` ending in the new id, as the API answers a create. */
export function created(path: string): Reply {
  return { status: 201, headers: { location: path } };
}

/**
 * One recorder for a test file and a client of it: started before the file's tests, reset before
 * each, closed after. `use` receives both once they exist (tests keep them in their own variables).
 */
export function useRecorder<C>(
  clientFor: (recorder: Recorder) => C,
  use: (started: { recorder: Recorder; client: C }) => void,
): void {
  let recorder: Recorder | undefined;
  beforeAll(async () => {
    recorder = await startRecorder();
    use({ recorder, client: clientFor(recorder) });
  });
  afterAll(() => recorder?.close());
  beforeEach(() => recorder?.reset());
}
