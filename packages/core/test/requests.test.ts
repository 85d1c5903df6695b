import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  InvalidResponseError,
  idFromLocation,
  type RawBody,
  Transport,
  VERSION,
} from '../src/internal';
import { createUndiciFetch } from '../src/undici-fetch';
import { fetchImplementations, send, startServer, type TestServer } from './server';

let server: TestServer;
let reply: Parameters<typeof startServer>[0];
beforeAll(async () => {
  server = await startServer((seen, res, req) => reply(seen, res, req));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  reply = (_seen, res) => send(res, 200, []);
});

describe.each(fetchImplementations)('over %s', (_name, fetch) => {
  const transport = (options: Partial<ConstructorParameters<typeof Transport>[0]> = {}) =>
    new Transport({
      userId: 'u-1',
      apiToken: 'tok-1',
      apiSecret: 'sec-1',
      baseUrl: server.url,
      fetch,
      ...options,
    });

  describe('paths', () => {
    test('each segment, the user id too, is percent-encoded exactly once', async () => {
      const t = transport({ userId: 'u 1/x' });
      await t.noContent({
        method: 'GET',
        path: t.userPath('media', 'my file.wav', '+19195551212', 'a/b', 'a%20b'),
      });
      expect(server.requests[0]?.url).toBe(
        '/v1/users/u%201%2Fx/media/my%20file.wav/%2B19195551212/a%2Fb/a%2520b',
      );
    });

    test('rootPath has no user segment; baseUrl trailing slash and path prefix are kept right', async () => {
      const t = transport({ baseUrl: `${server.url}/prefix/`, apiVersion: 'v9' });
      await t.noContent({
        method: 'GET',
        path: t.rootPath('phoneNumbers', 'numberInfo', '+1 919'),
      });
      expect(server.requests[0]?.url).toBe('/prefix/v9/phoneNumbers/numberInfo/%2B1%20919');
      expect(t.userPath()).toBe('/users/u-1');
      const slashes = transport({ baseUrl: `${server.url}/prefix//`, apiVersion: 'v9' });
      await slashes.noContent({ method: 'GET', path: slashes.rootPath('a') });
      expect(server.requests[1]?.url).toBe('/prefix/v9/a');
    });
  });

  describe('query strings', () => {
    test('undefined omitted, booleans lower case, numbers decimal, values encodeURIComponent-ed', async () => {
      const t = transport();
      await t.noContent({
        method: 'GET',
        path: t.userPath('calls'),
        query: { size: 25, enabled: true, off: false, skip: undefined, name: 'a b&c=d+e', page: 0 },
      });
      expect(server.requests[0]?.url).toBe(
        '/v1/users/u-1/calls?size=25&enabled=true&off=false&name=a%20b%26c%3Dd%2Be&page=0',
      );
    });

    test('arrays repeat the key and skip null and undefined items; Dates are sent as ISO text', async () => {
      const t = transport();
      await t.noContent({
        method: 'GET',
        path: t.userPath('calls'),
        query: {
          state: ['active', null, 'completed', undefined],
          none: null,
          empty: [null],
          since: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
        },
      });
      expect(server.requests[0]?.url).toBe(
        '/v1/users/u-1/calls?state=active&state=completed&since=2024-01-02T03%3A04%3A05.000Z',
      );
    });

    test('an empty query adds no question mark', async () => {
      const t = transport();
      await t.noContent({ method: 'GET', path: t.userPath('calls'), query: { a: undefined } });
      expect(server.requests[0]?.url).toBe('/v1/users/u-1/calls');
    });
  });

  describe('headers and bodies', () => {
    test('JSON body drops undefined keys (deep) and sends Content-Type only with a body', async () => {
      const t = transport();
      await t.noContent({
        method: 'POST',
        path: t.userPath('calls'),
        json: { from: '+1', to: undefined, nested: { keep: false, drop: undefined } },
      });
      await t.noContent({ method: 'POST', path: t.userPath('calls', 'c-1', 'transcriptions') });
      await t.noContent({ method: 'DELETE', path: t.userPath('calls', 'c-1') });
      const [withBody, noBody, del] = server.requests;
      expect(JSON.parse(withBody?.body ?? '')).toEqual({ from: '+1', nested: { keep: false } });
      expect(withBody?.body).not.toContain('null');
      expect(withBody?.headers['content-type']).toBe('application/json');
      expect(noBody?.headers['content-type']).toBeUndefined();
      expect(noBody?.body).toBe('');
      expect(del?.headers['content-type']).toBeUndefined();
    });

    test("a JSON body goes with its length and type, again on each retry and after a 307, and a caller's type wins", async () => {
      let count = 0;
      reply = (seen, res) => {
        count++;
        if (seen.url.endsWith('/moved')) {
          res.writeHead(307, { location: '/v1/landed' });
          res.end();
        } else if (seen.url.endsWith('/flaky') && count < 3) send(res, 503);
        else send(res, 200, { ok: true });
      };
      const t = transport({ retry: { baseDelay: 1, maxDelay: 5 } });
      const json = { text: 'héllo ✓', n: 1 };
      const text = JSON.stringify(json);
      await t.json({ method: 'PUT', path: '/flaky', json });
      await t.json({ method: 'POST', path: '/moved', json });
      await t.json({
        method: 'POST',
        path: '/typed',
        json,
        headers: { 'Content-Type': 'application/vnd.x+json' },
      });
      expect(server.requests.map((r) => [r.method, r.url, r.body])).toEqual([
        ['PUT', '/v1/flaky', text],
        ['PUT', '/v1/flaky', text],
        ['PUT', '/v1/flaky', text],
        ['POST', '/v1/moved', text],
        ['POST', '/v1/landed', text],
        ['POST', '/v1/typed', text],
      ]);
      for (const seen of server.requests.slice(0, 5)) {
        expect(seen.headers['content-type']).toBe('application/json');
        expect(seen.headers['content-length']).toBe(String(Buffer.byteLength(text)));
      }
      expect(server.requests[5]?.headers['content-type']).toBe('application/vnd.x+json');
    });

    test('an empty object is sent as {}', async () => {
      const t = transport();
      await t.noContent({ method: 'POST', path: t.userPath('x'), json: {} });
      expect(server.requests[0]?.body).toBe('{}');
    });

    test('Basic auth, Accept and User-Agent are sent', async () => {
      const t = transport({ userAgent: 'my-app/2.0' });
      await t.noContent({ method: 'GET', path: t.userPath('account') });
      const headers = server.requests[0]?.headers;
      expect(headers?.authorization).toBe(`Basic ${Buffer.from('tok-1:sec-1').toString('base64')}`);
      expect(headers?.accept).toBe('application/json');
      expect(headers?.['user-agent']).toBe(`bw-typescript/${VERSION} my-app/2.0`);
    });

    test('non-ASCII credentials are sent as UTF-8', async () => {
      const t = transport({ apiToken: 'tökn', apiSecret: 'sëcret' });
      await t.noContent({ method: 'GET', path: t.userPath('account') });
      expect(server.requests[0]?.headers.authorization).toBe(
        `Basic ${Buffer.from('tökn:sëcret', 'utf8').toString('base64')}`,
      );
    });

    test('request headers are merged last but never replace Authorization', async () => {
      const t = transport();
      await t.noContent(
        { method: 'GET', path: t.userPath('media', 'a'), accept: '*/*', headers: { 'X-Op': '1' } },
        {
          headers: {
            Authorization: 'Basic ZXZpbDpldmls',
            'X-Trace': 'abc',
            Accept: 'text/plain',
            'X-Authorization-Id': 'a-1',
            'Authorization-Context': 'c-1',
            'Proxy-Authorization': 'Basic cHJveHk=',
          },
        },
      );
      const headers = server.requests[0]?.headers;
      expect(headers?.authorization).toBe(`Basic ${Buffer.from('tok-1:sec-1').toString('base64')}`);
      expect(headers?.['x-trace']).toBe('abc');
      expect(headers?.['x-op']).toBe('1');
      expect(headers?.accept).toBe('text/plain');
      expect(headers?.['x-authorization-id']).toBe('a-1');
      expect(headers?.['authorization-context']).toBe('c-1');
      expect(headers?.['proxy-authorization']).toBe('Basic cHJveHk=');
    });

    test.each<[string, () => RawBody]>([
      ['Uint8Array', () => new TextEncoder().encode('RIFF-bytes')],
      ['ArrayBuffer', () => new TextEncoder().encode('RIFF-bytes').buffer],
      ['Blob', () => new Blob(['RIFF-', 'bytes'])],
      ['string', () => 'RIFF-bytes'],
      [
        'ReadableStream',
        () =>
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('RIFF-'));
              controller.enqueue(new TextEncoder().encode('bytes'));
              controller.close();
            },
          }),
      ],
    ])('raw %s body is sent as is with the caller headers', async (_kind, make) => {
      const t = transport();
      await t.noContent({
        method: 'PUT',
        path: t.userPath('media', 'a.wav'),
        body: make(),
        headers: { 'Content-Type': 'audio/wav' },
      });
      expect(server.requests[0]?.body).toBe('RIFF-bytes');
      expect(server.requests[0]?.headers['content-type']).toBe('audio/wav');
    });
  });

  describe('answers', () => {
    test('json() parses application/json and +json bodies', async () => {
      const t = transport();
      reply = (seen, res) =>
        send(res, 200, JSON.stringify({ id: seen.url }), {
          'content-type': seen.url.endsWith('plus')
            ? 'application/problem+json'
            : 'application/json; charset=utf-8',
        });
      expect(await t.json({ method: 'GET', path: '/a' })).toEqual({ id: '/v1/a' });
      expect(await t.json({ method: 'GET', path: '/plus' })).toEqual({ id: '/v1/plus' });
    });

    test('json() reads a body that arrives in several chunks, a character split between two', async () => {
      const bytes = Buffer.from(JSON.stringify({ text: 'café ☕ naïve', list: [1, 2, 3] }));
      const cut = bytes.indexOf(Buffer.from('☕')) + 1;
      reply = (_seen, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(bytes.subarray(0, 5));
        setTimeout(() => res.write(bytes.subarray(5, cut)), 15);
        setTimeout(() => res.end(bytes.subarray(cut)), 30);
      };
      expect(await transport().json({ method: 'GET', path: '/a' })).toEqual({
        text: 'café ☕ naïve',
        list: [1, 2, 3],
      });
    });

    test('json() refuses a body of another content type even when its text is JSON', async () => {
      const t = transport();
      for (const type of ['text/plain', 'text/html; charset=utf-8', 'application/jsonp']) {
        reply = (_seen, res) => send(res, 200, '{"id":"c-1"}', { 'content-type': type });
        const error = await t.json({ method: 'GET', path: '/a' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidResponseError);
        expect(error).toMatchObject({
          message: 'GET /a: response is not JSON',
          body: '{"id":"c-1"}',
        });
      }
      // No Content-Type at all: the body is taken for what it parses as.
      reply = (_seen, res) => {
        res.removeHeader('content-type');
        res.end('{"id":"c-2"}');
      };
      expect(await t.json({ method: 'GET', path: '/a' })).toEqual({ id: 'c-2' });
    });

    test('json() takes a 204 or a body of only whitespace for no body at all', async () => {
      const t = transport();
      reply = (_seen, res) => send(res, 204);
      await expect(t.json({ method: 'GET', path: '/a' })).rejects.toThrow(
        new InvalidResponseError('GET /a: response has no body'),
      );
      reply = (_seen, res) => send(res, 200, ' \r\n\t', { 'content-type': 'application/json' });
      await expect(t.json({ method: 'GET', path: '/a' })).rejects.toThrow(
        new InvalidResponseError('GET /a: response has no body'),
      );
    });

    test('json() keeps keys exactly as received', async () => {
      const t = transport();
      reply = (_seen, res) => send(res, 200, { sipHeaders: { 'X-My-Header': 'v' }, callId: 'c' });
      expect(await t.json({ method: 'GET', path: '/a' })).toEqual({
        sipHeaders: { 'X-My-Header': 'v' },
        callId: 'c',
      });
    });

    test('json() rejects an empty 2xx body, a non-JSON type and broken JSON with InvalidResponseError', async () => {
      const t = transport();
      reply = (_seen, res) => send(res, 200);
      await expect(t.json({ method: 'GET', path: '/a' })).rejects.toThrow(
        new InvalidResponseError('GET /a: response has no body'),
      );
      reply = (_seen, res) => send(res, 200, '<html></html>', { 'content-type': 'text/html' });
      await expect(t.json({ method: 'GET', path: '/a' })).rejects.toBeInstanceOf(
        InvalidResponseError,
      );
      reply = (_seen, res) => send(res, 200, '{"a":', { 'content-type': 'application/json' });
      const error = await t.json({ method: 'GET', path: '/a' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as InvalidResponseError).body).toBe('{"a":');
    });

    test('send() resolves for any 2xx, 204 and bodies included', async () => {
      const t = transport();
      for (const status of [200, 201, 202, 204]) {
        reply = (_seen, res) => send(res, status, status === 204 ? undefined : { ignored: true });
        await expect(t.noContent({ method: 'POST', path: '/a' })).resolves.toBeUndefined();
      }
    });

    test('request() returns the raw streamed Response', async () => {
      const t = transport();
      reply = (_seen, res) => {
        res.writeHead(200, { 'content-type': 'audio/wav' });
        res.write('part1-');
        setTimeout(() => res.end('part2'), 20);
      };
      const response = await t.response({
        method: 'GET',
        path: t.userPath('media', 'a.wav'),
        accept: '*/*',
      });
      expect(server.requests[0]?.headers.accept).toBe('*/*');
      expect(response.headers.get('content-type')).toBe('audio/wav');
      expect(response.body).toBeInstanceOf(ReadableStream);
      expect(await response.text()).toBe('part1-part2');
    });
    test('a body declared empty is not read; any other body is, errors too', async () => {
      let reads = 0;
      const counting: typeof globalThis.fetch = async (input, init) => {
        const response = await (fetch ?? globalThis.fetch)(input, init);
        const body = response.body;
        Object.defineProperty(response, 'body', {
          get: () => {
            reads++;
            return body;
          },
        });
        return response;
      };
      const t = transport({ fetch: counting, retry: false });
      reply = (seen, res) => {
        const empty = seen.url.includes('empty');
        res.writeHead(seen.url.includes('bad') ? 400 : 201, {
          location: '/v1/users/u-1/messages/m-1',
          ...(empty ? { 'content-length': '0' } : { 'content-type': 'application/json' }),
        });
        res.end(empty ? '' : '{"message":"no"}');
      };
      expect(await t.locationId({ method: 'POST', path: '/empty', json: {} })).toBe('m-1');
      await expect(
        t.noContent({ method: 'POST', path: '/empty/bad', json: {} }),
      ).rejects.toMatchObject({ status: 400, message: 'Bad Request' });
      expect(reads).toBe(0);
      expect(await t.locationId({ method: 'POST', path: '/full', json: {} })).toBe('m-1');
      expect(reads).toBe(1);
      await expect(
        t.noContent({ method: 'POST', path: '/full/bad', json: {} }),
      ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('no') });
      expect(reads).toBe(2);
    });
  });

  describe('Location', () => {
    test.each([
      ['/v1/users/u-1/messages/m-1', 'm-1'],
      ['https://api.catapult.inetwork.com/v1/users/u-1/phoneNumbers/n-abc', 'n-abc'],
      ['calls/c-2', 'c-2'],
      ['/v1/users/u-1/calls/c-3?foo=bar#frag', 'c-3'],
      ['/v1/users/u-1/calls/c-4/', 'c-4'],
      ['/v1/users/u-1/media/my%20file.wav', 'my file.wav'],
      ['/v1/users/u-1/media/%2B1919', '+1919'],
      ['/v1/users/u-1/media/100%', '100%'],
      ['/v1/users/u-1/calls/c-5?next=/a/b', 'c-5'],
      ['/v1/users/u-1/calls/c-6#/a/b', 'c-6'],
      ['//api.example.com/v1/users/u-1/calls/c-7', 'c-7'],
      ['/v1/users/u-1/calls//c-8', 'c-8'],
    ])('idFromLocation(%s) = %s', (location, id) => {
      expect(idFromLocation(location)).toBe(id);
    });

    test('idFromLocation rejects a Location with no segment', () => {
      for (const location of [
        'https://host/?a=b',
        'https://host',
        'HTTP://host#/x',
        'a1+b.c-d://host',
        '//host',
        '/',
        '',
      ]) {
        expect(() => idFromLocation(location)).toThrow(
          new InvalidResponseError(`Location header has no path segment: ${location}`),
        );
      }
    });

    test('create() returns the id from a relative or absolute Location', async () => {
      const t = transport();
      reply = (_seen, res) =>
        send(res, 201, undefined, { location: `${server.url}/v1/users/u-1/calls/c-9/` });
      expect(await t.locationId({ method: 'POST', path: t.userPath('calls'), json: {} })).toBe(
        'c-9',
      );
      reply = (_seen, res) => send(res, 201, { body: 'ignored' }, { location: 'bridges/b-7?x=1' });
      expect(await t.locationId({ method: 'POST', path: t.userPath('bridges'), json: {} })).toBe(
        'b-7',
      );
    });

    test('create() without Location rejects with the documented message', async () => {
      const t = transport();
      reply = (_seen, res) => send(res, 201);
      await expect(
        t.locationId({ method: 'POST', path: t.userPath('calls'), json: {} }),
      ).rejects.toThrow(
        new InvalidResponseError('POST /users/u-1/calls: response has no Location header'),
      );
    });

    test('createOptional() gives undefined without Location and the id with it', async () => {
      const t = transport();
      reply = (_seen, res) => send(res, 200);
      expect(
        await t.optionalLocationId({ method: 'POST', path: t.userPath('calls', 'c-1'), json: {} }),
      ).toBeUndefined();
      reply = (_seen, res) => send(res, 201, undefined, { location: '/v1/users/u-1/calls/c-new' });
      expect(
        await t.optionalLocationId({ method: 'POST', path: t.userPath('calls', 'c-1'), json: {} }),
      ).toBe('c-new');
    });
  });
});

