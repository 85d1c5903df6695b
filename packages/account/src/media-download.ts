/** A downloaded media file; its body is a stream that can be read once. */
export interface MediaDownload {
  /** The response `Content-Type`, or `application/octet-stream` when the server sent none. */
  contentType: string;
  /** From `Content-Length`, when the server sent one. */
  contentLength?: number;
  /** The file's bytes, streamed; never parsed. */
  body: ReadableStream<Uint8Array>;
  /** Reads the whole `body`. The body can be read once: a second read rejects with `TypeError`. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Wraps a media response without reading it. */
export function toMediaDownload(response: Response): MediaDownload {
  const body: ReadableStream<Uint8Array> = response.body ?? new Blob([]).stream();
  const length = response.headers.get('content-length');
  let read = false;
  return {
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    ...(length !== null && /^\d+$/.test(length) ? { contentLength: Number(length) } : {}),
    body,
    async arrayBuffer() {
      if (read || body.locked) throw new TypeError('The media body has already been read');
      read = true;
      return new Response(body).arrayBuffer();
    },
  };
}
