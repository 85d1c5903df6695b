// The one emulator fixture of the client tests: an @bw/emulator with one test user, its
// credentials, the emulator's own view of the user's state and raw API requests for setup no
// client method covers. Each package passes `startEmulator` in (test-support itself resolves no
// workspace package) and builds its client from `credentials` and `url`.

/** The part of `@bw/emulator`'s `Emulator` the fixture uses. */
export interface EmulatorHandle {
  readonly url: string;
  readonly credentials: { userId: string; apiToken: string; apiSecret: string };
  readonly control: { state(): Promise<Record<string, unknown>> };
  close(): Promise<void>;
}

/** The test user: `u-<name>`, `t-<name>`, `s-<name>`, owning `numbers`. */
export interface TestUser {
  name: string;
  numbers: readonly string[];
  /** Pre-pay balance, as the emulator takes it (e.g. `'50.00'`). */
  balance?: string;
}

/** An emulator with one test user. */
export interface EmulatorFixture<E extends EmulatorHandle> {
  emulator: E;
  credentials: E['credentials'];
  /** The emulator's base URL, for a client's `baseUrl`. */
  url: string;
  /** The emulator's own view of the user's resources (`GET /_emulator/state`). */
  state(): Promise<Record<string, unknown>>;
  /** A raw API request as the user (`path` below `/v1/users/{userId}`). */
  api(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/** Starts an emulator (speed 100 unless `options` say otherwise) with the test user. */
export async function startEmulatorFixture<O extends object, E extends EmulatorHandle>(
  startEmulator: (options: O) => Promise<E>,
  user: TestUser,
  options: Omit<O, 'users'> = {} as Omit<O, 'users'>,
): Promise<EmulatorFixture<E>> {
  const emulator = await startEmulator({
    speed: 100,
    ...options,
    users: [
      {
        userId: `u-${user.name}`,
        apiToken: `t-${user.name}`,
        apiSecret: `s-${user.name}`,
        numbers: [...user.numbers],
        ...(user.balance === undefined ? {} : { balance: user.balance }),
      },
    ],
  } as unknown as O);
  const { userId, apiToken, apiSecret } = emulator.credentials;
  const authorization = `Basic ${Buffer.from(`${apiToken}:${apiSecret}`).toString('base64')}`;
  return {
    emulator,
    credentials: emulator.credentials,
    url: emulator.url,
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
