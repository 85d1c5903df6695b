import type { FastifyRequest } from 'fastify';

/**
 * The scheme and authority the client used (`http://127.0.0.1:4010`), so that absolute
 * URLs in `Location`, `Link` and bodies point back at the address the client reached.
 */
export function requestOrigin(request: FastifyRequest, fallback: string): string {
  const host = request.headers.host;
  return host ? `${request.protocol}://${host}` : fallback;
}

/** An absolute URL for `path` (which starts with `/`) on the origin of `request`. */
export function absoluteUrl(request: FastifyRequest, path: string, fallback: string): string {
  return `${requestOrigin(request, fallback)}${path}`;
}

/** `/v1/users/{userId}` + the given segments, each percent-encoded once. */
export function userPath(userId: string, ...segments: string[]): string {
  let path = `/v1/users/${encodeURIComponent(userId)}`;
  for (const segment of segments) path += `/${encodeURIComponent(segment)}`;
  return path;
}
