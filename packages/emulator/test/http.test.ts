import { Agent, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, EmulatorApiError } from '../src/errors';
import { HttpApp, type HttpAppOptions, type RequestHook, type RouteScope } from '../src/http';

interface Started {
  url: string;
  app: HttpApp;
  /** Errors the app was asked to answer, in order. */
  errors: unknown[];
  /** `[method, url, status]` of every answer written, in order. */
  answered: Array<[string, string, number]>;
}

const running: HttpApp[] = [];
afterEach(async () => {
  for (const app of running.splice(0)) await app.close();
});

async function start(
  routes: (scope: RouteScope) => void,
  options: Partial<HttpAppOptions> = {},
): Promise<Started> {
  const errors: unknown[] = [];
  const answered: Array<[string, string, number]> = [];
  const app = new HttpApp({
    bodyLimit: 64,
    keepAliveTimeout: 5000,
    onRequest: [],
    notFound: (_request, reply) => {
      reply.status(404).send({ code: 'not-found' });
    },
    onError: (error, _request, reply) => {
      errors.push(error);
      const status = error instanceof EmulatorApiError ? error.status : 503;
      const code = error instanceof EmulatorApiError ? error.code : 'internal-error';
      reply.status(status).send({ code, message: (error as Error).message });
    },
    onResponse: (request, reply) => {
      answered.push([request.method, request.url, reply.statusCode]);
    },
    ...options,
  });
  routes(app.scope());
  running.push(app);
  const { port } = await app.listen('127.0.0.1', 0, 511);
  return { url: `http://127.0.0.1:${port}`, app, errors, answered };
}

/** One request over `node:http`: status, headers and body text. */
function send(
  url: string,
  method: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Writes `head` (and then `rest`, unless the server closed first) on a raw connection and reads
 * until the server closes it: what came back, and whether `rest` was still unsent then.
 */
function raw(
  url: string,
  head: string,
  rest?: string,
): Promise<{ text: string; restUnsent: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let restUnsent = rest !== undefined;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), restUnsent }));
    socket.write(head);
    if (rest !== undefined) {
      setTimeout(() => {
        if (socket.destroyed) return;
        restUnsent = false;
        socket.end(rest);
      }, 1000).unref();
    }
  });
}

/** The status and JSON body of a raw HTTP/1.1 answer. */
function parseRaw(text: string): { status: number; head: string; body: unknown } {
  const split = text.indexOf('\r\n\r\n');
  const head = text.slice(0, split);
  return { status: Number(head.split(' ')[1]), head, body: JSON.parse(text.slice(split + 4)) };
}

describe('HttpApp routes', () => {
  it('prefers a fixed segment to a parameter, and falls back to the parameter past a dead end', async () => {
    const { url } = await start((scope) => {
      scope.get('/calls/auto-answer', () => 'fixed');
      scope.get<{ Params: { callId: string } }>(
        '/calls/:callId/answer',
        (request) => `param ${request.params.callId}`,
      );
      scope.get<{ Params: { callId: string } }>(
        '/calls/:callId',
        (request) => `call ${request.params.callId}`,
      );
    });
    expect((await send(`${url}/calls/auto-answer`, 'GET')).text).toBe('fixed');
    expect((await send(`${url}/calls/auto-answer/answer`, 'GET')).text).toBe('param auto-answer');
    expect((await send(`${url}/calls/c-1`, 'GET')).text).toBe('call c-1');
    expect((await send(`${url}/calls/c-1/`, 'GET')).text).toBe('call c-1');
    expect((await send(`${url}/calls//answer`, 'GET')).status).toBe(404);
    expect((await send(`${url}/calls/c-1/other`, 'GET')).status).toBe(404);
  });

  it('decodes each parameter after the path is split, and refuses a malformed one with 400', async () => {
    const { url, errors } = await start((scope) => {
      scope.get<{ Params: { number: string; name: string } }>(
        '/numbers/:number/media/:name',
        (request) => request.params,
      );
    });
    const answer = await send(`${url}/numbers/%2B19195551212/media/a%2Fb%20c.png?x=1`, 'GET');
    expect(JSON.parse(answer.text)).toEqual({ number: '+19195551212', name: 'a/b c.png' });
    const bad = await send(`${url}/numbers/%E0%A4%A/media/x`, 'GET');
    expect(bad.status).toBe(400);
    expect((errors[0] as EmulatorApiError).code).toBe('validation-error');
  });

  it('takes no parameter longer than 500 characters, and no route for another method', async () => {
    const { url } = await start((scope) => {
      scope.get<{ Params: { id: string } }>('/items/:id', (request) => request.params.id.length);
    });
    expect((await send(`${url}/items/${'a'.repeat(500)}`, 'GET')).text).toBe('500');
    expect((await send(`${url}/items/${'a'.repeat(501)}`, 'GET')).status).toBe(404);
    expect((await send(`${url}/items/a`, 'POST', '{}')).status).toBe(404);
  });

  it('answers HEAD with the GET route: its headers and no body', async () => {
    const { url } = await start((scope) => {
      scope.get('/thing', () => ({ hello: 'world' }));
    });
    const head = await send(`${url}/thing`, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String('{"hello":"world"}'.length));
    expect(head.text).toBe('');
  });

  it('parses the query on first use; a repeated key is an array', async () => {
    const { url } = await start((scope) => {
      scope.get('/q', (request) => request.query);
    });
    const answer = await send(`${url}/q?a=1&b=x+y&a=2&c=%2B1`, 'GET');
    expect(JSON.parse(answer.text)).toEqual({ a: ['1', '2'], b: 'x y', c: '+1' });
  });

  it('refuses to declare a route twice or two names for one parameter', async () => {
    const app = new HttpApp({
      bodyLimit: 1,
      keepAliveTimeout: 1,
      onRequest: [],
      notFound: () => {},
      onError: () => {},
    });
    const scope = app.scope();
    scope.get('/a/:id', () => 1);
    expect(() => scope.get('/a/:id', () => 2)).toThrow(/declared twice/);
    expect(() => scope.get('/a/:name/b', () => 3)).toThrow(/clashes/);
  });
});

