import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type MediaFile, NotFoundError } from '../src/index';
import { type AccountFixture, listOf, startAccountFixture } from './emulator';

let fixture: AccountFixture;
let directory: string;

beforeAll(async () => {
  fixture = await startAccountFixture();
  directory = await mkdtemp(join(tmpdir(), 'bw-account-media-'));
});
afterAll(async () => {
  await fixture.close();
  await rm(directory, { recursive: true, force: true });
});

async function downloadText(name: string): Promise<{ text: string; contentType: string }> {
  const download = await fixture.client.downloadMediaFile(name);
  return {
    text: new TextDecoder().decode(await download.arrayBuffer()),
    contentType: download.contentType,
  };
}

describe('media', () => {
  test('every content kind uploads bytes that download unchanged, with their content type', async () => {
    const { client } = fixture;
    const bytes = new Uint8Array([0xff, 0x00, 0x7f, 0x80]);
    await client.uploadMediaFile('bytes.bin', bytes);
    await client.uploadMediaFile('buffer.bin', bytes.slice().buffer, {
      contentType: 'audio/x-raw',
    });
    await client.uploadMediaFile('blob.txt', new Blob(['blob content']), {
      contentType: 'text/plain',
    });
    await client.uploadMediaFile('text name ü.txt', 'Grüße, not a path: ./x.wav', {
      contentType: 'text/plain; charset=utf-8',
      cacheControl: 'max-age=60',
    });
    const chunks = ['stream ', 'of ', 'chunks'];
    await client.uploadMediaFile(
      'stream.txt',
      new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(next));
        },
      }),
      { contentType: 'text/plain' },
    );

    const download = await client.downloadMediaFile('bytes.bin');
    expect(download.contentType).toBe('application/octet-stream');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    await expect(downloadText('blob.txt')).resolves.toEqual({
      text: 'blob content',
      contentType: 'text/plain',
    });
    await expect(downloadText('text name ü.txt')).resolves.toEqual({
      text: 'Grüße, not a path: ./x.wav',
      contentType: 'text/plain; charset=utf-8',
    });
    await expect(downloadText('stream.txt')).resolves.toMatchObject({ text: 'stream of chunks' });

    const stored = listOf<{ mediaName: string; contentLength: number }>(
      await fixture.state(),
      'media',
    );
    expect(stored).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ mediaName: 'buffer.bin', contentLength: 4 }),
        expect.objectContaining({
          mediaName: 'text name ü.txt',
          contentLength: new TextEncoder().encode('Grüße, not a path: ./x.wav').byteLength,
        }),
      ]),
    );
  });

  test('uploadMediaFileFromPath stores the file as it is on disk', async () => {
    const content = Buffer.from(Array.from({ length: 70_000 }, (_, n) => n % 251));
    const file = join(directory, 'greeting.wav');
    await writeFile(file, content);
    await fixture.client.uploadMediaFileFromPath('greeting.wav', file, {
      contentType: 'audio/wav',
    });
    const download = await fixture.client.downloadMediaFile('greeting.wav');
    expect(download.contentType).toBe('audio/wav');
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
  });

  test('listMediaFiles follows pages until every file is listed; delete removes one', async () => {
    const { client } = fixture;
    // The list has no size option, so more files than the API's default page (25) are needed.
    for (let n = 0; n < 24; n++) await client.uploadMediaFile(`bulk-${n}.txt`, `file ${n}`);
    const stored = listOf<MediaFile>(await fixture.state(), 'media');
    expect(stored.length).toBeGreaterThan(25);

    const pages: MediaFile[][] = [];
    for await (const page of client.listMediaFiles().pages()) pages.push(page);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const listed = pages.flat();
    expect(listed.map((m) => m.mediaName).sort()).toEqual(stored.map((m) => m.mediaName).sort());
    expect(listed.find((m) => m.mediaName === 'bulk-3.txt')).toMatchObject({ contentLength: 6 });

    await client.deleteMediaFile('bulk-3.txt');
    await expect(client.downloadMediaFile('bulk-3.txt')).rejects.toBeInstanceOf(NotFoundError);
    const after = await client.listMediaFiles().toArray();
    expect(after).toHaveLength(listed.length - 1);
  });
});
