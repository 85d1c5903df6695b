import { type Emulator, startEmulator } from '@bw/emulator';
import { MessagingClient } from '../src/index';

/** Numbers the test user owns from the start. */
export const OWNED = ['+19195550100', '+19195550101'] as const;

/** An emulator with one user owning {@link OWNED}, and a `MessagingClient` for that user. */
export interface MessagingFixture {
  emulator: Emulator;
  client: MessagingClient;
  /** The emulator's own view of the user's resources (`GET /_emulator/state`). */
  state(): Promise<Record<string, unknown>>;
  /** A raw API request as the user, for setup this package has no method for (applications). */
  api(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

export async function startMessagingFixture(): Promise<MessagingFixture> {
  const emulator = await startEmulator({
    speed: 100,
    seed: 3,
    users: [
      {
        userId: 'u-messaging',
        apiToken: 't-messaging',
        apiSecret: 's-messaging',
        numbers: [...OWNED],
      },
    ],
  });
  const { userId, apiToken, apiSecret } = emulator.credentials;
  const client = new MessagingClient({ userId, apiToken, apiSecret, baseUrl: emulator.url });
  const authorization = `Basic ${Buffer.from(`${apiToken}:${apiSecret}`).toString('base64')}`;
  return {
    emulator,
    client,
    state: () => emulator.control.state(),
    api: (method, path, body) =>
      fetch(`${emulator.url}/v1/users/${userId}${path}`, {
        method,
        headers: {
          authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    close: () => emulator.close(),
  };
}