describe('HttpApp bodies', () => {
  it('reads JSON (blank is none) and refuses what is not JSON', async () => {
    const { url, errors } = await start((scope) => {
      scope.post('/echo', (request) => ({ body: request.body ?? null }));
    });
    expect(JSON.parse((await send(`${url}/echo`, 'POST', '{"a":[1]}')).text)).toEqual({
      body: { a: [1] },
    });
    expect(JSON.parse((await send(`${url}/echo`, 'POST', '  \n')).text)).toEqual({ body: null });
    expect(JSON.parse((await send(`${url}/echo`, 'POST')).text)).toEqual({ body: null });
    const bad = await send(`${url}/echo`, 'POST', '{"a":');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).message).toBe('Bad parameters: the body is not valid JSON');
    expect(errors).toHaveLength(1);
  });

  it('refuses a body over the limit by its Content-Length, and a chunked one as it grows past it', async () => {
    let ran = 0;
    const { url } = await start((scope) => {
      scope.post('/echo', () => {
        ran++;
        return 'ran';
      });
    });
    const declared = await send(`${url}/echo`, 'POST', JSON.stringify({ text: 'x'.repeat(100) }));
    expect(declared.status).toBe(400);
    expect(JSON.parse(declared.text).message).toBe(
      'The request body is too large: it is over the 64-byte limit',
    );
    // Declared too large: answered without waiting for the body, which never comes.
    const early = await new Promise<number>((resolve, reject) => {
      const outgoing = httpRequest(
        `${url}/echo`,
        { method: 'POST', headers: { 'content-length': '100000' } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
          outgoing.destroy();
        },
      );
      outgoing.on('error', reject);
      outgoing.write('{"text":"');
    });
    expect(early).toBe(400);
    const chunked = await new Promise<number>((resolve, reject) => {
      const outgoing = httpRequest(`${url}/echo`, { method: 'POST' }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      outgoing.on('error', reject);
      outgoing.write('{"text":"');
      outgoing.write('y'.repeat(100));
      outgoing.end('"}');
    });
    expect(chunked).toBe(400);
    expect((await send(`${url}/echo`, 'POST', '{"ok":true}')).text).toBe('ran');
    expect(ran).toBe(1);
  });

  it('closes the connection after refusing a body for its size, without reading the rest', async () => {
    const { url } = await start((scope) => {
      scope.post('/echo', () => 'ran');
    });
    const declared = await raw(
      url,
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"text":"',
      `${'z'.repeat(99991)}`,
    );
    expect(declared.restUnsent).toBe(true);
    const answer = parseRaw(declared.text);
    expect(answer.status).toBe(400);
    expect(answer.head.toLowerCase()).toContain('connection: close');
    expect(answer.body).toMatchObject({
      message: 'The request body is too large: it is over the 64-byte limit',
    });
    const grown = await raw(
      url,
      `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n${'y'.repeat(100)}\r\n`,
      '0\r\n\r\n',
    );
    expect(grown.restUnsent).toBe(true);
    expect(parseRaw(grown.text).status).toBe(400);
    // A body within the limit keeps the connection for the next request; exactly at the limit
    // is within it, declared or chunked.
    const kept = await send(`${url}/echo`, 'POST', '{"ok":true}', { connection: 'keep-alive' });
    expect(kept.headers.connection).toBe('keep-alive');
    const atLimit = JSON.stringify({ text: 'x'.repeat(53) });
    expect(Buffer.byteLength(atLimit)).toBe(64);
    expect((await send(`${url}/echo`, 'POST', atLimit)).text).toBe('ran');
    const chunkedAtLimit = await new Promise<string>((resolve, reject) => {
      const outgoing = httpRequest(`${url}/echo`, { method: 'POST' }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      });
      outgoing.on('error', reject);
      outgoing.write(atLimit.slice(0, 30));
      outgoing.end(atLimit.slice(30));
    });
    expect(chunkedAtLimit).toBe('ran');
  });

  it('answers what is not HTTP, or headers over the limit, with a JSON error and closes', async () => {
    let ran = 0;
    const { url } = await start((scope) => {
      scope.get('/x', () => {
        ran++;
        return 'ran';
      });
      scope.post('/x', () => {
        ran++;
        return 'ran';
      });
    });
    const garbage = parseRaw((await raw(url, 'NOT HTTP AT ALL\r\n\r\n')).text);
    expect(garbage.status).toBe(400);
    expect(garbage.head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(garbage.head.toLowerCase()).toContain('content-type: application/json');
    expect(garbage.body).toEqual({
      category: 'bad-request',
      code: 'malformed-request',
      message: 'The request could not be read as HTTP/1.1',
      details: [],
    });
    const huge = parseRaw(
      (await raw(url, `GET /x HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)).text,
    );
    expect(huge.status).toBe(431);
    expect(huge.body).toMatchObject({
      category: 'bad-request',
      code: 'header-too-large',
      message: 'The request headers are over the size limit',
    });
    const extension = parseRaw(
      (
        await raw(
          url,
          `POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;e=${'a'.repeat(20_000)}\r\nx\r\n0\r\n\r\n`,
        )
      ).text,
    );
    expect(extension.status).toBe(413);
    expect(extension.body).toMatchObject({
      category: 'bad-request',
      code: 'chunk-extensions-too-large',
      message: 'The request body has chunk extensions over the size limit',
    });
    expect(ran).toBe(0);
    expect((await send(`${url}/x`, 'GET')).text).toBe('ran');
  });

  it('writes no error into an answer already under way when what follows it is not HTTP', async () => {
    const { url } = await start((scope) => {
      scope.get('/stream', (_request, reply) => {
        reply.hijack();
        reply.raw.writeHead(200, { 'content-type': 'text/plain' });
        reply.raw.write('first part;');
      });
    });
    const { hostname, port } = new URL(url);
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('utf8');
        // The answer has begun: now something that is not HTTP.
        if (received.includes('first part;')) socket.write('NOT HTTP AT ALL\r\n\r\n');
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
      socket.write('GET /stream HTTP/1.1\r\nHost: x\r\n\r\n');
    });
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).toContain('first part;');
    expect(text).not.toContain('400');
  });

  it('gives a raw-body route the bytes, within its own limit, after its check ran', async () => {
    const seen: unknown[] = [];
    const { url } = await start((scope) => {
      scope.put(
        '/bytes',
        {
          rawBody: true,
          bodyLimit: 1000,
          onRequest: (request) => {
            seen.push(request.body);
            if (request.headers['x-refuse']) throw apiError(403, 'forbidden', 'refused', 'no');
          },
        },
        (request) => ({
          length: (request.body as Buffer).length,
          isBuffer: Buffer.isBuffer(request.body),
        }),
      );
    });
    const bytes = Buffer.alloc(500, 7);
    expect(JSON.parse((await send(`${url}/bytes`, 'PUT', bytes)).text)).toEqual({
      length: 500,
      isBuffer: true,
    });
    expect((await send(`${url}/bytes`, 'PUT', bytes, { 'x-refuse': '1' })).status).toBe(403);
    expect((await send(`${url}/bytes`, 'PUT', Buffer.alloc(1001))).status).toBe(400);
    expect(seen).toEqual([undefined, undefined, undefined]);
  });

  it('waits for an asynchronous route check, and answers its rejection without running the route', async () => {
    let ran = 0;
    const { url } = await start((scope) => {
      scope.post(
        '/checked',
        {
          onRequest: async (request) => {
            await new Promise((resolve) => setTimeout(resolve, 20));
            if (request.headers['x-refuse']) throw apiError(403, 'forbidden', 'refused', 'no');
          },
        },
        () => {
          ran++;
          return 'ran';
        },
      );
    });
    expect((await send(`${url}/checked`, 'POST', '{}', { 'x-refuse': '1' })).status).toBe(403);
    expect((await send(`${url}/checked`, 'POST', '{}')).text).toBe('ran');
    expect(ran).toBe(1);
  });

  it('reads no body for GET', async () => {
    const { url } = await start((scope) => {
      scope.get('/get', (request) => ({ body: request.body === undefined }));
    });
    const answer = await send(`${url}/get`, 'GET', '{"a":1}', {
      'content-type': 'application/json',
      'content-length': '7',
    });
    expect(JSON.parse(answer.text)).toEqual({ body: true });
  });
});

describe('HttpApp answers', () => {
  it('sends text, bytes, JSON or nothing, with their content types unless one was set', async () => {
    const { url } = await start((scope) => {
      scope.get('/text', () => 'héllo');
      scope.get('/bytes', () => Buffer.from([1, 2, 3]));
      scope.get('/json', async () => [{ a: 1 }]);
      scope.get('/typed', (_request, reply) =>
        reply.header('Content-Type', 'text/html').send('<p>'),
      );
      scope.post('/created', (_request, reply) => {
        reply.status(201).header('Location', 'http://x/1').send();
      });
      scope.delete('/gone', (_request, reply) => reply.status(204).send('ignored'));
    });
    const text = await send(`${url}/text`, 'GET');
    expect([text.headers['content-type'], text.headers['content-length'], text.text]).toEqual([
      'text/plain; charset=utf-8',
      '6',
      'héllo',
    ]);
    expect((await send(`${url}/bytes`, 'GET')).headers['content-type']).toBe(
      'application/octet-stream',
    );
    const json = await send(`${url}/json`, 'GET');
    expect([json.headers['content-type'], json.text]).toEqual([
      'application/json; charset=utf-8',
      '[{"a":1}]',
    ]);
    expect((await send(`${url}/typed`, 'GET')).headers['content-type']).toBe('text/html');
    const created = await send(`${url}/created`, 'POST');
    expect([created.status, created.headers.location, created.headers['content-length']]).toEqual([
      201,
      'http://x/1',
      '0',
    ]);
    const gone = await send(`${url}/gone`, 'DELETE');
    expect([gone.status, gone.headers['content-length'], gone.text]).toEqual([204, undefined, '']);
  });

  it('sends a thrown error or a rejection to onError, and ignores a second send', async () => {
    const thrown: unknown[] = [];
    const { url, errors, answered } = await start((scope) => {
      scope.get('/throw', () => {
        throw apiError(409, 'conflict', 'thrown', 'sync');
      });
      scope.get('/reject', async () => {
        throw new Error('async');
      });
      scope.get('/twice', (_request, reply) => {
        reply.status(200).send('first');
        try {
          reply.status(500).send('second');
        } catch (error) {
          thrown.push(error);
        }
        return 'third';
      });
    });
    expect((await send(`${url}/throw`, 'GET')).status).toBe(409);
    expect((await send(`${url}/reject`, 'GET')).status).toBe(503);
    const twice = await send(`${url}/twice`, 'GET');
    expect([twice.status, twice.text]).toEqual([200, 'first']);
    expect(thrown).toEqual([]);
    expect(errors.map((error) => (error as Error).message)).toEqual(['sync', 'async']);
    expect(answered).toEqual([
      ['GET', '/throw', 409],
      ['GET', '/reject', 503],
      ['GET', '/twice', 200],
    ]);
  });
});

describe('HttpApp hooks', () => {
  it('runs the request hooks in order before the route, also for a path no route takes', async () => {
    const order: string[] = [];
    const hook =
      (name: string): RequestHook =>
      (request, _reply, done) => {
        order.push(`${name} ${request.path}`);
        setImmediate(done);
      };
    const { url } = await start(
      (scope) => {
        scope.get('/a', () => {
          order.push('route');
          return 'a';
        });
      },
      { onRequest: [hook('first'), hook('second')] },
    );
    await send(`${url}/a?x=1`, 'GET');
    expect((await send(`${url}/nowhere`, 'GET')).status).toBe(404);
    expect(order).toEqual(['first /a', 'second /a', 'route', 'first /nowhere', 'second /nowhere']);
  });

  /** An app with one hook before its one route, and whether that route ran. */
  async function behindHook(hook: RequestHook) {
    let ran = false;
    const started = await start(
      (scope) => {
        scope.post('/a', () => {
          ran = true;
          return 'a';
        });
      },
      { onRequest: [hook] },
    );
    return { ...started, ran: () => ran };
  }

  it('answers a hook failure with onError and does not run the route', async () => {
    const { url, errors, ran } = await behindHook((_request, _reply, done) =>
      done(apiError(401, 'authorization', 'denied', 'who?')),
    );
    expect((await send(`${url}/a`, 'POST', '{}')).status).toBe(401);
    expect([ran(), errors.length]).toEqual([false, 1]);
  });

  it('runs no route once a hook took the request over', async () => {
    const { url, errors, ran } = await behindHook((request, reply, done) => {
      reply.hijack();
      request.raw.socket.destroy();
      done();
    });
    await expect(send(`${url}/a`, 'POST', '{}')).rejects.toThrow(/socket hang up/);
    expect([ran(), errors]).toEqual([false, []]);
  });

  it('does not answer twice when a route fails after its answer', async () => {
    const { url, errors } = await start((scope) => {
      scope.get('/a', (_request, reply) => {
        reply.send('ok');
        throw new Error('after');
      });
    });
    const answer = await send(`${url}/a`, 'GET');
    expect([answer.status, answer.text, errors]).toEqual([200, 'ok', []]);
  });

  it('writes nothing when beforeSend says the connection is gone, and still reports the request', async () => {
    const { url, answered } = await start(
      (scope) => {
        scope.post('/drop', () => 'never seen');
      },
      {
        beforeSend: (request) => {
          request.raw.socket.destroy();
          return true;
        },
      },
    );
    await expect(send(`${url}/drop`, 'POST', '{}')).rejects.toThrow(/socket hang up/);
    expect(answered).toEqual([['POST', '/drop', 200]]);
  });

  it('aborts a request signal when the client goes away before the answer', async () => {
    let aborted: Promise<boolean> | undefined;
    const { url } = await start((scope) => {
      scope.get('/wait', (request) => {
        const signal = request.signal;
        aborted = new Promise((resolve) => {
          signal.addEventListener('abort', () => resolve(true));
          setTimeout(() => resolve(false), 2000);
        });
        return aborted.then(() => 'late');
      });
    });
    const outgoing = httpRequest(`${url}/wait`);
    outgoing.on('error', () => {});
    outgoing.end();
    await new Promise((resolve) => setTimeout(resolve, 100));
    outgoing.destroy();
    expect(await aborted).toBe(true);
  });

  it('leaves the signal of an answered request alone, and its connection without listeners', async () => {
    const signals: AbortSignal[] = [];
    const { url } = await start((scope) => {
      scope.get('/quick', (request) => {
        signals.push(request.signal);
        return 'quick';
      });
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let socket: Socket | undefined;
    for (let index = 0; index < 15; index++) {
      await new Promise<void>((resolve, reject) => {
        const outgoing = httpRequest(`${url}/quick`, { agent }, (response) => {
          socket = response.socket;
          response.resume();
          response.on('end', resolve);
        });
        outgoing.on('error', reject);
        outgoing.end();
      });
    }
    agent.destroy();
    await new Promise((resolve) => socket?.once('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(signals).toHaveLength(15);
    expect(signals.filter((signal) => signal.aborted)).toEqual([]);
  });

  it('runs close hooks, then closes idle keep-alive connections', async () => {
    const events: string[] = [];
    const { url, app } = await start((scope) => {
      scope.get('/a', () => 'a');
      scope.onClose(async () => {
        events.push('hook');
      });
    });
    const closed = new Promise<void>((resolve) => {
      const outgoing = httpRequest(
        `${url}/a`,
        { headers: { connection: 'keep-alive' } },
        (response) => {
          response.resume();
          response.socket.once('close', () => {
            events.push('socket closed');
            resolve();
          });
          response.on('end', () => {
            events.push('answered');
          });
        },
      );
      outgoing.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await app.close();
    await closed;
    expect(events).toEqual(['answered', 'hook', 'socket closed']);
  });
});
