import { apiError } from './errors';

/**
 * `limit` requests per `windowMs` milliseconds: a fixed window for the 429 resource limits, an
 * average over the last `windowMs` for the 403 sending limits.
 */
export interface RateLimitWindow {
  limit: number;
  windowMs: number;
}

/** Resources the 429 limits apply to (the first collection of the path, or a nested one). */
export type RateLimitedResource =
  | 'account'
  | 'applications'
  | 'availableNumbers'
  | 'bridges'
  | 'calls'
  | 'conferences'
  | 'domains'
  | 'endpoints'
  | 'errors'
  | 'media'
  | 'messages'
  | 'numberInfo'
  | 'phoneNumbers'
  | 'recordings'
  | 'transcriptions';

/** Limits on sending (messages, calls): answered with 403 `category: limit`. */
export interface SendingLimits {
  /** Per account. */
  perAccount?: RateLimitWindow;
  /** Per sending (`from`) number. */
  perNumber?: RateLimitWindow;
}

/** Rate-limit configuration; everything is off unless set. */
export interface RateLimitConfig {
  /** 429 limits per user and resource. */
  resources?: Partial<Record<RateLimitedResource, RateLimitWindow>>;
  /** 429 limit for every resource not listed in `resources`. */
  default?: RateLimitWindow;
  /** 403 `message-rate-limit-overall` / `message-rate-limit-per-tn` on `POST /messages`. */
  messages?: SendingLimits;
  /** 403 `call-rate-limit` on `POST /calls`. */
  calls?: SendingLimits;
}

/** The limits the reference documents (resources 1 req/s; sending 1/s averaged over 10 s). */
export const DOCUMENTED_RATE_LIMITS: Readonly<RateLimitConfig> = Object.freeze({
  default: { limit: 1, windowMs: 1000 },
  resources: {
    availableNumbers: { limit: 100, windowMs: 60_000 },
    phoneNumbers: { limit: 2000, windowMs: 1000 },
  },
  messages: {
    perAccount: { limit: 10, windowMs: 10_000 },
    perNumber: { limit: 10, windowMs: 10_000 },
  },
  calls: {
    perAccount: { limit: 10, windowMs: 10_000 },
    perNumber: { limit: 10, windowMs: 10_000 },
  },
});

const RESOURCES = new Set<string>([
  'account',
  'applications',
  'availableNumbers',
  'bridges',
  'calls',
  'conferences',
  'domains',
  'endpoints',
  'errors',
  'media',
  'messages',
  'numberInfo',
  'phoneNumbers',
  'recordings',
  'transcriptions',
]);

/**
 * The rate-limited resource of a REST path: `/v1/users/u/domains/d/endpoints` → `endpoints`,
 * `/v1/phoneNumbers/numberInfo/+1…` → `numberInfo`, `/v1/availableNumbers/local` →
 * `availableNumbers`. The deepest known collection wins.
 */
export function resourceOfPath(path: string): string | undefined {
  const segments = path.split('/').filter(Boolean);
  if (segments[0] !== 'v1') return undefined;
  if (segments[1] === 'availableNumbers') return 'availableNumbers';
  if (segments[1] === 'phoneNumbers' && segments[2] === 'numberInfo') return 'numberInfo';
  if (segments[1] !== 'users') return undefined;
  let resource: string | undefined;
  for (let index = 3; index < segments.length; index += 2) {
    const segment = segments[index] as string;
    if (RESOURCES.has(segment)) resource = segment;
    else if (index === 3) resource = segment;
  }
  return resource;
}

interface WindowCounter {
  start: number;
  count: number;
}

/** Times (epoch ms) of the sends accepted in the last window, oldest first, from `head` on. */
interface SendLog {
  times: number[];
  head: number;
}

/** The limit code a refusal was answered with, and how many times since the limits were set. */
export type RateLimitRefusals = Record<
  | 'rate-limit-reached'
  | 'message-rate-limit-per-tn'
  | 'message-rate-limit-overall'
  | 'call-rate-limit',
  number
>;

/** A rate for a refusal message: never rounded to 0 when it is not 0 (`0.033`, `1.1`, `25`). */
export function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0';
  if (perSecond < 1) return String(Number(perSecond.toPrecision(2)));
  return String(Math.round(perSecond * 10) / 10);
}

