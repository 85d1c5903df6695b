import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  jsonReply,
  type RecordedRequest,
  type Recorder,
  type Reply,
  startRecorder,
} from '../../../test-support/http-recorder';
import { AccountClient, NotFoundError, ValidationError } from '../src/index';

let respond: (request: RecordedRequest) => Reply = () => ({});
let recorder: Recorder;
let client: AccountClient;
let directory: string;

beforeAll(async () => {
  recorder = await startRecorder((request) => respond(request));
  client = new AccountClient({
    userId: 'u-1',
    apiToken: 'token-1',
    apiSecret: 'secret-1',
    baseUrl: recorder.url,
    retry: false,
  });
  directory = await mkdtemp(join(tmpdir(), 'bw-account-media-'));
});
afterAll(async () => {
  await recorder.close();
  await rm(directory, { recursive: true, force: true });
});
beforeEach(() => {
  recorder.requests.length = 0;
  respond = () => ({});
});

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe('uploadMediaFile', () => {
  const bytes = new Uint8Array([0, 1, 2, 250, 255]);

  test.each([
    ['Uint8Array', () => bytes, bytes],
    ['ArrayBuffer', () => bytes.slice().buffer, bytes],
    ['Blob', () => new Blob([bytes]), bytes],
    [
      'string (UTF-8 content, not a path)',
      () => 'héllo ✓ /etc/passwd',
      Buffer.from('héllo ✓ /etc/passwd'),
    ],
    ['ReadableStream of unknown length', () => streamOf('ab', 'cdé'), Buffer.from('abcdé')],
  ])(
    'from a %s: PUTs the bytes with Content-Length and the default Content-Type',
    async (_, make, expected) => {
      await client.uploadMediaFile('my file+1.bin', make());
      const [request] = recorder.requests;
      expect(request?.method).toBe('PUT');
      expect(request?.url).toBe('/v1/users/u-1/media/my%20file%2B1.bin');
      expect(request?.headers['content-type']).toBe('application/octet-stream');
      expect(request?.headers['content-length']).toBe(String(expected.length));
      expect(request?.headers['transfer-encoding']).toBeUndefined();
      expect(request?.headers['cache-control']).toBeUndefined();
      expect(new Uint8Array(request?.bytes ?? [])).toEqual(new Uint8Array(expected));
    },
  );

  test('a stream with a given contentLength is sent with that length and the given headers', async () => {
    await client.uploadMediaFile('clip.txt', streamOf('0123', '4567', '89'), {
      contentLength: 10,
      contentType: 'text/plain',
      cacheControl: 'no-cache',
    });
    const [request] = recorder.requests;
    expect(request?.headers['content-length']).toBe('10');
    expect(request?.headers['content-type']).toBe('text/plain');
    expect(request?.headers['cache-control']).toBe('no-cache');
    expect(request?.body).toBe('0123456789');
  });

  test('a stream with a given contentLength is streamed, not read whole first', async () => {
    // The stream's last chunk comes only once the server has the request's head: an upload that
    // read the whole stream before sending would wait for it forever. (The transport reads up to
    // two chunks first, to send a one-chunk body as bytes.)
    let headSeen: () => void = () => {};
    const head = new Promise<void>((resolve) => {
      headSeen = resolve;
    });
    const received: Buffer[] = [];
    const server = createServer((req, res) => {
      headSeen();
      req.on('data', (chunk: Buffer) => received.push(chunk));
      req.on('end', () => res.writeHead(200).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const streaming = new AccountClient({
      userId: 'u-1',
      apiToken: 'token-1',
      apiSecret: 'secret-1',
      baseUrl: `http://127.0.0.1:${port}`,
      retry: false,
    });
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('first,'));
        controller.enqueue(encoder.encode('second,'));
      },
      async pull(controller) {
        await head;
        controller.enqueue(encoder.encode('last'));
        controller.close();
      },
    });
    try {
      const upload = streaming.uploadMediaFile('live.txt', body, { contentLength: 17 });
      const stalled = new Promise((resolve) => setTimeout(() => resolve('stalled'), 5_000));
      expect(await Promise.race([upload, stalled])).toBeUndefined();
      expect(Buffer.concat(received).toString()).toBe('first,second,last');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  test('content of an unsupported type rejects with TypeError and sends nothing', async () => {
    const refused = client.uploadMediaFile('x', 42 as unknown as string);
    await expect(refused).rejects.toThrow(
      'content must be a Uint8Array, ArrayBuffer, Blob, ReadableStream or string',
    );
    await expect(refused).rejects.toBeInstanceOf(TypeError);
    // Like every argument of the wrong type: a ValidationError to `instanceof` too.
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    expect(recorder.requests).toHaveLength(0);
  });
});

describe('uploadMediaFileFromPath', () => {
  test('streams the file with its size as Content-Length', async () => {
    const content = Buffer.alloc(200_000, 'a');
    content.write('first', 0);
    content.write('last', content.length - 4);
    const file = join(directory, 'big file.bin');
    await writeFile(file, content);
    await client.uploadMediaFileFromPath('big.bin', file, { contentType: 'audio/wav' });
    const [request] = recorder.requests;
    expect(request?.url).toBe('/v1/users/u-1/media/big.bin');
    expect(request?.headers['content-length']).toBe('200000');
    expect(request?.headers['content-type']).toBe('audio/wav');
    expect(request?.bytes.equals(content)).toBe(true);
  });

  test('a path that does not exist rejects and sends nothing', async () => {
    await expect(
      client.uploadMediaFileFromPath('x', join(directory, 'missing.wav')),
    ).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(client.uploadMediaFileFromPath('x', directory)).rejects.toThrow(/not a file/);
    await expect(client.uploadMediaFileFromPath('x', directory)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(client.uploadMediaFileFromPath('x', '')).rejects.toThrow(/filePath/);
    expect(recorder.requests).toHaveLength(0);
  });
});

describe('downloadMediaFile', () => {
  test('asks for */* and hands back type, length and a stream that is never parsed', async () => {
    respond = () => ({
      status: 200,
      headers: { 'Content-Type': 'application/json', 'Content-Length': '15' },
      body: '{"not":"parsed"',
    });
    const download = await client.downloadMediaFile('data.json');
    expect(recorder.requests[0]?.headers.accept).toBe('*/*');
    expect(download.contentType).toBe('application/json');
    expect(download.contentLength).toBe(15);
    expect(download.body).toBeInstanceOf(ReadableStream);
    expect(new TextDecoder().decode(await download.arrayBuffer())).toBe('{"not":"parsed"');
    await expect(download.arrayBuffer()).rejects.toBeInstanceOf(TypeError);
    await expect(download.arrayBuffer()).rejects.toThrow('The media body has already been read');
  });

  test('an answer without a body reads as no bytes', async () => {
    respond = () => ({ status: 204 });
    const download = await client.downloadMediaFile('empty.bin');
    expect(download.body).toBeInstanceOf(ReadableStream);
    expect((await download.arrayBuffer()).byteLength).toBe(0);
  });

  test('the body can be streamed directly, after which arrayBuffer rejects', async () => {
    respond = () => ({ status: 200, body: 'chunked bytes' });
    const download = await client.downloadMediaFile('a.bin');
    expect(download.contentType).toBe('application/octet-stream');
    expect(download.contentLength).toBeUndefined();
    const text = await new Response(download.body).text();
    expect(text).toBe('chunked bytes');
    const again = download.arrayBuffer();
    await expect(again).rejects.toBeInstanceOf(TypeError);
    await expect(again).rejects.toThrow('The media body has already been read');
  });

  test('a missing file is a NotFoundError', async () => {
    respond = () =>
      jsonReply(404, { category: 'not-found', code: 'media-not-found', message: 'No media' });
    await expect(client.downloadMediaFile('gone.wav')).rejects.toBeInstanceOf(NotFoundError);
  });
});
