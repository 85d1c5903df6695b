import type { FaultRule } from './faults';
import type { RateLimitConfig } from './rate-limits';
import {
  type AutoAnswerPolicy,
  DEFAULT_AUTO_ANSWER,
  validateAutoAnswer,
} from './voice/auto-answer';
import { type AutoPressPolicy, DEFAULT_AUTO_PRESS, validateAutoPress } from './voice/auto-press';

/** One account of the emulator. State is kept per user. */
export interface EmulatorUser {
  /** The `u-…` id in `/v1/users/{userId}/…`. */
  userId: string;
  /** The Basic-auth user name. */
  apiToken: string;
  /** The Basic-auth password. */
  apiSecret: string;
  /** E.164 numbers the user owns from the start (e.g. `+19195551212`). */
  numbers?: string[];
  /** Starting balance in dollars as a decimal string (default `"100.00"`). */
  balance?: string;
}

/**
 * Options of {@link startEmulator}. The interface may be extended by declaration merging
 * from the emulator's own modules (voice adds its options this way).
 */
export interface EmulatorOptions {
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** Port to listen on (default `0`: a free port). */
  port?: number;
  /**
   * The base URL clients reach the emulator at when it is not the address it listens on
   * (behind a proxy, in a container), e.g. `https://emulator.test:8443`. `Location`,
   * `Link` and the URLs in bodies and events are built from it; never from a request's
   * `Host` header. Default: the listening address.
   */
  publicUrl?: string;
  /** Accounts (default: one user `u-emulator` / `t-emulator` / `s-emulator`). */
  users?: EmulatorUser[];
  /**
   * Time scale of every simulated duration (message state changes, audio, calls):
   * 1 = real time, 100 = a hundred times faster. Network-facing times (callback timeouts,
   * fault latency, rate-limit windows) stay in real milliseconds.
   */
  speed?: number;
  /** Makes ids, synthetic numbers and fault dice deterministic. */
  seed?: number;
  /** Rate limits; off by default. */
  rateLimits?: RateLimitConfig;
  /** Fault-injection rules active from the start. */
  faults?: FaultRule[];
  /** Log every answered request as a JSON line on stdout (default false). */
  logRequests?: boolean;
  /**
   * How the far end of outbound calls answers when the control API does not drive it
   * (default `{ afterMs: 2000 }`, simulated ms); `'never'` → `timeout` after `callTimeout`.
   */
  autoAnswer?: AutoAnswerPolicy;
  /**
   * What the far end presses by itself when a gather starts listening (default `'never'`):
   * `{ digits, afterMs }` presses `digits` `afterMs` simulated ms after each gather starts.
   */
  autoPress?: AutoPressPolicy;
  /**
   * Run the emulator on a worker thread of its own (default false), with its own event loop
   * and heap: a caller that is busy or blocked does not hold up its answers, its clock or its
   * callbacks, and its heap is sized for a server that keeps what it serves (shorter collector
   * pauses under load). Starting takes about 100 ms more. Needs the built package (Node.js),
   * not its TypeScript sources.
   */
  worker?: boolean;
}

/** The user that exists when no users are configured. */
export const DEFAULT_USER: Readonly<EmulatorUser> = Object.freeze({
  userId: 'u-emulator',
  apiToken: 't-emulator',
  apiSecret: 's-emulator',
});

/** Options with every default filled in. */
export interface ResolvedOptions {
  host: string;
  port: number;
  /** Without a trailing slash; undefined → the listening address. */
  publicUrl: string | undefined;
  users: EmulatorUser[];
  speed: number;
  seed: number | undefined;
  rateLimits: RateLimitConfig;
  faults: FaultRule[];
  logRequests: boolean;
  autoAnswer: AutoAnswerPolicy;
  autoPress: AutoPressPolicy;
}

/** Checks `options` and fills in defaults; throws `TypeError` on nonsense. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const users = options.users && options.users.length > 0 ? options.users : [{ ...DEFAULT_USER }];
  const seen = new Set<string>();
  const tokens = new Map<string, string>();
  for (const user of users) {
    for (const key of ['userId', 'apiToken', 'apiSecret'] as const) {
      if (typeof user[key] !== 'string' || user[key] === '') {
        throw new TypeError(`Emulator user option "${key}" must be a non-empty string`);
      }
    }
    if (seen.has(user.userId)) throw new TypeError(`Duplicate emulator user "${user.userId}"`);
    if (tokens.has(user.apiToken)) {
      throw new TypeError(
        `Emulator users "${tokens.get(user.apiToken)}" and "${user.userId}" share an apiToken`,
      );
    }
    seen.add(user.userId);
    tokens.set(user.apiToken, user.userId);
  }
  const speed = options.speed ?? 1;
  if (!(typeof speed === 'number' && Number.isFinite(speed) && speed > 0)) {
    throw new TypeError('Emulator option "speed" must be a positive number');
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError('Emulator option "port" must be an integer between 0 and 65535');
  }
  if (options.worker !== undefined && typeof options.worker !== 'boolean') {
    throw new TypeError('Emulator option "worker" must be a boolean');
  }
  if (options.seed !== undefined && !Number.isFinite(options.seed)) {
    throw new TypeError('Emulator option "seed" must be a finite number');
  }
  return {
    host: options.host ?? '127.0.0.1',
    port,
    publicUrl: checkPublicUrl(options.publicUrl),
    users: users.map((user) => ({ ...user, numbers: [...(user.numbers ?? [])] })),
    speed,
    seed: options.seed,
    rateLimits: options.rateLimits ?? {},
    faults: options.faults ?? [],
    logRequests: options.logRequests ?? false,
    autoAnswer: validateAutoAnswer(options.autoAnswer ?? DEFAULT_AUTO_ANSWER),
    autoPress: validateAutoPress(options.autoPress ?? DEFAULT_AUTO_PRESS),
  };
}

/** An absolute http(s) URL without credentials, query or fragment; its trailing slash dropped. */
function checkPublicUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw new TypeError(
      'Emulator option "publicUrl" must be an absolute http(s) URL without credentials, query or fragment',
    );
  }
  return url.href.replace(/\/+$/, '');
}
