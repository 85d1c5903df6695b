import { inspect } from 'node:util';
import { type Emulator, startEmulator } from '@bw/emulator';
import { type account, client, type messaging, type voice } from '@bw/sdk';

/** Options of {@link connectTarget}. */
export interface TargetOptions {
  /** Where settings are read from. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Numbers the app sends or receives on; a local emulator owns them from the start. */
  numbers: string[];
  /** Time scale of a local emulator (default `BW_EMULATOR_SPEED`, else 1 = real time). */
  speed?: number;
}

/**
 * The API an app talks to: Bandwidth (or any server) at `BANDWIDTH_BASE_URL` with the
 * `BANDWIDTH_*` credentials, or, when no base URL is set, a local emulator started for the app.
 * Holds the token and secret privately; printing it shows neither.
 */
export class ApiTarget {
  /** API base URL given to every client. */
  readonly baseUrl: string;
  /** The user id the clients use (`undefined`: the client reads `BANDWIDTH_USER_ID`). */
  readonly userId: string | undefined;
  /** The local emulator, when the app started one. */
  readonly emulator: Emulator | undefined;
  readonly #apiToken: string | undefined;
  readonly #apiSecret: string | undefined;

  /** Use {@link connectTarget}. */
  constructor(
    baseUrl: string,
    credentials: { userId?: string; apiToken?: string; apiSecret?: string },
    emulator?: Emulator,
  ) {
    this.baseUrl = baseUrl;
    this.userId = credentials.userId;
    this.#apiToken = credentials.apiToken;
    this.#apiSecret = credentials.apiSecret;
    this.emulator = emulator;
  }

  /** Whether this is a local emulator the app started. */
  get local(): boolean {
    return this.emulator !== undefined;
  }

  /** A client of the target, built with `@bw/sdk`'s `client(name, …)`. */
  client(name: 'voice'): voice.VoiceClient;
  client(name: 'messaging'): messaging.MessagingClient;
  client(name: 'account'): account.AccountClient;
  client(
    name: 'voice' | 'messaging' | 'account',
  ): voice.VoiceClient | messaging.MessagingClient | account.AccountClient {
    return client(name, this.userId, this.#apiToken, this.#apiSecret, { baseUrl: this.baseUrl });
  }

  /** One line saying where the app's requests go. */
  describe(): string {
    return this.emulator
      ? `local emulator at ${this.baseUrl} (user ${this.userId})`
      : `API at ${this.baseUrl}`;
  }

  /** Stops the local emulator, if any. */
  async close(): Promise<void> {
    await this.emulator?.close();
  }

  /** Secret-free form. */
  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, userId: this.userId, local: this.local };
  }

  [inspect.custom](): string {
    return `ApiTarget ${JSON.stringify(this.toJSON())}`;
  }
}

/**
 * Decides where an app's requests go: `BANDWIDTH_BASE_URL` (with the `BANDWIDTH_USER_ID`,
 * `BANDWIDTH_API_TOKEN`, `BANDWIDTH_API_SECRET` credentials) when set; otherwise a local
 * emulator that owns `numbers`, started now and stopped by `close()`.
 */
export async function connectTarget(options: TargetOptions): Promise<ApiTarget> {
  const env = options.env ?? process.env;
  const baseUrl = env.BANDWIDTH_BASE_URL;
  if (baseUrl) {
    return new ApiTarget(baseUrl, {
      userId: env.BANDWIDTH_USER_ID,
      apiToken: env.BANDWIDTH_API_TOKEN,
      apiSecret: env.BANDWIDTH_API_SECRET,
    });
  }
  const speed = options.speed ?? readNumber(env, 'BW_EMULATOR_SPEED', 1);
  const emulator = await startEmulator({
    speed,
    users: [
      {
        userId: 'u-emulator',
        apiToken: 't-emulator',
        apiSecret: 's-emulator',
        numbers: [...new Set(options.numbers)],
      },
    ],
  });
  return new ApiTarget(emulator.url, emulator.credentials, emulator);
}

/** A positive number from `env[name]`, or `fallback` when unset; throws on anything else. */
export function readNumber(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${name} must be a non-negative number, not ${JSON.stringify(text)}`);
  }
  return value;
}
