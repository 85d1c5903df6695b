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
 * (e.g. `credentials.password`, `provider.properties.password`) are replaced and every string goes
 * through `scrub`.
 */
export function redactValue(value: unknown, scrub: (text: string) => string = String): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, scrub));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = sensitiveKeys.test(key) && item != null ? REDACTED : redactValue(item, scrub);
    }
    return copy;
  }
  return value;
}

/**
 * A function that replaces every occurrence of the given secrets in a text. Values shorter than
 * four characters are left alone: replacing them would mangle ordinary words without protecting
 * anything real.
 */
export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  const needles = secrets.filter((secret) => secret.length >= 4);
  return (text) => {
    let result = String(text);
    for (const needle of needles) result = result.split(needle).join(REDACTED);
    return result;
  };
}
