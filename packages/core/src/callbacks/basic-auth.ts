/** The user name and password Bandwidth sends (from the callback URL's `user:pass@`). */
export interface BasicCredentials {
  username: string;
  password: string;
}

const encoder = new TextEncoder();

/**
 * Compares two strings in time that depends only on `expected`'s length, not on where they differ.
 * Portable (no `node:crypto`).
 */
export function constantTimeEqual(actual: string, expected: string): boolean {
  const a = encoder.encode(actual);
  const b = encoder.encode(expected);
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i] ?? 0) ^ (b[i] as number);
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
