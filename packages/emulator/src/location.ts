import type { EmulatorContext } from './context';

/**
 * An absolute URL for `path` (which starts with `/`) on the emulator's own origin
 * (`context.url`), as `Location`, `Link` and bodies need it.
 */
export function absoluteUrl(context: EmulatorContext, path: string): string {
  return `${context.url}${path}`;
}

/** `/v1/users/{userId}` + the given segments, each percent-encoded once. */
export function userPath(userId: string, ...segments: string[]): string {
  let path = `/v1/users/${encodeURIComponent(userId)}`;
  for (const segment of segments) path += `/${encodeURIComponent(segment)}`;
  return path;
}
