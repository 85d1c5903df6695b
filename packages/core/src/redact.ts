/** What replaces a secret in logs, errors and inspected objects. */
export const REDACTED = '[REDACTED]';

const sensitiveHeaders = /^(authorization|proxy-authorization|cookie|set-cookie)$/i;
const sensitiveKeys = /^(password|secret|token|api_?token|api_?secret|authorization)$/i;

/** A copy of `headers` with credential-bearing values replaced. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    copy[name] = sensitiveHeaders.test(name) ? REDACTED : value;
  }
  return copy;
}

/**
 * A deep copy of `value` for a log line or an error: password, token, secret and authorization keys
 * (e.g. `credentials.password`, `provider.properties.password`) are replaced and every string, keys
 * included, goes through `scrub`.
 */
export function redactValue(value: unknown, scrub: (text: string) => string = String): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, scrub));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[scrub(key)] =
        sensitiveKeys.test(key) && item != null ? REDACTED : redactValue(item, scrub);
    }
    return copy;
  }
  return value;
}

// The password of a URL's userinfo: `//user:password@host`.
const urlPassword = /(\/\/[^/?#@\s:]*:)[^/?#@\s]*@/g;

/**
 * A function that replaces every occurrence of the given secrets in a text, and the password of
 * every URL in it (`http://user:[REDACTED]@host/…`). The transport refuses credentials shorter
 * than four characters, so every secret it hands here can be replaced without mangling ordinary
 * words.
 */
export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  return (text) => {
    let result = String(text);
    for (const needle of secrets) result = result.split(needle).join(REDACTED);
    return result.replace(urlPassword, `$1${REDACTED}@`);
  };
}
