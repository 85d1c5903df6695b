import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { createCallbackHandler, toNodeListener } from '../src/callbacks/index';
import { CallbackError } from '../src/index';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Starts `server` on a free loopback port; resolves with its base URL. */
async function listen(started: Server): Promise<string> {
  server = started;
  await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
}

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

function send(
  url: string,
  options: { method?: string; agent?: Agent; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? 'GET', agent: options.agent });
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          connection: response.headers.connection,
          body,
        }),
      );
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

const events: Record<string, unknown>[] = [];
const handler = createCallbackHandler({
  parse: (payload) => {
    if (typeof payload.eventType !== 'string') throw new CallbackError('no eventType');
    return payload;
  },
  onEvent: (event) => void events.push(event),
});

describe('keep-alive', () => {
  test('GET callbacks reuse one connection: the request is read to its end first', async () => {
    events.length = 0;
    let connections = 0;
    const base = await listen(createServer(handler.node));
    server?.on('connection', () => connections++);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const answers: Answer[] = [];
      for (let i = 0; i < 20; i++) {
        answers.push(await send(`${base}/voice?eventType=answer&n=${i}`, { agent }));
      }
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
      expect(new Set(answers.map((answer) => answer.connection))).toEqual(new Set(['keep-alive']));
      expect(connections).toBe(1);
      expect(events).toHaveLength(20);
    } finally {
      agent.destroy();
    }
  });

  test('GET and POST callbacks, interleaved, share the connection too', async () => {
    let connections = 0;
    const base = await listen(createServer(handler.node));
    server?.on('connection', () => connections++);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = 0; i < 5; i++) {
        const get = await send(`${base}/cb?eventType=gather`, { agent });
        const post = await send(`${base}/cb`, {
          agent,
          method: 'POST',
          body: JSON.stringify({ eventType: 'sms' }),
        });
        expect([get.status, get.connection, post.status, post.connection]).toEqual([
          200,
          'keep-alive',
          200,
          'keep-alive',
        ]);
      }
      expect(connections).toBe(1);
    } finally {
      agent.destroy();
    }
  });
});

describe('a request another layer has already read', () => {
  test('read without leaving req.body: answered (400 from the handler) instead of hanging', {
    timeout: 3000,
  }, async () => {
    const base = await listen(
      createServer((req, res) => {
        // A framework's body parser that keeps what it read to itself (Fastify keeps it on its
        // own request object, not on the node one) and routes the request a moment later, once
        // the stream has ended and closed.
        req.resume();
        req.on('close', () => setTimeout(() => handler.node(req, res), 10));
      }),
    );
    const answer = await send(`${base}/cb`, {
      method: 'POST',
      body: JSON.stringify({ eventType: 'sms' }),
    });
    expect(answer.status).toBe(400);
    expect(answer.connection).toBe('keep-alive');
  });

  test('a GET whose stream was read already is answered from its query', {
    timeout: 3000,
  }, async () => {
    const seen: string[] = [];
    const listener = toNodeListener(async (request) => {
      seen.push(new URL(request.url).search);
      return new Response('ok');
    });
    const base = await listen(
      createServer((req, res) => {
        req.resume();
        req.on('close', () => setTimeout(() => listener(req, res), 10));
      }),
    );
    const answer = await send(`${base}/cb?eventType=answer`);
    expect([answer.status, answer.body]).toEqual([200, 'ok']);
    expect(seen).toEqual(['?eventType=answer']);
  });
});
