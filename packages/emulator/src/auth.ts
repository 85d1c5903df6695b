import { apiError } from './errors';
import type { HttpRequest } from './http';
import type { PhoneNumberRecord, Store, UserState } from './state';

/**
 * Basic auth of a REST request: `apiToken:apiSecret` of a configured user, else 401; a path
 * under another user's `/v1/users/{userId}` is 401 too (`user-access-denied` is an
 * `authorization` error in the reference's table).
 */
export function authenticate(store: Store, request: HttpRequest, path: string): UserState {
  const header = request.headers.authorization;
  const challenge = { 'WWW-Authenticate': 'Basic realm="Bandwidth"' };
  if (!header) {
    throw apiError(
      401,
      'authorization',
      'user-access-denied',
      'Authentication required: send HTTP Basic credentials (apiToken:apiSecret)',
      [],
      challenge,
    );
  }
  let user = store.userForHeader(header);
  if (!user) {
    const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
    const decoded = match ? Buffer.from(match[1] as string, 'base64').toString('utf8') : '';
    const separator = decoded.indexOf(':');
    user =
      separator > 0
        ? store.authenticate(decoded.slice(0, separator), decoded.slice(separator + 1))
        : undefined;
    if (user) store.rememberHeader(header, user);
  }
  if (!user) {
    throw apiError(
      401,
      'authorization',
      'user-access-denied',
      'The API token or secret is not valid',
      [],
      challenge,
    );
  }
  const pathUser = userIdOfPath(path);
  if (pathUser !== undefined && pathUser !== user.userId) {
    throw apiError(
      401,
      'authorization',
      'user-access-denied',
      `User ${user.userId} does not have permission to access user ${pathUser}`,
    );
  }
  return user;
}

/**
 * Throws 401 `number-access-denied` unless `number` is an enabled number of `user` (the
 * `from` of a message, a call or a conference); returns the number's record.
 */
export function requireOwnedNumber(
  store: Store,
  user: UserState,
  number: string,
): PhoneNumberRecord {
  const owner = store.ownerOf(number);
  if (owner?.user === user) return owner.phoneNumber;
  throw apiError(
    401,
    'authorization',
    'number-access-denied',
    `User ${user.userId} does not have permission to use number ${number}`,
  );
}

/** `{userId}` of `/v1/users/{userId}/…`, percent-decoded; undefined for other paths. */
export function userIdOfPath(path: string): string | undefined {
  if (!path.startsWith('/v1/users/')) return undefined;
  const end = path.indexOf('/', 10);
  const raw = path.slice(10, end === -1 ? undefined : end);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
