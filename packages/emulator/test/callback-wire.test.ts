import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CallbackEngine, formText } from '../src/callbacks';

const USER_AGENT = 'BandwidthAPI/v1 (emulator)';

interface Seen {
  url: string;
  rawHeaders: string[];
  body: string;
}

const servers: Server[] = [];
const engines: CallbackEngine[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) engine.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A receiver on `host` that records each request as it came and answers `ok`. */
async function listen(host = '127.0.0.1'): Promise<{ port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({
        url: request.url ?? '',
        rawHeaders: request.rawHeaders,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.end('ok');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { port: (server.address() as AddressInfo).port, seen };
}

function engine(): CallbackEngine {
  const made = new CallbackEngine(() => undefined);
  engines.push(made);
  return made;
}

describe('callback requests on the wire', () => {
  it('sends a GET event as its query after the URL’s own, with Host, keep-alive and Basic credentials', async () => {
    const { port, seen } = await listen();
    const result = await engine().deliver({
      userId: 'u-1',
      url: `http://bob:p%40ss@127.0.0.1:${port}/hook?fixed=a%20b#part`,
      method: 'GET',
      body: { eventType: 'answer', callId: 'c-1', digits: null, tries: 2 },
    });
    expect(result.ok).toBe(true);
    expect(seen[0]?.url).toBe('/hook?fixed=a+b&eventType=answer&callId=c-1&tries=2');
    expect(seen[0]?.rawHeaders).toEqual([
      'user-agent',
      USER_AGENT,
      'authorization',
      `Basic ${Buffer.from('bob:p@ss').toString('base64')}`,
      'Host',
      `127.0.0.1:${port}`,
      'Connection',
      'keep-alive',
    ]);
    // Recorded without credentials and without the event's query.
    expect(result.attempts[0]?.url).toBe(`http://127.0.0.1:${port}/hook?fixed=a%20b#part`);
    expect(result.attempts[0]?.headers).toEqual({
      'user-agent': USER_AGENT,
      authorization: 'Basic [REDACTED]',
    });
  });

  it("writes a GET query as URLSearchParams would: the URL's own query, then every field", async () => {
    const { port, seen } = await listen();
    const text = "a b+c&d=e?f#g/h%20 ü € 😀 !'()~*-._ \t\r\n";
    const body = { eventType: 'speak', text, 'odd key!': 'v', nested: { a: [1, 'x y'] }, n: 1.5 };
    await engine().deliver({
      userId: 'u-1',
      url: `http://127.0.0.1:${port}/hook?keep=%7Ex+y&keep=2&bare`,
      method: 'GET',
      body,
    });
    const expected = new URLSearchParams('?keep=%7Ex+y&keep=2&bare');
    for (const [key, value] of Object.entries(body)) {
      expected.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
    expect(seen[0]?.url).toBe(`/hook?${expected.toString()}`);
  });

  it('encodes a name or value as a form does, for every character of the first planes and lone surrogates', () => {
    const texts: string[] = [];
    for (let code = 0; code < 0x3000; code += 1) texts.push(String.fromCharCode(code));
    texts.push('\ud800', 'x\udc00y', '\ud83d\ude00', '😀\ud83d', '', '%', '%%41');
    for (const text of texts) {
      expect(formText(text)).toBe(new URLSearchParams([['k', text]]).toString().slice(2));
    }
  });

  it('sends a POST event as JSON with its length, to the path and query without the fragment', async () => {
    const { port, seen } = await listen();
    const callbacks = engine();
    const result = await callbacks.deliver({
      userId: 'u-1',
      url: `http://127.0.0.1:${port}/events?src=emulator#top`,
      body: { eventType: 'sms', text: 'héllo' },
    });
    expect(result.ok).toBe(true);
    const body = JSON.stringify({ eventType: 'sms', text: 'héllo' });
    expect(seen[0]).toEqual({
      url: '/events?src=emulator',
      body,
      rawHeaders: [
        'user-agent',
        USER_AGENT,
        'content-type',
        'application/json; charset=utf-8',
        'content-length',
        String(Buffer.byteLength(body)),
        'Host',
        `127.0.0.1:${port}`,
        'Connection',
        'keep-alive',
      ],
    });
    expect(result.attempts[0]?.url).toBe(`http://127.0.0.1:${port}/events?src=emulator#top`);
    // An empty query is no query on the wire; the record keeps the URL as given.
    const bare = await callbacks.deliver({
      userId: 'u-1',
      url: `http://127.0.0.1:${port}/events?#top`,
      body: { eventType: 'sms' },
    });
    expect(seen[1]?.url).toBe('/events');
    expect(bare.attempts[0]?.url).toBe(`http://127.0.0.1:${port}/events?#top`);
  });

  it('reaches an IPv6 literal, naming it in brackets in Host', async () => {
    const { port, seen } = await listen('::1');
    const result = await engine().deliver({
      userId: 'u-1',
      url: `http://[::1]:${port}/six`,
      method: 'GET',
      body: { eventType: 'hangup' },
    });
    expect(result.ok).toBe(true);
    expect(seen[0]?.url).toBe('/six?eventType=hangup');
    expect(seen[0]?.rawHeaders.slice(2, 4)).toEqual(['Host', `[::1]:${port}`]);
  });

  it('speaks TLS to an https URL', async () => {
    let first = -1;
    const tcp = createTcpServer((socket) => {
      socket.once('data', (data: Buffer) => {
        first = data[0] ?? -1;
        socket.destroy();
      });
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = tcp.address() as AddressInfo;
      const result = await engine().deliver({
        userId: 'u-1',
        url: `https://127.0.0.1:${port}/secure`,
        body: { eventType: 'sms' },
        failure: false,
      });
      // 22: a TLS handshake record (the ClientHello); the receiver then hung up.
      expect(first).toBe(22);
      expect(result.ok).toBe(false);
      expect(result.attempts[0]?.error).toMatch(/^request failed/);
    } finally {
      await new Promise((resolve) => tcp.close(resolve));
    }
  });

  it('sends to many different URLs, each to its own path', async () => {
    const { port, seen } = await listen();
    const callbacks = engine();
    for (let index = 0; index < 300; index++) {
      const result = await callbacks.deliver({
        userId: 'u-1',
        url: `http://127.0.0.1:${port}/calls/${index}`,
        method: 'GET',
        body: { n: index },
      });
      expect(result.ok).toBe(true);
    }
    expect(seen.map((request) => request.url)).toEqual(
      Array.from({ length: 300 }, (_, index) => `/calls/${index}?n=${index}`),
    );
  });
});
