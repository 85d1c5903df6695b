import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import {
  connect as connectHttp2,
  createServer as createHttp2Server,
  type Http2Server,
} from 'node:http2';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import {
  type CallbackHandler,
  createCallbackHandler,
  type NodeResponseLike,
  toNodeListener,
} from '../src/callbacks/index';
import { searchOf } from '../src/callbacks/node';
import { CallbackError } from '../src/index';

let server: Server | Http2Server | undefined;
afterEach(async () => {
  if (server && 'closeAllConnections' in server) server.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Starts `server` on a free loopback port; resolves with its base URL. */
async function listen(started: Server | Http2Server): Promise<string> {
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

describe.each([
  ['handler.node', (h: CallbackHandler) => h.node],
  ['toNodeListener(handler)', (h: CallbackHandler) => toNodeListener(h)],
])('GETs on one connection, through %s', (_path, listenerOf) => {
  test('a GET that declares a body is read past it; the next, declaring none, is answered too', async () => {
    events.length = 0;
    const base = await listen(createServer(listenerOf(handler)));
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    try {
      let received = '';
      const both = new Promise<void>((resolve, reject) => {
        socket.setEncoding('latin1');
        socket.on('data', (chunk: string) => {
          received += chunk;
          if (received.split('HTTP/1.1 ').length - 1 === 2) resolve();
        });
        socket.on('error', reject);
        socket.on('close', () => reject(new Error(`closed after ${JSON.stringify(received)}`)));
      });
      socket.write(
        'GET /cb?eventType=answer HTTP/1.1\r\nHost: cb.test\r\nContent-Length: 3\r\n\r\nabc' +
          'GET /cb?eventType=gather HTTP/1.1\r\nHost: cb.test\r\n\r\n',
      );
      await both;
      expect(received.match(/^HTTP\/1\.1 \d+/gm)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200']);
      expect(received.toLowerCase()).not.toContain('connection: close');
      // Pipelined, the second needs no reading and may reach `onEvent` first; answers keep order.
      expect(events.map((event) => event.eventType).sort()).toEqual(['answer', 'gather']);
    } finally {
      socket.destroy();
    }
  });
});

describe("a GET callback's query, read without parsing the whole URL", () => {
  const targets = [
    '/cb',
    '/cb?',
    '/cb?eventType=answer',
    '/cb?eventType=answer&tag=a+b%2Bc&x=%C3%BC&empty=&flag',
    '/cb?eventType=answer&tag=%23x#fragment?a=1',
    '/cb#only-a-fragment?eventType=answer',
    "/cb?eventType=answer&q='quoted'&lt=<>&sp=%20&raw=é",
    'http://cb.test/cb?eventType=gather&digits=5',
    '/cb?eventType=answer&eventType=gather',
    '/cb??eventType=answer',
  ];
  test.each(targets)('%s: the fields the URL parser would give', (target) => {
    const byUrl = [...new URLSearchParams(new URL(target, 'http://localhost').search)];
    expect([...new URLSearchParams(searchOf(target))]).toEqual(byUrl);
  });

  test('over the wire: the event has the query fields, the fragment left out', async () => {
    events.length = 0;
    const base = await listen(createServer(handler.node));
    const answer = await exchange(base, [
      'GET /cb?eventType=answer&tag=a+b%2Bc&to=%2B14045550001#frag HTTP/1.1\r\nHost: cb.test\r\n\r\n',
    ]);
    expect(answer.status).toBe(200);
    expect(events).toHaveLength(1);
    expect({ ...events[0] }).toEqual({ eventType: 'answer', tag: 'a b+c', to: '+14045550001' });
  });
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes `parts` to a new connection, `gapMs` apart (so each arrives as its own chunk), and reads
 * one answer; stops writing once it has come. Rejects when no answer comes within `waitMs`.
 */
function exchange(
  url: string,
  parts: string[],
  { gapMs = 20, head = false, waitMs = 1500 } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    let received = Buffer.alloc(0);
    let answered = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${waitMs} ms`));
    }, waitMs);
    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data]);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine = '', ...lines] = received
        .subarray(0, end)
        .toString('latin1')
        .split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = head ? 0 : Number(headers['content-length'] ?? 0);
      if (received.byteLength < end + 4 + length) return;
      answered = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: received.subarray(end + 4, end + 4 + length).toString('utf8'),
      });
    });
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      if (!answered) reject(new Error('closed without an answer'));
    });
    void (async () => {
      for (const [index, part] of parts.entries()) {
        if (answered) return;
        if (index > 0) await new Promise((wait) => setTimeout(wait, gapMs));
        if (!answered) socket.write(part);
      }
    })();
  });
}

/** The head of a POST to `/cb`, with `headers` (`Name: value` lines). */
const postHead = (...headers: string[]) =>
  ['POST /cb HTTP/1.1', 'Host: cb.test', ...headers, '', ''].join('\r\n');

const limit = 32;
// Exactly `limit` bytes of JSON.
const exact = JSON.stringify({ eventType: 'sms', text: 'abc' });

describe.each([
  ['handler.node', (h: CallbackHandler) => h.node],
  ['toNodeListener(handler)', (h: CallbackHandler) => toNodeListener(h, { maxBodyBytes: limit })],
])('the body as the connection delivers it, through %s', (_path, listenerOf) => {
  const delivered: Record<string, unknown>[] = [];
  const limited = createCallbackHandler({
    parse: (payload) => {
      if (typeof payload.eventType !== 'string') throw new CallbackError('no eventType');
      return payload;
    },
    onEvent: (event) => void delivered.push({ ...event }),
    maxBodyBytes: limit,
  });
  const start = () => {
    delivered.length = 0;
    return listen(createServer(listenerOf(limited)));
  };

  test('a body of exactly maxBodyBytes is accepted; one byte more is a 413', async () => {
    expect(exact).toHaveLength(limit);
    const base = await start();
    const type = 'Content-Type: application/json';
    const fits = await exchange(base, [postHead(type, `Content-Length: ${limit}`) + exact]);
    const over = await exchange(base, [
      postHead(type, `Content-Length: ${limit + 1}`) + exact + ' ',
    ]);
    expect([fits.status, fits.headers.connection, over.status, over.body]).toEqual([
      200,
      'keep-alive',
      413,
      `Callback body exceeds ${limit} bytes`,
    ]);
    expect(delivered).toEqual([{ eventType: 'sms', text: 'abc' }]);
  });

  test('exactly maxBodyBytes, then one byte more a moment later, is a 413', async () => {
    const base = await start();
    // Chunked, with no declared length: the limit is found while reading.
    const head = postHead('Content-Type: application/json', 'Transfer-Encoding: chunked');
    const answer = await exchange(base, [`${head}20\r\n${exact}\r\n`, '1\r\n \r\n0\r\n\r\n']);
    expect([answer.status, answer.headers.connection]).toEqual([413, 'close']);
    expect(delivered).toEqual([]);
  });

  test('a body in several chunks is read whole', async () => {
    const base = await start();
    const body = JSON.stringify({ eventType: 'sms', text: 'xyz' });
    const head = postHead('Content-Type: application/json', `Content-Length: ${body.length}`);
    const answer = await exchange(base, [
      head + body.slice(0, 5),
      body.slice(5, 19),
      body.slice(19),
    ]);
    expect(answer.status).toBe(200);
    expect(delivered).toEqual([{ eventType: 'sms', text: 'xyz' }]);
  });

  test('a declared Content-Length over the limit is refused at once, the body unread', async () => {
    const base = await start();
    // The body never comes: the answer must not wait for it.
    const answer = await exchange(base, [postHead('Content-Length: 5000')]);
    expect([answer.status, answer.headers.connection, answer.body]).toEqual([
      413,
      'close',
      `Callback body exceeds ${limit} bytes`,
    ]);
  });

  test('a chunked body that passes the limit is refused without waiting for its end', async () => {
    const base = await start();
    const data = 'x'.repeat(limit + 5);
    const head = postHead('Content-Type: application/json', 'Transfer-Encoding: chunked');
    // No closing `0` chunk: the client is still sending.
    const answer = await exchange(base, [`${head}${data.length.toString(16)}\r\n${data}\r\n`]);
    expect([answer.status, answer.headers.connection]).toEqual([413, 'close']);
  });

  test('a body of only whitespace is empty: the payload is the query', async () => {
    const base = await start();
    const answer = await exchange(base, [
      `${postHead('Content-Length: 3').replace('/cb', '/cb?eventType=hangup')} \r\n`,
    ]);
    expect(answer.status).toBe(200);
    expect(delivered).toEqual([{ eventType: 'hangup' }]);
  });

  test('the content type decides how the body is read', async () => {
    const base = await start();
    const form = 'eventType=sms&text=a+b';
    const asJson = await exchange(base, [
      postHead('Content-Type: application/json', `Content-Length: ${form.length}`) + form,
    ]);
    const asForm = await exchange(base, [
      postHead(
        'Content-Type: application/x-www-form-urlencoded',
        `Content-Length: ${form.length}`,
      ) + form,
    ]);
    expect([asJson.status, asJson.body, asForm.status]).toEqual([
      400,
      'Callback body is not a JSON object',
      200,
    ]);
    expect(delivered).toEqual([{ eventType: 'sms', text: 'a b' }]);
  });

  test.each(['GET', 'HEAD'])(
    'a %s is answered from its query, whatever body it carries',
    async (method) => {
      const base = await start();
      const answer = await exchange(
        base,
        [
          `${method} /cb?eventType=answer HTTP/1.1\r\nHost: cb.test\r\nContent-Length: 5\r\n\r\nhello`,
        ],
        { head: method === 'HEAD' },
      );
      // Read to its end, the request leaves the connection open for the next one.
      expect([answer.status, answer.headers.connection]).toEqual([200, 'keep-alive']);
      expect(delivered).toEqual([{ eventType: 'answer' }]);
    },
  );

  test('a request another layer destroys mid-body is still answered (400), not left pending', async () => {
    delivered.length = 0;
    let logged: Promise<unknown> | undefined;
    const listener = listenerOf(limited);
    const base = await listen(
      createServer((req, res) => {
        // What a response-logging layer records: the status, type and body the listener ends with.
        logged = new Promise((resolve) => {
          const timer = setTimeout(() => resolve('still pending after 1 s'), 1000);
          const end = res.end.bind(res);
          res.end = ((body?: Uint8Array) => {
            clearTimeout(timer);
            resolve([
              res.statusCode,
              res.getHeader('content-type'),
              Buffer.from(body ?? []).toString(),
            ]);
            return end(body);
          }) as typeof res.end;
        });
        listener(req, res);
        // A timeout layer giving up on a slow body: `destroy()` without an error.
        req.once('data', () => req.destroy());
      }),
    );
    const head = postHead('Content-Type: application/json', 'Content-Length: 30');
    await expect(exchange(base, [`${head}{"eventType"`])).rejects.toThrow();
    expect(await logged).toEqual([400, 'text/plain;charset=UTF-8', 'Bad Request']);
    expect(delivered).toEqual([]);
  });
});

/**
 * A server whose body parser (like `express.json()`, `express.text()`, `express.raw()` or
 * `express.urlencoded()`) reads the stream before the route, leaving `parsed(bytes)` as `req.body`.
 */
function parsingServer(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  parsed: (bytes: Buffer) => unknown,
): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      Object.assign(req, { body: parsed(Buffer.concat(chunks)) });
      listener(req, res);
    });
  });
}

const parsers: [string, (bytes: Buffer) => unknown][] = [
  ['a string (express.text)', (bytes) => bytes.toString('utf8')],
  ['a Buffer (express.raw)', (bytes) => bytes],
  [
    'an object (express.urlencoded)',
    (bytes) => Object.fromEntries(new URLSearchParams(`${bytes}`)),
  ],
];

describe.each([
  ['handler.node', (h: CallbackHandler) => h.node],
  ['toNodeListener(handler)', (h: CallbackHandler) => toNodeListener(h)],
])('a form body a parser already read, through %s', (_path, listenerOf) => {
  test.each(parsers)('req.body as %s gives the event', async (_label, parsed) => {
    const events: unknown[] = [];
    const callbacks = createCallbackHandler({
      parse: (payload) => payload,
      onEvent: (event) => void events.push({ ...event }),
    });
    const base = await listen(parsingServer(listenerOf(callbacks), parsed));
    const response = await fetch(`${base}/cb`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'eventType=sms&text=a+b',
    });
    expect(response.status).toBe(200);
    expect(events).toEqual([{ eventType: 'sms', text: 'a b' }]);
  });
});

describe('toNodeListener hands a generic handler what a parser left', () => {
  const echo = toNodeListener(async (request) =>
    Response.json({
      method: request.method,
      type: request.headers.get('content-type'),
      trace: request.headers.get('x-trace'),
      body: await request.text(),
    }),
  );
  const post = (base: string) =>
    fetch(`${base}/cb`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-trace': 't-1' },
      body: 'a=1',
    }).then((response) => response.json());

  test.each(parsers.slice(0, 2))(
    '%s as it is, with its own content type',
    async (_label, parsed) => {
      const base = await listen(parsingServer(echo, parsed));
      expect(await post(base)).toEqual({
        method: 'POST',
        type: 'text/plain',
        trace: 't-1',
        body: 'a=1',
      });
    },
  );

  test('an object as JSON text, typed application/json', async () => {
    const base = await listen(parsingServer(echo, () => ({ a: '1', list: ['x'] })));
    expect(await post(base)).toEqual({
      method: 'POST',
      type: 'application/json',
      trace: 't-1',
      body: '{"a":"1","list":["x"]}',
    });
  });

  test('no req.body: the same method and headers, with no body', async () => {
    const base = await listen(parsingServer(echo, () => undefined));
    expect(await post(base)).toEqual({
      method: 'POST',
      type: 'text/plain',
      trace: 't-1',
      body: '',
    });
  });
});

describe('toNodeListener answers what the handler cannot', () => {
  test('a method the Fetch API refuses (TRACE): 400 Bad Request, the handler not called', async () => {
    let calls = 0;
    const base = await listen(
      createServer(
        toNodeListener(async () => {
          calls++;
          return new Response('ok');
        }),
      ),
    );
    const answer = await exchange(base, ['TRACE /cb HTTP/1.1\r\nHost: cb.test\r\n\r\n']);
    expect([answer.status, answer.headers['content-type'], answer.body]).toEqual([
      400,
      'text/plain;charset=UTF-8',
      'Bad Request',
    ]);
    expect(calls).toBe(0);
  });

  test('a reply whose body fails before anything is sent: 500', async () => {
    const base = await listen(
      createServer(
        toNodeListener(
          async () =>
            new Response(
              new ReadableStream({
                pull(controller) {
                  controller.error(new Error('disk gone'));
                },
              }),
            ),
        ),
      ),
    );
    const answer = await exchange(base, ['GET /cb HTTP/1.1\r\nHost: cb.test\r\n\r\n']);
    expect([answer.status, answer.body]).toEqual([500, '']);
  });

  test('headers another layer already sent: the answer is cut, never ended as if whole', async () => {
    const listener = toNodeListener(async () => new Response('late'));
    const base = await listen(
      createServer((req, res) => {
        res.writeHead(200, { 'x-early': '1' });
        res.flushHeaders();
        listener(req, res);
      }),
    );
    const outcome = await new Promise<string>((resolve) => {
      const request = httpRequest(`${base}/cb`, (response) => {
        response.on('error', () => resolve(`cut after ${response.headers['x-early']}`));
        response.on('aborted', () => resolve(`cut after ${response.headers['x-early']}`));
        response.on('end', () => resolve('ended'));
        response.resume();
      });
      request.on('error', () => resolve('no answer'));
      request.end();
    });
    expect(outcome).toBe('cut after 1');
  });

  test('a body over the limit reaches the handler cut at maxBodyBytes + 1 bytes, then an error', async () => {
    const seen: string[] = [];
    const base = await listen(
      createServer(
        toNodeListener(
          async (request) => {
            const reader = (request.body as ReadableStream<Uint8Array>).getReader();
            let bytes = 0;
            try {
              for (let read = await reader.read(); !read.done; read = await reader.read()) {
                bytes += read.value.byteLength;
              }
              seen.push(`${bytes} bytes, ended`);
            } catch (error) {
              seen.push(`${bytes} bytes, then ${(error as Error).message}`);
            }
            return new Response(null, { status: 413 });
          },
          { maxBodyBytes: 10 },
        ),
      ),
    );
    // One chunk of 40 bytes, far over the limit.
    const answer = await exchange(base, [
      `${postHead('Transfer-Encoding: chunked')}28\r\n${'x'.repeat(40)}\r\n`,
    ]);
    expect([answer.status, answer.headers.connection]).toEqual([413, 'close']);
    expect(seen).toEqual(['11 bytes, then body exceeds 10 bytes']);
  });
});

/**
 * Sends one request over HTTP/2 to a server running `listener` (each listener of `callbacks`
 * in turn: `.node` and `toNodeListener`); resolves with the statuses.
 */
async function overHttp2(
  callbacks: CallbackHandler,
  headers: Record<string, string>,
  body?: string,
): Promise<number[]> {
  const statuses: number[] = [];
  for (const listener of [callbacks.node, toNodeListener(callbacks)]) {
    // The compatibility response's `end` overloads differ from `node:http`'s in type only.
    const base = await listen(
      createHttp2Server((req, res) => listener(req, res as unknown as NodeResponseLike)),
    );
    const client = connectHttp2(base);
    try {
      statuses.push(
        await new Promise<number>((resolve, reject) => {
          const stream = client.request(headers);
          stream.on('response', (answer) => resolve(Number(answer[':status'])));
          stream.on('error', reject);
          stream.end(body);
        }),
      );
    } finally {
      client.close();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      server = undefined;
    }
  }
  return statuses;
}

test('HTTP/2 (node:http2 compatibility API): the pseudo-headers stay out of the Request', async () => {
  const seen: unknown[] = [];
  const callbacks = createCallbackHandler({
    parse: (payload) => payload,
    onEvent: (event, request) => {
      seen.push({
        event: { ...event },
        method: request.method,
        path: new URL(request.url).pathname,
        trace: request.headers.get('x-trace'),
        pseudo: [...request.headers.keys()].filter((name) => name.startsWith(':')),
      });
    },
  });
  const headers = {
    ':method': 'POST',
    ':path': '/cb',
    'content-type': 'application/json',
    'x-trace': 't-2',
  };
  expect(await overHttp2(callbacks, headers, JSON.stringify({ eventType: 'sms' }))).toEqual([
    200, 200,
  ]);
  const one = {
    event: { eventType: 'sms' },
    method: 'POST',
    path: '/cb',
    trace: 't-2',
    pseudo: [],
  };
  expect(seen).toEqual([one, one]);
});

test('HTTP/2: a GET callback is answered from its query, on both listeners', async () => {
  const seen: unknown[] = [];
  const callbacks = createCallbackHandler({
    parse: (payload) => payload,
    onEvent: (event) => void seen.push({ ...event }),
  });
  const headers = { ':method': 'GET', ':path': '/cb?eventType=answer&n=1' };
  expect(await overHttp2(callbacks, headers)).toEqual([200, 200]);
  expect(seen).toEqual([
    { eventType: 'answer', n: '1' },
    { eventType: 'answer', n: '1' },
  ]);
});
