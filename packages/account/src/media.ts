import {
  type PagedIterable,
  type RequestOptions,
  requireId,
  type Transport,
} from '@bw/core/internal';
import {
  type MediaContent,
  openFileBody,
  toUploadBody,
  type UploadBody,
  type UploadMediaOptions,
  uploadHeaders,
} from './media-content';
import { type MediaDownload, toMediaDownload } from './media-download';

/** A stored media file, as listed. */
export interface MediaFile {
  mediaName: string;
  contentLength?: number;
  /** URL of the file's content. */
  content?: string;
}

/** Media methods of `AccountClient`. */
export abstract class MediaMethods {
  declare protected readonly transport: Transport;

  /** Lists stored media files, lazily across pages. `GET ~/media`. */
  listMediaFiles(requestOptions?: RequestOptions): PagedIterable<MediaFile> {
    return this.transport.paged<MediaFile>(
      { method: 'GET', path: this.transport.userPath('media') },
      requestOptions,
    );
  }

  /**
   * Uploads (or replaces) a media file from bytes, a Blob, a stream or a string (UTF-8 content).
   * `PUT ~/media/{mediaName}` with `Content-Type` (default `application/octet-stream`),
   * `Content-Length` and, when given, `Cache-Control`. At most 65 MB.
   */
  async uploadMediaFile(
    mediaName: string,
    content: MediaContent,
    opts?: UploadMediaOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = mediaPath(this.transport, mediaName);
    return putMedia(this.transport, path, await toUploadBody(content, opts), opts, requestOptions);
  }

  /**
   * Uploads a file from disk, streamed, with `Content-Length` from its size. `PUT ~/media/{mediaName}`.
   * Needs `node:fs`; elsewhere it rejects with `ConfigurationError`.
   */
  async uploadMediaFileFromPath(
    mediaName: string,
    filePath: string,
    opts?: UploadMediaOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = mediaPath(this.transport, mediaName);
    const file = await openFileBody(requireId('filePath', filePath));
    return putMedia(this.transport, path, file, opts, requestOptions);
  }

  /**
   * Downloads a media file as a stream (`Accept: *\/*`); the body is never parsed.
   * `GET ~/media/{mediaName}`.
   */
  async downloadMediaFile(
    mediaName: string,
    requestOptions?: RequestOptions,
  ): Promise<MediaDownload> {
    const response = await this.transport.response(
      { method: 'GET', path: mediaPath(this.transport, mediaName), accept: '*/*' },
      requestOptions,
    );
    return toMediaDownload(response);
  }

  /** Deletes a media file. `DELETE ~/media/{mediaName}`. */
  async deleteMediaFile(mediaName: string, requestOptions?: RequestOptions): Promise<void> {
    return this.transport.noContent(
      { method: 'DELETE', path: mediaPath(this.transport, mediaName) },
      requestOptions,
    );
  }
}

function putMedia(
  transport: Transport,
  path: string,
  { body, length }: UploadBody,
  opts: UploadMediaOptions | undefined,
  requestOptions: RequestOptions | undefined,
): Promise<void> {
  return transport.noContent(
    { method: 'PUT', path, body, headers: uploadHeaders(length, opts) },
    requestOptions,
  );
}

function mediaPath(transport: Transport, mediaName: string): string {
  return transport.userPath('media', requireId('mediaName', mediaName));
}
