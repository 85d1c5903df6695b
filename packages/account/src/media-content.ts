import { ArgumentTypeError, ConfigurationError, ValidationError } from '@bw/core/internal';

/** What `uploadMediaFile` accepts; a `string` is content (UTF-8), never a file path. */
export type MediaContent = Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array> | string;

/** Headers of a media upload. */
export interface UploadMediaOptions {
  /** Default `application/octet-stream`. */
  contentType?: string;
  /** Length of a `ReadableStream` body; without it the stream is read into memory to measure it. */
  contentLength?: number;
  /** Sent as `Cache-Control` when given. */
  cacheControl?: string;
}

/** A media file's body, ready to send, with the length the API requires up front. */
export interface UploadBody {
  body: Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array>;
  length: number;
}

/** Measures the content; only a stream of unknown length has to be read first. */
export async function toUploadBody(
  content: MediaContent,
  opts: UploadMediaOptions | undefined,
): Promise<UploadBody> {
  if (typeof content === 'string') {
    const bytes = new TextEncoder().encode(content);
    return { body: bytes, length: bytes.byteLength };
  }
  if (content instanceof Uint8Array || content instanceof ArrayBuffer) {
    return { body: content, length: content.byteLength };
  }
  if (content instanceof Blob) return { body: content, length: content.size };
  if (content instanceof ReadableStream) {
    if (opts?.contentLength !== undefined) return { body: content, length: opts.contentLength };
    const bytes = new Uint8Array(await new Response(content).arrayBuffer());
    return { body: bytes, length: bytes.byteLength };
  }
  throw new ArgumentTypeError(
    'content must be a Uint8Array, ArrayBuffer, Blob, ReadableStream or string',
  );
}

/** The three headers the media PUT takes. */
export function uploadHeaders(
  length: number,
  opts: UploadMediaOptions | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': opts?.contentType ?? 'application/octet-stream',
    'Content-Length': String(length),
  };
  if (opts?.cacheControl !== undefined) headers['Cache-Control'] = opts.cacheControl;
  return headers;
}

/**
 * Opens a file as a lazily read Blob, which streams it and can be re-read if the upload is retried.
 * `node:fs` is imported only here, so the package still loads where it does not exist.
 */
export async function openFileBody(filePath: string): Promise<UploadBody> {
  let fs: typeof import('node:fs') | undefined;
  try {
    fs = await import('node:fs');
  } catch {
    fs = undefined;
  }
  if (typeof fs?.openAsBlob !== 'function') {
    throw new ConfigurationError(
      'uploadMediaFileFromPath needs node:fs (Node.js 20 or later); pass the content to uploadMediaFile instead',
    );
  }
  // stat first: it names a missing or unreadable path (ENOENT, EISDIR …) where openAsBlob cannot.
  const stats = await fs.promises.stat(filePath);
  if (!stats.isFile()) throw new ValidationError(`filePath is not a file: ${filePath}`);
  const file = await fs.openAsBlob(filePath);
  return { body: file, length: file.size };
}