/** Checks a configuration; throws `TypeError` on errors. */
export function validateRateLimits(config: unknown): RateLimitConfig {
  if (!config || typeof config !== 'object') throw new TypeError('rate limits must be an object');
  const candidate = config as Record<string, unknown>;
  const checkWindow = (value: unknown, where: string) => {
    if (value === undefined) return;
    const window = value as Record<string, unknown> | null;
    if (
      !window ||
      !(Number.isInteger(window.limit) && (window.limit as number) >= 0) ||
      !(typeof window.windowMs === 'number' && window.windowMs > 0)
    ) {
      throw new TypeError(`${where} must be { limit: integer ≥ 0, windowMs: number > 0 }`);
    }
  };
  checkWindow(candidate.default, 'rateLimits.default');
  const resources = (candidate.resources ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(resources)) {
    if (!RESOURCES.has(key)) throw new TypeError(`rateLimits.resources.${key} is not a resource`);
    checkWindow(value, `rateLimits.resources.${key}`);
  }
  for (const kind of ['messages', 'calls'] as const) {
    const limits = (candidate[kind] ?? {}) as Record<string, unknown>;
    checkWindow(limits.perAccount, `rateLimits.${kind}.perAccount`);
    checkWindow(limits.perNumber, `rateLimits.${kind}.perNumber`);
  }
  return structuredClone(config) as RateLimitConfig;
}

/**
 * Fixed-window counters per user and resource (429): `X-RateLimit-Reset` is the window's end in
 * epoch ms. Sending limits (403 `limit`) are averages over a sliding window, as the reference
 * words them ("calculated as the average over 10 seconds"): a send is refused when the sends of
 * the last `windowMs`, itself included, would exceed `limit`. Everything runs in real time.
 */
export class RateLimiter {
  #config: RateLimitConfig = {};
  readonly #counters = new Map<string, WindowCounter>();
  readonly #sendLogs = new Map<string, SendLog>();
  #refusals: RateLimitRefusals = emptyRefusals();

  /** Replaces the configuration and forgets every counter and refusal count. */
  set(config: RateLimitConfig): void {
    this.#config = validateRateLimits(config);
    this.resetCounters();
  }

  /** The configuration in force. */
  get config(): RateLimitConfig {
    return this.#config;
  }

