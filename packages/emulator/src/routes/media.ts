import type { RoutePlugin } from '../context';
import { apiError, notFound } from '../errors';
import { absoluteUrl, userPath } from '../location';
import { paginate } from '../pagination';

/** Largest media upload: 65 MB. */
export const MAX_MEDIA_BYTES = 65 * 1024 * 1024;

/**
 * Media: raw-byte upload (`PUT`, its `Content-Length` checked before the body is read), download
 * with the stored `Content-Type`, list, delete.
 */
export const media: RoutePlugin = (app, context) => {
  app.get('/v1/users/:userId/media', async (request, reply) => {
    const user = context.userOf(request);
    const files = [...user.media.values()].map((file) => ({
      contentLength: file.content.length,
      mediaName: file.mediaName,
      content: absoluteUrl(context, userPath(user.userId, 'media', file.mediaName)),
    }));
    return paginate(request, reply, files, context.url, { resource: 'media' });
  });

  app.put<{ Params: { mediaName: string } }>(
    '/v1/users/:userId/media/:mediaName',
    {
      rawBody: true,
      bodyLimit: MAX_MEDIA_BYTES,
      // Runs before the body is read, so an oversized upload is refused without reading it.
      onRequest: (request) => {
        const header = request.headers['content-length'];
        if (header === undefined) {
          throw apiError(
            400,
            'bad-request',
            'validation-error',
            'The media size must be specified by the Content-Length header',
          );
        }
        // Node's HTTP parser refuses a Content-Length that is not a number before any route runs.
        const size = Number(header);
        if (size > MAX_MEDIA_BYTES) {
          throw apiError(
            403,
            'forbidden',
            'media-size-overflow',
            `The media size ${size} bytes is larger than the maximum ${MAX_MEDIA_BYTES} bytes`,
          );
        }
      },
    },
    async (request, reply) => {
      const user = context.userOf(request);
      const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const cacheControl = request.headers['cache-control'];
      user.media.set(request.params.mediaName, {
        mediaName: request.params.mediaName,
        contentType: request.headers['content-type'] ?? 'application/octet-stream',
        content,
        ...(cacheControl ? { cacheControl } : {}),
      });
      return reply.status(200).send();
    },
  );

  app.get<{ Params: { mediaName: string } }>(
    '/v1/users/:userId/media/:mediaName',
    async (request, reply) => {
      const user = context.userOf(request);
      const file = user.media.get(request.params.mediaName);
      if (!file) throw mediaNotFound(request.params.mediaName);
      reply.header('Content-Type', file.contentType);
      if (file.cacheControl) reply.header('Cache-Control', file.cacheControl);
      return reply.status(200).send(file.content);
    },
  );

  app.delete<{ Params: { mediaName: string } }>(
    '/v1/users/:userId/media/:mediaName',
    async (request, reply) => {
      const user = context.userOf(request);
      if (!user.media.delete(request.params.mediaName)) {
        throw mediaNotFound(request.params.mediaName);
      }
      return reply.status(200).send();
    },
  );
};

function mediaNotFound(mediaName: string) {
  return notFound('media-not-found', 'media resource named', mediaName);
}
