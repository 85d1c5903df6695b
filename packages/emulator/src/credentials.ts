import { inspect } from 'node:util';

/** A user's API credentials. Printing or serialising them never shows token or secret. */
export interface EmulatorCredentials {
  readonly userId: string;
  readonly apiToken: string;
  readonly apiSecret: string;
}

/**
 * Credentials whose `apiToken`/`apiSecret` stay readable (and spreadable), while
 * `JSON.stringify` and `util.inspect` show them redacted.
 */
export function redactedCredentials(
  userId: string,
  apiToken: string,
  apiSecret: string,
): EmulatorCredentials {
  const credentials = { userId, apiToken, apiSecret };
  const safe = () => ({ userId, apiToken: '[REDACTED]', apiSecret: '[REDACTED]' });
  Object.defineProperty(credentials, 'toJSON', { value: safe, enumerable: false });
  Object.defineProperty(credentials, inspect.custom, {
    value: (_depth: number, options: object) => inspect(safe(), options),
    enumerable: false,
  });
  return Object.freeze(credentials);
}