  /** How many requests were refused, per code, since the limits were last set or reset. */
  get refusals(): RateLimitRefusals {
    return { ...this.#refusals };
  }

  /** True when no resource limit is configured (the fast path). */
  get resourcesOff(): boolean {
    return !this.#config.default && !this.#config.resources;
  }

  /**
   * Counts a REST request; throws the 429 error when over the limit. `POST /messages` and
   * `POST /calls` are not counted here: their limits answer 403 (see {@link checkSending}).
   */
  checkResource(userId: string, method: string, path: string): void {
    if (this.resourcesOff) return;
    const resource = resourceOfPath(path);
    if (!resource) return;
    if (method === 'POST' && /^\/v1\/users\/[^/]+\/(messages|calls)\/?$/.test(path)) return;
    const window =
      this.#config.resources?.[resource as RateLimitedResource] ?? this.#config.default;
    if (!window) return;
    const verdict = this.#count(`r:${userId}:${resource}`, window, 1);
    if (verdict.allowed) return;
    this.#refusals['rate-limit-reached'] += 1;
    const reset = String(verdict.resetAt);
    throw apiError(
      429,
      'too-many-requests',
      'rate-limit-reached',
      undefined,
      [{ name: 'rateLimitResetTime', value: reset }],
      { 'X-RateLimit-Reset': reset },
    );
  }

  /**
   * Counts `count` outbound messages or calls from `fromNumber`; throws 403 `limit`
   * (`message-rate-limit-per-tn`, `message-rate-limit-overall`, `call-rate-limit`) when the
   * number's or the account's average over the window would go over. A refused send is not
   * counted, and a send refused by one limit does not use up the other.
   */
  checkSending(kind: 'messages' | 'calls', userId: string, fromNumber: string, count = 1): void {
    const limits = this.#config[kind];
    if (!limits) return;
    const now = Date.now();
    const noun = kind === 'messages' ? 'messages' : 'calls';
    const verb = kind === 'messages' ? 'send' : 'create';
    const numberKey = `n:${kind}:${userId}:${fromNumber}`;
    const accountKey = `a:${kind}:${userId}`;
    if (limits.perNumber) {
      const verdict = this.#slide(numberKey, limits.perNumber, count, now);
      if (!verdict.allowed) {
        const code = kind === 'messages' ? 'message-rate-limit-per-tn' : 'call-rate-limit';
        this.#refusals[code] += 1;
        throw apiError(
          403,
          'limit',
          code,
          `${allowance(verb, noun, limits.perNumber)} per telephone number, calculated as the average over ${limits.perNumber.windowMs / 1000} seconds. Your rate is: ${formatRate(verdict.rate)} for telephone number ${fromNumber}`,
          [{ name: 'rateLimitResetTime', value: String(verdict.resetAt) }],
        );
      }
    }
    if (limits.perAccount) {
      const verdict = this.#slide(accountKey, limits.perAccount, count, now);
      if (!verdict.allowed) {
        const code = kind === 'messages' ? 'message-rate-limit-overall' : 'call-rate-limit';
        this.#refusals[code] += 1;
        throw apiError(
          403,
          'limit',
          code,
          `${allowance(verb, noun, limits.perAccount)}, calculated as the average over ${limits.perAccount.windowMs / 1000} seconds. Your rate is: ${formatRate(verdict.rate)}`,
          [{ name: 'rateLimitResetTime', value: String(verdict.resetAt) }],
        );
      }
    }
    if (limits.perNumber) this.#record(numberKey, count, now);
    if (limits.perAccount) this.#record(accountKey, count, now);
  }

  /** Forgets every counter and refusal count (reset). */
  resetCounters(): void {
    this.#counters.clear();
    this.#sendLogs.clear();
    this.#refusals = emptyRefusals();
  }

  #count(
    key: string,
    window: RateLimitWindow,
    count: number,
  ): { allowed: boolean; resetAt: number } {
    const now = Date.now();
    let counter = this.#counters.get(key);
    if (!counter || now >= counter.start + window.windowMs) {
      counter = { start: now, count: 0 };
      this.#counters.set(key, counter);
    }
    const resetAt = counter.start + window.windowMs;
    const wanted = counter.count + count;
    if (wanted > window.limit) return { allowed: false, resetAt };
    counter.count = wanted;
    return { allowed: true, resetAt };
  }

  /** The verdict for `count` more sends now; `rate` is per second over the window, them included. */
  #slide(
    key: string,
    window: RateLimitWindow,
    count: number,
    now: number,
  ): { allowed: boolean; resetAt: number; rate: number } {
    const log = this.#sendLogs.get(key);
    let inWindow = 0;
    if (log) {
      while (
        log.head < log.times.length &&
        (log.times[log.head] as number) <= now - window.windowMs
      )
        log.head += 1;
      if (log.head > 1024 && log.head * 2 > log.times.length) {
        log.times.splice(0, log.head);
        log.head = 0;
      }
      inWindow = log.times.length - log.head;
    }
    const wanted = inWindow + count;
    const rate = wanted / (window.windowMs / 1000);
    if (wanted <= window.limit) return { allowed: true, resetAt: now, rate };
    // Room for `count` opens when the sends that are too many have left the window.
    const leaving = wanted - window.limit;
    const oldest = log && leaving <= inWindow ? log.times[log.head + leaving - 1] : undefined;
    return { allowed: false, resetAt: (oldest ?? now) + window.windowMs, rate };
  }

  #record(key: string, count: number, now: number): void {
    let log = this.#sendLogs.get(key);
    if (!log) {
      log = { times: [], head: 0 };
      this.#sendLogs.set(key, log);
    }
    for (let index = 0; index < count; index += 1) log.times.push(now);
  }
}

function emptyRefusals(): RateLimitRefusals {
  return {
    'rate-limit-reached': 0,
    'message-rate-limit-per-tn': 0,
    'message-rate-limit-overall': 0,
    'call-rate-limit': 0,
  };
}

/** "You can send 1 messages per 1 seconds": the limit as a rate per second, as the API words it. */
function allowance(verb: string, noun: string, window: RateLimitWindow): string {
  return `You can ${verb} ${formatRate(window.limit / (window.windowMs / 1000))} ${noun} per 1 seconds`;
}