describe('the undici fetch given a Request without a body and a text body', () => {
  const undiciFetch = createUndiciFetch();
  const url = () => `${server.url}/text`;
  const sent = async (request: Request, init: RequestInit) => {
    const response = await undiciFetch(request, init);
    await response.arrayBuffer();
    return server.requests.at(-1);
  };

  test('sends the text as given, with its byte length, as fetch would', async () => {
    const request = new Request(url(), {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-one': '1' },
    });
    const seen = await sent(request, { body: '{"a":"é"}' });
    expect(seen).toMatchObject({ method: 'PATCH', body: '{"a":"é"}' });
    expect(seen?.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': '10',
      'x-one': '1',
    });
  });

  test('without a Content-Type, or with other options beside the body, it is what fetch makes of them', async () => {
    const untyped = await sent(new Request(url(), { method: 'POST' }), { body: 'y' });
    expect(untyped).toMatchObject({ method: 'POST', body: 'y' });
    expect(untyped?.headers['content-type']).toBe('text/plain;charset=UTF-8');
    const typed = new Request(url(), { method: 'POST', headers: { 'content-type': 'a/b' } });
    const moved = await sent(typed, { body: 'z', method: 'PUT' });
    expect(moved).toMatchObject({ method: 'PUT', body: 'z' });
    expect(moved?.headers['content-type']).toBe('a/b');
    const withBody = new Request(url(), { method: 'PUT', headers: typed.headers, body: 'old' });
    expect(await sent(withBody, { body: 'new' })).toMatchObject({ method: 'PUT', body: 'new' });
  });

  test('a GET given a text body is refused before anything is sent', async () => {
    const before = server.requests.length;
    const get = new Request(url(), { headers: { 'content-type': 'a/b' } });
    await expect(undiciFetch(get, { body: 'x' })).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(before);
  });

  test('an aborted signal on the Request stops it before anything is sent', async () => {
    const before = server.requests.length;
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    const request = new Request(url(), {
      method: 'POST',
      headers: { 'content-type': 'a/b' },
      signal: controller.signal,
    });
    await expect(undiciFetch(request, { body: 'x' })).rejects.toThrow('stopped');
    expect(server.requests).toHaveLength(before);
  });
});
