/** The user name and password Bandwidth sends (from the callback URL's `user:pass@`). */
export interface BasicCredentials {
  username: string;
  password: string;
}

/**
 * Compares two strings in time that depends only on `expected`'s length, not on where they differ.
 * Portable (no `node:crypto`). Compares UTF-16 code units, so nothing is encoded per call.
 */
export function constantTimeEqual(actual: string, expected: string): boolean {
  let difference = actual.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) {
    // Past the end of `actual`, NaN | 0 is 0: the length difference has already told.
    difference |= (actual.charCodeAt(i) | 0) ^ expected.charCodeAt(i);
  }
  return difference === 0;
}

function decodeBase64(text: string): string | undefined {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Whether an `Authorization` header value carries exactly `expected` as HTTP Basic credentials.
 * User name and password are both compared in constant time.
 */
export function verifyBasicAuth(
  authorization: string | null | undefined,
  expected: BasicCredentials,
): boolean {
  const match = typeof authorization === 'string' && /^\s*basic\s+(\S+)\s*$/i.exec(authorization);
  const decoded = match ? decodeBase64(match[1] as string) : undefined;
  const colon = decoded?.indexOf(':') ?? -1;
  // Compare even when the header is unusable so timing does not reveal which check failed.
  const username = colon >= 0 ? (decoded as string).slice(0, colon) : '';
  const password = colon >= 0 ? (decoded as string).slice(colon + 1) : '';
  const usernameMatches = constantTimeEqual(username, expected.username);
  const passwordMatches = constantTimeEqual(password, expected.password);
  return colon >= 0 && usernameMatches && passwordMatches;
}
