// A loopback HTTP server that records every request and answers like the Catapult API would
// (201 + Location, 200 empty, JSON bodies, Link pagination), as each test programs it.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VoiceClient } from '../src/index';

export interface RecordedRequest {
  method: string;
  /** Path exactly as sent, still percent-encoded, without the query. */
  path: string;
  /** Query string exactly as sent, with `?`, or `''`. */
  search: string;
  headers: IncomingHttpHeaders;
  /** Raw body text (`''` when none). */
  body: string;
  /** The parsed JSON body, or `undefined` when no body was sent. */
  json: unknown;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
}

export type Responder = (request: RecordedRequest, recorder: Recorder) => Reply;

export interface Recorder {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Programs the answers until the next call; the default answer is `200` with no body. */
  answer(reply: Reply | Responder): void;
  /** Answers the next requests in order with these replies, then 200 empty. */
  answerInOrder(...replies: Reply[]): void;
  /** Forgets the recorded requests and the programmed answers. */
  reset(): void;
  close(): Promise<void>;
}

export async function startRecorder(): Promise<Recorder> {
  const requests: RecordedRequest[] = [];
  let responder: Responder = () => ({ status: 200 });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const target = req.url ?? '/';
      const queryAt = target.indexOf('?');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: queryAt === -1 ? target : target.slice(0, queryAt),
        search: queryAt === -1 ? '' : target.slice(queryAt),
        headers: req.headers,
        body,
        json: body === '' ? undefined : JSON.parse(body),
      };
      requests.push(recorded);
      let reply: Reply;
      try {
        reply = responder(recorded, recorder);
      } catch (error) {
        reply = { status: 599, body: String(error) };
      }
      const headers: Record<string, string> = { ...reply.headers };
      let payload = '';
      if (reply.body !== undefined) {
        if (typeof reply.body === 'string') {
          payload = reply.body;
        } else {
          payload = JSON.stringify(reply.body);
          headers['content-type'] ??= 'application/json';
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
    answer(reply) {
      responder = typeof reply === 'function' ? reply : () => reply;
    },
    answerInOrder(...replies) {
      const queue = [...replies];
      responder = () => queue.shift() ?? { status: 200 };
    },
    reset() {
      requests.length = 0;
      responder = () => ({ status: 200 });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return recorder;
}

/** The user id the test clients use, and its path prefix. */
export const userId = 'u-test';
export const userPrefix = `/v1/users/${userId}`;

/** A client of the recorder, without retries so every request shows up exactly once. */
export function clientFor(recorder: Recorder): VoiceClient {
  return new VoiceClient(userId, 'token-value', 'secret-value', {
    baseUrl: recorder.url,
    retry: false,
  });
}

/** `201` with a `Location` ending in `id`, as the API answers a create. */
export function created(path: string): Reply {
  return { status: 201, headers: { location: path } };
}
