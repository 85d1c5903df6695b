import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { emulator, json } from './helpers';

describe('media', () => {
  it('uploads raw bytes, downloads them with their Content-Type, lists and deletes', async () => {
    const emu = await emulator();
    const bytes = new Uint8Array(256).map((_, index) => index);
    const upload = await emu.api(
      'PUT',
      `${emu.base}/media/${encodeURIComponent('my file.wav')}`,
      bytes,
      {
        headers: { 'content-type': 'audio/wav' },
      },
    );
    expect(upload.status).toBe(200);
    const download = await emu.api('GET', `${emu.base}/media/my%20file.wav`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('audio/wav');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);

    await emu.api('PUT', `${emu.base}/media/note.txt`, 'hello', {
      headers: { 'content-type': 'text/plain' },
    });
    const list = await json(await emu.api('GET', `${emu.base}/media`));
    expect(list).toEqual([
      {
        contentLength: 256,
        mediaName: 'my file.wav',
        content: `${emu.url}${emu.base}/media/my%20file.wav`,
      },
      { contentLength: 5, mediaName: 'note.txt', content: `${emu.url}${emu.base}/media/note.txt` },
    ]);

    // Replacing keeps one file with the new bytes.
    await emu.api('PUT', `${emu.base}/media/note.txt`, 'bye', {
      headers: { 'content-type': 'text/plain' },
    });
    expect(await (await emu.api('GET', `${emu.base}/media/note.txt`)).text()).toBe('bye');

    expect((await emu.api('DELETE', `${emu.base}/media/note.txt`)).status).toBe(200);
    const gone = await emu.api('GET', `${emu.base}/media/note.txt`);
    expect(gone.status).toBe(404);
    expect(await json(gone)).toMatchObject({ category: 'not-found', code: 'media-not-found' });
    expect((await emu.api('DELETE', `${emu.base}/media/note.txt`)).status).toBe(404);
  });

  it('requires Content-Length and refuses more than 65 MB before reading the body', async () => {
    const emu = await emulator();
    const raw = (headers: Record<string, string | number>) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const url = new URL(`${emu.url}${emu.base}/media/big.bin`);
        const outgoing = request(
          url,
          { method: 'PUT', headers: { authorization: emu.authorization, ...headers } },
          (response) => {
            let body = '';
            response.on('data', (chunk) => {
              body += chunk;
            });
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
          },
        );
        outgoing.on('error', reject);
        // Headers only: a server that waited for the body would never answer.
        outgoing.flushHeaders();
        if (!('content-length' in headers)) outgoing.end();
      });
    const tooLarge = await raw({
      'content-length': 65 * 1024 * 1024 + 1,
      'content-type': 'video/mp4',
    });
    expect(tooLarge.status).toBe(403);
    expect(JSON.parse(tooLarge.body)).toMatchObject({
      category: 'forbidden',
      code: 'media-size-overflow',
      message: `The media size ${65 * 1024 * 1024 + 1} bytes is larger than the maximum ${65 * 1024 * 1024} bytes`,
    });
    const chunked = await raw({ 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(400);
    expect(JSON.parse(chunked.body)).toMatchObject({
      code: 'validation-error',
      message: 'The media size must be specified by the Content-Length header',
    });
  });
});
