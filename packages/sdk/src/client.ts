import { AccountClient } from '@bw/account';
import { type ClientOptions, ConfigurationError } from '@bw/core';
import { MessagingClient } from '@bw/messaging';
import { VoiceClient } from '@bw/voice';

/** The names {@link client} accepts (matched case-insensitively). */
export type ClientName = 'voice' | 'messaging' | 'account';

/** Any client {@link client} can build. */
export type AnyClient = VoiceClient | MessagingClient | AccountClient;

type ClientConstructor = new (
  userId?: string,
  apiToken?: string,
  apiSecret?: string,
  options?: ClientOptions,
) => AnyClient;

// A null-prototype table, so names such as "constructor" or "__proto__" are not found in it.
const constructors: Readonly<Record<ClientName, ClientConstructor>> = Object.freeze(
  Object.assign(Object.create(null) as Record<ClientName, ClientConstructor>, {
    voice: VoiceClient,
    messaging: MessagingClient,
    account: AccountClient,
  }),
);

const validNames = (Object.keys(constructors) as ClientName[])
  .map((name) => `"${name}"`)
  .join(', ');

/**
 * Creates the client for one part of the API by name.
 *
 * The name is matched case-insensitively (`'VOICE'` works); the remaining arguments go to the
 * client's positional constructor unchanged, so every credential left out falls back to
 * `BANDWIDTH_USER_ID`, `BANDWIDTH_API_TOKEN` or `BANDWIDTH_API_SECRET`.
 *
 * @param name - `'voice'`, `'messaging'` or `'account'`.
 * @param userId - Bandwidth user id (`u-…`).
 * @param apiToken - API token.
 * @param apiSecret - API secret.
 * @param options - base URL, timeout, retry policy, hooks, logger…
 * @throws ConfigurationError for any other name (`Invalid client name "X". Valid names are …`),
 *   or when a credential is neither given nor in the environment.
 *
 * @example
 * ```ts
 * import { client } from '@bw/sdk';
 *
 * const messaging = client('messaging', 'u-123', apiToken, apiSecret);
 * await messaging.sendMessage({ from: '+19195551212', to: '+19195553434', text: 'Hello' });
 * ```
 */
export function client(
  name: 'voice',
  userId?: string,
  apiToken?: string,
  apiSecret?: string,
  options?: ClientOptions,
): VoiceClient;
export function client(
  name: 'messaging',
  userId?: string,
  apiToken?: string,
  apiSecret?: string,
  options?: ClientOptions,
): MessagingClient;
export function client(
  name: 'account',
  userId?: string,
  apiToken?: string,
  apiSecret?: string,
  options?: ClientOptions,
): AccountClient;
export function client(
  name: string,
  userId?: string,
  apiToken?: string,
  apiSecret?: string,
  options?: ClientOptions,
): AnyClient;
export function client(
  name: string,
  userId?: string,
  apiToken?: string,
  apiSecret?: string,
  options?: ClientOptions,
): AnyClient {
  const Constructor =
    typeof name === 'string' ? constructors[name.toLowerCase() as ClientName] : undefined;
  if (Constructor === undefined) {
    throw new ConfigurationError(
      `Invalid client name "${String(name)}". Valid names are ${validNames}.`,
    );
  }
  return new Constructor(userId, apiToken, apiSecret, options);
}
